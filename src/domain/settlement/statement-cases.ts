/**
 * From confirmed days to the cases of a statement ({@link ./statement}): the database layer reads
 * the live confirmed hours and expenses of a pair's secondments in a month and the cost rate of
 * each day; this file groups them. Pure: no I/O.
 *
 * The grouping rule (docs/SETTLEMENT.md › Statements): **one hours line per secondment and rate**.
 * The minutes of every day of a secondment that cost the same rate (same cents and label) are
 * added up, and the line is priced once (minutes × rate ÷ 60, half up — `hoursAmountCents`). A
 * rate that changes within the month (a new pay table, new parameters) starts a second line. So
 * the net total equals Σ over lines of round(Σ minutes of the line's days × rate ÷ 60), whatever
 * order the days were recorded in.
 */
import { shortenAtWord } from "../../kernel/text";
import type { ExpenseKind, SettlementModel, StatementCase } from "./statement";

/** A secondment of the pair, as the statement names it. */
export interface CaseSecondment {
  id: string;
  model: SettlementModel;
  /** How the statement names the secondment; no person's name. */
  label: string;
}

/** The confirmed minutes of one secondment on one day, with the rate of that day. */
export interface RatedDay {
  secondmentId: string;
  day: string;
  minutes: number;
  rateCentsPerHour: number;
  /** E.g. "Entgeltgruppe E 9b, Stufe 3, Gemeinkosten Büroarbeitsplatz". */
  rateLabel: string;
}

/** A confirmed expense of one secondment. */
export interface CaseExpense {
  secondmentId: string;
  kind: ExpenseKind;
  amountCents: number;
  description: string;
}

/**
 * The cases of a statement: one per secondment (in the given order) that has days or expenses,
 * with one hours entry per distinct rate (first day's order) and the expenses as given.
 */
export function casesFromDays(
  secondments: readonly CaseSecondment[],
  days: readonly RatedDay[],
  expenses: readonly CaseExpense[],
): StatementCase[] {
  const sorted = [...days].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  const cases: StatementCase[] = [];
  for (const s of secondments) {
    const own = sorted.filter((d) => d.secondmentId === s.id);
    const hours: Array<{ minutes: number; rateCentsPerHour: number; rateLabel: string }> = [];
    for (const d of own) {
      const same = hours.find((h) => h.rateCentsPerHour === d.rateCentsPerHour && h.rateLabel === d.rateLabel);
      if (same) same.minutes += d.minutes;
      else hours.push({ minutes: d.minutes, rateCentsPerHour: d.rateCentsPerHour, rateLabel: d.rateLabel });
    }
    const ownExpenses = expenses
      .filter((e) => e.secondmentId === s.id)
      .map((e) => ({ kind: e.kind, amountCents: e.amountCents, description: e.description }));
    if (hours.length === 0 && ownExpenses.length === 0) continue;
    cases.push({ secondmentId: s.id, model: s.model, label: s.label, hours, expenses: ownExpenses });
  }
  return cases;
}

/** How long the tasks may be in a case's label (the PDF and XRechnung line, the CSV cell). */
export const CASE_TASKS_LENGTH = 80;

/**
 * How a statement names a secondment: its short reference (`secondmentReference`, which both
 * administrations see on the secondment's page — no person's name), its period and the beginning of
 * its tasks, on one line: "Abordnung A-3F2C9B1E, 01.11.2026–18.12.2026: Bauanträge prüfen". Tasks
 * longer than {@link CASE_TASKS_LENGTH} characters end at the last whole word with "…" — never in
 * the middle of a word ("Fälle in SORMAS pfle").
 */
export function caseLabelOf(reference: string, period: string, tasks: string): string {
  return `Abordnung ${reference}, ${period}: ${shortenAtWord(tasks, CASE_TASKS_LENGTH)}`;
}
