import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { buildTestApp, type Client, type TestApp } from "../../../test/app";
import { CONSENT_VERSION } from "../pool/consent";
import { qualificationIds, requestBody, signInCast } from "../../../test/support-cast";

let t: TestApp;
let health: Client;
let coordination: Client;
let wunstorfHr: Client;
let garbsenHr: Client;
let q: (key: string) => string;
let crisisId: string;
let memberId: string;

/** The health office's contact tracing, for twelve people. */
const request = (over: Record<string, unknown> = {}) => requestBody({ headcount: 12, ...over });

beforeAll(async () => {
  t = await buildTestApp();
  ({ health, coordination, wunstorfHr, garbsenHr } = await signInCast(t, ["health", "coordination", "wunstorfHr", "garbsenHr"]));
  q = await qualificationIds(health);
  const member = await wunstorfHr.request({
    method: "POST",
    url: "/api/v1/pool-members",
    payload: {
      hasConsent: true,
      consentVersion: CONSENT_VERSION,
      name: "Tobias Reinecke",
      workEmail: "t.reinecke@wunstorf.de",
      jobTitle: "Sachbearbeiter Ordnungsamt",
      employmentStatus: "employee",
      payGroup: "E 8",
      travelRadiusKm: 40,
      qualifications: [{ qualificationId: q("kontaktnachverfolgung") }],
      availability: [{ startsOn: "2026-12-01", endsOn: "2027-03-31", hoursPerWeek: 39 }],
    },
  });
  expect(member.statusCode, member.body).toBe(201);
  memberId = member.json().id;
});
afterAll(async () => t?.close());

