import { z } from "zod";
import { isoDate } from "../../server/input-schemas";
import { PAY_GROUPS } from "../../domain/settlement/cost-rate";

const Words = z.object({ de: z.string(), en: z.string() });

const TWO_DECIMALS = { de: "Geben Sie höchstens zwei Nachkommastellen ein.", en: "Enter at most two decimal places." };
const hasTwoDecimals = (value: number) => Math.abs(value * 100 - Math.round(value * 100)) < 1e-6;

/** A percentage 0–max with at most two decimals ("21,15"). */
const percent = (max: number) =>
  z
    .number()
    .min(0)
    .max(max)
    .refine(hasTwoDecimals, { message: TWO_DECIMALS.en, params: TWO_DECIMALS })
    .meta({ description: `Percent, 0–${max}, two decimals` });

/** Net annual working hours, with at most two decimals (1591,2). */
const annualHours = z
  .number()
  .min(800)
  .max(2500)
  .refine(hasTwoDecimals, { message: TWO_DECIMALS.en, params: TWO_DECIMALS })
  .meta({ description: "Hours per year, 800–2500, two decimals" });

export const CostRateQuery = z
  .object({
    on: isoDate.optional(),
    overhead: z.enum(["office", "other", "none"]).optional(),
  })
  .strict();

export const BreakdownLine = z.object({
  key: z.enum(["base_pay", "annual_bonus", "social_security", "supplementary_pension", "civil_servant_pension", "manual", "overhead"]),
  label: Words,
  basis: Words,
  basisCents: z.number().int(),
  basisPoints: z.number().int().nullable(),
  amountCents: z.number().int(),
});

export const CostRateList = z.object({
  on: z.string(),
  overhead: z.enum(["office", "other", "none"]),
  parametersValidFrom: z.string().nullable(),
  items: z.array(
    z.object({
      payGroup: z.string(),
      employmentStatus: z.enum(["employee", "civil_servant"]),
      rate: z
        .object({
          centsPerHour: z.number().int(),
          source: z.enum(["table", "manual"]),
          scale: z.enum(["tvoed_vka", "tvoed_sue", "nds_a"]).nullable(),
          validFrom: z.string(),
          step: z.number().int().nullable(),
          monthlyCents: z.number().int().nullable(),
          overheadBasisPoints: z.number().int(),
          breakdown: z.array(BreakdownLine),
        })
        .nullable(),
      noRate: z.object({ reason: z.enum(["no_parameters", "no_table", "status_mismatch"]), message: Words }).nullable(),
    }),
  ),
  abilities: z.object({ manage: z.boolean() }),
});

const ParameterFields = {
  referenceStep: z.number().int().min(1).max(6),
  socialSecurityPercent: percent(60),
  supplementaryPensionPercent: percent(30),
  civilServantPensionPercent: percent(100),
  employeeNetAnnualHours: annualHours,
  civilServantNetAnnualHours: annualHours,
  overheadOfficePercent: percent(100),
  overheadOtherPercent: percent(100),
};

export const ParametersBody = z.object({ validFrom: isoDate, ...ParameterFields, note: z.string().trim().max(1000).optional() }).strict();

export const ParametersVersion = z.object({
  id: z.uuid(),
  validFrom: z.string(),
  referenceStep: z.number().int(),
  socialSecurityPercent: z.number(),
  supplementaryPensionPercent: z.number(),
  civilServantPensionPercent: z.number(),
  employeeNetAnnualHours: z.number(),
  civilServantNetAnnualHours: z.number(),
  overheadOfficePercent: z.number(),
  overheadOtherPercent: z.number(),
  note: z.string(),
  createdAt: z.string(),
  isInForce: z.boolean(),
});

export const ManualRate = z.object({
  id: z.uuid(),
  payGroup: z.string(),
  validFrom: z.string(),
  centsPerHour: z.number().int(),
  note: z.string(),
});

export const ParametersList = z.object({
  items: z.array(ParametersVersion),
  manualRates: z.array(ManualRate),
  today: z.string(),
  abilities: z.object({ create: z.boolean() }),
});

export const ManualRateBody = z
  .object({
    payGroup: z.enum(PAY_GROUPS as [string, ...string[]]),
    validFrom: isoDate,
    centsPerHour: z.number().int().min(1).max(100_000),
    note: z.string().trim().max(1000).optional(),
  })
  .strict();
