/**
 * The monthly reimbursement statement (Erstattungsabrechnung) of one pair of administrations: what
 * the borrower owes the lender for one calendar month of secondments. Pure: a later database layer
 * fills {@link StatementInput} from confirmed hours, expenses, cost rates and the lender's VAT
 * setting; {@link buildStatement} decides every line and total; PDF, CSV ({@link ./statement-csv})
 * and XRechnung ({@link ./xrechnung}) only present the result, so their totals are the same.
 *
 * Legal basis and the rules applied:
 *
 * - **reimbursement** (Kostenerstattung) — the secondment agreement under the region's framework
 *   agreement: the borrower reimburses the personnel costs at the cost rate of the pay group
 *   (hours × rate) and the expenses (travel costs, separation allowance / Trennungsgeld, per diem).
 *   Each hours line costs minutes × cents per hour ÷ 60, rounded to the cent half up, once per
 *   line ({@link hoursAmountCents}); the net total is the sum of the lines, so the lines always add
 *   up to it.
 * - **waiver** (Kostenverzicht) — no personnel costs; expenses are reimbursed in full, but only where
 *   the expenses of the case exceed 35 € (analogous to § 8 Abs. 1 Satz 2 VwVfG: "Auslagen …, wenn
 *   sie im Einzelfall 35 Euro übersteigen"). **A case is one secondment in one statement month**:
 *   its expenses of that month are added up and compared with 35,00 € (3,500 cents; exactly 35,00 €
 *   does not exceed it, 35,01 € does and is reimbursed whole).
 * - **reciprocity** (Gegenseitigkeit) — hours are not billed: they go to the region's ledger
 *   (`ledger.ts`). The statement lists them as {@link ExcludedCase} `reciprocity_to_ledger` with
 *   their minutes; the case's expenses are reimbursed in full like under reimbursement (the ledger
 *   balances working time, not money laid out — a decision to confirm with the region).
 * - **Never between offices of the same administration** — a legal person does not reimburse
 *   itself (§ 8 VwVfG concerns help between authorities of different bodies): when lender and
 *   borrower are the same organization, every case is excluded (`same_organization`) and the
 *   statement is empty, whatever the model.
 * - **VAT** — an administration is not an entrepreneur for what it does under public law (§ 2b
 *   UStG), so by default there is no VAT (EN 16931 category `O`, "not subject to VAT"). A lender
 *   that has opted into taxation for such supplies (`vat: "section_2b"`, a setting per
 *   administration, default `"none"`) charges the standard rate of 19 % (§ 12 Abs. 1 UStG) on the
 *   whole net total, personnel and expenses alike (reimbursed expenses are part of the
 *   consideration); the VAT is computed once on the net total and rounded half up (EN 16931
 *   BR-CO-17).
 */
import { assertSafeInteger, divideRounded, hoursAmountCents } from "./money";

/** The three settlement models of issue 16 (glossary: Kostenerstattung, Gegenseitigkeit, Kostenverzicht). */
export const SETTLEMENT_MODELS = ["reimbursement", "reciprocity", "waiver"] as const;
export type SettlementModel = (typeof SETTLEMENT_MODELS)[number];

/** Kinds of expenses a seconded employee may claim (issue 16 › Hours and expenses). */
export const EXPENSE_KINDS = ["travel", "separation_allowance", "per_diem", "other"] as const;
export type ExpenseKind = (typeof EXPENSE_KINDS)[number];

/** The German word for each kind of expense, as statements, CSV and XRechnung name them. */
export const EXPENSE_KIND_WORDS: Record<ExpenseKind, string> = {
  travel: "Fahrtkosten",
  separation_allowance: "Trennungsgeld",
  per_diem: "Tagegeld",
  other: "Auslagen",
};

/** The lender's VAT setting: no VAT (default) or taxation opted into under § 2b UStG. */
export type VatSetting = "none" | "section_2b";

/** The standard VAT rate in percent (§ 12 Abs. 1 UStG). */
export const STANDARD_VAT_PERCENT = 19;

/** Expenses of a waiver case are reimbursed only above this amount (35,00 €, § 8 Abs. 1 VwVfG). */
export const WAIVER_EXPENSE_THRESHOLD_CENTS = 3500;

/** Confirmed hours of one secondment at one cost rate (a rate can change within a month). */
export interface HoursInput {
  /** Confirmed working time in whole minutes (≥ 0); corrections are already netted in. */
  minutes: number;
  /** The cost rate in cents per hour (≥ 0), e.g. `5230` for 52,30 €. */
  rateCentsPerHour: number;
  /** What the rate is, as the statement shows it, e.g. "Entgeltgruppe E 9b, Stufe 3". No person's name. */
  rateLabel: string;
}