describe("support requests", () => {
  it("a crisis request needs a declared crisis; the region declares one and every HR office is notified", async () => {
    const withoutCrisis = await health.request({
      method: "POST",
      url: "/api/v1/support-requests",
      payload: request({ urgency: "crisis" }),
    });
    expect(withoutCrisis.statusCode).toBe(400);
    expect(withoutCrisis.json().errors[0]).toMatchObject({ field: "crisisId", rule: "required_for_crisis" });
    expect(
      (await health.request({ method: "POST", url: "/api/v1/crises", payload: { name: "X", description: "Y", startsOn: "2026-12-01" } }))
        .statusCode,
    ).toBe(403);
    const declared = await coordination.request({
      method: "POST",
      url: "/api/v1/crises",
      payload: {
        name: "Infektionswelle Winter 2026",
        description: "Stark steigende Fallzahlen; das Gesundheitsamt braucht Verstärkung.",
        startsOn: "2026-12-01",
      },
    });
    expect(declared.statusCode, declared.body).toBe(201);
    crisisId = declared.json().id;
    expect(declared.json().notified).toBe(3);
    const { rows } = await t.database.db.execute(sql`SELECT to_address, subject FROM outbox_messages ORDER BY to_address`);
    expect(rows.map((r) => r.to_address)).toEqual(["personal@garbsen.demo", "personal@region-hannover.demo", "personal@wunstorf.demo"]);
    expect(String(rows[0].subject)).toBe("Krise ausgerufen: Infektionswelle Winter 2026");
  });

  it("crisis requests come first; lenders see how many of their members qualify", async () => {
    await health.request({
      method: "POST",
      url: "/api/v1/support-requests",
      payload: request({ title: "Bürgertelefon", urgency: "normal", requiredQualificationIds: [q("telefonhotline")] }),
    });
    const crisis = await health.request({
      method: "POST",
      url: "/api/v1/support-requests",
      payload: request({
        urgency: "crisis",
        crisisId,
        requiredQualificationIds: [q("kontaktnachverfolgung")],
        preferredQualificationIds: [q("sormas")],
      }),
    });
    expect(crisis.statusCode, crisis.body).toBe(201);
    const list = (await wunstorfHr.request({ method: "GET", url: "/api/v1/support-requests" })).json().items;
    expect(list.map((r: { urgency: string }) => r.urgency)).toEqual(["crisis", "normal"]);
    expect(list[0]).toMatchObject({
      organization: { name: "Region Hannover" },
      crisis: { name: "Infektionswelle Winter 2026" },
      eligibleOwnMembers: 1,
      abilities: { offer: true },
    });
    expect(list[0].requiredQualifications.map((x: { name: string }) => x.name)).toEqual(["Kontaktnachverfolgung"]);
    expect(list[1].eligibleOwnMembers).toBe(0);
    const ownView = (await health.request({ method: "GET", url: "/api/v1/support-requests" })).json().items[0];
    expect(ownView).toMatchObject({ isOwn: true, eligibleOwnMembers: null, abilities: { update: true, offer: false } });
  });

  it("drafts stay with their administration", async () => {
    const draft = await health.request({
      method: "POST",
      url: "/api/v1/support-requests",
      payload: request({ title: "Entwurf Impfzentrum", status: "draft" }),
    });
    const id = draft.json().id;
    // The page offers what the server allows: a draft is published or withdrawn.
    expect(draft.json().abilities.changeStatusTo).toEqual(["open", "cancelled"]);
    expect((await wunstorfHr.request({ method: "GET", url: `/api/v1/support-requests/${id}` })).statusCode).toBe(404);
    expect((await wunstorfHr.request({ method: "GET", url: "/api/v1/support-requests" })).body).not.toContain("Entwurf Impfzentrum");
    const opened = await health.request({ method: "POST", url: `/api/v1/support-requests/${id}/status`, payload: { status: "open" } });
    expect(opened.json().status).toBe("open");
    expect(opened.json().abilities.changeStatusTo).toEqual(["closed", "cancelled"]);
    const foreign = await wunstorfHr.request({ method: "GET", url: `/api/v1/support-requests/${id}` });
    expect(foreign.statusCode).toBe(200);
    expect(foreign.json().abilities.changeStatusTo).toEqual([]);
    const back = await health.request({ method: "POST", url: `/api/v1/support-requests/${id}/status`, payload: { status: "open" } });
    expect(back.statusCode).toBe(409);
  });

  it("a lender offers an eligible member; the crisis board shows the fill rate without names", async () => {
    const crisisRequest = (await wunstorfHr.request({ method: "GET", url: "/api/v1/support-requests" })).json().items[0];
    const foreign = await garbsenHr.request({
      method: "POST",
      url: `/api/v1/support-requests/${crisisRequest.id}/offers`,
      payload: { memberId },
    });
    expect(foreign.statusCode).toBe(404); // Garbsen cannot offer Wunstorf's member
    const offered = await wunstorfHr.request({
      method: "POST",
      url: `/api/v1/support-requests/${crisisRequest.id}/offers`,
      payload: { memberId },
    });
    expect(offered.statusCode, offered.body).toBe(201);
    expect(
      (await wunstorfHr.request({ method: "POST", url: `/api/v1/support-requests/${crisisRequest.id}/offers`, payload: { memberId } }))
        .statusCode,
    ).toBe(409);
    const board = await health.request({ method: "GET", url: `/api/v1/crises/${crisisId}/board` });
    expect(board.statusCode).toBe(200);
    expect(board.json().totals).toMatchObject({ requests: 1, headcount: 12, offered: 1 });
    expect(board.json().totals.fillRate).toBeCloseTo(1 / 12);
    expect(board.json().organizations).toEqual([
      expect.objectContaining({ name: "Region Hannover", requested: 12, offered: 0 }),
      expect.objectContaining({ name: "Wunstorf", requested: 0, offered: 1 }),
    ]);
    expect(board.body).not.toContain("Reinecke");
    const normal = (await wunstorfHr.request({ method: "GET", url: "/api/v1/support-requests" }))
      .json()
      .items.find((r: { title: string }) => r.title === "Bürgertelefon");
    const ineligible = await wunstorfHr.request({
      method: "POST",
      url: `/api/v1/support-requests/${normal.id}/offers`,
      payload: { memberId },
    });
    expect(ineligible.json().errors[0]).toMatchObject({ field: "memberId", rule: "ineligible_qualification" });
  });

  it("a change names only what changes: qualifications and remote work stay", async () => {
    const list = (await health.request({ method: "GET", url: "/api/v1/support-requests" })).json().items;
    const crisisRequest = list.find((r: { urgency: string }) => r.urgency === "crisis");
    const res = await health.request({ method: "PATCH", url: `/api/v1/support-requests/${crisisRequest.id}`, payload: { headcount: 14 } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      headcount: 14,
      requiredQualifications: [{ name: "Kontaktnachverfolgung" }],
      preferredQualifications: [{ name: "SORMAS" }],
    });
  });

  it("names invalid fields and stores nothing", async () => {
    const res = await health.request({
      method: "POST",
      url: "/api/v1/support-requests",
      payload: request({ headcount: 0, endsOn: "2026-12-01", urgency: "sehr dringend", contactEmail: "keine" }),
    });
    expect(res.statusCode).toBe(400);
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(["headcount", "urgency", "contactEmail"]));
  });

  it("only department heads and HR offices post; others read", async () => {
    const finance = await t.signIn("kaemmerei@wunstorf.demo");
    expect((await finance.request({ method: "GET", url: "/api/v1/support-requests" })).statusCode).toBe(200);
    expect((await finance.request({ method: "POST", url: "/api/v1/support-requests", payload: request() })).statusCode).toBe(403);
    const employee = await t.signIn("mitarbeiterin@wunstorf.demo");
    expect((await employee.request({ method: "GET", url: "/api/v1/support-requests" })).statusCode).toBe(403);
  });
});
