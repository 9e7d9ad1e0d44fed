import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { buildTestApp, type Client, type TestApp } from "./app";
import { TEST_PASSWORD } from "./constants";
import { createTestDatabase, testDatabaseKind } from "./db";
import { fireTogether, statusCounts } from "./parallel";
import type { Database } from "../src/db/client";
import { CONSENT_VERSION } from "../src/modules/pool/consent";
import { runSecondmentDeadlines } from "../src/modules/secondments/deadlines";
import { declareCrisis, publishFrameworkAgreement, qualificationIds, requestBody, signInCast } from "./support-cast";

// Every guarded operation fired N times at the same moment, then the invariants: caps hold, each
// step happens once (one timeline entry, one mail per recipient), the timeline equals the state,
// and uniqueness holds without a 500. On PostgreSQL the transactions really overlap (a pool of
// 25 connections); on PGlite they run one after the other and show the sequential outcome.

const N = 24;
let database: Database;
let t: TestApp;
let health: Client;
let regionHr: Client;
let wunstorfHr: Client;
let bauamt: Client;
let council: Client;
let coordination: Client;
let qualificationId: string;
let bauordnungId: string;
let requestId: string;
let crisisId: string;
const members: string[] = [];

const rows = async <T = Record<string, unknown>>(query: ReturnType<typeof sql>) => (await database.db.execute(query)).rows as T[];
const post = (client: Client, url: string, payload: Record<string, unknown>) => ({
  client,
  request: { method: "POST" as const, url, payload },
});
const step = (client: Client, id: string, action: string, reason?: string) =>
  post(client, `/api/v1/secondments/${id}/transitions`, reason ? { action, reason } : { action });
async function once(client: Client, url: string, payload: Record<string, unknown>, status = 201) {
  const res = await client.request({ method: "POST", url, payload });
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
}

async function newMember(name: string) {
  const member = await once(wunstorfHr, "/api/v1/pool-members", {
    hasConsent: true,
    consentVersion: CONSENT_VERSION,
    name,
    workEmail: `${name.toLowerCase().replace(/[^a-z]+/g, ".")}@wunstorf.demo`,
    jobTitle: "Bauingenieur/in",
    employmentStatus: "employee",
    payGroup: "E 11",
    departmentId: bauordnungId,
    travelRadiusKm: 80,
    qualifications: [{ qualificationId }],
    availability: [{ startsOn: "2026-12-01", endsOn: "2027-12-31", hoursPerWeek: 39 }],
  });
  return member.id as string;
}

async function offer(memberId: string, request = requestId) {
  return (await once(wunstorfHr, `/api/v1/support-requests/${request}/offers`, { memberId })).id as string;
}

async function newRequest(over: Record<string, unknown> = {}) {
  const created = await once(
    health,
    "/api/v1/support-requests",
    requestBody({
      title: "Bauanträge für das Gesundheitsamt",
      tasks: "Bauanträge für Impfzentren und Testzentren prüfen.",
      headcount: 30,
      startsOn: "2027-01-04",
      endsOn: "2027-02-26",
      urgency: "crisis",
      crisisId,
      requiredQualificationIds: [qualificationId],
      ...over,
    }),
  );
  return created.id as string;
}

async function setCaps(departmentCap: number | null, total: number | null) {
  const res = await wunstorfHr.request({
    method: "PUT",
    url: "/api/v1/secondment-settings",
    payload: {
      councilScope: "all",
      councilDeadlineWorkingDays: 10,
      maxLentTotal: total,
      departmentCaps: [{ departmentId: bauordnungId, maxLent: departmentCap }],
    },
  });
  expect(res.statusCode, res.body).toBe(200);
}

async function stateOf(id: string) {
  const [row] = await rows<{ state: string }>(sql`SELECT state FROM secondments WHERE id = ${id}`);
  return row.state;
}

/** The timeline's last state equals the row's state, and no step appears twice in a row. */
async function expectTimelineMatchesState(id: string) {
  const timeline = await rows<{ action: string; from_state: string | null; to_state: string }>(
    sql`SELECT action, from_state, to_state FROM secondment_transitions WHERE secondment_id = ${id} ORDER BY at, id`,
  );
  for (let i = 1; i < timeline.length; i++) expect(timeline[i].from_state, JSON.stringify(timeline)).toBe(timeline[i - 1].to_state);
  expect(timeline.at(-1)!.to_state).toBe(await stateOf(id));
  return timeline;
}

