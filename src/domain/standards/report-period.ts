// Reporting periods (Meldezeiträume) as people write them in a form or a spreadsheet, read into the
// periods of `period.ts` (which says what a period is, and names it): `2026-09` (a month),
// `2026-Q3` (a quarter), `2026` (a year). Pure: no I/O.
//
//   readPeriod("3. Quartal 2026")  → { text: "2026-Q3", kind: "quarter", start: "2026-07-01", end: "2026-09-30", … }
//   readPeriod("09/2026")          → { text: "2026-09", kind: "month", … }
//   readGermanDate("31.12.2026")   → "2026-12-31"

import { periodIn, type Period } from "./period";
import type { Periodicity } from "./standard";

const MONTH_NAMES: Record<string, number> = {
  januar: 1,
  jan: 1,
  jänner: 1,
  februar: 2,
  feb: 2,
  märz: 3,
  maerz: 3,
  mrz: 3,
  mär: 3,
  april: 4,
  apr: 4,
  mai: 5,
  juni: 6,
  jun: 6,
  juli: 7,
  jul: 7,
  august: 8,
  aug: 8,
  september: 9,
  sep: 9,
  sept: 9,
  oktober: 10,
  okt: 10,
  november: 11,
  nov: 11,
  dezember: 12,
  dez: 12,
};

const PATTERNS: { pattern: RegExp; read: (m: RegExpExecArray) => [number, Periodicity, number] | null }[] = [
  // 2026
  { pattern: /^(\d{4})$/, read: (m) => [Number(m[1]), "year", 1] },
  // 2026-09, 2026/9, 2026.09
  { pattern: /^(\d{4})\s*[-/.]\s*(\d{1,2})$/, read: (m) => [Number(m[1]), "month", Number(m[2])] },
  // 09/2026, 9.2026, 09-2026
  { pattern: /^(\d{1,2})\s*[-/.]\s*(\d{4})$/, read: (m) => [Number(m[2]), "month", Number(m[1])] },
  // 2026-Q3, 2026 Q3, 2026/Q3
  { pattern: /^(\d{4})\s*[-/ ]?\s*q\s*([1-4])$/, read: (m) => [Number(m[1]), "quarter", Number(m[2])] },
  // Q3 2026, Q3/2026, Q3-2026
  { pattern: /^q\s*([1-4])\s*[-/ ]?\s*(\d{4})$/, read: (m) => [Number(m[2]), "quarter", Number(m[1])] },
  // 3. Quartal 2026, 3.Quartal 2026, 3. Quartal/2026
  { pattern: /^([1-4])\s*\.?\s*quartal\s*[-/ ]?\s*(\d{4})$/, read: (m) => [Number(m[2]), "quarter", Number(m[1])] },
  // September 2026, Sept. 2026, sep 2026
  {
    pattern: /^([a-zäöü]+)\.?\s*[-/ ]?\s*(\d{4})$/,
    read: (m) => (MONTH_NAMES[m[1]] ? [Number(m[2]), "month", MONTH_NAMES[m[1]]] : null),
  },
  // Sep 26, Sep. 26: a typed `09/2026` as a spreadsheet shows it again
  {
    pattern: /^([a-zäöü]+)\.?\s*[-/ ]\s*(\d{2})$/,
    read: (m) => (MONTH_NAMES[m[1]] ? [2000 + Number(m[2]), "month", MONTH_NAMES[m[1]]] : null),
  },
];

/**
 * Reads a period written as `2026-09`, `09/2026`, `September 2026`, `2026-Q3`, `Q3 2026`,
 * `3. Quartal 2026` or `2026` (case and spaces do not matter). A German date (`01.09.2026`) stands
 * for its month, as a spreadsheet turns a typed `09/2026` into the first of the month. Returns
 * `null` for anything else, including months beyond 12 and years outside 2000–2099; never throws.
 */
export function readPeriod(text: string): Period | null {
  const normalized = text.trim().toLowerCase().replace(/\s+/g, " ");
  const date = readGermanDate(normalized);
  if (date) return periodIn("month", Number(date.slice(0, 4)), Number(date.slice(5, 7)));
  for (const { pattern, read } of PATTERNS) {
    const match = pattern.exec(normalized);
    const parts = match ? read(match) : null;
    if (!parts) continue;
    const [year, periodicity, index] = parts;
    return periodIn(periodicity, year, index);
  }
  return null;
}

/**
 * Reads a German date `31.12.2026` (also `1.2.2026`) into an ISO date `2026-12-31`; `null` when it
 * is no date of the calendar (`31.02.2026`).
 */
export function readGermanDate(text: string): string | null {
  const match = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text.trim());
  if (!match) return null;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return null;
  return isoDate(year, month, day);
}

/** Writes an ISO date (`2026-12-31`) the German way (`31.12.2026`). */
export function formatGermanDate(iso: string): string {
  const [year, month, day] = iso.split("-");
  return `${day}.${month}.${year}`;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isoDate(year: number, month: number, day: number): string {
  return `${year}-${pad(month)}-${pad(day)}`;
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}
