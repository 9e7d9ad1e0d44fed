import { z } from "zod";
import { pageQuery, pageSchema } from "../../kernel/paging";
import { SETTLEMENT_MODELS } from "../../domain/settlement/statement";
import { STATEMENT_STATES } from "./statements.tables";

const MONTH_FORMAT = { de: "Geben Sie den Monat im Format 2026-12 ein.", en: "Enter the month like 2026-12." };
const month = z
  .string()
  .max(7)
  .refine((v) => /^(19\d\d|2[01]\d\d)-(0[1-9]|1[0-2])$/.test(v), { message: MONTH_FORMAT.en, params: MONTH_FORMAT });

export const StatementParams = z.object({ id: z.uuid() });

export const StatementListQuery = z.object({ ...pageQuery, state: z.enum(STATEMENT_STATES).optional(), month: month.optional() }).strict();

/**
 * The lender's finance creates the draft for a borrower and a month. With `supplements` (the id of
 * an issued statement of the same pair and month) the draft is a supplement (Nachtrag): it bills only
 * what the month's issued statements did not bill, and reverses what corrections have replaced.
 */
export const CreateStatementBody = z
  .object({
    borrowerOrganizationId: z.uuid(),
    month,
    supplements: z.uuid().optional().meta({
      description:
        "The id of an issued statement of the same borrower and month: the new draft is a supplement (Nachtrag) to the month's original statement. Without it the draft is the month's original (409 when the month has one).",
    }),
  })
  .strict();

const Party = z.object({ id: z.uuid(), name: z.string() });

const Line = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("hours"),
    secondmentId: z.string(),
    caseLabel: z.string(),
    minutes: z.number().int(),
    rateCentsPerHour: z.number().int(),
    rateLabel: z.string(),
    amountCents: z.number().int(),
    /** On a supplement: what the line corrects ("Korrektur vom 12.11.2026: 7,75 Std. → 6,00 Std."). */
    note: z.string().optional(),
  }),
  z.object({
    kind: z.literal("expense"),
    secondmentId: z.string(),
    caseLabel: z.string(),
    expenseKind: z.string(),
    description: z.string(),
    amountCents: z.number().int(),
    note: z.string().optional(),
  }),
]);

/** Another statement of the same month, as a statement names it. */
const StatementReference = z.object({
  id: z.uuid(),
  number: z.string().nullable(),
  state: z.enum(STATEMENT_STATES),
  issuedAt: z.string().nullable(),
});

const Excluded = z.object({
  secondmentId: z.string(),
  caseLabel: z.string(),
  reason: z.string(),
  minutes: z.number().int(),
  expenseCents: z.number().int(),
});

/** A statement as the API shows it, with what the caller may do next. */
export const StatementView = z.object({
  id: z.uuid(),
  number: z.string().nullable(),
  month: z.string(),
  state: z.enum(STATEMENT_STATES),
  settlementModel: z.enum(SETTLEMENT_MODELS),
  lender: Party,
  borrower: Party,
  /** The caller's side. */
  side: z.enum(["lender", "borrower"]),
  /** A supplement (Nachtrag): the month's original statement it supplements; null for an original. */
  supplements: StatementReference.nullable(),
  /** A credit (Gutschrift): the total is negative, the lender owes the borrower. */
  isCredit: z.boolean(),
  periodStart: z.string(),
  periodEnd: z.string(),
  lines: z.array(Line),
  excluded: z.array(Excluded),
  personnelCents: z.number().int(),
  expensesCents: z.number().int(),
  netCents: z.number().int(),
  vat: z.object({ category: z.enum(["O", "S"]), percent: z.number().int(), amountCents: z.number().int() }),
  grossCents: z.number().int(),
  computedAt: z.string(),
  issuedAt: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  paidAt: z.string().nullable(),
  abilities: z.object({ recompute: z.boolean(), issue: z.boolean(), acknowledge: z.boolean(), pay: z.boolean() }),
});

/** A row of the list: the totals without the lines. */
export const StatementSummary = StatementView.omit({ lines: true, excluded: true });

/** One statement with the other statements of its month and whether a supplement can be created now. */
export const StatementDetail = StatementView.extend({
  /** The month's other statements the caller may see: the original and its supplements. */
  monthStatements: z.array(StatementReference),
  /** What a supplement would take up now ("3 Tage bestätigt nach der Abrechnung"), for the lender's finance; null when nothing is due. */
  supplementDue: z.object({ de: z.string(), en: z.string() }).nullable(),
  /**
   * The account the money goes to, from the billing details: the lender's — on a credit (Gutschrift)
   * the borrower's, whom the lender refunds; `iban` null while that administration has entered none.
   */
  /**
   * The month has not ended yet (in Germany): it may be billed already; days confirmed afterwards
   * are billed by a Nachtrag (the page and the issue dialog say so).
   */
  monthRunning: z.boolean(),
  payTo: z.object({ organizationId: z.uuid(), iban: z.string().nullable(), bic: z.string().nullable() }),
  abilities: StatementView.shape.abilities.extend({
    /** The id to send as `supplements` when a supplement can be created now, else null. */
    createSupplement: z.uuid().nullable(),
  }),
});

export const StatementList = pageSchema(StatementSummary, {
  abilities: z.object({ create: z.boolean() }),
});

/** An administration's billing details (Rechnungsdaten). */
export const BillingDetailsBody = z
  .object({
    leitwegId: z.string().trim().max(46),
    street: z.string().trim().max(200),
    postalCode: z.string().trim().max(10),
    city: z.string().trim().max(100),
    contactName: z.string().trim().max(200),
    contactPhone: z.string().trim().max(40),
    contactEmail: z.string().trim().max(200),
    iban: z.string().trim().max(42),
    bic: z.string().trim().max(11),
    vat: z.enum(["none", "section_2b"]),
    taxNumber: z.string().trim().max(40),
    vatId: z.string().trim().max(20),
  })
  .strict();

export const BillingDetails = BillingDetailsBody.extend({
  organization: Party,
  isDemo: z.boolean(),
  updatedAt: z.string().nullable(),
  /** What an XRechnung would still miss, in German and English, per field. */
  missing: z.array(z.object({ field: z.string(), message: z.object({ de: z.string(), en: z.string() }) })),
  abilities: z.object({ edit: z.boolean() }),
});
