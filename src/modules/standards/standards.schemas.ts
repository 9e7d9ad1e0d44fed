import { z } from "zod";
import { isoDate } from "../../server/input-schemas";
import {
  AGGREGATIONS,
  APPLICABILITIES,
  DIRECTIONS,
  INDICATOR_UNITS,
  PERIODICITIES,
  STANDARD_THEMES,
} from "../../domain/standards/standard";

const Words = z.object({ de: z.string(), en: z.string() });

/** The search of the bundled service catalogue (LeiKa/OZG). */
export const ServiceCatalogueQuery = z
  .object({
    q: z.string().trim().min(2).max(100).describe("LeiKa key, OZG id or words of the service's name (at least two characters)"),
    limit: z.coerce.number().int().min(1).max(50).default(20).describe("Services to answer, 1–50 (default 20)"),
  })
  .strict();

const CatalogueService = z.object({
  leikaKey: z.string().nullable().describe("14-digit LeiKa key; null where the OZG catalogue lists the service outside the LeiKa"),
  name: z.string(),
  ozgId: z.string().nullable().describe("5-digit OZG service id; null for the few LeiKa services without one"),
  ozgService: z.string(),
  lifeSituation: z.string(),
  topic: z.string(),
});

export const ServiceCatalogueAnswer = z.object({
  items: z.array(CatalogueService),
  matches: z.number().int().describe("How many services match in all (the answer holds at most `limit`)"),
});

/** A text that must match a pattern, with a message in both languages saying what to enter. */
const shaped = (pattern: RegExp, message: { de: string; en: string }) =>
  z
    .string()
    .trim()
    .refine((value) => pattern.test(value), { message: message.en, params: message });

const keyField = shaped(/^[a-z0-9]+(-[a-z0-9]+)*$/, {
  de: "Verwenden Sie 3 bis 60 Kleinbuchstaben, Ziffern und Bindestriche, z. B. telefon-erreichbarkeit.",
  en: "Use 3 to 60 lower-case letters, digits and hyphens, e.g. phone-reachability.",
}).refine((value) => value.length >= 3 && value.length <= 60, {
  message: "Use 3 to 60 characters.",
  params: { de: "Verwenden Sie 3 bis 60 Zeichen.", en: "Use 3 to 60 characters." },
});

const leikaKeyField = shaped(/^\d{14}$/, {
  de: "Ein LeiKa-Schlüssel hat 14 Ziffern, z. B. 99012008000000. Suchen Sie die Leistung im Katalog aus.",
  en: "A LeiKa key has 14 digits, e.g. 99012008000000. Pick the service from the catalogue.",
});
const ozgIdField = shaped(/^\d{5}$/, {
  de: "Eine OZG-Leistung hat eine fünfstellige Nummer, z. B. 10519. Suchen Sie die Leistung im Katalog aus.",
  en: "An OZG service has a five-digit number, e.g. 10519. Pick the service from the catalogue.",
});

/** What a coordinator enters for a version (the first one, or a new one). */
const versionFields = {
  title: z.string().trim().min(3).max(200),
  titleEn: z.string().trim().min(3).max(200),
  theme: z.enum(STANDARD_THEMES),
  leikaKey: leikaKeyField.nullable().optional().describe("14-digit LeiKa key from the service catalogue"),
  ozgId: ozgIdField.nullable().optional().describe("5-digit OZG service id from the service catalogue"),
  indicatorDefinition: z.string().trim().min(10).max(2000),
  measurement: z.string().trim().min(10).max(2000),
  unit: z.enum(INDICATOR_UNITS),
  aggregation: z.enum(AGGREGATIONS),
  direction: z.enum(DIRECTIONS),
  periodicity: z.enum(PERIODICITIES),
  target: z.number().min(-1e9).max(1e9),
  tolerance: z.number().min(-1e9).max(1e9),
  validFrom: isoDate,
  validTo: isoDate.nullable().optional(),
  anchor: z.string().trim().min(3).max(1000),
  referenceModel: z.string().trim().max(200).nullable().optional(),
  appliesTo: z.enum(APPLICABILITIES),
};

export const CreateStandardBody = z
  .object({ key: keyField.optional().describe("Short key within the region; made from the title when left out"), ...versionFields })
  .strict();

export const NewVersionBody = z
  .object({
    basedOnVersion: z
      .number()
      .int()
      .min(1)
      .max(100000)
      .describe("The version number the form was filled from (a newer one in between is a 409)"),
    changeNote: z.string().trim().max(2000).describe("What changes and why; required from version 2"),
    ...versionFields,
  })
  .strict();

const Service = z
  .object({ leikaKey: z.string().nullable(), name: z.string().nullable(), ozgId: z.string().nullable(), ozgService: z.string().nullable() })
  .describe("The service from the bundled LeiKa/OZG catalogue");

export const StandardVersion = z.object({
  id: z.uuid(),
  version: z.number().int(),
  title: z.string(),
  titleEn: z.string(),
  theme: z.enum(STANDARD_THEMES),
  leikaKey: z.string().nullable(),
  ozgId: z.string().nullable(),
  service: Service.nullable(),
  indicatorDefinition: z.string(),
  measurement: z.string(),
  unit: z.enum(INDICATOR_UNITS),
  aggregation: z.enum(AGGREGATIONS),
  direction: z.enum(DIRECTIONS),
  periodicity: z.enum(PERIODICITIES),
  target: z.number(),
  tolerance: z.number(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  anchor: z.string(),
  referenceModel: z.string().nullable(),
  appliesTo: z.enum(APPLICABILITIES),
  isProposal: z.boolean(),
  changeNote: z.string(),
  createdAt: z.string(),
  createdBy: Words.nullable().describe("The role that made the version; null for the starter set"),
  changedFields: z.array(z.string()).describe("The fields that differ from the version before (empty for the first)"),
});

export const StandardSummary = z.object({
  id: z.uuid(),
  key: z.string(),
  current: StandardVersion,
  versionCount: z.number().int(),
  isInForce: z.boolean().describe("Whether the current version is in force today (else announced or expired)"),
});

export const StandardList = z.object({
  items: z.array(StandardSummary),
  abilities: z.object({ create: z.boolean() }),
});

export const StandardListQuery = z.object({ theme: z.enum(STANDARD_THEMES).optional() }).strict();

export const StandardDetail = StandardSummary.extend({
  appliesToAdministrations: z.array(z.object({ id: z.uuid(), name: z.string() })),
  abilities: z.object({ createVersion: z.boolean() }),
});

export const StandardVersions = z.object({ items: z.array(StandardVersion) });

export const StandardParams = z.object({ id: z.uuid() }).strict();
