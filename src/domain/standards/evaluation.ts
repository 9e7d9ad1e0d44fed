// The evaluation of a service standard: per administration and period the status of its value
// against the version it was measured against, the trend against the previous period, the
// distribution of the region (or of a peer group), the best practice (Vorbild) and who needs
// support. With at most 22 administrations it shows distributions and distances to the target,
// never a ranking. Pure: no I/O; the result never depends on the order of the values given.

import { groupBy } from "../../kernel/group-by";
import { parsePeriod, periodContaining, shiftPeriod, type Period } from "./period";
import type { Aggregation, Periodicity, StandardTheme } from "./standard";
import { distanceToTarget, sizeClassOf, statusOf, type SizeClass, type StandardStatus, type TargetRule } from "./status";

/** A version of a standard as the evaluation needs it. */
export interface EvaluatedVersion extends TargetRule {
  id: string;
  version: number;
  aggregation: Aggregation;
}

/** A reported value, measured against its version. */
export interface ReportedValue {
  organizationId: string;
  /** `2026-09`, `2026-Q3` or `2026`. */
  period: string;
  value: number;
  numerator?: number | null;
  denominator?: number | null;
  version: EvaluatedVersion;
  /** How many reported sub-periods a rolled-up value stands for (1 for a reported one). */
  subPeriods?: number;
}

/** An administration the standard applies to. */
export interface EvaluatedAdministration {
  id: string;
  name: string;
  population: number;
}

/** Fewer values than this make no comparison: a median of four says nothing about a region. */
export const MIN_VALUES_FOR_COMPARISON = 5;
/** The periods an administration must have met the standard in, one after another, to be a best practice. */
export const BEST_PRACTICE_PERIODS = 4;

const EPSILON = 1e-9;
const collator = new Intl.Collator("de");

function periodOrThrow(text: string): Period {
  const p = parsePeriod(text);
  if (!p) throw new Error(`not a period: ${text}`);
  return p;
}

/** Values in one canonical order (period, administration, value), so that sums never depend on the order given. */
function canonical<T extends { period: string; organizationId?: string; value: number }>(values: readonly T[]): T[] {
  return [...values].sort(
    (a, b) =>
      periodOrThrow(a.period).start.localeCompare(periodOrThrow(b.period).start) ||
      (a.organizationId ?? "").localeCompare(b.organizationId ?? "") ||
      a.value - b.value,
  );
}

/**
 * The value of a longer period from the values of its sub-periods, as the version's aggregation
 * says: `mean` of the values, `sum` of them, `ratio` = Σ numerators / Σ denominators in percent
 * (when a value lacks its numerator and denominator, the mean of the values instead), `last` = the
 * value of the latest sub-period. No values: null.
 */
export function aggregate(
  aggregation: Aggregation,
  values: ReadonlyArray<{ period: string; value: number; numerator?: number | null; denominator?: number | null }>,
): number | null {
  if (!values.length) return null;
  const sorted = canonical(values);
  const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
  switch (aggregation) {
    case "sum":
      return sum(sorted.map((v) => v.value));
    case "last":
      return sorted[sorted.length - 1].value;
    case "ratio": {
      const withFraction = sorted.every((v) => v.numerator != null && v.denominator != null);
      const denominators = withFraction ? sum(sorted.map((v) => v.denominator!)) : 0;
      if (withFraction && denominators > 0) return (sum(sorted.map((v) => v.numerator!)) / denominators) * 100;
      return sum(sorted.map((v) => v.value)) / sorted.length;
    }
    case "mean":
      return sum(sorted.map((v) => v.value)) / sorted.length;
  }
}

/**
 * The values rolled up to periods of `kind` (a year from months, a quarter from months, …) per
 * administration with the aggregation of the latest sub-period's version, which is also the version
 * the rolled-up value is measured against. Values of `kind` itself stay as they are; values of a
 * longer period than `kind` cannot be split and are left out.
 */
export function rollUp(values: readonly ReportedValue[], kind: Periodicity): ReportedValue[] {
  const order: Record<Periodicity, number> = { month: 0, quarter: 1, year: 2 };
  const groups = groupBy(
    values.filter((v) => order[periodOrThrow(v.period).kind] <= order[kind]),
    (v) => {
      const p = periodOrThrow(v.period);
      return `${v.organizationId} ${(p.kind === kind ? p : periodContaining(kind, p.start)).text}`;
    },
  );
  const out: ReportedValue[] = [];
  for (const [key, group] of groups) {
    const [organizationId, period] = key.split(" ");
    const sorted = canonical(group);
    const version = sorted[sorted.length - 1].version;
    if (group.length === 1 && group[0].period === period) {
      out.push({ ...group[0], subPeriods: 1 });
      continue;
    }
    out.push({ organizationId, period, value: aggregate(version.aggregation, sorted)!, version, subPeriods: group.length });
  }
  return out;
}

