/**
 * The year-end closing (Jahresabschluss) on the database: the demo's hours lie in 2025 (seeded as in
 * January 2026); the coordination office closes 2025 once — with `carry_over` the balances open
 * 2026 for the region and each administration, with `convert` 2026 opens at zero and the amounts in
 * cents stay on 2025. A year that has not ended, a second closing (also many at once) and an
 * earlier year after a later one are refused; the closing is audited; the January task goes away.
 */
import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { buildTestApp, type Client, type TestApp } from "../../../test/app";
import { createTestDatabase, testDatabaseKind } from "../../../test/db";
import { fireTogether, statusCounts } from "../../../test/parallel";
import { seedDemoBalances } from "../../db/seed/demo-balances";
import { seedDemoPool } from "../../db/seed/demo-pool";

interface Figure {
  value: number | null;
  reason: { code: string; de: string } | null;
}
interface OrgFigure {
  organization: { id: string; name: string };
  minutes: Figure;
}

async function appWithLastYearsHours() {
  const t = await buildTestApp({ database: await createTestDatabase({ poolSize: 8 }) });
  await seedDemoPool(t.database.db, new Date("2026-01-10T10:00:00Z"));
  // Seeded as in January 2026: the demo's hours are those of the whole year 2025.
  await seedDemoBalances(t.database.db, new Date("2026-01-15T10:00:00Z"));
  return {
    t,
    coordination: await t.signIn("koordination@region-hannover.demo"),
    finance: await t.signIn("kaemmerei@wunstorf.demo"),
  };
}

const close = (client: Client, year: unknown) =>
  client.request({ method: "POST", url: "/api/v1/balances/region/closings", payload: { year } });
const region = async (client: Client, year: number) =>
  (await client.request({ method: "GET", url: `/api/v1/balances/region?year=${year}` })).json();

afterEach(() => vi.useRealTimers());

