import { and, desc, eq, gte, inArray, lte, ne, or, sql, type SQL } from "drizzle-orm";
import { partyRowIdsSql } from "../../db/owner-columns";
import type { Db, Tx } from "../../db/client";
import { BLOCKING_STATES, IN_PLAY_STATES, NAME_VISIBLE_TO_BORROWER, type SecondmentState } from "../../domain/secondment/workflow";
import type { Actor } from "../../kernel/actor";
import { afterCursor, cursorColumn, orderBy, type SortKey } from "../../kernel/paging";
import { germanDate } from "../../kernel/dates";
import { AppError } from "../../kernel/problems";
import { principalsOf } from "../identity";
import { organizations } from "../organizations";
import { ownPoolMemberIdSql, unscopedLockPoolMember, unscopedPoolMemberIdsSql, unscopedPoolMembersOf, type PoolMemberRow } from "../pool";
import { unscopedRequestsOfDepartmentSql } from "../support-requests";
import { ORGANIZATION_VIEW_ROLES } from "./secondments.policy";
import { secondments } from "./secondments.tables";

// What may be read of secondments — the one place that says so (test/scope.test.ts keeps every
// other file from reading the table). Three parts:
//
// 1. What an actor may see: `visibleSecondmentsWhere`, `listVisibleSecondments`,
//    `getVisibleSecondment(ForUpdate)`. Every reader that answers a person (list, detail, PDF,
//    the steps of the workflow) starts here; a foreign secondment is a 404.
// 2. Field rules: `mayShowPersonName` (the borrower learns the name once the person has accepted)
//    and `hasDocuments` — used by the API's presenter, the calendar feed and the mail alike.
// 3. `unscoped…`: reads for Verbund's own work — the deadline job, the calendar feed (its token is
//    the credential), the guards on overlap and caps, which count across administrations and show
//    nobody a row, and the allocation snapshot of the region's coordination. Named so that a
//    reader of the code sees the scope was left on purpose.
//
// The person of a secondment comes from the pool's scope (pool/pool-member-scope.ts): read for
// all rows at once by their ids (`unscopedPoolMembersOf`), shown under `mayShowPersonName`.

export type SecondmentRow = typeof secondments.$inferSelect;
export type MemberRow = PoolMemberRow;

const BLOCKING = [...BLOCKING_STATES];

// ---------------------------------------------------------------------------------------------
// 1. What an actor may see

/**
 * Secondments the actor may see: of its administration as lender or borrower (for the roles that
 * see the administration's secondments, and for their deputies today), or its own as employee.
 */
export async function visibleSecondmentsWhere(db: Db | Tx, actor: Actor): Promise<SQL | undefined> {
  const ownAsEmployee = sql`${secondments.memberId} in (${ownPoolMemberIdSql(actor)})`;
  const orgView = actor.roles.some((r) => ORGANIZATION_VIEW_ROLES.includes(r)) || (await principalsOf(db, actor)).some((p) => p.isDeputy);
  if (!orgView) return and(eq(secondments.regionId, actor.regionId), ownAsEmployee);
  return and(
    eq(secondments.regionId, actor.regionId),
    or(eq(secondments.organizationId, actor.organizationId), eq(secondments.borrowerOrganizationId, actor.organizationId), ownAsEmployee),
  );
}

/** Which of these secondments the actor may see (links of the audit log). */
export async function visibleSecondmentIds(db: Db | Tx, actor: Actor, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: secondments.id })
    .from(secondments)
    .where(and(await visibleSecondmentsWhere(db, actor), inArray(secondments.id, ids)));
  return rows.map((r) => r.id);
}

/**
 * The ids (as text) of the secondments the actor's administration is a party to, lender or
 * borrower — as a subquery (the audit log shows its people's steps on these).
 */
export const partySecondmentIdsSql = (actor: Actor): SQL => partyRowIdsSql(secondments, actor.organizationId);

/**
 * What the audit log calls the secondments of `ids` the actor may see: "Wunstorf → Region
 * Hannover, 01.12.2026–28.02.2027" (no person: the name follows its own rule). One statement.
 */
