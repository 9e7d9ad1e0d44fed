/**
 * Hours of a secondment through the API, as the people involved use them: Katrin Schulze
 * (Wunstorf, seconded to the Gesundheitsamt) records a week, the Gesundheitsamt's head confirms
 * or returns days, Wunstorf's HR office and finance see confirmed hours only, the staff council
 * sees none; corrections leave the confirmed entry in the history.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { addDays, today, weekdayOf } from "../../kernel/dates";
import { auditEvents } from "../audit";
import { buildTestApp, type Client, type TestApp } from "../../../test/app";
import { runningSecondment, walkersOf } from "../../../test/active-secondment";
import { CAST } from "../../../test/support-cast";
import { fireTogether, statusCounts } from "../../../test/parallel";
import { createTestDatabase, testDatabaseKind } from "../../../test/db";

let t: TestApp;
let katrin: Client;
let health: Client;
let regionHr: Client;
let wunstorfHr: Client;
let finance: Client;
let council: Client;
let garbsenHr: Client;
let management: Client;
let id: string;

/** Monday to Friday of last week. */
const lastWeek = () => {
  const now = today();
  const monday = addDays(now, -((weekdayOf(now) + 6) % 7) - 7);
  return [0, 1, 2, 3, 4].map((i) => addDays(monday, i));
};

