/**
 * The rules of hours and expenses (Stundennachweis, Auslagen), without I/O: which day may carry
 * hours, how many, what a state may become, and the totals of a month. The use cases in
 * `modules/settlement/` ask these rules; the tests in `timesheet-rules.test.ts` check them with
 * examples and properties.
 *
 * Hours are minutes, whole quarter hours, at most 10 hours a day: § 3 ArbZG allows up to 10 hours
 * of work a day, so more than that is not plausible for one secondment. Money is integer cents.
 *
 * @example
 * ```ts
 * minutesProblem(465);  // null (7,75 h)
 * minutesProblem(610);  // "too_many" (more than 10 h)
 * dayProblem({ day: "2026-12-01", today: "2026-12-03", startsOn: "2026-11-20", endsOn: "2027-01-31", state: "active" }); // null
 * ```
 */
import type { Bilingual } from "../../kernel/problems";

/** A quarter hour: the finest step of recorded hours. */
export const MINUTE_STEP = 15;
/** At most 10 hours a day (§ 3 ArbZG). */
export const MAX_MINUTES_PER_DAY = 600;
/** The highest amount of one expense: 10.000,00 € (a larger sum is a typing error, not an expense). */
export const MAX_EXPENSE_CENTS = 1_000_000;
/** The largest receipt: 5 MB. */
export const MAX_RECEIPT_BYTES = 5 * 1024 * 1024;

/** The states of an entry or expense. `replaced`: confirmed, then corrected by a newer entry. */
export const ENTRY_STATES = ["recorded", "confirmed", "returned", "replaced"] as const;
export type EntryState = (typeof ENTRY_STATES)[number];
/** States that count for the day ("live"): one per secondment and day. */
export const LIVE_STATES: readonly EntryState[] = ["recorded", "confirmed"];

/** Kinds of expense: travel costs, separation allowance (Trennungsgeld), per diem (Tagegeld). */
export const EXPENSE_KINDS = ["travel", "separation_allowance", "per_diem"] as const;
export type ExpenseKind = (typeof EXPENSE_KINDS)[number];

/** Secondment states in which hours may be recorded: running, or over (for its last days). */
export const RECORDABLE_SECONDMENT_STATES = ["active", "completed", "ended_early"] as const;

/** Receipt types Verbund takes, recognised by their first bytes. */
export const RECEIPT_TYPES = ["application/pdf", "image/jpeg", "image/png"] as const;
export type ReceiptType = (typeof RECEIPT_TYPES)[number];

const w = (de: string, en: string): Bilingual => ({ de, en });

/** Why these minutes cannot be recorded, or null. */
export function minutesProblem(minutes: number): Bilingual | null {
  if (!Number.isInteger(minutes) || minutes <= 0)
    return w("Geben Sie die Stunden als Zahl über 0 ein, z. B. 7,75.", "Enter the hours as a number above 0, e.g. 7.75.");
  if (minutes > MAX_MINUTES_PER_DAY)
    return w(
      "Höchstens 10 Stunden am Tag (§ 3 Arbeitszeitgesetz). Bitte prüfen Sie die Eingabe.",
      "At most 10 hours a day (§ 3 German Working Hours Act). Please check the entry.",
    );
  if (minutes % MINUTE_STEP !== 0)
    return w("Geben Sie die Stunden in Viertelstunden an, z. B. 7,75 oder 8,5.", "Enter the hours in quarter hours, e.g. 7.75 or 8.5.");
  return null;
}

/** Why this amount (cents) is no plausible expense, or null: from 0,01 € to 10.000 €. */
export function amountProblem(cents: number): Bilingual | null {
  if (Number.isInteger(cents) && cents > 0 && cents <= MAX_EXPENSE_CENTS) return null;
  return w("Geben Sie einen Betrag zwischen 0,01 € und 10.000,00 € ein.", "Enter an amount between €0.01 and €10,000.00.");
}

/** The facts a day of a secondment is judged on. */
export interface DayFacts {
  day: string;
  /** Today in Germany. */
  today: string;
  startsOn: string;
  endsOn: string;
  /** The secondment's state. */
  state: string;
}

