/**
 * The one file that reads the catalogue of service standards (`service_standards`,
 * `service_standard_versions`; `test/scope.test.ts`). The catalogue is public: a signed-in account
 * sees its own region's standards, a visitor who is not signed in every region's. `unscoped…` reads
 * serve Verbund's own work where the caller names the standard (the reporting looks up the version
 * a value is measured against).
 *
 * Also here: which administrations a version applies to (`appliesTo`), the function the reporting
 * and the evaluation call — all 22, the 21 municipalities, the lower building authorities (the
 * administrations that are their own or another's `building_authority_id`), or the region.
 */
import { and, asc, desc, eq, inArray, isNotNull, type SQL } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import type { Actor } from "../../kernel/actor";
import { AppError } from "../../kernel/problems";
import type { Applicability } from "../../domain/standards/standard";
import { appliesTo, versionInForce } from "../../domain/standards/standard-rules";
import { organizations } from "../organizations";
import { serviceStandards, serviceStandardVersions } from "./standards.tables";

/** A stored version of a standard. */
export type StandardVersionRow = typeof serviceStandardVersions.$inferSelect;
/** A standard with every version, newest first. */
export interface StandardWithVersions {
  id: string;
  regionId: string;
  key: string;
  createdAt: Date;
  versions: StandardVersionRow[];
}

/** The standards an actor sees: the own region's when signed in, every region's when not (public data). */
export function visibleStandardsWhere(actor: Actor | null | undefined): SQL | undefined {
  return actor ? eq(serviceStandards.regionId, actor.regionId) : undefined;
}

function group(rows: Array<{ s: typeof serviceStandards.$inferSelect; v: StandardVersionRow }>): StandardWithVersions[] {
  const byId = new Map<string, StandardWithVersions>();
  for (const { s, v } of rows) {
    let entry = byId.get(s.id);
    if (!entry) byId.set(s.id, (entry = { id: s.id, regionId: s.regionId, key: s.key, createdAt: s.createdAt, versions: [] }));
    entry.versions.push(v);
  }
  return [...byId.values()];
}

/**
 * Every standard the actor sees with all its versions (newest first), in one statement: the
 * catalogue is short (tens of standards) and always read whole.
 */
export async function listVisibleStandards(db: Db | Tx, actor: Actor | null | undefined): Promise<StandardWithVersions[]> {
  const rows = await db
    .select({ s: serviceStandards, v: serviceStandardVersions })
    .from(serviceStandards)
    .innerJoin(serviceStandardVersions, eq(serviceStandardVersions.standardId, serviceStandards.id))
    .where(visibleStandardsWhere(actor))
    .orderBy(asc(serviceStandards.key), asc(serviceStandards.id), desc(serviceStandardVersions.version));
  return group(rows);
}

/** One standard the actor sees, with all its versions (newest first); 404 otherwise. */
export async function getVisibleStandard(db: Db | Tx, actor: Actor | null | undefined, id: string): Promise<StandardWithVersions> {
  const rows = await db
    .select({ s: serviceStandards, v: serviceStandardVersions })
    .from(serviceStandards)
    .innerJoin(serviceStandardVersions, eq(serviceStandardVersions.standardId, serviceStandards.id))
    .where(and(eq(serviceStandards.id, id), visibleStandardsWhere(actor)))
    .orderBy(desc(serviceStandardVersions.version));
  const [found] = group(rows);
  if (!found) throw new AppError("not_found");
  return found;
}

/**
 * The catalogues of these regions with every version (newest first), in one statement, for the
 * reporting's checks, sheets and tasks: the caller names the regions (the actor's own, or the
 * regions of the values it shows); the catalogue is public data.
 */
export async function unscopedStandardsOfRegions(db: Db | Tx, regionIds: readonly string[]): Promise<StandardWithVersions[]> {
  if (!regionIds.length) return [];
  const rows = await db
    .select({ s: serviceStandards, v: serviceStandardVersions })
    .from(serviceStandards)
    .innerJoin(serviceStandardVersions, eq(serviceStandardVersions.standardId, serviceStandards.id))
    .where(inArray(serviceStandards.regionId, [...regionIds]))
    .orderBy(asc(serviceStandards.key), asc(serviceStandards.id), desc(serviceStandardVersions.version));
  return group(rows);
}

/** A standard's key in a region, for the seed's idempotence (Verbund's own work). */
export async function unscopedStandardIdByKey(db: Db | Tx, regionId: string, key: string): Promise<string | undefined> {
  const [row] = await db
    .select({ id: serviceStandards.id })
    .from(serviceStandards)
    .where(and(eq(serviceStandards.regionId, regionId), eq(serviceStandards.key, key)));
  return row?.id;
}

