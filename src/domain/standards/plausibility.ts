// Plausibility checks of a reported value (Plausibilitätsprüfung), in the style of Norway's KOSTRA:
// each check is a named rule that looks at one value and answers problems with the field, a
// severity and a plain German and English message. Errors block a value; a warning lets it through
// once the reporter has written a reason (Begründung). Pure: no I/O. docs/STANDARDS.md ›
// "Meldungen und Plausibilitätsprüfung" states the rules and thresholds.
import { formatPeriod, parsePeriod, previousPeriod } from "./period";
import type { IndicatorUnit, Periodicity } from "./standard";

/** The rules, in the order they are checked. */
export const PLAUSIBILITY_RULES = [
  "period_format",
  "period_periodicity",
  "number_format",
  "range_percent",
  "range_not_negative",
  "fraction_incomplete",
  "fraction_denominator",
  "fraction_order",
  "fraction_value",
  "jump",
  "median_distance",
] as const;
export type PlausibilityRule = (typeof PLAUSIBILITY_RULES)[number];

/** Rules that only warn: the value may be right, the reporter says why. */
export const WARNING_RULES = ["jump", "median_distance"] as const satisfies readonly PlausibilityRule[];
export type WarningRule = (typeof WARNING_RULES)[number];

export type Severity = "error" | "warning";
export type PlausibilityField = "period" | "value" | "numerator" | "denominator";

export interface PlausibilityProblem {
  rule: PlausibilityRule;
  field: PlausibilityField;
  severity: Severity;
  message: { de: string; en: string };
}

/** Relative change against the previous period beyond which the jump check warns (50 %). */
export const JUMP_THRESHOLD = 0.5;
/** The median check warns when a value lies further from the region's median than both of these. */
export const MEDIAN_MAD_FACTOR = 2;
export const MEDIAN_SHARE = 0.5;
/** The median check needs at least this many values of other administrations. */
export const MEDIAN_MIN_PEERS = 3;
/** How far a percentage may lie from numerator ÷ denominator × 100 (rounding to one decimal and a little more). */
export const FRACTION_TOLERANCE = 0.1;

/** One value as reported. Numbers may be anything a caller sent; the checks say what is wrong. */
export interface ReportedValue {
  period: string;
  value: number;
  numerator?: number | null;
  denominator?: number | null;
}

/** What the checks compare with. */
export interface PlausibilityContext {
  unit: IndicatorUnit;
  periodicity: Periodicity;
  /** The administration's current value of the previous period, if there is one. */
  previousValue?: number | null;
  /** The values of the other administrations of the region for the same standard and period. */
  peerValues?: readonly number[];
}

const de = new Intl.NumberFormat("de-DE", { maximumFractionDigits: 2 });
const en = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 2 });
const PERIODICITY_WORDS: Record<Periodicity, { de: string; en: string; example: string }> = {
  month: { de: "einen Monat", en: "a month", example: "2026-09" },
  quarter: { de: "ein Quartal", en: "a quarter", example: "2026-Q3" },
  year: { de: "ein Jahr", en: "a year", example: "2026" },
};

const UNIT_WORDS: Record<IndicatorUnit, { de: string; en: string }> = {
  percent: { de: " %", en: " %" },
  days: { de: " Tage", en: " days" },
  hours: { de: " Stunden", en: " hours" },
  minutes: { de: " Minuten", en: " minutes" },
  count: { de: "", en: "" },
  euro: { de: " €", en: " euros" },
};
const withUnit = (n: number, unit: IndicatorUnit, lang: "de" | "en") => `${(lang === "de" ? de : en).format(n)}${UNIT_WORDS[unit][lang]}`;

/** The median of some numbers (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The median absolute deviation from the median. */
export function medianAbsoluteDeviation(values: readonly number[]): number {
  const m = median(values);
  return median(values.map((v) => Math.abs(v - m)));
}

const problem = (
  rule: PlausibilityRule,
  field: PlausibilityField,
  severity: Severity,
  deText: string,
  enText: string,
): PlausibilityProblem => ({
  rule,
  field,
  severity,
  message: { de: deText, en: enText },
});

