/**
 * What may be read of balances — the one place that says so, and the one file that reads the
 * region's reciprocity settings (`test/scope.test.ts`).
 *
 * | who                                              | sees                                                      |
 * |--------------------------------------------------|-----------------------------------------------------------|
 * | finance, HR office (org_admin), management       | their own administration's sums per month and its ledger  |
 * | the coordination office (region_admin)           | every administration's balance, the flows, the netting, the closed years |
 * | anyone else                                      | nothing (403 at the route)                                |
 *
 * Every sum is shown only when it rests on at least 5 distinct people (`domain/settlement/balances.ts`);
 * no figure per person is answered to anyone. The hours come from the confirmed entries through
 * the one named aggregate read of the timesheet scope (`unscopedConfirmedMinutesOfYear`).
 */
import { and, asc, desc, eq, gt } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import type { HoursRow } from "../../domain/settlement/balances";
import { SETTLEMENT_MODELS } from "../../domain/settlement/statement";
import type { YearEndRule } from "../../domain/settlement/ledger";
import type { Actor } from "../../kernel/actor";
import { AppError } from "../../kernel/problems";
import { organizations } from "../organizations";
import { balancePolicy } from "./balances.policy";
import { reciprocitySettings, reciprocityYearClosings } from "./balances.tables";
import { unscopedConfirmedMinutesOfYear } from "./timesheet-scope";

/** The administration whose balances the actor reads: its own; 403 for anyone else. */
export function balanceOrganizationOf(actor: Actor): { regionId: string; organizationId: string } {
  if (!balancePolicy.can(actor, "read")) throw new AppError("forbidden");
  return { regionId: actor.regionId, organizationId: actor.organizationId };
}

/** The region whose balances the actor reads as its coordination office; 403 for anyone else. */
export function balanceRegionOf(actor: Actor): string {
  if (!balancePolicy.can(actor, "readRegion")) throw new AppError("forbidden");
  return actor.regionId;
}

/**
 * The region's confirmed hours of a year as the balances take them (per person and month, for
 * counting people — never answered as such).
 */
export async function unscopedHoursOfYear(db: Db | Tx, regionId: string, year: number): Promise<HoursRow[]> {
  const rows = await unscopedConfirmedMinutesOfYear(db, regionId, year);
  return rows.map((r) => {
    if (!(SETTLEMENT_MODELS as readonly string[]).includes(r.settlementModel))
      throw new Error(`unknown settlement model ${r.settlementModel}`);
    return { ...r, settlementModel: r.settlementModel as HoursRow["settlementModel"] };
  });
}

/** The region's year-end rule (default `carry_over`). */
export async function findYearEndRule(db: Db | Tx, regionId: string): Promise<YearEndRule> {
  const [row] = await db
    .select({ rule: reciprocitySettings.yearEndRule })
    .from(reciprocitySettings)
    .where(eq(reciprocitySettings.regionId, regionId));
  return row?.rule ?? "carry_over";
}

/** The region's settings row, locked for a change (undefined when none was written yet). */
export async function findReciprocitySettingsForUpdate(tx: Tx, regionId: string) {
  const [row] = await tx.select().from(reciprocitySettings).where(eq(reciprocitySettings.regionId, regionId)).for("update");
  return row;
}

/** Names of the region's administrations (public data), by id. */
export async function organizationNames(db: Db | Tx, regionId: string): Promise<Map<string, string>> {
  const rows = await db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(eq(organizations.regionId, regionId))
    .orderBy(asc(organizations.name));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The region's closing of `year` (Jahresabschluss), or undefined while the year is open. */
export async function findYearClosing(db: Db | Tx, regionId: string, year: number) {
  const [row] = await db
    .select()
    .from(reciprocityYearClosings)
    .where(and(eq(reciprocityYearClosings.regionId, regionId), eq(reciprocityYearClosings.year, year)));
  return row;
}

/** The latest year of the region closed after `year`, or undefined (a year is closed only after the ones before it). */
export async function findClosingAfter(db: Db | Tx, regionId: string, year: number): Promise<number | undefined> {
  const [row] = await db
    .select({ year: reciprocityYearClosings.year })
    .from(reciprocityYearClosings)
    .where(and(eq(reciprocityYearClosings.regionId, regionId), gt(reciprocityYearClosings.year, year)))
    .orderBy(desc(reciprocityYearClosings.year))
    .limit(1);
  return row?.year;
}