export async function visibleSecondmentTitles(db: Db | Tx, actor: Actor, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const lender = sql<string>`(select ${organizations.name} from ${organizations} where ${organizations.id} = ${secondments.organizationId})`;
  const borrower = sql<string>`(select ${organizations.name} from ${organizations} where ${organizations.id} = ${secondments.borrowerOrganizationId})`;
  const rows = await db
    .select({ id: secondments.id, lender, borrower, startsOn: secondments.startsOn, endsOn: secondments.endsOn })
    .from(secondments)
    .where(and(await visibleSecondmentsWhere(db, actor), inArray(secondments.id, ids)));
  return new Map(rows.map((r) => [r.id, `${r.lender} → ${r.borrower}, ${germanDate(r.startsOn)}–${germanDate(r.endsOn)}`]));
}

/** The order of the list: most recently changed first, then id (index `secondments_region_updated`). */
const SECONDMENT_ORDER: SortKey[] = [
  { sql: secondments.updatedAt, type: "timestamp", desc: true },
  { sql: secondments.id, type: "uuid", desc: true },
];

/**
 * The secondments the actor may see with their person, most recently changed first: `limit` rows
 * after `cursor` (a page; each row carries its cursor), optionally of one state or of `states`.
 */
export async function listVisibleSecondments(
  db: Db | Tx,
  actor: Actor,
  filter: { state?: SecondmentState; states?: SecondmentState[]; limit: number; cursor?: string },
) {
  const rows = await db
    .select({ s: secondments, cursor: cursorColumn(SECONDMENT_ORDER) })
    .from(secondments)
    .where(
      and(
        await visibleSecondmentsWhere(db, actor),
        filter.state ? eq(secondments.state, filter.state) : undefined,
        filter.states ? inArray(secondments.state, filter.states) : undefined,
        afterCursor(SECONDMENT_ORDER, filter.cursor),
      ),
    )
    .orderBy(...orderBy(SECONDMENT_ORDER))
    .limit(filter.limit);
  return withPersons(db, rows);
}

/** The rows with their person (`m`), read for all rows in one statement. */
async function withPersons<R extends { s: SecondmentRow }>(db: Db | Tx, rows: R[]): Promise<Array<R & { m: MemberRow }>> {
  const members = await unscopedPoolMembersOf(
    db,
    rows.map((r) => r.s.memberId),
  );
  return rows.flatMap((r) => {
    const m = members.get(r.s.memberId);
    return m ? [{ ...r, m }] : [];
  });
}

/**
 * How many secondments the actor may see its administration lending to and borrowing from each
 * partner administration, in the states of `running` and of `upcoming` (aggregates, no person) —
 * one statement, whatever the number of partners.
 */
export async function countVisibleExchange(
  db: Db | Tx,
  actor: Actor,
  states: { running: readonly SecondmentState[]; upcoming: readonly SecondmentState[] },
) {
  const own = actor.organizationId;
  const lends = eq(secondments.organizationId, own);
  const partner = sql<string>`(case when ${lends} then ${secondments.borrowerOrganizationId} else ${secondments.organizationId} end)`;
  const count = (lending: boolean, of: readonly SecondmentState[]) =>
    sql<number>`(count(*) filter (where ${lending ? lends : ne(secondments.organizationId, own)} and ${inArray(secondments.state, [...of])}))::int`;
  return (
    db
      .select({
        partnerId: partner,
        partnerName: organizations.name,
        lentOut: count(true, states.running),
        borrowedIn: count(false, states.running),
        lentUpcoming: count(true, states.upcoming),
        borrowedUpcoming: count(false, states.upcoming),
      })
      .from(secondments)
      .innerJoin(organizations, eq(organizations.id, partner))
      .where(
        and(
          await visibleSecondmentsWhere(db, actor),
          or(lends, eq(secondments.borrowerOrganizationId, own)),
          inArray(secondments.state, [...states.running, ...states.upcoming]),
        ),
      )
      // By position: the partner expression carries its own parameter, so PostgreSQL would not match it to the select list.
      .groupBy(sql`1`, sql`2`)
  );
}

/** The actor's own secondments (as the employee) in `states`, soonest first, at most `limit`. */
export async function listOwnSecondments(db: Db | Tx, actor: Actor, states: readonly SecondmentState[], limit: number) {
  return withPersons(
    db,
    await db
      .select({ s: secondments })
      .from(secondments)
      .where(
        and(
          await visibleSecondmentsWhere(db, actor),
          sql`${secondments.memberId} IN (${ownPoolMemberIdSql(actor)})`,
          inArray(secondments.state, [...states]),
        ),
      )
      .orderBy(secondments.startsOn, secondments.id)
      .limit(limit),
  );
}

