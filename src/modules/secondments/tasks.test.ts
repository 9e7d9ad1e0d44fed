/**
 * "Ihre Aufgaben" (`GET /api/v1/me/tasks`, #15): each person sees what waits for them — the step
 * appears for whoever has to take it, names the step, leads to its page, and disappears once it
 * is taken; the staff council's decision carries its deadline; an active crisis leads the list;
 * own requests without an offer and qualifications to confirm or renew are listed too.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type Client, type TestApp } from "../../../test/app";
import {
  confirmQualifications,
  joinPool,
  post,
  publishFrameworkAgreement,
  qualificationIds,
  requestBody,
  signInCast,
  step,
} from "../../../test/support-cast";

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
const in30Days = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await buildTestApp();
  ({ health, regionHr, wunstorfHr, bauamt, katrin, council, coordination } = await signInCast(t, [
    "health",
    "regionHr",
    "wunstorfHr",
    "bauamt",
    "katrin",
    "council",
    "coordination",
  ]));
  q = await qualificationIds(health);
  await publishFrameworkAgreement(coordination);
});
afterAll(async () => t?.close());

describe("the task list", () => {
  let memberId: string;
  let requestId: string;
  let secondmentId: string;

  it("a member's qualification waits for the HR office's confirmation; an expiring one reminds its holder", async () => {
    const before = (await tasks(wunstorfHr)).find((task) => task.kind === "qualifications_to_confirm");
    memberId = await joinPool(katrin, [{ qualificationId: q("bauantragspruefung"), validUntil: in30Days }]);
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
    await confirmQualifications(wunstorfHr, memberId, [{ qualificationId: q("bauantragspruefung"), validUntil: in30Days }]);
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
    const created = await post(
      health,
      "/api/v1/support-requests",
      requestBody({
        title: "Prüfung von Bauanträgen nach dem Hochwasser",
        tasks: "Bauanträge für den Wiederaufbau prüfen.",
        startsOn: "2026-12-14",
        endsOn: "2026-12-31",
        urgency: "crisis",
        crisisId,
        requiredQualificationIds: [q("bauantragspruefung")],
      }),
    );
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
