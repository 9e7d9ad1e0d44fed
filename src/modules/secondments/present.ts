import { and, eq, inArray, notInArray, sql } from "drizzle-orm";
import { secondmentReference } from "../../domain/secondment/reference";
import type { Db, Tx } from "../../db/client";
import {
  availableActions,
  isLongerThanThreeMonths,
  nextStepFor,
  RULES,
  waitingActions,
  type SecondmentState,
  type WorkflowFacts,
  type WorkflowRole,
} from "../../domain/secondment/workflow";
import type { Actor } from "../../kernel/actor";
import { principalsOf, unscopedDepartmentsWithActiveHead } from "../identity";
import { departments, organizations } from "../organizations";
import { supportRequestPolicy, unscopedRequestSummariesOf } from "../support-requests";
import { frameworkAgreements, onboardingItems, secondmentSettings, secondmentTransitions, type OnboardingKey } from "./secondments.tables";
import { dateInGermany, today } from "../../kernel/dates";
import { NOT_FOR_THE_EMPLOYER, rolesOfPrincipal } from "./who-acts";
import { MemberRow, SecondmentRow, hasDocuments, mayShowPersonName, unscopedChainsOf } from "./secondment-scope";
import { AGREED_OR_RUNNING, firstDayRefusal, ONBOARDING_TEMPLATE } from "./secondment-rules";
import { missingHearingsOf } from "./facts";
import { OVERHEAD_OPEN_STATES, overheadView, overheadViewOfRow } from "./framework-overhead";
import { historySentence, officialNameOf } from "./history";

// A secondment as the API answers it: the caller's roles, actions and abilities, and only the
// fields the caller may see. A page of secondments is presented in a fixed number of statements,
// whatever its length (test/query-count.test.ts): what each row needs is read for all rows at once.

/** A secondment with its person, as the readers load them. */
export interface SecondmentWithMember {
  s: SecondmentRow;
  m: MemberRow;
}

const DEFAULT_SETTINGS = { councilScope: "all" as const };

/**
 * What presenting rows needs beyond the rows, read for all of them at once: names, the caller's
 * principals (itself and whom it deputises for today), department heads, settings, the chains of
 * extensions, the onboarding counts and — for a staff council member — the employer steps it took.
 * The same facts `loadFacts` and `workflowRoles` read for one secondment when a step is decided.
 */
