import { and, desc, eq, inArray, like, or, sql, type SQL } from "drizzle-orm";
import { partyRowIdsSql } from "../../db/owner-columns";
import type { Db, Tx } from "../../db/client";
import type { Actor } from "../../kernel/actor";
import { afterCursor, cursorColumn, orderBy, type SortKey } from "../../kernel/paging";
import { AppError } from "../../kernel/problems";
import type { StatementMoneyRow } from "../../domain/settlement/balances";
import type { BilledItem } from "../../domain/settlement/settle-month";
import { unscopedSettlementFactsSql } from "../secondments";
import { STATEMENT_VIEW_ROLES } from "./statements.policy";
import { billingDetails, statementItems, statements, type StatementState } from "./statements.tables";

// What may be read of statements and billing details — the one place that says so
// (test/scope.test.ts keeps every other file from reading these tables).
//
// | who                                                    | sees                                    |
// |--------------------------------------------------------|-----------------------------------------|
// | finance and HR office (org_admin) of the lender        | the lender's statements (every state)   |
// | finance and HR office (org_admin) of the borrower      | the statements to it, issued or later   |
// |                                                        |   (a draft is the lender's work)        |
// | anyone else (staff council, coordination office, …)    | nothing: 404                            |
//
// Billing details: an administration's own are read and edited by its finance and HR office; the
// other party's are read only as part of a statement the caller sees (PDF, XRechnung).
//
// `unscoped…` reads serve the task list (which pairs and months have a statement, ids only) and the
// balances (the money of issued statements per month, with the people it rests on, never answered as such).

export type StatementRow = typeof statements.$inferSelect;
export type BillingDetailsRow = typeof billingDetails.$inferSelect;

/** Statements the actor may see: its administration's as lender, and issued ones to it as borrower. */
export function visibleStatementsWhere(actor: Actor): SQL | undefined {
  if (!actor.roles.some((r) => STATEMENT_VIEW_ROLES.includes(r))) return sql`false`;
  return and(
    eq(statements.regionId, actor.regionId),
    or(
      eq(statements.organizationId, actor.organizationId),
      and(eq(statements.borrowerOrganizationId, actor.organizationId), sql`${statements.state} <> 'draft'`),
    ),
  );
}

/** Newest month first, then the most recently changed, then id. */
const STATEMENT_ORDER: SortKey[] = [
  { sql: statements.month, type: "text", desc: true },
  { sql: statements.updatedAt, type: "timestamp", desc: true },
  { sql: statements.id, type: "uuid", desc: true },
];

/** A page of the statements the actor may see (`limit + 1` rows; the caller pages). */
export async function listVisibleStatements(
  db: Db | Tx,
  actor: Actor,
  filter: { state?: StatementState; month?: string; limit: number; cursor?: string },
) {
  return db
    .select({ s: statements, cursor: cursorColumn(STATEMENT_ORDER) })
    .from(statements)
    .where(
      and(
        visibleStatementsWhere(actor),
        filter.state ? eq(statements.state, filter.state) : undefined,
        filter.month ? eq(statements.month, filter.month) : undefined,
        afterCursor(STATEMENT_ORDER, filter.cursor),
      ),
    )
    .orderBy(...orderBy(STATEMENT_ORDER))
    .limit(filter.limit + 1);
}

/** A statement the actor may see; 404 otherwise (a foreign one answers like a missing one). */
export async function getVisibleStatement(db: Db | Tx, actor: Actor, id: string): Promise<StatementRow> {
  const [row] = await db
    .select()
    .from(statements)
    .where(and(visibleStatementsWhere(actor), eq(statements.id, id)));
  if (!row) throw new AppError("not_found");
  return row;
}

/** The statements of these ids the actor may see (the originals a page of supplements names). */
export async function findVisibleStatementsByIds(db: Db | Tx, actor: Actor, ids: string[]): Promise<StatementRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(statements)
    .where(and(visibleStatementsWhere(actor), inArray(statements.id, [...new Set(ids)])));
}

/** The same, locked for a step. */
export async function getVisibleStatementForUpdate(tx: Tx, actor: Actor, id: string): Promise<StatementRow> {
  const [row] = await tx
    .select()
    .from(statements)
    .where(and(visibleStatementsWhere(actor), eq(statements.id, id)))
    .for("update");
  if (!row) throw new AppError("not_found");
  return row;
}

/** The actor's own administration's statements to `borrowerId` for `month` (original first, then supplements by number). */
export async function listOwnStatementsOfPairMonth(db: Db | Tx, actor: Actor, borrowerId: string, month: string): Promise<StatementRow[]> {
  return db
    .select()
    .from(statements)
    .where(
      and(
        visibleStatementsWhere(actor),
        eq(statements.organizationId, actor.organizationId),
        eq(statements.borrowerOrganizationId, borrowerId),
        eq(statements.month, month),
      ),
    )
    .orderBy(sql`${statements.supplementsId} IS NOT NULL`, sql`${statements.number} NULLS LAST`, statements.createdAt);
}

