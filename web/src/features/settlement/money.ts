/** Money as people read and type it: cents shown as "23,40 €", amounts typed as "23,40", "23.4" or "1.234,50". */

/** Cents for reading: 2340 → "23,40 €" (German) / "€23.40" (English). */
export function euros(cents: number, lang: string): string {
  return new Intl.NumberFormat(lang === "en" ? "en-GB" : "de-DE", { style: "currency", currency: "EUR" }).format(cents / 100);
}

/** Cents from an amount as typed ("23,40", "23.4", "1.234,50", "23,40 €"); null when it is no amount. */
export function centsOf(text: string): number | null {
  let cleaned = text.trim().replace(/\s|€/g, "");
  if (/,\d{1,2}$/.test(cleaned)) cleaned = cleaned.replace(/\./g, "").replace(",", ".");
  if (!/^\d{1,7}(\.\d{1,2})?$/.test(cleaned)) return null;
  return Math.round(Number(cleaned) * 100);
}

/** An amount for a request: empty is undefined, no amount is sent as typed, so the server names the field. */
export function readEuros(text: string): number | string | undefined {
  const typed = text.trim();
  if (typed === "") return undefined;
  return centsOf(typed) ?? typed;
}
