import { z } from "zod";
import { pageQuery, pageSchema } from "../../kernel/paging";
import { isoDate } from "../../server/input-schemas";
import { parsePeriod } from "../../domain/standards/period";
import { WARNING_RULES } from "../../domain/standards/plausibility";
import {
  CONFIDENCE_LEVELS,
  INDICATOR_UNITS,
  PERIODICITIES,
  SUBMISSION_STATES,
  DIRECTIONS,
  TEXT_LIMITS,
} from "../../domain/standards/standard";

const PERIOD_FORMAT = {
  de: "Geben Sie den Zeitraum im Format 2026-Q3, 2026-09 oder 2026 ein.",
  en: "Enter the period like 2026-Q3, 2026-09 or 2026.",
};
/** The form of a period, for the API document (the checks say what is wrong in plain words). */
const PERIOD_PATTERN = "^20\\d\\d(-Q[1-4]|-(0[1-9]|1[0-2]))?$";
const period = z
  .string()
  .max(7)
  .refine((v) => parsePeriod(v) !== null, { message: PERIOD_FORMAT.en, params: PERIOD_FORMAT })
  .meta({ pattern: PERIOD_PATTERN });
const Bilingual = z.object({ de: z.string(), en: z.string() });

export const SubmissionParams = z.object({ id: z.uuid() });

export const SubmissionListQuery = z
  .object({
    ...pageQuery,
    standard: z.uuid().optional().describe("Only values of this standard"),
    period: period.optional().describe("Only values of this period (`2026-Q3`, `2026-09`, `2026`)"),
    state: z.enum(SUBMISSION_STATES).optional(),
    organization: z.uuid().optional().describe("Only values of this administration"),
    history: z.enum(["true", "false"]).optional().describe("`true`: also the versions a correction replaced"),
  })
  .strict();

export const ReportingSheetQuery = z.object({ period: period.optional().describe("The period; default the last closed quarter") }).strict();

const figure = z.number().min(-1e12).max(1e12);
const Reasons = z
  .object(
    Object.fromEntries(WARNING_RULES.map((r) => [r, z.string().max(TEXT_LIMITS.reason).optional()])) as Record<
      (typeof WARNING_RULES)[number],
      z.ZodOptional<z.ZodString>
    >,
  )
  .strict()
  .describe("A written reason per warning of the plausibility checks (`jump`, `median_distance`)");

/** One value as the reporter sends it. */
export const SubmissionItem = z
  .object({
    standardId: z.uuid(),
    period: z
      .string()
      .max(20)
      .describe("`2026-Q3`, `2026-09` or `2026`, as the standard's periodicity asks")
      .meta({ pattern: PERIOD_PATTERN }),
    value: figure,
    numerator: figure.nullable().optional(),
    denominator: figure.nullable().optional(),
    method: z.string().max(TEXT_LIMITS.method).default("").describe("How the value was measured"),
    confidence: z.enum(CONFIDENCE_LEVELS).default("high"),
    reasons: Reasons.optional(),
  })
  .strict();

export const CreateSubmissionsBody = z
  .object({
    items: z.array(SubmissionItem).min(1).max(500),
    submit: z.boolean().default(false).describe("Submit the values at once instead of keeping them as drafts"),
  })
  .strict()
  .meta({
    example: {
      items: [
        {
          standardId: "6f1c2b1e-2d6e-4c59-9a57-1c1b2a3d4e5f",
          period: "2026-09",
          value: 78.4,
          numerator: 4312,
          denominator: 5500,
          method: "Auswertung der Telefonanlage",
          confidence: "high",
        },
      ],
      submit: true,
    },
  });

export const ValidateBody = z
  .object({
    publishOn: isoDate.optional().describe("Publication day; default the region's next publication day (the 15th of the next month)"),
  })
  .strict();
export const ReturnBody = z
  .object({ comment: z.string().trim().min(3).max(2000).describe("What the administration should check") })
  .strict();
export const CorrectionBody = SubmissionItem.omit({ standardId: true, period: true })
  .extend({ reason: z.string().trim().min(3).max(2000).describe("Why the published value is corrected") })
  .strict();

/** The right of reply: the administration's comment on one of its published values (plain text, at most 600 characters). */
export const ReplyBody = z
  .object({
    text: z
      .string()
      .trim()
      .min(3)
      .max(TEXT_LIMITS.reply)
      .describe("The comment, plain text (line breaks allowed), 3 to 600 characters; shown publicly beside the value"),
    basedOnVersion: z
      .number()
      .int()
      .min(1)
      .nullable()
      .describe("The version of the comment the form was filled from (`replyVersion` of the value); null when it had none"),
  })
  .strict();
export const WithdrawReplyQuery = z
  .object({
    basedOnVersion: z.coerce.number().int().min(1).describe("The version of the comment being withdrawn (`replyVersion` of the value)"),
  })
  .strict();

