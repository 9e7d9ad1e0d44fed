import { z } from "zod";

/** `?year=YYYY` (default: this year in Berlin). */
export const BalanceQuery = z
  .object({
    year: z.coerce.number().int().min(2000).max(2199).optional().meta({ description: "Calendar year, 2000–2199 (default: this year)" }),
  })
  .strict();

/**
 * A sum as it may be shown: null with the reason when it rests on fewer than 5 people
 * (`fewer_than_5_people`) or when a hidden figure could otherwise be calculated from it and the
 * figures next to it (`reveals_hidden_figure`).
 */
const Figure = z.object({
  value: z.number().int().nullable(),
  reason: z.object({ code: z.enum(["fewer_than_5_people", "reveals_hidden_figure"]), de: z.string(), en: z.string() }).nullable(),
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
  /** The reciprocity balance at the year's end (minutes), the opening balance included. */
  balance: Figure,
  /** The balance carried over from the closed year before (`carry_over`), or null when nothing was carried over. */
  opening: z.object({ fromYear: z.number().int(), minutes: Figure }).nullable(),
  /** Money of issued (acknowledged, paid) statements per month with a statement: invoiced as lender, owed as borrower (gross cents). */
  money: z.array(z.object({ month: z.number().int(), invoicedCents: Figure, owedCents: Figure })),
});

const YearEndRule = z.enum(["carry_over", "convert"]);

export const RegionBalances = z.object({
  year: z.number().int(),
  yearEndRule: YearEndRule,
  abilities: z.object({ setYearEndRule: z.boolean(), closeYear: z.boolean() }),
  /** Whether the year has ended (only an ended year can be closed). */
  hasEnded: z.boolean(),
  /** The year before, still open with balances, that must be closed first; null when none must. */
  closeFirst: z.number().int().nullable(),
  balances: z.array(z.object({ organization: Org, minutes: Figure })),
  /** The balances carried over from the closed year before (included in `balances`), or null when none were. */
  openings: z.array(z.object({ organization: Org, minutes: Figure })).nullable(),
  /** The year's closing (Jahresabschluss) as recorded, or null while the year is open. */
  closing: z
    .object({
      rule: z.enum(["carry_over", "convert"]),
      rateCentsPerHour: z.number().int().nullable(),
      closedAt: z.string(),
      lines: z.array(z.object({ organization: Org, minutes: Figure, cents: Figure.nullable() })),
      /** Under `convert`: the payments that settle the amounts (≤ n − 1), or null when an amount is hidden or nothing was converted. */
      transfers: z.array(z.object({ from: Org, to: Org, cents: z.number().int() })).nullable(),
    })
    .nullable(),
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

export const CloseYearBody = z
  .object({ year: z.number().int().min(2000).max(2199).meta({ description: "The ended year to close, 2000–2199" }) })
  .strict();
export const CloseYearAnswer = z.object({ year: z.number().int(), rule: YearEndRule });