async function loadContext(db: Db | Tx, actor: Actor, rows: SecondmentWithMember[], items?: OnboardingItemRow[]) {
  const ids = rows.map((r) => r.s.id);
  const unique = <T>(xs: T[]) => [...new Set(xs)];
  // The administrations' names with their settings (the lender's decide on the staff council), in one statement.
  const orgs = await db
    .select({
      id: organizations.id,
      name: organizations.name,
      designation: organizations.designation,
      councilScope: secondmentSettings.councilScope,
    })
    .from(organizations)
    .leftJoin(secondmentSettings, eq(secondmentSettings.organizationId, organizations.id))
    .where(inArray(organizations.id, unique(rows.flatMap((r) => [r.s.organizationId, r.s.borrowerOrganizationId]))));
  const requests = await unscopedRequestSummariesOf(db, unique(rows.flatMap((r) => (r.s.requestId ? [r.s.requestId] : []))));
  const departmentIds = unique(rows.flatMap((r) => (r.m.departmentId ? [r.m.departmentId] : [])));
  // Nothing to ask when no row names a department or extends another (most detail pages): no statement.
  const deps =
    departmentIds.length === 0
      ? []
      : await db.select({ id: departments.id, name: departments.name }).from(departments).where(inArray(departments.id, departmentIds));
  // Departments with an active head in Verbund, per lending administration (else the HR office releases).
  const heads = await unscopedDepartmentsWithActiveHead(db, departmentIds);
  const principals = await principalsOf(db, actor);
  // Each extension with the ones it extends (an extension amends its original), as `unscopedChainOf` follows them.
  const extensions = rows.filter((r) => r.s.amendsId !== null).map((r) => r.s.id);
  const chains = extensions.length === 0 ? [] : await unscopedChainsOf(db, extensions);
  // The detail page reads its checklist anyway: its counts are taken from those items.
  const onboarding = items
    ? onboardingCountsOf(items)
    : await db
        .select({
          secondmentId: onboardingItems.secondmentId,
          openRequired: sql<number>`(count(*) filter (where ${onboardingItems.isRequired} and ${onboardingItems.status} = 'open'))::int`,
          openLender: sql<number>`(count(*) filter (where ${onboardingItems.side} = 'lender' and ${onboardingItems.status} = 'open'))::int`,
          openBorrower: sql<number>`(count(*) filter (where ${onboardingItems.side} = 'borrower' and ${onboardingItems.status} = 'open'))::int`,
          // The required items still open, as "key:side" in the checklist's order, for what starting waits for.
          openRequiredItems: sql<
            string[]
          >`coalesce(array_agg(${onboardingItems.key} || ':' || ${onboardingItems.side}) filter (where ${onboardingItems.isRequired} and ${onboardingItems.status} = 'open'), '{}')`,
        })
        .from(onboardingItems)
        .where(inArray(onboardingItems.secondmentId, ids))
        .groupBy(onboardingItems.secondmentId);
  // A staff council member who took an employer step in a secondment (or the one it extends) does not decide for the council.
  const actedForEmployer = actor.roles.includes("staff_council")
    ? await db
        .selectDistinct({ secondmentId: secondmentTransitions.secondmentId })
        .from(secondmentTransitions)
        .where(
          and(
            inArray(secondmentTransitions.secondmentId, unique([...ids, ...chains.map((c) => c.id)])),
            eq(secondmentTransitions.actorAccountId, actor.accountId),
            notInArray(secondmentTransitions.action, NOT_FOR_THE_EMPLOYER),
          ),
        )
    : [];
  const acted = new Set(actedForEmployer.map((a) => a.secondmentId));
  const chainOf = new Map<string, Array<{ id: string; startsOn: string }>>();
  for (const c of chains) chainOf.set(c.root, [...(chainOf.get(c.root) ?? []), { id: c.id, startsOn: c.startsOn }]);
  return {
    orgName: new Map(orgs.map((o) => [o.id, o.name])),
    officialName: new Map(orgs.map((o) => [o.id, officialNameOf(o)])),
    request: new Map(requests.map((r) => [r.id, r])),
    departmentName: new Map(deps.map((d) => [d.id, d.name])),
    hasHead: new Set(heads.map((h) => `${h.organizationId}/${h.departmentId}`)),
    principals,
    councilScope: new Map(orgs.flatMap((o) => (o.councilScope ? [[o.id, o.councilScope] as const] : []))),
    chainOf,
    acted,
    onboarding: new Map(onboarding.map((o) => [o.secondmentId, { ...o, openRequiredItems: inChecklistOrder(o.openRequiredItems) }])),
  };
}

type OnboardingItemRow = typeof onboardingItems.$inferSelect;

/** Where an item stands in the checklist ("key:side" entries are put in this order). */
const CHECKLIST_ORDER = new Map(ONBOARDING_TEMPLATE.map((t, i) => [`${t.key}:${t.side}`, i]));
const inChecklistOrder = (entries: string[]) =>
  [...entries].sort((a, b) => (CHECKLIST_ORDER.get(a) ?? Infinity) - (CHECKLIST_ORDER.get(b) ?? Infinity));

/** The onboarding counts of the items of one or more secondments, as the grouped statement in `loadContext` computes them. */
function onboardingCountsOf(items: OnboardingItemRow[]) {
  const bySecondment = new Map<
    string,
    { secondmentId: string; openRequired: number; openLender: number; openBorrower: number; openRequiredItems: string[] }
  >();
  for (const item of items) {
    let counts = bySecondment.get(item.secondmentId);
    if (!counts) {
      counts = { secondmentId: item.secondmentId, openRequired: 0, openLender: 0, openBorrower: 0, openRequiredItems: [] };
      bySecondment.set(item.secondmentId, counts);
    }
    if (item.status !== "open") continue;
    if (item.side === "lender") counts.openLender++;
    if (item.side === "borrower") counts.openBorrower++;
    if (item.isRequired) {
      counts.openRequired++;
      counts.openRequiredItems.push(`${item.key}:${item.side}`);
    }
  }
  return [...bySecondment.values()];
}

