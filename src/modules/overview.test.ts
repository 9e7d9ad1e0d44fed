/**
 * The start page's overviews (`GET /api/v1/me/overview`, #15): each role sees its own sections —
 * the mayor and the HR office what the administration lends and borrows per partner and the
 * crisis, the HR office its queue, the employee their own secondments and pool entry — and the
 * figures are what the lists show. Nobody sees another administration's exchange; the staff
 * council sees nothing of the employer's queue; roles whose capability is not built see no section.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type Client, type TestApp } from "../../test/app";
import { seedDemoPool } from "../db/seed/demo-pool";
import { seedDemoSecondments } from "../db/seed/demo-secondments";
import { confirmQualifications, joinPool, qualificationIds } from "../../test/support-cast";

let t: TestApp;
const clients: Record<string, Client> = {};
const SECTIONS = ["poolEntry", "crisis", "exchange", "hrQueue", "ownSecondments"];

interface Overview {
  poolEntry: {
    status: string;
    qualifications: { confirmed: number; awaitingConfirmation: number; expiringSoon: number };
    availableNow: { hoursPerWeek: number } | null;
  } | null;
  crisis: { crises: Array<{ crisis: { id: string; name: string }; totals: Record<string, number>; filled: number }> } | null;
  exchange: {
    lentOut: number;
    borrowedIn: number;
    lentAgreed: number;
    borrowedAgreed: number;
    partners: Array<{
      organization: { id: string; name: string };
      lentOut: number;
      borrowedIn: number;
      lentAgreed: number;
      borrowedAgreed: number;
    }>;
  } | null;
  hrQueue: { total: number; steps: Array<{ key: string; step: { de: string }; count: number }> } | null;
  ownSecondments: { items: Array<{ id: string; state: string; borrower: { name: string }; isWaitingForMe: boolean }> } | null;
}
interface Listed {
  id: string;
  state: string;
  lender: { id: string; name: string };
  borrower: { id: string; name: string };
  isWaitingForMe: boolean;
}

async function overview(login: string): Promise<Overview> {
  const res = await clients[login].request({ method: "GET", url: "/api/v1/me/overview" });
  expect(res.statusCode, res.body).toBe(200);
  expect(Object.keys(res.json()).sort()).toEqual([...SECTIONS].sort());
  return res.json();
}
/** Every page of a list, as the web app reads it. */
async function all(login: string, url: string): Promise<Listed[]> {
  const items: Listed[] = [];
  let cursor: string | null = null;
  do {
    const sep = url.includes("?") ? "&" : "?";
    const res = await clients[login].request({ method: "GET", url: `${url}${sep}limit=200${cursor ? `&cursor=${cursor}` : ""}` });
    expect(res.statusCode, res.body).toBe(200);
    items.push(...res.json().items);
    cursor = res.json().nextCursor;
  } while (cursor);
  return items;
}
const post = (login: string, url: string, payload: Record<string, unknown>) => clients[login].request({ method: "POST", url, payload });
const step = async (login: string, id: string, action: string) => {
  const res = await post(login, `/api/v1/secondments/${id}/transitions`, { action });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

/** The exchange as the list shows it: per partner, deployed (active) and agreed (agreed, onboarding), each way. */
function exchangeOfList(own: string, list: Listed[]) {
  const partners = new Map<string, Record<string, number>>();
  for (const s of list) {
    const lends = s.lender.id === own;
    const partner = lends ? s.borrower.name : s.lender.name;
    const row = partners.get(partner) ?? { lentOut: 0, borrowedIn: 0, lentAgreed: 0, borrowedAgreed: 0 };
    const deployed = s.state === "active";
    if (!deployed && s.state !== "agreed" && s.state !== "onboarding") continue;
    row[lends ? (deployed ? "lentOut" : "lentAgreed") : deployed ? "borrowedIn" : "borrowedAgreed"]++;
    partners.set(partner, row);
  }
  return Object.fromEntries([...partners].sort(([a], [b]) => a.localeCompare(b, "de")));
}
const exchangeByName = (e: NonNullable<Overview["exchange"]>) =>
  Object.fromEntries(e.partners.map(({ organization, ...counts }) => [organization.name, counts]));

beforeAll(async () => {
  t = await buildTestApp();
  // The demo's pool, crisis and secondments (people of several towns in every state for the Region).
  await seedDemoPool(t.database.db);
  await seedDemoSecondments(t.database.db);
  for (const login of [
    "personal@region-hannover.demo",
    "koordination@region-hannover.demo",
    "gesundheitsamt@region-hannover.demo",
    "personal@wunstorf.demo",
    "bauamt@wunstorf.demo",
    "mitarbeiterin@wunstorf.demo",
    "personalrat@wunstorf.demo",
    "buergermeister@wunstorf.demo",
    "klimaschutz@wunstorf.demo",
    "kaemmerei@wunstorf.demo",
    "personal@garbsen.demo",
  ]) {
    clients[login] = await t.signIn(login);
  }
});
afterAll(async () => t?.close());

describe("the start page's overviews", () => {
  it("the HR office sees lent and borrowed per partner administration exactly as its secondment list shows them", async () => {
    const hr = "personal@region-hannover.demo";
    const me = (await clients[hr].request({ method: "GET", url: "/api/v1/me" })).json();
    const { exchange } = await overview(hr);
    const list = await all(hr, "/api/v1/secondments");
    const fromList = exchangeOfList(me.organization.id, list);
    expect(exchange).not.toBeNull();
    expect(exchangeByName(exchange!)).toEqual(fromList);
    // The demo's contact tracing: people of several towns deployed in and agreed to come to the Region.
    expect(exchange!.borrowedIn).toBeGreaterThanOrEqual(2);
    expect(exchange!.borrowedAgreed).toBeGreaterThanOrEqual(2);
    // The totals are the list filtered by state.
    const active = await all(hr, "/api/v1/secondments?state=active");
    expect(exchange!.lentOut + exchange!.borrowedIn).toBe(active.length);
    expect(exchange!.partners.map((p) => p.organization.name)).toEqual(
      [...exchange!.partners.map((p) => p.organization.name)].sort((a, b) => a.localeCompare(b, "de")),
    );
  });

  it("nobody sees another administration's exchange: Garbsen's shows only its own secondments", async () => {
    const garbsen = "personal@garbsen.demo";
    const me = (await clients[garbsen].request({ method: "GET", url: "/api/v1/me" })).json();
    const { exchange } = await overview(garbsen);
    expect(exchangeByName(exchange!)).toEqual(exchangeOfList(me.organization.id, await all(garbsen, "/api/v1/secondments")));
    const body = JSON.stringify(exchange);
    // Wunstorf lends nothing to Garbsen and Garbsen nothing to Wunstorf in the demo.
    expect(body).not.toContain("Wunstorf");
  });

  it("each role sees only its sections; the staff council nothing of the employer's queue, roles not built yet nothing", async () => {
    const expected: Record<string, string[]> = {
      "personal@region-hannover.demo": ["crisis", "exchange", "hrQueue"],
      "koordination@region-hannover.demo": ["crisis"],
      "gesundheitsamt@region-hannover.demo": [],
      "personal@wunstorf.demo": ["crisis", "exchange", "hrQueue"],
      "mitarbeiterin@wunstorf.demo": ["poolEntry", "ownSecondments"],
      "personalrat@wunstorf.demo": [],
      "buergermeister@wunstorf.demo": ["crisis", "exchange"],
      "kaemmerei@wunstorf.demo": ["exchange"],
      "klimaschutz@wunstorf.demo": [],
    };
    for (const [login, sections] of Object.entries(expected)) {
      const got = await overview(login);
      const present = SECTIONS.filter((key) => got[key as keyof Overview] !== null);
      expect(present.sort(), login).toEqual([...sections].sort());
    }
  });

  it("the crisis shows the board's figures", async () => {
    const { crisis } = await overview("buergermeister@wunstorf.demo");
    expect(crisis!.crises.length).toBeGreaterThanOrEqual(1);
    for (const c of crisis!.crises) {
      const board = await clients["buergermeister@wunstorf.demo"].request({ method: "GET", url: `/api/v1/crises/${c.crisis.id}/board` });
      expect(board.statusCode, board.body).toBe(200);
      expect(c.totals).toEqual(board.json().totals);
      expect(c.crisis.name).toBe(board.json().crisis.name);
    }
  });

  it("follows one secondment: the employee's own list and pool entry, the HR office's queue, the mayor's exchange", async () => {
    const katrin = "mitarbeiterin@wunstorf.demo";
    const wunstorfHr = "personal@wunstorf.demo";
    const mayor = "buergermeister@wunstorf.demo";
    expect((await overview(katrin)).poolEntry).toMatchObject({ status: "not_member" });
    const tracing = (await qualificationIds(clients[katrin]))("kontaktnachverfolgung");
    const memberId = await joinPool(clients[katrin], [{ qualificationId: tracing }], {
      availability: [{ startsOn: "2026-01-01", endsOn: "2030-12-31", hoursPerWeek: 30 }],
    });
    const entry = (await overview(katrin)).poolEntry!;
    expect(entry).toMatchObject({ status: "member", qualifications: { confirmed: 0, awaitingConfirmation: 1 } });
    expect(entry.availableNow).toEqual({ hoursPerWeek: 30 });
    expect((await overview(katrin)).ownSecondments).toEqual({ items: [] });

    // The HR office offers her for the Region's contact tracing.
    const requests = (await clients[wunstorfHr].request({ method: "GET", url: "/api/v1/support-requests?limit=200" })).json()
      .items as Array<{
      id: string;
      title: string;
    }>;
    const request = requests.find((r) => r.title === "Kontaktnachverfolgung Gesundheitsamt")!;
    await confirmQualifications(clients[wunstorfHr], memberId, [{ qualificationId: tracing }]);
    expect((await overview(katrin)).poolEntry!.qualifications).toMatchObject({ confirmed: 1, awaitingConfirmation: 0 });
    const queueBefore = (await overview(wunstorfHr)).hrQueue!;
    const offered = await post(wunstorfHr, `/api/v1/support-requests/${request.id}/offers`, { memberId });
    expect(offered.statusCode, offered.body).toBe(201);
    const id = offered.json().id as string;
    expect((await overview(katrin)).ownSecondments!.items).toEqual([
      expect.objectContaining({
        id,
        state: "proposed",
        borrower: expect.objectContaining({ name: "Region Hannover" }),
        isWaitingForMe: false,
      }),
    ]);

    // Released by the department: the HR office's queue counts one more approval, as its task list does.
    await step("bauamt@wunstorf.demo", id, "release");
    const queue = (await overview(wunstorfHr)).hrQueue!;
    const count = (q: typeof queue, key: string) => q.steps.find((s) => s.key === key)?.count ?? 0;
    expect(count(queue, "approve")).toBe(count(queueBefore, "approve") + 1);
    expect(queue.steps.find((s) => s.key === "approve")!.step.de).toBe("Genehmigen (Personalamt)");
    const tasks = (await clients[wunstorfHr].request({ method: "GET", url: "/api/v1/me/tasks" })).json().items as Array<{
      kind: string;
      step: { de: string };
    }>;
    for (const s of queue.steps) expect(tasks.filter((task) => task.step.de === s.step.de).length, s.key).toBe(s.count);
    expect(queue.total).toBe(queue.steps.reduce((sum, s) => sum + s.count, 0));
    // The staff council decides for itself: the employer's queue is not its overview.
    expect((await overview("personalrat@wunstorf.demo")).hrQueue).toBeNull();

    await step(wunstorfHr, id, "approve");
    expect((await overview(katrin)).ownSecondments!.items[0]).toMatchObject({ state: "approved", isWaitingForMe: true });
    await step(katrin, id, "accept");
    await step("personalrat@wunstorf.demo", id, "council_consent");
    const mayorBefore = (await overview(mayor)).exchange!;
    expect(mayorBefore.partners.find((p) => p.organization.name === "Region Hannover")?.lentAgreed ?? 0).toBe(0);
    await step("personal@region-hannover.demo", id, "confirm");
    // Agreed: the mayor sees one of Wunstorf's staff agreed to go to the Region, as the list shows.
    const mayorAfter = (await overview(mayor)).exchange!;
    expect(mayorAfter.partners.find((p) => p.organization.name === "Region Hannover")).toMatchObject({ lentAgreed: 1, lentOut: 0 });
    expect(mayorAfter.lentAgreed).toBe(mayorBefore.lentAgreed + 1);
    const me = (await clients[mayor].request({ method: "GET", url: "/api/v1/me" })).json();
    expect(exchangeByName(mayorAfter)).toEqual(exchangeOfList(me.organization.id, await all(mayor, "/api/v1/secondments")));
    expect((await overview(katrin)).ownSecondments!.items[0]).toMatchObject({ id, state: "agreed" });
  });

  it("answers only a signed-in account", async () => {
    expect((await t.app.inject({ method: "GET", url: "/api/v1/me/overview" })).statusCode).toBe(401);
  });
});
