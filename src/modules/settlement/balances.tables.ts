import { integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { ownerColumns } from "../../db/owner-columns";
import { declareVisibility } from "../../db/visibility";
import type { YearEndRule } from "../../domain/settlement/ledger";
import { accounts } from "../identity/identity.tables";

/**
 * The region's reciprocity settings (docs/SETTLEMENT.md › Balances): what happens to the ledger's
 * balances at year end. One row per region, owned by the coordination office's administration,
 * visible to the whole region; no row means the default `carry_over`. Read only in `balance-scope.ts`.
 */
export const reciprocitySettings = declareVisibility(
  pgTable(
    "reciprocity_settings",
    {
      id: uuid("id").primaryKey().defaultRandom(),
      ...ownerColumns(),
      /** `carry_over`: the balances open the next year; `convert`: they become money at the year's average hourly rate. */
      yearEndRule: text("year_end_rule").$type<YearEndRule>().notNull().default("carry_over"),
      updatedBy: uuid("updated_by").references(() => accounts.id, { onDelete: "set null" }),
      updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    },
    (t) => [uniqueIndex("reciprocity_settings_region").on(t.regionId)],
  ),
  "region",
);

/** One administration's line of a year's closing (minutes, and cents under `convert`). */
export interface ClosingLine {
  organizationId: string;
  /** The reciprocity balance at the year's end (minutes, opening balance included). */
  minutes: number;
  /** Under `convert`: the balance in cents at the year's average rate (sums to zero); else null. */
  cents: number | null;
  /** Whether the balance could be shown (rule of 5 people) when the year was closed. */
  isShown: boolean;
}

/**
 * A closed reciprocity year (Jahresabschluss, docs/SETTLEMENT.md › Year end): the rule applied, the
 * year's average hourly rate (under `convert`) and every administration's closing balance. One row
 * per region and year (a second closing is refused by the unique index, also two at once); never
 * changed afterwards. Visible to the region like the settings; read only in `balance-scope.ts`.
 */
export const reciprocityYearClosings = declareVisibility(
  pgTable(
    "reciprocity_year_closings",
    {
      id: uuid("id").primaryKey().defaultRandom(),
      ...ownerColumns(),
      year: integer("year").notNull(),
      rule: text("rule").$type<YearEndRule>().notNull(),
      /** Under `convert`: the year's average hourly rate in cents (null under `carry_over`). */
      rateCentsPerHour: integer("rate_cents_per_hour"),
      lines: jsonb("lines").$type<ClosingLine[]>().notNull(),
      closedBy: uuid("closed_by").references(() => accounts.id, { onDelete: "set null" }),
      closedAt: timestamp("closed_at", { withTimezone: true }).notNull().defaultNow(),
    },
    (t) => [uniqueIndex("reciprocity_year_closings_region_year").on(t.regionId, t.year)],
  ),
  "region",
);
