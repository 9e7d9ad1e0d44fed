import { and, eq, gte, inArray, isNotNull, isNull, lte, or, sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import type { CandidateMember } from "../../domain/allocation/eligibility";
import type { Actor } from "../../kernel/actor";
import { afterCursor, cursorColumn, orderBy, pageOf, type PageRequest, type SortKey } from "../../kernel/paging";
import { addDays } from "../../kernel/dates";
import { AppError } from "../../kernel/problems";
import { organizations } from "../organizations";
import { poolMemberPolicy } from "./pool.policy";
import { availabilityWindows, poolMemberQualifications, poolMembers, qualifications } from "./pool.tables";

// What may be read of pool members, their qualifications and their availability windows — the one
// place that says so (test/scope.test.ts keeps every other file from reading these tables). Pool
// members are `tenant` data (DESIGN.md › Visibility). Three parts:
//
// 1. What an actor may see: a whole entry (contact, notes, qualifications, availability) only the
//    HR office of the member's administration and the member themselves —
//    `visiblePoolMembersWhere`, `listVisiblePoolMembers`, `getVisiblePoolMember(ForUpdate)`,
//    `findOwnPoolMember`; the HR office's task counts its own members' open confirmations.
// 2. Field rules: a member's name (and job title) is shown within the home administration
//    (`mayShowMemberName`, `namedPoolMembersWhere`): to its HR office offering people and to its
//    coordination office reading an allocation run — the routes' policies say who gets there.
//    Across the region the pool is shown only in counts, and a count below 3 is not shown
//    (`shownCount`), so that nobody can be singled out. Through a secondment the borrower learns
//    the name under the secondment's rule (`mayShowPersonName` in secondments/secondment-scope.ts).
// 3. `unscoped…`: reads for Verbund's own work that show nobody a name — the eligibility rules'
//    candidates (ids, places, qualifications, windows), the pay groups of the region's
//    pseudonymised candidates, the allocation snapshot, the lock of a person before a secondment
//    step, what a page of secondments or members refers to (read by the ids the caller holds).

/** A pool member's row. */
export type PoolMemberRow = typeof poolMembers.$inferSelect;

// ---------------------------------------------------------------------------------------------
// 1. What an actor may see

/**
 * Entries the actor may see whole: the HR office (pool `read`) those of its administration,
 * everyone else their own entry only (which is always of their own administration).
 */
export function visiblePoolMembersWhere(actor: Actor): SQL | undefined {
  return poolMemberPolicy.can(actor, "read")
    ? eq(poolMembers.organizationId, actor.organizationId)
    : eq(poolMembers.accountId, actor.accountId);
}

/** The order of the member list: A–Z by name (German order, whatever the database's collation), then id (indexed). */
const MEMBER_ORDER: SortKey[] = [
  { sql: poolMembers.nameSort, type: "text" },
  { sql: poolMembers.id, type: "uuid" },
];

/** A page of the entries the actor may see, A–Z; without `includeFormer` only those still in the pool. */
export async function listVisiblePoolMembers(
  db: Db | Tx,
  actor: Actor,
  options: PageRequest & { includeFormer?: boolean },
): Promise<{ rows: PoolMemberRow[]; nextCursor: string | null }> {
  const rows = await db
    .select({ m: poolMembers, cursor: cursorColumn(MEMBER_ORDER) })
    .from(poolMembers)
    .where(
      and(
        visiblePoolMembersWhere(actor),
        options.includeFormer ? undefined : isNull(poolMembers.leftAt),
        afterCursor(MEMBER_ORDER, options.cursor),
      ),
    )
    .orderBy(...orderBy(MEMBER_ORDER))
    .limit(options.limit + 1);
  const page = pageOf(rows, options.limit);
  return { rows: page.rows.map((r) => r.m), nextCursor: page.nextCursor };
}

/** One entry the actor may see; 404 otherwise (a member of another administration does not exist for the actor). */
export async function getVisiblePoolMember(db: Db | Tx, actor: Actor, id: string): Promise<PoolMemberRow> {
  const [row] = await db
    .select()
    .from(poolMembers)
    .where(and(visiblePoolMembersWhere(actor), eq(poolMembers.id, id)));
  if (!row) throw new AppError("not_found");
  return row;
}

/**
 * One entry the actor may see, locked for a change (changes to one member — the HR office's, the
 * person's own, a proposal — run one at a time); 404 otherwise.
 */
export async function getVisiblePoolMemberForUpdate(tx: Tx, actor: Actor, id: string): Promise<PoolMemberRow> {
  const [row] = await tx
    .select()
    .from(poolMembers)
    .where(and(visiblePoolMembersWhere(actor), eq(poolMembers.id, id)))
    .for("update");
  if (!row) throw new AppError("not_found");
  return row;
}

/** The actor's own entry (in the pool or left), optionally locked for a change; undefined when there is none. */
export async function findOwnPoolMember(
  db: Db | Tx,
  actor: Actor,
  options: { forUpdate?: boolean } = {},
): Promise<PoolMemberRow | undefined> {
  const query = db.select().from(poolMembers).where(eq(poolMembers.accountId, actor.accountId));
  const [row] = options.forUpdate ? await query.for("update") : await query;
  return row;
}

/**
 * The actor's own entry as SQL (`SELECT id …`), for a WHERE that includes what concerns the
 * actor as a person (e.g. own secondments).
 */
export function ownPoolMemberIdSql(actor: Actor): SQL {
  return sql`SELECT ${poolMembers.id} FROM ${poolMembers} WHERE ${poolMembers.accountId} = ${actor.accountId}`;
}

/**
 * The actor's own pool entry in figures (the start page): since when, how many qualifications
 * count on `day`, wait for confirmation or expire within `expiryDays`, the hours of a window of
 * availability covering `day` and how many windows lie ahead. The person's own data: no read is logged.
 */
export async function summarizeOwnPoolEntry(db: Db | Tx, actor: Actor, day: string, expiryDays: number) {
  const q = poolMemberQualifications;
  const w = availabilityWindows;
  const ofMember = eq(q.memberId, poolMembers.id);
  const count = (where: SQL | undefined) => sql<number>`(select count(*)::int from ${q} where ${ofMember} and ${where})`;
  const [row] = await db
    .select({
      consentedAt: poolMembers.consentedAt,
      leftAt: poolMembers.leftAt,
      confirmed: count(and(isNotNull(q.confirmedAt), or(isNull(q.validUntil), gte(q.validUntil, day)))),
      awaiting: count(isNull(q.confirmedAt)),
      expiring: count(and(gte(q.validUntil, day), lte(q.validUntil, addDays(day, expiryDays)))),
      hoursNow: sql<
        number | null
      >`(select max(${w.hoursPerWeek})::int from ${w} where ${eq(w.memberId, poolMembers.id)} and ${lte(w.startsOn, day)} and ${gte(w.endsOn, day)})`,
      windowsAhead: sql<number>`(select count(*)::int from ${w} where ${eq(w.memberId, poolMembers.id)} and ${gte(w.endsOn, day)})`,
    })
    .from(poolMembers)
    .where(eq(poolMembers.accountId, actor.accountId));
  return row;
}

/**
 * For the HR office's task list: how many qualifications its members (still in the pool) entered
 * wait for confirmation, and of how many people — counts, no names (so no read is audited).
 */
export async function countQualificationsToConfirm(db: Db | Tx, actor: Actor): Promise<{ qualificationsOpen: number; people: number }> {
  if (!poolMemberPolicy.can(actor, "update")) return { qualificationsOpen: 0, people: 0 };
  const [row] = await db
    .select({
      qualificationsOpen: sql<number>`count(*)::int`,
      people: sql<number>`count(distinct ${poolMemberQualifications.memberId})::int`,
    })
    .from(poolMemberQualifications)
    .innerJoin(poolMembers, eq(poolMembers.id, poolMemberQualifications.memberId))
    .where(
      and(eq(poolMembers.organizationId, actor.organizationId), isNull(poolMembers.leftAt), isNull(poolMemberQualifications.confirmedAt)),
    );
  return row;
}

/** The actor's own qualifications (while in the pool) whose validity ends between `from` and `to`, with their names. */
export async function listOwnExpiringQualifications(
  db: Db | Tx,
  actor: Actor,
  from: string,
  to: string,
): Promise<Array<{ memberId: string; name: string; validUntil: string | null }>> {
  return db
    .select({ memberId: poolMembers.id, name: qualifications.name, validUntil: poolMemberQualifications.validUntil })
    .from(poolMemberQualifications)
    .innerJoin(poolMembers, eq(poolMembers.id, poolMemberQualifications.memberId))
    .innerJoin(qualifications, eq(qualifications.id, poolMemberQualifications.qualificationId))
    .where(
      and(
        eq(poolMembers.accountId, actor.accountId),
        isNull(poolMembers.leftAt),
        gte(poolMemberQualifications.validUntil, from),
        lte(poolMemberQualifications.validUntil, to),
      ),
    );
}

// ---------------------------------------------------------------------------------------------
// 2. Field rules

/**
 * Whether a viewer may see a member's name (and job title): within the member's home
 * administration (the member's own entry is always of their own administration).
 */
export function mayShowMemberName(viewer: { organizationId: string }, member: { organizationId: string }): boolean {
  return viewer.organizationId === member.organizationId;
}

/** {@link mayShowMemberName} as a WHERE. */
export function namedPoolMembersWhere(viewer: { organizationId: string }): SQL {
  return eq(poolMembers.organizationId, viewer.organizationId);
}

/**
 * Names and job titles of members the viewer may see the name of ({@link mayShowMemberName}):
 * those of `ids`, or all; `activeOnly` leaves out who left the pool. One statement.
 */
export async function listNamedPoolMembers(
  db: Db | Tx,
  viewer: { organizationId: string },
  filter: { ids?: string[]; activeOnly?: boolean } = {},
): Promise<Array<{ id: string; name: string; jobTitle: string }>> {
  return db
    .select({ id: poolMembers.id, name: poolMembers.name, jobTitle: poolMembers.jobTitle })
    .from(poolMembers)
    .where(
      and(
        namedPoolMembersWhere(viewer),
        filter.ids ? inArray(poolMembers.id, filter.ids) : undefined,
        filter.activeOnly ? isNull(poolMembers.leftAt) : undefined,
      ),
    );
}

/**
 * {@link listNamedPoolMembers} as SQL (`SELECT id, name …`), for a query that picks the names
 * it needs in the database (the allocation run's assigned people).
 */
export function namedPoolMembersSql(viewer: { organizationId: string }): SQL {
  return sql`SELECT ${poolMembers.id} AS id, ${poolMembers.name} AS name FROM ${poolMembers} WHERE ${namedPoolMembersWhere(viewer)}`;
}

/** A count shown across the region: below 3 (but not 0) it is not shown (null), so that a single person cannot be singled out. */
export function shownCount(n: number): number | null {
  return n > 0 && n < 3 ? null : n;
}

/**
 * The region's pool in counts (the `region` view, no names): per administration the members in
 * the pool and those available on `day`; per qualification of the catalogue how many members hold
 * it confirmed and valid on `day`. Raw counts — shown through {@link shownCount}.
 */
export async function countRegionPool(db: Db | Tx, actor: Actor, day: string) {
  const perOrganization = await db
    .select({
      organizationId: organizations.id,
      name: organizations.name,
      members: sql<number>`count(${poolMembers.id})::int`,
      availableNow: sql<number>`count(distinct ${availabilityWindows.memberId})::int`,
    })
    .from(organizations)
    .leftJoin(poolMembers, and(eq(poolMembers.organizationId, organizations.id), isNull(poolMembers.leftAt)))
    .leftJoin(
      availabilityWindows,
      and(
        eq(availabilityWindows.memberId, poolMembers.id),
        sql`${availabilityWindows.startsOn} <= ${day}`,
        gte(availabilityWindows.endsOn, day),
      ),
    )
    .where(eq(organizations.regionId, actor.regionId))
    .groupBy(organizations.id, organizations.name);
  const perQualification = await db
    .select({
      qualificationId: qualifications.id,
      name: qualifications.name,
      category: qualifications.category,
      holders: sql<number>`count(${poolMembers.id})::int`,
    })
    .from(qualifications)
    .leftJoin(
      poolMemberQualifications,
      and(
        eq(poolMemberQualifications.qualificationId, qualifications.id),
        isNotNull(poolMemberQualifications.confirmedAt),
        or(isNull(poolMemberQualifications.validUntil), gte(poolMemberQualifications.validUntil, day)),
      ),
    )
    .leftJoin(poolMembers, and(eq(poolMembers.id, poolMemberQualifications.memberId), isNull(poolMembers.leftAt)))
    .where(eq(qualifications.regionId, actor.regionId))
    .groupBy(qualifications.id, qualifications.name, qualifications.category);
  return { perOrganization, perQualification };
}

// ---------------------------------------------------------------------------------------------
// 3. Unscoped: candidates, the allocation snapshot, locks, what a page refers to

/** Options of {@link unscopedCandidates}. */
export interface CandidateOptions {
  /** Only these members. */
  memberIds?: string[];
  /**
   * Only members holding at least one of these qualifications, confirmed: a member without any
   * of a request's required qualifications is never eligible for it (a narrowing, never a rule).
   */
  holdingAnyOf?: string[];
}

/**
 * The active pool members of an administration (or, with `{ region }`, of a whole region) as the
 * eligibility rules need them — ids, home administration and place, radius, qualifications and
 * windows; never a name or contact — in one statement whatever the pool's size. For the lender's
 * candidates, the request's count of eligible own members, the region's pseudonymised candidates,
 * the checks of a proposal and an allocation run's commit.
 */
export async function unscopedCandidates(
  db: Db | Tx,
  scope: string | { region: string },
  options: CandidateOptions = {},
): Promise<Array<CandidateMember & { id: string }>> {
  const inScope = and(
    typeof scope === "string" ? eq(poolMembers.organizationId, scope) : eq(poolMembers.regionId, scope.region),
    isNull(poolMembers.leftAt),
    options.memberIds ? inArray(poolMembers.id, options.memberIds) : undefined,
    options.holdingAnyOf
      ? inArray(
          poolMembers.id,
          db
            .select({ id: poolMemberQualifications.memberId })
            .from(poolMemberQualifications)
            .where(
              and(inArray(poolMemberQualifications.qualificationId, options.holdingAnyOf), isNotNull(poolMemberQualifications.confirmedAt)),
            ),
        )
      : undefined,
  );
  // One statement: each member with its qualifications and windows as JSON (PGlite converts every
  // value of every row; two more result sets of thousands of rows cost more than the JSON).
  const rows = await db
    .select({
      id: poolMembers.id,
      organizationId: poolMembers.organizationId,
      travelRadiusKm: poolMembers.travelRadiusKm,
      canWorkRemotely: poolMembers.canWorkRemotely,
      lat: organizations.lat,
      lon: organizations.lon,
      held: sql<string>`(select coalesce(json_agg(json_build_array(${poolMemberQualifications.qualificationId}, ${poolMemberQualifications.validUntil}, ${poolMemberQualifications.confirmedAt} is not null)), '[]') from ${poolMemberQualifications} where ${poolMemberQualifications.memberId} = ${poolMembers.id})::text`,
      windows: sql<string>`(select coalesce(json_agg(json_build_array(${availabilityWindows.startsOn}, ${availabilityWindows.endsOn}, ${availabilityWindows.hoursPerWeek})), '[]') from ${availabilityWindows} where ${availabilityWindows.memberId} = ${poolMembers.id})::text`,
    })
    .from(poolMembers)
    .innerJoin(organizations, eq(organizations.id, poolMembers.organizationId))
    .where(inScope);
  return rows.map((m) => ({
    id: m.id,
    organizationId: m.organizationId,
    isActive: true,
    homeLat: m.lat,
    homeLon: m.lon,
    travelRadiusKm: m.travelRadiusKm,
    canWorkRemotely: m.canWorkRemotely,
    qualifications: (JSON.parse(m.held) as Array<[string, string | null, boolean]>).map(([qualificationId, validUntil, isConfirmed]) => ({
      qualificationId,
      validUntil,
      isConfirmed,
    })),
    availability: (JSON.parse(m.windows) as Array<[string, string, number]>).map(([startsOn, endsOn, hoursPerWeek]) => ({
      startsOn,
      endsOn,
      hoursPerWeek,
    })),
  }));
}

/** For the region's pseudonymised candidates: the pay group of each of these members (ids and pay groups only). */
export async function unscopedPayGroupsOf(db: Db | Tx, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: poolMembers.id, payGroup: poolMembers.payGroup })
    .from(poolMembers)
    .where(inArray(poolMembers.id, ids));
  return new Map(rows.map((r) => [r.id, r.payGroup]));
}

