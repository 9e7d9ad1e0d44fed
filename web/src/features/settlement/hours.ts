/**
 * Hours as people type and read them: "7,75" (German decimal comma, or "7.75") is 465 minutes;
 * 465 minutes read "7,75 Std.". Days of a week from Monday, in ISO dates.
 */

/** Minutes from hours as typed ("7,75", "8", "7.5"); null when it is no number. */
export function minutesOf(text: string): number | null {
  const cleaned = text.trim().replace(",", ".");
  if (!/^\d{1,2}(\.\d{1,2})?$/.test(cleaned)) return null;
  return Math.round(Number(cleaned) * 60);
}

/**
 * Hours for reading, always with two decimals: 465 → "7,75", 390 → "6,50", 360 → "6,00" (German) /
 * "6.00" (English) — the same figures as the statement's PDF, CSV and notes (`germanHours`), so a
 * day reads alike in the month table, on the statement and in a correction's note.
 */
export function hoursText(minutes: number, lang: string): string {
  return new Intl.NumberFormat(lang === "en" ? "en-GB" : "de-DE", { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(
    minutes / 60,
  );
}

/** An ISO date plus `n` days. */
export function addDays(iso: string, n: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** The Monday of the week of `iso`. */
export function mondayOf(iso: string): string {
  const weekday = new Date(`${iso}T00:00:00Z`).getUTCDay();
  return addDays(iso, -((weekday + 6) % 7));
}

/** A month `YYYY-MM` for reading: "November 2026"; without the year "November". */
export function monthName(month: string, lang: string, { withYear = true } = {}): string {
  return new Intl.DateTimeFormat(lang === "en" ? "en-GB" : "de-DE", {
    month: "long",
    ...(withYear ? { year: "numeric" } : {}),
    timeZone: "UTC",
  }).format(new Date(`${month}-01T00:00:00Z`));
}

/** Monday to Friday of the week starting on `monday`. */
export const workingDays = (monday: string) => [0, 1, 2, 3, 4].map((i) => addDays(monday, i));

/** The month `YYYY-MM` after (`n` = 1) or before (`n` = -1) `month`. */
export function shiftMonth(month: string, n: number): string {
  const [y, m] = month.split("-").map(Number);
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return d.toISOString().slice(0, 7);
}

/** An entry of a month as far as recording it again is concerned. */
interface DayEntry {
  readonly day: string;
  readonly state: string;
}

/**
 * Whether a returned day still waits to be recorded anew: it was returned and the month holds no
 * newer recorded or confirmed entry for the same day.
 */
export function waitsToBeRecordedAgain(entry: DayEntry, month: readonly DayEntry[]): boolean {
  return entry.state === "returned" && !month.some((o) => o.day === entry.day && (o.state === "recorded" || o.state === "confirmed"));
}

/** The earliest returned day of a month that still waits to be recorded anew, if any. */
export function firstDayToRecordAgain(month: readonly DayEntry[]): string | undefined {
  return month
    .filter((e) => waitsToBeRecordedAgain(e, month))
    .map((e) => e.day)
    .sort()[0];
}