/** The statements of a statement's month the actor may see (its original and supplements; a borrower sees issued ones only). */
export async function listVisibleStatementsOfMonth(db: Db | Tx, actor: Actor, s: StatementRow): Promise<StatementRow[]> {
  return db
    .select()
    .from(statements)
    .where(
      and(
        visibleStatementsWhere(actor),
        eq(statements.organizationId, s.organizationId),
        eq(statements.borrowerOrganizationId, s.borrowerOrganizationId),
        eq(statements.month, s.month),
      ),
    )
    .orderBy(sql`${statements.supplementsId} IS NOT NULL`, sql`${statements.number} NULLS LAST`, statements.createdAt);
}

/** What the issued statements of the actor's administration to `borrowerId` for `month` billed (+1) and reversed (−1). */
export async function ownIssuedItemsOfPairMonth(db: Db | Tx, actor: Actor, borrowerId: string, month: string): Promise<BilledItem[]> {
  const rows = await db
    .select({ item: statementItems.item, sign: statementItems.sign })
    .from(statementItems)
    .innerJoin(statements, eq(statements.id, statementItems.statementId))
    .where(
      and(
        eq(statements.regionId, actor.regionId),
        eq(statements.organizationId, actor.organizationId),
        eq(statements.borrowerOrganizationId, borrowerId),
        eq(statements.month, month),
        eq(statementItems.isIssued, true),
      ),
    );
  return rows.map((r) => ({ item: r.item, sign: r.sign === -1 ? -1 : 1 }));
}

/** What a statement the caller opened through this scope bills (+1) and reverses (−1). */
export async function itemsOfStatement(db: Db | Tx, s: StatementRow): Promise<BilledItem[]> {
  const rows = await db
    .select({ item: statementItems.item, sign: statementItems.sign })
    .from(statementItems)
    .where(eq(statementItems.statementId, s.id));
  return rows.map((r) => ({ item: r.item, sign: r.sign === -1 ? -1 : 1 }));
}

/**
 * The next number of the lender's statements of `month`: `VB-2026-11-0001`, one more than the
 * highest given. Call under `lockFor(tx, "statement_number", lender)`: two issuers never get the
 * same number, and none is skipped.
 */
export async function nextStatementNumber(tx: Tx, lenderId: string, month: string): Promise<string> {
  const prefix = `VB-${month}-`;
  const [row] = await tx
    .select({ n: sql<number>`coalesce(max(substring(${statements.number} from ${prefix.length + 1}::int)::int), 0)::int` })
    .from(statements)
    .where(and(eq(statements.organizationId, lenderId), like(statements.number, `${prefix}%`)));
  return `${prefix}${String((row?.n ?? 0) + 1).padStart(4, "0")}`;
}

const ownBillingDetails = (actor: Actor) =>
  and(eq(billingDetails.regionId, actor.regionId), eq(billingDetails.organizationId, actor.organizationId));

/** The actor's administration's billing details, or null when none were entered. */
export async function findOwnBillingDetails(db: Db | Tx, actor: Actor): Promise<BillingDetailsRow | null> {
  const [row] = await db.select().from(billingDetails).where(ownBillingDetails(actor));
  return row ?? null;
}

/** The actor's administration's billing details, locked for a change (null when none were entered). */
export async function findOwnBillingDetailsForUpdate(tx: Tx, actor: Actor): Promise<BillingDetailsRow | null> {
  const [row] = await tx.select().from(billingDetails).where(ownBillingDetails(actor)).for("update");
  return row ?? null;
}

/** The billing details of both parties of a statement the caller opened through this scope. */
export async function billingDetailsOfParties(
  db: Db | Tx,
  statement: StatementRow,
): Promise<{ lender: BillingDetailsRow | null; borrower: BillingDetailsRow | null }> {
  const rows = await db
    .select()
    .from(billingDetails)
    .where(
      and(
        eq(billingDetails.regionId, statement.regionId),
        inArray(billingDetails.organizationId, [statement.organizationId, statement.borrowerOrganizationId]),
      ),
    );
  return {
    lender: rows.find((r) => r.organizationId === statement.organizationId) ?? null,
    borrower: rows.find((r) => r.organizationId === statement.borrowerOrganizationId) ?? null,
  };
}

// ---------------------------------------------------------------------------------------------
// Unscoped: the task list (pairs and months, ids only)

/** Which (borrower, month) pairs of a lender already have a statement. */
export async function unscopedStatementMonthsOfLender(db: Db | Tx, lenderId: string): Promise<Set<string>> {
  const rows = await db
    .select({ borrower: statements.borrowerOrganizationId, month: statements.month })
    .from(statements)
    .where(eq(statements.organizationId, lenderId));
  return new Set(rows.map((r) => `${r.borrower}|${r.month}`));
}

