// Reporting periods of a value (Meldezeitraum): a month `2026-09`, a quarter `2026-Q3` or a year
// `2026`. Parsed into first and last day, written out in German ("3. Quartal 2026") and English.
// Pure: no I/O.
import type { Periodicity } from "./standard";

/** A parsed period: its kind and first and last day (ISO dates). */
export interface Period {
  text: string;
  kind: Periodicity;
  year: number;
  /** Month 1–12, quarter 1–4, or 1 for a year. */
  index: number;
  start: string;
  end: string;
}

const MONTHS_DE = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"];
const MONTHS_EN = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

const pad = (n: number) => String(n).padStart(2, "0");

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Builds a period from its kind, year and index (month, quarter or 1). */
export function periodOf(kind: Periodicity, year: number, index: number): Period {
  if (kind === "month") {
    return {
      text: `${year}-${pad(index)}`,
      kind,
      year,
      index,
      start: `${year}-${pad(index)}-01`,
      end: `${year}-${pad(index)}-${pad(lastDayOfMonth(year, index))}`,
    };
  }
  if (kind === "quarter") {
    const last = index * 3;
    return {
      text: `${year}-Q${index}`,
      kind,
      year,
      index,
      start: `${year}-${pad(last - 2)}-01`,
      end: `${year}-${pad(last)}-${pad(lastDayOfMonth(year, last))}`,
    };
  }
  return { text: String(year), kind, year, index: 1, start: `${year}-01-01`, end: `${year}-12-31` };
}

/** Parses `2026-09`, `2026-Q3` or `2026` (years 2000–2099); null for anything else. */
export function parsePeriod(text: string): Period | null {
  const month = /^(20\d\d)-(0[1-9]|1[0-2])$/.exec(text);
  if (month) return periodOf("month", Number(month[1]), Number(month[2]));
  const quarter = /^(20\d\d)-Q([1-4])$/.exec(text);
  if (quarter) return periodOf("quarter", Number(quarter[1]), Number(quarter[2]));
  const year = /^(20\d\d)$/.exec(text);
  if (year) return periodOf("year", Number(year[1]), 1);
  return null;
}

/** The period as people read it: "September 2026", "3. Quartal 2026", "2026". */
export function formatPeriod(period: Period, lang: "de" | "en" = "de"): string {
  if (period.kind === "month") return `${(lang === "de" ? MONTHS_DE : MONTHS_EN)[period.index - 1]} ${period.year}`;
  if (period.kind === "quarter") return lang === "de" ? `${period.index}. Quartal ${period.year}` : `Q${period.index} ${period.year}`;
  return String(period.year);
}

/** The same for a period's text; the text itself when it is no period. */
export function formatPeriodText(text: string, lang: "de" | "en" = "de"): string {
  const p = parsePeriod(text);
  return p ? formatPeriod(p, lang) : text;
}

const PER_YEAR: Record<Periodicity, number> = { month: 12, quarter: 4, year: 1 };

/** The period `n` periods before (negative: after) this one. */
export function shiftPeriod(period: Period, n: number): Period {
  const per = PER_YEAR[period.kind];
  const ordinal = period.year * per + (period.index - 1) - n;
  return periodOf(period.kind, Math.floor(ordinal / per), (ordinal % per) + 1);
}

/** The period before this one (the comparison of the jump check). */
export function previousPeriod(period: Period): Period {
  return shiftPeriod(period, 1);
}

/** The period of this kind that contains the day (ISO date). */
export function periodContaining(kind: Periodicity, day: string): Period {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  if (kind === "month") return periodOf(kind, year, month);
  if (kind === "quarter") return periodOf(kind, year, Math.ceil(month / 3));
  return periodOf(kind, year, 1);
}

/** The last period of this kind that has ended before the day: values for it are due. */
export function lastClosedPeriod(kind: Periodicity, day: string): Period {
  return previousPeriod(periodContaining(kind, day));
}
