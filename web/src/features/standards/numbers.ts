import type { TFunction } from "i18next";

/** A number as a person types it: "78,4", "1.400" (German thousands), "78.4"; null when it is none. */
export function numberOf(text: string): number | null {
  let s = text.trim().replace(/\s/g, "");
  if (!s) return null;
  if (s.includes(",")) s = s.replace(/\./g, "").replace(",", ".");
  else if (/^\d{1,3}(\.\d{3})+$/.test(s)) s = s.replace(/\./g, "");
  if (!/^-?\d+(\.\d+)?$/.test(s)) return null;
  return Number(s);
}

/** A number written for the form's language ("78,4"), without thousands separators so it reads back alike. */
export function numberText(n: number, lang: string): string {
  return new Intl.NumberFormat(lang === "en" ? "en-GB" : "de-DE", { maximumFractionDigits: 2, useGrouping: false }).format(n);
}

/** A value with its unit: "78,4 %", "12 Tage". */
export function valueText(n: number, unit: string, lang: string, t: TFunction): string {
  const value = new Intl.NumberFormat(lang === "en" ? "en-GB" : "de-DE", { maximumFractionDigits: 2 }).format(n);
  return t(`reporting.unitValue.${unit}`, { value });
}
