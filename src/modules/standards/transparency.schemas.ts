import { z } from "zod";
import { CONFIDENCE_LEVELS, DIRECTIONS, INDICATOR_UNITS } from "../../domain/standards/standard";

const Bilingual = z.object({ de: z.string(), en: z.string() });
const PublicStatus = z.enum(["met", "within_tolerance", "missed"]);

export const TransparencyParams = z.object({ id: z.uuid() });

/** The administrations with how many values each has published. */
export const TransparencyOverview = z.object({
  asOf: z.string().describe("The day (in Germany) the answer shows: values published on or before it"),
  organizations: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      ags: z.string(),
      kind: z.string(),
      publishedValues: z.number().int(),
    }),
  ),
});

/** One administration's published values by standard. */
export const TransparencyOrganization = z.object({
  asOf: z.string(),
  organization: z.object({ id: z.uuid(), name: z.string(), ags: z.string(), kind: z.string() }),
  standards: z.array(
    z.object({
      id: z.uuid(),
      key: z.string(),
      title: z.string(),
      titleEn: z.string(),
      theme: z.string(),
      unit: z.enum(INDICATOR_UNITS),
      direction: z.enum(DIRECTIONS),
      target: z.number(),
      tolerance: z.number(),
      measurement: z.string(),
      anchor: z.string(),
      values: z.array(
        z.object({
          id: z.uuid(),
          period: z.string(),
          periodLabel: Bilingual,
          value: z.number(),
          numerator: z.number().nullable(),
          denominator: z.number().nullable(),
          target: z.number().describe("The target of the standard's version the value was measured against"),
          tolerance: z.number(),
          status: PublicStatus,
          method: z.string(),
          confidence: z.enum(CONFIDENCE_LEVELS),
          publishedOn: z.string(),
          valueVersion: z.number().int(),
          correctionReason: z.string().nullable(),
          reply: z.string().nullable().describe("The administration's public comment (right of reply)"),
          replyChangedAt: z.string().nullable(),
        }),
      ),
    }),
  ),
});