/** One secondment the actor may see, with its person; 404 otherwise (also for a foreign one). */
export async function getVisibleSecondment(db: Db | Tx, actor: Actor, id: string): Promise<{ s: SecondmentRow; m: MemberRow }> {
  const [row] = await withPersons(
    db,
    await db
      .select({ s: secondments })
      .from(secondments)
      .where(and(await visibleSecondmentsWhere(db, actor), eq(secondments.id, id))),
  );
  if (!row) throw new AppError("not_found");
  return row;
}

/** A secondment the actor may see, locked for a change (see {@link unscopedLockSecondment}); 404 otherwise. */
export async function getVisibleSecondmentForUpdate(tx: Tx, actor: Actor, id: string) {
  const [visible] = await tx
    .select({ id: secondments.id })
    .from(secondments)
    .where(and(await visibleSecondmentsWhere(tx, actor), eq(secondments.id, id)));
  if (!visible) throw new AppError("not_found");
  return unscopedLockSecondment(tx, id);
}

// ---------------------------------------------------------------------------------------------
// 2. Field rules

/**
 * Whether a viewer may see who the person is: the lending administration and the person always;
 * the borrower once the person has accepted (staff council stage on).
 */
export function mayShowPersonName(
  viewer: { organizationId: string; accountId: string | null },
  s: { organizationId: string; state: SecondmentState },
  member: { accountId: string | null },
): boolean {
  return (
    viewer.organizationId === s.organizationId ||
    (viewer.accountId !== null && viewer.accountId === member.accountId) ||
    NAME_VISIBLE_TO_BORROWER.has(s.state)
  );
}

/** States from which the agreement (and for civil servants the order) can be produced. */
const DOCUMENT_STATES: SecondmentState[] = ["accepted", "staff_council", "agreed", "onboarding", "active", "completed", "ended_early"];

/**
 * Whether the agreement document exists for the caller: from the employee's acceptance on, and
 * only when the caller sees the person's name. (The order exists only for civil servants.)
 */
export function hasDocuments(s: { state: SecondmentState; person: { name: string | null } }): boolean {
  return DOCUMENT_STATES.includes(s.state) && !!s.person.name;
}

// ---------------------------------------------------------------------------------------------
// 3. Unscoped: Verbund's own work, the feed, the guards, the allocation snapshot

/**
 * Locks a secondment for a change and reads it afresh: first its person, then the secondment
 * (`FOR UPDATE`), always in this order, so that every step on one person — and so the overlap
 * check — runs one at a time, and a step decides on the state as it is now, not as it was
 * before the lock. Every change of a secondment goes through here; people's steps through
 * {@link getVisibleSecondmentForUpdate}.
 */
export async function unscopedLockSecondment(tx: Tx, id: string): Promise<{ s: SecondmentRow; m: MemberRow }> {
  const [found] = await tx.select({ memberId: secondments.memberId }).from(secondments).where(eq(secondments.id, id));
  if (!found) throw new AppError("not_found");
  const m = await unscopedLockPoolMember(tx, found.memberId);
  const [s] = await tx.select().from(secondments).where(eq(secondments.id, id)).for("update");
  if (!m) throw new AppError("not_found");
  return { s, m };
}

/** The deadline job: secondments whose staff council deadline passed or whose period ended before `day`. */
export async function unscopedDueSecondmentIds(db: Db, day: string): Promise<string[]> {
  const rows = await db
    .select({ id: secondments.id })
    .from(secondments)
    .where(
      or(
        and(eq(secondments.state, "staff_council"), sql`${secondments.councilDeadline} < ${day}`),
        and(eq(secondments.state, "active"), sql`${secondments.endsOn} < ${day}`),
      ),
    );
  return rows.map((r) => r.id);
}

/**
 * The calendar feed's secondments (the token is the credential, checked by the caller): a
 * person's own, or a department's outgoing ones and the incoming ones for its requests.
 */