/** Median, quartiles (linear between ranks, as a spreadsheet's QUARTILE.INC), range and number of values. */
export interface Distribution {
  n: number;
  min: number | null;
  q1: number | null;
  median: number | null;
  q3: number | null;
  max: number | null;
  /** Fewer than five values: „zu wenige Werte für einen Vergleich“ — shown, but not compared. */
  tooFew: boolean;
}

function quantile(sorted: number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** The distribution of some values. */
export function distributionOf(values: readonly number[]): Distribution {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  const n = sorted.length;
  if (!n) return { n, min: null, q1: null, median: null, q3: null, max: null, tooFew: true };
  return {
    n,
    min: sorted[0],
    q1: quantile(sorted, 0.25),
    median: quantile(sorted, 0.5),
    q3: quantile(sorted, 0.75),
    max: sorted[n - 1],
    tooFew: n < MIN_VALUES_FOR_COMPARISON,
  };
}

export type Trend = "better" | "same" | "worse";

/**
 * The trend of a value against the previous period's, in the direction of the current version
 * (for days to an appointment fewer is better): null when either is missing.
 */
export function trendOf(current: ReportedValue | undefined, previous: ReportedValue | undefined): Trend | null {
  if (!current || !previous) return null;
  const gain = current.version.direction === "higher_is_better" ? current.value - previous.value : previous.value - current.value;
  if (gain > EPSILON) return "better";
  if (gain < -EPSILON) return "worse";
  return "same";
}

/** The status of a value against the version it was measured against. */
export function statusOfValue(v: ReportedValue | undefined): StandardStatus {
  return v ? statusOf(v.version, v.value) : "no_data";
}

/** A series of one administration: its values by period. */
type Series = Map<string, ReportedValue>;

function seriesByAdministration(values: readonly ReportedValue[]): Map<string, Series> {
  const out = new Map<string, Series>();
  // Canonical order: should two values share administration and period, the higher one is kept, whatever the input order.
  for (const v of canonical(values)) {
    let s = out.get(v.organizationId);
    if (!s) out.set(v.organizationId, (s = new Map()));
    s.set(v.period, v);
  }
  return out;
}

/**
 * Needs support: the standard was missed in two consecutive periods — the evaluated one and the one
 * before, or, while the evaluated period's value is not there yet, the two before it.
 */
export function needsSupport(series: ReadonlyMap<string, ReportedValue>, period: string): boolean {
  const p = periodOrThrow(period);
  const latest = series.has(p.text) ? p : shiftPeriod(p, 1);
  const before = shiftPeriod(latest, 1);
  return statusOfValue(series.get(latest.text)) === "missed" && statusOfValue(series.get(before.text)) === "missed";
}

/** The best practice (Vorbild) of a period. */
export interface BestPractice {
  organizationId: string;
  name: string;
  /** The mean of its values of the four periods. */
  average: number;
  /** The four periods, oldest first. */
  periods: string[];
}

/**
 * The best practice: among the administrations that met the standard in each of the last four
 * periods up to `period` (each value against its own version), the one with the best mean value of
 * the four, in the direction of the evaluated period's version. Equal means (within 10⁻⁹): the better
 * value of the evaluated period, then the name in German alphabetical order, then the id. None
 * when nobody met it four times in a row.
 */
export function bestPracticeOf(
  administrations: readonly EvaluatedAdministration[],
  values: readonly ReportedValue[],
  period: string,
): BestPractice | null {
  const p = periodOrThrow(period);
  const periods = Array.from({ length: BEST_PRACTICE_PERIODS }, (_, i) => shiftPeriod(p, BEST_PRACTICE_PERIODS - 1 - i).text);
  const series = seriesByAdministration(values);
  const candidates: Array<{ admin: EvaluatedAdministration; average: number; latest: ReportedValue }> = [];
  for (const admin of administrations) {
    const s = series.get(admin.id);
    const four = periods.map((t) => s?.get(t));
    if (four.some((v) => statusOfValue(v) !== "met")) continue;
    const vs = four as ReportedValue[];
    candidates.push({ admin, average: vs.reduce((sum, v) => sum + v.value, 0) / vs.length, latest: vs[vs.length - 1] });
  }
  if (!candidates.length) return null;
  const higher = candidates.some((c) => c.latest.version.direction === "higher_is_better");
  const better = (a: number, b: number) => (Math.abs(a - b) <= EPSILON ? 0 : higher ? b - a : a - b);
  candidates.sort(
    (a, b) =>
      better(a.average, b.average) ||
      better(a.latest.value, b.latest.value) ||
      collator.compare(a.admin.name, b.admin.name) ||
      a.admin.id.localeCompare(b.admin.id),
  );
  const best = candidates[0];
  return { organizationId: best.admin.id, name: best.admin.name, average: best.average, periods };
}

/** One administration in the evaluation of a period. */
export interface AdministrationResult {
  organizationId: string;
  name: string;
  sizeClass: SizeClass;
  inPeerGroup: boolean;
  status: StandardStatus;
  value: number | null;
  /** Signed: positive is better than the target. */
  distance: number | null;
  /** The version the value was measured against. */
  version: number | null;
  previousValue: number | null;
  previousStatus: StandardStatus;
  trend: Trend | null;
  subPeriods: number | null;
  needsSupport: boolean;
}

export interface EvaluationInput {
  /** The evaluated period (of the values' kind; roll values up first for a longer one). */
  period: string;
  /** The administrations the standard applies to. */
  administrations: readonly EvaluatedAdministration[];
  /** Values of any periods (those before the evaluated one give trend, best practice and needs support). */
  values: readonly ReportedValue[];
  /** The peer group: ids of administrations; none = all of them. */
  peerGroup?: readonly string[] | null;
}

export interface Evaluation {
  period: string;
  previousPeriod: string;
  /** In German alphabetical order of the name: a table, not a league table. */
  administrations: AdministrationResult[];
  /** The distribution of the peer group's values of the period. */
  distribution: Distribution;
  /** The distribution of the peer group's distances to the target. */
  distances: Distribution;
  statusCounts: Record<StandardStatus, number>;
  bestPractice: BestPractice | null;
}

/** The evaluation of one standard and period. */
export function evaluate(input: EvaluationInput): Evaluation {
  const p = periodOrThrow(input.period);
  const previous = shiftPeriod(p, 1).text;
  const series = seriesByAdministration(input.values.filter((v) => periodOrThrow(v.period).kind === p.kind));
  const peers = input.peerGroup ? new Set(input.peerGroup) : null;
  const administrations = [...input.administrations]
    .sort((a, b) => collator.compare(a.name, b.name) || a.id.localeCompare(b.id))
    .map((admin): AdministrationResult => {
      const s = series.get(admin.id) ?? new Map<string, ReportedValue>();
      const current = s.get(p.text);
      const before = s.get(previous);
      return {
        organizationId: admin.id,
        name: admin.name,
        sizeClass: sizeClassOf(admin.population),
        inPeerGroup: !peers || peers.has(admin.id),
        status: statusOfValue(current),
        value: current?.value ?? null,
        distance: current ? distanceToTarget(current.version, current.value) : null,
        version: current?.version.version ?? null,
        previousValue: before?.value ?? null,
        previousStatus: statusOfValue(before),
        trend: trendOf(current, before),
        subPeriods: current?.subPeriods ?? (current ? 1 : null),
        needsSupport: needsSupport(s, p.text),
      };
    });
  const inGroup = administrations.filter((a) => a.inPeerGroup);
  const statusCounts: Record<StandardStatus, number> = { met: 0, within_tolerance: 0, missed: 0, no_data: 0 };
  for (const a of inGroup) statusCounts[a.status]++;
  return {
    period: p.text,
    previousPeriod: previous,
    administrations,
    distribution: distributionOf(inGroup.flatMap((a) => (a.value === null ? [] : [a.value]))),
    distances: distributionOf(inGroup.flatMap((a) => (a.distance === null ? [] : [a.distance]))),
    statusCounts,
    bestPractice: bestPracticeOf(input.administrations, input.values, p.text),
  };
}

/** The peer group of a size class: the administrations of that many inhabitants. */
export function sizeClassPeers(administrations: readonly EvaluatedAdministration[], sizeClass: SizeClass): string[] {
  return administrations.filter((a) => sizeClassOf(a.population) === sizeClass).map((a) => a.id);
}

/** The latest period of the values (the default of the evaluation), or null. */
export function latestPeriod(values: ReadonlyArray<{ period: string }>): string | null {
  let best: Period | null = null;
  for (const v of values) {
    const p = periodOrThrow(v.period);
    if (!best || p.end > best.end || (p.end === best.end && p.start > best.start)) best = p;
  }
  return best?.text ?? null;
}

// ---------------------------------------------------------------------------------------------
// Support: what a missed standard asks of the mutual-support module

/**
 * The department and the suggested qualification of a support request for a missed standard of a
 * theme — the one table that maps themes to the mutual-support module: `department` is a key of
 * the administrations' departments (`DEFAULT_DEPARTMENTS` of the reference seed; `bauordnung` exists
 * at the lower building authorities), `qualification` a key of the qualification catalogue
 * (`src/db/seed/qualifications.ts`). Null where the region has no such department or qualification
 * yet: the form leaves the field for the requester to choose.
 */
export const SUPPORT_FOR_THEME: Record<StandardTheme, { department: string | null; qualification: string | null }> = {
  buergerservice: { department: "buergerservice", qualification: "buergerservice" },
  bauen: { department: "bauordnung", qualification: "bauantragspruefung" },
  digitalisierung: { department: "it", qualification: "ozg_onlinedienste" },
  klimaschutz: { department: null, qualification: null },
  beteiligung: { department: "buergerservice", qualification: null },
  personal: { department: "personal", qualification: "verwaltungsfachwirt" },
  soziales: { department: null, qualification: "wohngeld" },
  ordnung: { department: "ordnung", qualification: "ordnungsrecht" },
};
