import { sql } from "drizzle-orm";
import { check, customType, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { declareConstraint } from "../../db/constraints";
import { ownerColumns } from "../../db/owner-columns";
import { declareVisibility } from "../../db/visibility";
import type { EntryState, ExpenseKind, ReceiptType } from "../../domain/settlement/timesheet-rules";
import { accounts } from "../identity/identity.tables";
import { organizations } from "../organizations/organizations.tables";
import { secondments } from "../secondments/secondments.tables";

// Hours and expenses of a secondment (Stundennachweis, Auslagen). `party` data with the owner
// columns of the secondment: lender (`organization_id`) and borrower (`borrower_organization_id`).
// Who sees which row is said in one place, `timesheet-scope.ts`. Nothing is overwritten: a
// correction is a new row (`corrects_id`, `reason`) and the corrected one becomes `replaced`.

/** Raw bytes (PostgreSQL `bytea`): the database is the only store of receipts. */
const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

const borrowerColumn = () =>
  uuid("borrower_organization_id")
    .notNull()
    .references(() => organizations.id);

/** Who recorded, confirmed or returned a row, and when. */
const decisionColumns = () => ({
  recordedBy: uuid("recorded_by").references(() => accounts.id, { onDelete: "set null" }),
  recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  decidedBy: uuid("decided_by").references(() => accounts.id, { onDelete: "set null" }),
  decidedAt: timestamp("decided_at", { withTimezone: true }),
  /** The returning head's comment (what to change). */
  comment: text("comment"),
});

/** Hours of one day of a secondment (day granularity, no clock times), in minutes. */
export const timesheetEntries = declareVisibility(
  pgTable(
    "timesheet_entries",
    {
      id: uuid("id").primaryKey().defaultRandom(),
      ...ownerColumns(),
      borrowerOrganizationId: borrowerColumn(),
      secondmentId: uuid("secondment_id")
        .notNull()
        .references(() => secondments.id, { onDelete: "cascade" }),
      day: date("day").notNull(),
      minutes: integer("minutes").notNull(),
      state: text("state").$type<EntryState>().notNull().default("recorded"),
      /** The confirmed entry this one corrects, and why. */
      correctsId: uuid("corrects_id"),
      reason: text("reason"),
      ...decisionColumns(),
    },
    (t) => [
      index("timesheet_entries_secondment_day").on(t.secondmentId, t.day),
      // One live entry per secondment and day: a second one is a 409.
      uniqueIndex("timesheet_entries_one_live_per_day")
        .on(t.secondmentId, t.day)
        .where(sql`${t.state} IN ('recorded', 'confirmed')`),
      // Day granularity: more than 0 and at most 10 hours (§ 3 ArbZG), whatever path writes.
      check("timesheet_entries_minutes_plausible", sql`${t.minutes} > 0 AND ${t.minutes} <= 600`),
    ],
  ),
  "party",
);

declareConstraint("timesheet_entries_one_live_per_day", {
  field: "days",
  message: {
    de: "Für diesen Tag sind bereits Stunden erfasst. Bitte laden Sie die Seite neu.",
    en: "Hours have been recorded for this day already. Please reload the page.",
  },
});

/** An expense of a secondment: travel costs, separation allowance, per diem — in integer cents. */
export const expenses = declareVisibility(
  pgTable(
    "expenses",
    {
      id: uuid("id").primaryKey().defaultRandom(),
      ...ownerColumns(),
      borrowerOrganizationId: borrowerColumn(),
      secondmentId: uuid("secondment_id")
        .notNull()
        .references(() => secondments.id, { onDelete: "cascade" }),
      day: date("day").notNull(),
      kind: text("kind").$type<ExpenseKind>().notNull(),
      amountCents: integer("amount_cents").notNull(),
      note: text("note"),
      state: text("state").$type<EntryState>().notNull().default("recorded"),
      correctsId: uuid("corrects_id"),
      reason: text("reason"),
      ...decisionColumns(),
    },
    (t) => [index("expenses_secondment_day").on(t.secondmentId, t.day), check("expenses_amount_positive", sql`${t.amountCents} > 0`)],
  ),
  "party",
);

/** A receipt of an expense (PDF, JPEG or PNG, recognised by its content), stored in the database. */
export const expenseReceipts = declareVisibility(
  pgTable(
    "expense_receipts",
    {
      id: uuid("id").primaryKey().defaultRandom(),
      ...ownerColumns(),
      borrowerOrganizationId: borrowerColumn(),
      expenseId: uuid("expense_id")
        .notNull()
        .references(() => expenses.id, { onDelete: "cascade" }),
      fileName: text("file_name").notNull(),
      mediaType: text("media_type").$type<ReceiptType>().notNull(),
      size: integer("size").notNull(),
      content: bytea("content").notNull(),
      uploadedBy: uuid("uploaded_by").references(() => accounts.id, { onDelete: "set null" }),
      uploadedAt: timestamp("uploaded_at", { withTimezone: true }).notNull().defaultNow(),
    },
    (t) => [index("expense_receipts_expense").on(t.expenseId)],
  ),
  "party",
);
