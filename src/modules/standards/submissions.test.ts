/**
 * Reported values (Meldungen) through the API as the people use them: Wunstorf's controlling sends
 * a quarter's values (all or nothing; errors block, warnings need a reason), submits; the region's
 * coordination validates (published on the 15th of the next month, embargoed before) or sends
 * back with a comment; a validated value is corrected by a new version. Drafts stay with their
 * administration; the public sees only published values; two steps at once: one wins.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { today } from "../../kernel/dates";
import { buildTestApp, type Client, type TestApp } from "../../../test/app";
import { createTestDatabase, testDatabaseKind } from "../../../test/db";
import { fireTogether, statusCounts } from "../../../test/parallel";
import { standardsFixture } from "../../../test/standards-fixture";
import { defaultPublishOn } from "./submissions";
import { formatPeriodText, parsePeriod, periodsDue, shiftPeriod } from "../../domain/standards/period";

let t: TestApp;
let reporter: Client;
let region: Client;
let garbsenHr: Client;
let regionHr: Client;
let wunstorfHr: Client;
let employee: Client;
let f: Awaited<ReturnType<typeof standardsFixture>>;

const S = "/api/v1/submissions";
const post = (c: Client, url: string, payload: Record<string, unknown> = {}) => c.request({ method: "POST", url, payload });
const get = (c: Client, url: string) => c.request({ method: "GET", url });
const fieldsOf = (res: { json(): { errors?: Array<{ field: string; rule: string }> } }) =>
  (res.json().errors ?? []).map((e) => `${e.field}:${e.rule}`).sort();
/** Wunstorf's values of the tests' periods: the last closed quarter and month. */
async function countOwn() {
  const { rows } = await t.database.db.execute(
    sql`SELECT count(*)::int AS n FROM submissions s JOIN organizations o ON o.id = s.organization_id
        WHERE o.name = 'Wunstorf' AND s.period IN (${f.quarter}, ${f.month})`,
  );
  return (rows[0] as { n: number }).n;
}
/** What a client lists of the quarter and the month (the periods of the tests' values). */
async function listBoth(c: Client, query: string) {
  const [a, b] = await Promise.all([f.quarter, f.month].map((p) => get(c, `${S}?period=${p}${query}`)));
  return [...a.json().items, ...b.json().items] as Array<{
    id: string;
    value: number;
    standard: { key: string };
    organization: { name: string };
  }>;
}

beforeAll(async () => {
  t = await buildTestApp({ database: await createTestDatabase({ poolSize: 12 }) });
  f = await standardsFixture(t.database.db);
  [reporter, region, garbsenHr, regionHr, wunstorfHr, employee] = await Promise.all(
    [
      "controlling@wunstorf.demo",
      "koordination@region-hannover.demo",
      "personal@garbsen.demo",
      "personal@region-hannover.demo",
      "personal@wunstorf.demo",
      "mitarbeiterin@wunstorf.demo",
    ].map((l) => t.signIn(l)),
  );
}, 120_000);
afterAll(async () => t?.close());

