/**
 * "Ihre Aufgaben" (`GET /api/v1/me/tasks`, #15): each person sees what waits for them — the step
 * appears for whoever has to take it, names the step, leads to its page, and disappears once it
 * is taken; the staff council's decision carries its deadline; an active crisis leads the list;
 * own requests without an offer and qualifications to confirm or renew are listed too.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type Client, type TestApp } from "../../../test/app";
import { CONSENT_VERSION } from "../pool/consent";

let t: TestApp;
let health: Client;
let regionHr: Client;
let wunstorfHr: Client;
let bauamt: Client;
let katrin: Client;
let council: Client;
let coordination: Client;
let q: (key: string) => string;

interface TaskView {
  kind: string;
  object: { type: string; id: string; title: string };
  step: { de: string; en: string };
  dueOn: string | null;
  link: string;
}

async function tasks(client: Client): Promise<TaskView[]> {
  const res = await client.request({ method: "GET", url: "/api/v1/me/tasks" });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
}
const about = async (client: Client, id: string) => (await tasks(client)).filter((task) => task.object.id === id);
const post = (client: Client, url: string, payload: Record<string, unknown>) => client.request({ method: "POST", url, payload });
const step = (client: Client, id: string, action: string) => post(client, `/api/v1/secondments/${id}/transitions`, { action });
const in30Days = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await buildTestApp();
  health = await t.signIn("gesundheitsamt@region-hannover.demo");
  regionHr = await t.signIn("personal@region-hannover.demo");
  wunstorfHr = await t.signIn("personal@wunstorf.demo");
  bauamt = await t.signIn("bauamt@wunstorf.demo");
  katrin = await t.signIn("mitarbeiterin@wunstorf.demo");
  council = await t.signIn("personalrat@wunstorf.demo");
  coordination = await t.signIn("koordination@region-hannover.demo");
  const catalogue = (await health.request({ method: "GET", url: "/api/v1/qualifications" })).json().items as Array<{
    id: string;
    key: string;
  }>;
  q = (key) => catalogue.find((c) => c.key === key)!.id;
  const framework = await post(coordination, "/api/v1/framework-agreements", {
    title: "Rahmenvereinbarung Personalunterstützung Region Hannover",
    body: "Personalkostensätze nach KGSt, Haftung nach § 3 TVöD, Unfallversicherung über den GUV Hannover.",
    validFrom: "2026-01-01",
  });
  expect(framework.statusCode, framework.body).toBe(201);
});
afterAll(async () => t?.close());

describe("the task list", () => {
  let memberId: string;
  let requestId: string;
  let secondmentId: string;

  it("a member's qualification waits for the HR office's confirmation; an expiring one reminds its holder", async () => {
    const before = (await tasks(wunstorfHr)).find((task) => task.kind === "qualifications_to_confirm");
    const joined = await post(katrin, "/api/v1/me/pool-membership", {
      hasConsent: true,
      consentVersion: CONSENT_VERSION,
      jobTitle: "Bauingenieurin",
      employmentStatus: "employee",
      payGroup: "E 11",
      travelRadiusKm: 50,
      qualifications: [{ qualificationId: q("bauantragspruefung"), validUntil: in30Days }],
      availability: [{ startsOn: "2026-12-01", endsOn: "2027-12-31", hoursPerWeek: 39 }],
    });
    expect(joined.statusCode, joined.body).toBe(201);
    memberId = joined.json().id;
    const waiting = (await tasks(wunstorfHr)).find((task) => task.kind === "qualifications_to_confirm");
    expect(waiting).toMatchObject({ link: "/pool/mitglieder", step: { de: expect.stringMatching(/Qualifikation.* bestätigen$/) } });
    expect(waiting!.step.de).not.toBe(before?.step.de);
    // Nobody else's list shows the administration's pool.
    expect((await tasks(regionHr)).some((task) => task.kind === "qualifications_to_confirm" && task.object.id === waiting!.object.id)).toBe(
      false,
    );
    const reminder = (await about(katrin, memberId)).find((task) => task.kind === "qualification_expiring");
    expect(reminder).toMatchObject({ dueOn: in30Days, link: "/pool", object: { title: expect.any(String) } });
    expect(reminder!.step.de).toContain(in30Days.split("-").reverse().join("."));
    // Confirmed by the HR office: the count goes back down.
    const confirm = await wunstorfHr.request({
      method: "PATCH",
      url: `/api/v1/pool-members/${memberId}`,
      payload: { qualifications: [{ qualificationId: q("bauantragspruefung"), validUntil: in30Days }] },
    });
    expect(confirm.statusCode, confirm.body).toBe(200);
    expect((await tasks(wunstorfHr)).find((task) => task.kind === "qualifications_to_confirm")?.step.de).toBe(before?.step.de);
  });

  it("an active crisis leads every HR office's list; an own request without offers is listed for the requester", async () => {
    const crisis = await post(coordination, "/api/v1/crises", {
      name: "Hochwasser Leine 2026",
      description: "Die Bauaufsicht braucht Verstärkung.",
      startsOn: "2026-11-20",
    });
    expect(crisis.statusCode, crisis.body).toBe(201);
    const crisisId = crisis.json().id as string;
    for (const client of [wunstorfHr, regionHr]) {
      const list = await tasks(client);
      expect(list[0]).toMatchObject({ kind: "crisis", object: { id: crisisId }, link: `/krisen/${crisisId}` });
    }
    const created = await post(health, "/api/v1/support-requests", {
      title: "Prüfung von Bauanträgen nach dem Hochwasser",
      tasks: "Bauanträge für den Wiederaufbau prüfen.",
      headcount: 1,
      startsOn: "2026-12-14",
      endsOn: "2026-12-31",
      hoursPerWeek: 20,
      urgency: "crisis",
      crisisId,
      settlementModel: "reimbursement",
      contactName: "Dr. Miriam Okafor",
      contactEmail: "gesundheitsamt@region-hannover.demo",
      status: "open",
      requiredQualificationIds: [q("bauantragspruefung")],
    });
    expect(created.statusCode, created.body).toBe(201);
    requestId = created.json().id;
    expect(await about(regionHr, requestId)).toEqual([
      expect.objectContaining({ kind: "request_without_offers", dueOn: "2026-12-14", link: `/anfragen/${requestId}` }),
    ]);
    // Another administration's HR office is not asked about it.
    expect(await about(wunstorfHr, requestId)).toEqual([]);
  });

  it("each step appears for whoever takes it, names it, and disappears once it is taken", async () => {
    const offered = await post(wunstorfHr, `/api/v1/support-requests/${requestId}/offers`, { memberId });
    expect(offered.statusCode, offered.body).toBe(201);
    secondmentId = offered.json().id;
    // Offered: the request has an offer now.
    expect(await about(regionHr, requestId)).toEqual([]);
    const release = await about(bauamt, secondmentId);
    expect(release).toEqual([
      {
        kind: "secondment_step",
        object: { type: "secondment", id: secondmentId, title: "Katrin Schulze: Wunstorf → Region Hannover" },
        step: { de: "Freigeben (Fachbereichsleitung)", en: "Release (head of department)" },
        dueOn: null,
        link: `/abordnungen/${secondmentId}`,
      },
    ]);
    expect(await about(wunstorfHr, secondmentId)).toEqual([]);
    expect(await about(katrin, secondmentId)).toEqual([]);

    expect((await step(bauamt, secondmentId, "release")).statusCode).toBe(200);
    expect(await about(bauamt, secondmentId)).toEqual([]);
    expect((await about(wunstorfHr, secondmentId)).map((task) => task.step.de)).toEqual(["Genehmigen (Personalamt)"]);

    expect((await step(wunstorfHr, secondmentId, "approve")).statusCode).toBe(200);
    expect((await about(katrin, secondmentId)).map((task) => task.step.de)).toEqual(["Zustimmen oder ablehnen"]);
    // The borrower does not learn the name before the person accepted.
    expect(await about(regionHr, secondmentId)).toEqual([]);

    const accepted = await step(katrin, secondmentId, "accept");
    expect(accepted.json().state).toBe("staff_council");
    const decide = await about(council, secondmentId);
    expect(decide).toEqual([
      expect.objectContaining({
        kind: "secondment_step",
        dueOn: accepted.json().councilDeadline,
        step: expect.objectContaining({ de: "Über die Zustimmung entscheiden (Personalrat)" }),
      }),
    ]);

    expect((await step(council, secondmentId, "council_consent")).statusCode).toBe(200);
    expect(await about(council, secondmentId)).toEqual([]);
    const confirm = await about(regionHr, secondmentId);
    expect(confirm.map((task) => [task.step.de, task.object.title])).toEqual([
      ["Vereinbarung bestätigen", "Katrin Schulze: Wunstorf → Region Hannover"],
    ]);
  });

  it("answers only a signed-in account", async () => {
    const anonymous = await t.app.inject({ method: "GET", url: "/api/v1/me/tasks" });
    expect(anonymous.statusCode).toBe(401);
  });
});