/**
 * Locks a person for a step that concerns them and reads their entry afresh (`FOR UPDATE`):
 * proposals of one person and the steps of their secondments run one at a time. Undefined when
 * there is no such member.
 */
export async function unscopedLockPoolMember(tx: Tx, id: string): Promise<PoolMemberRow | undefined> {
  const [row] = await tx.select().from(poolMembers).where(eq(poolMembers.id, id)).for("update");
  return row;
}

/**
 * The members that rows the caller already holds refer to (a page of secondments, a calendar
 * feed, a proposal): one statement for all. What of them is shown is the caller's field rule.
 */
export async function unscopedPoolMembersOf(db: Db | Tx, ids: string[]): Promise<Map<string, PoolMemberRow>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.select().from(poolMembers).where(inArray(poolMembers.id, unique));
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * Members as SQL (`SELECT id …`) of a person's account or of a department of an administration,
 * for the WHERE of a feed or a guard that counts across rows (calendar feeds, caps).
 */
export function unscopedPoolMemberIdsSql(of: { accountId: string } | { organizationId: string; departmentId: string }): SQL {
  const where =
    "accountId" in of
      ? eq(poolMembers.accountId, of.accountId)
      : and(eq(poolMembers.organizationId, of.organizationId), eq(poolMembers.departmentId, of.departmentId));
  return sql`SELECT ${poolMembers.id} FROM ${poolMembers} WHERE ${where}`;
}