export async function unscopedFeedSecondments(
  db: Db,
  feed: { scope: "person" | "department"; accountId: string; organizationId: string; departmentId: string | null },
  states: SecondmentState[],
) {
  const ofMembers = (members: SQL) => sql`${secondments.memberId} in (${members})`;
  const rows = await db
    .select({ s: secondments })
    .from(secondments)
    .where(
      and(
        inArray(secondments.state, states),
        feed.scope === "person"
          ? ofMembers(unscopedPoolMemberIdsSql({ accountId: feed.accountId }))
          : or(
              and(
                eq(secondments.organizationId, feed.organizationId),
                ofMembers(unscopedPoolMemberIdsSql({ organizationId: feed.organizationId, departmentId: feed.departmentId! })),
              ),
              // Incoming: the borrowing administration's requests of this department.
              and(
                eq(secondments.borrowerOrganizationId, feed.organizationId),
                inArray(secondments.requestId, unscopedRequestsOfDepartmentSql(feed.departmentId!)),
              ),
            ),
      ),
    );
  return withPersons(db, rows);
}

/** A secondment and the ones it extends, the secondment first (an extension amends its original). */
export async function unscopedChainOf(db: Db | Tx, s: SecondmentRow): Promise<SecondmentRow[]> {
  const chain = [s];
  for (let cursor = s.amendsId; cursor;) {
    const [prev] = await db.select().from(secondments).where(eq(secondments.id, cursor));
    if (!prev || chain.some((c) => c.id === prev.id)) break;
    chain.push(prev);
    cursor = prev.amendsId;
  }
  return chain;
}

/**
 * The chains of extensions of secondments the caller already holds (a page being presented): for
 * each of `ids`, itself and every secondment it extends, as {@link unscopedChainOf} follows them —
 * one statement for all.
 */
export async function unscopedChainsOf(db: Db | Tx, ids: string[]): Promise<Array<{ root: string; id: string; startsOn: string }>> {
  const rows = (
    await db.execute(sql`
      WITH RECURSIVE chain(root, id, amends_id, starts_on, depth) AS (
        SELECT id, id, amends_id, starts_on, 0 FROM secondments WHERE ${inArray(secondments.id, ids)}
        UNION ALL
        SELECT chain.root, s.id, s.amends_id, s.starts_on, chain.depth + 1
        FROM chain JOIN secondments s ON s.id = chain.amends_id
        WHERE chain.depth < 100 AND s.id <> chain.root
      )
      SELECT root::text AS root, id::text AS id, starts_on::text AS starts_on FROM chain`)
  ).rows as Array<{ root: string; id: string; starts_on: string }>;
  return rows.map((r) => ({ root: r.root, id: r.id, startsOn: r.starts_on }));
}

/** The overlap guard: periods of a member's blocking secondments (all, or those meeting `period`). */
export async function unscopedBlockingPeriods(
  db: Db | Tx,
  memberId: string,
  options: { period?: { startsOn: string; endsOn: string }; exceptId?: string } = {},
): Promise<Array<{ startsOn: string; endsOn: string }>> {
  const { period, exceptId } = options;
  return db
    .select({ startsOn: secondments.startsOn, endsOn: secondments.endsOn })
    .from(secondments)
    .where(
      and(
        eq(secondments.memberId, memberId),
        inArray(secondments.state, BLOCKING),
        exceptId ? ne(secondments.id, exceptId) : undefined,
        period ? lte(secondments.startsOn, period.endsOn) : undefined,
        period ? gte(secondments.endsOn, period.startsOn) : undefined,
      ),
    );
}

/** The cap guard: periods of an administration's (or one department's) blocking secondments meeting `period`. */
export async function unscopedLentPeriods(
  db: Db | Tx,
  organizationId: string,
  departmentId: string | null,
  period: { startsOn: string; endsOn: string },
  exceptId: string,
): Promise<Array<{ startsOn: string; endsOn: string }>> {
  return db
    .select({ startsOn: secondments.startsOn, endsOn: secondments.endsOn })
    .from(secondments)
    .where(
      and(
        eq(secondments.organizationId, organizationId),
        departmentId ? sql`${secondments.memberId} in (${unscopedPoolMemberIdsSql({ organizationId, departmentId })})` : undefined,
        inArray(secondments.state, BLOCKING),
        ne(secondments.id, exceptId),
        lte(secondments.startsOn, period.endsOn),
        gte(secondments.endsOn, period.startsOn),
      ),
    );
}

