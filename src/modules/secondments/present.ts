import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { availableActions, isWaitingFor, RULES } from "../../domain/secondment/workflow";
import type { Actor } from "../../kernel/actor";
import { departments, organizations } from "../organizations";
import { frameworkAgreements, onboardingItems, secondmentTransitions } from "./secondments.tables";
import { loadFacts } from "./facts";
import { workflowRoles } from "./who-acts";
import { MemberRow, SecondmentRow, hasDocuments, mayShowPersonName } from "./secondment-scope";
import { AGREED_OR_RUNNING, ONBOARDING_TEMPLATE } from "./secondment-rules";
import { unscopedRequestSummaryOf } from "../support-requests";

// A secondment as the API answers it: the caller's roles, actions and abilities, and only the
// fields the caller may see.

export async function present(db: Db | Tx, actor: Actor, s: SecondmentRow, member: MemberRow, detail: boolean) {
  const orgs = await db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(inArray(organizations.id, [s.organizationId, s.borrowerOrganizationId]));
  const orgName = (id: string) => orgs.find((o) => o.id === id)?.name ?? "";
  const isLender = actor.organizationId === s.organizationId;
  const showName = mayShowPersonName(actor, s, member);
  const request = s.requestId ? await unscopedRequestSummaryOf(db, s.requestId) : null;
  const [dep] = member.departmentId
    ? await db.select({ name: departments.name }).from(departments).where(eq(departments.id, member.departmentId))
    : [];
  const { roles } = await workflowRoles(db, actor, s, member);
  const facts = await loadFacts(db, s, member);
  const mySides = [...(roles.has("lender_org_admin") ? ["lender"] : []), ...(roles.has("borrower_org_admin") ? ["borrower"] : [])];
  const [{ openOwn }] = mySides.length
    ? await db
        .select({ openOwn: sql<number>`count(*)::int` })
        .from(onboardingItems)
        .where(
          and(
            eq(onboardingItems.secondmentId, s.id),
            eq(onboardingItems.status, "open"),
            inArray(onboardingItems.side, mySides as Array<"lender" | "borrower">),
          ),
        )
    : [{ openOwn: 0 }];
  const actions = availableActions(s.state, roles, facts);
  const isAgreedOrRunning = AGREED_OR_RUNNING.includes(s.state);
  const base = {
    id: s.id,
    state: s.state,
    lender: { id: s.organizationId, name: orgName(s.organizationId) },
    borrower: { id: s.borrowerOrganizationId, name: orgName(s.borrowerOrganizationId) },
    request: request ?? null,
    person: {
      name: showName ? member.name : null,
      jobTitle: member.jobTitle,
      payGroup: member.payGroup,
      department: isLender ? (dep?.name ?? null) : null,
      workEmail: showName ? member.workEmail : null,
    },
    startsOn: s.startsOn,
    endsOn: s.endsOn,
    hoursPerWeek: s.hoursPerWeek,
    place: s.place,
    tasks: s.tasks,
    settlementModel: s.settlementModel,
    employmentStatus: s.employmentStatus,
    legalBasis: s.legalBasis,
    councilStatus: s.councilStatus,
    councilDeadline: s.councilDeadline,
    isExtension: s.amendsId !== null,
    amendsId: s.amendsId,
    myRoles: [...roles],
    actions,
    actionsNeedingReason: actions.filter((a) => RULES[a].needsReason),
    /** A step or an onboarding item of the caller's side is due. */
    isWaitingForMe: isWaitingFor(s.state, roles, facts, openOwn),
    /** Only the lender sees which hearings are missing (the severe-disability one is sensitive). */
    missingHearings: isLender ? facts.missingHearings : null,
    hearingRecordedAt: isLender ? (s.hearingRecordedAt?.toISOString() ?? null) : null,
    sbvHearingRecordedAt: isLender ? (s.sbvHearingRecordedAt?.toISOString() ?? null) : null,
    updatedAt: s.updatedAt.toISOString(),
    abilities: {
      /** What `extendSecondment` allows: an HR office of either side, agreed or running. */
      extend: mySides.length > 0 && isAgreedOrRunning,
      downloadAgreement: hasDocuments({ state: s.state, person: { name: showName ? member.name : null } }),
      downloadOrder:
        s.employmentStatus === "civil_servant" && hasDocuments({ state: s.state, person: { name: showName ? member.name : null } }),
    },
  };
  if (!detail) return { ...base, timeline: [], onboarding: [], frameworkAgreement: null };
  const timeline = await db
    .select()
    .from(secondmentTransitions)
    .where(eq(secondmentTransitions.secondmentId, s.id))
    .orderBy(secondmentTransitions.at);
  const items = await db.select().from(onboardingItems).where(eq(onboardingItems.secondmentId, s.id));
  const [framework] = s.frameworkAgreementId
    ? await db
        .select({ id: frameworkAgreements.id, version: frameworkAgreements.version, title: frameworkAgreements.title })
        .from(frameworkAgreements)
        .where(eq(frameworkAgreements.id, s.frameworkAgreementId))
    : [];
  return {
    ...base,
    timeline: timeline.map((t) => ({
      action: t.action,
      fromState: t.fromState,
      toState: t.toState,
      // Before acceptance the borrower does not learn who declined or accepted.
      actorName: t.actorAccountId === member.accountId && !showName ? "Beschäftigte Person" : t.actorName,
      onBehalfOf: t.onBehalfOf,
      reason: t.reason,
      at: t.at.toISOString(),
    })),
    onboarding: ONBOARDING_TEMPLATE.flatMap((tpl) => {
      const item = items.find((i) => i.key === tpl.key);
      return item
        ? [
            {
              key: item.key,
              side: item.side,
              isRequired: item.isRequired,
              dueOn: item.dueOn,
              status: item.status,
              doneAt: item.doneAt?.toISOString() ?? null,
              /** What `updateOnboarding` allows: the HR office of the item's side, agreed or running. */
              canUpdate: isAgreedOrRunning && mySides.includes(item.side),
            },
          ]
        : [];
    }),
    frameworkAgreement: framework ?? null,
  };
}

export type SecondmentView = Awaited<ReturnType<typeof present>>;
