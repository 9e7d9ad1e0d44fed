/** An ISO date (`2026-11-25`, or a timestamp starting with one) as German readers write it: `25.11.2026`. */
export const germanDate = (iso: string) => iso.slice(0, 10).split("-").reverse().join(".");

/** Today's date in Germany (Europe/Berlin) as an ISO date, whatever the server's time zone. */
export const todayInGermany = (now: Date = new Date()) =>
  new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Berlin", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