/** Why hours or an expense cannot be recorded for this day, or null. */
export function dayProblem(f: DayFacts): Bilingual | null {
  if (!(RECORDABLE_SECONDMENT_STATES as readonly string[]).includes(f.state))
    return w(
      "Stunden und Auslagen lassen sich erst erfassen, wenn der Einsatz begonnen hat.",
      "Hours and expenses can be recorded once the assignment has started.",
    );
  if (f.day > f.today)
    return w(
      "Dieser Tag liegt in der Zukunft. Erfassen Sie ihn, wenn er vorbei ist.",
      "This day lies in the future. Record it once it is over.",
    );
  if (f.day < f.startsOn || f.day > f.endsOn)
    return w(
      `Der Tag liegt außerhalb der Abordnung (${germanDay(f.startsOn)} bis ${germanDay(f.endsOn)}).`,
      `The day lies outside the secondment (${f.startsOn} to ${f.endsOn}).`,
    );
  return null;
}

const germanDay = (iso: string) => iso.split("-").reverse().join(".");

/** What a step does to an entry. */
export type EntryStep = "confirm" | "return" | "correct";

/** From which state each step starts. A returned entry is re-recorded as a new entry. */
export const STEP_FROM: Record<EntryStep, EntryState> = { confirm: "recorded", return: "recorded", correct: "confirmed" };

/**
 * Why the step cannot be taken on an entry in `state`, or null. `correctionWaits`: a correction of
 * this (replaced) entry still waits for confirmation.
 */
export function stepProblem(step: EntryStep, state: EntryState, correctionWaits = false): Bilingual | null {
  if (STEP_FROM[step] === state) return null;
  if (step === "correct" && state === "replaced")
    return correctionWaits
      ? w(
          "Für diesen Tag wartet schon eine Korrektur auf Bestätigung. Sobald die Fachbereichsleitung sie bestätigt oder zurückgibt, können Sie wieder korrigieren.",
          "A correction for this day is already waiting for confirmation. Once the head of department confirms or returns it, you can correct again.",
        )
      : w(
          "Dieser Eintrag ist bereits korrigiert. Korrigieren Sie den bestätigten neuen Eintrag des Tages.",
          "This entry has been corrected already. Correct the day's new confirmed entry.",
        );
  if (step === "correct")
    return w(
      "Korrigieren lässt sich nur ein bestätigter Eintrag; einen offenen ändern Sie, indem die Fachbereichsleitung ihn zurückgibt.",
      "Only a confirmed entry can be corrected; an open one is changed once the head of department returns it.",
    );
  return state === "confirmed"
    ? w("Dieser Eintrag ist bereits bestätigt.", "This entry has been confirmed already.")
    : w("Dieser Eintrag ist nicht mehr offen.", "This entry is no longer open.");
}

/** An entry as the totals see it. */
export interface CountedEntry {
  state: EntryState;
  minutes: number;
}

/** Totals of entries: confirmed, open (recorded, awaiting confirmation) and returned minutes; replaced entries count nowhere. */
export function totalsOf(entries: readonly CountedEntry[]) {
  let confirmed = 0;
  let open = 0;
  let returned = 0;
  for (const e of entries) {
    if (e.state === "confirmed") confirmed += e.minutes;
    else if (e.state === "recorded") open += e.minutes;
    else if (e.state === "returned") returned += e.minutes;
  }
  return { confirmedMinutes: confirmed, openMinutes: open, returnedMinutes: returned };
}

/** The first and last day of a month `YYYY-MM`. */
export function monthBounds(month: string): { from: string; to: string } {
  const [y, m] = month.split("-").map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, "0")}` };
}

/** The type of a file by its first bytes (PDF, JPEG, PNG), or null: the name and the sender's header are not trusted. */
export function receiptTypeOf(bytes: Uint8Array): ReceiptType | null {
  const starts = (sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return "application/pdf"; // %PDF-
  if (starts([0xff, 0xd8, 0xff])) return "image/jpeg";
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  return null;
}