/** One confirmed expense of one secondment in the month. */
export interface ExpenseInput {
  kind: ExpenseKind;
  /** The amount in cents (≥ 0). */
  amountCents: number;
  /** What it was, e.g. "Fahrtkosten Wunstorf–Hannover, 12 Fahrten". */
  description: string;
}

/** One secondment's month: the case the waiver's 35 € limit applies to. */
export interface StatementCase {
  secondmentId: string;
  model: SettlementModel;
  /** How the statement names the secondment, e.g. "Abordnung Gesundheitsamt, Kontaktnachverfolgung". */
  label: string;
  hours: readonly HoursInput[];
  expenses: readonly ExpenseInput[];
}

/** Everything a statement is made of. */
export interface StatementInput {
  /** The administration that lent the staff and is owed (seller of the invoice). */
  lenderOrganizationId: string;
  /** The administration that borrowed the staff and pays (buyer of the invoice). */
  borrowerOrganizationId: string;
  /** The statement month, `YYYY-MM`. */
  month: string;
  /** The lender's VAT setting (§ 2b UStG), default `"none"`. */
  vat: VatSetting;
  cases: readonly StatementCase[];
}

/** A line of the statement; amounts in cents. */
export type StatementLine =
  | {
      kind: "hours";
      secondmentId: string;
      caseLabel: string;
      minutes: number;
      rateCentsPerHour: number;
      rateLabel: string;
      amountCents: number;
      /** On a supplement: what the line corrects, e.g. "Korrektur vom 12.11.2026: 7,75 Std. → 6,00 Std.". */
      note?: string;
    }
  | {
      kind: "expense";
      secondmentId: string;
      caseLabel: string;
      expenseKind: ExpenseKind;
      description: string;
      amountCents: number;
      /** On a supplement: what the line corrects. */
      note?: string;
    };

/** Why a case (or part of it) is not billed. */
export type ExclusionReason =
  /** Lender and borrower are one administration: nothing is reimbursed. */
  | "same_organization"
  /** Waiver: the case's expenses do not exceed 35 €, so none are reimbursed. */
  | "waiver_expenses_within_threshold"
  /** Waiver: personnel costs are waived (the hours are shown, not billed). */
  | "waiver_personnel_costs"
  /** Reciprocity: the hours go to the region's ledger instead of the statement. */
  | "reciprocity_to_ledger";

/** What a case brought that the statement does not bill, and why. */
export interface ExcludedCase {
  secondmentId: string;
  caseLabel: string;
  reason: ExclusionReason;
  /** Minutes not billed (hours waived, or posted to the ledger). */
  minutes: number;
  /** Expenses not billed, in cents. */
  expenseCents: number;
}

/** The VAT of a statement: EN 16931 category `O` (not subject to VAT) or `S` (standard rate). */
export interface StatementVat {
  category: "O" | "S";
  /** 0 for `O`, 19 for `S`. */
  percent: number;
  amountCents: number;
}

/** A computed statement; every amount in cents. */
export interface Statement {
  lenderOrganizationId: string;
  borrowerOrganizationId: string;
  month: string;
  /** First and last day of the month, ISO dates. */
  periodStart: string;
  periodEnd: string;
  lines: StatementLine[];
  excluded: ExcludedCase[];
  /** Sum of the hours lines. */
  personnelCents: number;
  /** Sum of the expense lines. */
  expensesCents: number;
  /** Sum of all lines: personnel + expenses. */
  netCents: number;
  vat: StatementVat;
  /** net + VAT: what the borrower pays. */
  grossCents: number;
}

/** First and last day of a `YYYY-MM` month. Throws on anything else. */
export function monthPeriod(month: string): { start: string; end: string } {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!match) throw new RangeError(`month must be YYYY-MM (got ${month})`);
  const year = Number(match[1]);
  const m = Number(match[2]);
  const lastDay = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return { start: `${month}-01`, end: `${month}-${String(lastDay).padStart(2, "0")}` };
}

