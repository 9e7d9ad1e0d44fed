/**
 * What a statement of one pair and month bills, given what earlier statements of that month already
 * billed (docs/SETTLEMENT.md › Nachtrag). Pure: the module reads the entries and expenses **in
 * force** today (`inForceIds`) and the items the month's issued statements billed, and
 * {@link settleMonth} answers the statement's lines and its items — the first statement of a month
 * bills everything in force; a supplement (Nachtrag) bills only the difference:
 *
 * - an entry or expense in force and not yet billed is billed (+);
 * - one billed and no longer in force (a confirmed correction replaced it) is reversed (−), next to
 *   the line of the correcting one (+): "Korrektur vom 12.11.2026: 7,75 Std. → 6,00 Std.";
 * - an hours line of a supplement is priced as the difference of the rounded cumulative amounts of
 *   its secondment and rate — round((billed + this line) × rate ÷ 60) − round(billed × rate ÷ 60) —
 *   so all statements of a month together are exactly the amount of the minutes in force, priced
 *   once per secondment and rate (the rule of `statement-cases.ts`), never off by rounding;
 * - waiver: the 35 € limit applies to the case's expenses in force; when a supplement moves the case
 *   across it, one line takes in (or gives back) the expenses an earlier statement left out (or billed).
 *
 * So the net of all issued statements of a month always equals the net of one statement computed
 * today from the entries in force (`settle-month.test.ts`, a property test over any sequence of
 * confirmations, corrections and statements). A supplement may come out negative: a credit
 * (Gutschrift) of the lender to the borrower.
 */
import { germanEuros, germanHours, hoursAmountCents } from "./money";
import {
  EXPENSE_KIND_WORDS,
  monthPeriod,
  statementTotals,
  WAIVER_EXPENSE_THRESHOLD_CENTS,
  type ExcludedCase,
  type ExpenseKind,
  type Statement,
  type StatementLine,
  type VatSetting,
} from "./statement";
import type { CaseSecondment } from "./statement-cases";

/** Confirmed minutes of one day of a secondment, with the rate of that day. */
export interface BillableEntry {
  kind: "hours";
  id: string;
  secondmentId: string;
  day: string;
  minutes: number;
  rateCentsPerHour: number;
  rateLabel: string;
}

/** A confirmed expense of a secondment. */
export interface BillableExpense {
  kind: "expense";
  id: string;
  secondmentId: string;
  day: string;
  expenseKind: ExpenseKind;
  amountCents: number;
  description: string;
  /** The expense this one corrects (to pair a reversal with its correction). */
  correctsId: string | null;
}

export type BillableItem = BillableEntry | BillableExpense;

/** What a statement billed of one entry or expense: +1 billed, −1 reversed. */
export interface BilledItem {
  item: BillableItem;
  sign: 1 | -1;
}

/** A row of hours or expenses as stored: its state and the row it corrects. */
export interface CorrectableRow {
  id: string;
  state: string;
  correctsId: string | null;
}

/**
 * The rows in force: confirmed ones, and replaced ones whose correction is not confirmed yet (a
 * correction takes the place of the row it corrects only once confirmed; a returned correction
 * gives the row back). Once a correction is confirmed, the corrected row never comes back.
 */
export function inForceIds(rows: readonly CorrectableRow[]): Set<string> {
  const supersededBy = new Set(
    rows.filter((r) => r.correctsId && (r.state === "confirmed" || r.state === "replaced")).map((r) => r.correctsId!),
  );
  return new Set(rows.filter((r) => r.state === "confirmed" || (r.state === "replaced" && !supersededBy.has(r.id))).map((r) => r.id));
}

/**
 * The items a month's issued statements billed and did not reverse, from their signed items: an
 * item billed (+1) and later reversed (−1) is no longer billed.
 */
export function netBilled(items: readonly BilledItem[]): BillableItem[] {
  const sums = new Map<string, { item: BillableItem; sum: number }>();
  for (const b of items) {
    const key = `${b.item.kind}:${b.item.id}`;
    const s = sums.get(key) ?? { item: b.item, sum: 0 };
    s.sum += b.sign;
    sums.set(key, s);
  }
  return [...sums.values()].filter((s) => s.sum > 0).map((s) => s.item);
}