/**
 * The lender's months (per borrower) that have an issued statement and no open draft, from
 * `fromMonth` on, with the month's original — where a supplement (Nachtrag) may be due.
 */
export async function unscopedSettledMonthsOfLender(db: Db | Tx, lenderId: string, fromMonth: string) {
  const rows = await db
    .select({
      id: statements.id,
      borrowerId: statements.borrowerOrganizationId,
      month: statements.month,
      state: statements.state,
      supplementsId: statements.supplementsId,
    })
    .from(statements)
    .where(and(eq(statements.organizationId, lenderId), sql`${statements.month} >= ${fromMonth}`));
  const byMonth = new Map<string, { originalId: string; borrowerId: string; month: string; hasDraft: boolean; hasIssued: boolean }>();
  for (const r of rows) {
    const key = `${r.borrowerId}|${r.month}`;
    const m = byMonth.get(key) ?? { originalId: "", borrowerId: r.borrowerId, month: r.month, hasDraft: false, hasIssued: false };
    if (r.supplementsId === null) m.originalId = r.id;
    if (r.state === "draft") m.hasDraft = true;
    else m.hasIssued = true;
    byMonth.set(key, m);
  }
  return [...byMonth.values()].filter((m) => m.hasIssued && !m.hasDraft && m.originalId);
}

/** The signed items the issued statements of a lender's pair and month billed (the task list; ids only). */
export async function unscopedIssuedItemsOfPairMonth(
  db: Db | Tx,
  lenderId: string,
  borrowerId: string,
  month: string,
): Promise<BilledItem[]> {
  const rows = await db
    .select({ item: statementItems.item, sign: statementItems.sign })
    .from(statementItems)
    .innerJoin(statements, eq(statements.id, statementItems.statementId))
    .where(
      and(
        eq(statements.organizationId, lenderId),
        eq(statements.borrowerOrganizationId, borrowerId),
        eq(statements.month, month),
        eq(statementItems.isIssued, true),
      ),
    );
  return rows.map((r) => ({ item: r.item, sign: r.sign === -1 ? -1 : 1 }));
}

/** Issued statements to a borrower, waiting for its acknowledgement (newest first). */
export async function unscopedIssuedToBorrower(db: Db | Tx, borrowerId: string) {
  return db
    .select({
      id: statements.id,
      month: statements.month,
      lenderId: statements.organizationId,
      number: statements.number,
      supplementsId: statements.supplementsId,
      grossCents: statements.grossCents,
    })
    .from(statements)
    .where(and(eq(statements.borrowerOrganizationId, borrowerId), eq(statements.state, "issued")))
    .orderBy(desc(statements.month));
}

/** Ids (as text) of the statements the actor's administration is a party to, lender or borrower, as a subquery (the audit log shows its people's steps on them). */
export const partyStatementIdsSql = (actor: Actor): SQL => partyRowIdsSql(statements, actor.organizationId);

/**
 * The issued, acknowledged and paid statements of `year` that `organizationId` is a party to, as
 * the balances take them: month, parties, gross and the people (pool members) their lines bill.
 */
export async function unscopedSettledStatementsOfYear(
  db: Db | Tx,
  regionId: string,
  organizationId: string,
  year: number,
): Promise<StatementMoneyRow[]> {
  const { rows } = await db.execute(sql`
    SELECT s.id, s.month, s.organization_id AS lender, s.borrower_organization_id AS borrower, s.gross_cents AS gross,
           f."memberId"::text AS person
      FROM ${statements} s
      LEFT JOIN LATERAL jsonb_array_elements(s.body->'lines') AS l(line) ON true
      LEFT JOIN (${unscopedSettlementFactsSql(regionId)}) f ON f."id"::text = l.line->>'secondmentId'
     WHERE s.region_id = ${regionId} AND s.state <> 'draft' AND s.month LIKE ${`${year}-%`}
       AND (s.organization_id = ${organizationId} OR s.borrower_organization_id = ${organizationId})`);
  const byId = new Map<string, StatementMoneyRow & { personIds: string[] }>();
  for (const r of rows as Array<{ id: string; month: string; lender: string; borrower: string; gross: number; person: string | null }>) {
    const row = byId.get(r.id) ?? {
      lenderOrganizationId: r.lender,
      borrowerOrganizationId: r.borrower,
      month: Number(r.month.slice(5, 7)),
      grossCents: Number(r.gross),
      personIds: [],
    };
    if (r.person && !row.personIds.includes(r.person)) row.personIds.push(r.person);
    byId.set(r.id, row);
  }
  return [...byId.values()];
}
