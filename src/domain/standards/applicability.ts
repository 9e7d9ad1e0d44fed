// Which standard version a value is measured against, and whether a standard applies to an
// administration. Pure: no I/O. (The catalogue has the same question; the two are folded together.)
import type { Applicability } from "./standard";

/** What decides whether a standard applies to an administration. */
export interface AdministrationFacts {
  kind: "region" | "municipality" | string;
  /** Whether it is a lower building authority (untere Bauaufsichtsbehörde) for itself or others. */
  isBuildingAuthority: boolean;
}

/** Whether a standard with this applicability applies to the administration. */
export function appliesTo(applicability: Applicability, facts: AdministrationFacts): boolean {
  switch (applicability) {
    case "all":
      return true;
    case "municipalities":
      return facts.kind === "municipality";
    case "region":
      return facts.kind === "region";
    case "building_authorities":
      return facts.isBuildingAuthority;
  }
}

/** Why a standard does not apply, in plain words. */
export const NOT_APPLICABLE: Record<Applicability, { de: string; en: string }> = {
  all: { de: "", en: "" },
  municipalities: {
    de: "Dieser Standard gilt nur für die Städte und Gemeinden, nicht für Ihre Verwaltung.",
    en: "This standard applies only to the towns and municipalities, not to your administration.",
  },
  region: {
    de: "Dieser Standard gilt nur für die Regionsverwaltung, nicht für Ihre Verwaltung.",
    en: "This standard applies only to the regional administration, not to yours.",
  },
  building_authorities: {
    de: "Dieser Standard gilt nur für die unteren Bauaufsichtsbehörden; für Ihre Verwaltung ist die Region zuständig.",
    en: "This standard applies only to the lower building authorities; the Region is the authority for your administration.",
  },
};

/** A version's validity and number. */
export interface VersionValidity {
  version: number;
  validFrom: string;
  validTo: string | null;
}

/**
 * The version in force for a period: of the versions valid on the period's last day, the highest
 * number (a value is measured against the rules in force at the end of the period it reports).
 */
export function versionInForce<V extends VersionValidity>(versions: readonly V[], periodEnd: string): V | null {
  let found: V | null = null;
  for (const v of versions) {
    if (v.validFrom <= periodEnd && (v.validTo === null || v.validTo >= periodEnd) && (!found || v.version > found.version)) found = v;
  }
  return found;
}