/** The qualifications these members hold, with the catalogue's entry — one statement for all (a page being presented, a change being written). */
export async function unscopedQualificationsOf(db: Db | Tx, memberIds: string[]) {
  if (memberIds.length === 0) return [];
  return db
    .select({ link: poolMemberQualifications, q: qualifications })
    .from(poolMemberQualifications)
    .innerJoin(qualifications, eq(qualifications.id, poolMemberQualifications.qualificationId))
    .where(inArray(poolMemberQualifications.memberId, memberIds));
}

/** The availability windows of these members — one statement for all. */
export async function unscopedAvailabilityOf(db: Db | Tx, memberIds: string[]) {
  if (memberIds.length === 0) return [];
  return db.select().from(availabilityWindows).where(inArray(availabilityWindows.memberId, memberIds));
}

/**
 * The allocation snapshot (the region's coordination), as SQL: the region's active members
 * (ids, administration, department, radius — no names), the qualifications they hold and their
 * availability windows.
 */
export function unscopedSnapshotPoolSql(regionId: string): { members: SQL; held: SQL; windows: SQL } {
  const m = poolMembers;
  const q = poolMemberQualifications;
  const w = availabilityWindows;
  const activeMember = sql`${m.regionId} = ${regionId} AND ${m.leftAt} IS NULL`;
  return {
    members: sql`SELECT ${m.id} AS "id", ${m.organizationId} AS "organizationId", ${m.departmentId} AS "departmentId",
                ${m.travelRadiusKm} AS "travelRadiusKm", ${m.canWorkRemotely} AS "canWorkRemotely"
              FROM ${m} WHERE ${activeMember}`,
    held: sql`SELECT ${q.memberId} AS "memberId", ${q.qualificationId} AS "qualificationId", ${q.validUntil} AS "validUntil",
                ${q.confirmedAt} IS NOT NULL AS "isConfirmed"
              FROM ${q} JOIN ${m} ON ${m.id} = ${q.memberId} WHERE ${activeMember}`,
    windows: sql`SELECT ${w.memberId} AS "memberId", ${w.startsOn} AS "startsOn", ${w.endsOn} AS "endsOn", ${w.hoursPerWeek} AS "hoursPerWeek"
              FROM ${w} JOIN ${m} ON ${m.id} = ${w.memberId} WHERE ${activeMember}`,
  };
}
