import { z } from "zod";
import { ENTRY_STATES, EXPENSE_KINDS, MAX_EXPENSE_CENTS } from "../../domain/settlement/timesheet-rules";
import { isoDate } from "../../server/input-schemas";

const MONTH_FORMAT = { de: "Geben Sie den Monat im Format 2026-12 ein.", en: "Enter the month like 2026-12." };

/** `?month=YYYY-MM` (default: this month in Germany). */
export const MonthQuery = z
  .object({
    month: z
      .string()
      .max(7)
      .refine((v) => /^(19\d\d|2[01]\d\d)-(0[1-9]|1[0-2])$/.test(v), { message: MONTH_FORMAT.en, params: MONTH_FORMAT })
      .optional(),
  })
  .strict();

export const SecondmentParams = z.object({ id: z.uuid() });
export const EntryParams = z.object({ id: z.uuid(), entryId: z.uuid() });
export const ExpenseParams = z.object({ id: z.uuid(), expenseId: z.uuid() });
export const ReceiptParams = z.object({ id: z.uuid(), expenseId: z.uuid(), receiptId: z.uuid() });

/** Minutes of a day; what is plausible (quarter hours, at most 10 h) is the use case's rule, said at the field. */
const minutes = z
  .number()
  .min(0)
  .max(24 * 60)
  // Whole minutes, said as such (the generic integer check would only say "Geben Sie eine Zahl ein").
  .refine(Number.isInteger, { params: { de: "Geben Sie ganze Minuten ein.", en: "Enter whole minutes." } })
  .meta({ type: "integer" });

/** One or several days at once (a week): all or nothing. */
export const RecordHoursBody = z
  .object({
    days: z
      .array(z.object({ day: isoDate, minutes }).strict())
      .min(1)
      .max(31),
  })
  .strict();

/** Confirm several open days at once (a week): all or nothing. */
export const ConfirmHoursBody = z.object({ entryIds: z.array(z.uuid()).min(1).max(31) }).strict();

export const ReturnBody = z.object({ comment: z.string().trim().min(1).max(1000) }).strict();
export const CorrectHoursBody = z.object({ minutes, reason: z.string().trim().min(1).max(1000) }).strict();

const abilities = z.object({ confirm: z.boolean(), return: z.boolean(), correct: z.boolean() });

export const TimesheetEntry = z.object({
  id: z.uuid(),
  day: z.string(),
  minutes: z.number().int(),
  state: z.enum(ENTRY_STATES),
  comment: z.string().nullable(),
  correctsId: z.uuid().nullable(),
  reason: z.string().nullable(),
  recordedAt: z.string(),
  decidedAt: z.string().nullable(),
  abilities,
});

/** The secondment as its hours page shows it. */
const SecondmentHead = z.object({
  id: z.uuid(),
  personName: z.string().nullable(),
  lender: z.string(),
  borrower: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  state: z.string(),
  hoursPerWeek: z.number().int(),
});

export const Timesheet = z.object({
  secondment: SecondmentHead,
  month: z.string(),
  /** Days that may carry hours now: from the start (or the month's first day) to today or the end. */
  recordableFrom: z.string().nullable(),
  recordableTo: z.string().nullable(),
  entries: z.array(TimesheetEntry),
  totals: z.object({ confirmedMinutes: z.number().int(), openMinutes: z.number().int(), returnedMinutes: z.number().int() }),
  abilities: z.object({
    /** The secondment has begun (or is over): its hours are a thing to show. */
    show: z.boolean(),
    record: z.boolean(),
    decide: z.boolean(),
    readReceipts: z.boolean(),
    seesOnlyConfirmed: z.boolean(),
  }),
});

/** A receipt: PDF, JPEG or PNG as base64, at most 5 MB (the type is read from the content). */
export const ReceiptUpload = z
  .object({
    fileName: z.string().trim().min(1).max(200),
    content: z.base64().max(7_000_000),
  })
  .strict();

export const RecordExpenseBody = z
  .object({
    day: isoDate,
    kind: z.enum(EXPENSE_KINDS),
    /** Cents; what is plausible (0,01 € to 10.000 €) is the use case's rule, said in euros at the field. */
    amountCents: z
      .number()
      .int()
      .min(0)
      .max(MAX_EXPENSE_CENTS * 100),
    note: z.string().trim().max(500).nullable().optional(),
    receipt: ReceiptUpload.optional(),
  })
  .strict();

export const CorrectExpenseBody = z
  .object({
    amountCents: z
      .number()
      .int()
      .min(0)
      .max(MAX_EXPENSE_CENTS * 100),
    reason: z.string().trim().min(1).max(1000),
  })
  .strict();

const Receipt = z.object({ id: z.uuid(), fileName: z.string(), mediaType: z.string(), size: z.number().int() });

export const Expense = z.object({
  id: z.uuid(),
  day: z.string(),
  kind: z.enum(EXPENSE_KINDS),
  amountCents: z.number().int(),
  note: z.string().nullable(),
  state: z.enum(ENTRY_STATES),
  comment: z.string().nullable(),
  correctsId: z.uuid().nullable(),
  reason: z.string().nullable(),
  recordedAt: z.string(),
  receipts: z.array(Receipt),
  abilities: abilities.extend({ addReceipt: z.boolean() }),
});

export const Expenses = z.object({
  month: z.string(),
  items: z.array(Expense),
  totals: z.object({ confirmedCents: z.number().int(), openCents: z.number().int() }),
  abilities: z.object({ record: z.boolean(), decide: z.boolean(), readReceipts: z.boolean() }),
});

export const ReceiptBody = ReceiptUpload;
export const ReceiptInfo = Receipt;
