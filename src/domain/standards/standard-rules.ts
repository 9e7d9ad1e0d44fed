// The rules of a standard's versions: what a version must hold to be saved, which version is in
// force on a day, and which administrations a version applies to. Pure: no I/O.
import type { Bilingual, FieldProblem } from "../../kernel/problems";
import type { Applicability, IndicatorUnit } from "./standard";

/** What the rules look at of a version a coordinator wants to save. */
export interface VersionDraft {
  unit: IndicatorUnit;
  target: number;
  tolerance: number;
  validFrom: string;
  validTo?: string | null;
  leikaKey?: string | null;
  ozgId?: string | null;
  changeNote?: string;
}

/** What the rules need to know of the catalogue: whether a key or id is in it. */
export interface CatalogueLookup {
  hasLeikaKey(key: string): boolean;
  hasOzgId(id: string): boolean;
}

const problem = (field: string, rule: string, message: Bilingual): FieldProblem => ({ field, in: "body", rule, message });

/**
 * Every problem of a version draft at once, each naming the field and what to do: a percentage
 * target lies in 0 … 100 and its tolerance too; other targets are not negative; the tolerance is
 * not negative; the end is not before the start; a LeiKa key or OZG id exists in the bundled
 * catalogue; a version after the first says why it was made (`isFirst` false).
 */
export function versionProblems(draft: VersionDraft, catalogue: CatalogueLookup, isFirst: boolean): FieldProblem[] {
  const found: FieldProblem[] = [];
  if (draft.unit === "percent" && (draft.target < 0 || draft.target > 100)) {
    found.push(
      problem("target", "percent_range", {
        de: "Ein Zielwert in Prozent liegt zwischen 0 und 100. Geben Sie eine Zahl von 0 bis 100 ein.",
        en: "A target in percent lies between 0 and 100. Enter a number from 0 to 100.",
      }),
    );
  } else if (draft.target < 0) {
    found.push(
      problem("target", "not_negative", {
        de: "Der Zielwert kann nicht negativ sein. Geben Sie eine Zahl ab 0 ein.",
        en: "The target cannot be negative. Enter a number of 0 or more.",
      }),
    );
  }
  if (draft.tolerance < 0) {
    found.push(
      problem("tolerance", "not_negative", {
        de: "Die Toleranz kann nicht negativ sein. Geben Sie 0 oder eine größere Zahl ein.",
        en: "The tolerance cannot be negative. Enter 0 or a larger number.",
      }),
    );
  } else if (draft.unit === "percent" && draft.tolerance > 100) {
    found.push(
      problem("tolerance", "percent_range", {
        de: "Eine Toleranz in Prozentpunkten liegt zwischen 0 und 100. Geben Sie eine Zahl von 0 bis 100 ein.",
        en: "A tolerance in percentage points lies between 0 and 100. Enter a number from 0 to 100.",
      }),
    );
  }
  if (draft.validTo && draft.validTo < draft.validFrom) {
    found.push(
      problem("validTo", "not_before_start", {
        de: "„Gültig bis“ liegt vor „Gültig ab“. Wählen Sie einen Tag ab dem Beginn oder lassen Sie das Feld leer.",
        en: "“Valid to” is before “valid from”. Choose a day on or after the start, or leave the field empty.",
      }),
    );
  }
  if (draft.leikaKey && !catalogue.hasLeikaKey(draft.leikaKey)) {
    found.push(
      problem("leikaKey", "not_in_catalogue", {
        de: "Diesen LeiKa-Schlüssel gibt es im Leistungskatalog nicht. Suchen Sie die Leistung im Katalog aus oder lassen Sie das Feld leer.",
        en: "This LeiKa key is not in the service catalogue. Pick the service from the catalogue or leave the field empty.",
      }),
    );
  }
  if (draft.ozgId && !catalogue.hasOzgId(draft.ozgId)) {
    found.push(
      problem("ozgId", "not_in_catalogue", {
        de: "Diese OZG-Leistung gibt es im Leistungskatalog nicht. Suchen Sie die Leistung im Katalog aus oder lassen Sie das Feld leer.",
        en: "This OZG service is not in the service catalogue. Pick the service from the catalogue or leave the field empty.",
      }),
    );
  }
  if (!isFirst && !draft.changeNote?.trim()) {
    found.push(
      problem("changeNote", "required", {
        de: "Bitte schreiben Sie, was sich ändert und warum. Die Begründung steht in der Versionsgeschichte.",
        en: "Please write what changes and why. The note appears in the version history.",
      }),
    );
  }
  return found;
}

/** A version as far as its validity matters. */
export interface Dated {
  version: number;
  validFrom: string;
  validTo: string | null;
}

/**
 * The version in force on a day (`YYYY-MM-DD`): among those valid on the day, the highest version
 * number — a newer version replaces an older one from its first day. None when no version covers
 * the day (before the first, or after the last one's end).
 */
export function versionInForce<V extends Dated>(versions: readonly V[], day: string): V | undefined {
  let best: V | undefined;
  for (const v of versions) {
    if (v.validFrom <= day && (v.validTo === null || v.validTo >= day) && (!best || v.version > best.version)) best = v;
  }
  return best;
}

/**
 * The version a catalogue shows as current: the one in force today, else the newest that starts
 * later (announced), else the newest of all (expired).
 */
export function currentVersion<V extends Dated>(versions: readonly V[], day: string): V | undefined {
  const inForce = versionInForce(versions, day);
  if (inForce) return inForce;
  const newest = (list: readonly V[]) => list.reduce<V | undefined>((a, v) => (!a || v.version > a.version ? v : a), undefined);
  return newest(versions.filter((v) => v.validFrom > day)) ?? newest(versions);
}

/** An administration as far as applicability matters. */
export interface AdministrationRole {
  id: string;
  kind: "region" | "municipality";
  /** Whether it is a lower building authority (for itself or for others). */
  isBuildingAuthority: boolean;
}

/** Whether a standard with this applicability applies to an administration. */
export function appliesTo(applicability: Applicability, administration: AdministrationRole): boolean {
  switch (applicability) {
    case "all":
      return true;
    case "municipalities":
      return administration.kind === "municipality";
    case "building_authorities":
      return administration.isBuildingAuthority;
    case "region":
      return administration.kind === "region";
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
