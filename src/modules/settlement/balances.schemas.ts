import { z } from "zod";

/** `?year=YYYY` (default: this year in Berlin). */
export const BalanceQuery = z
  .object({
    year: z.coerce.number().int().min(2000).max(2199).optional().meta({ description: "Calendar year, 2000–2199 (default: this year)" }),
  })
  .strict();

/** A sum as it may be shown: null with the reason when it rests on fewer than 5 people. */
const Figure = z.object({
  value: z.number().int().nullable(),
  reason: z.object({ code: z.literal("fewer_than_5_people"), de: z.string(), en: z.string() }).nullable(),
});

const Org = z.object({ id: z.string(), name: z.string() });

export const Balances = z.object({
  year: z.number().int(),
  organization: Org,
  months: z.array(
    z.object({
      month: z.number().int(),
      lent: Figure,
      borrowed: Figure,
      credited: Figure,
      debited: Figure,
      balance: Figure,
    }),
  ),
  /** The reciprocity balance at the year's end (minutes). */
  balance: Figure,
  /** Money of issued (acknowledged, paid) statements per month with a statement: invoiced as lender, owed as borrower (gross cents). */
  money: z.array(z.object({ month: z.number().int(), invoicedCents: Figure, owedCents: Figure })),
});

const YearEndRule = z.enum(["carry_over", "convert"]);

export const RegionBalances = z.object({
  year: z.number().int(),
  yearEndRule: YearEndRule,
  abilities: z.object({ setYearEndRule: z.boolean() }),
  balances: z.array(z.object({ organization: Org, minutes: Figure })),
  flows: z.array(z.object({ lender: Org, borrower: Org, all: Figure, reciprocity: Figure })),
  transfers: z.array(z.object({ from: Org, to: Org, minutes: z.number().int() })).nullable(),
  conversion: z
    .object({
      rateCentsPerHour: z.number().int().nullable(),
      minutesWithoutRate: z.number().int(),
      amounts: z.array(z.object({ organization: Org, cents: Figure })),
      transfers: z.array(z.object({ from: Org, to: Org, cents: z.number().int() })).nullable(),
    })
    .nullable(),
});

export const YearEndRuleBody = z.object({ rule: YearEndRule }).strict();
export const YearEndRuleAnswer = z.object({ yearEndRule: YearEndRule });
