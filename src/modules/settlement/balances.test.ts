/**
 * Balances (Salden) on the database: Wunstorf's finance office reads its lent and borrowed hours
 * and reciprocity ledger, the coordination office the region's balances, flows, netting and the
 * year-end rule; no sum of fewer than 5 people is answered; the ledger sums to zero and the netting
 * preserves every balance for any confirmed hours (fast-check, against the database).
 */
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type Client, type TestApp } from "../../../test/app";
import { createTestDatabase, testDatabaseKind } from "../../../test/db";
import { fireTogether, statusCounts } from "../../../test/parallel";
import { seedDemoBalances } from "../../db/seed/demo-balances";
import { seedDemoPool } from "../../db/seed/demo-pool";
import { addDays, weekdayOf } from "../../kernel/dates";

let t: TestApp;
let finance: Client;
let coordination: Client;
const ids = new Map<string, string>();
const nameOf = (id: string) => [...ids].find(([, v]) => v === id)![0];

beforeAll(async () => {
  t = await buildTestApp({ database: await createTestDatabase({ poolSize: 6 }) });
  await seedDemoPool(t.database.db, new Date("2026-11-25T10:00:00Z"));
  await seedDemoBalances(t.database.db, new Date("2026-12-03T10:00:00Z"));
  const { rows } = await t.database.db.execute(sql`SELECT id, name FROM organizations`);
  for (const r of rows as Array<{ id: string; name: string }>) ids.set(r.name, r.id);
  finance = await t.signIn("kaemmerei@wunstorf.demo");
  coordination = await t.signIn("koordination@region-hannover.demo");
});
afterAll(async () => t?.close());

/** Days of a month (2026) on the given weekdays. */
function daysIn(month: number, weekdays: number[]): number {
  let n = 0;
  const first = `2026-${String(month).padStart(2, "0")}-01`;
  for (let d = first; d.slice(0, 7) === first.slice(0, 7); d = addDays(d, 1)) if (weekdays.includes(weekdayOf(d))) n++;
  return n;
}

interface Figure {
  value: number | null;
  reason: { code: string; de: string } | null;
}

