import { and, asc, eq, gte, inArray, lte, sql, type SQL } from "drizzle-orm";
import { partyRowIdsSql } from "../../db/owner-columns";
import type { Db, Tx } from "../../db/client";
import { LIVE_STATES, type EntryState } from "../../domain/settlement/timesheet-rules";
import type { Actor } from "../../kernel/actor";
import type { AuditSource } from "../../kernel/audit-sources";
import { AppError } from "../../kernel/problems";
import { principalsOf } from "../identity";
import {
  getVisibleSecondment,
  getVisibleSecondmentForUpdate,
  unscopedSettlementFactsSql,
  type MemberRow,
  type SecondmentRow,
} from "../secondments";
import { unscopedRequestsOfDepartmentSql } from "../support-requests";
import { expenseReceipts, expenses, timesheetEntries } from "./timesheets.tables";

// What may be read of hours, expenses and receipts — the one place that says so
// (test/scope.test.ts keeps every other file from reading these tables).
//
// Visibility derives from the secondment's scope: a secondment the caller may not see is a 404,
// and within a visible one the caller's part decides (`timesheetViewOf`):
//
// | who                                                   | sees                      | may                    |
// |-------------------------------------------------------|---------------------------|------------------------|
// | the employee (the pool member's account)              | every own entry           | record, correct        |
// | the borrowing department head (the request's          | every entry               | confirm, return        |
// |   department, also as deputy) and the borrowing HR    |                           |                        |
// |   office (org_admin)                                  |                           |                        |
// | the lending HR office (org_admin), finance of either  | confirmed (and replaced)  | —                      |
// |   party                                               |   entries                 |                        |
// | anyone else who sees the secondment (staff council,   | nothing of single days    | —                      |
// |   management, other heads)                            |   (403)                   |                        |
//
// Receipts are personal data: the same people read them (confirmed-only readers the receipts of
// confirmed expenses); every read by someone other than the employee is audited as a read of the
// pool member, so the employee sees who read and when (`auditReceiptRead` in receipts.ts).
//
// `unscoped…` reads serve the task list: which secondments have open or returned entries, ids
// and counts only; each is then opened through the secondment's scope.

export type EntryRow = typeof timesheetEntries.$inferSelect;
export type ExpenseRow = typeof expenses.$inferSelect;

/** The caller's part in a secondment's hours. */
export interface TimesheetView {
  /** The caller is the seconded person. */
  isEmployee: boolean;
  /** Sees every entry (the person, the borrowing head, the borrowing HR office). */
  seesAll: boolean;
  /** Sees confirmed entries only (the lending HR office, finance). */
  seesConfirmed: boolean;
  /** Confirms or returns (the borrowing head or HR office; never the person themself). */
  mayDecide: boolean;
  /** Reads receipts. */
  mayReadReceipts: boolean;
}

/**
 * The caller's part in the hours of secondment `s` (person `m`): from its own roles and the
 * deputyships valid today. The borrowing department head is the head of the department the
 * secondment's request was posted for.
 */
export async function timesheetViewOf(db: Db | Tx, actor: Actor, s: SecondmentRow, m: MemberRow): Promise<TimesheetView> {
  const isEmployee = m.accountId !== null && m.accountId === actor.accountId;
  let decides = false;
  let seesConfirmed = false;
  for (const p of await principalsOf(db, actor)) {
    if (p.organizationId === s.borrowerOrganizationId && p.roles.includes("org_admin")) decides = true;
    if (p.organizationId === s.organizationId && p.roles.includes("org_admin")) seesConfirmed = true;
    if (
      !decides &&
      p.organizationId === s.borrowerOrganizationId &&
      p.roles.includes("department_head") &&
      p.departmentId &&
      s.requestId &&
      (await isRequestOfDepartment(db, s.requestId, p.departmentId))
    )
      decides = true;
  }
  if (actor.roles.includes("finance") && (actor.organizationId === s.organizationId || actor.organizationId === s.borrowerOrganizationId))
    seesConfirmed = true;
  const mayDecide = decides && !isEmployee;
  const seesAll = isEmployee || mayDecide;
  return { isEmployee, seesAll, seesConfirmed: seesConfirmed && !seesAll, mayDecide, mayReadReceipts: seesAll || seesConfirmed };
}

async function isRequestOfDepartment(db: Db | Tx, requestId: string, departmentId: string): Promise<boolean> {
  const { rows } = await db.execute(sql`select ${requestId}::uuid in ${unscopedRequestsOfDepartmentSql(departmentId)} as "is"`);
  return (rows[0] as { is: boolean }).is;
}

const NOT_FOR_YOU = {
  de: "Die Stunden und Auslagen einer Abordnung sehen die Person selbst, die Fachbereichsleitung und das Personalamt der aufnehmenden Verwaltung, das Personalamt der abgebenden Verwaltung und die Kämmereien.",
  en: "A secondment's hours and expenses are seen by the person, the receiving department head and HR office, the lending HR office and the finance offices.",
};