/**
 * The version of a standard in force on a day (`YYYY-MM-DD`), for the reporting: a value of a
 * period is measured against the version in force on the period's last day. The caller has checked
 * that the standard belongs to the actor's region.
 */
export async function unscopedVersionInForce(db: Db | Tx, standardId: string, day: string): Promise<StandardVersionRow | undefined> {
  const versions = await db.select().from(serviceStandardVersions).where(eq(serviceStandardVersions.standardId, standardId));
  return versionInForce(versions, day);
}

/** One version by its id (the version a stored value names). */
export async function unscopedStandardVersion(db: Db | Tx, versionId: string): Promise<StandardVersionRow | undefined> {
  const [row] = await db.select().from(serviceStandardVersions).where(eq(serviceStandardVersions.id, versionId));
  return row;
}

/** An administration of the region as applicability sees it. */
export interface ApplicableAdministration {
  id: string;
  name: string;
  kind: "region" | "municipality";
  isBuildingAuthority: boolean;
}

/**
 * The administrations of a region with whether each is a lower building authority: the Region
 * and every municipality that is its own or another's `building_authority_id` (14 in the Region
 * Hannover; the Region serves eight municipalities). Two statements; the region first, then A–Z.
 */
export async function administrationsOfRegion(db: Db | Tx, regionId: string): Promise<ApplicableAdministration[]> {
  const [all, authorities] = await Promise.all([
    db
      .select({ id: organizations.id, name: organizations.name, kind: organizations.kind })
      .from(organizations)
      .where(eq(organizations.regionId, regionId)),
    db
      .selectDistinct({ id: organizations.buildingAuthorityId })
      .from(organizations)
      .where(and(eq(organizations.regionId, regionId), isNotNull(organizations.buildingAuthorityId))),
  ]);
  const isAuthority = new Set(authorities.map((a) => a.id));
  const collator = new Intl.Collator("de");
  return all
    .map((o) => ({ id: o.id, name: o.name, kind: o.kind, isBuildingAuthority: isAuthority.has(o.id) }))
    .sort((a, b) => Number(a.kind !== "region") - Number(b.kind !== "region") || collator.compare(a.name, b.name));
}

/** The version of a standard as far as applicability matters. */
export interface ApplicabilityOf {
  regionId: string;
  appliesTo: Applicability;
}

/** The administrations a version applies to (region first, then A–Z). */
export async function applicableOrganizations(db: Db | Tx, version: ApplicabilityOf): Promise<ApplicableAdministration[]> {
  return (await administrationsOfRegion(db, version.regionId)).filter((o) => appliesTo(version.appliesTo, o));
}

/** The ids of the administrations a version applies to (what the reporting asks values of). */
export async function applicableOrganizationIds(db: Db | Tx, version: ApplicabilityOf): Promise<string[]> {
  return (await applicableOrganizations(db, version)).map((o) => o.id);
}

/** Whether a version applies to one administration (a value of another is refused). */
export async function appliesToOrganization(db: Db | Tx, version: ApplicabilityOf, organizationId: string): Promise<boolean> {
  const [org] = await db
    .select({ id: organizations.id, kind: organizations.kind })
    .from(organizations)
    .where(and(eq(organizations.id, organizationId), eq(organizations.regionId, version.regionId)));
  if (!org) return false;
  if (version.appliesTo !== "building_authorities") return appliesTo(version.appliesTo, { ...org, isBuildingAuthority: false });
  const served = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(and(eq(organizations.buildingAuthorityId, organizationId), inArray(organizations.regionId, [version.regionId])))
    .limit(1);
  return served.length > 0;
}

/** One administration of a region as applicability sees it (the reporter's own); none when it is not of the region. */
export async function administrationAsApplicable(
  db: Db | Tx,
  regionId: string,
  organizationId: string,
): Promise<ApplicableAdministration | undefined> {
  const [[org], served] = await Promise.all([
    db
      .select({ id: organizations.id, name: organizations.name, kind: organizations.kind })
      .from(organizations)
      .where(and(eq(organizations.id, organizationId), eq(organizations.regionId, regionId))),
    db
      .select({ id: organizations.id })
      .from(organizations)
      .where(and(eq(organizations.buildingAuthorityId, organizationId), eq(organizations.regionId, regionId)))
      .limit(1),
  ]);
  return org && { ...org, isBuildingAuthority: served.length > 0 };
}