describe("an administration's balances", () => {
  it("Wunstorf's finance office sees per month the hours it lent and borrowed and its reciprocity ledger with the running balance", async () => {
    const res = await finance.request({ method: "GET", url: "/api/v1/balances?year=2026" });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.organization.name).toBe("Wunstorf");
    let running = 0;
    for (const m of body.months as Array<Record<string, Figure> & { month: number }>) {
      if (m.month === 12) {
        expect(m.lent).toEqual({ value: 0, reason: null });
        continue;
      }
      // 6 people to Garbsen on Tuesdays and Thursdays, 2 to the Region on Mondays (7,75 h each).
      expect(m.lent.value).toBe(6 * daysIn(m.month, [2, 4]) * 465 + 2 * daysIn(m.month, [1]) * 465);
      expect(m.credited.value).toBe(6 * daysIn(m.month, [2, 4]) * 465);
      // 5 from Garbsen on Wednesdays (7,75 h), 5 from Neustadt on Tuesdays (8 h).
      const debited = 5 * daysIn(m.month, [3]) * 465 + 5 * daysIn(m.month, [2]) * 480;
      expect(m.debited.value).toBe(debited);
      expect(m.borrowed.value).toBe(debited);
      running += m.credited.value! - debited;
      expect(m.balance.value).toBe(running);
    }
    expect(body.balance.value).toBe(running);
    expect(body.money).toEqual([]);
  });

  it("a month's figure resting on fewer than 5 people is null with the reason, and so is every running balance from it on", async () => {
    const rows = (
      await t.database.db.execute(
        sql`SELECT s.id FROM secondments s JOIN organizations o ON o.id = s.organization_id
            WHERE o.name = 'Garbsen' AND s.borrower_organization_id = ${ids.get("Wunstorf")} ORDER BY s.id`,
      )
    ).rows as Array<{ id: string }>;
    expect(rows).toHaveLength(5);
    const confirm = (id: string, day: string) =>
      t.database.db.execute(
        sql`INSERT INTO timesheet_entries (region_id, organization_id, borrower_organization_id, secondment_id, day, minutes, state)
            SELECT region_id, organization_id, borrower_organization_id, id, ${day}, 300, 'confirmed' FROM secondments WHERE id = ${id}`,
      );
    for (const r of rows.slice(0, 4)) await confirm(r.id, "2024-03-11");
    const four = (await finance.request({ method: "GET", url: "/api/v1/balances?year=2024" })).json();
    const march = four.months[2];
    expect(march.borrowed).toEqual({
      value: null,
      reason: { code: "fewer_than_5_people", de: "weniger als 5 Personen", en: "fewer than 5 people" },
    });
    expect(march.debited.value).toBeNull();
    expect(four.months[1].balance).toEqual({ value: 0, reason: null });
    expect(four.months.slice(2).every((m: { balance: Figure }) => m.balance.value === null)).toBe(true);
    expect(four.balance.value).toBeNull();
    expect(JSON.stringify(four)).not.toContain("1200");

    await confirm(rows[4].id, "2024-03-12");
    const five = (await finance.request({ method: "GET", url: "/api/v1/balances?year=2024" })).json();
    expect(five.months[2].borrowed).toEqual({ value: 1500, reason: null });
    expect(five.balance).toEqual({ value: -1500, reason: null });
  });

  it("the staff council, employees and the coordination office get no administration's balances; finance gets no region's", async () => {
    for (const login of ["personalrat@wunstorf.demo", "mitarbeiterin@wunstorf.demo", "koordination@region-hannover.demo"]) {
      const c = await t.signIn(login);
      expect((await c.request({ method: "GET", url: "/api/v1/balances" })).statusCode, login).toBe(403);
    }
    expect((await finance.request({ method: "GET", url: "/api/v1/balances/region" })).statusCode).toBe(403);
    expect((await t.anonymous().request({ method: "GET", url: "/api/v1/balances" })).statusCode).toBe(401);
    const bad = await finance.request({ method: "GET", url: "/api/v1/balances?year=zwanzig" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe("year");
  });

  it("Garbsen's HR office sees Garbsen's hours, not Wunstorf's", async () => {
    const garbsen = await t.signIn("personal@garbsen.demo");
    const body = (await garbsen.request({ method: "GET", url: "/api/v1/balances?year=2026" })).json();
    expect(body.organization.name).toBe("Garbsen");
    // Garbsen lends 5 to Wunstorf (Wednesdays) and 5 to Neustadt (Mondays, Fridays).
    expect(body.months[0].lent.value).toBe(5 * daysIn(1, [3]) * 465 + 5 * daysIn(1, [1, 5]) * 390);
  });
});

describe("the region's balances", () => {
  it("the coordination office sees every balance, the flows between administrations and transfers that settle them", async () => {
    const res = await coordination.request({ method: "GET", url: "/api/v1/balances/region?year=2026" });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    const balances = body.balances as Array<{ organization: { id: string; name: string }; minutes: Figure }>;
    expect(balances.map((b) => b.organization.name).sort()).toEqual(["Garbsen", "Neustadt am Rübenberge", "Seelze", "Wunstorf"]);
    expect(balances.reduce((a, b) => a + b.minutes.value!, 0)).toBe(0);
    const transfers = body.transfers as Array<{ from: { id: string }; to: { id: string }; minutes: number }>;
    expect(transfers.length).toBeLessThanOrEqual(balances.filter((b) => b.minutes.value !== 0).length - 1);
    for (const b of balances) {
      const received = transfers.filter((x) => x.to.id === b.organization.id).reduce((a, x) => a + x.minutes, 0);
      const paid = transfers.filter((x) => x.from.id === b.organization.id).reduce((a, x) => a + x.minutes, 0);
      expect(received - paid, b.organization.name).toBe(b.minutes.value);
    }
    const flow = (lender: string, borrower: string) =>
      body.flows.find(
        (f: { lender: { name: string }; borrower: { name: string } }) => f.lender.name === lender && f.borrower.name === borrower,
      );
    expect(flow("Seelze", "Garbsen").reciprocity.value).toBeGreaterThan(0);
    // Wunstorf's help to the Region rests on 2 people: not shown.
    expect(flow("Wunstorf", "Region Hannover").all).toEqual({
      value: null,
      reason: { code: "fewer_than_5_people", de: "weniger als 5 Personen", en: "fewer than 5 people" },
    });
    expect(body.yearEndRule).toBe("carry_over");
    expect(body.conversion).toBeNull();
  });

  it("a balance and the shown flows do not reveal a pair of fewer than 5 people: one more figure is hidden and says why", async () => {
    const { rows } = await t.database.db.execute(
      sql`SELECT id, organization_id AS lender, borrower_organization_id AS borrower FROM secondments WHERE tasks LIKE 'Gegenseitige%' ORDER BY id`,
    );
    const list = rows as Array<{ id: string; lender: string; borrower: string }>;
    const of = (lender: string, borrower: string) => list.filter((s) => s.lender === ids.get(lender) && s.borrower === ids.get(borrower));
    // 2032: Wunstorf lends Garbsen 6 people, Neustadt lends Wunstorf 5 — and Garbsen lends Wunstorf only 2.
    const chosen = [
      ...of("Wunstorf", "Garbsen").slice(0, 6),
      ...of("Neustadt am Rübenberge", "Wunstorf").slice(0, 5),
      ...of("Garbsen", "Wunstorf").slice(0, 2),
    ];
    for (const s of chosen)
      await t.database.db.execute(
        sql`INSERT INTO timesheet_entries (region_id, organization_id, borrower_organization_id, secondment_id, day, minutes, state)
              SELECT region_id, organization_id, borrower_organization_id, id, '2032-03-02', 480, 'confirmed' FROM secondments WHERE id = ${s.id}`,
      );
    try {
      const body = (await coordination.request({ method: "GET", url: "/api/v1/balances/region?year=2032" })).json();
      const flow = (lender: string, borrower: string) =>
        body.flows.find(
          (f: { lender: { name: string }; borrower: { name: string } }) => f.lender.name === lender && f.borrower.name === borrower,
        ).reciprocity as Figure;
      const balance = (name: string) =>
        body.balances.find((b: { organization: { name: string } }) => b.organization.name === name).minutes as Figure;
      expect(flow("Garbsen", "Wunstorf").reason?.code).toBe("fewer_than_5_people");
      // Before: Wunstorf's balance (13 people) − its shown flows = Garbsen → Wunstorf's 2 × 8 hours.
      const wunstorf = [
        balance("Wunstorf"),
        flow("Wunstorf", "Garbsen"),
        flow("Neustadt am Rübenberge", "Wunstorf"),
        flow("Garbsen", "Wunstorf"),
      ];
      expect(wunstorf.filter((f) => f.value === null).length).toBeGreaterThan(1);
      const garbsen = [balance("Garbsen"), flow("Wunstorf", "Garbsen"), flow("Garbsen", "Wunstorf")];
      expect(garbsen.filter((f) => f.value === null).length).toBeGreaterThan(1);
      expect([...wunstorf, ...garbsen].map((f) => f.reason?.de)).toContain(
        "verborgen, weil sich sonst eine Zahl unter 5 Personen errechnen ließe",
      );
      // Flows are hidden before balances: every balance stays shown, and so do the transfers.
      expect(body.balances.every((b: { minutes: Figure }) => b.minutes.value !== null)).toBe(true);
      expect(flow("Wunstorf", "Garbsen").reason?.code).toBe("reveals_hidden_figure");
    } finally {
      await t.database.db.execute(sql`DELETE FROM timesheet_entries WHERE day = '2032-03-02'`);
    }
  });

  it("the coordination office switches the year-end rule to conversion (audited); the amounts sum to zero at the year's average rate", async () => {
    expect(
      (await finance.request({ method: "PUT", url: "/api/v1/balances/region/year-end-rule", payload: { rule: "convert" } })).statusCode,
    ).toBe(403);
    const bad = await coordination.request({ method: "PUT", url: "/api/v1/balances/region/year-end-rule", payload: { rule: "vergessen" } });
    expect(bad.statusCode).toBe(400);
    const put = await coordination.request({ method: "PUT", url: "/api/v1/balances/region/year-end-rule", payload: { rule: "convert" } });
    expect(put.statusCode, put.body).toBe(200);
    const { rows } = await t.database.db.execute(
      sql`SELECT before, after FROM audit_events WHERE entity = 'reciprocity_settings' AND action = 'update'`,
    );
    expect(rows).toEqual([{ before: { yearEndRule: "carry_over" }, after: { yearEndRule: "convert" } }]);
    const body = (await coordination.request({ method: "GET", url: "/api/v1/balances/region?year=2026" })).json();
    expect(body.yearEndRule).toBe("convert");
    const c = body.conversion;
    expect(c.rateCentsPerHour).toBeGreaterThan(2000);
    expect(c.rateCentsPerHour).toBeLessThan(10000);
    const amounts = c.amounts as Array<{ organization: { id: string }; cents: Figure }>;
    expect(amounts.reduce((a, x) => a + x.cents.value!, 0)).toBe(0);
    for (const a of amounts) {
      const minutes = body.balances.find((b: { organization: { id: string } }) => b.organization.id === a.organization.id).minutes.value;
      expect(Math.abs(a.cents.value! - (minutes * c.rateCentsPerHour) / 60)).toBeLessThan(1);
    }
    expect(c.transfers.length).toBeGreaterThan(0);
    await coordination.request({ method: "PUT", url: "/api/v1/balances/region/year-end-rule", payload: { rule: "carry_over" } });
  });

  it("for any confirmed reciprocity hours the ledger read from the database sums to zero, the netting preserves every balance with at most n − 1 transfers, and no balance with the shown flows reveals a hidden one", async () => {
    const { rows } = await t.database.db.execute(
      sql`SELECT id, organization_id AS lender, borrower_organization_id AS borrower, member_id AS person, settlement_model AS model
          FROM secondments WHERE tasks LIKE 'Gegenseitige%' ORDER BY id`,
    );
    const list = rows as Array<{ id: string; lender: string; borrower: string; person: string; model: string }>;
    expect(list.length).toBeGreaterThanOrEqual(28);
    const entry = fc.record({
      secondment: fc.integer({ min: 0, max: list.length - 1 }),
      day: fc.integer({ min: 0, max: 364 }),
      minutes: fc.integer({ min: 1, max: 600 }),
      state: fc.constantFrom("confirmed", "confirmed", "confirmed", "recorded", "returned"),
    });
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(entry, { maxLength: 60, selector: (e) => `${e.secondment} ${e.day}` }), async (entries) => {
        await t.database.db.execute(sql`DELETE FROM timesheet_entries WHERE day >= '2031-01-01'`);
        for (const e of entries) {
          const s = list[e.secondment];
          await t.database.db.execute(
            sql`INSERT INTO timesheet_entries (region_id, organization_id, borrower_organization_id, secondment_id, day, minutes, state)
                  SELECT region_id, organization_id, borrower_organization_id, id, ${addDays("2031-01-01", e.day)}, ${e.minutes}, ${e.state}
                  FROM secondments WHERE id = ${s.id}`,
          );
        }
        // What the ledger must hold, computed here from the generated entries.
        const expected = new Map<string, number>();
        const people = new Map<string, Set<string>>();
        for (const e of entries) {
          const s = list[e.secondment];
          if (e.state !== "confirmed" || s.model !== "reciprocity") continue;
          expected.set(s.lender, (expected.get(s.lender) ?? 0) + e.minutes);
          expected.set(s.borrower, (expected.get(s.borrower) ?? 0) - e.minutes);
          for (const org of [s.lender, s.borrower]) people.set(org, (people.get(org) ?? new Set()).add(s.person));
        }
        const body = (await coordination.request({ method: "GET", url: "/api/v1/balances/region?year=2031" })).json();
        const balances = body.balances as Array<{ organization: { id: string }; minutes: Figure }>;
        expect(balances.map((b) => b.organization.id).sort()).toEqual([...expected.keys()].sort());
        const hidden = balances.filter((b) => b.minutes.value === null);
        for (const b of balances) {
          const few = people.get(b.organization.id)!.size < 5;
          if (few) expect(b.minutes.value, nameOf(b.organization.id)).toBeNull();
          else if (b.minutes.value !== null) expect(b.minutes.value).toBe(expected.get(b.organization.id));
        }
        if (hidden.length === 0) {
          expect(balances.reduce((a, b) => a + b.minutes.value!, 0)).toBe(0);
          const transfers = body.transfers as Array<{ from: { id: string }; to: { id: string }; minutes: number }>;
          const nonZero = balances.filter((b) => b.minutes.value !== 0).length;
          expect(transfers.length).toBeLessThanOrEqual(Math.max(0, nonZero - 1));
          for (const b of balances) {
            const got = transfers.reduce(
              (a, x) => a + (x.to.id === b.organization.id ? x.minutes : 0) - (x.from.id === b.organization.id ? x.minutes : 0),
              0,
            );
            expect(got).toBe(b.minutes.value);
          }
        } else {
          expect(body.transfers).toBeNull();
        }
        // No balance and its shown reciprocity flows leave exactly one hidden figure (it could be calculated).
        const pairs = new Set(
          entries
            .filter((e) => e.state === "confirmed" && list[e.secondment].model === "reciprocity")
            .map((e) => `${list[e.secondment].lender} ${list[e.secondment].borrower}`),
        );
        const flows = body.flows as Array<{ lender: { id: string }; borrower: { id: string }; reciprocity: Figure }>;
        for (const b of balances) {
          const own = flows.filter(
            (f) =>
              pairs.has(`${f.lender.id} ${f.borrower.id}`) && (f.lender.id === b.organization.id || f.borrower.id === b.organization.id),
          );
          const hiddenInRelation = [b.minutes, ...own.map((f) => f.reciprocity)].filter((f) => f.value === null).length;
          expect(hiddenInRelation, nameOf(b.organization.id)).not.toBe(1);
        }
      }),
      { numRuns: 25 },
    );
  });
});