/** A secondment whose hours the caller may see, with the caller's part; 404 for an invisible secondment, 403 for one whose hours are not the caller's to see. */
export async function getTimesheetSecondment(db: Db | Tx, actor: Actor, id: string) {
  const { s, m } = await getVisibleSecondment(db, actor, id);
  const view = await timesheetViewOf(db, actor, s, m);
  if (!view.seesAll && !view.seesConfirmed) throw new AppError("forbidden", { message: NOT_FOR_YOU });
  return { s, m, view };
}

/** The same, locked for a change (person, then secondment: the order of every secondment step). */
export async function getTimesheetSecondmentForUpdate(tx: Tx, actor: Actor, id: string) {
  const { s, m } = await getVisibleSecondmentForUpdate(tx, actor, id);
  const view = await timesheetViewOf(tx, actor, s, m);
  if (!view.seesAll && !view.seesConfirmed) throw new AppError("forbidden", { message: NOT_FOR_YOU });
  return { s, m, view };
}

/** The states a view shows: all, or the confirmed ones with those they replaced. */
const statesOf = (view: TimesheetView): EntryState[] | null => (view.seesAll ? null : ["confirmed", "replaced"]);

/** Entries of a secondment in a period the view may see, by day then time of recording. */
export async function listVisibleEntries(db: Db | Tx, view: TimesheetView, secondmentId: string, period: { from: string; to: string }) {
  const states = statesOf(view);
  return db
    .select()
    .from(timesheetEntries)
    .where(
      and(
        eq(timesheetEntries.secondmentId, secondmentId),
        gte(timesheetEntries.day, period.from),
        lte(timesheetEntries.day, period.to),
        states ? inArray(timesheetEntries.state, states) : undefined,
      ),
    )
    .orderBy(asc(timesheetEntries.day), asc(timesheetEntries.recordedAt));
}

/** One entry of a secondment the caller opened through {@link getTimesheetSecondmentForUpdate}, locked; 404 otherwise. */
export async function getEntryForUpdate(tx: Tx, view: TimesheetView, secondmentId: string, entryId: string): Promise<EntryRow> {
  const states = statesOf(view);
  const [row] = await tx
    .select()
    .from(timesheetEntries)
    .where(
      and(
        eq(timesheetEntries.secondmentId, secondmentId),
        eq(timesheetEntries.id, entryId),
        states ? inArray(timesheetEntries.state, states) : undefined,
      ),
    )
    .for("update");
  if (!row) throw new AppError("not_found");
  return row;
}

/**
 * Whether a correction of the row `correctedId` (an entry of hours or an expense of the same
 * secondment, which the caller opened and locked) still waits for confirmation.
 */
export async function correctionWaits(tx: Tx, subject: "hours" | "expenses", secondmentId: string, correctedId: string): Promise<boolean> {
  const table = subject === "hours" ? timesheetEntries : expenses;
  const [row] = await tx
    .select({ id: table.id })
    .from(table)
    .where(and(eq(table.secondmentId, secondmentId), eq(table.correctsId, correctedId), eq(table.state, "recorded")))
    .limit(1);
  return row !== undefined;
}

/**
 * The day whose month the hours page opens at when none is asked for: the earliest day that waits
 * for the caller (an open one for who decides, a returned one not yet recorded anew for the
 * person), and for the lending HR office and finance the latest confirmed day; null otherwise.
 */
export async function firstWaitingDay(db: Db | Tx, view: TimesheetView, secondmentId: string): Promise<string | null> {
  if (view.seesConfirmed) {
    const [latest] = await db
      .select({ day: sql<string | null>`max(${timesheetEntries.day})::text` })
      .from(timesheetEntries)
      .where(and(eq(timesheetEntries.secondmentId, secondmentId), eq(timesheetEntries.state, "confirmed")));
    return latest?.day ?? null;
  }
  const state = view.mayDecide ? "recorded" : view.isEmployee ? "returned" : null;
  if (!state) return null;
  const [row] = await db
    .select({ day: sql<string | null>`min(${timesheetEntries.day})::text` })
    .from(timesheetEntries)
    .where(
      and(
        eq(timesheetEntries.secondmentId, secondmentId),
        eq(timesheetEntries.state, state),
        state === "returned"
          ? sql`not exists (select 1 from timesheet_entries l where l.secondment_id = ${secondmentId}
              and l.day = ${timesheetEntries.day} and l.state in ('recorded', 'confirmed'))`
          : undefined,
      ),
    );
  return row?.day ?? null;
}

