/**
 * The catalogue of service standards through the API: everyone reads it, also without signing in;
 * only the region's coordination adds standards and versions; a new version needs its change note
 * and the version it was based on; two coordinators saving at once: one wins, the other gets a 409
 * — on PostgreSQL (`TEST_DATABASE_URL`, pool of 25) the requests really overlap. The starter set is
 * seeded with the reference data, and the building-permit standard applies to the 14 building
 * authorities only.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { buildTestApp, type Client, type TestApp } from "../../../test/app";
import { createTestDatabase } from "../../../test/db";
import { fireTogether, statusCounts } from "../../../test/parallel";
import { createAdministrator } from "../../cli/create-admin";
import { seedReferenceData } from "../../db/seed/reference";
import { STARTER_STANDARDS } from "../../db/seed/standards";
import { loadConfig } from "../../config";
import { applicableOrganizationIds, appliesToOrganization, serviceCatalogue, unscopedVersionInForce } from "./index";

let t: TestApp;
let coordination: Client;
let reporter: Client;

type Summary = { id: string; key: string; current: Record<string, unknown> & { version: number; title: string; isProposal: boolean } };

const NEW_STANDARD = {
  title: "Bearbeitung von Wohngeldanträgen",
  titleEn: "Processing of housing benefit applications",
  theme: "soziales",
  leikaKey: "99107023000000",
  indicatorDefinition: "Kalendertage vom vollständigen Antrag bis zum Bescheid, im Mittel.",
  measurement: "Aus dem Fachverfahren: Eingang des vollständigen Antrags und Datum des Bescheids.",
  unit: "days",
  aggregation: "mean",
  direction: "lower_is_better",
  periodicity: "quarter",
  target: 30,
  tolerance: 5,
  validFrom: "2027-01-01",
  anchor: "Beschluss der Regionsversammlung vom 1. Dezember 2026",
  appliesTo: "municipalities",
};

async function standardByKey(client: Client, key: string): Promise<Summary> {
  const list = await client.request({ method: "GET", url: "/api/v1/standards" });
  expect(list.statusCode).toBe(200);
  return (list.json().items as Summary[]).find((s) => s.key === key)!;
}

function versionBody(current: Record<string, unknown>, changes: Record<string, unknown>) {
  const fields = [
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
  ];
  return { ...Object.fromEntries(fields.map((f) => [f, current[f]])), basedOnVersion: current.version, changeNote: "", ...changes };
}

beforeAll(async () => {
  t = await buildTestApp({ database: await createTestDatabase({ poolSize: 25 }) });
  coordination = await t.signIn("koordination@region-hannover.demo");
  reporter = await t.signIn("controlling@wunstorf.demo");
}, 120_000);
afterAll(async () => t?.close());

describe("the catalogue", () => {
  it("is public: a visitor sees the starter set, each a proposal with its target and applicability", async () => {
    const res = await t.anonymous().request({ method: "GET", url: "/api/v1/standards" });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Summary[];
    expect(items.map((s) => s.key).sort()).toEqual(STARTER_STANDARDS.map((s) => s.key).sort());
    expect(items.every((s) => s.current.isProposal)).toBe(true);
    const phone = items.find((s) => s.key === "telefon-erreichbarkeit")!;
    expect(phone.current).toMatchObject({ target: 75, tolerance: 5, unit: "percent", periodicity: "month", appliesTo: "all" });
    expect(res.json().abilities).toEqual({ create: false });
    // Grouped by theme in the order of the strategy: citizens' service first.
    expect(items[0].current.theme).toBe("buergerservice");
  });

  it("filters by theme", async () => {
    const res = await t.anonymous().request({ method: "GET", url: "/api/v1/standards?theme=personal" });
    expect((res.json().items as Summary[]).map((s) => s.key).sort()).toEqual(["stellenbesetzung-bauordnung", "stellenbesetzung-it"]);
    const bad = await t.anonymous().request({ method: "GET", url: "/api/v1/standards?theme=wetter" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe("theme");
  });

  it("every key of the starter set is in the bundled catalogue, and the OZG maturity model is named", () => {
    const catalogue = serviceCatalogue();
    for (const s of STARTER_STANDARDS) {
      if (s.leikaKey) expect(catalogue.byLeikaKey(s.leikaKey), s.key).toBeDefined();
      if (s.ozgId) expect(catalogue.ozgService(s.ozgId), s.key).toBeDefined();
    }
    expect(STARTER_STANDARDS.find((s) => s.key === "ozg-online-verfuegbarkeit")!.referenceModel).toBe("OZG-Reifegradmodell 2.0 (07/2025)");
  });

  it("seeding the reference data again changes nothing (idempotent)", async () => {
    const count = async () =>
      (
        await t.database.db.execute(
          sql`SELECT (SELECT count(*) FROM service_standards)::int + (SELECT count(*) FROM service_standard_versions)::int AS n`,
        )
      ).rows[0] as { n: number };
    const before = await count();
    await seedReferenceData(t.database.db, loadConfig({}).regionDir);
    expect(await count()).toEqual(before);
  });

  it("the building-permit standard applies to the 14 building authorities, not to the 8 municipalities the Region serves", async () => {
    const summary = await standardByKey(t.anonymous(), "bauantrag-vollstaendigkeit");
    const detail = (await t.anonymous().request({ method: "GET", url: `/api/v1/standards/${summary.id}` })).json();
    const names = (detail.appliesToAdministrations as Array<{ name: string }>).map((o) => o.name);
    expect(names).toHaveLength(14);
    expect(names[0]).toBe("Region Hannover");
    expect(names).toContain("Wunstorf");
    expect(names).not.toContain("Gehrden");
    expect(detail.current.service).toMatchObject({ leikaKey: "99012008000000", name: "Baugenehmigung", ozgId: "10519" });
    expect(detail.abilities).toEqual({ createVersion: false });

    const version = await unscopedVersionInForce(t.database.db, summary.id, "2026-12-03");
    expect(await applicableOrganizationIds(t.database.db, version!)).toHaveLength(14);
    const orgs = (await t.anonymous().request({ method: "GET", url: "/api/v1/organizations?limit=50" })).json().items as Array<{
      id: string;
      name: string;
    }>;
    const idOf = (name: string) => orgs.find((o) => o.name === name)!.id;
    expect(await appliesToOrganization(t.database.db, version!, idOf("Wunstorf"))).toBe(true);
    expect(await appliesToOrganization(t.database.db, version!, idOf("Gehrden"))).toBe(false);
    expect(await appliesToOrganization(t.database.db, version!, idOf("Region Hannover"))).toBe(true);
    expect(await appliesToOrganization(t.database.db, { ...version!, appliesTo: "municipalities" }, idOf("Region Hannover"))).toBe(false);
    expect(await applicableOrganizationIds(t.database.db, { ...version!, appliesTo: "municipalities" })).toHaveLength(21);
    expect(await applicableOrganizationIds(t.database.db, { ...version!, appliesTo: "all" })).toHaveLength(22);
  });

  it("an unknown id is a 404, also for the versions", async () => {
    const id = "00000000-0000-4000-8000-000000000001";
    expect((await t.anonymous().request({ method: "GET", url: `/api/v1/standards/${id}` })).statusCode).toBe(404);
    expect((await t.anonymous().request({ method: "GET", url: `/api/v1/standards/${id}/versions` })).statusCode).toBe(404);
  });
});

describe("the service lookup", () => {
  it("finds services by LeiKa key, OZG id and words, at most `limit`", async () => {
    const byKey = await t.anonymous().request({ method: "GET", url: "/api/v1/service-catalogue?q=99012008000000" });
    expect(byKey.statusCode).toBe(200);
    expect(byKey.json().items[0]).toMatchObject({
      leikaKey: "99012008000000",
      name: "Baugenehmigung",
      ozgId: "10519",
      topic: "Bauen & Wohnen",
    });
    const byOzg = (await reporter.request({ method: "GET", url: "/api/v1/service-catalogue?q=10519&limit=5" })).json();
    expect(byOzg.items).toHaveLength(5);
    expect(byOzg.matches).toBeGreaterThan(5);
    const words = (await t.anonymous().request({ method: "GET", url: "/api/v1/service-catalogue?q=Personalausweis%20Verlust" })).json();
    expect(words.items.map((s: { name: string }) => s.name)).toContain("Personalausweis Ausstellung neu wegen Verlust");
    const short = await t.anonymous().request({ method: "GET", url: "/api/v1/service-catalogue?q=a" });
    expect(short.statusCode).toBe(400);
    expect(short.json().errors[0].field).toBe("q");
  });

  it("answers in a few milliseconds from memory (5,249 services)", async () => {
    serviceCatalogue();
    const started = performance.now();
    for (let i = 0; i < 50; i++) serviceCatalogue().search(`bau ${i % 7}`, 20);
    expect((performance.now() - started) / 50).toBeLessThan(20);
  });
});

describe("editing the catalogue", () => {
  it("only the region's coordination adds a standard; the reporter and a visitor are refused", async () => {
    expect((await reporter.request({ method: "POST", url: "/api/v1/standards", payload: NEW_STANDARD })).statusCode).toBe(403);
    expect((await t.anonymous().request({ method: "POST", url: "/api/v1/standards", payload: NEW_STANDARD })).statusCode).toBe(401);
    const res = await coordination.request({ method: "POST", url: "/api/v1/standards", payload: NEW_STANDARD });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ key: "bearbeitung-von-wohngeldantraegen", versionCount: 1, isInForce: false });
    expect(res.json().current).toMatchObject({ version: 1, isProposal: false, createdBy: { de: "Koordination der Region" } });
    expect(res.json().appliesToAdministrations).toHaveLength(21);
    const audit = await t.database.db.execute(sql`SELECT entity FROM audit_events WHERE entity LIKE 'service_standard%' ORDER BY entity`);
    expect((audit.rows as Array<{ entity: string }>).map((r) => r.entity)).toEqual(["service_standard", "service_standard_version"]);
  });

  it("names every broken rule at its field, in German and English", async () => {
    const res = await coordination.request({
      method: "POST",
      url: "/api/v1/standards",
      payload: {
        ...NEW_STANDARD,
        unit: "percent",
        target: 120,
        tolerance: -1,
        validTo: "2026-12-31",
        leikaKey: "99999999999999",
        ozgId: "99999",
      },
    });
    expect(res.statusCode).toBe(400);
    const errors = res.json().errors as Array<{ field: string; messages: { de: string; en: string } }>;
    expect(errors.map((e) => e.field)).toEqual(["target", "tolerance", "validTo", "leikaKey", "ozgId"]);
    expect(res.body).toContain("zwischen 0 und 100");
    const shape = await coordination.request({ method: "POST", url: "/api/v1/standards", payload: { ...NEW_STANDARD, leikaKey: "123" } });
    expect(shape.statusCode).toBe(400);
    expect(shape.body).toContain("14 Ziffern");
  });

  it("a new version needs a change note; then the history shows it newest first with what changed", async () => {
    const phone = await standardByKey(coordination, "telefon-erreichbarkeit");
    const url = `/api/v1/standards/${phone.id}/versions`;
    const noNote = await coordination.request({ method: "POST", url, payload: versionBody(phone.current, { target: 80 }) });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().errors.map((e: { field: string }) => e.field)).toEqual(["changeNote"]);
    // A single resource answers a refused role like a missing one (404), so nothing can be probed.
    expect(
      (await reporter.request({ method: "POST", url, payload: versionBody(phone.current, { target: 80, changeNote: "x" }) })).statusCode,
    ).toBe(404);

    const saved = await coordination.request({
      method: "POST",
      url,
      payload: versionBody(phone.current, { target: 80, validFrom: "2026-07-01", changeNote: "Ziel nach einem Jahr Erfahrung angehoben" }),
    });
    expect(saved.statusCode, saved.body).toBe(201);
    expect(saved.json().current).toMatchObject({ version: 2, target: 80, isProposal: false });
    const history = (await t.anonymous().request({ method: "GET", url })).json().items as Array<Record<string, unknown>>;
    expect(history.map((v) => v.version)).toEqual([2, 1]);
    expect(history[0]).toMatchObject({ changeNote: "Ziel nach einem Jahr Erfahrung angehoben", changedFields: ["target", "validFrom"] });
    expect(history[1]).toMatchObject({ isProposal: true, createdBy: null, changedFields: [] });
    // Values of the first half of 2026 were measured against version 1, from July against version 2.
    expect((await unscopedVersionInForce(t.database.db, phone.id, "2026-06-30"))!.version).toBe(1);
    expect((await unscopedVersionInForce(t.database.db, phone.id, "2026-07-01"))!.version).toBe(2);

    const outdated = await coordination.request({
      method: "POST",
      url,
      payload: versionBody(phone.current, { target: 85, changeNote: "Noch höher" }),
    });
    expect(outdated.statusCode).toBe(409);
    expect(outdated.json().errors[0]).toMatchObject({ field: "basedOnVersion", rule: "outdated" });
    expect(outdated.json().messages.de).toContain("Fassung 2");
  });

  it("two coordinators saving a new version at once: exactly one is written, the others get a 409", async () => {
    const extra = await Promise.all(
      Array.from({ length: 5 }, async (_, i) => {
        const login = `koordination-standard-${i}@region-hannover.test`;
        await createAdministrator(t.database.db, { ags: "03241", login, password: "koordination-test-2026", roles: ["region_admin"] });
        return t.signIn(login, "koordination-test-2026");
      }),
    );
    const it = await standardByKey(coordination, "stellenbesetzung-it");
    const answers = await fireTogether(
      [coordination, ...extra].flatMap((client, i) =>
        Array.from({ length: 2 }, (_, j) => ({
          client,
          request: {
            method: "POST" as const,
            url: `/api/v1/standards/${it.id}/versions`,
            payload: versionBody(it.current, { target: 60 + i * 2 + j, changeNote: `Fassung von ${i}/${j}` }),
          },
        })),
      ),
    );
    expect(statusCounts(answers)).toEqual({ 201: 1, 409: 11 });
    // Each loser is told at its field to reload: the outdated version, or the unique index (a real race).
    for (const a of answers.filter((x) => x.statusCode === 409)) expect(JSON.stringify(a.json().errors)).toMatch(/Seite neu/);
    const { rows } = await t.database.db.execute(
      sql`SELECT count(*)::int AS n FROM service_standard_versions WHERE standard_id = ${it.id}`,
    );
    expect((rows[0] as { n: number }).n).toBe(2);
  });

  it("the same new standard sent several times at once: one is written, the others are told the key exists", async () => {
    const payload = {
      ...NEW_STANDARD,
      title: "Bearbeitung von Elterngeldanträgen",
      titleEn: "Processing of parental benefit applications",
    };
    const answers = await fireTogether(
      Array.from({ length: 6 }, () => ({ client: coordination, request: { method: "POST" as const, url: "/api/v1/standards", payload } })),
    );
    expect(statusCounts(answers)).toEqual({ 201: 1, 409: 5 });
    for (const a of answers.filter((x) => x.statusCode === 409)) {
      expect(a.json().errors[0]).toMatchObject({ field: "key" });
      expect(JSON.stringify(a.json().errors)).toMatch(/gibt es bereits.*Titel/);
    }
    const { rows } = await t.database.db.execute(
      sql`SELECT count(DISTINCT s.id)::int AS standards, count(v.id)::int AS versions
          FROM service_standards s LEFT JOIN service_standard_versions v ON v.standard_id = s.id
          WHERE s.key = 'bearbeitung-von-elterngeldantraegen'`,
    );
    expect(rows[0]).toEqual({ standards: 1, versions: 1 });
  });
});
