/**
 * The overhead surcharge (Verwaltungskostenzuschlag) a single agreement (Abordnungsvereinbarung)
 * states: the framework agreement's office or other-workplace percentage of the region's
 * parameters (KGSt method, default 20 % / 15 %), none when the borrowing administration provides
 * the workplace, or a percentage the two administrations agreed in deviation from the framework
 * agreement (0–100 %, two decimals, kept as basis points). Pure: no I/O.
 *
 * @example
 * overheadChoiceOf({ kind: "agreed", basisPoints: 1200 }); // { percent: 12 }
 * overheadWords({ kind: "office" }, 2000).de; // "20 % (Büroarbeitsplatz, Rahmenvereinbarung)"
 */
import type { OverheadChoice, Words } from "./cost-rate";

/** The kinds of overhead an agreement states. */
export const OVERHEAD_KINDS = ["office", "other", "none", "agreed"] as const;
export type OverheadKind = (typeof OVERHEAD_KINDS)[number];

/** An agreement's overhead: a kind, and for `agreed` its own percentage in basis points (0–10 000). */
export type AgreedOverhead = { kind: "office" | "other" | "none" } | { kind: "agreed"; basisPoints: number };

/** The framework agreement's default: the office rate. */
export const DEFAULT_OVERHEAD: AgreedOverhead = { kind: "office" };

/** Whether `basisPoints` is an agreed percentage the settlement accepts: whole basis points from 0 to 100 %. */
export const isAgreedBasisPoints = (basisPoints: number) => Number.isInteger(basisPoints) && basisPoints >= 0 && basisPoints <= 10000;

/** What the cost rate needs to price an hour with this overhead. */
export function overheadChoiceOf(overhead: AgreedOverhead): OverheadChoice {
  return overhead.kind === "agreed" ? { percent: overhead.basisPoints / 100 } : overhead.kind;
}

/** The agreement's overhead from its two columns; an unknown or incomplete value is the default. */
export function agreedOverheadOf(kind: string, basisPoints: number | null): AgreedOverhead {
  if (kind === "agreed" && basisPoints !== null && isAgreedBasisPoints(basisPoints)) return { kind, basisPoints };
  if (kind === "other" || kind === "none") return { kind };
  return DEFAULT_OVERHEAD;
}

/** "20 %", "12,5 %" / "12.5 %": a percentage in basis points without trailing zeros. */
export function percentWords(basisPoints: number): Words {
  const text = (lang: "de" | "en") =>
    `${(basisPoints / 100).toLocaleString(lang === "de" ? "de-DE" : "en-GB", { maximumFractionDigits: 2 })} %`;
  return { de: text("de"), en: text("en") };
}

/** Where the overhead comes from, in words: "Büroarbeitsplatz, Rahmenvereinbarung", "abweichend vereinbart". */
export const OVERHEAD_SOURCE: Record<OverheadKind, Words> = {
  office: { de: "Büroarbeitsplatz, Rahmenvereinbarung", en: "office workplace, framework agreement" },
  other: { de: "sonstiger Arbeitsplatz, Rahmenvereinbarung", en: "other workplace, framework agreement" },
  none: { de: "Arbeitsplatz stellt die aufnehmende Verwaltung", en: "the borrowing administration provides the workplace" },
  agreed: { de: "abweichend vereinbart", en: "agreed in deviation" },
};

/**
 * The overhead as an agreement, a statement line and its exports say it:
 * "20 % (Büroarbeitsplatz, Rahmenvereinbarung)", "0 % (Arbeitsplatz stellt die aufnehmende
 * Verwaltung)", "12 % (abweichend vereinbart)". `basisPoints` is the percentage that applies
 * (for office and other: the region's parameter on the day; null where no parameters apply yet,
 * then only the source is said).
 */
export function overheadWords(overhead: AgreedOverhead, basisPoints: number | null): Words {
  const bp = overhead.kind === "agreed" ? overhead.basisPoints : overhead.kind === "none" ? 0 : basisPoints;
  const source = OVERHEAD_SOURCE[overhead.kind];
  if (bp === null) return source;
  const pct = percentWords(bp);
  return { de: `${pct.de} (${source.de})`, en: `${pct.en} (${source.en})` };
}