describe("the year-end rule under parallel writes", () => {
  it(`rules set at the same moment are each audited with the rule they replaced (${testDatabaseKind})`, async () => {
    const put = (rule: string) => ({
      client: coordination,
      request: { method: "PUT" as const, url: "/api/v1/balances/region/year-end-rule", payload: { rule } },
    });
    for (let round = 0; round < 4; round++) {
      // No row yet: the first writers of a region race to create it.
      await t.database.db.execute(sql`DELETE FROM reciprocity_settings`);
      const answers = await fireTogether([put("convert"), put("carry_over"), put("convert"), put("carry_over")]);
      expect(statusCounts(answers)).toEqual({ 200: 4 });
      const { rows: stored } = await t.database.db.execute(sql`SELECT year_end_rule AS rule FROM reciprocity_settings`);
      expect(stored).toHaveLength(1);
      // The trail read from `carry_over` (the default) ends at the stored rule: every switch to
      // conversion is undone by a switch back, except the last one if conversion is stored.
      const { rows } = await t.database.db.execute(
        sql`SELECT after->>'yearEndRule' AS rule, count(*)::int AS n FROM audit_events
            WHERE entity = 'reciprocity_settings' AND before->>'yearEndRule' <> after->>'yearEndRule' GROUP BY 1`,
      );
      const count = (rule: string) => (rows as Array<{ rule: string; n: number }>).find((r) => r.rule === rule)?.n ?? 0;
      expect(count("convert") - count("carry_over"), `round ${round}`).toBe((stored[0] as { rule: string }).rule === "convert" ? 1 : 0);
      // Back to the default through the API (audited), so the next round starts from it.
      expect((await coordination.request(put("carry_over").request)).statusCode).toBe(200);
    }
  });
});

