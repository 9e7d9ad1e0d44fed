/**
 * Cost rates through the API: every account of the region reads them with their breakdown; only the
 * coordination office adds parameter versions and manual rates (a new version from a day, never a
 * change); two versions from the same day: one wins, the other is a 409 naming `validFrom` — on
 * PostgreSQL (`TEST_DATABASE_URL`, pool of 25) the requests really overlap.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { buildTestApp, type Client, type TestApp } from "../../../test/app";
import { createTestDatabase } from "../../../test/db";
import { fireTogether, statusCounts } from "../../../test/parallel";
import { createAdministrator } from "../../cli/create-admin";
import { rateFor } from "./index";

let t: TestApp;
let coordination: Client;
let finance: Client;
let regionId: string;

const VERSION = {
  validFrom: "2031-01-01",
  referenceStep: 3,
  socialSecurityPercent: 21,
  supplementaryPensionPercent: 6,
  civilServantPensionPercent: 30,
  employeeNetAnnualHours: 1591.2,
  civilServantNetAnnualHours: 1632,
  overheadOfficePercent: 25,
  overheadOtherPercent: 15,
};

type Item = {
  payGroup: string;
  rate: { centsPerHour: number; breakdown: Array<{ key: string; amountCents: number }> } | null;
  noRate: unknown;
};

beforeAll(async () => {
  t = await buildTestApp({ database: await createTestDatabase({ poolSize: 25 }) });
  coordination = await t.signIn("koordination@region-hannover.demo");
  finance = await t.signIn("kaemmerei@wunstorf.demo");
  const { rows } = await t.database.db.execute(sql`SELECT id FROM regions LIMIT 1`);
  regionId = (rows[0] as { id: string }).id;
}, 60_000);
afterAll(async () => {
  await t?.close();
  await t?.database.close();
});

describe("reading cost rates", () => {
  it("Wunstorf's finance sees E 9b at 51,14 € per hour on 1 December 2026, with lines that add up", async () => {
    const res = await finance.request({ method: "GET", url: "/api/v1/cost-rates?on=2026-12-01" });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { parametersValidFrom: string; items: Item[]; abilities: { manage: boolean } };
    expect(body.parametersValidFrom).toBe("2022-01-01");
    expect(body.abilities.manage).toBe(false);
    const e9b = body.items.find((i) => i.payGroup === "E 9b")!;
    expect(e9b.rate!.centsPerHour).toBe(5114);
    expect(e9b.rate!.breakdown.map((l) => l.key)).toEqual([
      "base_pay",
      "annual_bonus",
      "social_security",
      "supplementary_pension",
      "overhead",
    ]);
    // B grades have no table: no rate until the coordination office enters one.
    expect(body.items.find((i) => i.payGroup === "B 5")!.rate).toBeNull();
  });

  it("the overhead can be chosen: without it E 9b costs 42,62 € per hour", async () => {
    const res = await finance.request({ method: "GET", url: "/api/v1/cost-rates?on=2026-12-01&overhead=none" });
    expect((res.json() as { items: Item[] }).items.find((i) => i.payGroup === "E 9b")!.rate!.centsPerHour).toBe(4262);
  });

  it("an employee may read them too, an anonymous caller may not; a bad day is a 400 naming `on`", async () => {
    const employee = await t.signIn("mitarbeiterin@wunstorf.demo");
    expect((await employee.request({ method: "GET", url: "/api/v1/cost-rates" })).statusCode).toBe(200);
    expect((await t.anonymous().request({ method: "GET", url: "/api/v1/cost-rates" })).statusCode).toBe(401);
    const bad = await finance.request({ method: "GET", url: "/api/v1/cost-rates?on=2026-02-31" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(["on"]);
  });

  it("rateFor answers other parts of the settlement, or says why there is no rate", async () => {
    const found = await rateFor(
      { regionId, payGroup: "E 9b", employmentStatus: "employee", on: "2026-12-01", overhead: "office" },
      t.database.db,
    );
    expect(found).toMatchObject({ kind: "rate", centsPerHour: 5114 });
    const missing = await rateFor(
      { regionId, payGroup: "B 7", employmentStatus: "civil_servant", on: "2026-12-01", overhead: "office" },
      t.database.db,
    );
    expect(missing).toMatchObject({ kind: "no_rate", reason: "no_table" });
  });
});

describe("setting parameters", () => {
  it("only the coordination office adds a version; finance and the HR office get 403", async () => {
    for (const login of ["kaemmerei@wunstorf.demo", "personal@wunstorf.demo"]) {
      const other = await t.signIn(login);
      const res = await other.request({ method: "POST", url: "/api/v1/cost-rates/parameters", payload: VERSION });
      expect(res.statusCode).toBe(403);
    }
  });

  it("a new version applies from its day: the rate changes from then, earlier days keep theirs; the change is in the audit log", async () => {
    const created = await coordination.request({ method: "POST", url: "/api/v1/cost-rates/parameters", payload: VERSION });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ validFrom: "2031-01-01", overheadOfficePercent: 25, employeeNetAnnualHours: 1591.2 });
    const rateOn = async (day: string) =>
      ((await finance.request({ method: "GET", url: `/api/v1/cost-rates?on=${day}` })).json() as { items: Item[] }).items.find(
        (i) => i.payGroup === "E 9b",
      )!.rate!.centsPerHour;
    expect(await rateOn("2030-12-31")).toBe(5114);
    // 4 262 ct + 25 % = 1 065,5 → 1 066 ct
    expect(await rateOn("2031-01-01")).toBe(4262 + 1066);
    const listed = (await finance.request({ method: "GET", url: "/api/v1/cost-rates/parameters" })).json();
    expect(listed.items.map((v: { validFrom: string }) => v.validFrom)).toEqual(["2031-01-01", "2022-01-01"]);
    expect(listed.abilities.create).toBe(false);
    const { rows } = await t.database.db.execute(
      sql`SELECT after FROM audit_events WHERE entity = 'cost_rate_parameters' AND action = 'create'`,
    );
    expect(rows).toHaveLength(1);
    expect((rows[0] as { after: Record<string, unknown> }).after).toMatchObject({ validFrom: "2031-01-01", overheadOfficePercent: 25 });
  });

  it("validation names each field in plain words: past day, too many decimals, out of range", async () => {
    const res = await coordination.request({
      method: "POST",
      url: "/api/v1/cost-rates/parameters",
      payload: { ...VERSION, validFrom: "2032-01-01", socialSecurityPercent: 21.155, overheadOfficePercent: 120, referenceStep: 9 },
    });
    expect(res.statusCode).toBe(400);
    const errors = res.json().errors as Array<{ field: string; message: { de: string } }>;
    expect(errors.map((e) => e.field).sort()).toEqual(["overheadOfficePercent", "referenceStep", "socialSecurityPercent"]);
    expect(errors.find((e) => e.field === "socialSecurityPercent")!.message.de).toBe("Geben Sie höchstens zwei Nachkommastellen ein.");
    const past = await coordination.request({
      method: "POST",
      url: "/api/v1/cost-rates/parameters",
      payload: { ...VERSION, validFrom: "2020-01-01" },
    });
    expect(past.statusCode).toBe(400);
    expect(past.json().errors[0]).toMatchObject({ field: "validFrom", rule: "not_in_the_past" });
  });

  it("two versions from the same day sent at once: exactly one is written, the others get a 409 naming validFrom", async () => {
    const extra = await Promise.all(
      Array.from({ length: 5 }, async (_, i) => {
        const login = `koordination-${i}@region-hannover.test`;
        await createAdministrator(t.database.db, { ags: "03241", login, password: "koordination-test-2026", roles: ["region_admin"] });
        return t.signIn(login, "koordination-test-2026");
      }),
    );
    const answers = await fireTogether(
      [coordination, ...extra].flatMap((client) =>
        Array.from({ length: 4 }, () => ({
          client,
          request: { method: "POST" as const, url: "/api/v1/cost-rates/parameters", payload: { ...VERSION, validFrom: "2033-07-01" } },
        })),
      ),
    );
    expect(statusCounts(answers)).toEqual({ 201: 1, 409: 23 });
    const conflict = answers.find((a) => a.statusCode === 409)!.json();
    expect(conflict.errors[0].field).toBe("validFrom");
    expect(conflict.messages.de).toBeTruthy();
    const { rows } = await t.database.db.execute(sql`SELECT count(*)::int AS n FROM cost_rate_parameters WHERE valid_from = '2033-07-01'`);
    expect((rows[0] as { n: number }).n).toBe(1);
  });
});

describe("manual rates", () => {
  it("the coordination office enters a rate for B 5; from its day B 5 has a rate with overhead", async () => {
    const res = await coordination.request({
      method: "POST",
      url: "/api/v1/cost-rates/manual",
      payload: { payGroup: "B 5", validFrom: "2030-01-01", centsPerHour: 8000, note: "Schätzung" },
    });
    expect(res.statusCode, res.body).toBe(201);
    const items = (await finance.request({ method: "GET", url: "/api/v1/cost-rates?on=2030-06-01" })).json().items as Item[];
    // 8 000 ct + 20 % = 9 600 ct
    expect(items.find((i) => i.payGroup === "B 5")!.rate!.centsPerHour).toBe(9600);
  });

  it("a group with a table cannot get a manual rate; an unknown group is named", async () => {
    const tabled = await coordination.request({
      method: "POST",
      url: "/api/v1/cost-rates/manual",
      payload: { payGroup: "E 9b", validFrom: "2030-01-01", centsPerHour: 8000 },
    });
    expect(tabled.statusCode).toBe(400);
    expect(tabled.json().errors[0]).toMatchObject({ field: "payGroup", rule: "has_table" });
    const unknown = await coordination.request({
      method: "POST",
      url: "/api/v1/cost-rates/manual",
      payload: { payGroup: "Z 1", validFrom: "2030-01-01", centsPerHour: 8000 },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].field).toBe("payGroup");
  });
});
