/**
 * Cost rates as other parts of the settlement ask for them (`rateFor`) and as the Kostensätze page
 * lists them (`listCostRates`): the pure computation (`domain/settlement/cost-rate.ts`) fed with
 * the shipped pay tables and the region's parameter versions and manual rates.
 */
import type { Db, Tx } from "../../db/client";
import type { Actor } from "../../kernel/actor";
import { today } from "../../kernel/dates";
import {
  PAY_GROUPS,
  computeCostRate,
  inForce,
  scaleOf,
  type BreakdownLine,
  type CostRateResult,
  type EmploymentStatus,
  type OverheadChoice,
} from "../../domain/settlement/cost-rate";
import { payTables } from "./pay-table-files";
import { listVisibleManualRates, listVisibleParameters, unscopedManualRatesOfRegion, unscopedParametersOfRegion } from "./cost-rate-scope";
import { costRatePolicy } from "./cost-rates.policy";

/** What {@link rateFor} needs. */
export interface RateQuery {
  /** The region whose parameters and manual rates apply (the secondment's `region_id`). */
  regionId: string;
  /** As Verbund writes pay groups: `E 9b`, `S 11a`, `A 11`, `B 3`. */
  payGroup: string;
  employmentStatus: EmploymentStatus;
  /** The day (ISO date) whose tables and parameters apply, e.g. the day the hours were worked. */
  on: string;
  /** The workplace's overhead: `office`, `other`, `none` (borrower provides the workplace) or an agreement's `{ percent }` (0–100). */
  overhead: OverheadChoice;
}

/** A rate for a statement line: cents per hour and its breakdown. */
export interface RateFound {
  kind: "rate";
  centsPerHour: number;
  breakdown: BreakdownLine[];
  result: Extract<CostRateResult, { kind: "rate" }>;
}

/** No rate: the reason and a message for the person who settles. */
export type NoRateFound = Extract<CostRateResult, { kind: "no_rate" }>;

/**
 * The hourly rate of a pay group on a day in a region, or a clear "no rate" (no parameters yet,
 * no table and no manual rate, or a pay group of the other employment status). Money in integer
 * cents; the breakdown's lines add up to `centsPerHour`.
 *
 * @example
 * const r = await rateFor({ regionId, payGroup: "E 9b", employmentStatus: "employee", on: "2026-12-01", overhead: "office" }, db);
 * if (r.kind === "rate") cents = Math.round(... r.centsPerHour ...);
 */
export async function rateFor(query: RateQuery, db: Db | Tx): Promise<RateFound | NoRateFound> {
  const [parameters, manualRates] = await Promise.all([
    unscopedParametersOfRegion(db, query.regionId),
    unscopedManualRatesOfRegion(db, query.regionId),
  ]);
  const result = computeCostRate({ ...query, parameters, manualRates, tables: payTables() });
  return result.kind === "rate" ? { kind: "rate", centsPerHour: result.centsPerHour, breakdown: result.breakdown, result } : result;
}

/**
 * The framework agreement's overhead percentages of a region on a day (the parameter version in
 * force), in basis points; null before the region's first version. The secondment page and the
 * agreement PDF read them through `registerFrameworkOverhead`.
 */
export async function frameworkOverheadOn(db: Db | Tx, regionId: string, on: string) {
  const version = inForce(await unscopedParametersOfRegion(db, regionId), on);
  return version ? { officeBasisPoints: version.overheadOfficeBasisPoints, otherBasisPoints: version.overheadOtherBasisPoints } : null;
}

/** Every pay group's rate on a day for the actor's region, with what the actor may do. */
export async function listCostRates(db: Db, actor: Actor, query: { on?: string; overhead?: "office" | "other" | "none" }) {
  const on = query.on ?? today();
  const overhead = query.overhead ?? "office";
  const [parameters, manualRates] = await Promise.all([listVisibleParameters(db, actor), listVisibleManualRates(db, actor)]);
  const tables = payTables();
  const items = PAY_GROUPS.map((payGroup) => {
    const employmentStatus = scaleOf(payGroup).status;
    const result = computeCostRate({ payGroup, employmentStatus, on, overhead, parameters, manualRates, tables });
    return result.kind === "rate"
      ? {
          payGroup,
          employmentStatus,
          rate: {
            centsPerHour: result.centsPerHour,
            source: result.source,
            scale: result.scale,
            validFrom: result.validFrom,
            step: result.step,
            monthlyCents: result.monthlyCents,
            overheadBasisPoints: result.overheadBasisPoints,
            breakdown: result.breakdown,
          },
          noRate: null,
        }
      : { payGroup, employmentStatus, rate: null, noRate: { reason: result.reason, message: result.message } };
  });
  return {
    on,
    overhead,
    parametersValidFrom: inForce(parameters, on)?.validFrom ?? null,
    items,
    abilities: { manage: costRatePolicy.can(actor, "manage") },
  };
}