type Context = Awaited<ReturnType<typeof loadContext>>;

/** The caller's workflow roles in a secondment (as `workflowRoles` works them out for a step). */
function rolesIn(actor: Actor, ctx: Context, s: SecondmentRow, member: MemberRow): Set<WorkflowRole> {
  const roles = new Set<WorkflowRole>();
  const departmentHasHead = !!member.departmentId && ctx.hasHead.has(`${s.organizationId}/${member.departmentId}`);
  for (const p of ctx.principals) for (const r of rolesOfPrincipal(p, s, member, !p.isDeputy, departmentHasHead)) roles.add(r);
  if (roles.has("lender_staff_council")) {
    const chain = ctx.chainOf.get(s.id) ?? [{ id: s.id, startsOn: s.startsOn }];
    if (member.accountId === actor.accountId || chain.some((c) => ctx.acted.has(c.id))) roles.delete("lender_staff_council");
  }
  return roles;
}

/** The facts of the workflow rules for a secondment (as `loadFacts` reads them for a step). */
function factsOf(ctx: Context, s: SecondmentRow, member: MemberRow): WorkflowFacts {
  const chain = ctx.chainOf.get(s.id) ?? [{ id: s.id, startsOn: s.startsOn }];
  const startsOn = chain.reduce((min, c) => (c.startsOn < min ? c.startsOn : min), s.startsOn);
  const long = isLongerThanThreeMonths(startsOn, s.endsOn);
  const councilScope = ctx.councilScope.get(s.organizationId) ?? DEFAULT_SETTINGS.councilScope;
  const request = s.requestId ? ctx.request.get(s.requestId) : undefined;
  return {
    councilRequired: councilScope === "all" || long,
    councilStatus: s.councilStatus,
    councilDeadlinePassed: !!s.councilDeadline && s.councilDeadline < today(),
    inCrisis: !!request && request.isInActiveCrisis,
    missingHearings: missingHearingsOf(s, member, long),
    openRequiredOnboarding: ctx.onboarding.get(s.id)?.openRequired ?? 0,
    startsOn: s.startsOn,
    isBeforeStart: today() < s.startsOn,
  };
}

/** Before the employee's acceptance nobody has asked the staff council yet. */
const BEFORE_ACCEPTANCE: readonly SecondmentState[] = ["proposed", "released", "approved"];
/** Ended before the council had a part: declined, withdrawn, or called off while nobody had asked it. */
const ENDED_BEFORE_ACCEPTANCE: readonly SecondmentState[] = ["declined", "withdrawn", "cancelled"];

/**
 * What the page says about the staff council where its status alone would mislead: before the
 * acceptance "not_required" only means "not asked yet". `will_be_asked` (the lender's rule sends
 * it to the council once the person accepts), `not_required` (and why), `not_asked` (ended before
 * anyone asked); null where the status says it (pending, consented …).
 */
function councilOutlookOf(ctx: Context, s: SecondmentRow, facts: WorkflowFacts) {
  if (s.councilStatus !== "not_required") return null;
  const councilScope = ctx.councilScope.get(s.organizationId) ?? DEFAULT_SETTINGS.councilScope;
  const because =
    councilScope === "all"
      ? ("every_secondment" as const)
      : facts.councilRequired
        ? ("longer_than_three_months" as const)
        : ("at_most_three_months" as const);
  // A cancelled one without a council status was called off before the council had a part (or needed none).
  if (ENDED_BEFORE_ACCEPTANCE.includes(s.state)) {
    return { kind: "not_asked" as const, because: null };
  }
  if (BEFORE_ACCEPTANCE.includes(s.state)) {
    return facts.councilRequired ? { kind: "will_be_asked" as const, because } : { kind: "not_required" as const, because };
  }
  return { kind: "not_required" as const, because: "at_most_three_months" as const };
}

