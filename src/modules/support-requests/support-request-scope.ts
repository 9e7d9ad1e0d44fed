import { and, eq, inArray, ne, or, sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import type { Actor } from "../../kernel/actor";
import { departments } from "../organizations";
import { afterCursor, cursorColumn, orderBy, pageOf, type PageRequest, type SortKey } from "../../kernel/paging";
import { AppError } from "../../kernel/problems";
import { IN_PLAY_STATES } from "../../domain/secondment/workflow";
import { crises, requestOffers, supportRequests, type RequestStatus } from "./support-requests.tables";

// What may be read of support requests — the one place that says so (test/scope.test.ts keeps
// every other file from reading the table).
//
// 1. What an actor may see: the region's requests once they are open (open, partly filled,
//    filled, closed), drafts and cancelled ones only in the requesting administration.
// 2. `unscoped…`: what other capabilities need of a request they already hold the id of (a
//    secondment's request: its title, whether it belongs to an active crisis, its status under
//    the offer's lock, the department's requests for a calendar feed) and the allocation
//    snapshot of the region's open requests — none of them ever returns a draft of another
//    administration to a person.

export type RequestRow = typeof supportRequests.$inferSelect;

// ---------------------------------------------------------------------------------------------
// 1. What an actor may see

/** WHERE for the requests the actor may see. */
export const visibleSupportRequestsWhere = (actor: Actor): SQL | undefined =>
  and(
    eq(supportRequests.regionId, actor.regionId),
    or(
      eq(supportRequests.organizationId, actor.organizationId),
      and(ne(supportRequests.status, "draft"), ne(supportRequests.status, "cancelled")),
    ),
  );

/** The requests the actor may see, optionally of one status or one crisis. */
export async function listVisibleSupportRequests(
  db: Db | Tx,
  actor: Actor,
  filter: { status?: RequestStatus; statuses?: RequestStatus[]; crisisId?: string; crisisIds?: string[]; ids?: string[] } = {},
): Promise<RequestRow[]> {
  return db
    .select()
    .from(supportRequests)
    .where(
      and(
        visibleSupportRequestsWhere(actor),
        filter.status ? eq(supportRequests.status, filter.status) : undefined,
        filter.statuses ? inArray(supportRequests.status, filter.statuses) : undefined,
        filter.crisisId ? eq(supportRequests.crisisId, filter.crisisId) : undefined,
        filter.crisisIds ? inArray(supportRequests.crisisId, filter.crisisIds) : undefined,
        filter.ids ? inArray(supportRequests.id, filter.ids) : undefined,
      ),
    );
}

/** The order of the request list: crisis first, then urgent, then normal; within that by start date, then id. */
const REQUEST_ORDER: SortKey[] = [
  { sql: sql`(case ${supportRequests.urgency} when 'crisis' then 0 when 'urgent' then 1 else 2 end)`, type: "integer" },
  { sql: supportRequests.startsOn, type: "date" },
  { sql: supportRequests.id, type: "uuid" },
];

/** A page of the requests the actor may see (crisis, urgent, normal; by start date), optionally of one status. */
export async function listVisibleSupportRequestsPage(
  db: Db | Tx,
  actor: Actor,
  filter: PageRequest & { status?: RequestStatus },
): Promise<{ rows: RequestRow[]; nextCursor: string | null }> {
  const rows = await db
    .select({ r: supportRequests, cursor: cursorColumn(REQUEST_ORDER) })
    .from(supportRequests)
    .where(
      and(
        visibleSupportRequestsWhere(actor),
        filter.status ? eq(supportRequests.status, filter.status) : undefined,
        afterCursor(REQUEST_ORDER, filter.cursor),
      ),
    )
    .orderBy(...orderBy(REQUEST_ORDER))
    .limit(filter.limit + 1);
  const page = pageOf(rows, filter.limit);
  return { rows: page.rows.map((r) => r.r), nextCursor: page.nextCursor };
}

/** One request the actor may see; 404 otherwise (a foreign draft does not exist for the actor). */
export async function getVisibleSupportRequestRow(db: Db | Tx, actor: Actor, id: string): Promise<RequestRow> {
  const [row] = await db
    .select()
    .from(supportRequests)
    .where(and(visibleSupportRequestsWhere(actor), eq(supportRequests.id, id)));
  if (!row) throw new AppError("not_found");
  return row;
}

/** A request of the actor's own administration, locked for a change (its status is read under the lock); 404 otherwise. */
export async function getOwnSupportRequestForUpdate(tx: Tx, actor: Actor, id: string): Promise<RequestRow> {
  const [row] = await tx
    .select()
    .from(supportRequests)
    .where(and(eq(supportRequests.id, id), eq(supportRequests.organizationId, actor.organizationId)))
    .for("update");
  if (!row) throw new AppError("not_found");
  return row;
}

/**
 * Open requests of the actor's administration (of its department for a department head) that
 * have no offer yet — nobody has been proposed for them.
 */
export async function listOwnRequestsWithoutOffers(db: Db | Tx, actor: Actor, departmentId: string | null): Promise<RequestRow[]> {
  return db
    .select()
    .from(supportRequests)
    .where(
      and(
        visibleSupportRequestsWhere(actor),
        eq(supportRequests.organizationId, actor.organizationId),
        departmentId ? eq(supportRequests.departmentId, departmentId) : undefined,
        inArray(supportRequests.status, ["open"]),
        sql`not exists (select 1 from ${requestOffers} where ${requestOffers.requestId} = ${supportRequests.id} and ${inArray(requestOffers.state, [...IN_PLAY_STATES])})`,
      ),
    );
}

// ---------------------------------------------------------------------------------------------
// 2. Unscoped: for a request whose id another capability already holds, and the allocation snapshot

/** A secondment's request as the secondment shows it: its id and title. */
export async function unscopedRequestSummaryOf(db: Db | Tx, id: string): Promise<{ id: string; title: string } | null> {
  const [row] = await db
    .select({ id: supportRequests.id, title: supportRequests.title })
    .from(supportRequests)
    .where(eq(supportRequests.id, id));
  return row ?? null;
}

/**
 * The requests of secondments the caller already holds (a page being presented): id, title, the
 * receiving department and whether each is urgent for an active crisis — one statement for all.
 */
export async function unscopedRequestSummariesOf(
  db: Db | Tx,
  ids: string[],
): Promise<
  Array<{
    id: string;
    title: string;
    department: string | null;
    isInActiveCrisis: boolean;
    /** Where the work is done and whom to ask: what a seconded person needs to find her way. */
    placeAddress: string | null;
    contact: { name: string; email: string; phone: string | null };
  }>
> {
  const rows = await db
    .select({
      id: supportRequests.id,
      title: supportRequests.title,
      department: departments.name,
      urgency: supportRequests.urgency,
      endedAt: crises.endedAt,
      placeAddress: supportRequests.placeAddress,
      contactName: supportRequests.contactName,
      contactEmail: supportRequests.contactEmail,
      contactPhone: supportRequests.contactPhone,
    })
    .from(supportRequests)
    .leftJoin(crises, eq(crises.id, supportRequests.crisisId))
    .leftJoin(departments, eq(departments.id, supportRequests.departmentId))
    .where(inArray(supportRequests.id, ids));
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    department: r.department,
    isInActiveCrisis: r.urgency === "crisis" && r.endedAt === null,
    placeAddress: r.placeAddress,
    contact: { name: r.contactName, email: r.contactEmail, phone: r.contactPhone },
  }));
}