/** The live entries (recorded or confirmed) of a secondment on these days: the guard of one entry per day. */
export async function liveEntriesOn(tx: Tx, secondmentId: string, days: string[]): Promise<EntryRow[]> {
  if (days.length === 0) return [];
  return tx
    .select()
    .from(timesheetEntries)
    .where(
      and(
        eq(timesheetEntries.secondmentId, secondmentId),
        inArray(timesheetEntries.day, days),
        inArray(timesheetEntries.state, [...LIVE_STATES]),
      ),
    );
}

/** Expenses of a secondment in a period the view may see, with their receipts (no content). */
export async function listVisibleExpenses(db: Db | Tx, view: TimesheetView, secondmentId: string, period: { from: string; to: string }) {
  const states = statesOf(view);
  const rows = await db
    .select()
    .from(expenses)
    .where(
      and(
        eq(expenses.secondmentId, secondmentId),
        gte(expenses.day, period.from),
        lte(expenses.day, period.to),
        states ? inArray(expenses.state, states) : undefined,
      ),
    )
    .orderBy(asc(expenses.day), asc(expenses.recordedAt));
  const receipts = rows.length
    ? await db
        .select({
          id: expenseReceipts.id,
          expenseId: expenseReceipts.expenseId,
          fileName: expenseReceipts.fileName,
          mediaType: expenseReceipts.mediaType,
          size: expenseReceipts.size,
        })
        .from(expenseReceipts)
        .where(
          inArray(
            expenseReceipts.expenseId,
            rows.map((r) => r.id),
          ),
        )
        .orderBy(asc(expenseReceipts.uploadedAt))
    : [];
  return rows.map((e) => ({ ...e, receipts: view.mayReadReceipts ? receipts.filter((r) => r.expenseId === e.id) : [] }));
}

/** One expense of a secondment the caller opened for a change, locked; 404 otherwise. */
export async function getExpenseForUpdate(tx: Tx, view: TimesheetView, secondmentId: string, expenseId: string): Promise<ExpenseRow> {
  const states = statesOf(view);
  const [row] = await tx
    .select()
    .from(expenses)
    .where(and(eq(expenses.secondmentId, secondmentId), eq(expenses.id, expenseId), states ? inArray(expenses.state, states) : undefined))
    .for("update");
  if (!row) throw new AppError("not_found");
  return row;
}

/** A receipt's content (base64) for a caller whose view reads receipts; 404 otherwise (also for an expense the view does not show). */
export async function getVisibleReceipt(db: Db | Tx, view: TimesheetView, secondmentId: string, expenseId: string, receiptId: string) {
  if (!view.mayReadReceipts) throw new AppError("not_found");
  const states = statesOf(view);
  const [row] = await db
    .select({
      id: expenseReceipts.id,
      fileName: expenseReceipts.fileName,
      mediaType: expenseReceipts.mediaType,
      content: sql<string>`encode(${expenseReceipts.content}, 'base64')`,
    })
    .from(expenseReceipts)
    .innerJoin(expenses, eq(expenses.id, expenseReceipts.expenseId))
    .where(
      and(
        eq(expenseReceipts.id, receiptId),
        eq(expenses.id, expenseId),
        eq(expenses.secondmentId, secondmentId),
        states ? inArray(expenses.state, states) : undefined,
      ),
    );
  if (!row) throw new AppError("not_found");
  return row;
}

// ---------------------------------------------------------------------------------------------
// Unscoped: the task list (ids and counts; each secondment is then opened through its scope)

/** Secondments borrowed by `organizationId` with entries waiting for confirmation: how many days each. */
export async function unscopedOpenDaysByBorrower(
  db: Db | Tx,
  organizationId: string,
): Promise<Array<{ secondmentId: string; days: number; firstDay: string }>> {
  return db
    .select({
      secondmentId: timesheetEntries.secondmentId,
      days: sql<number>`count(*)::int`,
      firstDay: sql<string>`min(${timesheetEntries.day})::text`,
    })
    .from(timesheetEntries)
    .where(and(eq(timesheetEntries.borrowerOrganizationId, organizationId), eq(timesheetEntries.state, "recorded")))
    .groupBy(timesheetEntries.secondmentId);
}

/** Of these secondments: returned days without a new entry, how many each (the person's task). */
export async function unscopedReturnedDays(
  db: Db | Tx,
  secondmentIds: string[],
): Promise<Array<{ secondmentId: string; days: number; firstDay: string }>> {
  if (secondmentIds.length === 0) return [];
  const live: SQL = sql`exists (select 1 from timesheet_entries l where l.secondment_id = ${timesheetEntries.secondmentId}
    and l.day = ${timesheetEntries.day} and l.state in ('recorded', 'confirmed'))`;
  return db
    .select({
      secondmentId: timesheetEntries.secondmentId,
      days: sql<number>`count(distinct ${timesheetEntries.day})::int`,
      firstDay: sql<string>`min(${timesheetEntries.day})::text`,
    })
    .from(timesheetEntries)
    .where(and(inArray(timesheetEntries.secondmentId, secondmentIds), eq(timesheetEntries.state, "returned"), sql`not ${live}`))
    .groupBy(timesheetEntries.secondmentId);
}

