/**
 * Days in the web app as the server counts them (`src/kernel/dates.ts`): in Germany
 * (Europe/Berlin), whatever the browser's time zone.
 */

/** The time zone Verbund counts its days in. */
const TIME_ZONE = "Europe/Berlin";

/** Today's date in Germany as an ISO date (`2026-11-25`), e.g. the default of a date field. */
export function todayInGermany(now: Date = new Date()): string {
  return new Intl.DateTimeFormat("sv-SE", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/**
 * A date for reading: `25.11.2026` in `de-DE` (`style` "long": `25. November 2026`). A date
 * (`2026-11-25`) is the day it names in every time zone (`new Date("2026-11-25")` is midnight UTC,
 * which a browser west of UTC would show as the 24th); a timestamp is shown as its day in Germany.
 */
export function formatDate(locale: string, iso: string, style: "short" | "long" = "short"): string {
  return new Intl.DateTimeFormat(locale, {
    ...(style === "long" ? { day: "numeric", month: "long" } : { day: "2-digit", month: "2-digit" }),
    year: "numeric",
    timeZone: iso.length === 10 ? "UTC" : TIME_ZONE,
  }).format(new Date(iso));
}