const get = (client: Client, url: string) => client.request({ method: "GET", url });
const post = (client: Client, url: string, payload?: unknown) =>
  client.request({ method: "POST", url, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
const sheet = async (client: Client, month: string) => {
  const res = await get(client, `/api/v1/secondments/${id}/timesheets?month=${month}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

beforeAll(async () => {
  t = await buildTestApp({ database: await createTestDatabase({ poolSize: 12 }) });
  [katrin, health, regionHr, wunstorfHr, finance, council, garbsenHr, management] = await Promise.all(
    [
      CAST.katrin,
      CAST.health,
      CAST.regionHr,
      CAST.wunstorfHr,
      "kaemmerei@wunstorf.demo",
      CAST.council,
      CAST.garbsenHr,
      "buergermeister@wunstorf.demo",
    ].map((login) => t.signIn(login)),
  );
  const bauamt = await t.signIn(CAST.bauamt);
  const coordination = await t.signIn(CAST.coordination);
  ({ id } = await runningSecondment(walkersOf({ health, regionHr, wunstorfHr, bauamt, katrin, council, coordination })));
});
afterAll(async () => {
  await t?.close();
  await t?.database.close();
});

describe("hours of a secondment", () => {
  const week = lastWeek();
  const month = week[0].slice(0, 7);

  it("a week is all or nothing: a future day and 11 hours are refused at their fields, nothing is saved", async () => {
    const refused = await post(katrin, `/api/v1/secondments/${id}/timesheets`, {
      days: [
        { day: week[0], minutes: 465 },
        { day: week[1], minutes: 660 },
        { day: week[2], minutes: 470 },
        { day: addDays(today(), 1), minutes: 465 },
      ],
    });
    expect(refused.statusCode).toBe(400);
    const fields = refused.json().errors.map((e: { field: string; message: { de: string } }) => `${e.field}: ${e.message.de}`);
    expect(fields).toEqual([
      expect.stringMatching(/^days\.1\.minutes: Höchstens 10 Stunden am Tag/),
      expect.stringMatching(/^days\.2\.minutes: Geben Sie die Stunden in Viertelstunden an/),
      expect.stringMatching(/^days\.3\.day: Dieser Tag liegt in der Zukunft/),
    ]);
    expect((await sheet(katrin, month)).entries).toEqual([]);
    // Minutes are whole: 7,5 minutes is told so, not "Geben Sie eine Zahl ein".
    const half = await post(katrin, `/api/v1/secondments/${id}/timesheets`, { days: [{ day: week[0], minutes: 7.5 }] });
    expect(half.statusCode).toBe(400);
    expect(half.json().errors).toEqual([
      expect.objectContaining({
        field: "days.0.minutes",
        message: { de: "Geben Sie ganze Minuten ein.", en: "Enter whole minutes." },
      }),
    ]);
  });

  it("the person records a week; the receiving head sees it open and has a task; the lender sees nothing open", async () => {
    const recorded = await post(katrin, `/api/v1/secondments/${id}/timesheets`, { days: week.map((day) => ({ day, minutes: 465 })) });
    expect(recorded.statusCode, recorded.body).toBe(201);
    expect(recorded.json().totals).toEqual({ confirmedMinutes: 0, openMinutes: 5 * 465, returnedMinutes: 0 });
    expect(recorded.json().abilities).toMatchObject({ record: true, decide: false });

    // Without a month, the page opens where the head's work is: the month of the earliest open day.
    expect((await get(health, `/api/v1/secondments/${id}/timesheets`)).json().month).toBe(month);
    const head = await sheet(health, month);
    expect(head.entries).toHaveLength(5);
    expect(head.abilities).toMatchObject({ record: false, decide: true });
    expect(head.entries[0].abilities).toEqual({ confirm: true, return: true, correct: false });
    const tasks = (await get(health, "/api/v1/me/tasks")).json().items as Array<{ step: { de: string }; link: string }>;
    expect(tasks).toContainEqual(
      expect.objectContaining({
        step: expect.objectContaining({ de: "Stunden bestätigen: 5 Tage von Katrin Schulze" }),
        link: `/abordnungen/${id}/stunden`,
      }),
    );

    for (const lender of [wunstorfHr, finance]) {
      const seen = await sheet(lender, month);
      expect(seen.entries).toEqual([]);
      expect(seen.totals.openMinutes).toBe(0);
      expect(seen.abilities).toMatchObject({ decide: false, record: false, seesOnlyConfirmed: true });
    }
  });

  it("the same day twice is a 409 naming the day; the person cannot confirm her own hours", async () => {
    const again = await post(katrin, `/api/v1/secondments/${id}/timesheets`, { days: [{ day: week[0], minutes: 240 }] });
    expect(again.statusCode).toBe(409);
    expect(again.json().errors[0]).toMatchObject({ field: "days.0.day", rule: "unique" });
    const entryId = (await sheet(katrin, month)).entries[0].id;
    // She sees her hours, so she is told who confirms them (403 with the reason), not that they do not exist.
    for (const refused of [
      await post(katrin, `/api/v1/secondments/${id}/timesheets/${entryId}/confirm`),
      await post(katrin, `/api/v1/secondments/${id}/timesheets/confirmations`, { entryIds: [entryId] }),
      await post(katrin, `/api/v1/secondments/${id}/timesheets/${entryId}/return`, { comment: "Selbst zurück." }),
    ]) {
      expect(refused.statusCode, refused.body).toBe(403);
      expect(refused.json().messages.de).toBe("Ihre eigenen Stunden bestätigt die Fachbereichsleitung der aufnehmenden Verwaltung.");
    }
    expect((await sheet(katrin, month)).entries[0].state).toBe("recorded");
  });

  it("the staff council and the management see no single days; another administration does not find the secondment", async () => {
    // Both see the secondment itself, but their roles open no hours.
    expect((await get(council, `/api/v1/secondments/${id}`)).statusCode).toBe(200);
    expect((await get(council, `/api/v1/secondments/${id}/timesheets`)).statusCode).toBe(404);
    expect((await get(management, `/api/v1/secondments/${id}/timesheets`)).statusCode).toBe(404);
    expect((await get(garbsenHr, `/api/v1/secondments/${id}/timesheets`)).statusCode).toBe(404);
    // The Region's head of another department sees the secondment, not its hours; the Region's HR office decides too.
    const otherHead = await t.signIn("bauaufsicht@region-hannover.demo");
    const refused = await get(otherHead, `/api/v1/secondments/${id}/timesheets`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().messages.de).toContain("die Fachbereichsleitung und das Personalamt der aufnehmenden Verwaltung");
    expect((await sheet(regionHr, lastWeek()[0].slice(0, 7))).abilities).toMatchObject({ decide: true, record: false });
  });

  it("the head returns a day with a comment and confirms the rest as a week; finance sees the confirmed hours", async () => {
    const entries = (await sheet(health, month)).entries as Array<{ id: string; day: string }>;
    const friday = entries.find((e) => e.day === week[4])!;
    const noComment = await post(health, `/api/v1/secondments/${id}/timesheets/${friday.id}/return`, {});
    expect(noComment.statusCode).toBe(400);
    expect(noComment.json().errors[0]).toMatchObject({ field: "comment", message: { de: "Bitte füllen Sie dieses Feld aus." } });
    const returned = await post(health, `/api/v1/secondments/${id}/timesheets/${friday.id}/return`, {
      comment: "Freitag war Teamtag in Hannover, bitte 6 Stunden.",
    });
    expect(returned.statusCode, returned.body).toBe(200);
    const confirmed = await post(health, `/api/v1/secondments/${id}/timesheets/confirmations`, {
      entryIds: entries.filter((e) => e.id !== friday.id).map((e) => e.id),
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json().totals).toEqual({ confirmedMinutes: 4 * 465, openMinutes: 0, returnedMinutes: 465 });

    // Without a month, finance's page opens at the latest confirmed hours.
    expect((await get(finance, `/api/v1/secondments/${id}/timesheets`)).json().month).toBe(week[3].slice(0, 7));
    const seen = await sheet(finance, month);
    expect(seen.entries.map((e: { day: string }) => e.day)).toEqual(week.slice(0, 4));
    expect(seen.totals.confirmedMinutes).toBe(4 * 465);
    expect(JSON.stringify(seen)).not.toContain("Teamtag");

    const tasks = (await get(katrin, "/api/v1/me/tasks")).json().items as Array<{ step: { de: string } }>;
    expect(tasks.map((x) => x.step.de)).toContain("Zurückgegebene Stunden neu erfassen: 1 Tag");
    const mine = (await sheet(katrin, month)).entries.find((e: { day: string; state: string }) => e.state === "returned");
    expect(mine.comment).toBe("Freitag war Teamtag in Hannover, bitte 6 Stunden.");
  });

  it("a returned day is recorded anew; a confirmed day is corrected with a reason, and the old entry stays in the history", async () => {
    const anew = await post(katrin, `/api/v1/secondments/${id}/timesheets`, { days: [{ day: week[4], minutes: 360 }] });
    expect(anew.statusCode, anew.body).toBe(201);
    const tasks = (await get(katrin, "/api/v1/me/tasks")).json().items as Array<{ kind: string }>;
    expect(tasks.map((x) => x.kind)).not.toContain("timesheet_returned");

    const monday = (await sheet(katrin, month)).entries.find(
      (e: { day: string; state: string }) => e.day === week[0] && e.state === "confirmed",
    );
    expect(monday.abilities.correct).toBe(true);
    const noReason = await post(katrin, `/api/v1/secondments/${id}/timesheets/${monday.id}/correct`, { minutes: 480 });
    expect(noReason.statusCode).toBe(400);
    const corrected = await post(katrin, `/api/v1/secondments/${id}/timesheets/${monday.id}/correct`, {
      minutes: 480,
      reason: "Die Schulung ging bis 16:30 Uhr.",
    });
    expect(corrected.statusCode, corrected.body).toBe(201);
    const after = corrected.json();
    const mondays = after.entries.filter((e: { day: string }) => e.day === week[0]);
    expect(mondays.map((e: { state: string; minutes: number }) => `${e.state}:${e.minutes}`)).toEqual(["replaced:465", "recorded:480"]);
    expect(mondays[1]).toMatchObject({ correctsId: monday.id, reason: "Die Schulung ging bis 16:30 Uhr." });
    // The correction replaces the confirmed hours in the totals; it waits for confirmation like any entry.
    expect(after.totals).toEqual({ confirmedMinutes: 3 * 465, openMinutes: 480 + 360, returnedMinutes: 465 });
    const again = await post(katrin, `/api/v1/secondments/${id}/timesheets/${monday.id}/correct`, { minutes: 450, reason: "Noch einmal." });
    expect(again.statusCode).toBe(409);
    expect(again.json().messages.de).toMatch(/^Für diesen Tag wartet schon eine Korrektur auf Bestätigung\./);
    const fractional = await post(katrin, `/api/v1/secondments/${id}/timesheets/${mondays[1].id}/correct`, {
      minutes: 450.5,
      reason: "Halb.",
    });
    expect(fractional.statusCode).toBe(400);
    expect(fractional.json().errors[0]).toMatchObject({ field: "minutes", message: { de: "Geben Sie ganze Minuten ein." } });

    const confirmed = await post(health, `/api/v1/secondments/${id}/timesheets/${mondays[1].id}/confirm`);
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json().totals.confirmedMinutes).toBe(3 * 465 + 480);
    // Finance sees the history: the replaced entry and its correction.
    const seen = (await sheet(finance, month)).entries.filter((e: { day: string }) => e.day === week[0]);
    expect(seen.map((e: { state: string }) => e.state)).toEqual(["replaced", "confirmed"]);
  });

  it("every change is in the audit log", async () => {
    const rows = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entity, "timesheet_entry")));
    expect(rows.filter((r) => r.action === "create")).toHaveLength(7);
    const updates = rows.filter((r) => r.action === "update").map((r) => [r.before, r.after]);
    expect(updates).toHaveLength(6);
    // Five confirmations and one return, which keeps the head's comment.
    expect(updates.filter(([, after]) => JSON.stringify(after) === JSON.stringify({ entryState: "confirmed" }))).toHaveLength(5);
    expect(updates).toContainEqual([
      { entryState: "recorded" },
      { entryState: "returned", comment: "Freitag war Teamtag in Hannover, bitte 6 Stunden." },
    ]);
  });

  it.skipIf(testDatabaseKind !== "postgres")(
    "the same day sent 12 times at once is saved once; the others are 409, none a 5xx",
    async () => {
      const day = lastWeek()[0];
      const before = addDays(day, -7);
      const answers = await fireTogether(
        Array.from({ length: 12 }, () => ({
          client: katrin,
          request: {
            method: "POST" as const,
            url: `/api/v1/secondments/${id}/timesheets`,
            payload: { days: [{ day: before, minutes: 300 }] },
          },
        })),
      );
      expect(statusCounts(answers)).toEqual({ 201: 1, 409: 11 });
      const entries = (await sheet(katrin, before.slice(0, 7))).entries.filter((e: { day: string }) => e.day === before);
      expect(entries).toHaveLength(1);
    },
  );

  describe.skipIf(testDatabaseKind !== "postgres")("two decisions on one entry at once (PostgreSQL, overlapping transactions)", () => {
    /** Records `day` and returns the new entry's id. */
    const recordDay = async (day: string) => {
      const res = await post(katrin, `/api/v1/secondments/${id}/timesheets`, { days: [{ day, minutes: 420 }] });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().entries.find((e: { day: string; state: string }) => e.day === day && e.state === "recorded").id as string;
    };
    const onDay = async (day: string) =>
      (await sheet(health, day.slice(0, 7))).entries.filter((e: { day: string }) => e.day === day) as Array<{
        id: string;
        state: string;
        minutes: number;
      }>;
    const confirmUrl = (entryId: string) => `/api/v1/secondments/${id}/timesheets/${entryId}/confirm`;

    it("the two deciding accounts confirm the same day at once, four times each: one confirmation, the others are told it is confirmed already", async () => {
      const day = addDays(lastWeek()[1], -7);
      const entryId = await recordDay(day);
      const answers = await fireTogether(
        [health, regionHr, health, regionHr, health, regionHr, health, regionHr].map((client) => ({
          client,
          request: { method: "POST" as const, url: confirmUrl(entryId) },
        })),
      );
      expect(statusCounts(answers)).toEqual({ 200: 1, 400: 7 });
      const refused = answers.find((a) => a.statusCode === 400)!.json();
      expect(refused.errors[0]).toMatchObject({ field: "entryId", in: "params", message: { de: "Dieser Eintrag ist bereits bestätigt." } });
      expect((await onDay(day)).map((e) => e.state)).toEqual(["confirmed"]);
      const decided = await t.database.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.entity, "timesheet_entry"), eq(auditEvents.entityId, entryId), eq(auditEvents.action, "update")));
      expect(decided).toHaveLength(1);
    });

    it("a confirmation and a return of the same day at once: one of them wins, the day is in exactly its state", async () => {
      const day = addDays(lastWeek()[2], -7);
      const entryId = await recordDay(day);
      const answers = await fireTogether([
        { client: health, request: { method: "POST", url: confirmUrl(entryId) } },
        {
          client: regionHr,
          request: {
            method: "POST",
            url: `/api/v1/secondments/${id}/timesheets/${entryId}/return`,
            payload: { comment: "Bitte prüfen." },
          },
        },
      ]);
      const [confirm, back] = answers.map((a) => a.statusCode);
      expect([confirm, back].filter((s) => s === 200)).toHaveLength(1);
      // The loser is refused as a step on an entry that is no longer open (400 for the confirmation, 409 for the return).
      expect(confirm === 200 ? back : confirm).toBe(confirm === 200 ? 409 : 400);
      expect((await onDay(day)).map((e) => e.state)).toEqual([confirm === 200 ? "confirmed" : "returned"]);
    });

    it("two corrections of one confirmed day at once: one correction, the other is a 409", async () => {
      const day = addDays(lastWeek()[3], -7);
      const entryId = await recordDay(day);
      expect((await post(health, confirmUrl(entryId))).statusCode).toBe(200);
      const correct = (minutes: number) => ({
        client: katrin,
        request: {
          method: "POST" as const,
          url: `/api/v1/secondments/${id}/timesheets/${entryId}/correct`,
          payload: { minutes, reason: "Nachgetragen." },
        },
      });
      const answers = await fireTogether([correct(450), correct(480)]);
      expect(statusCounts(answers)).toEqual({ 201: 1, 409: 1 });
      const entries = await onDay(day);
      expect(entries.map((e) => e.state)).toEqual(["replaced", "recorded"]);
    });
  });
  it("confirming a day that is confirmed already names the day of the address, not a field the request does not have", async () => {
    const day = addDays(lastWeek()[4], -7);
    const recorded = await post(katrin, `/api/v1/secondments/${id}/timesheets`, { days: [{ day, minutes: 360 }] });
    expect(recorded.statusCode, recorded.body).toBe(201);
    const entryId = recorded.json().entries.find((e: { day: string; state: string }) => e.day === day && e.state === "recorded").id;
    const url = `/api/v1/secondments/${id}/timesheets/${entryId}/confirm`;
    expect((await post(health, url)).statusCode).toBe(200);
    const again = await post(health, url);
    expect(again.statusCode).toBe(400);
    expect(again.json().errors).toEqual([
      {
        field: "entryId",
        in: "params",
        rule: "entry_state",
        message: expect.objectContaining({ de: "Dieser Eintrag ist bereits bestätigt." }),
      },
    ]);
    // The week's route names the position in its list.
    const week = await post(health, `/api/v1/secondments/${id}/timesheets/confirmations`, { entryIds: [entryId] });
    expect(week.statusCode).toBe(400);
    expect(week.json().errors[0]).toMatchObject({ field: "entryIds.0", in: "body", rule: "entry_state" });
  });
});
