/**
 * Dates as Verbund's users count them: calendar days in Germany (Europe/Berlin, whatever the
 * server's time zone) and working days without the public holidays of the administration's state.
 *
 * Every "today" of the server comes from {@link today}; nothing in `src/` slices a UTC timestamp
 * into a date (`new Date().toISOString().slice(0, 10)` is yesterday in Germany between midnight
 * and 01:00/02:00). Dates travel as ISO strings (`2026-11-25`), which sort like the days they name.
 *
 * Public holidays come from `feiertagejs`, which knows the holidays of all 16 states (with the
 * years they apply from, e.g. Reformationstag in Lower Saxony since 2018). The state of an
 * administration is the first two digits of its AGS key ({@link stateOfAgs}).
 *
 * @example
 * ```ts
 * today();                                        // "2026-12-03" (in Berlin)
 * today(new Date("2026-12-31T23:30:00Z"));        // "2027-01-01"
 * addWorkingDays("2026-10-30", 1, stateOfAgs("03241001")); // "2026-11-02" (31.10. Reformationstag)
 * germanDate("2026-11-25");                       // "25.11.2026"
 * ```
 *
 * Pure: no I/O, no framework; `src/domain` may import it.
 */
import { getHolidays } from "feiertagejs";

/** An ISO calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;

/** The time zone every calendar date of Verbund is counted in. */
export const TIME_ZONE = "Europe/Berlin";

/** The 16 German states (Länder) by their usual two-letter codes. */
export const GERMAN_STATES = ["SH", "HH", "NI", "HB", "NW", "HE", "RP", "BW", "BY", "SL", "BE", "BB", "MV", "SN", "ST", "TH"] as const;

/** A German state (Land). */
export type GermanState = (typeof GERMAN_STATES)[number];

/** The AGS key's first two digits (the Land, `01` … `16`) in the order of {@link GERMAN_STATES}. */
const STATE_BY_AGS_PREFIX: Record<string, GermanState> = Object.fromEntries(
  GERMAN_STATES.map((state, i) => [String(i + 1).padStart(2, "0"), state]),
);

// "sv-SE" writes dates as YYYY-MM-DD; the formatter is built once (constructing one costs ~50 µs).
const berlinDate = new Intl.DateTimeFormat("sv-SE", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });

/** The calendar date in Germany at the instant `instant` (e.g. a timestamp of the audit log). */
export function dateInGermany(instant: Date): IsoDate {
  return berlinDate.format(instant);
}

/**
 * Today's date in Germany. `now` is the clock (tests pass one); at 23:30 UTC on 31 December it is
 * already 1 January in Berlin.
 */
export function today(now: Date = new Date()): IsoDate {
  return dateInGermany(now);
}

/**
 * A date as German readers write it: `25.11.2026`. An ISO date is taken as it is; a timestamp
 * (a `Date`, or an ISO string with a time such as `2026-12-31T23:30:00Z`) is first turned into its
 * date in Germany, so a step recorded at 00:30 in Hanover does not carry the day before.
 */
export function germanDate(value: IsoDate | Date): string {
  const iso = value instanceof Date ? dateInGermany(value) : value.length > 10 ? dateInGermany(new Date(value)) : value;
  return iso.split("-").reverse().join(".");
}

/** `iso` plus `n` calendar days (negative goes back). */
export function addDays(iso: IsoDate, n: number): IsoDate {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** Day of the week of an ISO date: 0 Sunday … 6 Saturday. */
export function weekdayOf(iso: IsoDate): number {
  return new Date(`${iso}T00:00:00Z`).getUTCDay();
}

/**
 * The state of an administration from its AGS key (Amtlicher Gemeindeschlüssel, 2 to 8 digits:
 * the first two name the Land, `03` Niedersachsen). Throws on a key that names no state.
 */
export function stateOfAgs(ags: string): GermanState {
  const state = STATE_BY_AGS_PREFIX[ags.slice(0, 2)];
  if (!/^\d{2,8}$/.test(ags) || !state) throw new Error(`AGS key ${JSON.stringify(ags)} names no German state`);
  return state;
}

const holidayCache = new Map<string, ReadonlySet<IsoDate>>();

/**
 * The public holidays (gesetzliche Feiertage) of `state` in `year`, state-wide ones only: holidays
 * of single municipalities (Augsburger Friedensfest, Fronleichnam in parts of Saxony and
 * Thuringia) are not included.
 */
export function publicHolidays(year: number, state: GermanState): ReadonlySet<IsoDate> {
  const key = `${state}:${year}`;
  let set = holidayCache.get(key);
  if (!set) {
    // The library's `dateString` is computed in the process's time zone (wrong east of UTC+12);
    // its `date` is noon UTC of the holiday, so its UTC date is the holiday in every time zone.
    set = new Set(getHolidays(year, state).map((h) => h.date.toISOString().slice(0, 10)));
    holidayCache.set(key, set);
  }
  return set;
}

/** Whether `iso` is a working day in `state`: Monday to Friday and no public holiday there. */
export function isWorkingDay(iso: IsoDate, state: GermanState): boolean {
  const weekday = weekdayOf(iso);
  return weekday !== 0 && weekday !== 6 && !publicHolidays(Number(iso.slice(0, 4)), state).has(iso);
}

/**
 * The date `n` working days after `from` in `state` (`from` itself does not count): a deadline of
 * "10 working days" set on a Friday before Christmas ends after the holidays. `n` ≥ 0; with 0 the
 * answer is `from`.
 */
export function addWorkingDays(from: IsoDate, n: number, state: GermanState): IsoDate {
  let day = from;
  for (let left = n; left > 0;) {
    day = addDays(day, 1);
    if (isWorkingDay(day, state)) left--;
  }
  return day;
}

/** The number of working days in `state` after `from` up to and including `to` (0 when `to` ≤ `from`). */
export function workingDaysBetween(from: IsoDate, to: IsoDate, state: GermanState): number {
  let count = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (isWorkingDay(day, state)) count++;
  return count;
}

const longDates = {
  de: new Intl.DateTimeFormat("de-DE", { timeZone: "UTC", day: "numeric", month: "long", year: "numeric" }),
  en: new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "long", year: "numeric" }),
};

/**
 * A date written out as people read it in a sentence: `longDate("2026-11-01", "de")` is
 * "1. November 2026", in English "1 November 2026" — the day the ISO date names, in every time zone.
 */
export function longDate(iso: IsoDate, lang: "de" | "en"): string {
  return longDates[lang].format(new Date(`${iso.slice(0, 10)}T00:00:00Z`));
}

/** The names of the months, January first: the one list for every month Verbund writes out. */
export const MONTH_NAMES = {
  de: ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"],
  en: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
} as const;

/** A month `YYYY-MM` (or a date in it) as people read it: "März 2026", in English "March 2026". */
export function monthName(month: string, lang: "de" | "en"): string {
  return `${MONTH_NAMES[lang][Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
}