describe("a batch of values", () => {
  it("is all or nothing: every error is reported with the item's index and field, and nothing is written", async () => {
    const res = await post(reporter, S, {
      items: [
        { standardId: f.permit, period: f.quarter, value: 92, numerator: 46, denominator: 50 },
        { standardId: f.phone, period: f.month, value: 104 },
        { standardId: f.appointment, period: f.month, value: 12, numerator: 3 },
        { standardId: f.permit, period: f.month, value: 70 },
      ],
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(fieldsOf(res)).toEqual([
      "items.1.value:range_percent",
      "items.2.denominator:fraction_incomplete",
      "items.3.period:period_periodicity",
    ]);
    const messages = (res.json().errors as Array<{ message: { de: string } }>).map((e) => e.message.de);
    expect(messages).toContain("Der Anteil kann nicht über 100 % liegen.");
    expect(await countOwn()).toBe(0);
  });

  it("refuses a standard that does not apply to the administration (the Region has no citizens' office standard)", async () => {
    const res = await post(regionHr, S, { items: [{ standardId: f.appointment, period: f.month, value: 10 }] });
    expect(res.statusCode).toBe(422);
    expect(fieldsOf(res)).toEqual(["items.0.standardId:not_applicable"]);
  });

  it("asks for a reason per warning (jump against the previous quarter, distance from the region's median) and saves a draft once given", async () => {
    const item = { standardId: f.phone, period: f.month, value: 30, numerator: 1200, denominator: 4000, method: "Telefonanlage" };
    const refused = await post(reporter, S, { items: [item] });
    expect(refused.statusCode).toBe(422);
    expect(fieldsOf(refused)).toEqual(["items.0.reasons.jump:jump", "items.0.reasons.median_distance:median_distance"]);
    expect(await countOwn()).toBe(0);
    const saved = await post(reporter, S, {
      items: [
        { ...item, reasons: { jump: "Umstellung der Telefonanlage im August", median_distance: "Zwei Stellen im Bürgerbüro unbesetzt" } },
        { standardId: f.appointment, period: f.month, value: 11 },
        { standardId: f.permit, period: f.quarter, value: 92, numerator: 46, denominator: 50 },
      ],
    });
    expect(saved.statusCode, saved.body).toBe(201);
    const [phone] = saved.json().items;
    expect(phone).toMatchObject({ state: "draft", abilities: { submit: true, validate: false } });
    expect(phone.explainedWarnings.map((w: { rule: string }) => w.rule)).toEqual(["jump", "median_distance"]);
    expect(await countOwn()).toBe(3);
  });

  it("checks a month's jump against the month before in the same batch (a quarter's sheet sends three months at once)", async () => {
    // Two months after the last closed one: nothing is stored for them or the month before them.
    const [next, after] = [2, 3].map((n) => shiftPeriod(parsePeriod(f.month)!, -n).text);
    const refused = await post(reporter, S, {
      items: [
        { standardId: f.phone, period: next, value: 80, numerator: 40, denominator: 50 },
        { standardId: f.phone, period: after, value: 30, numerator: 15, denominator: 50 },
      ],
    });
    expect(refused.statusCode, refused.body).toBe(422);
    // (Months still to come are refused as such too; the jump is found all the same.)
    expect(fieldsOf(refused)).toEqual(["items.0.period:period_not_ended", "items.1.period:period_not_ended", "items.1.reasons.jump:jump"]);
  });

  it("refuses values for a period that has not ended yet, in German and English, and writes nothing", async () => {
    const running = shiftPeriod(parsePeriod(f.month)!, -1).text;
    const refused = await post(reporter, S, {
      items: [{ standardId: f.phone, period: running, value: 80, numerator: 40, denominator: 50 }],
    });
    expect(refused.statusCode, refused.body).toBe(422);
    expect(fieldsOf(refused)).toContain("items.0.period:period_not_ended");
    const problem = refused.json().errors.find((e: { rule: string }) => e.rule === "period_not_ended");
    expect(problem.message.de).toContain("noch nicht vorbei");
    expect(problem.message.en).toContain("has not ended yet");
    const { rows } = await t.database.db.execute(sql`SELECT count(*)::int AS n FROM submissions WHERE period = ${running}`);
    expect((rows[0] as { n: number }).n).toBe(0);
  });

  it("keeps drafts with the administration: other administrations, the coordination and the public get 404", async () => {
    const list = await listBoth(reporter, "&state=draft");
    expect(list).toHaveLength(3);
    for (const c of [garbsenHr, region, t.anonymous(), employee]) {
      expect((await get(c, `${S}/${list[0].id}`)).statusCode).toBe(404);
      const seen = await listBoth(c, "&state=draft");
      expect(seen).toEqual([]);
    }
    expect((await get(wunstorfHr, `${S}/${list[0].id}`)).statusCode).toBe(200);
  });

  it("saving a draft again replaces it; a second value for a submitted period is refused", async () => {
    const again = await post(reporter, S, { items: [{ standardId: f.appointment, period: f.month, value: 12 }] });
    expect(again.statusCode, again.body).toBe(201);
    expect(await countOwn()).toBe(3);
  });
});

describe("from draft to publication", () => {
  let ids: Record<string, string>;
  beforeAll(async () => {
    const items = await listBoth(reporter, "");
    ids = Object.fromEntries(items.filter((i) => i.organization.name === "Wunstorf").map((i) => [i.standard.key, i.id]));
    expect(Object.keys(ids)).toHaveLength(3);
  });

  it("the reporter's task says the quarter is due until the value is submitted", async () => {
    const steps = async () =>
      (
        (await get(reporter, "/api/v1/me/tasks")).json().items as Array<{ kind: string; object: { id: string }; step: { de: string } }>
      ).filter((x) => x.kind === "submission_due" && [f.phone, f.appointment, f.permit].includes(x.object.id));
    // The monthly standards are due for the last closed month, the quarterly one for the last closed quarter.
    const before = await steps();
    expect(before.map((x) => x.step.de)).toContain(`Meldung für ${formatPeriodText(f.month)} fällig`);
    expect(before).toHaveLength(3);
    expect(before.map((x) => x.step.de)).toContain(`Meldung für ${formatPeriodText(f.quarter)} fällig`);
    const res = await post(reporter, `${S}/${ids["telefon-erreichbarkeit"]}/submit`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ state: "submitted", abilities: { submit: false } });
    expect((await post(reporter, `${S}/${ids["bauantrag-vollstaendigkeit"]}/submit`)).statusCode).toBe(200);
    // What is left: the appointment waiting time of the month.
    const after = await steps();
    expect(after).toHaveLength(1);
    expect(after.map((x) => x.step.de)).not.toContain(`Meldung für ${formatPeriodText(f.quarter)} fällig`);
  });

  it("the coordination sees the submitted value with its reasons and the region's median, and a task to review", async () => {
    const view = (await get(region, `${S}/${ids["telefon-erreichbarkeit"]}`)).json();
    expect(view).toMatchObject({ state: "submitted", abilities: { validate: true, sendBack: true, correct: false } });
    expect(view.explainedWarnings[0]).toMatchObject({ rule: "jump", reason: "Umstellung der Telefonanlage im August" });
    expect(view.regionMedian.count).toBeGreaterThanOrEqual(4);
    const tasks = (await get(region, "/api/v1/me/tasks")).json().items as Array<{ kind: string; object: { title: string }; link: string }>;
    expect(tasks.filter((x) => x.kind === "submission_review").map((x) => x.object.title)).toContain("Wunstorf");
  });

  it("validating sets the publication day (15th of the next month); the public sees the value only from that day", async () => {
    const res = await post(region, `${S}/${ids["telefon-erreichbarkeit"]}/validate`, {});
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ state: "validated", publishOn: defaultPublishOn(today()) });
    expect((await get(t.anonymous(), `${S}/${ids["telefon-erreichbarkeit"]}`)).statusCode).toBe(404);
    expect((await post(region, `${S}/${ids["telefon-erreichbarkeit"]}/validate`, {})).statusCode).toBe(409);

    const now = await post(region, `${S}/${ids["bauantrag-vollstaendigkeit"]}/validate`, { publishOn: today() });
    expect(now.json()).toMatchObject({ state: "published", publishOn: today() });
    expect((await get(t.anonymous(), `${S}/${ids["bauantrag-vollstaendigkeit"]}`)).json().value).toBe(92);
    const past = await post(region, `${S}/${ids["telefon-erreichbarkeit"]}/validate`, { publishOn: "2020-01-01" });
    expect(fieldsOf(past)).toEqual(["publishOn:in_past"]);
  });

  it("sending back makes the value a draft again with the comment; only the reporter's administration sees it", async () => {
    await post(reporter, `${S}/${ids["buergeramt-termin"]}/submit`);
    const short = await post(region, `${S}/${ids["buergeramt-termin"]}/return`, { comment: "" });
    expect(short.statusCode).toBe(400);
    const res = await post(region, `${S}/${ids["buergeramt-termin"]}/return`, { comment: "Bitte die Stichprobe vom 7. Juli prüfen." });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ state: "draft", abilities: { validate: false } });
    // A draft again: no longer the coordination's to read.
    expect((await get(region, `${S}/${ids["buergeramt-termin"]}`)).statusCode).toBe(404);
    const own = (await get(reporter, `${S}/${ids["buergeramt-termin"]}`)).json();
    expect(own).toMatchObject({ state: "draft", returnComment: "Bitte die Stichprobe vom 7. Juli prüfen." });
  });

  it("a correction of a validated value is a new version with a reason; the old one stays readable as history", async () => {
    const refused = await post(reporter, `${S}/${ids["buergeramt-termin"]}/corrections`, { value: 9, reason: "Stichprobe korrigiert" });
    expect(refused.statusCode).toBe(409);
    const res = await post(reporter, `${S}/${ids["telefon-erreichbarkeit"]}/corrections`, {
      value: 31,
      numerator: 1240,
      denominator: 4000,
      method: "Telefonanlage, bereinigt",
      reasons: { jump: "Umstellung der Telefonanlage im August", median_distance: "Zwei Stellen unbesetzt" },
      reason: "Doppelt gezählte Anrufe herausgerechnet",
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      state: "submitted",
      version: 2,
      correctsId: ids["telefon-erreichbarkeit"],
      correctionReason: "Doppelt gezählte Anrufe herausgerechnet",
    });
    const old = (await get(reporter, `${S}/${ids["telefon-erreichbarkeit"]}`)).json();
    expect(old).toMatchObject({ value: 30, replacedById: res.json().id, abilities: { correct: false } });
    const current = (await get(reporter, `${S}?period=${f.month}&standard=${f.phone}`)).json().items;
    const history = (await get(reporter, `${S}?period=${f.month}&standard=${f.phone}&history=true`)).json().items;
    expect(
      current.filter((s: { organization: { name: string } }) => s.organization.name === "Wunstorf").map((s: { value: number }) => s.value),
    ).toEqual([31]);
    expect(
      history.filter((s: { organization: { name: string } }) => s.organization.name === "Wunstorf").map((s: { value: number }) => s.value),
    ).toEqual([31, 30]);
  });

  it("a correction of a value under embargo is not published before that value would have been", async () => {
    const current = (await get(reporter, `${S}?period=${f.month}&standard=${f.phone}`)).json().items as Array<{
      id: string;
      organization: { name: string };
      correctsId: string | null;
    }>;
    const correction = current.find((s) => s.organization.name === "Wunstorf")!;
    expect(correction.correctsId).toBeTruthy();
    // The corrected value was to come out later than the region's next publication day.
    const later = `${Number(today().slice(0, 4)) + 1}-06-15`;
    await t.database.db.execute(sql`UPDATE submissions SET publish_on = ${later} WHERE id = ${correction.correctsId}`);
    expect((await get(region, `${S}/${correction.id}`)).json().validatePublishOn).toBe(later);
    const res = await post(region, `${S}/${correction.id}/validate`, {});
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ state: "validated", publishOn: later });
    expect((await get(t.anonymous(), `${S}/${correction.id}`)).statusCode).toBe(404);
  });

  it("only the coordination validates; an employee cannot report", async () => {
    expect((await post(wunstorfHr, `${S}/${ids["telefon-erreichbarkeit"]}/validate`, {})).statusCode).toBe(404);
    expect((await post(employee, S, { items: [{ standardId: f.phone, period: f.month, value: 80 }] })).statusCode).toBe(403);
  });

  it("the reporting sheet lists the standards that apply to Wunstorf for the period, each with its current value", async () => {
    const keys = (sheet: { rows: Array<{ standard: { key: string } }> }) => [...new Set(sheet.rows.map((r) => r.standard.key))].sort();
    const month = (await get(reporter, `${S}/sheet?period=${f.month}`)).json();
    expect(keys(month)).toEqual(["buergeramt-termin", "telefon-erreichbarkeit"]);
    expect(month.rows.map((r: { period: string }) => r.period)).toEqual([f.month, f.month]);
    // The Region has no citizens' office.
    expect(keys((await get(regionHr, `${S}/sheet?period=${f.month}`)).json())).toEqual(["telefon-erreichbarkeit"]);
  });

  it("a quarter's sheet asks a monthly standard for each of its three months, each with that month's value", async () => {
    const quarter = (await get(reporter, `${S}/sheet?period=${f.quarter}`)).json();
    expect(quarter.periodLabel.de).toMatch(/^\d\. Quartal \d{4}$/);
    const months = periodsDue(parsePeriod(f.quarter)!, "month").map((p) => p.text);
    type Row = {
      standard: { key: string };
      period: string;
      periodLabel: { de: string };
      current: { period: string; value: number } | null;
    };
    const rowsOf = (key: string) => (quarter.rows as Row[]).filter((r) => r.standard.key === key);
    expect(rowsOf("bauantrag-vollstaendigkeit").map((r) => r.period)).toEqual([f.quarter]);
    for (const key of ["telefon-erreichbarkeit", "buergeramt-termin"]) {
      expect(rowsOf(key).map((r) => r.period)).toEqual(months);
      expect(rowsOf(key).map((r) => r.periodLabel.de)).toEqual(months.map((m) => formatPeriodText(m)));
      // The demo reported Wunstorf's months before the last one: each row carries its own month's value.
      for (const r of rowsOf(key)) if (r.current) expect(r.current.period).toBe(r.period);
    }
    expect(rowsOf("telefon-erreichbarkeit").filter((r) => r.current).length).toBeGreaterThan(0);
  });

  it("the sheet of a period that has not ended offers no field and says from which day it can be reported; the picker offers only ended periods", async () => {
    const running = shiftPeriod(parsePeriod(f.quarter)!, -1);
    const sheet = (await get(reporter, `${S}/sheet?period=${running.text}`)).json();
    expect(sheet.period).toBe(running.text);
    expect(sheet.rows).toEqual([]);
    // The first day after the quarter (2026-Q4 → 2027-01-01).
    const [y, m] = running.end.split("-").map(Number);
    expect(sheet.reportableFrom).toBe(m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`);
    const day = today();
    for (const p of sheet.periods as Array<{ period: string }>) expect(parsePeriod(p.period)!.end < day, p.period).toBe(true);
    expect(sheet.periods.map((p: { period: string }) => p.period)).not.toContain(running.text);
    // An ended period is reportable, and an older one asked for by its link is offered with the others.
    const closed = (await get(reporter, `${S}/sheet?period=${f.quarter}`)).json();
    expect(closed.reportableFrom).toBeNull();
    expect(closed.rows.length).toBeGreaterThan(0);
    const old = shiftPeriod(parsePeriod(f.quarter)!, 6).text;
    expect((await get(reporter, `${S}/sheet?period=${old}`)).json().periods[0].period).toBe(old);
  });
});

describe("two steps at once", () => {
  it(`two validations of one value: one wins, the other is told (${testDatabaseKind})`, async () => {
    const saved = await post(garbsenHr, S, {
      items: [{ standardId: f.permit, period: f.quarter, value: 92, numerator: 46, denominator: 50 }],
      submit: true,
    });
    // Garbsen's demo value for the quarter exists already (submitted or validated): take one that is submitted.
    const list = (await get(region, `${S}?period=${f.quarter}&state=submitted`)).json().items as Array<{ id: string }>;
    expect(saved.statusCode === 201 || saved.statusCode === 422).toBe(true);
    const id = list[0].id;
    const answers = await fireTogether(
      [0, 1, 2, 3].map(() => ({ client: region, request: { method: "POST" as const, url: `${S}/${id}/validate`, payload: {} } })),
    );
    expect(statusCounts(answers)).toEqual({ 200: 1, 409: 3 });
  });

  it("two batches for the same new period at once: one is written, the other refused", async () => {
    const one = {
      method: "POST" as const,
      url: S,
      payload: { items: [{ standardId: f.permit, period: f.olderQuarter, value: 92, numerator: 46, denominator: 50 }] },
    };
    const answers = await fireTogether([one, one, one].map((request) => ({ client: reporter, request })));
    const counts = statusCounts(answers);
    // The first creates a draft; the others either replace that draft (they ran after it) or meet the index (they ran beside it).
    expect(counts[201]).toBeGreaterThanOrEqual(1);
    expect((counts[201] ?? 0) + (counts[409] ?? 0)).toBe(3);
    const { rows: after } = await t.database.db.execute(
      sql`SELECT count(*)::int AS n FROM submissions s JOIN organizations o ON o.id = s.organization_id WHERE o.name = 'Wunstorf' AND s.period = ${f.olderQuarter} AND s.standard_id = ${f.permit}`,
    );
    expect((after[0] as { n: number }).n).toBe(1);
  });
});
