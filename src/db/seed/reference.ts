import fs from "node:fs";
import { parse as parseCsv } from "csv-parse/sync";
import path from "node:path";
import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { departments, organizations, regions } from "../schema";
import { seedQualifications } from "./qualifications";
import { seedCostRateDefaults } from "./cost-rates";
import { seedStarterStandards } from "./standards";

/** Manifest `region.json` in a region's reference-data folder. */
interface RegionManifest {
  code: string;
  name: string;
  organizations: string;
  buildingAuthorities: string;
  boundaries: string;
  regionBoundary?: string;
}

interface OrganizationRecord {
  ags: string;
  name: string;
  bezeichnung: string;
  einwohner_2018_12_31: number;
  flaeche_km2: number;
  lat: number;
  lon: number;
}

interface GeoFeature {
  properties: { ags: string; ebene?: string };
  geometry: unknown;
}

/** Default departments of every administration (key, German name). */
export const DEFAULT_DEPARTMENTS: ReadonlyArray<readonly [string, string]> = [
  ["personal", "Personal"],
  ["buergerservice", "Bürgerservice"],
  ["ordnung", "Ordnung"],
  ["it", "IT"],
  ["finanzen", "Finanzen"],
];

/** What {@link seedReferenceData} loaded. */
export interface ReferenceSummary {
  regionId: string;
  organizations: number;
  departments: number;
}

/**
 * The rows of a CSV file (RFC 4180, first line names the columns) as objects: quoted fields with
 * commas, quotes or line breaks, CRLF and a byte order mark (a file saved from Excel) read as
 * written; a row with a missing or extra column fails loudly (csv-parse).
 */
function readCsv(file: string): Record<string, string>[] {
  return parseCsv(fs.readFileSync(file, "utf8"), { columns: true, bom: true, skip_empty_lines: true }) as Record<string, string>[];
}

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, "utf8")) as T;
}

/**
 * Loads a region, its administrations (with boundaries and building authorities) and their
 * default departments from a reference-data folder. Idempotent: running it again updates the
 * rows in place, so a restart never duplicates data. Fails loudly on an inconsistent folder.
 */
export async function seedReferenceData(db: Db, regionDir: string): Promise<ReferenceSummary> {
  const manifest = readJson<RegionManifest>(path.join(regionDir, "region.json"));
  const source = readJson<{ kommunen: OrganizationRecord[]; region: OrganizationRecord }>(path.join(regionDir, manifest.organizations));
  const shapes = readJson<{ features: GeoFeature[] }>(path.join(regionDir, manifest.boundaries)).features;
  const regionShapes = manifest.regionBoundary
    ? readJson<{ features: GeoFeature[] }>(path.join(regionDir, manifest.regionBoundary)).features
    : [];
  const authorities = readCsv(path.join(regionDir, manifest.buildingAuthorities));
  const geometryByAgs = new Map<string, unknown>();
  for (const f of shapes) geometryByAgs.set(f.properties.ags, f.geometry);
  const regionShape = regionShapes.find((f) => f.properties.ags === manifest.code);
  if (regionShape) geometryByAgs.set(manifest.code, regionShape.geometry);

  return db.transaction(async (tx) => {
    const [region] = await tx
      .insert(regions)
      .values({ code: manifest.code, name: manifest.name })
      .onConflictDoUpdate({ target: regions.code, set: { name: manifest.name } })
      .returning();

    const records: Array<OrganizationRecord & { kind: "region" | "municipality" }> = [
      { ...source.region, kind: "region" },
      ...source.kommunen.map((k) => ({ ...k, kind: "municipality" as const })),
    ];
    const idByAgs = new Map<string, string>();
    for (const r of records) {
      if (!geometryByAgs.has(r.ags)) throw new Error(`Reference data: no boundary for AGS ${r.ags} (${r.name})`);
      const values = {
        regionId: region.id,
        ags: r.ags,
        name: r.name,
        kind: r.kind,
        designation: r.kind === "region" ? "Region" : r.bezeichnung,
        population: r.einwohner_2018_12_31,
        areaKm2: r.flaeche_km2,
        lat: r.lat,
        lon: r.lon,
        boundary: geometryByAgs.get(r.ags),
      };
      const { ags: _ags, ...update } = values;
      const [row] = await tx
        .insert(organizations)
        .values(values)
        .onConflictDoUpdate({ target: organizations.ags, set: update })
        .returning({ id: organizations.id });
      idByAgs.set(r.ags, row.id);
    }

    const authorityOf = new Map(authorities.map((a) => [a.ags, a.untere_bauaufsichtsbehoerde_ags]));
    const isBuildingAuthority = new Set(authorities.map((a) => a.untere_bauaufsichtsbehoerde_ags));
    let departmentCount = 0;
    for (const r of records) {
      const orgId = idByAgs.get(r.ags)!;
      const authorityAgs = authorityOf.get(r.ags);
      if (authorityAgs) {
        const authorityId = idByAgs.get(authorityAgs);
        if (!authorityId) throw new Error(`Reference data: unknown building authority ${authorityAgs} for ${r.ags}`);
        await tx.update(organizations).set({ buildingAuthorityId: authorityId }).where(eq(organizations.id, orgId));
      }
      const wanted = [...DEFAULT_DEPARTMENTS];
      if (isBuildingAuthority.has(r.ags)) wanted.push(["bauordnung", "Bauordnung"]);
      if (r.kind === "region") wanted.push(["gesundheitsamt", "Gesundheitsamt"]);
      for (const [key, name] of wanted) {
        await tx
          .insert(departments)
          .values({ regionId: region.id, organizationId: orgId, key, name })
          .onConflictDoUpdate({ target: [departments.organizationId, departments.key], set: { name } });
        departmentCount++;
      }
    }
    await seedQualifications(tx as unknown as Db, region.id);
    await seedCostRateDefaults(tx, region.id, idByAgs.get(manifest.code)!);
    await seedStarterStandards(tx, region.id);
    return { regionId: region.id, organizations: records.length, departments: departmentCount };
  });
}
