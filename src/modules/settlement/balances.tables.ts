import { pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
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