/** Accepting one secondment withdraws the person's other pending proposals that overlap it: those. */
export async function unscopedOverlappingProposals(tx: Tx, s: SecondmentRow): Promise<SecondmentRow[]> {
  return tx
    .select()
    .from(secondments)
    .where(
      and(
        eq(secondments.memberId, s.memberId),
        ne(secondments.id, s.id),
        eq(secondments.state, "proposed"),
        lte(secondments.startsOn, s.endsOn),
        gte(secondments.endsOn, s.startsOn),
      ),
    );
}

/** The uniqueness guard of an offer: a secondment of this member for this request that is proposed, blocking or completed. */
export async function unscopedExistingOffer(tx: Tx, requestId: string, memberId: string): Promise<{ id: string } | undefined> {
  const [row] = await tx
    .select({ id: secondments.id })
    .from(secondments)
    .where(
      and(
        eq(secondments.requestId, requestId),
        eq(secondments.memberId, memberId),
        inArray(secondments.state, ["proposed", ...BLOCKING, "completed"]),
      ),
    );
  return row;
}

/** The guard of an extension: an extension of this secondment already under way. */
export async function unscopedPendingExtension(tx: Tx, amendsId: string): Promise<{ id: string } | undefined> {
  const [row] = await tx
    .select({ id: secondments.id })
    .from(secondments)
    .where(and(eq(secondments.amendsId, amendsId), inArray(secondments.state, ["proposed", ...BLOCKING])));
  return row;
}

/** How many secondments of a request fill a slot (agreed and later) — for the request's status. */
export async function unscopedFillingCount(tx: Tx, requestId: string, fillingStates: readonly SecondmentState[]): Promise<number> {
  const [{ n }] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(secondments)
    .where(and(eq(secondments.requestId, requestId), inArray(secondments.state, [...fillingStates])));
  return n;
}

/** For the lender's candidate list: which members are already offered for a request (ids only). */
export async function unscopedOfferedMemberIds(db: Db, requestId: string): Promise<Set<string>> {
  const rows = await db
    .select({ memberId: secondments.memberId })
    .from(secondments)
    .where(and(eq(secondments.requestId, requestId), inArray(secondments.state, [...IN_PLAY_STATES])));
  return new Set(rows.map((r) => r.memberId));
}

/** For the pseudonymised region candidates: which of these members are in another process (ids only). */
export async function unscopedMembersInOtherProcess(db: Db, memberIds: string[]): Promise<Set<string>> {
  const rows = await db
    .select({ memberId: secondments.memberId })
    .from(secondments)
    .where(
      and(
        inArray(secondments.memberId, memberIds),
        inArray(
          secondments.state,
          IN_PLAY_STATES.filter((s) => s !== "completed"),
        ),
      ),
    );
  return new Set(rows.map((r) => r.memberId));
}

/** The allocation snapshot (the region's coordination): members in play for the requests of `requestIds`, as SQL. */
export function unscopedInPlaySql(requestIds: SQL): SQL {
  const s = secondments;
  return sql`SELECT ${s.requestId} AS "requestId", ${s.memberId} AS "memberId" FROM ${s}
              WHERE ${s.requestId} IN (${requestIds}) AND ${inArray(s.state, [...IN_PLAY_STATES])}`;
}

/** The allocation snapshot: the region's blocking secondments (who is busy when, for overlap and caps), as SQL. */
export function unscopedBlockingSql(regionId: string): SQL {
  const s = secondments;
  return sql`SELECT ${s.memberId} AS "memberId", ${s.organizationId} AS "organizationId", ${s.startsOn} AS "startsOn", ${s.endsOn} AS "endsOn"
              FROM ${s} WHERE ${s.regionId} = ${regionId} AND ${inArray(s.state, BLOCKING)}`;
}

/**
 * Balances (settlement): the region's secondments with their person and settlement model, as SQL
 * (`id`, `memberId`, `settlementModel`) — only to count distinct people behind a sum and to tell
 * reciprocity hours; no name or figure per person leaves the balances.
 */
export function unscopedSettlementFactsSql(regionId: string): SQL {
  const s = secondments;
  return sql`SELECT ${s.id} AS "id", ${s.memberId} AS "memberId", ${s.settlementModel} AS "settlementModel"
              FROM ${s} WHERE ${s.regionId} = ${regionId}`;
}