/** Secondments as the list answers them (no timeline, checklist or framework agreement), in a fixed number of statements. */
export async function presentMany(db: Db | Tx, actor: Actor, rows: SecondmentWithMember[], items?: OnboardingItemRow[]) {
  if (rows.length === 0) return [];
  const ctx = await loadContext(db, actor, rows, items);
  return rows.map(({ s, m }) => ({ ...presentOne(actor, ctx, s, m), timeline: [], onboarding: [], frameworkAgreement: null }));
}

function presentOne(actor: Actor, ctx: Context, s: SecondmentRow, member: MemberRow) {
  const orgName = (id: string) => ctx.orgName.get(id) ?? "";
  const officialName = (id: string) => ctx.officialName.get(id) ?? orgName(id);
  const isLender = actor.organizationId === s.organizationId;
  const showName = mayShowPersonName(actor, s, member);
  const request = s.requestId ? ctx.request.get(s.requestId) : undefined;
  const dep = member.departmentId ? ctx.departmentName.get(member.departmentId) : undefined;
  const roles = rolesIn(actor, ctx, s, member);
  const facts = factsOf(ctx, s, member);
  const mySides = [...(roles.has("lender_org_admin") ? ["lender"] : []), ...(roles.has("borrower_org_admin") ? ["borrower"] : [])];
  const counts = ctx.onboarding.get(s.id);
  const openOwn =
    (mySides.includes("lender") ? (counts?.openLender ?? 0) : 0) + (mySides.includes("borrower") ? (counts?.openBorrower ?? 0) : 0);
  const actions = availableActions(s.state, roles, facts);
  const nextStep = nextStepFor(s.state, roles, facts, openOwn);
  const isAgreedOrRunning = AGREED_OR_RUNNING.includes(s.state);
  return {
    id: s.id,
    /** The short reference both administrations see, also on statement lines ("A-3F2C9B1E"). */
    reference: secondmentReference(s.id),
    state: s.state,
    lender: { id: s.organizationId, name: orgName(s.organizationId), officialName: officialName(s.organizationId) },
    borrower: {
      id: s.borrowerOrganizationId,
      name: orgName(s.borrowerOrganizationId),
      officialName: officialName(s.borrowerOrganizationId),
    },
    request: request ? { id: request.id, title: request.title, department: request.department } : null,
    person: {
      name: showName ? member.name : null,
      jobTitle: member.jobTitle,
      payGroup: member.payGroup,
      department: isLender ? (dep ?? null) : null,
      workEmail: showName ? member.workEmail : null,
    },
    startsOn: s.startsOn,
    endsOn: s.endsOn,
    hoursPerWeek: s.hoursPerWeek,
    place: s.place,
    tasks: s.tasks,
    /** Where the person goes: the receiving administration and department, address, whom to ask, and the first day. */
    destination: {
      administration: officialName(s.borrowerOrganizationId),
      department: request?.department ?? null,
      address: request?.placeAddress ?? null,
      contact: request?.contact ?? null,
      firstDay: { date: s.startsOn, time: s.firstDayTime, place: s.firstDayPlace, note: s.firstDayNote },
    },
    settlementModel: s.settlementModel,
    /** The agreement's overhead surcharge (the framework agreement's percentage is added on the detail). */
    overhead: overheadViewOfRow(s),
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
    isWaitingForMe: nextStep !== null,
    /** The step that waits for the caller ("Bei Ihnen zu erledigen: …"), or its side's onboarding items. */
    nextStepForMe: nextStep,
    /** The caller's steps that are not possible yet, each with what it waits for. */
    waitingFor: waitingActions(s.state, roles, facts).map(({ action, code }) => ({
      action,
      code,
      items:
        code === "onboarding_open"
          ? (counts?.openRequiredItems ?? []).map((entry) => {
              const [key, side] = entry.split(":") as [OnboardingKey, "lender" | "borrower"];
              return { key, party: orgName(side === "lender" ? s.organizationId : s.borrowerOrganizationId) };
            })
          : [],
      date: code === "before_start" ? s.startsOn : null,
      hearings: code === "hearing_missing" ? [...facts.missingHearings] : [],
    })),
    councilOutlook: councilOutlookOf(ctx, s, facts),
    /** Only the lender sees which hearings are missing (the severe-disability one is sensitive). */
    missingHearings: isLender ? [...facts.missingHearings] : null,
    hearingRecordedAt: isLender ? (s.hearingRecordedAt?.toISOString() ?? null) : null,
    sbvHearingRecordedAt: isLender ? (s.sbvHearingRecordedAt?.toISOString() ?? null) : null,
    updatedAt: s.updatedAt.toISOString(),
    abilities: {
      /** What `extendSecondment` allows: an HR office of either side, agreed or running. */
      extend: mySides.length > 0 && isAgreedOrRunning,
      downloadAgreement: hasDocuments({ state: s.state, person: { name: showName ? member.name : null } }),
      downloadOrder:
        s.employmentStatus === "civil_servant" && hasDocuments({ state: s.state, person: { name: showName ? member.name : null } }),
      /** Whether the caller may open the request (a link the caller cannot open is not shown). */
      openRequest: !!request && supportRequestPolicy.can(actor, "list"),
      /** What `updateFirstDay` allows: the receiving HR office, from the acceptance to the end of the deployment. */
      editFirstDay: firstDayRefusal(roles, s.state) === null,
      /** What `updateOverhead` allows: the lending HR office, until the borrower confirms the agreement. */
      editOverhead: roles.has("lender_org_admin") && (OVERHEAD_OPEN_STATES as readonly string[]).includes(s.state),
    },
  };
}

