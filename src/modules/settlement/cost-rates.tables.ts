import { date, integer, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { declareConstraint } from "../../db/constraints";
import { ownerColumns } from "../../db/owner-columns";
import { declareVisibility } from "../../db/visibility";
import { accounts } from "../identity/identity.tables";

/**
 * The region's parameters of the cost rates (docs/SETTLEMENT.md › Kostensätze), one row per version:
 * a new version applies from `valid_from`, an old one is never changed. Owned by the coordination
 * office's administration (`organization_id`) of the region, visible to the whole region.
 * Percentages in basis points (21,00 % = 2100), hours in hundredths (1.591,20 h = 159120).
 */
export const costRateParameters = declareVisibility(
  pgTable(
    "cost_rate_parameters",
    {
      id: uuid("id").primaryKey().defaultRandom(),
      ...ownerColumns(),
      validFrom: date("valid_from").notNull(),
      referenceStep: integer("reference_step").notNull(),
      socialSecurityBasisPoints: integer("social_security_bp").notNull(),
      supplementaryPensionBasisPoints: integer("supplementary_pension_bp").notNull(),
      civilServantPensionBasisPoints: integer("civil_servant_pension_bp").notNull(),
      employeeNetAnnualHundredths: integer("employee_net_annual_hundredths").notNull(),
      civilServantNetAnnualHundredths: integer("civil_servant_net_annual_hundredths").notNull(),
      overheadOfficeBasisPoints: integer("overhead_office_bp").notNull(),
      overheadOtherBasisPoints: integer("overhead_other_bp").notNull(),
      /** Why this version (source of the figures, decision of the region). */
      note: text("note").notNull().default(""),
      createdBy: uuid("created_by").references(() => accounts.id, { onDelete: "set null" }),
      createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    },
    (t) => [unique("cost_rate_parameters_region_valid_from").on(t.regionId, t.validFrom)],
  ),
  "region",
);

declareConstraint("cost_rate_parameters_region_valid_from", {
  field: "validFrom",
  message: {
    de: "Ab diesem Tag gilt bereits eine Fassung der Parameter. Wählen Sie einen anderen Tag.",
    en: "A version of the parameters already applies from this day. Choose another day.",
  },
});

/** Rates the coordination office enters for pay groups without a table (B grades, …), per validity date. */
export const manualCostRates = declareVisibility(
  pgTable(
    "manual_cost_rates",
    {
      id: uuid("id").primaryKey().defaultRandom(),
      ...ownerColumns(),
      payGroup: text("pay_group").notNull(),
      validFrom: date("valid_from").notNull(),
      centsPerHour: integer("cents_per_hour").notNull(),
      note: text("note").notNull().default(""),
      createdBy: uuid("created_by").references(() => accounts.id, { onDelete: "set null" }),
      createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    },
    (t) => [unique("manual_cost_rates_region_group_valid_from").on(t.regionId, t.payGroup, t.validFrom)],
  ),
  "region",
);

declareConstraint("manual_cost_rates_region_group_valid_from", {
  field: "validFrom",
  message: {
    de: "Für diese Gruppe gilt ab diesem Tag bereits ein Satz. Wählen Sie einen anderen Tag.",
    en: "A rate already applies to this group from this day. Choose another day.",
  },
});