describe("closing a year with carry_over", () => {
  let t: TestApp;
  let coordination: Client;
  let finance: Client;
  beforeAll(async () => ({ t, coordination, finance } = await appWithLastYearsHours()));
  afterAll(async () => t?.close());

  it("only the coordination office closes, only a year that has ended, and only a year given as a number", async () => {
    expect((await close(finance, 2025)).statusCode).toBe(403);
    expect((await close(coordination, "2025; drop")).statusCode).toBe(400);
    expect((await close(coordination, 1999)).statusCode).toBe(400);
    const thisYear = Number(new Date().toISOString().slice(0, 4));
    const open = await close(coordination, thisYear);
    expect(open.statusCode).toBe(409);
    expect(open.json().messages.de).toContain("noch nicht zu Ende");
    const before = await region(coordination, thisYear);
    expect(before.abilities.closeYear).toBe(false);
    expect((await region(coordination, 2025)).abilities.closeYear).toBe(true);
  });

  it("in January the coordination office has the task 'Jahresabschluss 2025 der Gegenseitigkeit'; finance does not", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-01-20T09:00:00Z"));
    const tasks = (await coordination.request({ method: "GET", url: "/api/v1/me/tasks" })).json();
    const steps = JSON.stringify(tasks);
    expect(steps).toContain("Jahresabschluss 2025 der Gegenseitigkeit");
    expect(JSON.stringify((await finance.request({ method: "GET", url: "/api/v1/me/tasks" })).json())).not.toContain("Jahresabschluss");
    vi.setSystemTime(new Date("2026-02-02T09:00:00Z"));
    expect(JSON.stringify((await coordination.request({ method: "GET", url: "/api/v1/me/tasks" })).json())).not.toContain(
      "Jahresabschluss",
    );
  });

  it(`closes 2025 once, also when many close at once (${testDatabaseKind}); the closing is audited and the task is gone`, async () => {
    const before = await region(coordination, 2025);
    expect(before.closing).toBeNull();
    const balances = before.balances as OrgFigure[];
    expect(balances.filter((b) => b.minutes.value !== null && b.minutes.value !== 0).length).toBeGreaterThan(1);
    const answers = await fireTogether(
      Array.from({ length: 6 }, () => ({
        client: coordination,
        request: { method: "POST" as const, url: "/api/v1/balances/region/closings", payload: { year: 2025 } },
      })),
    );
    expect(statusCounts(answers)).toEqual({ 201: 1, 409: 5 });
    expect(answers.find((a) => a.statusCode === 409)!.json().messages.de).toBe("Das Jahr 2025 ist schon abgeschlossen.");
    const { rows } = await t.database.db.execute(
      sql`SELECT after FROM audit_events WHERE entity = 'reciprocity_year_closing' AND action = 'create'`,
    );
    expect(rows).toEqual([{ after: { year: 2025, yearEndRule: "carry_over", centsPerHour: null, administrations: balances.length } }]);
    const after = await region(coordination, 2025);
    expect(after.abilities.closeYear).toBe(false);
    expect(after.closing.rule).toBe("carry_over");
    expect((after.closing.lines as OrgFigure[]).map((l) => [l.organization.name, l.minutes])).toEqual(
      balances.map((b) => [b.organization.name, b.minutes]),
    );
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-01-21T09:00:00Z"));
    expect(JSON.stringify((await coordination.request({ method: "GET", url: "/api/v1/me/tasks" })).json())).not.toContain(
      "Jahresabschluss",
    );
  });

  it("2026 opens with 2025's balances: the region's balances and netting include them, Wunstorf's ledger starts at its carried balance", async () => {
    const closed = (await region(coordination, 2025)).balances as OrgFigure[];
    const next = await region(coordination, 2026);
    expect((next.openings as OrgFigure[]).map((o) => [o.organization.name, o.minutes.value])).toEqual(
      closed.filter((b) => b.minutes.value !== 0).map((b) => [b.organization.name, b.minutes.value]),
    );
    // No hours in 2026 yet: the balances are the openings, still summing to zero, and the netting settles them.
    const balances = next.balances as OrgFigure[];
    expect(balances.reduce((a, b) => a + b.minutes.value!, 0)).toBe(0);
    for (const b of balances) expect(b.minutes.value).toBe(closed.find((c) => c.organization.id === b.organization.id)!.minutes.value);
    for (const b of balances) {
      const got = (next.transfers as Array<{ from: { id: string }; to: { id: string }; minutes: number }>).reduce(
        (a, x) => a + (x.to.id === b.organization.id ? x.minutes : 0) - (x.from.id === b.organization.id ? x.minutes : 0),
        0,
      );
      expect(got).toBe(b.minutes.value);
    }
    const wunstorf = closed.find((b) => b.organization.name === "Wunstorf")!.minutes.value!;
    expect(wunstorf).not.toBe(0);
    const own = (await finance.request({ method: "GET", url: "/api/v1/balances?year=2026" })).json();
    expect(own.opening).toEqual({ fromYear: 2025, minutes: { value: wunstorf, reason: null } });
    expect(own.months[0].balance.value).toBe(wunstorf);
    expect(own.balance.value).toBe(wunstorf);
    // 2025 itself opened at zero (2024 is not closed).
    expect((await finance.request({ method: "GET", url: "/api/v1/balances?year=2025" })).json().opening).toBeNull();
  });

  it("an earlier year cannot be closed after a later one", async () => {
    const earlier = await close(coordination, 2024);
    expect(earlier.statusCode).toBe(409);
    expect(earlier.json().messages.de).toContain("2025 ist schon abgeschlossen");
    expect((await region(coordination, 2024)).abilities.closeYear).toBe(false);
  });
});

