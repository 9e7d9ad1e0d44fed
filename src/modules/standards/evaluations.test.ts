/**
 * The evaluation of a standard through the API as the people use it, on the demo's values: the
 * coordination sees the region's submitted and validated values, the public only published ones
 * (never an embargoed one), nobody a draft; Wunstorf, which missed the completeness check of
 * building applications in two quarters in a row, is told it needs support — and only Wunstorf.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { today } from "../../kernel/dates";
import { buildTestApp, type Client, type TestApp } from "../../../test/app";
import { demoStandardIds, seedDemoSubmissions } from "../../db/seed/demo-standards";
import { lastClosedPeriod, periodContaining, shiftPeriod } from "../../domain/standards/period";

let t: TestApp;
let region: Client;
let mayor: Client;
let controlling: Client;
let garbsen: Client;
let ids: Map<string, string>;
const day = today();
const lastMonth = lastClosedPeriod("month", day);
const lastQuarter = lastClosedPeriod("quarter", day);

type Evaluation = {
  period: string;
  periods: string[];
  administrations: Array<{ name: string; status: string; value: number | null; inPeerGroup: boolean; sizeClass: string }>;
  distribution: { n: number; median: number | null; tooFew: boolean };
  bestPractice: { name: string; contactEmail: string | null; periods: string[] } | null;
  ownAdministration: {
    needsSupport: boolean;
    support: { department: { name: string } | null; qualification: { name: string } | null };
  } | null;
};
const E = "/api/v1/evaluations";
async function evaluation(c: Client, query: string): Promise<Evaluation> {
  const res = await c.request({ method: "GET", url: `${E}?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
const row = (e: Evaluation, name: string) => e.administrations.find((a) => a.name === name)!;

beforeAll(async () => {
  t = await buildTestApp();
  await seedDemoSubmissions(t.database.db);
  ids = await demoStandardIds(t.database.db);
  [region, mayor, controlling, garbsen] = await Promise.all(
    ["koordination@region-hannover.demo", "buergermeister@wunstorf.demo", "controlling@wunstorf.demo", "personal@garbsen.demo"].map((l) =>
      t.signIn(l),
    ),
  );
}, 120_000);
afterAll(async () => t?.close());

describe("the evaluation of a standard", () => {
  it("shows the coordination the latest period with values, by name, with the distribution and the best practice and its mailbox", async () => {
    const e = await evaluation(region, `standard=${ids.get("telefon-erreichbarkeit")}`);
    expect(e.period).toBe(lastMonth.text);
    expect(e.administrations).toHaveLength(22);
    const names = e.administrations.map((a) => a.name);
    expect(names).toEqual([...names].sort(new Intl.Collator("de").compare));
    // Seven administrations reported the last closed month (submitted or validated); Wunstorf's is due.
    expect(e.distribution).toMatchObject({ n: 7, tooFew: false });
    expect(row(e, "Wunstorf").status).toBe("no_data");
    expect(row(e, "Barsinghausen").status).toBe("no_data");
    expect(e.bestPractice).toMatchObject({ name: "Garbsen", contactEmail: "leistungsstandards@garbsen.demo" });
    expect(e.bestPractice!.periods.at(-1)).toBe(lastMonth.text);
    // The coordination's administration (the Region) is not behind on this standard.
    expect(e.ownAdministration).toMatchObject({ needsSupport: false });
  });

  it("tells Wunstorf — and only Wunstorf — that it missed the building-permit standard twice, with department and qualification for a request", async () => {
    const permit = `standard=${ids.get("bauantrag-vollstaendigkeit")}`;
    const e = await evaluation(mayor, permit);
    expect(e.period).toBe(lastQuarter.text);
    expect(row(e, "Wunstorf").status).toBe("no_data");
    expect(e.ownAdministration).toEqual({
      organizationId: expect.any(String),
      needsSupport: true,
      support: {
        department: { id: expect.any(String), name: "Bauordnung" },
        qualification: { id: expect.any(String), name: "Bauantragsprüfung" },
      },
    });
    // The previous quarter, published: missed.
    const before = await evaluation(mayor, `${permit}&period=${shiftPeriod(lastQuarter, 1).text}`);
    expect(row(before, "Wunstorf").status).toBe("missed");
    // Garbsen is told nothing about Wunstorf's need (its own is false), and no row carries the flag.
    const other = await evaluation(garbsen, permit);
    expect(other.ownAdministration?.needsSupport).toBe(false);
    expect(JSON.stringify(other.administrations)).not.toContain("needsSupport");
  });

  it("shows the public only published values: no submitted, validated or embargoed one", async () => {
    const phone = `standard=${ids.get("telefon-erreichbarkeit")}`;
    const e = await evaluation(t.anonymous(), phone);
    // The demo's values from the last closed quarter on are submitted or validated (embargoed).
    const lastPublished = shiftPeriod(periodContaining("month", lastQuarter.start), 1).text;
    expect(e.period).toBe(lastPublished);
    expect(e.periods.every((p) => p <= lastPublished)).toBe(true);
    expect(e.ownAdministration).toBeNull();
    const asked = await evaluation(t.anonymous(), `${phone}&period=${lastMonth.text}`);
    expect(asked.distribution.n).toBe(0);
    expect(asked.administrations.every((a) => a.value === null)).toBe(true);
  });

  it("never counts a draft, not even for its own administration", async () => {
    const phone = ids.get("telefon-erreichbarkeit")!;
    const draft = await controlling.request({
      method: "POST",
      url: "/api/v1/submissions",
      payload: {
        items: [
          { standardId: phone, period: lastMonth.text, value: 3.5, method: "Entwurf", reasons: { jump: "Test", median_distance: "Test" } },
        ],
      },
    });
    expect(draft.statusCode, draft.body).toBe(201);
    for (const c of [controlling, region]) {
      const e = await evaluation(c, `standard=${phone}&period=${lastMonth.text}`);
      expect(row(e, "Wunstorf")).toMatchObject({ status: "no_data", value: null });
      expect(e.distribution.n).toBe(7);
    }
  });

  it("compares a peer group: a size class, or administrations the user picks", async () => {
    const phone = `standard=${ids.get("telefon-erreichbarkeit")}`;
    const large = await evaluation(region, `${phone}&sizeClass=large`);
    const inGroup = large.administrations.filter((a) => a.inPeerGroup);
    expect(inGroup.length).toBeGreaterThan(0);
    expect(inGroup.every((a) => a.sizeClass === "large")).toBe(true);
    const all = await evaluation(region, phone);
    const picked = all.administrations.filter((a) => ["Garbsen", "Wunstorf", "Hannover"].includes(a.name));
    const ids3 = (all as unknown as { administrations: Array<{ organizationId: string; name: string }> }).administrations
      .filter((a) => picked.some((p) => p.name === a.name))
      .map((a) => a.organizationId);
    const chosen = await evaluation(region, `${phone}&organizations=${ids3.join(",")}`);
    expect(chosen.administrations.filter((a) => a.inPeerGroup).map((a) => a.name)).toEqual(["Garbsen", "Hannover", "Wunstorf"]);
    // Garbsen and Hannover reported; Wunstorf's month is due: two values are too few for a comparison.
    expect(chosen.distribution).toMatchObject({ n: 2, tooFew: true });
  });

  it("rolls months up to a quarter by the version's aggregation (Σ answered calls / Σ calls)", async () => {
    const phone = ids.get("telefon-erreichbarkeit")!;
    const quarter = shiftPeriod(lastQuarter, 1);
    const e = await evaluation(region, `standard=${phone}&period=${quarter.text}`);
    const { rows } = await t.database.db.execute(
      sql`SELECT sum(numerator) / sum(denominator) * 100 AS v FROM submissions s JOIN organizations o ON o.id = s.organization_id
          WHERE o.name = 'Garbsen' AND s.standard_id = ${phone} AND s.period_start >= ${quarter.start} AND s.period_end <= ${quarter.end}`,
    );
    expect(row(e, "Garbsen").value).toBeCloseTo(Number((rows[0] as { v: number }).v), 9);
  });

  it("refuses what it cannot answer with a problem naming the field; an unknown standard is 404", async () => {
    const permit = ids.get("bauantrag-vollstaendigkeit")!;
    const fieldOf = async (query: string) => {
      const res = await region.request({ method: "GET", url: `${E}?${query}` });
      expect(res.statusCode, res.body).toBe(400);
      return res.json().errors.map((x: { field: string; rule: string }) => `${x.field}:${x.rule}`);
    };
    expect(await fieldOf(`standard=${permit}&period=${lastMonth.text}`)).toEqual(["period:period_too_short"]);
    expect((await fieldOf(`standard=${permit}&period=2026-13`))[0]).toMatch(/^period:/);
    expect((await fieldOf(`standard=${permit}&organizations=foo`))[0]).toMatch(/^organizations:/);
    // A peer group naming an administration of another region, or none, is refused alike (no hint which exists).
    const { rows } = await t.database.db.execute(sql`SELECT id FROM organizations WHERE name = 'Wunstorf'`);
    const wunstorf = (rows[0] as { id: string }).id;
    const [other] = (await t.database.db.execute(sql`INSERT INTO regions (code, name) VALUES ('09998', 'Anderer Kreis') RETURNING id`))
      .rows as Array<{ id: string }>;
    const [foreign] = (
      await t.database.db.execute(
        sql`INSERT INTO organizations (region_id, ags, name, kind, designation, population, area_km2, lat, lon)
            VALUES (${other.id}, '09998001', 'Fremdstadt', 'municipality', 'Stadt', 30000, 50, 52.1, 9.1) RETURNING id`,
      )
    ).rows as Array<{ id: string }>;
    for (const stranger of [foreign.id, "00000000-0000-4000-8000-00000000abcd"]) {
      const res = await region.request({ method: "GET", url: `${E}?standard=${permit}&organizations=${wunstorf},${stranger}` });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().errors).toEqual([
        expect.objectContaining({
          field: "organizations",
          rule: "unknown_organization",
          message: expect.objectContaining({ de: expect.stringContaining(stranger) }),
        }),
      ]);
    }
    // Upper case is the same id.
    expect(
      (await region.request({ method: "GET", url: `${E}?standard=${permit}&organizations=${wunstorf.toUpperCase()}` })).statusCode,
    ).toBe(200);
    const missing = await region.request({ method: "GET", url: `${E}?standard=00000000-0000-4000-8000-000000000001` });
    expect(missing.statusCode).toBe(404);
  });
});
