import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";
import { declareConstraint } from "../../db/constraints";
import { ownerColumns } from "../../db/owner-columns";
import { declareVisibility } from "../../db/visibility";
import type { SettlementModel, Statement, VatSetting } from "../../domain/settlement/statement";
import type { BillableItem } from "../../domain/settlement/settle-month";
import { accounts } from "../identity/identity.tables";
import { organizations } from "../organizations/organizations.tables";
import { expenses, timesheetEntries } from "./timesheets.tables";

// Statements between administrations (Abrechnungen) and the billing details they need. Who reads
// which row is said in one place, `statement-scope.ts`.

/**
 * An administration's billing details (Rechnungsdaten): what an invoice names of it as seller or
 * buyer. Tenant data of the administration, edited by its finance office or HR office (org_admin);
 * the other party of a statement reads them through the statement.
 */
export const billingDetails = declareVisibility(
  pgTable(
    "billing_details",
    {
      id: uuid("id").primaryKey().defaultRandom(),
      ...ownerColumns(),
      /** BT-10 / BT-49: the Leitweg-ID of the administration's invoice receipt, e.g. `03241001-0001-42`. */
      leitwegId: text("leitweg_id").notNull().default(""),
      street: text("street").notNull().default(""),
      postalCode: text("postal_code").notNull().default(""),
      city: text("city").notNull().default(""),
      countryCode: text("country_code").notNull().default("DE"),
      /** BG-6: a function or office, not a private person. */
      contactName: text("contact_name").notNull().default(""),
      contactPhone: text("contact_phone").notNull().default(""),
      /** BT-43 and the seller's electronic address (BT-34, scheme EM). */
      contactEmail: text("contact_email").notNull().default(""),
      iban: text("iban").notNull().default(""),
      bic: text("bic").notNull().default(""),
      vat: text("vat").$type<VatSetting>().notNull().default("none"),
      /** Tax number or VAT id, needed where § 2b UStG taxation applies. */
      taxNumber: text("tax_number").notNull().default(""),
      vatId: text("vat_id").notNull().default(""),
      /** Demo values, not an administration's real account. */
      isDemo: boolean("is_demo").notNull().default(false),
      updatedBy: uuid("updated_by").references(() => accounts.id, { onDelete: "set null" }),
      updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    },
    (t) => [uniqueIndex("billing_details_one_per_organization").on(t.organizationId)],
  ),
  "tenant",
);

/** The states of a statement: draft → issued → acknowledged → paid. */
export const STATEMENT_STATES = ["draft", "issued", "acknowledged", "paid"] as const;
export type StatementState = (typeof STATEMENT_STATES)[number];

/**
 * A monthly statement of one lender (the owner, `organization_id`) to one borrower. `party` data
 * of both. The computed statement is kept as a frozen snapshot (`body`); the totals are columns
 * for lists and sums. The number is given when the statement is issued. A month has one original
 * statement and, once that is issued, any number of supplements (Nachtrag, `supplements_id` names
 * the original), one open draft at a time. Only a supplement may be negative: a credit (Gutschrift).
 */
export const statements = declareVisibility(
  pgTable(
    "statements",
    {
      id: uuid("id").primaryKey().defaultRandom(),
      ...ownerColumns(),
      borrowerOrganizationId: uuid("borrower_organization_id")
        .notNull()
        .references(() => organizations.id),
      /** `YYYY-MM`. */
      month: text("month").notNull(),
      /** The settlement model billed (`reimbursement`; waiver expenses ride along). */
      settlementModel: text("settlement_model").$type<SettlementModel>().notNull().default("reimbursement"),
      number: text("number"),
      /** A supplement (Nachtrag): the month's original statement it supplements; null for the original. */
      supplementsId: uuid("supplements_id").references((): AnyPgColumn => statements.id),
      state: text("state").$type<StatementState>().notNull().default("draft"),
      body: jsonb("body").$type<Statement>().notNull(),
      netCents: integer("net_cents").notNull(),
      vatCents: integer("vat_cents").notNull(),
      grossCents: integer("gross_cents").notNull(),
      createdBy: uuid("created_by").references(() => accounts.id, { onDelete: "set null" }),
      createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
      computedAt: timestamp("computed_at", { withTimezone: true }).notNull().defaultNow(),
      issuedBy: uuid("issued_by").references(() => accounts.id, { onDelete: "set null" }),
      issuedAt: timestamp("issued_at", { withTimezone: true }),
      acknowledgedBy: uuid("acknowledged_by").references(() => accounts.id, { onDelete: "set null" }),
      acknowledgedAt: timestamp("acknowledged_at", { withTimezone: true }),
      paidBy: uuid("paid_by").references(() => accounts.id, { onDelete: "set null" }),
      paidAt: timestamp("paid_at", { withTimezone: true }),
      updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    },
    (t) => [
      // One original statement per pair and month; supplements follow it.
      uniqueIndex("statements_one_original_per_pair_month")
        .on(t.organizationId, t.borrowerOrganizationId, t.month)
        .where(sql`${t.supplementsId} IS NULL`),
      // One open draft per pair and month (the original or a supplement).
      uniqueIndex("statements_one_draft_per_pair_month")
        .on(t.organizationId, t.borrowerOrganizationId, t.month)
        .where(sql`${t.state} = 'draft'`),
      // Numbers are unique per lender.
      uniqueIndex("statements_number_per_lender").on(t.organizationId, t.number),
      index("statements_borrower").on(t.borrowerOrganizationId),
      index("statements_region_updated").on(t.regionId, t.updatedAt, t.id),
      // Only a supplement may come out negative (a credit); gross is always net + VAT.
      check(
        "statements_amounts_plausible",
        sql`(${t.supplementsId} IS NOT NULL OR (${t.netCents} >= 0 AND ${t.vatCents} >= 0)) AND ${t.grossCents} = ${t.netCents} + ${t.vatCents}`,
      ),
    ],
  ),
  "party",
);

