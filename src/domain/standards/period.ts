// What a reporting period (Meldezeitraum) is: a month `2026-09`, a quarter `2026-Q3` or a year
// `2026` of the years 2000–2099. This module is the one place that builds a period, checks it,
// parses its canonical text (the API's and the database's), names it in German ("3. Quartal 2026")
// and English ("Q3 2026") and counts periods forwards and backwards. What people type in a form or
// a spreadsheet (`09/2026`, `3. Quartal 2026`) is read by `report-period.ts` into these periods.
// Pure: no I/O.
//
//   parsePeriod("2026-Q3")                       → { text: "2026-Q3", kind: "quarter", start: "2026-07-01", end: "2026-09-30", … }
//   formatPeriodText("2026-09", "en")            → "September 2026"
//   periodsDue(parsePeriod("2026-Q3")!, "month") → the periods 2026-07, 2026-08, 2026-09
import type { Periodicity } from "./standard";
import { MONTH_NAMES } from "../../kernel/dates";

/** Years a period may lie in; anything else is a typing error. */
export const PERIOD_YEARS = { min: 2000, max: 2099 } as const;

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

const pad = (n: number) => String(n).padStart(2, "0");

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * A period from its kind, year and index, or null when there is no such period (a 13th month, a
 * fifth quarter, a year outside 2000–2099): the checked way to build one from numbers people gave.
 */
export function periodIn(kind: Periodicity, year: number, index: number): Period | null {
  const count = kind === "month" ? 12 : kind === "quarter" ? 4 : 1;
  if (!Number.isInteger(year) || !Number.isInteger(index)) return null;
  if (year < PERIOD_YEARS.min || year > PERIOD_YEARS.max || index < 1 || index > count) return null;
  return periodOf(kind, year, index);
}

/** Builds a period from its kind, year and index (month, quarter or 1); the caller knows they are valid. */
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

/** Parses the canonical text `2026-09`, `2026-Q3` or `2026` (years 2000–2099); null for anything else. */
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
  if (period.kind === "month") return `${MONTH_NAMES[lang][period.index - 1]} ${period.year}`;
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

/**
 * The periods of `kind` that a sheet or template for `period` asks for: the months of a quarter
 * (or of a year), the quarters of a year, the period itself for its own kind; a standard reported
 * less often only when its period ends with the given one (a quarterly standard in the sheet of
 * September, a yearly one in the sheet of the fourth quarter), else none.
 */
export function periodsDue(period: Period, kind: Periodicity): Period[] {
  const firstMonth = Number(period.start.slice(5, 7));
  const lastMonth = Number(period.end.slice(5, 7));
  const months = Array.from({ length: lastMonth - firstMonth + 1 }, (_, i) => firstMonth + i);
  const containing = months.map((m) => periodContaining(kind, `${period.year}-${pad(m)}-01`));
  const distinct = containing.filter((p, i) => i === 0 || p.text !== containing[i - 1].text);
  return distinct.filter((p) => p.end <= period.end);
}
