// Whether a value meets its standard, and the size classes administrations are compared in. The one
// definition the evaluation, the dashboards, the transparency portal and the open data share. Pure.

import type { Direction } from "./standard";

/**
 * How a value stands against the target of the standard version it was measured against: met, within
 * the tolerance band (not met, but not missed), or missed (beyond the band). `no_data` is the status
 * of a period without a value.
 */
export const STANDARD_STATUSES = ["met", "within_tolerance", "missed", "no_data"] as const;
export type StandardStatus = (typeof STANDARD_STATUSES)[number];

/** What a status needs of a standard version. */
export interface TargetRule {
  direction: Direction;
  target: number;
  /** The band around the target, in the indicator's unit (≥ 0). */
  tolerance: number;
}

/**
 * Values are reported with at most a few decimals; a difference below this is rounding (74.99999…
 * from 3 × 25 is 75), not a miss.
 */
const EPSILON = 1e-9;

/**
 * The status of one value: higher is better — met at or above the target, within tolerance down to
 * target − tolerance, missed below; lower is better — met at or below the target, within tolerance up
 * to target + tolerance, missed above. The band's edge belongs to the band. No value: `no_data`.
 */
export function statusOf(rule: TargetRule, value: number | null | undefined): StandardStatus {
  if (value === null || value === undefined || !Number.isFinite(value)) return "no_data";
  // How far the value lies on the bad side of the target (≤ 0: met).
  const shortfall = rule.direction === "higher_is_better" ? rule.target - value : value - rule.target;
  if (shortfall <= EPSILON) return "met";
  if (shortfall <= rule.tolerance + EPSILON) return "within_tolerance";
  return "missed";
}

/**
 * The distance of a value to its target, signed so that a positive distance is better than the
 * target (above it when higher is better, below it when lower is better), in the indicator's unit.
 */
export function distanceToTarget(rule: TargetRule, value: number): number {
  return rule.direction === "higher_is_better" ? value - rule.target : rule.target - value;
}

/** Size classes of administrations by population: under 20,000, 20,000 to 50,000, over 50,000 inhabitants. */
export const SIZE_CLASSES = ["small", "medium", "large"] as const;
export type SizeClass = (typeof SIZE_CLASSES)[number];

export const SIZE_CLASS_LABELS: Record<SizeClass, { de: string; en: string }> = {
  small: { de: "unter 20.000 Einwohner", en: "under 20,000 inhabitants" },
  medium: { de: "20.000 bis 50.000 Einwohner", en: "20,000 to 50,000 inhabitants" },
  large: { de: "über 50.000 Einwohner", en: "over 50,000 inhabitants" },
};

/** The size class of an administration with this many inhabitants (20,000 and 50,000 are medium). */
export function sizeClassOf(population: number): SizeClass {
  if (population < 20_000) return "small";
  if (population <= 50_000) return "medium";
  return "large";
}