describe("closing a year with convert", () => {
  let t: TestApp;
  let coordination: Client;
  let finance: Client;
  beforeAll(async () => ({ t, coordination, finance } = await appWithLastYearsHours()));
  afterAll(async () => t?.close());

  it("the balances become money at 2025's average rate (summing to zero, with the payments); 2026 opens at zero", async () => {
    const put = await coordination.request({ method: "PUT", url: "/api/v1/balances/region/year-end-rule", payload: { rule: "convert" } });
    expect(put.statusCode, put.body).toBe(200);
    const preview = await region(coordination, 2025);
    expect(preview.conversion.rateCentsPerHour).toBeGreaterThan(2000);
    const res = await close(coordination, 2025);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ year: 2025, rule: "convert" });
    const after = await region(coordination, 2025);
    expect(after.conversion).toBeNull();
    const c = after.closing;
    expect(c.rule).toBe("convert");
    expect(c.rateCentsPerHour).toBe(preview.conversion.rateCentsPerHour);
    const lines = c.lines as Array<OrgFigure & { cents: Figure }>;
    expect(lines.map((l) => [l.organization.name, l.cents.value])).toEqual(
      (preview.conversion.amounts as Array<{ organization: { name: string }; cents: Figure }>).map((a) => [
        a.organization.name,
        a.cents.value,
      ]),
    );
    expect(lines.reduce((a, l) => a + l.cents.value!, 0)).toBe(0);
    const transfers = c.transfers as Array<{ from: { id: string }; to: { id: string }; cents: number }>;
    expect(transfers.length).toBeGreaterThan(0);
    expect(transfers.length).toBeLessThanOrEqual(lines.filter((l) => l.cents.value !== 0).length - 1);
    for (const l of lines)
      expect(
        transfers.reduce((a, x) => a + (x.to.id === l.organization.id ? x.cents : 0) - (x.from.id === l.organization.id ? x.cents : 0), 0),
      ).toBe(l.cents.value);
    const next = await region(coordination, 2026);
    expect(next.openings).toBeNull();
    expect(next.balances).toEqual([]);
    expect((await finance.request({ method: "GET", url: "/api/v1/balances?year=2026" })).json().opening).toBeNull();
  });
});

describe(`closing several years at once (${testDatabaseKind})`, () => {
  let t: TestApp;
  let coordination: Client;
  beforeAll(async () => ({ t, coordination } = await appWithLastYearsHours()));
  afterAll(async () => t?.close());

  it("the years are closed in order or refused: no earlier year is closed after a later one", async () => {
    const years = [2020, 2021, 2022, 2023, 2024, 2025];
    const answers = await fireTogether(
      years.map((year) => ({
        client: coordination,
        request: { method: "POST" as const, url: "/api/v1/balances/region/closings", payload: { year } },
      })),
    );
    expect(answers.at(-1)!.statusCode, answers.at(-1)!.body).toBe(201);
    const { rows } = await t.database.db.execute(
      sql`SELECT (after->>'year')::int AS year FROM audit_events WHERE entity = 'reciprocity_year_closing' AND action = 'create' ORDER BY id`,
    );
    const closedInOrder = rows.map((r) => Number(r.year));
    expect(closedInOrder).toEqual([...closedInOrder].sort((a, b) => a - b));
    expect(closedInOrder).toEqual(years.filter((_, i) => answers[i]!.statusCode === 201));
    for (const a of answers)
      if (a.statusCode !== 201) {
        expect(a.statusCode).toBe(409);
        expect(a.json().messages.de).toContain("ist schon abgeschlossen; ein früheres Jahr");
      }
  });
});

describe("closing a year while the year before is open with balances", () => {
  let t: TestApp;
  let coordination: Client;
  beforeAll(async () => ({ t, coordination } = await appWithLastYearsHours()));
  afterAll(async () => t?.close());

  it("2026 is closed only after 2025 (which has balances); then 2026's closing keeps the carried balances", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2027-01-12T09:00:00Z"));
    coordination = await t.signIn("koordination@region-hannover.demo");
    const open = await region(coordination, 2026);
    expect(open.hasEnded).toBe(true);
    expect(open.abilities.closeYear).toBe(false);
    expect(open.closeFirst).toBe(2025);
    const refusedAnswer = await close(coordination, 2026);
    expect(refusedAnswer.statusCode).toBe(409);
    expect(refusedAnswer.json().messages.de).toBe(
      "Das Jahr 2025 hat Salden und ist noch nicht abgeschlossen; schließen Sie zuerst 2025 ab, dann 2026.",
    );
    expect((await region(coordination, 2025)).closeFirst).toBeNull();
    expect((await close(coordination, 2025)).statusCode).toBe(201);
    const ready = await region(coordination, 2026);
    expect(ready.closeFirst).toBeNull();
    expect(ready.abilities.closeYear).toBe(true);
    expect((await close(coordination, 2026)).statusCode).toBe(201);
    const closed2025 = ((await region(coordination, 2025)).closing.lines as OrgFigure[]).filter((l) => l.minutes.value !== 0);
    const closed2026 = ((await region(coordination, 2026)).closing.lines as OrgFigure[]).filter((l) => l.minutes.value !== 0);
    expect(closed2026.map((l) => [l.organization.name, l.minutes])).toEqual(closed2025.map((l) => [l.organization.name, l.minutes]));
  });
});