export interface SettleMonthInput {
  lenderOrganizationId: string;
  borrowerOrganizationId: string;
  month: string;
  vat: VatSetting;
  /** The pair's secondments with hours or expenses (not reciprocity), in the order the statement lists them. */
  secondments: readonly CaseSecondment[];
  /** The entries and expenses in force today. */
  inForce: readonly BillableItem[];
  /** What the month's issued statements billed and did not reverse ({@link netBilled}). */
  billed: readonly BillableItem[];
  /** A supplement (Nachtrag): its newly confirmed lines say so. */
  isSupplement?: boolean;
}

export interface SettledMonth {
  statement: Statement;
  /** What this statement bills (+1) and reverses (−1). Empty: nothing to bill. */
  items: BilledItem[];
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
const byDay = <T extends { day: string; id: string }>(a: T, b: T) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.id < b.id ? -1 : 1);
const germanDay = (iso: string) => iso.split("-").reverse().join(".");
const euro = (cents: number) => `${germanEuros(cents)} €`;

/** The waiver's value of a case's expenses: all of them when they exceed 35 €, else nothing. */
const waiverValue = (totalCents: number) => (totalCents > WAIVER_EXPENSE_THRESHOLD_CENTS ? totalCents : 0);

/**
 * The statement of a pair and month that bills what is in force and not yet billed, and reverses
 * what was billed and is no longer in force. With nothing billed before it is the month's first
 * statement, line for line what `buildStatement(casesFromDays(…))` gives.
 */