async function outboxCount() {
  const [row] = await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM outbox_messages`);
  return row.n;
}

/** Per recipient, how many mails were written after `since` (an outbox id watermark). */
async function mailsSince(since: string) {
  return rows<{ to_address: string; n: number }>(
    sql`SELECT to_address, count(*)::int AS n FROM outbox_messages WHERE created_at > ${since}::timestamptz GROUP BY to_address`,
  );
}
const now = async () => (await rows<{ t: string }>(sql`SELECT clock_timestamp()::text AS t`))[0].t;

beforeAll(async () => {
  database = await createTestDatabase({ poolSize: 25 });
  t = await buildTestApp({ database });
  ({ health, regionHr, wunstorfHr, bauamt, council, coordination } = await signInCast(t, [
    "health",
    "regionHr",
    "wunstorfHr",
    "bauamt",
    "council",
    "coordination",
  ]));
  qualificationId = (await qualificationIds(health))("bauantragspruefung");
  [{ id: bauordnungId }] = await rows<{ id: string }>(
    sql`SELECT d.id FROM departments d JOIN organizations o ON o.id = d.organization_id WHERE o.name = 'Wunstorf' AND d.key = 'bauordnung'`,
  );
  crisisId = await declareCrisis(coordination);
  await publishFrameworkAgreement(coordination);
  requestId = await newRequest();
  for (let i = 0; i < N; i++) members.push(await newMember(`Person ${String.fromCharCode(65 + i)} Bauordnung`));
}, 120_000);
afterAll(async () => {
  await t?.close();
  await database?.close();
});

describe(`guards under ${N} simultaneous requests (${testDatabaseKind})`, () => {
  let proposals: string[];

  it("releases in a department capped at 1: exactly one person is released", async () => {
    proposals = [];
    for (const m of members) proposals.push(await offer(m));
    await setCaps(1, null);
    const answers = await fireTogether(proposals.map((id) => step(bauamt, id, "release"))).finally(() => setCaps(null, null));
    expect(statusCounts(answers)).toEqual({ 200: 1, 409: N - 1 });
    for (const refused of answers.filter((a) => a.statusCode === 409)) expect(refused.json().errors[0].rule).toBe("cap_reached");
    const [{ n }] = await rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM secondments WHERE state = 'released' AND request_id = ${requestId}`,
    );
    expect(n).toBe(1);
  });

  it("releases under the administration's cap of 2: exactly one more", async () => {
    await setCaps(null, 2);
    const waiting = [];
    for (const id of proposals) if ((await stateOf(id)) === "proposed") waiting.push(id);
    const answers = await fireTogether(waiting.map((id) => step(bauamt, id, "release"))).finally(() => setCaps(null, null));
    expect(statusCounts(answers)).toEqual({ 200: 1, 409: waiting.length - 1 });
    const [{ n }] = await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM secondments WHERE state = 'released'`);
    expect(n).toBe(2);
  });

  it(`${N} × approve on one secondment: one approval, one timeline entry, one mail per recipient`, async () => {
    const [id] = await rows<{ id: string }>(sql`SELECT id FROM secondments WHERE state = 'released' ORDER BY created_at LIMIT 1`);
    const since = await now();
    const before = await outboxCount();
    const answers = await fireTogether(Array.from({ length: N }, () => step(wunstorfHr, id.id, "approve")));
    expect(statusCounts(answers)).toEqual({ 200: 1, 409: N - 1 });
    const timeline = await expectTimelineMatchesState(id.id);
    expect(timeline.filter((e) => e.action === "approve")).toHaveLength(1);
    expect(await outboxCount()).toBeGreaterThan(before);
    for (const m of await mailsSince(since)) expect(m.n, m.to_address).toBe(1);
  });

  it("accepts and declines fired together on one secondment: one wins and the timeline says which", async () => {
    const [{ id }] = await rows<{ id: string }>(sql`SELECT id FROM secondments WHERE state = 'approved' LIMIT 1`);
    // The member has no account: the HR office records the written declaration.
    const answers = await fireTogether(Array.from({ length: N }, (_, i) => step(wunstorfHr, id, i % 2 === 0 ? "accept" : "decline")));
    expect(statusCounts(answers)).toEqual({ 200: 1, 409: N - 1 });
    const timeline = await expectTimelineMatchesState(id);
    expect(timeline.filter((e) => e.action === "accept" || e.action === "decline")).toHaveLength(1);
    const winner = answers.find((a) => a.statusCode === 200)!.json();
    expect(await stateOf(id)).toBe(winner.state);
  });

  it(`the same member offered ${N} × for one request: one proposal`, async () => {
    const member = await newMember("Paula Parallel");
    const answers = await fireTogether(
      Array.from({ length: N }, () => post(wunstorfHr, `/api/v1/support-requests/${requestId}/offers`, { memberId: member })),
    );
    expect(statusCounts(answers)).toEqual({ 201: 1, 409: N - 1 });
    const [{ n }] = await rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM secondments WHERE member_id = ${member} AND request_id = ${requestId}`,
    );
    expect(n).toBe(1);
  });

  it(`the same login created ${N} ×: one account, the rest 409 naming the login`, async () => {
    const answers = await fireTogether(
      Array.from({ length: N }, () =>
        post(wunstorfHr, "/api/v1/accounts", {
          login: "zwilling@wunstorf.demo",
          displayName: "Zoe Zwilling",
          roles: ["employee"],
          initialPassword: "ein-langes-startpasswort-2026",
        }),
      ),
    );
    expect(statusCounts(answers)).toEqual({ 201: 1, 409: N - 1 });
    for (const refused of answers.filter((a) => a.statusCode === 409)) expect(refused.json().errors[0].field).toBe("login");
  });

  it(`a request closed ${N} × at once: closed once, one audit entry`, async () => {
    const id = await newRequest({ title: "Kurzfristige Verstärkung Bauordnung" });
    const answers = await fireTogether(
      Array.from({ length: N }, () => post(health, `/api/v1/support-requests/${id}/status`, { status: "closed" })),
    );
    expect(statusCounts(answers)).toEqual({ 200: 1, 409: N - 1 });
    const [{ n }] = await rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_events WHERE entity = 'support_request' AND entity_id = ${id} AND action = 'update'`,
    );
    expect(n).toBe(1);
  });

  it("the staff council decides while Verbund applies the deadline: one step out of the council stage", async () => {
    const member = await newMember("Dora Deadline");
    const id = await offer(member);
    for (const [client, action] of [
      [bauamt, "release"],
      [wunstorfHr, "approve"],
      [wunstorfHr, "accept"],
    ] as const) {
      const res = await client.request({ method: "POST", url: `/api/v1/secondments/${id}/transitions`, payload: { action } });
      expect(res.statusCode, res.body).toBe(200);
    }
    expect(await stateOf(id)).toBe("staff_council");
    await database.db.execute(sql`UPDATE secondments SET council_deadline = '2026-01-01' WHERE id = ${id}`);
    const [decision] = await Promise.all([
      council.request({ method: "POST", url: `/api/v1/secondments/${id}/transitions`, payload: { action: "council_consent" } }),
      runSecondmentDeadlines(database.db, "http://localhost:3000"),
      runSecondmentDeadlines(database.db, "http://localhost:3000"),
    ]);
    expect([200, 409]).toContain(decision.statusCode);
    const timeline = await expectTimelineMatchesState(id);
    expect(timeline.filter((e) => e.from_state === "staff_council")).toHaveLength(1);
  });

  it("two secondments of one request confirmed at the same moment: the request counts both", async () => {
    const request = await newRequest({ title: "Zwei Plätze Bauordnung", headcount: 2 });
    const ids = [];
    for (const name of ["Emil Erster", "Frida Zweite"]) {
      const id = await offer(await newMember(name), request);
      for (const [client, action] of [
        [bauamt, "release"],
        [wunstorfHr, "approve"],
        [wunstorfHr, "accept"],
        [council, "council_consent"],
      ] as const) {
        const res = await client.request({ method: "POST", url: `/api/v1/secondments/${id}/transitions`, payload: { action } });
        expect(res.statusCode, res.body).toBe(200);
      }
      ids.push(id);
    }
    const answers = await fireTogether(ids.map((id) => step(regionHr, id, "confirm")));
    expect(statusCounts(answers)).toEqual({ 200: 2 });
    const [{ status }] = await rows<{ status: string }>(sql`SELECT status FROM support_requests WHERE id = ${request}`);
    expect(status).toBe("filled");
  });

  it(`an agreed secondment extended ${N} × at once: one extension in the procedure`, async () => {
    const [{ id }] = await rows<{ id: string }>(
      sql`SELECT id FROM secondments WHERE state = 'agreed' AND amends_id IS NULL ORDER BY created_at LIMIT 1`,
    );
    const answers = await fireTogether(
      Array.from({ length: N }, () => post(regionHr, `/api/v1/secondments/${id}/extensions`, { endsOn: "2027-03-31" })),
    );
    expect(statusCounts(answers)).toEqual({ 201: 1, 409: N - 1 });
    const [{ n }] = await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM secondments WHERE amends_id = ${id}`);
    expect(n).toBe(1);
  });

  it(`the same qualification key created ${N} ×: one entry, the rest 409 naming the key`, async () => {
    const answers = await fireTogether(
      Array.from({ length: N }, () =>
        post(coordination, "/api/v1/qualifications", { key: "deichverteidigung", name: "Deichverteidigung", category: "Ordnung" }),
      ),
    );
    expect(statusCounts(answers)).toEqual({ 201: 1, 409: N - 1 });
    for (const refused of answers.filter((a) => a.statusCode === 409)) expect(refused.json().errors[0].field).toBe("key");
  });

  it(`the framework agreement amended ${N} × at once: every version once, none lost`, async () => {
    const answers = await fireTogether(
      Array.from({ length: N }, (_, i) =>
        post(coordination, "/api/v1/framework-agreements", {
          title: `Rahmenvereinbarung, Fassung aus Entwurf ${i + 1}`,
          body: "Personalkostensätze nach KGSt, Haftung nach § 3 TVöD, Unfallversicherung über den GUV Hannover.",
          validFrom: "2027-01-01",
        }),
      ),
    );
    expect(answers.every((a) => a.statusCode < 500)).toBe(true);
    const created = answers.filter((a) => a.statusCode === 201).length;
    const versions = await rows<{ version: number }>(sql`SELECT version FROM framework_agreements ORDER BY version`);
    expect(versions.map((v) => v.version)).toEqual(Array.from({ length: created + 1 }, (_, i) => i + 1));
    expect(created).toBe(N);
  });

  it(`joining the pool ${N} × at once: one membership, the rest 409`, async () => {
    const katrin = await t.signIn("mitarbeiterin@wunstorf.demo");
    const answers = await fireTogether(
      Array.from({ length: N }, () =>
        post(katrin, "/api/v1/me/pool-membership", {
          hasConsent: true,
          consentVersion: CONSENT_VERSION,
          jobTitle: "Bauingenieurin",
          employmentStatus: "employee",
          payGroup: "E 11",
        }),
      ),
    );
    expect(statusCounts(answers)).toEqual({ 201: 1, 409: N - 1 });
  });

  it(`leaving the pool ${N} × at once: one leave, one audit entry`, async () => {
    const katrin = await t.signIn("mitarbeiterin@wunstorf.demo");
    const answers = await fireTogether(
      Array.from({ length: N }, () => ({ client: katrin, request: { method: "DELETE" as const, url: "/api/v1/me/pool-membership" } })),
    );
    expect(statusCounts(answers)).toEqual({ 204: 1, 404: N - 1 });
    const [{ n }] = await rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_events WHERE entity = 'pool_member' AND actor_login = 'mitarbeiterin@wunstorf.demo' AND action = 'update'`,
    );
    expect(n).toBe(1);
  });

  it(`an allocation run committed ${N} × at once: its proposals are opened once`, async () => {
    await newMember("Gustav Zuteilung");
    const run = await once(coordination, "/api/v1/allocation-runs", { crisisId });
    expect(run.assignments.length).toBeGreaterThan(0);
    const before = await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM secondments`);
    const answers = await fireTogether(Array.from({ length: N }, () => post(coordination, `/api/v1/allocation-runs/${run.id}/commit`, {})));
    expect(statusCounts(answers)).toEqual({ 200: 1, 409: N - 1 });
    // The others learn that the run was committed, not that its assignments went stale.
    for (const refused of answers.filter((a) => a.statusCode === 409)) expect(refused.json().detail).toContain("bereits übernommen");
    const after = await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM secondments`);
    expect(after[0].n - before[0].n).toBe(run.assignments.length);
  });

  it(`${N} API keys issued at once: the cap of 20 valid keys per administration holds, the rest 422`, async () => {
    const active = async () =>
      (
        await rows<{ n: number }>(
          sql`SELECT count(*)::int AS n FROM api_keys k JOIN organizations o ON o.id = k.organization_id WHERE o.name = 'Wunstorf' AND k.revoked_at IS NULL`,
        )
      )[0].n;
    const before = await active();
    const answers = await fireTogether(
      Array.from({ length: N }, (_, i) =>
        post(wunstorfHr, "/api/v1/api-keys", { name: `Fachverfahren ${i + 1}`, scopes: ["submissions"] }),
      ),
    );
    expect(statusCounts(answers)).toEqual({ 201: 20 - before, 422: N - (20 - before) });
    expect(await active()).toBe(20);
  });

  it("40 wrong passwords for one login fired together: at most 10 are checked, then the login is locked", async () => {
    const anonymous = t.anonymous();
    const guess = (i: number, password: string) => ({
      client: anonymous,
      request: {
        method: "POST" as const,
        url: "/api/v1/session",
        payload: { login: "controlling@wunstorf.demo", password },
        remoteAddress: `192.0.2.${i + 1}`,
      },
    });
    const answers = await fireTogether(Array.from({ length: 40 }, (_, i) => guess(i, `geraten-${i}`)));
    expect(statusCounts(answers)).toEqual({ 401: 10, 429: 30 });
    const right = await fireTogether([guess(99, TEST_PASSWORD)]);
    expect(right[0].statusCode).toBe(429);
  });
});
