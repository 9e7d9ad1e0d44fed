/**
 * Expenses of a secondment with receipts, as the people involved use them: Katrin Schulze records
 * travel costs with a receipt, a file that only claims to be a PDF is refused, the Gesundheitsamt's
 * head confirms, Wunstorf's finance reads the receipt — and Katrin sees that read in the log.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { addDays, today } from "../../kernel/dates";
import { auditEvents } from "../audit";
import { buildTestApp, type Client, type TestApp } from "../../../test/app";
import { runningSecondment, walkersOf } from "../../../test/active-secondment";
import { CAST } from "../../../test/support-cast";
import { fireTogether, statusCounts } from "../../../test/parallel";
import { createTestDatabase, testDatabaseKind } from "../../../test/db";

let t: TestApp;
let katrin: Client;
let health: Client;
let finance: Client;
let wunstorfHr: Client;
let regionHr: Client;
let id: string;

/** A 1×1 PNG. */
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

const post = (client: Client, url: string, payload?: unknown) =>
  client.request({ method: "POST", url, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
const expensesOf = async (client: Client, month: string) => {
  const res = await client.request({ method: "GET", url: `/api/v1/secondments/${id}/expenses?month=${month}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

beforeAll(async () => {
  t = await buildTestApp({ database: await createTestDatabase({ poolSize: 12 }) });
  [katrin, health, finance, wunstorfHr] = await Promise.all(
    [CAST.katrin, CAST.health, "kaemmerei@wunstorf.demo", CAST.wunstorfHr].map((l) => t.signIn(l)),
  );
  let bauamt: Client, council: Client, coordination: Client;
  [regionHr, bauamt, council, coordination] = await Promise.all(
    [CAST.regionHr, CAST.bauamt, CAST.council, CAST.coordination].map((l) => t.signIn(l)),
  );
  ({ id } = await runningSecondment(walkersOf({ health, regionHr, wunstorfHr, bauamt, katrin, council, coordination })));
});
afterAll(async () => t?.close());

describe("expenses with receipts", () => {
  const day = addDays(today(), -3);
  const month = day.slice(0, 7);
  let expenseId: string;
  let receiptId: string;

  it("a file that is no PDF, JPEG or PNG is refused whatever its name; nothing is saved", async () => {
    const refused = await post(katrin, `/api/v1/secondments/${id}/expenses`, {
      day,
      kind: "travel",
      amountCents: 2340,
      note: "Bahn Wunstorf–Hannover",
      receipt: { fileName: "fahrkarte.pdf", content: Buffer.from("<html>keine Fahrkarte</html>").toString("base64") },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0]).toMatchObject({
      field: "receipt.content",
      rule: "receipt_type",
      message: { de: "Laden Sie den Beleg als PDF, JPEG oder PNG hoch. Diese Datei ist keines davon." },
    });
    expect((await expensesOf(katrin, month)).items).toEqual([]);
  });

  it("a receipt over 5 MB is refused with its limit; an expense in the future too", async () => {
    const big = Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024)]);
    const tooBig = await post(katrin, `/api/v1/secondments/${id}/expenses`, {
      day,
      kind: "travel",
      amountCents: 2340,
      receipt: { fileName: "gross.pdf", content: big.toString("base64") },
    });
    expect(tooBig.statusCode).toBe(400);
    expect(tooBig.json().errors[0]).toMatchObject({ field: "receipt.content", message: { de: "Der Beleg ist zu groß: höchstens 5 MB." } });
    const future = await post(katrin, `/api/v1/secondments/${id}/expenses`, {
      day: addDays(today(), 2),
      kind: "per_diem",
      amountCents: 1400,
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().errors[0].field).toBe("day");
  });

  it("Katrin records travel costs with a PNG receipt; the head sees them open, finance not yet", async () => {
    const recorded = await post(katrin, `/api/v1/secondments/${id}/expenses`, {
      day,
      kind: "travel",
      amountCents: 2340,
      note: "Bahn Wunstorf–Hannover",
      receipt: { fileName: "fahrkarte.png", content: PNG.toString("base64") },
    });
    expect(recorded.statusCode, recorded.body).toBe(201);
    const [item] = recorded.json().items;
    expect(item).toMatchObject({
      kind: "travel",
      amountCents: 2340,
      state: "recorded",
      receipts: [{ fileName: "fahrkarte.png", mediaType: "image/png" }],
    });
    expenseId = item.id;
    receiptId = item.receipts[0].id;
    expect((await expensesOf(health, month)).items[0].abilities).toMatchObject({ confirm: true, return: true });
    expect((await expensesOf(finance, month)).items).toEqual([]);
    const early = await finance.request({ method: "GET", url: `/api/v1/secondments/${id}/expenses/${expenseId}/receipts/${receiptId}` });
    expect(early.statusCode).toBe(404);
  });

  it("a second receipt is added as PDF; the head confirms; finance sees the sum and reads the receipt, and the read is logged for Katrin", async () => {
    const added = await post(katrin, `/api/v1/secondments/${id}/expenses/${expenseId}/receipts`, {
      fileName: "quittung.pdf",
      content: PDF.toString("base64"),
    });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toMatchObject({ mediaType: "application/pdf", size: PDF.length });
    const confirmed = await post(health, `/api/v1/secondments/${id}/expenses/${expenseId}/confirm`);
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json().totals).toEqual({ confirmedCents: 2340, openCents: 0 });

    const seen = await expensesOf(finance, month);
    expect(seen.totals.confirmedCents).toBe(2340);
    expect(seen.items[0].receipts).toHaveLength(2);
    const file = await finance.request({ method: "GET", url: `/api/v1/secondments/${id}/expenses/${expenseId}/receipts/${receiptId}` });
    expect(file.statusCode).toBe(200);
    expect(file.headers["content-type"]).toBe("image/png");
    expect(file.rawPayload.equals(PNG)).toBe(true);
    const own = await katrin.request({ method: "GET", url: `/api/v1/secondments/${id}/expenses/${expenseId}/receipts/${receiptId}` });
    expect(own.rawPayload.equals(PNG)).toBe(true);

    // Katrin sees who read her receipt (her own reads are not listed).
    const readers = (await katrin.request({ method: "GET", url: "/api/v1/me/pool-membership/readers" })).json().items as Array<{
      reader: string;
    }>;
    expect(readers.map((r) => r.reader)).toEqual(["kaemmerei@wunstorf.demo"]);
    const reads = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entity, "pool_member"), eq(auditEvents.action, "read")));
    expect(reads.map((r) => [r.actorLogin, r.after])).toEqual([["kaemmerei@wunstorf.demo", { receiptId }]]);
  });

  it("a confirmed expense is corrected with a reason; returning the correction keeps the confirmed amount", async () => {
    const corrected = await post(katrin, `/api/v1/secondments/${id}/expenses/${expenseId}/correct`, {
      amountCents: 4680,
      reason: "Hin- und Rückfahrt.",
    });
    expect(corrected.statusCode, corrected.body).toBe(201);
    expect(corrected.json().items.map((e: { state: string; amountCents: number }) => `${e.state}:${e.amountCents}`)).toEqual([
      "replaced:2340",
      "recorded:4680",
    ]);
    const correction = corrected.json().items[1];
    const noComment = await post(health, `/api/v1/secondments/${id}/expenses/${correction.id}/return`, { comment: " " });
    expect(noComment.statusCode).toBe(400);
    const returned = await post(health, `/api/v1/secondments/${id}/expenses/${correction.id}/return`, {
      comment: "Rückfahrt bitte mit Beleg.",
    });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json().items.map((e: { state: string }) => e.state)).toEqual(["confirmed", "returned"]);
    expect(returned.json().totals).toEqual({ confirmedCents: 2340, openCents: 0 });
    // The log keeps each decision: the confirmation, and the return with the head's comment.
    const decisions = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entity, "expense"), eq(auditEvents.action, "update")));
    expect(decisions.map((r) => [r.entityId, r.before, r.after])).toEqual(
      expect.arrayContaining([
        [expenseId, { entryState: "recorded" }, { entryState: "confirmed" }],
        [correction.id, { entryState: "recorded" }, { entryState: "returned", comment: "Rückfahrt bitte mit Beleg." }],
      ]),
    );
    expect(decisions).toHaveLength(2);
  });

  it("a correction is held to the same amounts as a new expense (0,01 € to 10.000 €); nothing is replaced", async () => {
    for (const amountCents of [99_999_999, 1_000_001, 0]) {
      const refused = await post(katrin, `/api/v1/secondments/${id}/expenses/${expenseId}/correct`, {
        amountCents,
        reason: "Tippfehler?",
      });
      expect(refused.statusCode, refused.body).toBe(400);
      expect(refused.json().errors[0]).toMatchObject({ field: "amountCents", rule: "plausible_amount" });
    }
    const seen = await expensesOf(katrin, month);
    expect(seen.items.map((e: { state: string; amountCents: number }) => `${e.state}:${e.amountCents}`)).toEqual([
      "confirmed:2340",
      "returned:4680",
    ]);
  });
});

describe.skipIf(testDatabaseKind !== "postgres")("two steps on one expense at once (PostgreSQL, overlapping transactions)", () => {
  /** Records a travel expense on `day` and returns its id. */
  const recordOn = async (day: string) => {
    const res = await post(katrin, `/api/v1/secondments/${id}/expenses`, { day, kind: "travel", amountCents: 1200 });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().items.find((e: { day: string; state: string }) => e.day === day && e.state === "recorded").id as string;
  };
  const statesOn = async (day: string) =>
    (await expensesOf(health, day.slice(0, 7))).items.filter((e: { day: string }) => e.day === day).map((e: { state: string }) => e.state);
  const stepUrl = (expenseId: string, step: string) => `/api/v1/secondments/${id}/expenses/${expenseId}/${step}`;

  it("the two deciding accounts confirm the same expense at once, four times each: one confirmation, the others are told it is confirmed already", async () => {
    const day = addDays(today(), -4);
    const expenseId = await recordOn(day);
    const answers = await fireTogether(
      [health, regionHr, health, regionHr, health, regionHr, health, regionHr].map((client) => ({
        client,
        request: { method: "POST" as const, url: stepUrl(expenseId, "confirm") },
      })),
    );
    expect(statusCounts(answers)).toEqual({ 200: 1, 409: 7 });
    expect(answers.find((a) => a.statusCode === 409)!.json().messages.de).toBe("Dieser Eintrag ist bereits bestätigt.");
    expect(await statesOn(day)).toEqual(["confirmed"]);
    const decided = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entity, "expense"), eq(auditEvents.entityId, expenseId), eq(auditEvents.action, "update")));
    expect(decided).toHaveLength(1);
  });

  it("a confirmation and a return of the same expense at once: one wins, the expense is in exactly its state", async () => {
    const day = addDays(today(), -5);
    const expenseId = await recordOn(day);
    const answers = await fireTogether([
      { client: health, request: { method: "POST", url: stepUrl(expenseId, "confirm") } },
      { client: regionHr, request: { method: "POST", url: stepUrl(expenseId, "return"), payload: { comment: "Bitte mit Beleg." } } },
    ]);
    expect(statusCounts(answers)).toEqual({ 200: 1, 409: 1 });
    expect(await statesOn(day)).toEqual([answers[0].statusCode === 200 ? "confirmed" : "returned"]);
  });

  it("two corrections of one confirmed expense at once: one correction, the other is a 409", async () => {
    const day = addDays(today(), -6);
    const expenseId = await recordOn(day);
    expect((await post(health, stepUrl(expenseId, "confirm"))).statusCode).toBe(200);
    const correct = (amountCents: number) => ({
      client: katrin,
      request: { method: "POST" as const, url: stepUrl(expenseId, "correct"), payload: { amountCents, reason: "Nachgetragen." } },
    });
    const answers = await fireTogether([correct(1500), correct(1800)]);
    expect(statusCounts(answers)).toEqual({ 201: 1, 409: 1 });
    expect(await statesOn(day)).toEqual(["replaced", "recorded"]);
  });
});