const StandardRef = z.object({
  id: z.uuid(),
  key: z.string(),
  version: z.number().int(),
  versionId: z.uuid(),
  title: z.string(),
  titleEn: z.string(),
  unit: z.enum(INDICATOR_UNITS),
  periodicity: z.enum(PERIODICITIES),
  direction: z.enum(DIRECTIONS),
  target: z.number(),
  tolerance: z.number(),
  indicatorDefinition: z.string(),
  measurement: z.string(),
});

/** A value as the API shows it, with what the caller may do next. */
export const SubmissionView = z.object({
  id: z.uuid(),
  organization: z.object({ id: z.uuid(), name: z.string() }),
  standard: StandardRef,
  period: z.string(),
  periodLabel: Bilingual,
  value: z.number(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  method: z.string(),
  confidence: z.enum(CONFIDENCE_LEVELS),
  /** The warnings the reporter explained, each with the warning as the checks said it. */
  explainedWarnings: z.array(z.object({ rule: z.string(), reason: z.string(), message: Bilingual.nullable() })),
  state: z.enum(SUBMISSION_STATES),
  publishOn: z.string().nullable(),
  version: z.number().int(),
  correctsId: z.uuid().nullable(),
  correctionReason: z.string().nullable(),
  replacedById: z.uuid().nullable(),
  returnComment: z.string().nullable(),
  submittedAt: z.string().nullable(),
  validatedAt: z.string().nullable(),
  /** The region's median of the same standard and period (submitted values and later), for comparison. */
  regionMedian: z.object({ median: z.number(), count: z.number().int() }).nullable(),
  /** The day the value would be published if validated now (only for whoever may validate it). */
  validatePublishOn: z.string().nullable(),
  /** The administration's public comment on its published value (right of reply), if it has one. */
  reply: z.object({ text: z.string(), changedAt: z.string() }).nullable(),
  /** The newest version of the comment (also of a withdrawn one): what a change is based on. */
  replyVersion: z.number().int().nullable(),
  abilities: z.object({
    edit: z.boolean(),
    submit: z.boolean(),
    validate: z.boolean(),
    sendBack: z.boolean(),
    correct: z.boolean(),
    reply: z.boolean().describe("May write, change or withdraw the administration's public comment"),
  }),
});

export const SubmissionList = pageSchema(SubmissionView);
export const CreatedSubmissions = z.object({ items: z.array(SubmissionView) });
/** The short answer a sender asks for with `Prefer: return=minimal` (RFC 7240): what was written, no views. */
export const WrittenSubmissions = z
  .object({
    written: z.array(z.object({ id: z.uuid(), standardId: z.uuid(), period: z.string(), state: z.enum(["draft", "submitted"]) })),
  })
  .describe("With `Prefer: return=minimal`: the written values' ids in the order of the batch, without their views");

/** The reporting sheet: the standards that apply to the caller's administration for a period, each with its current value. */
export const ReportingSheet = z.object({
  period: z.string(),
  periodLabel: Bilingual,
  /** The first day values of the period can be reported, when it has not ended yet (then `rows` is empty); else null. */
  reportableFrom: z.string().nullable(),
  /** Periods the sheet offers (the last closed ones): only periods that have ended. */
  periods: z.array(z.object({ period: z.string(), label: Bilingual })),
  /** The day validated values are published by default. */
  publicationDay: z.number().int(),
  /** A standard once per period of its own periodicity the sheet asks for (a monthly one three times in a quarter's sheet). */
  rows: z.array(z.object({ standard: StandardRef, period: z.string(), periodLabel: Bilingual, current: SubmissionView.nullable() })),
  canReport: z.boolean(),
  /** The largest value file the server takes (`VERBUND_STANDARDS_UPLOAD_MB`), in bytes. */
  uploadLimitBytes: z.number().int(),
});

export const TemplateQuery = z
  .object({
    period: period.describe("The reporting period of the template (`2026-Q3`, `2026-09`, `2026`)"),
    format: z.enum(["csv", "xlsx"]).default("xlsx").describe("`csv` (UTF-8 with byte order mark, semicolons) or `xlsx`"),
  })
  .strict();

export const ImportParams = z.object({ id: z.uuid() });

const FileProblem = z.object({
  line: z.number().int().nullable().describe("Line (CSV) or row (XLSX) counted from 1; null for the file as a whole"),
  column: z.string().nullable().describe("Column: its letter (XLSX) or header name"),
  field: z.string().nullable(),
  rule: z.string(),
  message: Bilingual,
});

/** An import of a value file: its progress while it runs, its outcome when finished. */
export const ImportView = z.object({
  id: z.uuid(),
  fileName: z.string().nullable(),
  size: z.number().int().nullable(),
  state: z.enum(["running", "done", "failed"]),
  phase: z.enum(["reading", "checking", "writing"]).nullable().describe("What a running import does now"),
  rowsTotal: z.number().int().describe("Values of the file (known once it is read)"),
  rowsDone: z.number().int().describe("Values written so far; all of them once done, 0 when failed (nothing is written then)"),
  problems: z.array(FileProblem).describe("Every problem of a failed import, each with line and column"),
  createdAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