describe("money of statements on an administration's balances", () => {
  /** An issued (or later) statement written straight to the table, one line per secondment. */
  async function insertStatement(lender: string, borrower: string, month: string, state: string, secondmentIds: string[], gross: number) {
    const lines = secondmentIds.map((id) => ({
      kind: "hours",
      secondmentId: id,
      caseLabel: "c",
      minutes: 60,
      rateCentsPerHour: gross / secondmentIds.length,
      rateLabel: "r",
      amountCents: gross / secondmentIds.length,
    }));
    const body = {
      lenderOrganizationId: lender,
      borrowerOrganizationId: borrower,
      month,
      lines,
      excluded: [],
      netCents: gross,
      grossCents: gross,
    };
    await t.database.db.execute(
      sql`insert into statements (region_id, organization_id, borrower_organization_id, month, state, body, net_cents, vat_cents, gross_cents)
          select region_id, ${lender}, ${borrower}, ${month}, ${state}, ${JSON.stringify(body)}::jsonb, ${gross}, 0, ${gross}
            from organizations where id = ${lender}`,
    );
  }
  const secondmentsOf = async (lender: string, borrower: string) =>
    (
      (
        await t.database.db.execute(
          sql`SELECT s.id FROM secondments s JOIN organizations l ON l.id = s.organization_id JOIN organizations b ON b.id = s.borrower_organization_id
              WHERE l.name = ${lender} AND b.name = ${borrower} ORDER BY s.id`,
        )
      ).rows as Array<{ id: string }>
    ).map((r) => r.id);

  it("Wunstorf's finance sees per month what it invoiced and was invoiced, each sum only when it bills at least 5 people; drafts do not count", async () => {
    const [wunstorf, garbsen, region] = [ids.get("Wunstorf")!, ids.get("Garbsen")!, ids.get("Region Hannover")!];
    const toGarbsen = await secondmentsOf("Wunstorf", "Garbsen");
    const fromGarbsen = await secondmentsOf("Garbsen", "Wunstorf");
    const toRegion = await secondmentsOf("Wunstorf", "Region Hannover");
    expect([toGarbsen.length >= 5, fromGarbsen.length >= 5, toRegion.length < 5 && toRegion.length > 0]).toEqual([true, true, true]);
    await insertStatement(wunstorf, garbsen, "2026-03", "issued", toGarbsen, 600_000);
    await insertStatement(garbsen, wunstorf, "2026-03", "paid", fromGarbsen, 500_000);
    await insertStatement(wunstorf, region, "2026-05", "acknowledged", toRegion, 200_000);
    await insertStatement(wunstorf, garbsen, "2026-06", "draft", toGarbsen, 900_000);
    const body = (await finance.request({ method: "GET", url: "/api/v1/balances?year=2026" })).json();
    expect(body.money).toEqual([
      { month: 3, invoicedCents: { value: 600_000, reason: null }, owedCents: { value: 500_000, reason: null } },
      {
        month: 5,
        invoicedCents: { value: null, reason: expect.objectContaining({ code: "fewer_than_5_people" }) },
        owedCents: { value: 0, reason: null },
      },
    ]);
    // Another year has none.
    expect((await finance.request({ method: "GET", url: "/api/v1/balances?year=2025" })).json().money).toEqual([]);
  });
});
