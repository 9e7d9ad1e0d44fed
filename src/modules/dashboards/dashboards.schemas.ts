import { z } from "zod";
import { DIRECTIONS, INDICATOR_UNITS, STANDARD_THEMES, SUBMISSION_STATES } from "../../domain/standards/standard";
import { STANDARD_STATUSES } from "../../domain/standards/status";
import { exchangeOverview } from "../secondments";

const Bilingual = z.object({ de: z.string(), en: z.string() });

export const ManagementDashboardParams = z.object({ organizationId: z.uuid().describe("The administration (one's own)") });

const StandardAtAGlance = z.object({
  id: z.uuid(),
  key: z.string(),
  title: Bilingual,
  unit: z.enum(INDICATOR_UNITS),
  direction: z.enum(DIRECTIONS),
  target: z.number().describe("The target of the version the latest value was measured against (else the version in force)"),
  tolerance: z.number(),
  period: z.string().nullable().describe("The latest period with a reported value (submitted or later; never a draft)"),
  periodLabel: Bilingual.nullable(),
  value: z.number().nullable(),
  state: z.enum(SUBMISSION_STATES).nullable(),
  status: z.enum(STANDARD_STATUSES),
  previousPeriod: z.string().nullable(),
  previousValue: z.number().nullable(),
  trend: z.enum(["better", "same", "worse"]).nullable().describe("Against the period before the latest, in the standard's direction"),
  due: z.boolean().describe("The last closed period's value has not been reported yet"),
  duePeriod: Bilingual,
  needsSupport: z.boolean().describe("Missed in two consecutive periods up to the last closed one"),
});

export const ManagementDashboard = z.object({
  organization: z.object({ id: z.uuid(), name: z.string() }),
  asOf: z.string().describe("The day the figures are of (Europe/Berlin)"),
  standards: z.object({
    themes: z.array(
      z.object({
        theme: z.enum(STANDARD_THEMES),
        counts: z.object(
          Object.fromEntries(STANDARD_STATUSES.map((s) => [s, z.number().int()])) as Record<
            (typeof STANDARD_STATUSES)[number],
            z.ZodNumber
          >,
        ),
        standards: z.array(StandardAtAGlance),
      }),
    ),
  }),
  exchange: exchangeOverview.schema.describe("Staff lent and borrowed: running and agreed secondments per partner administration"),
});
