// The words of a service standard (Leistungsstandard) and of a reported value (Meldung), shared by
// the catalogue, the reporting, the plausibility checks and, later, the evaluation. Pure: no I/O.

/** Themes of the region's strategy a standard belongs to. */
export const STANDARD_THEMES = [
  "buergerservice",
  "bauen",
  "digitalisierung",
  "klimaschutz",
  "beteiligung",
  "personal",
  "soziales",
  "ordnung",
] as const;
export type StandardTheme = (typeof STANDARD_THEMES)[number];

/** Unit of an indicator; it decides the range check (a percentage lies in 0 … 100). */
export const INDICATOR_UNITS = ["percent", "days", "hours", "minutes", "count", "euro"] as const;
export type IndicatorUnit = (typeof INDICATOR_UNITS)[number];

/**
 * How values of sub-periods combine into a longer period: the mean of the values, their sum,
 * the sum of numerators over the sum of denominators (a ratio, in percent), or the last value.
 */
export const AGGREGATIONS = ["mean", "sum", "ratio", "last"] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

/** Whether a higher value is better (reachability) or a lower one (days to an appointment). */
export const DIRECTIONS = ["higher_is_better", "lower_is_better"] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** How often values are reported. */
export const PERIODICITIES = ["month", "quarter", "year"] as const;
export type Periodicity = (typeof PERIODICITIES)[number];

/**
 * Which administrations a standard applies to, by responsibility: all 22, the 21 municipalities,
 * the lower building authorities (14 in the Region Hannover: the Region for eight municipalities,
 * the others for themselves), or the regional administration alone.
 */
export const APPLICABILITIES = ["all", "municipalities", "building_authorities", "region"] as const;
export type Applicability = (typeof APPLICABILITIES)[number];

/** How a value was measured, as its reporter states it. */
export const CONFIDENCE_LEVELS = ["high", "medium", "low"] as const;
export type ConfidenceLevel = (typeof CONFIDENCE_LEVELS)[number];

/** The longest texts a value carries, the same for the form, the API and a value file: its method and a reason. */
export const TEXT_LIMITS = { method: 1000, reason: 2000, reply: 600 } as const;

/** The states of a reported value: draft → submitted → validated → published (at its publication date). */
export const SUBMISSION_STATES = ["draft", "submitted", "validated", "published"] as const;
export type SubmissionState = (typeof SUBMISSION_STATES)[number];

/** Where a value came from. */
export const SUBMISSION_SOURCES = ["form", "upload", "api"] as const;
export type SubmissionSource = (typeof SUBMISSION_SOURCES)[number];

/** A plausibility warning a reporter explained in writing (errors block; warnings need a reason). */
export interface ExplainedWarning {
  /** The rule that warned: `jump`, `median_distance`, … */
  rule: string;
  /** The reporter's reason, in their words. */
  reason: string;
  /** The warning as the checks said it when the reason was given. */
  message?: { de: string; en: string };
}