/** The audit log shows an administration's people's steps on hours, expenses and receipts of the secondments it is a party to. */
export const timesheetAuditSource: AuditSource = {
  sharedWith: {
    timesheet_entry: (actor) => partyRowIdsSql(timesheetEntries, actor.organizationId),
    expense: (actor) => partyRowIdsSql(expenses, actor.organizationId),
    expense_receipt: (actor) => partyRowIdsSql(expenseReceipts, actor.organizationId),
  },
};

// ---------------------------------------------------------------------------------------------
// Unscoped: statements (which secondments of a pair have confirmed hours or expenses; ids only —
// each secondment is then opened through its scope and read with the view of the caller)

/** Secondments lent by `lenderId` (to `borrowerId`, when given) with confirmed hours or expenses in the period, with their borrower and months. */
export async function unscopedConfirmedMonthsOfLender(
  db: Db | Tx,
  lenderId: string,
  period: { from: string; to: string },
  borrowerId?: string,
): Promise<Array<{ secondmentId: string; borrowerId: string; month: string }>> {
  const { rows } = await db.execute(sql`
    select distinct secondment_id as "secondmentId", borrower_organization_id as "borrowerId", to_char(day, 'YYYY-MM') as "month"
    from (
      select secondment_id, borrower_organization_id, day from timesheet_entries
        where organization_id = ${lenderId} and state = 'confirmed' and day between ${period.from} and ${period.to}
      union all
      select secondment_id, borrower_organization_id, day from expenses
        where organization_id = ${lenderId} and state = 'confirmed' and day between ${period.from} and ${period.to}
    ) c
    where ${borrowerId ?? null}::uuid is null or borrower_organization_id = ${borrowerId ?? null}::uuid
    order by 3, 2, 1`);
  return rows as Array<{ secondmentId: string; borrowerId: string; month: string }>;
}

// ---------------------------------------------------------------------------------------------
// Unscoped: the balances (sums only; balance-scope.ts says who sees which sum)

/**
 * The region's confirmed minutes of a year per secondment's lender, borrower, month, settlement
 * model and person — the input of the balances, which count people and sum; nothing of it is
 * answered per person.
 */
export async function unscopedConfirmedMinutesOfYear(
  db: Db | Tx,
  regionId: string,
  year: number,
): Promise<
  Array<{
    lenderOrganizationId: string;
    borrowerOrganizationId: string;
    month: number;
    settlementModel: string;
    personId: string;
    minutes: number;
  }>
> {
  const e = timesheetEntries;
  const { rows } = await db.execute(sql`
    SELECT ${e.organizationId} AS "lenderOrganizationId", ${e.borrowerOrganizationId} AS "borrowerOrganizationId",
           extract(month from ${e.day})::int AS "month", f."settlementModel", f."memberId" AS "personId",
           sum(${e.minutes})::int AS "minutes"
      FROM ${e} JOIN (${unscopedSettlementFactsSql(regionId)}) f ON f."id" = ${e.secondmentId}
     WHERE ${e.regionId} = ${regionId} AND ${e.state} = 'confirmed'
       AND ${e.day} >= ${`${year}-01-01`}::date AND ${e.day} <= ${`${year}-12-31`}::date
     GROUP BY 1, 2, 3, 4, 5
     ORDER BY 1, 2, 3, 4, 5`);
  return rows as never;
}

// ---------------------------------------------------------------------------------------------
// Unscoped: supplements (which rows of a pair and month are confirmed or replaced; the task list
// compares them with what the month's statements billed — ids, days and states only)

/** Confirmed and replaced entries and expenses of a lender's pair in a month: id, secondment, day, state and what each corrects. */
export async function unscopedSettledRowsOfPairMonth(
  db: Db | Tx,
  lenderId: string,
  borrowerId: string,
  period: { from: string; to: string },
): Promise<Array<{ kind: "hours" | "expense"; id: string; secondmentId: string; day: string; state: string; correctsId: string | null }>> {
  const { rows } = await db.execute(sql`
    select 'hours' as "kind", id, secondment_id as "secondmentId", day::text as "day", state, corrects_id as "correctsId" from timesheet_entries
      where organization_id = ${lenderId} and borrower_organization_id = ${borrowerId} and state in ('confirmed', 'replaced')
        and day between ${period.from} and ${period.to}
    union all
    select 'expense', id, secondment_id, day::text, state, corrects_id from expenses
      where organization_id = ${lenderId} and borrower_organization_id = ${borrowerId} and state in ('confirmed', 'replaced')
        and day between ${period.from} and ${period.to}`);
  return rows as never;
}
