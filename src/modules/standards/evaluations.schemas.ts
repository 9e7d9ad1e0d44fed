import { z } from "zod";
import { parsePeriod } from "../../domain/standards/period";
import { AGGREGATIONS, DIRECTIONS, INDICATOR_UNITS, PERIODICITIES, STANDARD_THEMES } from "../../domain/standards/standard";
import { SIZE_CLASSES, STANDARD_STATUSES } from "../../domain/standards/status";

const PERIOD_FORMAT = {
  de: "Geben Sie den Zeitraum im Format 2026-Q3, 2026-09 oder 2026 ein.",
  en: "Enter the period like 2026-Q3, 2026-09 or 2026.",
};
const ORGANIZATION_LIST = {
  de: "Geben Sie die Verwaltungen als durch Kommas getrennte Kennungen an (höchstens 30).",
  en: "Give the administrations as comma-separated ids (at most 30).",
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const EvaluationQuery = z
  .object({
    standard: z.uuid().describe("The standard"),
    period: z
      .string()
      .max(7)
      .refine((v) => parsePeriod(v) !== null, { message: PERIOD_FORMAT.en, params: PERIOD_FORMAT })
      .meta({ pattern: "^20\\d\\d(-Q[1-4]|-(0[1-9]|1[0-2]))?$" })
      .optional()
      .describe(
        "The period (`2026-09`, `2026-Q3`, `2026`), of the standard's periodicity or longer (rolled up by its aggregation); default the latest with values",
      ),
    sizeClass: z.enum(SIZE_CLASSES).optional().describe("Peer group: the administrations of this size class"),
    organizations: z
      .string()
      .max(30 * 37)
      .refine((v) => v.split(",").every((id) => UUID.test(id.trim())), { message: ORGANIZATION_LIST.en, params: ORGANIZATION_LIST })
      .optional()
      .describe("Peer group chosen by the user: comma-separated ids of administrations (wins over `sizeClass`)"),
  })
  .strict();

const Distribution = z.object({
  n: z.number().int(),
  min: z.number().nullable(),
  q1: z.number().nullable(),
  median: z.number().nullable(),
  q3: z.number().nullable(),
  max: z.number().nullable(),
  tooFew: z.boolean().describe("Fewer than five values: „zu wenige Werte für einen Vergleich“"),
});

const Status = z.enum(STANDARD_STATUSES);

export const EvaluationView = z.object({
  standard: z.object({
    id: z.uuid(),
    key: z.string(),
    version: z.number().int(),
    title: z.string(),
    titleEn: z.string(),
    theme: z.enum(STANDARD_THEMES),
    unit: z.enum(INDICATOR_UNITS),
    direction: z.enum(DIRECTIONS),
    periodicity: z.enum(PERIODICITIES),
    aggregation: z.enum(AGGREGATIONS),
    target: z.number(),
    tolerance: z.number(),
  }),
  period: z.string(),
  previousPeriod: z.string(),
  periods: z.array(z.string()).describe("Periods with values, newest first"),
  periodLabels: z
    .record(z.string(), z.object({ de: z.string(), en: z.string() }))
    .describe("Every period named in the answer in words: „3. Quartal 2026“"),
  peerGroup: z.object({
    kind: z.enum(["region", "size_class", "chosen"]),
    sizeClass: z.enum(SIZE_CLASSES).nullable(),
    organizationIds: z.array(z.uuid()),
  }),
  administrations: z
    .array(
      z.object({
        organizationId: z.uuid(),
        name: z.string(),
        sizeClass: z.enum(SIZE_CLASSES),
        inPeerGroup: z.boolean(),
        status: Status,
        value: z.number().nullable(),
        distance: z.number().nullable().describe("Distance to the target, positive = better than the target"),
        version: z.number().int().nullable().describe("The version of the standard the value was measured against"),
        previousValue: z.number().nullable(),
        previousStatus: Status,
        trend: z.enum(["better", "same", "worse"]).nullable(),
        subPeriods: z.number().int().nullable(),
      }),
    )
    .describe("Every administration the standard applies to, by name (no ranking)"),
  distribution: Distribution,
  distances: Distribution,
  statusCounts: z.object({
    met: z.number().int(),
    within_tolerance: z.number().int(),
    missed: z.number().int(),
    no_data: z.number().int(),
  }),
  bestPractice: z
    .object({
      organizationId: z.uuid(),
      name: z.string(),
      average: z.number(),
      periods: z.array(z.string()),
      contactEmail: z.string().nullable().describe("The administration's function mailbox for service standards"),
    })
    .nullable(),
  ownAdministration: z
    .object({
      organizationId: z.uuid(),
      needsSupport: z.boolean().describe("Missed in two consecutive periods"),
      support: z.object({
        department: z.object({ id: z.uuid(), name: z.string() }).nullable(),
        qualification: z.object({ id: z.uuid(), name: z.string() }).nullable(),
      }),
    })
    .nullable(),
});
