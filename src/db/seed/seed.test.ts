import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDatabase } from "../../../test/db";
import { loadConfig } from "../../config";
import type { Database } from "../client";
import { disableDemoAccounts } from "./demo";
import { seedReferenceData } from "./reference";
import { login } from "../../modules/identity/login";
import { TEST_PASSWORD } from "../../../test/constants";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.close());

const count = async (query: ReturnType<typeof sql>) => ((await database.db.execute(query)).rows[0] as { n: number }).n;

/** A second region in a folder of the same shape as data/reference/region-hannover. */
function writeRegion(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "verbund-region-"));
  const square = (x: number, y: number) => ({
    type: "Polygon",
    coordinates: [
      [
        [x, y],
        [x + 0.1, y],
        [x + 0.1, y + 0.1],
        [x, y + 0.1],
        [x, y],
      ],
    ],
  });
  const record = (ags: string, name: string, bezeichnung: string, population: number, lat: number, lon: number) => ({
    ags,
    name,
    bezeichnung,
    einwohner_2018_12_31: population,
    flaeche_km2: 100,
    lat,
    lon,
  });
  fs.writeFileSync(
    path.join(dir, "region.json"),
    JSON.stringify({
      code: "03999",
      name: "Landkreis Muster",
      organizations: "orgs.json",
      buildingAuthorities: "bau.csv",
      boundaries: "shapes.geojson",
    }),
  );
  fs.writeFileSync(
    path.join(dir, "orgs.json"),
    JSON.stringify({
      region: record("03999", "Landkreis Muster", "Landkreis", 30000, 52.05, 9.05),
      kommunen: [
        record("03999001", "Musterstadt", "Stadt", 20000, 52.0, 9.0),
        record("03999002", "Beispieldorf", "Gemeinde", 10000, 52.1, 9.1),
      ],
    }),
  );
  // As a spreadsheet saves it: a byte order mark, CRLF, and a quoted name with a comma.
  fs.writeFileSync(
    path.join(dir, "bau.csv"),
    "\uFEFFags,name,untere_bauaufsichtsbehoerde_ags,untere_bauaufsichtsbehoerde\r\n" +
      "03999001,Musterstadt,03999001,Musterstadt\r\n" +
      '03999002,"Beispieldorf, Flecken",03999,"Landkreis Muster, Kreisverwaltung"\r\n',
  );
  fs.writeFileSync(
    path.join(dir, "shapes.geojson"),
    JSON.stringify({
      type: "FeatureCollection",
      features: [
        { type: "Feature", properties: { ags: "03999", ebene: "Kreis" }, geometry: square(9.0, 52.0) },
        { type: "Feature", properties: { ags: "03999001" }, geometry: square(9.0, 52.0) },
        { type: "Feature", properties: { ags: "03999002" }, geometry: square(9.1, 52.1) },
      ],
    }),
  );
  return dir;
}

describe("reference data", () => {
  it("loads another region from files of the same shape, next to the Region Hannover", async () => {
    const dir = writeRegion();
    const summary = await seedReferenceData(database.db, dir);
    expect(summary).toMatchObject({ organizations: 3 });
    expect(
      await count(sql`SELECT count(*)::int AS n FROM organizations o JOIN regions r ON r.id = o.region_id WHERE r.code = '03999'`),
    ).toBe(3);
    expect(
      await count(
        sql`SELECT count(*)::int AS n FROM departments d JOIN organizations o ON o.id = d.organization_id WHERE o.ags = '03999' AND d.key = 'bauordnung'`,
      ),
    ).toBe(1);
    expect(
      await count(
        sql`SELECT count(*)::int AS n FROM departments d JOIN organizations o ON o.id = d.organization_id WHERE o.ags = '03999002' AND d.key = 'bauordnung'`,
      ),
    ).toBe(0);
    expect(await count(sql`SELECT count(*)::int AS n FROM organizations WHERE ags LIKE '03241%'`)).toBe(22);
    fs.rmSync(dir, { recursive: true });
  });

  it("is idempotent: seeding again changes no count", async () => {
    const before = await count(
      sql`SELECT (SELECT count(*) FROM organizations) + (SELECT count(*) FROM departments) + (SELECT count(*) FROM regions) AS n`,
    );
    await seedReferenceData(database.db, loadConfig({}).regionDir);
    const after = await count(
      sql`SELECT (SELECT count(*) FROM organizations) + (SELECT count(*) FROM departments) + (SELECT count(*) FROM regions) AS n`,
    );
    expect(Number(after)).toBe(Number(before));
  });

  it("fails loudly when a row of the building authorities lacks a column", async () => {
    const dir = writeRegion();
    fs.appendFileSync(path.join(dir, "bau.csv"), "03999003,Nirgendwo,03999\r\n");
    await expect(seedReferenceData(database.db, dir)).rejects.toThrow(/Invalid Record Length/);
    fs.rmSync(dir, { recursive: true });
  });

  it("fails loudly when a boundary is missing", async () => {
    const dir = writeRegion();
    fs.writeFileSync(path.join(dir, "shapes.geojson"), JSON.stringify({ type: "FeatureCollection", features: [] }));
    await expect(seedReferenceData(database.db, dir)).rejects.toThrow(/no boundary for AGS 03999/);
    fs.rmSync(dir, { recursive: true });
  });
});

describe("outside demo mode", () => {
  it("no demo account keeps its known password", async () => {
    const ok = await login(database.db, { login: "personal@wunstorf.demo", password: TEST_PASSWORD, ip: "10.1.1.1" });
    expect(ok.accountId).toBeTruthy();
    expect(await disableDemoAccounts(database.db)).toBe(19);
    await expect(login(database.db, { login: "personal@wunstorf.demo", password: TEST_PASSWORD, ip: "10.1.1.2" })).rejects.toThrow(
      /incorrect/,
    );
    expect(await disableDemoAccounts(database.db)).toBe(0);
  });
});