/** One secondment; with `detail` its timeline, checklist and framework agreement too. */
export async function present(db: Db | Tx, actor: Actor, s: SecondmentRow, member: MemberRow, detail: boolean) {
  // The detail's checklist is read first: the counts of the page come from it (one statement less).
  const items = detail ? await db.select().from(onboardingItems).where(eq(onboardingItems.secondmentId, s.id)) : undefined;
  const [base] = await presentMany(db, actor, [{ s, m: member }], items);
  const showName = base.person.name !== null;
  const isAgreedOrRunning = AGREED_OR_RUNNING.includes(s.state);
  const mySides = [
    ...(base.myRoles.includes("lender_org_admin") ? ["lender"] : []),
    ...(base.myRoles.includes("borrower_org_admin") ? ["borrower"] : []),
  ];
  if (!detail) return base;
  const timeline = await db
    .select()
    .from(secondmentTransitions)
    .where(eq(secondmentTransitions.secondmentId, s.id))
    .orderBy(secondmentTransitions.at);
  const [framework] = s.frameworkAgreementId
    ? await db
        .select({ id: frameworkAgreements.id, version: frameworkAgreements.version, title: frameworkAgreements.title })
        .from(frameworkAgreements)
        .where(eq(frameworkAgreements.id, s.frameworkAgreementId))
    : [];
  const isLender = actor.organizationId === s.organizationId;
  // Started before the agreed day: the first day was the day of that step, not the agreed start.
  const early = timeline.find((t) => t.action === "activate_early");
  const destination = early
    ? { ...base.destination, firstDay: { ...base.destination.firstDay, date: dateInGermany(early.at) } }
    : base.destination;
  return {
    ...base,
    overhead: await overheadView(db, s),
    destination,
    // The severe-disability hearing is the lender's to know: the borrower's history does not show it.
    timeline: timeline
      .filter((t) => isLender || t.action !== "record_sbv_hearing")
      .map((t) => ({
        action: t.action,
        fromState: t.fromState,
        toState: t.toState,
        // Before acceptance the borrower does not learn who declined or accepted.
        actorName: t.actorAccountId === member.accountId && !showName ? "Beschäftigte Person" : t.actorName,
        onBehalfOf: t.onBehalfOf,
        reason: t.reason,
        at: t.at.toISOString(),
        /** What happened, as a sentence in German and English ("Personalamt Wunstorf hat genehmigt"). */
        event: historySentence({
          action: t.action,
          actorName: t.actorName,
          actingAs: t.actingAs,
          at: t.at,
          lender: base.lender,
          borrower: base.borrower,
          personName: base.person.name,
          startsOn: s.startsOn,
        }),
      })),
    onboarding: ONBOARDING_TEMPLATE.flatMap((tpl) => {
      const item = items!.find((i) => i.key === tpl.key);
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