declareConstraint("statements_one_original_per_pair_month", {
  field: "month",
  message: {
    de: "Für diese Verwaltung und diesen Monat gibt es bereits eine Abrechnung. Bitte laden Sie die Seite neu.",
    en: "There is a statement for this administration and month already. Please reload the page.",
  },
});

declareConstraint("statements_one_draft_per_pair_month", {
  field: "month",
  message: {
    de: "Für diese Verwaltung und diesen Monat gibt es bereits eine Abrechnung im Entwurf. Bitte laden Sie die Seite neu und stellen Sie zuerst diesen Entwurf.",
    en: "There is a statement for this administration and month already, still a draft. Please reload the page and issue that draft first.",
  },
});

/**
 * What a statement bills: one row per timesheet entry or expense it bills (`sign` +1) or reverses
 * (−1, a billed row a confirmed correction has replaced). Rows, not columns of the entries, because
 * an entry can be billed by one statement and reversed by a later one, and because the entries'
 * tables belong to the timesheets (nothing is overwritten there). `item` is the entry as it was
 * priced (minutes or amount, rate, day), so a supplement prices from what was billed, not from
 * today's figures. Written with the draft (computed and recomputed), so what is issued is what the
 * draft showed; `is_issued` is set when the statement is issued, and from then on the unique
 * indexes let no entry or expense be billed — or reversed — by two issued statements. `party` data
 * with the statement's owner columns; read only through `statement-scope.ts`.
 */
export const statementItems = declareVisibility(
  pgTable(
    "statement_items",
    {
      id: uuid("id").primaryKey().defaultRandom(),
      ...ownerColumns(),
      borrowerOrganizationId: uuid("borrower_organization_id")
        .notNull()
        .references(() => organizations.id),
      statementId: uuid("statement_id")
        .notNull()
        .references(() => statements.id, { onDelete: "cascade" }),
      entryId: uuid("entry_id").references(() => timesheetEntries.id),
      expenseId: uuid("expense_id").references(() => expenses.id),
      /** +1 billed, −1 reversed. */
      sign: integer("sign").notNull(),
      /** The billed minutes (hours) or cents (expense), signed: what the line of this item adds. */
      minutes: integer("minutes"),
      amountCents: integer("amount_cents"),
      item: jsonb("item").$type<BillableItem>().notNull(),
      isIssued: boolean("is_issued").notNull().default(false),
    },
    (t) => [
      index("statement_items_statement").on(t.statementId),
      uniqueIndex("statement_items_entry_billed_once")
        .on(t.entryId, t.sign)
        .where(sql`${t.isIssued} AND ${t.entryId} IS NOT NULL`),
      uniqueIndex("statement_items_expense_billed_once")
        .on(t.expenseId, t.sign)
        .where(sql`${t.isIssued} AND ${t.expenseId} IS NOT NULL`),
      check("statement_items_one_subject", sql`(${t.entryId} IS NULL) <> (${t.expenseId} IS NULL)`),
      check("statement_items_sign", sql`${t.sign} IN (1, -1)`),
    ],
  ),
  "party",
);

for (const name of ["statement_items_entry_billed_once", "statement_items_expense_billed_once"])
  declareConstraint(name, {
    field: "id",
    message: {
      de: "Ein Teil dieser Abrechnung wurde inzwischen mit einer anderen Abrechnung abgerechnet. Bitte berechnen Sie den Entwurf neu.",
      en: "Part of this statement has been billed by another statement in the meantime. Please recompute the draft.",
    },
  });
