/** Formats and readers of the cost-rate pages: money and percentages as people read and type them. */
import type { CostRateParameters } from "./api";
import { formatters } from "../../i18n";

export type Version = CostRateParameters["items"][number];

export const NUMBER_FIELDS = [
  "socialSecurityPercent",
  "supplementaryPensionPercent",
  "civilServantPensionPercent",
  "employeeNetAnnualHours",
  "civilServantNetAnnualHours",
  "overheadOfficePercent",
  "overheadOtherPercent",
] as const;
export type NumberField = (typeof NUMBER_FIELDS)[number];
export type Draft = Record<NumberField | "validFrom" | "referenceStep" | "note", string>;

/** A percentage from basis points, "20 %" / "12,5 %". */
export const percentOf = (basisPoints: number, lang: string) =>
  `${formatters(lang).number(basisPoints / 100, basisPoints % 100 === 0 ? 0 : 2)}\u00a0%`;
/** A percentage or hours of a parameter version as people read it: "21 %", "22,5 %", "1.591,20". */
export const parameterValue = (v: Version, k: NumberField, lang: string) =>
  k.endsWith("Hours") ? formatters(lang).number(v[k], 2) : percentOf(Math.round(v[k] * 100), lang);
/** A number as typed in the form: a decimal comma in German, no thousands separator. */
export const typed = (n: number, lang: string) => (lang === "en" ? String(n) : String(n).replace(".", ","));
/** What a person typed ("21,15", "21.15") as a number; anything else is sent as typed, so the server names the field. */
export const readNumber = (text: string): number | string | undefined => {
  const t = text.trim();
  if (t === "") return undefined;
  return /^\d+([.,]\d+)?$/.test(t) ? Number(t.replace(",", ".")) : t;
};

export const draftOf = (v: Version | undefined, lang: string): Draft => ({
  validFrom: "",
  referenceStep: String(v?.referenceStep ?? 3),
  note: "",
  ...(Object.fromEntries(NUMBER_FIELDS.map((k) => [k, v ? typed(v[k], lang) : ""])) as Record<NumberField, string>),
});