function checkInput(input: StatementInput): void {
  for (const c of input.cases) {
    for (const h of c.hours) {
      assertSafeInteger(h.minutes, "minutes");
      assertSafeInteger(h.rateCentsPerHour, "rateCentsPerHour");
      if (h.minutes < 0 || h.rateCentsPerHour < 0) throw new RangeError("minutes and rates are not negative");
    }
    for (const e of c.expenses) {
      assertSafeInteger(e.amountCents, "amountCents");
      if (e.amountCents < 0) throw new RangeError("expenses are not negative");
    }
  }
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/** The VAT of a net total under the lender's setting (rounded half up, once, on the total). */
export function vatOf(netCents: number, setting: VatSetting): StatementVat {
  if (setting === "none") return { category: "O", percent: 0, amountCents: 0 };
  return { category: "S", percent: STANDARD_VAT_PERCENT, amountCents: divideRounded(netCents * STANDARD_VAT_PERCENT, 100) };
}

/**
 * The totals of a statement's lines — the one rule for an original (`buildStatement`) and a
 * Nachtrag (`settleMonth`): personnel = Σ hours lines, expenses = Σ expense lines, net = their sum,
 * VAT once on the net (half up, BR-CO-17), gross = net + VAT.
 */
export function statementTotals(
  lines: readonly StatementLine[],
  setting: VatSetting,
): Pick<Statement, "personnelCents" | "expensesCents" | "netCents" | "vat" | "grossCents"> {
  const personnelCents = sum(lines.filter((l) => l.kind === "hours").map((l) => l.amountCents));
  const expensesCents = sum(lines.filter((l) => l.kind === "expense").map((l) => l.amountCents));
  const netCents = personnelCents + expensesCents;
  const vat = vatOf(netCents, setting);
  return { personnelCents, expensesCents, netCents, vat, grossCents: netCents + vat.amountCents };
}

/**
 * The statement of one lender → borrower pair for one month: a line per hours entry (minutes ×
 * rate ÷ 60, half up) of reimbursement cases, a line per expense that is reimbursed, what was not
 * billed and why, and the totals. Cases keep their order; within a case hours come before expenses.
 *
 * @example
 * ```ts
 * buildStatement({
 *   lenderOrganizationId: wunstorf, borrowerOrganizationId: region, month: "2027-01", vat: "none",
 *   cases: [{ secondmentId: "s1", model: "reimbursement", label: "Gesundheitsamt",
 *             hours: [{ minutes: 450, rateCentsPerHour: 5230, rateLabel: "E 9b" }], expenses: [] }],
 * }).grossCents; // 39225 (7,5 h × 52,30 €)
 * ```
 */
export function buildStatement(input: StatementInput): Statement {
  checkInput(input);
  const { start, end } = monthPeriod(input.month);
  const lines: StatementLine[] = [];
  const excluded: ExcludedCase[] = [];
  const isSameOrganization = input.lenderOrganizationId === input.borrowerOrganizationId;

  for (const c of input.cases) {
    const minutes = sum(c.hours.map((h) => h.minutes));
    const expenseCents = sum(c.expenses.map((e) => e.amountCents));
    const exclude = (reason: ExclusionReason, m: number, cents: number) => {
      if (m > 0 || cents > 0) excluded.push({ secondmentId: c.secondmentId, caseLabel: c.label, reason, minutes: m, expenseCents: cents });
    };
    if (isSameOrganization) {
      exclude("same_organization", minutes, expenseCents);
      continue;
    }
    if (c.model === "reimbursement") {
      for (const h of c.hours) {
        if (h.minutes === 0) continue;
        lines.push({
          kind: "hours",
          secondmentId: c.secondmentId,
          caseLabel: c.label,
          minutes: h.minutes,
          rateCentsPerHour: h.rateCentsPerHour,
          rateLabel: h.rateLabel,
          amountCents: hoursAmountCents(h.minutes, h.rateCentsPerHour),
        });
      }
    } else {
      exclude(c.model === "waiver" ? "waiver_personnel_costs" : "reciprocity_to_ledger", minutes, 0);
    }
    if (c.model === "waiver" && expenseCents <= WAIVER_EXPENSE_THRESHOLD_CENTS) {
      exclude("waiver_expenses_within_threshold", 0, expenseCents);
      continue;
    }
    for (const e of c.expenses) {
      if (e.amountCents === 0) continue;
      lines.push({
        kind: "expense",
        secondmentId: c.secondmentId,
        caseLabel: c.label,
        expenseKind: e.kind,
        description: e.description,
        amountCents: e.amountCents,
      });
    }
  }

  return {
    lenderOrganizationId: input.lenderOrganizationId,
    borrowerOrganizationId: input.borrowerOrganizationId,
    month: input.month,
    periodStart: start,
    periodEnd: end,
    lines,
    excluded,
    ...statementTotals(lines, input.vat),
  };
}
