import { today } from "../../kernel/dates";
import { ROLE_LABELS, type Role } from "../../kernel/roles";
import { currentVersion, versionInForce } from "../../domain/standards/standard-rules";
import { serviceCatalogue } from "./service-catalogue-files";
import type { StandardVersionRow, StandardWithVersions } from "./standard-scope";

/** The fields of a version a coordinator decides; the history names those that changed. */
export const VERSION_FIELDS = [
  "title",
  "titleEn",
  "theme",
  "leikaKey",
  "ozgId",
  "indicatorDefinition",
  "measurement",
  "unit",
  "aggregation",
  "direction",
  "periodicity",
  "target",
  "tolerance",
  "validFrom",
  "validTo",
  "anchor",
  "referenceModel",
  "appliesTo",
] as const satisfies ReadonlyArray<keyof StandardVersionRow>;

/** The service of a version, named from the bundled catalogue. */
function serviceOf(v: StandardVersionRow) {
  if (!v.leikaKey && !v.ozgId) return null;
  const catalogue = serviceCatalogue();
  const leika = v.leikaKey ? catalogue.byLeikaKey(v.leikaKey) : undefined;
  const ozg = v.ozgId ? catalogue.ozgService(v.ozgId) : undefined;
  return { leikaKey: v.leikaKey, name: leika?.name ?? null, ozgId: v.ozgId, ozgService: ozg?.ozgService ?? null };
}

/** A version as the API answers it; `before` is the version it followed (for what changed). */
export function presentVersion(v: StandardVersionRow, before: StandardVersionRow | undefined) {
  const role = v.createdByRole as Role | null;
  return {
    id: v.id,
    version: v.version,
    title: v.title,
    titleEn: v.titleEn,
    theme: v.theme,
    leikaKey: v.leikaKey,
    ozgId: v.ozgId,
    service: serviceOf(v),
    indicatorDefinition: v.indicatorDefinition,
    measurement: v.measurement,
    unit: v.unit,
    aggregation: v.aggregation,
    direction: v.direction,
    periodicity: v.periodicity,
    target: v.target,
    tolerance: v.tolerance,
    validFrom: v.validFrom,
    validTo: v.validTo,
    anchor: v.anchor,
    referenceModel: v.referenceModel,
    appliesTo: v.appliesTo,
    isProposal: v.isProposal,
    changeNote: v.changeNote,
    createdAt: v.createdAt.toISOString(),
    createdBy: role && role in ROLE_LABELS ? ROLE_LABELS[role] : null,
    changedFields: before ? VERSION_FIELDS.filter((f) => (before[f] ?? null) !== (v[f] ?? null)) : [],
  };
}

/** Every version of a standard, newest first, each with what changed against the one before. */
export function presentVersions(s: StandardWithVersions) {
  // `s.versions` is newest first: the one before a version is the next in the list.
  return s.versions.map((v, i) => presentVersion(v, s.versions[i + 1]));
}

/** A standard with its current version (in force today, else announced, else the last). */
export function presentStandard(s: StandardWithVersions, day = today()) {
  const current = currentVersion(s.versions, day)!;
  const index = s.versions.indexOf(current);
  return {
    id: s.id,
    key: s.key,
    current: presentVersion(current, s.versions[index + 1]),
    versionCount: s.versions.length,
    isInForce: versionInForce(s.versions, day) === current,
  };
}