export function settleMonth(input: SettleMonthInput): SettledMonth {
  const { start, end } = monthPeriod(input.month);
  const key = (i: BillableItem) => `${i.kind}:${i.id}`;
  const billedKeys = new Set(input.billed.map(key));
  const nowKeys = new Set(input.inForce.map(key));
  const added = input.inForce.filter((i) => !billedKeys.has(key(i)));
  const reversed = input.billed.filter((i) => !nowKeys.has(key(i)));
  const lines: StatementLine[] = [];
  const excluded: ExcludedCase[] = [];
  const items: BilledItem[] = [];

  for (const s of input.secondments) {
    const own = <T extends BillableItem>(list: readonly BillableItem[], kind: T["kind"]) =>
      list.filter((i): i is T => i.kind === kind && i.secondmentId === s.id);
    const addedHours = own<BillableEntry>(added, "hours").sort(byDay);
    const reversedHours = own<BillableEntry>(reversed, "hours").sort(byDay);
    const addedExpenses = own<BillableExpense>(added, "expense").sort(byDay);
    const reversedExpenses = own<BillableExpense>(reversed, "expense").sort(byDay);
    for (const i of [...addedHours, ...addedExpenses]) items.push({ item: i, sign: 1 });
    for (const i of [...reversedHours, ...reversedExpenses]) items.push({ item: i, sign: -1 });

    // Hours
    if (s.model === "reimbursement") {
      // Minutes billed so far per rate: the base of the cumulative pricing.
      const groupKey = (e: BillableEntry) => `${e.rateCentsPerHour}|${e.rateLabel}`;
      const billedMinutes = new Map<string, number>();
      for (const e of own<BillableEntry>(input.billed, "hours"))
        billedMinutes.set(groupKey(e), (billedMinutes.get(groupKey(e)) ?? 0) + e.minutes);
      const priced = (e: { rateCentsPerHour: number; rateLabel: string }, minutes: number) => {
        const k = `${e.rateCentsPerHour}|${e.rateLabel}`;
        const before = billedMinutes.get(k) ?? 0;
        billedMinutes.set(k, before + minutes);
        return hoursAmountCents(before + minutes, e.rateCentsPerHour) - hoursAmountCents(before, e.rateCentsPerHour);
      };
      const hoursLine = (e: BillableEntry, minutes: number, note?: string): StatementLine => ({
        kind: "hours",
        secondmentId: s.id,
        caseLabel: s.label,
        minutes,
        rateCentsPerHour: e.rateCentsPerHour,
        rateLabel: e.rateLabel,
        amountCents: priced(e, minutes),
        ...(note ? { note } : {}),
      });
      // Corrections: the reversed day next to its correcting day (one live entry per day).
      const corrections = reversedHours.map((r) => ({ r, c: addedHours.find((a) => a.day === r.day) }));
      for (const { r, c } of corrections) {
        const note = c
          ? `Korrektur vom ${germanDay(r.day)}: ${germanHours(r.minutes)} Std. → ${germanHours(c.minutes)} Std.`
          : `Storno vom ${germanDay(r.day)}: ${germanHours(r.minutes)} Std.`;
        lines.push(hoursLine(r, -r.minutes, note));
        if (c) lines.push(hoursLine(c, c.minutes, note));
      }
      // Newly confirmed days: one line per rate, as in the month's first statement.
      const paired = new Set(corrections.flatMap(({ c }) => (c ? [c.id] : [])));
      const groups = new Map<string, { first: BillableEntry; minutes: number }>();
      for (const e of addedHours.filter((a) => !paired.has(a.id))) {
        const g = groups.get(groupKey(e)) ?? { first: e, minutes: 0 };
        g.minutes += e.minutes;
        groups.set(groupKey(e), g);
      }
      for (const g of groups.values())
        if (g.minutes > 0) lines.push(hoursLine(g.first, g.minutes, input.isSupplement ? "nach der Abrechnung bestätigt" : undefined));
    } else {
      const minutes = sum(addedHours.map((e) => e.minutes));
      if (minutes > 0)
        excluded.push({
          secondmentId: s.id,
          caseLabel: s.label,
          reason: s.model === "waiver" ? "waiver_personnel_costs" : "reciprocity_to_ledger",
          minutes,
          expenseCents: 0,
        });
    }

    // Expenses
    const expenseLine = (e: BillableExpense, amountCents: number, note?: string): StatementLine => ({
      kind: "expense",
      secondmentId: s.id,
      caseLabel: s.label,
      expenseKind: e.expenseKind,
      description: e.description,
      amountCents,
      ...(note ? { note } : {}),
    });
    const expenseLines = () => {
      const out: StatementLine[] = [];
      const paired = new Set<string>();
      for (const r of reversedExpenses) {
        const c = addedExpenses.find((a) => a.correctsId === r.id);
        const note = c
          ? `Korrektur der Auslage vom ${germanDay(r.day)}: ${euro(r.amountCents)} → ${euro(c.amountCents)}`
          : `Storno der Auslage vom ${germanDay(r.day)}`;
        out.push(expenseLine(r, -r.amountCents, note));
        if (c) {
          out.push(expenseLine(c, c.amountCents, note));
          paired.add(c.id);
        }
      }
      for (const a of addedExpenses) if (!paired.has(a.id)) out.push(expenseLine(a, a.amountCents));
      return out;
    };
    if (s.model === "waiver") {
      const billedTotal = sum(own<BillableExpense>(input.billed, "expense").map((e) => e.amountCents));
      const nowTotal = sum(own<BillableExpense>(input.inForce, "expense").map((e) => e.amountCents));
      const delta = waiverValue(nowTotal) - waiverValue(billedTotal);
      if (waiverValue(nowTotal) === 0 && waiverValue(billedTotal) === 0) {
        const cents = sum(addedExpenses.map((e) => e.amountCents));
        if (cents > 0)
          excluded.push({
            secondmentId: s.id,
            caseLabel: s.label,
            reason: "waiver_expenses_within_threshold",
            minutes: 0,
            expenseCents: cents,
          });
      } else {
        const out = expenseLines();
        const rest = delta - sum(out.map((l) => l.amountCents));
        if (rest !== 0)
          out.push({
            kind: "expense",
            secondmentId: s.id,
            caseLabel: s.label,
            expenseKind: "other",
            description:
              rest > 0
                ? "Auslagen früherer Abrechnung dieser Abordnung: der Monat liegt jetzt über 35 €"
                : "Auslagen früherer Abrechnung dieser Abordnung: der Monat liegt jetzt nicht mehr über 35 €",
            amountCents: rest,
          });
        lines.push(...out);
      }
    } else {
      lines.push(...expenseLines());
    }
  }

  return {
    statement: {
      lenderOrganizationId: input.lenderOrganizationId,
      borrowerOrganizationId: input.borrowerOrganizationId,
      month: input.month,
      periodStart: start,
      periodEnd: end,
      lines,
      excluded,
      ...statementTotals(lines, input.vat),
    },
    items,
  };
}

/** Whether two sets of signed items are the same (a draft is current when a recompute gives its items). */
export function sameItems(a: readonly BilledItem[], b: readonly BilledItem[]): boolean {
  const keys = (list: readonly BilledItem[]) => list.map((x) => `${x.item.kind}:${x.item.id}:${x.sign}`).sort();
  const [ka, kb] = [keys(a), keys(b)];
  return ka.length === kb.length && ka.every((k, i) => k === kb[i]);
}
