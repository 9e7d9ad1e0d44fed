import { and, desc, eq, gte, inArray, lte, ne, notInArray, or, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { lockFor } from "../../db/locks";
import { coversPeriod, ineligibility } from "../../domain/allocation/eligibility";
import {
  availableActions,
  BLOCKING_STATES,
  isWaitingFor,
  councilStatusAfter,
  decide,
  isLongerThanThreeMonths,
  NAME_VISIBLE_TO_BORROWER,
  nextFreeInterval,
  daysInclusive,
  RULES,
  type Action,
  type SecondmentState,
  type WorkflowFacts,
  type WorkflowRole,
} from "../../domain/secondment/workflow";
import { AppError } from "../../server/problems";
import { addDays, addWorkingDays, germanDate, stateOfAgs, today } from "../../kernel/dates";
import { notifyNext } from "./secondment-mail";
import { recordAudit } from "../audit/record-audit";
import type { Actor } from "../identity/actor";
import { accountRoles, accounts } from "../identity/identity.tables";
import type { Role } from "../identity/roles";
import { departments, organizations } from "../organizations/organizations.tables";
import { availabilityWindows, poolMembers } from "../pool/pool.tables";
import { crises, supportRequests } from "../support-requests/support-requests.tables";
import { getSupportRequest, loadCandidates } from "../support-requests/support-requests";
import { hasDocuments } from "./agreement-pdf";
import { updateRequestFill } from "./request-fill";
import { ORGANIZATION_VIEW_ROLES } from "./secondments.policy";
import {
  departmentCaps,
  deputies,
  frameworkAgreements,
  onboardingItems,
  secondmentSettings,
  secondmentTransitions,
  secondments,
  type OnboardingKey,
} from "./secondments.tables";

type SecondmentRow = typeof secondments.$inferSelect;
type MemberRow = typeof poolMembers.$inferSelect;

const BLOCKING = [...BLOCKING_STATES];

/** The legal basis of a secondment by employment status. */
export const legalBasisOf = (status: "employee" | "civil_servant") =>
  status === "civil_servant" ? "§ 27 NBG (Abordnung von Beamtinnen und Beamten)" : "§ 4 Abs. 1 TVöD (Abordnung)";

/** From the agreement to the end of the deployment: onboarding items are ticked and extensions proposed. */
const AGREED_OR_RUNNING: readonly SecondmentState[] = ["agreed", "onboarding", "active"];

/** The default onboarding checklist: responsible side and whether the secondment may start without it. */
export const ONBOARDING_TEMPLATE: Array<{ key: OnboardingKey; side: "lender" | "borrower"; isRequired: boolean }> = [
  { key: "it_account", side: "borrower", isRequired: true },
  { key: "device", side: "lender", isRequired: true },
  { key: "workplace", side: "borrower", isRequired: true },
  { key: "badge", side: "borrower", isRequired: false },
  { key: "briefing", side: "borrower", isRequired: true },
];

// ---------------------------------------------------------------------------------------------
// Who the actor is in a secondment

interface Principal {
  accountId: string;
  login: string;
  displayName: string;
  organizationId: string;
  departmentId: string | null;
  roles: Role[];
}

/** The accounts the actor acts for today: itself, and everyone who named it as deputy for today. */
async function principalsOf(db: Db | Tx, actor: Actor): Promise<Array<Principal & { isDeputy: boolean }>> {
  const self = { ...actor, roles: [...actor.roles], isDeputy: false };
  const day = today();
  const rows = await db
    .select({ principal: accounts, role: accountRoles.role })
    .from(deputies)
    .innerJoin(accounts, eq(accounts.id, deputies.principalAccountId))
    .innerJoin(accountRoles, eq(accountRoles.accountId, accounts.id))
    .where(
      and(
        eq(deputies.deputyAccountId, actor.accountId),
        eq(deputies.organizationId, actor.organizationId),
        lte(deputies.startsOn, day),
        gte(deputies.endsOn, day),
        eq(accounts.isActive, true),
      ),
    );
  const byId = new Map<string, Principal & { isDeputy: boolean }>();
  for (const r of rows) {
    // A deputy stands in for department heads and HR officers, not for the staff council or an employee.
    if (r.role !== "org_admin" && r.role !== "department_head") continue;
    const p = byId.get(r.principal.id) ?? {
      accountId: r.principal.id,
      login: r.principal.login,
      displayName: r.principal.displayName,
      organizationId: r.principal.organizationId,
      departmentId: r.principal.departmentId,
      roles: [],
      isDeputy: true,
    };
    p.roles.push(r.role);
    byId.set(p.accountId, p);
  }
  return [self, ...byId.values()];
}

function rolesOfPrincipal(p: Principal, s: SecondmentRow, member: MemberRow, isSelf: boolean, departmentHasHead: boolean): WorkflowRole[] {
  const out: WorkflowRole[] = [];
  const has = (r: Role) => p.roles.includes(r);
  if (p.organizationId === s.organizationId) {
    if (has("org_admin")) out.push("lender_org_admin");
    if (has("department_head") && member.departmentId && p.departmentId === member.departmentId) out.push("lender_department_head");
    // Without a department, or where the department has no head in Verbund, the HR office releases.
    if (has("org_admin") && (!member.departmentId || !departmentHasHead)) out.push("lender_department_head");
    if (isSelf && has("staff_council")) out.push("lender_staff_council");
    // A member without an account gives the declaration in writing; the HR office records it.
    if (has("org_admin") && !member.accountId) out.push("employee");
  }
  if (isSelf && member.accountId === p.accountId) out.push("employee");
  if (p.organizationId === s.borrowerOrganizationId && has("org_admin")) out.push("borrower_org_admin");
  return out;
}

/** The workflow roles the actor holds in a secondment, and for each the principal when a deputy acts. */
async function workflowRoles(db: Db | Tx, actor: Actor, s: SecondmentRow, member: MemberRow) {
  const roles = new Set<WorkflowRole>();
  const onBehalfOf = new Map<WorkflowRole, Principal>();
  const [{ heads }] = member.departmentId
    ? await db
        .select({ heads: sql<number>`count(*)::int` })
        .from(accounts)
        .innerJoin(accountRoles, eq(accountRoles.accountId, accounts.id))
        .where(
          and(
            eq(accounts.organizationId, s.organizationId),
            eq(accounts.departmentId, member.departmentId),
            eq(accountRoles.role, "department_head"),
            eq(accounts.isActive, true),
          ),
        )
    : [{ heads: 0 }];
  for (const p of await principalsOf(db, actor)) {
    for (const r of rolesOfPrincipal(p, s, member, !p.isDeputy, heads > 0)) {
      if (!roles.has(r)) {
        roles.add(r);
        if (p.isDeputy) onBehalfOf.set(r, p);
      }
    }
  }
  const councilExcluded = roles.has("lender_staff_council") && (await isExcludedFromCouncil(db, actor, s, member));
  if (councilExcluded) roles.delete("lender_staff_council");
  return { roles, onBehalfOf, councilExcluded };
}

/** Steps that are not the employer's: the employee's own and the staff council's. */
const NOT_FOR_THE_EMPLOYER: Action[] = ["accept", "decline", "council_consent", "council_refuse", "council_deemed", "withdraw"];

/**
 * The staff council decides independently of the employer (NPersVG): a council member who took a
 * step for the employer in this secondment (or the one it extends) — proposed, released,
 * approved, confirmed … — or whom the secondment concerns does not decide for the council.
 * Guarded by `council-independence.test.ts`.
 */
async function isExcludedFromCouncil(db: Db | Tx, actor: Actor, s: SecondmentRow, member: MemberRow): Promise<boolean> {
  if (member.accountId === actor.accountId) return true;
  const chain = (await chainOf(db, s)).map((c) => c.id);
  const [acted] = await db
    .select({ id: secondmentTransitions.id })
    .from(secondmentTransitions)
    .where(
      and(
        inArray(secondmentTransitions.secondmentId, chain),
        eq(secondmentTransitions.actorAccountId, actor.accountId),
        notInArray(secondmentTransitions.action, NOT_FOR_THE_EMPLOYER),
      ),
    )
    .limit(1);
  return !!acted;
}

// ---------------------------------------------------------------------------------------------
// Facts for the guards

export async function settingsOf(db: Db | Tx, organizationId: string) {
  const [row] = await db.select().from(secondmentSettings).where(eq(secondmentSettings.organizationId, organizationId));
  return row ?? { councilScope: "all" as const, councilDeadlineWorkingDays: 10, maxLentTotal: null };
}

/** A secondment and the ones it extends, the secondment first (an extension amends its original). */
async function chainOf(db: Db | Tx, s: SecondmentRow): Promise<SecondmentRow[]> {
  const chain = [s];
  for (let cursor = s.amendsId; cursor;) {
    const [prev] = await db.select().from(secondments).where(eq(secondments.id, cursor));
    if (!prev || chain.some((c) => c.id === prev.id)) break;
    chain.push(prev);
    cursor = prev.amendsId;
  }
  return chain;
}

/** The whole period of a secondment with the ones it extends (an extension counts with its original). */
async function chainPeriod(db: Db | Tx, s: SecondmentRow) {
  const startsOn = (await chainOf(db, s)).reduce((min, c) => (c.startsOn < min ? c.startsOn : min), s.startsOn);
  return { startsOn, endsOn: s.endsOn };
}

async function loadFacts(db: Db | Tx, s: SecondmentRow, member: MemberRow): Promise<WorkflowFacts> {
  const settings = await settingsOf(db, s.organizationId);
  const whole = await chainPeriod(db, s);
  const long = isLongerThanThreeMonths(whole.startsOn, whole.endsOn);
  const councilRequired = settings.councilScope === "all" || long;
  let inCrisis = false;
  if (s.requestId) {
    const [row] = await db
      .select({ urgency: supportRequests.urgency, endedAt: crises.endedAt })
      .from(supportRequests)
      .leftJoin(crises, eq(crises.id, supportRequests.crisisId))
      .where(eq(supportRequests.id, s.requestId));
    inCrisis = !!row && row.urgency === "crisis" && row.endedAt === null;
  }
  const missingHearings =
    (s.employmentStatus === "employee" && long && !s.hearingRecordedAt ? 1 : 0) +
    (member.recordsSevereDisability && !s.sbvHearingRecordedAt ? 1 : 0);
  const [{ open }] = await db
    .select({ open: sql<number>`count(*)::int` })
    .from(onboardingItems)
    .where(and(eq(onboardingItems.secondmentId, s.id), eq(onboardingItems.isRequired, true), eq(onboardingItems.status, "open")));
  return {
    councilRequired,
    councilStatus: s.councilStatus,
    councilDeadlinePassed: !!s.councilDeadline && s.councilDeadline < today(),
    inCrisis,
    missingHearings,
    openRequiredOnboarding: open,
  };
}

// ---------------------------------------------------------------------------------------------
// Guards that need the database: overlap and caps

/** Refuses when the member has another blocking secondment in the period; names the next free interval. */
async function assertNoOverlap(db: Db | Tx, memberId: string, period: { startsOn: string; endsOn: string }, exceptId?: string) {
  const busy = await db
    .select({ startsOn: secondments.startsOn, endsOn: secondments.endsOn })
    .from(secondments)
    .where(
      and(
        eq(secondments.memberId, memberId),
        inArray(secondments.state, BLOCKING),
        exceptId ? ne(secondments.id, exceptId) : undefined,
        lte(secondments.startsOn, period.endsOn),
        gte(secondments.endsOn, period.startsOn),
      ),
    );
  if (busy.length === 0) return;
  const all = await db
    .select({ startsOn: secondments.startsOn, endsOn: secondments.endsOn })
    .from(secondments)
    .where(
      and(eq(secondments.memberId, memberId), inArray(secondments.state, BLOCKING), exceptId ? ne(secondments.id, exceptId) : undefined),
    );
  const free = nextFreeInterval(all, period.startsOn, daysInclusive(period.startsOn, period.endsOn));
  throw new AppError("conflict", {
    fields: [
      {
        field: "period",
        in: "body",
        rule: "overlap",
        message: {
          de: `Die Person ist im Zeitraum ${germanDate(busy[0].startsOn)}–${germanDate(busy[0].endsOn)} bereits abgeordnet oder fest eingeplant. Frei ist sie wieder für ${germanDate(free.startsOn)}–${germanDate(free.endsOn)}.`,
          en: `The person is already seconded or firmly planned for ${busy[0].startsOn} to ${busy[0].endsOn}. The next free period of the same length is ${free.startsOn} to ${free.endsOn}.`,
        },
      },
    ],
  });
}

/** How many people of an administration (or one department) are lent in blocking states at any day of the period, at most. */
async function lentInPeriod(
  db: Db | Tx,
  organizationId: string,
  departmentId: string | null,
  period: { startsOn: string; endsOn: string },
  exceptId: string,
) {
  const rows = await db
    .select({ startsOn: secondments.startsOn, endsOn: secondments.endsOn })
    .from(secondments)
    .innerJoin(poolMembers, eq(poolMembers.id, secondments.memberId))
    .where(
      and(
        eq(secondments.organizationId, organizationId),
        departmentId ? eq(poolMembers.departmentId, departmentId) : undefined,
        inArray(secondments.state, BLOCKING),
        ne(secondments.id, exceptId),
        lte(secondments.startsOn, period.endsOn),
        gte(secondments.endsOn, period.startsOn),
      ),
    );
  // The peak: the largest number of overlapping periods at a start date inside the period.
  const points = [period.startsOn, ...rows.map((r) => r.startsOn).filter((d) => d > period.startsOn)];
  return Math.max(0, ...points.map((d) => rows.filter((r) => r.startsOn <= d && r.endsOn >= d).length));
}

/** Refuses a release that would lend more people than a department's or the administration's cap allows. */
async function assertWithinCaps(db: Db | Tx, s: SecondmentRow, member: MemberRow) {
  const settings = await settingsOf(db, s.organizationId);
  if (member.departmentId) {
    const [cap] = await db.select().from(departmentCaps).where(eq(departmentCaps.departmentId, member.departmentId));
    if (cap) {
      const lent = await lentInPeriod(db, s.organizationId, member.departmentId, s, s.id);
      if (lent + 1 > cap.maxLent) {
        const [dep] = await db.select({ name: departments.name }).from(departments).where(eq(departments.id, member.departmentId));
        throw capProblem(
          `Der Fachbereich ${dep?.name ?? ""} darf höchstens ${cap.maxLent} Personen gleichzeitig abgeben (Mindestbesetzung); im Zeitraum sind bereits ${lent} abgeordnet oder zugesagt.`,
          `The department ${dep?.name ?? ""} may lend at most ${cap.maxLent} people at the same time (minimum staffing); ${lent} are already lent or committed in the period.`,
        );
      }
    }
  }
  if (settings.maxLentTotal !== null) {
    const lent = await lentInPeriod(db, s.organizationId, null, s, s.id);
    if (lent + 1 > settings.maxLentTotal) {
      throw capProblem(
        `Die Verwaltung darf höchstens ${settings.maxLentTotal} Personen gleichzeitig abgeben; im Zeitraum sind bereits ${lent} abgeordnet oder zugesagt.`,
        `The administration may lend at most ${settings.maxLentTotal} people at the same time; ${lent} are already lent or committed in the period.`,
      );
    }
  }
}

const capProblem = (de: string, en: string) =>
  new AppError("conflict", { fields: [{ field: "action", in: "body", rule: "cap_reached", message: { de, en } }] });

// ---------------------------------------------------------------------------------------------
// Reading

/**
 * Secondments the actor may see: of its administration as lender or borrower (for the roles that
 * see the administration's secondments, and for their deputies today), or its own as employee.
 */
async function visibleTo(db: Db | Tx, actor: Actor) {
  const ownAsEmployee = sql`${secondments.memberId} in (select id from pool_members where account_id = ${actor.accountId})`;
  const orgView = actor.roles.some((r) => ORGANIZATION_VIEW_ROLES.includes(r)) || (await principalsOf(db, actor)).some((p) => p.isDeputy);
  if (!orgView) return and(eq(secondments.regionId, actor.regionId), ownAsEmployee);
  return and(
    eq(secondments.regionId, actor.regionId),
    or(eq(secondments.organizationId, actor.organizationId), eq(secondments.borrowerOrganizationId, actor.organizationId), ownAsEmployee),
  );
}

async function loadVisible(db: Db | Tx, actor: Actor, id: string) {
  const [row] = await db
    .select({ s: secondments, m: poolMembers })
    .from(secondments)
    .innerJoin(poolMembers, eq(poolMembers.id, secondments.memberId))
    .where(and(await visibleTo(db, actor), eq(secondments.id, id)));
  if (!row) throw new AppError("not_found");
  return row;
}

/**
 * Locks a secondment for a change and reads it afresh: first its person, then the secondment
 * (`FOR UPDATE`), always in this order, so that every step on one person — and so the overlap
 * check — runs one at a time, and a step decides on the state as it is now, not as it was
 * before the lock. Every change of a secondment goes through here.
 */
async function lockSecondment(tx: Tx, id: string): Promise<{ s: SecondmentRow; m: MemberRow }> {
  const [found] = await tx.select({ memberId: secondments.memberId }).from(secondments).where(eq(secondments.id, id));
  if (!found) throw new AppError("not_found");
  const [m] = await tx.select().from(poolMembers).where(eq(poolMembers.id, found.memberId)).for("update");
  const [s] = await tx.select().from(secondments).where(eq(secondments.id, id)).for("update");
  return { s, m };
}

/** A secondment the actor may see, locked for a change (see {@link lockSecondment}); 404 otherwise. */
async function loadVisibleForUpdate(tx: Tx, actor: Actor, id: string) {
  await loadVisible(tx, actor, id);
  return lockSecondment(tx, id);
}

async function present(db: Db | Tx, actor: Actor, s: SecondmentRow, member: MemberRow, detail: boolean) {
  const orgs = await db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(inArray(organizations.id, [s.organizationId, s.borrowerOrganizationId]));
  const orgName = (id: string) => orgs.find((o) => o.id === id)?.name ?? "";
  const isLender = actor.organizationId === s.organizationId;
  const isEmployee = member.accountId === actor.accountId;
  const showName = isLender || isEmployee || NAME_VISIBLE_TO_BORROWER.has(s.state);
  const [request] = s.requestId
    ? await db
        .select({ id: supportRequests.id, title: supportRequests.title })
        .from(supportRequests)
        .where(eq(supportRequests.id, s.requestId))
    : [];
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

/** The actor's secondments, newest first; `filter=todo` keeps those where the actor has a step to take. */
export async function listSecondments(db: Db, actor: Actor, filter: { state?: SecondmentState; todo?: boolean } = {}) {
  const rows = await db
    .select({ s: secondments, m: poolMembers })
    .from(secondments)
    .innerJoin(poolMembers, eq(poolMembers.id, secondments.memberId))
    .where(and(await visibleTo(db, actor), filter.state ? eq(secondments.state, filter.state) : undefined))
    .orderBy(desc(secondments.updatedAt))
    .limit(500);
  const out = [];
  for (const r of rows) out.push(await present(db, actor, r.s, r.m, false));
  return filter.todo ? out.filter((s) => s.isWaitingForMe) : out;
}

export async function getSecondment(db: Db | Tx, actor: Actor, id: string) {
  const { s, m } = await loadVisible(db, actor, id);
  return present(db, actor, s, m, true);
}

// ---------------------------------------------------------------------------------------------
// Writing

/**
 * The lender's HR office proposes one of its pool members for another administration's open
 * request (the offer of "Mutual support I" opens this proposal). The member must be eligible and
 * free in the period.
 */
export async function proposeSecondment(db: Db, actor: Actor, input: { requestId: string; memberId: string }, baseUrl: string) {
  return db.transaction(async (tx) => {
    const request = await getSupportRequest(tx, actor, input.requestId);
    const asBorrower = request.abilities.proposeFromRegion;
    if (!request.abilities.offer && !asBorrower) {
      throw new AppError("conflict", {
        message: { de: "Für diese Anfrage können Sie niemanden anbieten.", en: "You cannot offer anyone for this request." },
      });
    }
    // The lender offers its own people; the borrower proposes anyone of the region but its own.
    const candidate = (await loadCandidates(tx, asBorrower ? { region: actor.regionId } : actor.organizationId)).find(
      (c) => c.id === input.memberId,
    );
    if (!candidate) throw new AppError("not_found");
    const { row, member } = await openCheckedProposal(
      tx,
      actor,
      request,
      candidate,
      asBorrower ? "Vorschlag der anfragenden Verwaltung aus dem Pool der Region" : null,
      baseUrl,
    );
    return present(tx, actor, row, member, true);
  });
}

/**
 * Proposes a pool member for a request after checking what holds for every proposal: the member
 * is eligible, not yet offered for the request, and free in the period. Used by offers, by the
 * borrower's proposals and by committing an allocation run.
 */
export async function openCheckedProposal(
  tx: Tx,
  actor: Actor,
  request: Awaited<ReturnType<typeof getSupportRequest>>,
  candidate: Awaited<ReturnType<typeof loadCandidates>>[number],
  reason: string | null,
  baseUrl: string,
) {
  // Proposals of one person run one at a time (and with the person's workflow steps); what the
  // checks read is read again under that lock.
  const [locked] = await tx.select({ id: poolMembers.id }).from(poolMembers).where(eq(poolMembers.id, candidate.id)).for("update");
  const [fresh] = locked ? await loadCandidates(tx, candidate.organizationId, { memberIds: [candidate.id] }) : [];
  const [current] = await tx.select({ status: supportRequests.status }).from(supportRequests).where(eq(supportRequests.id, request.id));
  if (!current || !["open", "partly_filled"].includes(current.status)) {
    throw new AppError("conflict", {
      message: { de: "Die Anfrage ist nicht mehr offen.", en: "The request is no longer open." },
    });
  }
  if (!fresh) throw new AppError("not_found");
  candidate = fresh;
  const ineligible = ineligibility(candidate, {
    ...request,
    organizationId: request.organization.id,
    requiredQualificationIds: request.requiredQualifications.map((q) => q.id),
  });
  if (ineligible) {
    throw new AppError("validation", {
      fields: [
        {
          field: "memberId",
          in: "body",
          rule: `ineligible_${ineligible}`,
          message: {
            de: "Diese Person erfüllt die Anforderungen der Anfrage nicht.",
            en: "This person does not meet the request's requirements.",
          },
        },
      ],
    });
  }
  const [existing] = await tx
    .select({ id: secondments.id })
    .from(secondments)
    .where(
      and(
        eq(secondments.requestId, request.id),
        eq(secondments.memberId, candidate.id),
        inArray(secondments.state, ["proposed", ...BLOCKING, "completed"]),
      ),
    );
  if (existing)
    throw new AppError("conflict", {
      message: { de: "Diese Person ist bereits angeboten.", en: "This person has been offered already." },
    });
  await assertNoOverlap(tx, candidate.id, request);
  const [member] = await tx.select().from(poolMembers).where(eq(poolMembers.id, candidate.id));
  const row = await openProposal(
    tx,
    actor,
    member,
    {
      regionId: actor.regionId,
      organizationId: member.organizationId,
      borrowerOrganizationId: request.organization.id,
      requestId: request.id,
      memberId: member.id,
      startsOn: request.startsOn,
      endsOn: request.endsOn,
      hoursPerWeek: request.hoursPerWeek,
      place: request.isRemotePossible
        ? `${request.placeAddress ?? request.organization.name} (mobiles Arbeiten möglich)`
        : (request.placeAddress ?? request.organization.name),
      tasks: request.tasks,
      settlementModel: request.settlementModel,
      employmentStatus: member.employmentStatus,
      legalBasis: legalBasisOf(member.employmentStatus),
    },
    reason,
    baseUrl,
  );
  return { row, member };
}

/**
 * Opens a proposal — a new secondment or an extension: the row, the first timeline entry, the
 * audit entry (owned by the lender, `party`), and the e-mail to the lender's department head.
 */
async function openProposal(
  tx: Tx,
  actor: Actor,
  member: MemberRow,
  values: Omit<typeof secondments.$inferInsert, "state" | "proposedBy">,
  reason: string | null,
  baseUrl: string,
) {
  const [row] = await tx
    .insert(secondments)
    .values({ ...values, state: "proposed", proposedBy: actor.accountId })
    .returning();
  await tx.insert(secondmentTransitions).values({
    secondmentId: row.id,
    regionId: row.regionId,
    organizationId: row.organizationId,
    borrowerOrganizationId: row.borrowerOrganizationId,
    action: "propose",
    fromState: null,
    toState: "proposed",
    actorAccountId: actor.accountId,
    actorName: actor.displayName,
    reason,
  });
  await recordAudit(tx, actor, {
    action: "create",
    entity: "secondment",
    entityId: row.id,
    organizationId: row.organizationId,
    visibility: "party",
    after: { requestId: row.requestId, amends: row.amendsId, startsOn: row.startsOn, endsOn: row.endsOn, state: "proposed" },
  });
  await notifyNext(tx, row, member, baseUrl);
  return row;
}

/** Writes one step: state, timeline entry, audit entry (with "on behalf of"), and e-mail to whoever acts next. */
async function applyStep(
  tx: Tx,
  s: SecondmentRow,
  member: MemberRow,
  step: { action: Action; to: SecondmentState; actor: Actor | null; onBehalfOf?: Principal; reason?: string | null; facts: WorkflowFacts },
  baseUrl: string,
) {
  const patch: Partial<typeof secondments.$inferInsert> = {
    state: step.to,
    councilStatus: councilStatusAfter(step.action, s.councilStatus, step.facts),
    updatedAt: new Date(),
  };
  if (step.action === "accept" && step.to === "staff_council") {
    // The lending administration's staff council counts working days of its own state.
    const settings = await settingsOf(tx, s.organizationId);
    const [lender] = await tx.select({ ags: organizations.ags }).from(organizations).where(eq(organizations.id, s.organizationId));
    patch.councilDeadline = addWorkingDays(today(), settings.councilDeadlineWorkingDays, stateOfAgs(lender.ags));
  }
  if (step.action === "record_hearing") patch.hearingRecordedAt = new Date();
  if (step.action === "record_sbv_hearing") patch.sbvHearingRecordedAt = new Date();
  if (step.action === "confirm") {
    const [framework] = await tx
      .select({ id: frameworkAgreements.id })
      .from(frameworkAgreements)
      .where(and(eq(frameworkAgreements.regionId, s.regionId), lte(frameworkAgreements.validFrom, today())))
      .orderBy(desc(frameworkAgreements.version))
      .limit(1);
    patch.frameworkAgreementId = framework?.id ?? null;
    await tx
      .insert(onboardingItems)
      .values(
        ONBOARDING_TEMPLATE.map((tpl) => ({
          secondmentId: s.id,
          key: tpl.key,
          regionId: s.regionId,
          organizationId: s.organizationId,
          borrowerOrganizationId: s.borrowerOrganizationId,
          side: tpl.side,
          isRequired: tpl.isRequired,
          dueOn: s.startsOn,
        })),
      )
      .onConflictDoNothing();
  }
  const [after] = await tx.update(secondments).set(patch).where(eq(secondments.id, s.id)).returning();
  await tx.insert(secondmentTransitions).values({
    secondmentId: s.id,
    regionId: s.regionId,
    organizationId: s.organizationId,
    borrowerOrganizationId: s.borrowerOrganizationId,
    action: step.action,
    fromState: s.state,
    toState: step.to,
    actorAccountId: step.actor?.accountId ?? null,
    actorName: step.actor?.displayName ?? "Verbund",
    onBehalfOf: step.onBehalfOf?.displayName ?? null,
    reason: step.reason?.trim() || null,
  });
  await recordAudit(tx, step.actor, {
    action: "update",
    entity: "secondment",
    entityId: s.id,
    regionId: s.regionId,
    organizationId: s.organizationId,
    visibility: "party",
    before: { state: s.state },
    after: { state: step.to, action: step.action },
    actorLogin: step.actor ? undefined : "verbund",
    onBehalfOf: step.onBehalfOf?.login ?? null,
  });
  await updateRequestFill(tx, s.requestId);
  if (step.to !== s.state) await notifyNext(tx, after, member, baseUrl);
  return after;
}

/** Performs a workflow step on a secondment the actor can see. */
export async function transitionSecondment(
  db: Db,
  actor: Actor,
  id: string,
  input: { action: Action; reason?: string | null },
  baseUrl: string,
) {
  return db.transaction(async (tx) => {
    const { s, m } = await loadVisibleForUpdate(tx, actor, id);
    const { roles, onBehalfOf, councilExcluded } = await workflowRoles(tx, actor, s, m);
    if (councilExcluded && (input.action === "council_consent" || input.action === "council_refuse")) {
      throw new AppError("forbidden", {
        fields: [
          {
            field: "action",
            in: "body",
            rule: "council_independence",
            message: {
              de: "Sie haben in diesem Verfahren für den Arbeitgeber gehandelt oder sind selbst betroffen. Der Personalrat entscheidet ohne Sie.",
              en: "You acted for the employer in this case or are concerned yourself. The staff council decides without you.",
            },
          },
        ],
      });
    }
    const facts = await loadFacts(tx, s, m);
    const decision = decide(s.state, input.action, roles, facts, input.reason);
    if (!decision.ok) {
      const { code, de, en } = decision.refusal;
      throw new AppError(code === "not_your_step" ? "forbidden" : "conflict", {
        fields: [{ field: "action", in: "body", rule: code, message: { de, en } }],
      });
    }
    if (BLOCKING_STATES.has(decision.to) && !BLOCKING_STATES.has(s.state)) {
      await assertNoOverlap(tx, m.id, s, s.id);
      // Counting who is lent is serialised per lending administration: two releases never both
      // count the people lent before the other's release.
      await lockFor(tx, "lending", s.organizationId);
      await assertWithinCaps(tx, s, m);
    }
    const actingAs = [...roles].find((r) => decide(s.state, input.action, new Set([r]), facts, input.reason).ok);
    const after = await applyStep(
      tx,
      s,
      m,
      {
        action: input.action,
        to: decision.to,
        actor,
        onBehalfOf: actingAs ? onBehalfOf.get(actingAs) : undefined,
        reason: input.reason,
        facts,
      },
      baseUrl,
    );
    if (input.action === "accept") {
      // Accepting one secondment withdraws the person's other pending proposals that overlap it.
      const others = await tx
        .select()
        .from(secondments)
        .where(
          and(
            eq(secondments.memberId, m.id),
            ne(secondments.id, s.id),
            eq(secondments.state, "proposed"),
            lte(secondments.startsOn, s.endsOn),
            gte(secondments.endsOn, s.startsOn),
          ),
        );
      for (const other of others) {
        const otherFacts = await loadFacts(tx, other, m);
        await applyStep(
          tx,
          other,
          m,
          { action: "withdraw", to: "withdrawn", actor: null, reason: "Andere Abordnung im selben Zeitraum angenommen", facts: otherFacts },
          baseUrl,
        );
      }
    }
    return present(tx, actor, after, m, true);
  });
}

/**
 * Verbund's own steps: deemed consent of the staff council once its deadline has passed, and
 * completion of active secondments whose period has ended. Run by the server's scheduler.
 */
export async function runSecondmentDeadlines(db: Db, baseUrl: string, day = today()) {
  let changed = 0;
  const due = await db
    .select({ id: secondments.id })
    .from(secondments)
    .where(
      or(
        and(eq(secondments.state, "staff_council"), sql`${secondments.councilDeadline} < ${day}`),
        and(eq(secondments.state, "active"), sql`${secondments.endsOn} < ${day}`),
      ),
    );
  for (const { id: dueId } of due) {
    await db.transaction(async (tx) => {
      // Another run of the job or a person's step may have moved it meanwhile: decide on it as it is now.
      const { s, m } = await lockSecondment(tx, dueId);
      const isDue =
        (s.state === "staff_council" && !!s.councilDeadline && s.councilDeadline < day) || (s.state === "active" && s.endsOn < day);
      if (!isDue) return;
      const facts = { ...(await loadFacts(tx, s, m)), councilDeadlinePassed: true };
      const action: Action = s.state === "staff_council" ? "council_deemed" : "complete";
      const decision = decide(s.state, action, new Set<WorkflowRole>(["system"]), facts);
      if (!decision.ok) return;
      await applyStep(
        tx,
        s,
        m,
        {
          action,
          to: decision.to,
          actor: null,
          facts,
          reason: action === "council_deemed" ? "Frist des Personalrats ohne Entscheidung abgelaufen (Zustimmung gilt als erteilt)" : null,
        },
        baseUrl,
      );
      changed++;
    });
  }
  return changed;
}

/** Marks onboarding items done (or not needed) — each side its own items. */
export async function updateOnboarding(
  db: Db,
  actor: Actor,
  id: string,
  items: Array<{ key: OnboardingKey; status: "open" | "done" | "not_needed"; dueOn?: string | null }>,
) {
  return db.transaction(async (tx) => {
    const { s, m } = await loadVisibleForUpdate(tx, actor, id);
    if (!AGREED_OR_RUNNING.includes(s.state)) {
      throw new AppError("conflict", {
        message: { de: "Die Einarbeitung beginnt mit der Vereinbarung.", en: "Onboarding starts with the agreement." },
      });
    }
    const { roles } = await workflowRoles(tx, actor, s, m);
    const existing = await tx.select().from(onboardingItems).where(eq(onboardingItems.secondmentId, s.id));
    for (const change of items) {
      const item = existing.find((i) => i.key === change.key);
      if (!item) throw new AppError("not_found");
      const mayEdit = item.side === "borrower" ? roles.has("borrower_org_admin") : roles.has("lender_org_admin");
      if (!mayEdit) {
        throw new AppError("forbidden", {
          fields: [
            {
              field: `items.${change.key}`,
              in: "body",
              rule: "other_side",
              message: {
                de: "Diesen Punkt erledigt die andere Verwaltung.",
                en: "The other administration is responsible for this item.",
              },
            },
          ],
        });
      }
      if (change.status === "not_needed" && item.isRequired) {
        throw new AppError("validation", {
          fields: [
            {
              field: `items.${change.key}`,
              in: "body",
              rule: "required_item",
              message: {
                de: "Ein erforderlicher Punkt lässt sich nicht als entbehrlich markieren.",
                en: "A required item cannot be marked not needed.",
              },
            },
          ],
        });
      }
      await tx
        .update(onboardingItems)
        .set({
          status: change.status,
          doneAt: change.status === "done" ? new Date() : null,
          ...(change.dueOn !== undefined ? { dueOn: change.dueOn } : {}),
        })
        .where(and(eq(onboardingItems.secondmentId, s.id), eq(onboardingItems.key, change.key)));
    }
    await recordAudit(tx, actor, {
      action: "update",
      entity: "secondment_onboarding",
      entityId: s.id,
      organizationId: s.organizationId,
      visibility: "party",
      after: { items: items.map((i) => `${i.key}:${i.status}`) },
    });
    return present(tx, actor, s, m, true);
  });
}

/**
 * An extension is an amendment: a new secondment from the day after the current one ends, which
 * passes the same gates again (release, approval, acceptance, staff council, confirmation). Its
 * hearing rule counts the whole period, original and extensions together.
 */
export async function extendSecondment(
  db: Db,
  actor: Actor,
  id: string,
  input: { endsOn: string; reason?: string | null },
  baseUrl: string,
) {
  return db.transaction(async (tx) => {
    // The lock on the secondment serialises extensions of it: the pending check below sees the other's.
    const { s, m } = await loadVisibleForUpdate(tx, actor, id);
    const { roles } = await workflowRoles(tx, actor, s, m);
    if (!roles.has("lender_org_admin") && !roles.has("borrower_org_admin")) throw new AppError("forbidden");
    if (!AGREED_OR_RUNNING.includes(s.state)) {
      throw new AppError("conflict", {
        message: {
          de: "Verlängert wird eine vereinbarte oder laufende Abordnung.",
          en: "Only an agreed or running secondment is extended.",
        },
      });
    }
    const startsOn = addDays(s.endsOn, 1);
    if (input.endsOn < startsOn) {
      throw new AppError("validation", {
        fields: [
          {
            field: "endsOn",
            in: "body",
            rule: "after_current_end",
            message: {
              de: `Die Verlängerung endet nach dem bisherigen Ende (${germanDate(s.endsOn)}).`,
              en: `The extension ends after the current end (${s.endsOn}).`,
            },
          },
        ],
      });
    }
    const [pending] = await tx
      .select({ id: secondments.id })
      .from(secondments)
      .where(and(eq(secondments.amendsId, s.id), inArray(secondments.state, ["proposed", ...BLOCKING])));
    if (pending) {
      throw new AppError("conflict", {
        message: { de: "Eine Verlängerung ist bereits im Verfahren.", en: "An extension is already under way." },
      });
    }
    const windows = await tx.select().from(availabilityWindows).where(eq(availabilityWindows.memberId, m.id));
    if (!coversPeriod(windows, startsOn, input.endsOn, s.hoursPerWeek)) {
      throw new AppError("validation", {
        fields: [
          {
            field: "endsOn",
            in: "body",
            rule: "ineligible_availability",
            message: {
              de: "Die Person hat für den Verlängerungszeitraum keine passende Verfügbarkeit eingetragen.",
              en: "The person has not entered availability for the extension period.",
            },
          },
        ],
      });
    }
    await assertNoOverlap(tx, m.id, { startsOn, endsOn: input.endsOn });
    const { id: _id, createdAt: _c, updatedAt: _u, state: _s, proposedBy: _p, ...rest } = s;
    const row = await openProposal(
      tx,
      actor,
      m,
      {
        ...rest,
        amendsId: s.id,
        councilStatus: "not_required",
        councilDeadline: null,
        startsOn,
        endsOn: input.endsOn,
        frameworkAgreementId: null,
        hearingRecordedAt: null,
        sbvHearingRecordedAt: null,
      },
      input.reason?.trim() || `Verlängerung der Abordnung bis ${germanDate(input.endsOn)}`,
      baseUrl,
    );
    return present(tx, actor, row, m, true);
  });
}
