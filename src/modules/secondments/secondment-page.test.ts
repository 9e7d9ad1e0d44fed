/**
 * What the secondment page says is true (issue #15): the staff council's part before anyone asked
 * it, what a step waits for, the history as past events, the person's destination and first day,
 * and the step that waits for the reader. Dates are relative to today, so the rules about the
 * start hold whatever day the suite runs.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, desc, eq } from "drizzle-orm";
import { buildTestApp, type Client, type TestApp } from "../../../test/app";
import { auditEvents } from "../audit/audit.tables";
import { CONSENT_VERSION } from "../pool/consent";
import { confirmQualifications, joinPool, post, qualificationIds, requestBody, signInCast, step } from "../../../test/support-cast";
import { addDays, longDate, today } from "../../kernel/dates";

let t: TestApp;
let health: Client;
let regionHr: Client;
let wunstorfHr: Client;
let bauamt: Client;
let katrin: Client;
let council: Client;
let garbsenHr: Client;
let qualificationId: string;
let katrinId: string;
const day = (n: number) => addDays(today(), n);

const view = async (client: Client, id: string) => (await client.request({ method: "GET", url: `/api/v1/secondments/${id}` })).json();

async function offer(memberId: string, over: Record<string, unknown>) {
  const departmentId = (await health.request({ method: "GET", url: "/api/v1/me" })).json().department.id as string;
  const req = await post(
    health,
    "/api/v1/support-requests",
    requestBody({
      title: "Kontaktnachverfolgung",
      tasks: "Kontaktpersonen anrufen.",
      placeAddress: "Weinstraße 2, 30171 Hannover",
      departmentId,
      contactPhone: "0511 616-0",
      requiredQualificationIds: [qualificationId],
      ...over,
    }),
  );
  expect(req.statusCode, req.body).toBe(201);
  const res = await post(wunstorfHr, `/api/v1/support-requests/${req.json().id}/offers`, { memberId });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

async function newMember(name: string) {
  const res = await post(wunstorfHr, "/api/v1/pool-members", {
    hasConsent: true,
    consentVersion: CONSENT_VERSION,
    name,
    workEmail: `${name.split(" ")[0].toLowerCase()}@wunstorf.de`,
    jobTitle: "Bautechniker",
    employmentStatus: "employee",
    payGroup: "E 9a",
    departmentId: null,
    travelRadiusKm: 60,
    qualifications: [{ qualificationId }],
    availability: [{ startsOn: day(-10), endsOn: day(400), hoursPerWeek: 39 }],
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

async function setCouncilScope(councilScope: "all" | "longer_than_3_months") {
  const res = await wunstorfHr.request({
    method: "PUT",
    url: "/api/v1/secondment-settings",
    payload: { councilScope, councilDeadlineWorkingDays: 10, maxLentTotal: null, departmentCaps: [] },
  });
  expect(res.statusCode, res.body).toBe(200);
}

beforeAll(async () => {
  t = await buildTestApp();
  ({ health, regionHr, wunstorfHr, bauamt, katrin, council, garbsenHr } = await signInCast(t, [
    "health",
    "regionHr",
    "wunstorfHr",
    "bauamt",
    "katrin",
    "council",
    "garbsenHr",
  ]));
  qualificationId = (await qualificationIds(health))("bauantragspruefung");
  katrinId = await joinPool(katrin, [{ qualificationId }], { availability: [{ startsOn: day(-10), endsOn: day(400), hoursPerWeek: 39 }] });
  await confirmQualifications(wunstorfHr, katrinId, [{ qualificationId }]);
});
afterAll(async () => t?.close());

describe("the staff council before anyone asked it", () => {
  it("says it will be asked, and why — never 'not required' for a secondment that will need it", async () => {
    await setCouncilScope("all");
    const everyOne = await offer(await newMember("Jana Sommer"), { startsOn: day(30), endsOn: day(50) });
    expect((await view(wunstorfHr, everyOne)).councilOutlook).toEqual({ kind: "will_be_asked", because: "every_secondment" });
    expect((await view(regionHr, everyOne)).councilOutlook).toEqual({ kind: "will_be_asked", because: "every_secondment" });

    await setCouncilScope("longer_than_3_months");
    const long = await offer(await newMember("Lars Winter"), { startsOn: day(30), endsOn: day(160) });
    expect((await view(wunstorfHr, long)).councilOutlook).toEqual({ kind: "will_be_asked", because: "longer_than_three_months" });
    const short = await offer(await newMember("Mia Herbst"), { startsOn: day(30), endsOn: day(60) });
    expect((await view(wunstorfHr, short)).councilOutlook).toEqual({ kind: "not_required", because: "at_most_three_months" });
    // Accepted without the council: still "not required", for the same reason; the status agrees.
    for (const action of ["release", "approve", "accept"]) expect((await step(wunstorfHr, short, action)).statusCode).toBe(200);
    expect(await view(wunstorfHr, short)).toMatchObject({
      state: "accepted",
      councilStatus: "not_required",
      councilOutlook: { kind: "not_required", because: "at_most_three_months" },
    });
    // Once the council is asked, its status speaks for itself.
    for (const action of ["release", "record_hearing", "approve", "accept"])
      expect((await step(wunstorfHr, long, action)).statusCode).toBe(200);
    expect(await view(wunstorfHr, long)).toMatchObject({ state: "staff_council", councilStatus: "pending", councilOutlook: null });
    // Declined before anyone asked: the council was not involved.
    expect((await step(wunstorfHr, everyOne, "cancel", "Wird doch nicht gebraucht")).statusCode).toBe(200);
    expect((await view(wunstorfHr, everyOne)).councilOutlook).toEqual({ kind: "not_asked", because: null });
    await setCouncilScope("all");
  });
});

describe("Katrin's secondment, from the offer to the start", () => {
  let id: string;

  it("names the step that waits for each reader", async () => {
    id = await offer(katrinId, { startsOn: day(10), endsOn: day(40) });
    const todo = async (client: Client) =>
      (await client.request({ method: "GET", url: "/api/v1/secondments?todo=true" })).json().items.find((s: { id: string }) => s.id === id);
    expect((await todo(bauamt)).nextStepForMe).toBe("release");
    expect(await todo(wunstorfHr)).toBeUndefined();
    expect((await step(bauamt, id, "release")).statusCode).toBe(200);
    expect((await todo(wunstorfHr)).nextStepForMe).toBe("approve");
    expect((await step(wunstorfHr, id, "approve")).statusCode).toBe(200);
    expect((await todo(katrin)).nextStepForMe).toBe("accept");
    expect((await step(katrin, id, "accept")).statusCode).toBe(200);
    expect((await todo(council)).nextStepForMe).toBe("council_consent");
    expect((await step(council, id, "council_consent")).statusCode).toBe(200);
    expect((await todo(regionHr)).nextStepForMe).toBe("confirm");
    expect((await step(regionHr, id, "confirm")).statusCode).toBe(200);
    expect((await step(regionHr, id, "begin_onboarding")).statusCode).toBe(200);
    // Both sides have items of their own to tick.
    expect((await todo(wunstorfHr)).nextStepForMe).toBe("onboarding");
    expect((await todo(regionHr)).nextStepForMe).toBe("onboarding");
  });

  it("an action not yet possible says what it waits for: the other side's items, then the agreed start", async () => {
    const borrower = await view(regionHr, id);
    expect(borrower.actions).not.toContain("activate");
    expect(borrower.waitingFor).toEqual([
      {
        action: "activate",
        code: "onboarding_open",
        items: [
          { key: "it_account", party: "Region Hannover" },
          { key: "device", party: "Wunstorf" },
          { key: "workplace", party: "Region Hannover" },
          { key: "briefing", party: "Region Hannover" },
        ],
        date: null,
        hearings: [],
      },
    ]);
    const tick = (client: Client, keys: string[]) =>
      client.request({
        method: "PATCH",
        url: `/api/v1/secondments/${id}/onboarding`,
        payload: { items: keys.map((key) => ({ key, status: "done" })) },
      });
    expect((await tick(regionHr, ["it_account", "workplace", "briefing"])).statusCode).toBe(200);
    // "Einsatz beginnen ist möglich, sobald Wunstorf das Dienstgerät abgehakt hat."
    expect((await view(regionHr, id)).waitingFor[0].items).toEqual([{ key: "device", party: "Wunstorf" }]);
    expect((await tick(wunstorfHr, ["device"])).statusCode).toBe(200);
    const ready = await view(regionHr, id);
    expect(ready.waitingFor).toEqual([{ action: "activate", code: "before_start", items: [], date: day(10), hearings: [] }]);
    expect(ready.actions).toContain("activate_early");
    expect(ready.actionsNeedingReason).toContain("activate_early");
    // The lender has nothing to start: nothing is said to wait for it.
    expect((await view(wunstorfHr, id)).waitingFor).toEqual([]);
  });

  it("starting before the agreed day needs a reason, which the history and the audit log keep", async () => {
    const plain = await step(regionHr, id, "activate");
    expect(plain.statusCode).toBe(409);
    expect(plain.json().errors[0]).toMatchObject({
      rule: "before_start",
      message: { de: expect.stringContaining(longDate(day(10), "de")) },
    });
    expect((await step(regionHr, id, "activate_early")).json().errors[0].rule).toBe("reason_required");
    expect((await view(regionHr, id)).state).toBe("onboarding");
    const reason = "Die Infektionslage duldet keinen Aufschub.";
    expect((await view(regionHr, id)).destination.firstDay.date).toBe(day(10));
    const started = (await step(regionHr, id, "activate_early", reason)).json();
    expect(started.state).toBe("active");
    // The person's first day was today, not the agreed start.
    expect(started.destination.firstDay.date).toBe(day(0));
    expect(started.startsOn).toBe(day(10));
    expect(started.timeline.at(-1)).toMatchObject({
      reason,
      event: {
        de: `Personalamt Region Hannover hat den Einsatz vor dem vereinbarten Beginn am ${longDate(day(10), "de")} begonnen`,
        en: `The HR office of Region Hannover started the deployment before the agreed start on ${longDate(day(10), "en")}`,
      },
    });
    const [audit] = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, id), eq(auditEvents.entity, "secondment")))
      .orderBy(desc(auditEvents.id))
      .limit(1);
    expect(audit.after).toMatchObject({ state: "active", action: "activate_early", reason, startedBeforeAgreedStart: day(10) });
    // The lender's audit log says it in words, the agreed start named and written out.
    const log = (await wunstorfHr.request({ method: "GET", url: "/api/v1/audit-events?objectType=secondment" })).json().items as Array<{
      entityId: string;
      sentence: { de: string };
      changes: Array<{ de: string }>;
    }>;
    const early = log.find((e) => e.entityId === id && e.sentence.de === "hat den Einsatz vor dem vereinbarten Beginn begonnen")!;
    expect(early.changes.map((c) => c.de)).toContain(`Vereinbarter Beginn: ${longDate(day(10), "de")}`);
    // The borrowing HR office that took the step finds it in its own log too, with a link to the secondment.
    const own = (await regionHr.request({ method: "GET", url: "/api/v1/audit-events?objectType=secondment" })).json().items as Array<{
      entityId: string;
      sentence: { de: string };
      object: { link: string | null };
    }>;
    const mine = own.filter((e) => e.entityId === id).map((e) => e.sentence.de);
    expect(mine).toContain("hat den Einsatz vor dem vereinbarten Beginn begonnen");
    expect(mine).toContain("hat die Abordnungsvereinbarung bestätigt");
    expect(own.find((e) => e.entityId === id)!.object.link).toBe(`/abordnungen/${id}`);
    // What Wunstorf's own people did stays Wunstorf's: its approval is not in the region's log.
    expect(mine).not.toContain("hat genehmigt");
  });

  it("the history lists what happened, by whom, in German and English", async () => {
    const history = (await view(regionHr, id)).timeline as Array<{ event: { de: string; en: string } }>;
    expect(history.map((e) => e.event.de)).toEqual([
      "Personalamt Wunstorf hat die Abordnung vorgeschlagen",
      "Die Fachbereichsleitung in Wunstorf hat freigegeben",
      "Personalamt Wunstorf hat genehmigt",
      "Katrin Schulze hat zugestimmt",
      "Der Personalrat der Stadt Wunstorf hat zugestimmt",
      "Personalamt Region Hannover hat die Vereinbarung bestätigt",
      "Personalamt Region Hannover hat die Einarbeitung begonnen",
      `Personalamt Region Hannover hat den Einsatz vor dem vereinbarten Beginn am ${longDate(day(10), "de")} begonnen`,
    ]);
    expect(history[2].event.en).toBe("The HR office of Wunstorf approved");
    expect(history[4].event.en).toBe("The staff council of Wunstorf consented");
  });

  it("she sees where she goes: administration, department, address, whom to ask, and the first day; no link she cannot open", async () => {
    const mine = await view(katrin, id);
    expect(mine.destination).toEqual({
      administration: "Region Hannover",
      department: expect.any(String),
      address: "Weinstraße 2, 30171 Hannover",
      contact: { name: "Dr. Miriam Okafor", email: "gesundheitsamt@region-hannover.demo", phone: "0511 616-0" },
      // She started early (above): her first day was today, not the agreed start.
      firstDay: { date: day(0), time: null, place: null, note: null },
    });
    expect(mine.abilities).toMatchObject({ openRequest: false, editFirstDay: false });
    expect((await katrin.request({ method: "GET", url: `/api/v1/support-requests/${mine.request.id}` })).statusCode).toBe(404);
  });

  it("the receiving HR office tells her when and where to report; nobody else can", async () => {
    const firstDay = { time: "08:30", place: "Weinstraße 2, Raum 112 (Empfang)", note: "Bitte den Dienstausweis mitbringen." };
    const put = (client: Client, payload: unknown) =>
      client.request({ method: "PUT", url: `/api/v1/secondments/${id}/first-day`, payload: payload as Record<string, unknown> });
    const wrongTime = await put(regionHr, { ...firstDay, time: "8 Uhr" });
    expect(wrongTime.statusCode).toBe(400);
    expect(wrongTime.json().errors[0]).toMatchObject({ field: "time", message: { de: "Geben Sie die Uhrzeit im Format 08:30 ein." } });
    expect((await put(katrin, firstDay)).statusCode).toBe(403);
    expect((await put(wunstorfHr, firstDay)).statusCode).toBe(403);
    expect((await put(garbsenHr, firstDay)).statusCode).toBe(404);
    const saved = await put(regionHr, firstDay);
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await view(katrin, id)).destination.firstDay).toEqual({ date: day(0), ...firstDay });
  });
});