/** Whether a request is urgent for an active crisis (the workflow's crisis rules apply). */
export async function unscopedIsInActiveCrisis(db: Db | Tx, id: string): Promise<boolean> {
  const [row] = await db
    .select({ urgency: supportRequests.urgency, endedAt: crises.endedAt })
    .from(supportRequests)
    .leftJoin(crises, eq(crises.id, supportRequests.crisisId))
    .where(eq(supportRequests.id, id));
  return !!row && row.urgency === "crisis" && row.endedAt === null;
}

/** A request's status as it is now (read again under the offer's lock). */
export async function unscopedRequestStatusOf(tx: Tx, id: string): Promise<RequestStatus | null> {
  const [row] = await tx.select({ status: supportRequests.status }).from(supportRequests).where(eq(supportRequests.id, id));
  return row?.status ?? null;
}

/** The ids of a department's requests, as a subquery (a department's calendar feed shows its incoming secondments). */
export function unscopedRequestsOfDepartmentSql(departmentId: string) {
  return sql`(select ${supportRequests.id} from ${supportRequests} where ${supportRequests.departmentId} = ${departmentId})`;
}

/**
 * Sets a request's status from how many of its secondments fill a slot: partly filled, filled, or
 * open again when an agreed secondment ended before it began. Closed, cancelled and draft requests
 * stay as they are. The request is locked first and `countFilling` runs under that lock, so two
 * secondments of one request agreed at the same moment count each other.
 */
export async function updateRequestFill(tx: Tx, requestId: string | null, countFilling: (requestId: string) => Promise<number>) {
  if (!requestId) return;
  const [request] = await tx.select().from(supportRequests).where(eq(supportRequests.id, requestId)).for("update");
  if (!request || !["open", "partly_filled", "filled"].includes(request.status)) return;
  const n = await countFilling(requestId);
  const status = n >= request.headcount ? "filled" : n > 0 ? "partly_filled" : "open";
  if (status !== request.status) {
    await tx.update(supportRequests).set({ status, updatedAt: new Date() }).where(eq(supportRequests.id, requestId));
  }
}

/**
 * The allocation snapshot of the region's coordination: the region's open requests (of a crisis,
 * or some of them) as a SELECT of the columns the optimiser needs, and their ids as a subquery.
 */
export function unscopedOpenRequestsSql(regionId: string, scope: { crisisId?: string | null; requestIds?: string[] | null }) {
  const r = supportRequests;
  const open = and(
    eq(r.regionId, regionId),
    inArray(r.status, ["open", "partly_filled"]),
    scope.crisisId ? eq(r.crisisId, scope.crisisId) : undefined,
    scope.requestIds ? inArray(r.id, scope.requestIds) : undefined,
  );
  return {
    ids: sql`SELECT ${r.id} FROM ${r} WHERE ${open}`,
    rows: sql`SELECT ${r.id} AS "id", ${r.organizationId} AS "organizationId", ${r.title} AS "title", ${r.urgency} AS "urgency",
                ${r.headcount} AS "headcount", ${r.startsOn} AS "startsOn", ${r.endsOn} AS "endsOn", ${r.hoursPerWeek} AS "hoursPerWeek",
                ${r.placeLat} AS "placeLat", ${r.placeLon} AS "placeLon", ${r.isRemotePossible} AS "isRemotePossible",
                ${r.openedAt} AS "openedAt", ${r.createdAt} AS "createdAt"
              FROM ${r} WHERE ${open}`,
  };
}
