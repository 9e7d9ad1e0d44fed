import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { desc, eq, sql } from "drizzle-orm";
import { PDFDocument, PDFName } from "pdf-lib";
import { buildTestApp, type Client, type TestApp } from "../../../test/app";
import { parseEvents } from "../../../test/ical";
import { auditEvents } from "../audit/audit.tables";
import { outboxMessages } from "../notifications/outbox.tables";
import { CONSENT_VERSION } from "../pool/consent";
import {
  confirmQualifications,
  declareCrisis,
  joinPool,
  post,
  publishFrameworkAgreement,
  qualificationIds,
  requestBody,
  signInCast,
  step,
} from "../../../test/support-cast";
import { today } from "../../kernel/dates";
import { runSecondmentDeadlines } from "./deadlines";

let t: TestApp;
let health: Client;
let regionHr: Client;
let wunstorfHr: Client;
let bauamt: Client;
let katrin: Client;
let council: Client;
let garbsenHr: Client;
let q: (key: string) => string;
let crisisId: string;

async function newRequest(over: Record<string, unknown> = {}) {
  const res = await post(
    health,
    "/api/v1/support-requests",
    requestBody({ headcount: 2, urgency: "crisis", crisisId, requiredQualificationIds: [q("bauantragspruefung")], ...over }),
  );
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

async function mailsTo(address: string) {
  const rows = await t.database.db.select().from(outboxMessages).where(eq(outboxMessages.toAddress, address));
  return rows.map((r) => r.subject);
}

beforeAll(async () => {
  t = await buildTestApp();
  let coordination: Client;
  ({ health, regionHr, wunstorfHr, bauamt, katrin, council, garbsenHr, coordination } = await signInCast(t, [
    "health",
    "regionHr",
    "wunstorfHr",
    "bauamt",
    "katrin",
    "council",
    "garbsenHr",
    "coordination",
  ]));
  q = await qualificationIds(health);
  crisisId = await declareCrisis(coordination);
  await publishFrameworkAgreement(
    coordination,
    "Personalkostensätze nach KGSt, Haftung nach § 3 TVöD, Unfallversicherung über den GUV Hannover, gemeinsame Verantwortung nach Art. 26 DSGVO.",
  );
  // Katrin Schulze (Wunstorf, Bauordnung) joins the pool; the HR office confirms her qualification.
  const memberId = await joinPool(katrin, [{ qualificationId: q("bauantragspruefung") }]);
  await confirmQualifications(wunstorfHr, memberId, [{ qualificationId: q("bauantragspruefung") }]);
});
afterAll(async () => t?.close());

async function katrinsMemberId() {
  return (await katrin.request({ method: "GET", url: "/api/v1/me/pool-membership" })).json().member.id as string;
}

describe("the secondment path", () => {
  let id: string;
  let requestId: string;

  it("an offer opens a proposal; the borrower sees no name, a non-party sees nothing", async () => {
    requestId = await newRequest();
    const offered = await post(wunstorfHr, `/api/v1/support-requests/${requestId}/offers`, { memberId: await katrinsMemberId() });
    expect(offered.statusCode, offered.body).toBe(201);
    id = offered.json().id;
    const lender = (await wunstorfHr.request({ method: "GET", url: `/api/v1/secondments/${id}` })).json();
    expect(lender).toMatchObject({
      state: "proposed",
      person: { name: "Katrin Schulze" },
      legalBasis: expect.stringContaining("§ 4 Abs. 1 TVöD"),
    });
    const borrower = await regionHr.request({ method: "GET", url: `/api/v1/secondments/${id}` });
    expect(borrower.statusCode).toBe(200);
    expect(borrower.json().person.name).toBeNull();
    expect(borrower.body).not.toContain("Katrin");
    // Without the name there are no documents for the borrower yet, nor anything to extend.
    expect(borrower.json().abilities).toEqual({
      extend: false,
      downloadAgreement: false,
      downloadOrder: false,
      openRequest: true,
      editFirstDay: false,
      // The overhead is the lending HR office's to state, never the borrower's.
      editOverhead: false,
    });
    expect((await regionHr.request({ method: "GET", url: `/api/v1/secondments/${id}/agreement.pdf` })).statusCode).toBe(409);
    expect((await garbsenHr.request({ method: "GET", url: `/api/v1/secondments/${id}` })).statusCode).toBe(404);
    expect(await mailsTo("bauamt@wunstorf.demo")).toHaveLength(1);
  });

  it("each step is taken by its role only: release, approval, acceptance, staff council, confirmation", async () => {
    // The HR office may not release for the department; the head of Bauordnung does.
    const wrong = await step(wunstorfHr, id, "release");
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().errors[0].rule).toBe("not_your_step");
    expect((await step(bauamt, id, "release")).json().state).toBe("released");
    expect((await step(katrin, id, "accept")).statusCode).toBe(409);
    expect((await step(wunstorfHr, id, "approve")).json().state).toBe("approved");
    expect(await mailsTo("mitarbeiterin@wunstorf.demo")).toHaveLength(1);
    const accepted = (await step(katrin, id, "accept")).json();
    expect(accepted.state).toBe("staff_council");
    expect(accepted.councilDeadline).toMatch(/^\d{4}-\d\d-\d\d$/);
    expect(await mailsTo("personalrat@wunstorf.demo")).toHaveLength(1);
    expect((await step(regionHr, id, "confirm")).statusCode).toBe(409);
    const refusedWithout = await step(council, id, "council_refuse");
    expect(refusedWithout.json().errors[0].rule).toBe("reason_required");
    expect((await step(council, id, "council_consent")).json().state).toBe("accepted");
    // Now the borrower sees the name.
    const confirmed = (await step(regionHr, id, "confirm")).json();
    expect(confirmed).toMatchObject({ state: "agreed", person: { name: "Katrin Schulze" }, frameworkAgreement: { version: 1 } });
    expect(confirmed.onboarding.map((i: { key: string }) => i.key)).toEqual(["it_account", "device", "workplace", "badge", "briefing"]);
    const timeline = confirmed.timeline.map((s: { action: string; actorName: string }) => `${s.action}:${s.actorName}`);
    expect(timeline).toEqual([
      "propose:Sabine Köhler",
      "release:Thomas Meyer",
      "approve:Sabine Köhler",
      "accept:Katrin Schulze",
      "council_consent:Personalrat Wunstorf",
      "confirm:Personalamt Region Hannover",
    ]);
  });

  it("the agreement PDF names parties, person, legal basis, framework version and the council's consent", async () => {
    const res = await regionHr.request({ method: "GET", url: `/api/v1/secondments/${id}/agreement.pdf` });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/pdf");
    const dir = mkdtempSync(join(tmpdir(), "verbund-pdf-"));
    writeFileSync(join(dir, "a.pdf"), res.rawPayload);
    const text = execFileSync("pdftotext", ["-layout", join(dir, "a.pdf"), "-"], { encoding: "utf8" });
    for (const expected of [
      "Abordnungsvereinbarung",
      "Wunstorf",
      "Region Hannover",
      "Katrin Schulze",
      "Entgeltgruppe E 11",
      "07.12.2026 bis 31.01.2027",
      "§ 4 Abs. 1 TVöD",
      "Fassung 1",
      "Personalrat der abgebenden Verwaltung hat zugestimmt",
      "Quarantäne",
      "gemäß",
    ]) {
      expect(text.replace(/\s+/g, " ")).toContain(expected);
    }
    // Employees under TVöD get no secondment order.
    expect((await regionHr.request({ method: "GET", url: `/api/v1/secondments/${id}/order.pdf` })).statusCode).toBe(404);
  });

  it("the agreement PDF is tagged (PDF/UA): language, title shown, headings, the fields as a table, text in reading order", async () => {
    const res = await regionHr.request({ method: "GET", url: `/api/v1/secondments/${id}/agreement.pdf` });
    const dir = mkdtempSync(join(tmpdir(), "verbund-pdf-"));
    writeFileSync(join(dir, "a.pdf"), res.rawPayload);
    const info = execFileSync("pdfinfo", [join(dir, "a.pdf")], { encoding: "utf8" });
    expect(info).toMatch(/^Tagged:\s+yes$/m);
    expect(info).toMatch(/^Title:\s+Abordnungsvereinbarung – Katrin Schulze$/m);
    const pdf = await PDFDocument.load(res.rawPayload);
    expect(String(pdf.catalog.lookup(PDFName.of("Lang")))).toBe("(de-DE)");
    expect(String(pdf.catalog.lookup(PDFName.of("ViewerPreferences")))).toContain("/DisplayDocTitle true");
    expect(String(pdf.catalog.lookup(PDFName.of("MarkInfo")))).toContain("/Marked true");
    const tree = execFileSync("pdfinfo", ["-struct-text", join(dir, "a.pdf")], { encoding: "utf8" });
    // Every element with its text, in reading order.
    const elements = [...tree.matchAll(/^\s*(Document|H1|H2|P|Table|TR|TH|TD)\b.*$/gm)].map((m) => m[1]);
    expect(elements[0]).toBe("Document");
    expect(elements.filter((e) => e === "H1")).toHaveLength(1);
    const headings = [...tree.matchAll(/H2[^\n]*\n\s*"([^"]+)"/g)].map((m) => m[1]);
    expect(headings).toEqual([
      "1. Beteiligte",
      "2. Abordnung",
      "3. Rechtsgrundlage und Beteiligungen",
      "4. Kosten",
      "5. Rahmenvereinbarung",
    ]);
    expect(elements.filter((e) => e === "Table").length).toBeGreaterThanOrEqual(3);
    expect(elements.filter((e) => e === "TH").length).toBe(elements.filter((e) => e === "TD").length);
    // The receiving side as the request names it: the administration, and its department where the request has one.
    expect(tree).toMatch(/Aufnehmende Verwaltung"\s*\n\s*TD[^\n]*\n\s*"Region Hannover"/);
    const text = tree.replace(/\s+/g, " ");
    const order = [
      "Abordnungsvereinbarung",
      "Abgebende Verwaltung",
      "Wunstorf",
      "Aufnehmende Verwaltung",
      "Region Hannover",
      "Katrin Schulze",
      "Zeitraum",
      "07.12.2026 bis 31.01.2027",
      "Rechtsgrundlage",
      "§ 4 Abs. 1 TVöD",
      "Kostenerstattung",
      "Fassung 1",
      "Erstellt mit Verbund",
    ];
    let from = 0;
    for (const expected of order) {
      const at = text.indexOf(expected, from);
      expect(at, `"${expected}" after position ${from}`).toBeGreaterThanOrEqual(0);
      from = at + expected.length;
    }
  });

  it("onboarding: each side ticks its own items; active only when the required ones are done", async () => {
    expect((await step(regionHr, id, "begin_onboarding")).json().state).toBe("onboarding");
    const early = await step(regionHr, id, "activate");
    expect(early.statusCode).toBe(409);
    expect(early.json().errors[0].rule).toBe("onboarding_open");
    const foreignItem = await regionHr.request({
      method: "PATCH",
      url: `/api/v1/secondments/${id}/onboarding`,
      payload: { items: [{ key: "device", status: "done" }] },
    });
    expect(foreignItem.statusCode).toBe(403);
    const lenderDone = await wunstorfHr.request({
      method: "PATCH",
      url: `/api/v1/secondments/${id}/onboarding`,
      payload: { items: [{ key: "device", status: "done" }] },
    });
    expect(lenderDone.statusCode, lenderDone.body).toBe(200);
    const borrowerDone = await regionHr.request({
      method: "PATCH",
      url: `/api/v1/secondments/${id}/onboarding`,
      payload: { items: ["it_account", "workplace", "briefing"].map((key) => ({ key, status: "done" })) },
    });
    expect(borrowerDone.statusCode, borrowerDone.body).toBe(200);
    // The agreed start is 7 December 2026: before it, the deployment starts only with a reason.
    if (today() < "2026-12-07") {
      const early = await step(regionHr, id, "activate");
      expect(early.json().errors[0]).toMatchObject({ rule: "before_start", message: { de: expect.stringContaining("7. Dezember 2026") } });
      const started = await step(regionHr, id, "activate_early", "Die Kontaktnachverfolgung duldet keinen Aufschub.");
      expect(started.json().state).toBe("active");
    } else {
      expect((await step(regionHr, id, "activate")).json().state).toBe("active");
    }
    const request = (await health.request({ method: "GET", url: `/api/v1/support-requests/${requestId}` })).json();
    expect(request).toMatchObject({ status: "partly_filled", filled: 1 });
  });

  it("tells the page what the caller may do: steps that need a reason, extending, ticking items, documents", async () => {
    const view = async (client: Client) => (await client.request({ method: "GET", url: `/api/v1/secondments/${id}` })).json();
    const lender = await view(wunstorfHr);
    expect(lender.state).toBe("active");
    // Each step said to need a reason is refused without one (and nothing changes).
    expect(lender.actionsNeedingReason.length).toBeGreaterThan(0);
    for (const action of lender.actionsNeedingReason) {
      expect(lender.actions).toContain(action);
      const refused = await step(wunstorfHr, id, action);
      expect(refused.json().errors[0].rule, action).toBe("reason_required");
    }
    expect(lender.actions).toContain("complete");
    expect(lender.actionsNeedingReason).not.toContain("complete");
    expect((await view(wunstorfHr)).state).toBe("active");

    const mine = (v: { onboarding: Array<{ key: string; canUpdate: boolean }> }) =>
      v.onboarding.filter((i) => i.canUpdate).map((i) => i.key);
    expect(mine(lender)).toEqual(["device"]);
    expect(mine(await view(regionHr))).toEqual(["it_account", "workplace", "badge", "briefing"]);
    expect(mine(await view(katrin))).toEqual([]);
    // Agreed: the overhead surcharge is fixed for everybody.
    const documents = { downloadAgreement: true, downloadOrder: false, editOverhead: false };
    expect(lender.abilities).toEqual({ extend: true, ...documents, openRequest: true, editFirstDay: false });
    expect((await view(regionHr)).abilities).toEqual({ extend: true, ...documents, openRequest: true, editFirstDay: true });
    // She may not open the request (employees see no requests), so the page shows no link to it.
    expect((await view(katrin)).abilities).toEqual({ extend: false, ...documents, openRequest: false, editFirstDay: false });
    expect((await view(bauamt)).abilities.extend).toBe(false);
    expect((await katrin.request({ method: "GET", url: `/api/v1/secondments/${id}/agreement.pdf` })).statusCode).toBe(200);
  });

  it("an extension passes the same gates again; counted with the original it exceeds three months, so the hearing is due", async () => {
    const res = await post(regionHr, `/api/v1/secondments/${id}/extensions`, { endsOn: "2027-03-31" });
    expect(res.statusCode, res.body).toBe(201);
    const extension = res.json();
    expect(extension).toMatchObject({ state: "proposed", isExtension: true, amendsId: id, startsOn: "2027-02-01", endsOn: "2027-03-31" });
    expect((await post(regionHr, `/api/v1/secondments/${id}/extensions`, { endsOn: "2027-04-30" })).statusCode).toBe(409);
    expect((await step(bauamt, extension.id, "release")).json().state).toBe("released");
    expect((await step(wunstorfHr, extension.id, "approve")).json().errors[0].rule).toBe("hearing_missing");
    await step(wunstorfHr, extension.id, "record_hearing");
    expect((await step(wunstorfHr, extension.id, "approve")).json().state).toBe("approved");
    expect((await step(wunstorfHr, extension.id, "cancel", "Verlängerung doch nicht nötig")).json().state).toBe("cancelled");
  });

  it("the person cannot be proposed for an overlapping period; the refusal names the next free interval", async () => {
    const other = await newRequest({
      title: "Bauanträge Hochwasser",
      startsOn: "2027-01-04",
      endsOn: "2027-02-28",
      urgency: "urgent",
      crisisId: null,
    });
    const res = await post(wunstorfHr, `/api/v1/support-requests/${other}/offers`, { memberId: await katrinsMemberId() });
    expect(res.statusCode).toBe(409);
    expect(res.json().errors[0]).toMatchObject({ field: "period", rule: "overlap" });
    expect(res.json().errors[0].message.de).toContain("01.02.2027–28.03.2027");
  });

  it("an iCal feed shows her secondment behind an unguessable token until it is revoked", async () => {
    const feed = await post(katrin, "/api/v1/calendar-feeds", { scope: "person" });
    expect(feed.statusCode).toBe(201);
    const path = new URL(feed.json().url).pathname;
    const ics = await t.anonymous().request({ method: "GET", url: path });
    expect(ics.statusCode).toBe(200);
    expect(ics.headers["content-type"]).toContain("text/calendar");
    const own = parseEvents(ics.body);
    expect(own.name).toBe("Meine Abordnungen");
    expect(own.events).toEqual([
      expect.objectContaining({
        uid: `${id}@verbund.region-hannover`,
        summary: "Abordnung an Region Hannover",
        description: "20 Stunden pro Woche. Kontaktpersonen anrufen, Quarantäne anordnen, SORMAS pflegen.",
        start: "2026-12-07",
        end: "2027-02-01",
        isAllDay: true,
        status: "CONFIRMED",
      }),
    ]);
    expect(ics.body.split("\r\n").every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    expect((await t.anonymous().request({ method: "GET", url: path.replace(/.{6}\.ics$/, "AAAAAA.ics") })).statusCode).toBe(404);
    const revoked = await katrin.request({ method: "DELETE", url: `/api/v1/calendar-feeds/${feed.json().id}` });
    expect(revoked.statusCode).toBe(204);
    expect((await t.anonymous().request({ method: "GET", url: path })).statusCode).toBe(404);
    // The head of Bauordnung subscribes to the department's outgoing and incoming secondments.
    const department = await post(bauamt, "/api/v1/calendar-feeds", { scope: "department" });
    expect(department.statusCode, department.body).toBe(201);
    const dep = await t.anonymous().request({ method: "GET", url: new URL(department.json().url).pathname });
    expect(parseEvents(dep.body).events.map((e) => e.summary)).toContain("Katrin Schulze → Region Hannover");
    // An employee has no department calendar, and the page is told so.
    expect((await post(katrin, "/api/v1/calendar-feeds", { scope: "department" })).statusCode).toBe(400);
    expect((await katrin.request({ method: "GET", url: "/api/v1/calendar-feeds" })).json().abilities).toEqual({
      createDepartmentFeed: false,
    });
    expect((await bauamt.request({ method: "GET", url: "/api/v1/calendar-feeds" })).json().abilities).toEqual({
      createDepartmentFeed: true,
    });
  });

  it("ends: completed by Verbund once the period is over", async () => {
    const changed = await runSecondmentDeadlines(t.database.db, "http://localhost", "2027-02-01");
    expect(changed).toBeGreaterThanOrEqual(1);
    expect((await wunstorfHr.request({ method: "GET", url: `/api/v1/secondments/${id}` })).json().state).toBe("completed");
  });
});

describe("rules around the path", () => {
  async function newMember(name: string, over: Record<string, unknown> = {}) {
    const deps = (await wunstorfHr.request({ method: "GET", url: "/api/v1/secondment-settings" })).json().departmentCaps as Array<{
      departmentId: string;
      name: string;
    }>;
    const res = await post(wunstorfHr, "/api/v1/pool-members", {
      hasConsent: true,
      consentVersion: CONSENT_VERSION,
      name,
      workEmail: `${name.split(" ")[0].toLowerCase()}@wunstorf.de`,
      jobTitle: "Bautechniker",
      employmentStatus: "employee",
      payGroup: "E 9a",
      departmentId: deps.find((d) => d.name === "Bauordnung")!.departmentId,
      travelRadiusKm: 60,
      qualifications: [{ qualificationId: q("bauantragspruefung") }],
      availability: [{ startsOn: "2026-12-01", endsOn: "2027-12-31", hoursPerWeek: 39 }],
      ...over,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  }

  it("a release beyond the department's cap is refused with a clear message", async () => {
    const settings = (await wunstorfHr.request({ method: "GET", url: "/api/v1/secondment-settings" })).json();
    const bau = settings.departmentCaps.find((d: { name: string }) => d.name === "Bauordnung");
    const put = await wunstorfHr.request({
      method: "PUT",
      url: "/api/v1/secondment-settings",
      payload: {
        councilScope: "all",
        councilDeadlineWorkingDays: 10,
        maxLentTotal: null,
        departmentCaps: [{ departmentId: bau.departmentId, maxLent: 1 }],
      },
    });
    expect(put.statusCode, put.body).toBe(200);
    const requestId = await newRequest({ title: "Bauaufsicht Verstärkung", startsOn: "2027-03-01", endsOn: "2027-04-30", headcount: 3 });
    const a = (await post(wunstorfHr, `/api/v1/support-requests/${requestId}/offers`, { memberId: await newMember("Jens Bruns") })).json()
      .id;
    const b = (
      await post(wunstorfHr, `/api/v1/support-requests/${requestId}/offers`, { memberId: await newMember("Mareike Lüders") })
    ).json().id;
    expect((await step(bauamt, a, "release")).json().state).toBe("released");
    const refused = await step(bauamt, b, "release");
    expect(refused.statusCode).toBe(409);
    expect(refused.json().errors[0]).toMatchObject({ rule: "cap_reached" });
    expect(refused.json().errors[0].message.de).toContain("höchstens 1 Personen gleichzeitig");
    // The head of department may refuse a proposal with a reason.
    expect((await step(bauamt, b, "cancel", "Eigener Rückstand bei Bauanträgen")).json().state).toBe("cancelled");
    // The borrower hears of the cancellation, but not whom it concerned: she never accepted.
    const toBorrower = await t.database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.toAddress, "personal@region-hannover.demo"));
    const cancelled = toBorrower.find((m) => m.textBody.includes(`/abordnungen/${b}`));
    expect(cancelled?.subject).toContain("abgebrochen");
    expect(cancelled?.textBody).toContain("einer Person aus dem Unterstützungspool");
    expect(cancelled?.textBody).not.toContain("Mareike");
  });

  it("a deputy acts in the department head's place; the timeline and audit log say on whose behalf", async () => {
    const clerkAccount = (await bauamt.request({ method: "GET", url: "/api/v1/deputies" }))
      .json()
      .candidates.find((c: { name: string }) => c.name === "Aylin Demir");
    const named = await post(bauamt, "/api/v1/deputies", { deputyAccountId: clerkAccount.id, startsOn: today(), endsOn: "2027-12-31" });
    expect(named.statusCode, named.body).toBe(201);
    const clerk = await t.signIn("sachbearbeitung@wunstorf.demo");
    const requestId = await newRequest({ title: "Bauaufsicht Vertretung", startsOn: "2027-06-01", endsOn: "2027-06-30", headcount: 1 });
    const id = (
      await post(wunstorfHr, `/api/v1/support-requests/${requestId}/offers`, { memberId: await newMember("Ole Hinrichs") })
    ).json().id;
    const res = await step(clerk, id, "release");
    expect(res.statusCode, res.body).toBe(200);
    const released = res.json();
    expect(released.timeline.at(-1)).toMatchObject({ actorName: "Aylin Demir", onBehalfOf: "Thomas Meyer" });
    const [audit] = await t.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.entityId, id))
      .orderBy(desc(auditEvents.id))
      .limit(1);
    expect(audit).toMatchObject({ actorLogin: "sachbearbeitung@wunstorf.demo", onBehalfOf: "bauamt@wunstorf.demo" });
    // Without the deputyship the clerk has no step.
    await bauamt.request({ method: "DELETE", url: `/api/v1/deputies/${named.json().id}` });
    expect((await step(clerk, id, "cancel", "Test")).statusCode).toBe(404);
  });

  it("more than three months under TVöD: approval waits for the recorded hearing", async () => {
    const requestId = await newRequest({ title: "Langfristige Unterstützung", startsOn: "2027-08-01", endsOn: "2027-12-31", headcount: 1 });
    const id = (
      await post(wunstorfHr, `/api/v1/support-requests/${requestId}/offers`, { memberId: await newMember("Frieda Möller") })
    ).json().id;
    await step(bauamt, id, "release");
    const early = await step(wunstorfHr, id, "approve");
    expect(early.json().errors[0].rule).toBe("hearing_missing");
    expect(early.json().errors[0].message.de).toContain("§ 4 Abs. 1 TVöD");
    // Nobody recorded a severe disability: the representative's hearing is not offered.
    const released = (await wunstorfHr.request({ method: "GET", url: `/api/v1/secondments/${id}` })).json();
    expect(released.missingHearings).toEqual(["tvoed"]);
    expect(released.actions).not.toContain("record_sbv_hearing");
    expect((await step(wunstorfHr, id, "record_sbv_hearing")).json().errors[0].rule).toBe("hearing_not_due");
    expect((await step(wunstorfHr, id, "record_hearing")).json().hearingRecordedAt).toMatch(/^\d{4}-/);
    expect((await step(wunstorfHr, id, "approve")).json().state).toBe("approved");
  });

  it("the staff council's silence counts as consent after its deadline", async () => {
    const requestId = await newRequest({ title: "Fristablauf", startsOn: "2027-07-01", endsOn: "2027-07-31", headcount: 1 });
    const id = (
      await post(wunstorfHr, `/api/v1/support-requests/${requestId}/offers`, {
        memberId: await newMember("Bernd Kruse", { departmentId: null }),
      })
    ).json().id;
    // Without a department, the HR office releases; the member has no account, so the HR office records the written acceptance.
    await step(wunstorfHr, id, "release");
    await step(wunstorfHr, id, "approve");
    const atCouncil = (await step(wunstorfHr, id, "accept")).json();
    expect(atCouncil.state).toBe("staff_council");
    expect(await runSecondmentDeadlines(t.database.db, "http://localhost", atCouncil.councilDeadline)).toBe(0);
    const next = new Date(Date.parse(atCouncil.councilDeadline) + 86_400_000).toISOString().slice(0, 10);
    expect(await runSecondmentDeadlines(t.database.db, "http://localhost", next)).toBe(1);
    const after = (await wunstorfHr.request({ method: "GET", url: `/api/v1/secondments/${id}` })).json();
    expect(after).toMatchObject({ state: "accepted", councilStatus: "deemed" });
    expect(after.timeline.at(-1)).toMatchObject({ actorName: "Verbund", action: "council_deemed" });
    const [{ n }] = (
      await t.database.db.execute(sql`select count(*)::int as n from outbox_messages where to_address = 'personal@region-hannover.demo'`)
    ).rows as Array<{ n: number }>;
    expect(n).toBeGreaterThanOrEqual(2);
  });

  it("a civil servant in a crisis: consent recorded, provisional start before the council decides, and a secondment order", async () => {
    const requestId = await newRequest({ title: "Krisenstab Verstärkung", startsOn: "2027-09-01", endsOn: "2027-09-30", headcount: 1 });
    const memberId = await newMember("Jens Albers", { departmentId: null, employmentStatus: "civil_servant", payGroup: "A 9" });
    const id = (await post(wunstorfHr, `/api/v1/support-requests/${requestId}/offers`, { memberId })).json().id;
    await step(wunstorfHr, id, "release");
    await step(wunstorfHr, id, "approve");
    const atCouncil = (await step(wunstorfHr, id, "accept")).json();
    expect(atCouncil).toMatchObject({ state: "staff_council", legalBasis: expect.stringContaining("§ 27 NBG") });
    expect((await step(wunstorfHr, id, "start_provisionally")).json().errors[0].rule).toBe("reason_required");
    const provisional = (await step(wunstorfHr, id, "start_provisionally", "Krisenlage, Personalrat tagt erst nächste Woche")).json();
    expect(provisional).toMatchObject({ state: "accepted", councilStatus: "provisional" });
    expect((await step(regionHr, id, "confirm")).json().state).toBe("agreed");
    const consented = (await step(council, id, "council_consent")).json();
    expect(consented).toMatchObject({ state: "agreed", councilStatus: "consented" });
    const order = await regionHr.request({ method: "GET", url: `/api/v1/secondments/${id}/order.pdf` });
    expect(order.statusCode).toBe(200);
    expect((await regionHr.request({ method: "GET", url: `/api/v1/secondments/${id}` })).json().abilities.downloadOrder).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), "verbund-pdf-"));
    writeFileSync(join(dir, "o.pdf"), order.rawPayload);
    const text = execFileSync("pdftotext", [join(dir, "o.pdf"), "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
    for (const expected of ["Abordnungsverfügung", "Jens Albers", "Besoldungsgruppe A 9", "§ 27 NBG", "mit ihrem/seinem Einverständnis"]) {
      expect(text).toContain(expected);
    }
  });

  it("accepting one secondment withdraws the person's other proposals that overlap it", async () => {
    const a = await newRequest({
      title: "Oktober A",
      startsOn: "2027-10-01",
      endsOn: "2027-10-31",
      headcount: 1,
      urgency: "urgent",
      crisisId: null,
    });
    const b = await newRequest({
      title: "Oktober B",
      startsOn: "2027-10-15",
      endsOn: "2027-11-15",
      headcount: 1,
      urgency: "urgent",
      crisisId: null,
    });
    const memberId = await newMember("Hanna Otte", { departmentId: null });
    const first = (await post(wunstorfHr, `/api/v1/support-requests/${a}/offers`, { memberId })).json().id;
    const second = (await post(wunstorfHr, `/api/v1/support-requests/${b}/offers`, { memberId })).json().id;
    await step(wunstorfHr, first, "release");
    await step(wunstorfHr, first, "approve");
    await step(wunstorfHr, first, "accept");
    const other = (await wunstorfHr.request({ method: "GET", url: `/api/v1/secondments/${second}` })).json();
    expect(other.state).toBe("withdrawn");
    expect(other.timeline.at(-1)).toMatchObject({ actorName: "Verbund", action: "withdraw" });
  });

  it("the borrower proposes someone from the region's pool without learning the name; the lender decides as usual", async () => {
    const garbsenMember = await post(garbsenHr, "/api/v1/pool-members", {
      hasConsent: true,
      consentVersion: CONSENT_VERSION,
      name: "Piotr Kanarek",
      workEmail: "p.kanarek@garbsen.de",
      phone: "05131 707-123",
      jobTitle: "Bauzeichner",
      employmentStatus: "employee",
      payGroup: "E 8",
      travelRadiusKm: 40,
      qualifications: [{ qualificationId: q("bauantragspruefung") }],
      availability: [{ startsOn: "2027-11-01", endsOn: "2027-12-31", hoursPerWeek: 30 }],
    });
    expect(garbsenMember.statusCode, garbsenMember.body).toBe(201);
    // A request of the health office's department, so that the department's calendar shows it.
    const healthDepartment = (await health.request({ method: "GET", url: "/api/v1/me" })).json().department.id as string;
    const requestId = await newRequest({
      title: "November Bauanträge",
      startsOn: "2027-11-08",
      endsOn: "2027-12-17",
      headcount: 1,
      urgency: "urgent",
      crisisId: null,
      departmentId: healthDepartment,
    });
    const list = await regionHr.request({ method: "GET", url: `/api/v1/support-requests/${requestId}/region-candidates` });
    expect(list.statusCode).toBe(200);
    const candidate = list.json().items.find((c: { organization: string }) => c.organization === "Garbsen");
    expect(candidate).toMatchObject({ payGroup: "E 8", qualifications: ["Bauantragsprüfung"], isInOtherProcess: false });
    for (const secret of ["Piotr", "Kanarek", "p.kanarek@garbsen.de", "05131 707-123", "Bauzeichner"])
      expect(list.body).not.toContain(secret);
    // Only the requesting HR office gets this list.
    expect(
      (await wunstorfHr.request({ method: "GET", url: `/api/v1/support-requests/${requestId}/region-candidates` })).json().items,
    ).toEqual([]);
    const proposed = await post(regionHr, "/api/v1/secondments", { requestId, memberId: candidate.memberId });
    expect(proposed.statusCode, proposed.body).toBe(201);
    expect(proposed.json()).toMatchObject({ state: "proposed", lender: { name: "Garbsen" }, person: { name: null } });
    expect(proposed.body).not.toContain("Kanarek");
    expect(proposed.json().timeline[0]).toMatchObject({
      action: "propose",
      reason: "Vorschlag der anfragenden Verwaltung aus dem Pool der Region",
    });
    const lenderView = (await garbsenHr.request({ method: "GET", url: `/api/v1/secondments/${proposed.json().id}` })).json();
    expect(lenderView).toMatchObject({ person: { name: "Piotr Kanarek" }, actions: expect.arrayContaining(["release", "cancel"]) });
    expect((await step(garbsenHr, proposed.json().id, "release")).json().state).toBe("released");
    // The borrowing department's calendar shows the incoming secondment, without the name.
    const feed = await post(health, "/api/v1/calendar-feeds", { scope: "department" });
    expect(feed.statusCode, feed.body).toBe(201);
    const ics = await t.anonymous().request({ method: "GET", url: new URL(feed.json().url).pathname });
    const incoming = parseEvents(ics.body).events.find((e) => e.uid === `${proposed.json().id}@verbund.region-hannover`);
    expect(incoming).toMatchObject({
      summary: "Person aus dem Unterstützungspool (aus Garbsen)",
      start: "2027-11-08",
      end: "2027-12-18",
      status: "TENTATIVE",
    });
    expect(ics.body).not.toContain("Kanarek");
  });

  it("where the employee chose to record a severe disability, the representative is heard before approval; only the lender sees that a hearing is due", async () => {
    const employee = await t.signIn("mitarbeiter@garbsen.demo");
    const joined = await post(employee, "/api/v1/me/pool-membership", {
      hasConsent: true,
      consentVersion: CONSENT_VERSION,
      jobTitle: "Netzwerkadministrator",
      employmentStatus: "employee",
      payGroup: "E 10",
      travelRadiusKm: 40,
      recordsSevereDisability: true,
      qualifications: [{ qualificationId: q("bauantragspruefung") }],
      availability: [{ startsOn: "2028-01-01", endsOn: "2028-12-31", hoursPerWeek: 39 }],
    });
    expect(joined.statusCode, joined.body).toBe(201);
    expect(joined.body).not.toContain("recordsSevereDisability");
    expect((await employee.request({ method: "GET", url: "/api/v1/me/pool-membership" })).json().recordsSevereDisability).toBe(true);
    const memberId = joined.json().id;
    const hrView = await garbsenHr.request({ method: "GET", url: `/api/v1/pool-members/${memberId}` });
    expect(hrView.statusCode).toBe(200);
    expect(hrView.body).not.toContain("SevereDisability");
    await garbsenHr.request({
      method: "PATCH",
      url: `/api/v1/pool-members/${memberId}`,
      payload: { qualifications: [{ qualificationId: q("bauantragspruefung") }] },
    });
    const requestId = await newRequest({
      title: "Januar 2028",
      startsOn: "2028-01-10",
      endsOn: "2028-02-25",
      headcount: 1,
      urgency: "urgent",
      crisisId: null,
    });
    const id = (await post(garbsenHr, `/api/v1/support-requests/${requestId}/offers`, { memberId })).json().id;
    // Garbsen's IT department has no head in Verbund: its HR office releases.
    // The one hearing that applies is named: the representative's (§ 178 Abs. 2 SGB IX), not the TVöD one (under three months).
    const released = (await step(garbsenHr, id, "release")).json();
    expect(released).toMatchObject({ state: "released", missingHearings: ["sbv"] });
    expect(released.actions).toContain("record_sbv_hearing");
    expect(released.actions).not.toContain("record_hearing");
    expect(released.waitingFor).toEqual([{ action: "approve", code: "hearing_missing", items: [], date: null, hearings: ["sbv"] }]);
    expect((await step(garbsenHr, id, "approve")).json().errors[0].rule).toBe("hearing_missing");
    expect((await regionHr.request({ method: "GET", url: `/api/v1/secondments/${id}` })).json().missingHearings).toBeNull();
    expect((await step(garbsenHr, id, "record_sbv_hearing")).json().sbvHearingRecordedAt).toMatch(/^\d{4}-/);
    const approved = (await step(garbsenHr, id, "approve")).json();
    expect(approved.state).toBe("approved");
    // The lender's history names the hearing; the borrower's does not show it at all.
    expect(approved.timeline.map((e: { event: { de: string } }) => e.event.de)).toContain(
      "Personalamt Garbsen hat die Anhörung der Schwerbehindertenvertretung vermerkt",
    );
    const borrowerView = await regionHr.request({ method: "GET", url: `/api/v1/secondments/${id}` });
    expect(borrowerView.body).not.toContain("record_sbv_hearing");
    expect(borrowerView.body).not.toContain("Schwerbehinderten");
  });
});
