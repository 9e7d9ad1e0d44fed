/**
 * The region's coordination edits the catalogue: a new standard with its first version, or a new
 * version of a standard. Versions are never changed afterwards, so every value knows what it was
 * measured against. Two coordinators saving a new version at once cannot both win: the unique index
 * on (standard, version) decides (409 at `version`, declared next to the table); a form filled
 * from an older version than the newest is a 409 before anything is written.
 */
import type { Db, Tx } from "../../db/client";
import type { Actor } from "../../kernel/actor";
import { AppError } from "../../kernel/problems";
import type { Role } from "../../kernel/roles";
import { germanDate } from "../../kernel/dates";
import { versionProblems } from "../../domain/standards/standard-rules";
import { foldForSearch } from "../../domain/standards/service-catalogue";
import type { Aggregation, Applicability, Direction, IndicatorUnit, Periodicity, StandardTheme } from "../../domain/standards/standard";
import { recordAudit } from "../audit";
import { catalogueLookup } from "./service-catalogue-files";
import { getVisibleStandard } from "./standard-scope";
import { serviceStandards, serviceStandardVersions } from "./standards.tables";
import { getStandard } from "./standards";

/** What a coordinator enters for a version (validated by the route's schema). */
export interface VersionInput {
  title: string;
  titleEn: string;
  theme: StandardTheme;
  leikaKey?: string | null;
  ozgId?: string | null;
  indicatorDefinition: string;
  measurement: string;
  unit: IndicatorUnit;
  aggregation: Aggregation;
  direction: Direction;
  periodicity: Periodicity;
  target: number;
  tolerance: number;
  validFrom: string;
  validTo?: string | null;
  anchor: string;
  referenceModel?: string | null;
  appliesTo: Applicability;
}

/** The role a version is recorded with: the history names the role, never the person. */
const EDITING_ROLE: Role = "region_admin";

/** The columns of a version from the input (empty optional texts stored as null). */
function versionValues(input: VersionInput) {
  return {
    title: input.title,
    titleEn: input.titleEn,
    theme: input.theme,
    leikaKey: input.leikaKey || null,
    ozgId: input.ozgId || null,
    indicatorDefinition: input.indicatorDefinition,
    measurement: input.measurement,
    unit: input.unit,
    aggregation: input.aggregation,
    direction: input.direction,
    periodicity: input.periodicity,
    target: input.target,
    tolerance: input.tolerance,
    validFrom: input.validFrom,
    validTo: input.validTo || null,
    anchor: input.anchor,
    referenceModel: input.referenceModel || null,
    appliesTo: input.appliesTo,
  };
}

/** A key from a title: `Telefonische Erreichbarkeit` → `telefonische-erreichbarkeit`. */
export function keyOfTitle(title: string): string {
  const key = foldForSearch(title).replace(/ /g, "-").slice(0, 60).replace(/-+$/, "");
  return key.length >= 3 ? key : `standard-${key}`.replace(/-+$/, "");
}

async function auditVersion(
  tx: Tx,
  actor: Actor,
  id: string,
  version: number,
  values: ReturnType<typeof versionValues>,
  changeNote: string,
) {
  await recordAudit(tx, actor, {
    action: "create",
    entity: "service_standard_version",
    entityId: id,
    visibility: "region",
    after: { version, ...values, changeNote },
  });
}

/** The coordination adds a standard with its first version. */
export async function createStandard(db: Db, actor: Actor, input: VersionInput & { key?: string }) {
  const fields = versionProblems(input, catalogueLookup(), true);
  if (fields.length) throw new AppError("validation", { fields });
  const values = versionValues(input);
  const key = input.key ?? keyOfTitle(input.title);
  const id = await db.transaction(async (tx) => {
    const [standard] = await tx.insert(serviceStandards).values({ regionId: actor.regionId, key }).returning({ id: serviceStandards.id });
    const [version] = await tx
      .insert(serviceStandardVersions)
      .values({
        regionId: actor.regionId,
        standardId: standard.id,
        version: 1,
        ...values,
        createdBy: actor.accountId,
        createdByRole: EDITING_ROLE,
      })
      .returning({ id: serviceStandardVersions.id });
    await recordAudit(tx, actor, {
      action: "create",
      entity: "service_standard",
      entityId: standard.id,
      visibility: "region",
      after: { key, title: input.title },
    });
    await auditVersion(tx, actor, version.id, 1, values, "");
    return standard.id;
  });
  return getStandard(db, actor, id);
}

/**
 * The coordination makes a new version of a standard from the version its form was filled from
 * (`basedOnVersion`); from now on values are measured against it (from its `validFrom`). A newer
 * version saved in between is a 409 that says which one, so nothing is overwritten unseen.
 */
export async function createStandardVersion(
  db: Db,
  actor: Actor,
  id: string,
  input: VersionInput & { basedOnVersion: number; changeNote: string },
) {
  const standard = await getVisibleStandard(db, actor, id);
  const latest = standard.versions[0];
  if (input.basedOnVersion !== latest.version) {
    const message = {
      de: `Inzwischen gibt es Fassung ${latest.version} dieses Standards (vom ${germanDate(latest.createdAt)}). Laden Sie die Seite neu, prüfen Sie die neue Fassung und tragen Sie Ihre Änderung dort ein.`,
      en: `Version ${latest.version} of this standard has been saved in the meantime. Reload the page, check the new version and make your change there.`,
    };
    throw new AppError("conflict", { message, fields: [{ field: "basedOnVersion", in: "body", rule: "outdated", message }] });
  }
  const fields = versionProblems(input, catalogueLookup(), false);
  if (fields.length) throw new AppError("validation", { fields });
  const values = versionValues(input);
  const version = latest.version + 1;
  await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(serviceStandardVersions)
      .values({
        regionId: standard.regionId,
        standardId: standard.id,
        version,
        ...values,
        // Made by the region: no longer the starter set's proposal.
        isProposal: false,
        changeNote: input.changeNote.trim(),
        createdBy: actor.accountId,
        createdByRole: EDITING_ROLE,
      })
      .returning({ id: serviceStandardVersions.id });
    await auditVersion(tx, actor, row.id, version, values, input.changeNote.trim());
  });
  return getStandard(db, actor, id);
}
