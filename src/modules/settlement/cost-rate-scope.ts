/**
 * The one file that reads the cost-rate tables (`cost_rate_parameters`, `manual_cost_rates`;
 * `test/scope.test.ts`). Both are `region` data: an account sees its own region's rows, never
 * another region's. `unscoped…` reads serve Verbund's own work where the caller names the region
 * (a statement computing its lines with `rateFor`).
 */
import { and, desc, eq } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import type { Actor } from "../../kernel/actor";
import type { CostRateParameters, ManualRate } from "../../domain/settlement/cost-rate";
import { costRateParameters, manualCostRates } from "./cost-rates.tables";

/** A stored parameter version as the domain takes it, with its row's bookkeeping. */
export type StoredParameters = CostRateParameters & { id: string; note: string; createdAt: Date };
/** A stored manual rate as the domain takes it, with its id. */
export type StoredManualRate = ManualRate & { id: string; createdAt: Date };

function parametersOf(row: typeof costRateParameters.$inferSelect): StoredParameters {
  return {
    id: row.id,
    validFrom: row.validFrom,
    referenceStep: row.referenceStep,
    socialSecurityBasisPoints: row.socialSecurityBasisPoints,
    supplementaryPensionBasisPoints: row.supplementaryPensionBasisPoints,
    civilServantPensionBasisPoints: row.civilServantPensionBasisPoints,
    employeeNetAnnualHundredths: row.employeeNetAnnualHundredths,
    civilServantNetAnnualHundredths: row.civilServantNetAnnualHundredths,
    overheadOfficeBasisPoints: row.overheadOfficeBasisPoints,
    overheadOtherBasisPoints: row.overheadOtherBasisPoints,
    note: row.note,
    createdAt: row.createdAt,
  };
}

/** Every parameter version of a region, newest validity first. */
export async function unscopedParametersOfRegion(db: Db | Tx, regionId: string): Promise<StoredParameters[]> {
  const rows = await db
    .select()
    .from(costRateParameters)
    .where(eq(costRateParameters.regionId, regionId))
    .orderBy(desc(costRateParameters.validFrom));
  return rows.map(parametersOf);
}

/** Every manual rate of a region, newest validity first. */
export async function unscopedManualRatesOfRegion(db: Db | Tx, regionId: string): Promise<StoredManualRate[]> {
  const rows = await db
    .select()
    .from(manualCostRates)
    .where(eq(manualCostRates.regionId, regionId))
    .orderBy(manualCostRates.payGroup, desc(manualCostRates.validFrom));
  return rows.map((r) => ({
    id: r.id,
    payGroup: r.payGroup,
    validFrom: r.validFrom,
    centsPerHour: r.centsPerHour,
    note: r.note,
    createdAt: r.createdAt,
  }));
}

/** The parameter versions the actor may see: those of the actor's region. */
export function listVisibleParameters(db: Db | Tx, actor: Actor): Promise<StoredParameters[]> {
  return unscopedParametersOfRegion(db, actor.regionId);
}

/** The manual rates the actor may see: those of the actor's region. */
export function listVisibleManualRates(db: Db | Tx, actor: Actor): Promise<StoredManualRate[]> {
  return unscopedManualRatesOfRegion(db, actor.regionId);
}

/** One parameter version of the actor's region by id, or undefined. */
export async function findVisibleParameters(db: Db | Tx, actor: Actor, id: string): Promise<StoredParameters | undefined> {
  const [row] = await db
    .select()
    .from(costRateParameters)
    .where(and(eq(costRateParameters.id, id), eq(costRateParameters.regionId, actor.regionId)));
  return row ? parametersOf(row) : undefined;
}
