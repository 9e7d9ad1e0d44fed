import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { declareConstraint } from "../../db/constraints";
import { ownerColumns } from "../../db/owner-columns";
import { declareVisibility } from "../../db/visibility";
import type { SettlementModel, Statement, VatSetting } from "../../domain/settlement/statement";
import { accounts } from "../identity/identity.tables";
import { organizations } from "../organizations/organizations.tables";

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
 * for lists and sums. The number is given when the statement is issued.
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
      // One statement per pair and month.
      uniqueIndex("statements_one_per_pair_month").on(t.organizationId, t.borrowerOrganizationId, t.month),
      // Numbers are unique per lender.
      uniqueIndex("statements_number_per_lender").on(t.organizationId, t.number),
      index("statements_borrower").on(t.borrowerOrganizationId),
      index("statements_region_updated").on(t.regionId, t.updatedAt, t.id),
      check(
        "statements_amounts_plausible",
        sql`${t.netCents} >= 0 AND ${t.vatCents} >= 0 AND ${t.grossCents} = ${t.netCents} + ${t.vatCents}`,
      ),
    ],
  ),
  "party",
);

declareConstraint("statements_one_per_pair_month", {
  field: "month",
  message: {
    de: "Für diese Verwaltung und diesen Monat gibt es bereits eine Abrechnung. Bitte laden Sie die Seite neu.",
    en: "There is a statement for this administration and month already. Please reload the page.",
  },
});
