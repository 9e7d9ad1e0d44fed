/**
 * The right of reply: Wunstorf's controlling writes a public comment on one of Wunstorf's
 * published values, changes it and withdraws it; everyone sees the current comment with the
 * value, the history stays (table and audit). Other administrations get 404, values not yet
 * published 409, a form filled from an older version 409; two changes at once: one wins.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { buildTestApp, type Client, type TestApp } from "../../../test/app";
import { createTestDatabase, testDatabaseKind } from "../../../test/db";
import { fireTogether, statusCounts } from "../../../test/parallel";
import { standardsFixture } from "../../../test/standards-fixture";

let t: TestApp;
let reporter: Client;
let wunstorfHr: Client;
let garbsenHr: Client;
let region: Client;
let employee: Client;
let f: Awaited<ReturnType<typeof standardsFixture>>;
let wunstorfId: string;

const S = "/api/v1/submissions";
type Value = {
  id: string;
  state: string;
  publishOn: string | null;
  reply: { text: string } | null;
  replyVersion: number | null;
  abilities: { reply: boolean };
};
const put = (c: Client, id: string, payload: Record<string, unknown>) => c.request({ method: "PUT", url: `${S}/${id}/reply`, payload });
const withdraw = (c: Client, id: string, version: number) =>
  c.request({ method: "DELETE", url: `${S}/${id}/reply?basedOnVersion=${version}` });
const get = (c: Client, id: string) => c.request({ method: "GET", url: `${S}/${id}` });

/** Wunstorf's current values of a standard and period, as its controlling lists them. */
async function wunstorfValues(standard: string, period: string): Promise<Value[]> {
  const res = await reporter.request({ method: "GET", url: `${S}?standard=${standard}&period=${period}&organization=${wunstorfId}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
}

beforeAll(async () => {
  t = await buildTestApp({ database: await createTestDatabase({ poolSize: 12 }) });
  f = await standardsFixture(t.database.db);
  const { rows } = await t.database.db.execute(sql`SELECT id FROM organizations WHERE name = 'Wunstorf'`);
  wunstorfId = (rows[0] as { id: string }).id;
  [reporter, wunstorfHr, garbsenHr, region, employee] = await Promise.all(
    [
      "controlling@wunstorf.demo",
      "personal@wunstorf.demo",
      "personal@garbsen.demo",
      "koordination@region-hannover.demo",
      "mitarbeiterin@wunstorf.demo",
    ].map((l) => t.signIn(l)),
  );
}, 120_000);
afterAll(async () => t?.close());

describe("the right of reply", () => {
  it("the administration writes, changes and withdraws its comment; everyone sees the current one with the value", async () => {
    const [value] = await wunstorfValues(f.permit, f.previousQuarter);
    expect(value.state).toBe("published");
    expect(value.reply).toBeNull();
    expect(value.abilities.reply).toBe(true);

    const text = "Im 2. Quartal fehlten zwei Stellen in der Bauaufsicht; seit Juli sind sie besetzt.";
    const written = await put(reporter, value.id, { text, basedOnVersion: null });
    expect(written.statusCode, written.body).toBe(200);
    expect(written.json().reply.text).toBe(text);
    expect(written.json().replyVersion).toBe(1);
    // The public sees it with the value.
    const seen = await get(t.anonymous(), value.id);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().reply.text).toBe(text);
    expect(seen.json().abilities.reply).toBe(false);

    // The HR office of the same administration changes it (from version 1).
    const changed = await put(wunstorfHr, value.id, { text: "  Zwei Stellen waren unbesetzt.  ", basedOnVersion: 1 });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().reply.text).toBe("Zwei Stellen waren unbesetzt.");
    // A form filled from version 1 is told that the comment changed meanwhile.
    const stale = await put(reporter, value.id, { text: "Veralteter Text", basedOnVersion: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().messages.de).toContain("inzwischen geändert");

    const gone = await withdraw(reporter, value.id, 2);
    expect(gone.statusCode, gone.body).toBe(200);
    expect(gone.json().reply).toBeNull();
    expect((await get(t.anonymous(), value.id)).json().reply).toBeNull();
    expect((await withdraw(reporter, value.id, 3)).statusCode).toBe(409);

    // The history stays: three versions, and an audit entry per change.
    const { rows } = await t.database.db.execute(
      sql`SELECT version, text FROM submission_replies WHERE submission_id = ${value.id} ORDER BY version`,
    );
    expect(rows).toEqual([
      { version: 1, text },
      { version: 2, text: "Zwei Stellen waren unbesetzt." },
      { version: 3, text: "" },
    ]);
    const { rows: audit } = await t.database.db.execute(
      sql`SELECT count(*)::int AS n FROM audit_events WHERE entity_id = ${value.id} AND after ? 'reply'`,
    );
    expect((audit[0] as { n: number }).n).toBe(3);
  });

  it("another administration, the coordination and an employee get 404 (a route on an id hides what it may not do), the public 401", async () => {
    const [value] = await wunstorfValues(f.phone, shiftMonth(f.previousQuarter));
    expect((await put(garbsenHr, value.id, { text: "Fremder Text", basedOnVersion: null })).statusCode).toBe(404);
    expect((await put(garbsenHr, "00000000-0000-4000-8000-00000000abcd", { text: "Text", basedOnVersion: null })).statusCode).toBe(404);
    expect((await put(region, value.id, { text: "Text der Region", basedOnVersion: null })).statusCode).toBe(404);
    expect((await put(employee, value.id, { text: "Text", basedOnVersion: null })).statusCode).toBe(404);
    expect((await put(t.anonymous(), value.id, { text: "Text", basedOnVersion: null })).statusCode).toBe(401);
    const { rows } = await t.database.db.execute(sql`SELECT count(*)::int AS n FROM submission_replies WHERE submission_id = ${value.id}`);
    expect((rows[0] as { n: number }).n).toBe(0);
  });

  it("a value before its publication day cannot be commented on (409), and says so", async () => {
    // Wunstorf's telephone values of the last closed quarter's months are validated, published on the 15th.
    const month = `${f.quarter.slice(0, 4)}-${String(Number(f.quarter.slice(-1)) * 3).padStart(2, "0")}`;
    const [value] = await wunstorfValues(f.phone, month);
    expect(value.state).toBe("validated");
    expect(value.abilities.reply).toBe(false);
    const res = await put(reporter, value.id, { text: "Vorab-Kommentar", basedOnVersion: null });
    expect(res.statusCode).toBe(409);
    expect(res.json().messages.de).toContain("erst möglich, wenn der Wert veröffentlicht ist");
  });

  it("refuses too long text and control characters, naming the field and rule in German and English", async () => {
    const [value] = await wunstorfValues(f.phone, shiftMonth(f.previousQuarter));
    const long = await put(reporter, value.id, { text: "x".repeat(601), basedOnVersion: null });
    expect(long.statusCode).toBe(400);
    expect(long.json().errors[0]).toMatchObject({ field: "text" });
    expect(long.json().errors[0].message.de).toMatch(/600/);
    const control = await put(reporter, value.id, { text: "Text\u0007mit Klingel", basedOnVersion: null });
    expect(control.statusCode).toBe(400);
    expect(control.json().errors[0].field).toBe("text");
    expect(control.json().errors[0].message.de).toContain("Steuerzeichen");
  });
});

describe("two changes at once", () => {
  it(`eight first comments on one value at once: one is written, the others are told (${testDatabaseKind})`, async () => {
    const [value] = await wunstorfValues(f.appointment, shiftMonth(f.previousQuarter));
    const answers = await fireTogether(
      [0, 1, 2, 3, 4, 5, 6, 7].map((n) => ({
        client: n % 2 ? reporter : wunstorfHr,
        request: { method: "PUT" as const, url: `${S}/${value.id}/reply`, payload: { text: `Stellungnahme ${n}`, basedOnVersion: null } },
      })),
    );
    expect(statusCounts(answers)).toEqual({ 200: 1, 409: 7 });
    const { rows } = await t.database.db.execute(sql`SELECT count(*)::int AS n FROM submission_replies WHERE submission_id = ${value.id}`);
    expect((rows[0] as { n: number }).n).toBe(1);
  });
});

/** The first month of a quarter (`2026-Q2` → `2026-04`). */
function shiftMonth(quarter: string): string {
  return `${quarter.slice(0, 4)}-${String((Number(quarter.slice(-1)) - 1) * 3 + 1).padStart(2, "0")}`;
}
