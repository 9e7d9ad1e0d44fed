import { and, asc, eq, inArray, ne } from "drizzle-orm";
import type { Db } from "../../db/client";
import { afterCursor, cursorColumn, germanSortKey, orderBy, pageOf, type PageRequest, type SortKey } from "../../kernel/paging";
import { AppError } from "../../kernel/problems";
import type { Actor } from "../../kernel/actor";
import { organizationPolicy } from "./organizations.policy";
import { departments, organizations } from "./organizations.tables";

const collator = new Intl.Collator("de");

/** What a presented administration needs: every column but the boundary (tens of kilobytes of GeoJSON). */
const PRESENTED = {
  id: organizations.id,
  regionId: organizations.regionId,
  ags: organizations.ags,
  name: organizations.name,
  kind: organizations.kind,
  designation: organizations.designation,
  population: organizations.population,
  areaKm2: organizations.areaKm2,
  lat: organizations.lat,
  lon: organizations.lon,
  buildingAuthorityId: organizations.buildingAuthorityId,
};

type OrganizationRow = { [K in keyof typeof PRESENTED]: (typeof organizations.$inferSelect)[K] };

function present(o: OrganizationRow, byId: Map<string, OrganizationRow>) {
  const authority = o.buildingAuthorityId ? byId.get(o.buildingAuthorityId) : undefined;
  return {
    id: o.id,
    ags: o.ags,
    name: o.name,
    kind: o.kind,
    designation: o.designation,
    population: o.population,
    areaKm2: o.areaKm2,
    lat: o.lat,
    lon: o.lon,
    buildingAuthority: authority ? { id: authority.id, name: authority.name } : null,
  };
}

/** The order of the list: the region first, then the municipalities A–Z (German order), then id. */
const ORDER: SortKey[] = [
  { sql: ne(organizations.kind, "region"), type: "boolean" },
  { sql: germanSortKey(organizations.name), type: "text" },
  { sql: organizations.id, type: "uuid" },
];

/** Every administration (public data), a page at a time: the region first, then the municipalities A–Z. */
export async function listOrganizations(db: Db, page: PageRequest) {
  const rows = await db
    .select({ o: PRESENTED, cursor: cursorColumn(ORDER) })
    .from(organizations)
    .where(afterCursor(ORDER, page.cursor))
    .orderBy(...orderBy(ORDER))
    .limit(page.limit + 1);
  const { rows: shown, nextCursor } = pageOf(rows, page.limit);
  const authorityIds = [...new Set(shown.flatMap((r) => (r.o.buildingAuthorityId ? [r.o.buildingAuthorityId] : [])))];
  const authorities = authorityIds.length
    ? await db.select(PRESENTED).from(organizations).where(inArray(organizations.id, authorityIds))
    : [];
  const byId = new Map(authorities.map((r) => [r.id, r]));
  return { items: shown.map((r) => present(r.o, byId)), nextCursor };
}

/**
 * One administration. Its departments (`region` data) are included only for staff accounts of
 * the same region; the public and other regions get `departments: null`.
 */
export async function getOrganization(db: Db, actor: Actor | null, id: string) {
  const rows = await db.select(PRESENTED).from(organizations);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const row = byId.get(id);
  if (!row) throw new AppError("not_found");
  let deps: Array<{ id: string; key: string; name: string }> | null = null;
  if (actor && organizationPolicy.can(actor, "readDepartments")) {
    const found = await db
      .select({ id: departments.id, key: departments.key, name: departments.name })
      .from(departments)
      .where(and(eq(departments.organizationId, id), eq(departments.regionId, actor.regionId)))
      .orderBy(asc(departments.name));
    deps = actor.regionId === row.regionId ? found.sort((a, b) => collator.compare(a.name, b.name)) : null;
  }
  const authorityFor = rows
    .filter((r) => r.buildingAuthorityId === id && r.id !== id)
    .map((r) => ({ id: r.id, name: r.name }))
    .sort((a, b) => collator.compare(a.name, b.name));
  return { ...present(row, byId), departments: deps, buildingAuthorityFor: authorityFor };
}

/** Boundaries of every administration as one GeoJSON FeatureCollection (RFC 7946). */
export async function getBoundaries(db: Db) {
  const rows = await db.select().from(organizations);
  return {
    type: "FeatureCollection" as const,
    features: rows
      .filter((r) => r.boundary)
      .map((r) => ({
        type: "Feature" as const,
        id: r.id,
        properties: { id: r.id, ags: r.ags, name: r.name, kind: r.kind },
        geometry: r.boundary,
      })),
  };
}
