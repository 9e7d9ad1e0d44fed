/**
 * The management dashboard (Chefsache) through the API as the mayor of Wunstorf uses it, on the
 * demo's values: the standards by theme with the latest reported value, its status and trend, the
 * building-permit check missed twice in a row flagged as needing support; drafts never count;
 * another administration's dashboard and the dashboard for a role without it answer 404 (a resource route).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { today } from "../../kernel/dates";
import { buildTestApp, type Client, type TestApp } from "../../../test/app";
import { demoStandardIds, seedDemoSubmissions } from "../../db/seed/demo-standards";
import { lastClosedPeriod, shiftPeriod } from "../../domain/standards/period";

let t: TestApp;
let mayor: Client;
let ids: Map<string, string>;
let wunstorf: string;
let garbsen: string;
const day = today();
const lastMonth = lastClosedPeriod("month", day);
const lastQuarter = lastClosedPeriod("quarter", day);

type Line = {
  key: string;
  period: string | null;
  value: number | null;
  status: string;
  trend: string | null;
  due: boolean;
  needsSupport: boolean;
};
type Dashboard = {
  organization: { name: string };
  standards: { themes: Array<{ theme: string; counts: Record<string, number>; standards: Line[] }> };
  exchange: { lentOut: number; borrowedIn: number };
};
const url = (id: string) => `/api/v1/dashboards/management/${id}`;
async function dashboard(c: Client, id = wunstorf): Promise<Dashboard> {
  const res = await c.request({ method: "GET", url: url(id) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
const line = (d: Dashboard, key: string) => d.standards.themes.flatMap((th) => th.standards).find((s) => s.key === key)!;

beforeAll(async () => {
  t = await buildTestApp();
  await seedDemoSubmissions(t.database.db);
  ids = await demoStandardIds(t.database.db);
  const { rows } = await t.database.db.execute(sql`SELECT id, name FROM organizations WHERE name IN ('Wunstorf', 'Garbsen')`);
  wunstorf = (rows as Array<{ id: string; name: string }>).find((r) => r.name === "Wunstorf")!.id;
  garbsen = (rows as Array<{ id: string; name: string }>).find((r) => r.name === "Garbsen")!.id;
  mayor = await t.signIn("buergermeister@wunstorf.demo");
}, 120_000);
afterAll(async () => t?.close());

describe("the management dashboard", () => {
  it("shows the mayor Wunstorf's standards by theme: the building-permit check missed twice in a row needs support, its last quarter is due", async () => {
    const d = await dashboard(mayor);
    expect(d.organization.name).toBe("Wunstorf");
    const themes = d.standards.themes.map((th) => th.theme);
    expect(themes).toEqual(
      expect.arrayContaining(["buergerservice", "bauen", "digitalisierung", "klimaschutz", "beteiligung", "personal"]),
    );
    expect(themes).not.toContain("soziales"); // no standard of the theme: left out, not shown empty
    const permit = line(d, "bauantrag-vollstaendigkeit");
    expect(permit).toMatchObject({ period: shiftPeriod(lastQuarter, 1).text, status: "missed", due: true, needsSupport: true });
    const phone = line(d, "telefon-erreichbarkeit");
    expect(phone.period).toBe(shiftPeriod(lastMonth, 1).text);
    expect(phone.due).toBe(true);
    expect(phone.trend).not.toBeNull();
    expect(phone.needsSupport).toBe(false);
    // A standard nobody has reported yet is there with no data.
    expect(line(d, "stellenbesetzung-it")).toMatchObject({ period: null, value: null, status: "no_data", trend: null });
    const bauen = d.standards.themes.find((th) => th.theme === "bauen")!;
    expect(Object.values(bauen.counts).reduce((a, b) => a + b, 0)).toBe(bauen.standards.length);
    expect(d.exchange).toMatchObject({ lentOut: expect.any(Number), borrowedIn: expect.any(Number) });
  });

  it("does not count a draft: the last month stays due while controlling keeps its value as a draft", async () => {
    const controlling = await t.signIn("controlling@wunstorf.demo");
    const res = await controlling.request({
      method: "POST",
      url: "/api/v1/submissions",
      payload: {
        items: [
          {
            standardId: ids.get("telefon-erreichbarkeit"),
            period: lastMonth.text,
            value: 75,
            numerator: 900,
            denominator: 1200,
            method: "Telefonanlage",
          },
        ],
        submit: false,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const phone = line(await dashboard(mayor), "telefon-erreichbarkeit");
    expect(phone.period).toBe(shiftPeriod(lastMonth, 1).text);
    expect(phone.due).toBe(true);
  });

  it("is the HR office's too, no one else's: another administration's dashboard, and any for a role without it, answers 404", async () => {
    const hr = await t.signIn("personal@wunstorf.demo");
    expect((await dashboard(hr)).organization.name).toBe("Wunstorf");
    expect((await mayor.request({ method: "GET", url: url(garbsen) })).statusCode).toBe(404);
    expect((await mayor.request({ method: "GET", url: url("00000000-0000-4000-8000-000000000000") })).statusCode).toBe(404);
    const controlling = await t.signIn("controlling@wunstorf.demo");
    expect((await controlling.request({ method: "GET", url: url(wunstorf) })).statusCode).toBe(404);
    const region = await t.signIn("koordination@region-hannover.demo");
    expect((await region.request({ method: "GET", url: url(wunstorf) })).statusCode).toBe(404);
    expect((await t.app.inject({ method: "GET", url: url(wunstorf) })).statusCode).toBe(401);
  });
});