/** Every problem of one value, errors first in rule order; an empty list when it is plausible. */
export function checkValue(input: ReportedValue, context: PlausibilityContext): PlausibilityProblem[] {
  const out: PlausibilityProblem[] = [];
  const period = parsePeriod(input.period);
  const want = PERIODICITY_WORDS[context.periodicity];
  if (!period) {
    out.push(
      problem(
        "period_format",
        "period",
        "error",
        `Geben Sie den Zeitraum im Format ${want.example} ein.`,
        `Enter the period in the format ${want.example}.`,
      ),
    );
  } else if (period.kind !== context.periodicity) {
    out.push(
      problem(
        "period_periodicity",
        "period",
        "error",
        `Dieser Standard wird für ${want.de} gemeldet; geben Sie den Zeitraum im Format ${want.example} ein.`,
        `This standard is reported for ${want.en}; enter the period in the format ${want.example}.`,
      ),
    );
  }
  const value = input.value;
  if (typeof value !== "number" || !Number.isFinite(value)) {
    out.push(problem("number_format", "value", "error", "Geben Sie eine Zahl ein.", "Enter a number."));
    return out;
  }
  if (context.unit === "percent" && (value < 0 || value > 100)) {
    out.push(
      problem(
        "range_percent",
        "value",
        "error",
        value > 100 ? "Der Anteil kann nicht über 100 % liegen." : "Der Anteil kann nicht unter 0 % liegen.",
        value > 100 ? "A share cannot be above 100 %." : "A share cannot be below 0 %.",
      ),
    );
  } else if (context.unit !== "percent" && value < 0) {
    out.push(problem("range_not_negative", "value", "error", "Der Wert kann nicht negativ sein.", "The value cannot be negative."));
  }
  const num = input.numerator ?? null;
  const den = input.denominator ?? null;
  let fractionOk = false;
  if ((num === null) !== (den === null)) {
    out.push(
      num === null
        ? problem(
            "fraction_incomplete",
            "numerator",
            "error",
            "Geben Sie auch den Zähler an – oder keinen der beiden.",
            "Enter the numerator as well – or neither.",
          )
        : problem(
            "fraction_incomplete",
            "denominator",
            "error",
            "Geben Sie auch den Nenner an – oder keinen der beiden.",
            "Enter the denominator as well – or neither.",
          ),
    );
  } else if (num !== null && den !== null) {
    if (!Number.isFinite(num) || num < 0) {
      out.push(
        problem("range_not_negative", "numerator", "error", "Der Zähler kann nicht negativ sein.", "The numerator cannot be negative."),
      );
    } else if (!Number.isFinite(den) || den <= 0) {
      out.push(
        problem(
          "fraction_denominator",
          "denominator",
          "error",
          "Der Nenner muss größer als 0 sein.",
          "The denominator must be greater than 0.",
        ),
      );
    } else if (num > den) {
      out.push(
        problem(
          "fraction_order",
          "numerator",
          "error",
          "Der Zähler kann nicht größer als der Nenner sein.",
          "The numerator cannot be greater than the denominator.",
        ),
      );
    } else {
      fractionOk = true;
    }
  }
  if (fractionOk && context.unit === "percent") {
    const computed = ((num as number) / (den as number)) * 100;
    if (Math.abs(computed - value) > FRACTION_TOLERANCE) {
      out.push(
        problem(
          "fraction_value",
          "value",
          "error",
          `Zähler durch Nenner ergibt ${de.format(computed)} %, nicht ${de.format(value)} %. Bitte prüfen Sie die drei Angaben.`,
          `Numerator over denominator gives ${en.format(computed)} %, not ${en.format(value)} %. Please check the three figures.`,
        ),
      );
    }
  }
  if (out.some((p) => p.severity === "error")) return out;

  const previous = context.previousValue;
  if (previous !== null && previous !== undefined && previous !== 0) {
    const change = (value - previous) / Math.abs(previous);
    if (Math.abs(change) > JUMP_THRESHOLD) {
      const pct = Math.round(Math.abs(change) * 100);
      const before = period ? formatPeriod(previousPeriod(period), "de") : "";
      out.push(
        problem(
          "jump",
          "value",
          "warning",
          `Der Wert ist um ${pct} % ${change > 0 ? "höher" : "niedriger"} als im Zeitraum davor${before ? ` (${before})` : ""}: ${withUnit(previous, context.unit, "de")}. Bitte begründen Sie die Veränderung.`,
          `The value is ${pct} % ${change > 0 ? "higher" : "lower"} than in the period before: ${withUnit(previous, context.unit, "en")}. Please give a reason for the change.`,
        ),
      );
    }
  }
  const peers = context.peerValues ?? [];
  if (peers.length >= MEDIAN_MIN_PEERS) {
    const m = median(peers);
    const mad = medianAbsoluteDeviation(peers);
    const distance = Math.abs(value - m);
    if (distance > MEDIAN_MAD_FACTOR * mad && distance > MEDIAN_SHARE * Math.abs(m)) {
      out.push(
        problem(
          "median_distance",
          "value",
          "warning",
          `Der Wert liegt weit vom Median der Region (${withUnit(m, context.unit, "de")}) entfernt. Bitte begründen Sie den Unterschied.`,
          `The value lies far from the region's median (${withUnit(m, context.unit, "en")}). Please give a reason for the difference.`,
        ),
      );
    }
  }
  return out;
}

/** Whether a rule only warns. */
export function isWarningRule(rule: string): rule is WarningRule {
  return (WARNING_RULES as readonly string[]).includes(rule);
}

/** The warnings among the problems that lack a written reason (a reason of at least 3 characters). */
export function unexplainedWarnings(
  problems: readonly PlausibilityProblem[],
  reasons: Readonly<Record<string, string | undefined>>,
): PlausibilityProblem[] {
  return problems.filter((p) => p.severity === "warning" && (reasons[p.rule]?.trim().length ?? 0) < 3);
}
