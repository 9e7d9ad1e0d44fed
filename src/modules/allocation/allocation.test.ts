import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { buildTestApp, type Client, type TestApp } from "../../../test/app";
import { fireTogether, statusCounts } from "../../../test/parallel";
import { generateInstance } from "../../../test/allocation-instances";
import { post, requestBody } from "../../../test/support-cast";
import { seedDemoPool } from "../../db/seed/demo-pool";
import { solveAllocation, violations } from "../../domain/allocation/solve";
import { inputFromSnapshot, type AllocationSnapshot, type RunResult } from "./allocation-format";
import { solverPool } from "./solver-pool";

let t: TestApp;
let coordination: Client;
let wunstorfHr: Client;
let health: Client;
let crisisId: string;
let catalogue: Array<{ id: string; key: string; name: string }>;

beforeAll(async () => {
  t = await buildTestApp();
  // The demo pool of the region: 299 members of 22 administrations, a crisis with requests.
  await seedDemoPool(t.database.db, new Date("2026-11-25T09:00:00Z"));
  coordination = await t.signIn("koordination@region-hannover.demo");
  wunstorfHr = await t.signIn("personal@wunstorf.demo");
  health = await t.signIn("gesundheitsamt@region-hannover.demo");
  const crises = (await coordination.request({ method: "GET", url: "/api/v1/crises" })).json().items as Array<{ id: string }>;
  crisisId = crises[0].id;
  catalogue = (await coordination.request({ method: "GET", url: "/api/v1/qualifications" })).json().items;
}, 120_000);
afterAll(async () => {
  await solverPool.close();
  await t?.close();
});

type RunView = {
  id: string;
  status: string;
  abilities: { commit: boolean };
  objective: { crisis: number; urgent: number; normal: number; fairness: number; distanceM: number; preferred: number };
  assignments: Array<{
    index: number;
    member: string;
    name: string | null;
    from: { id: string; name: string };
    to: { id: string };
    request: { id: string };
  }>;
  unfilled: Array<{ request: { id: string; title: string }; slots: number; reason: string; counts: Record<string, number> }>;
  lent: Array<{ administration: { name: string }; lent: number; poolSize: number }>;
  flows: Array<{ count: number }>;
  runMs: number;
  requests: Array<{ id: string }>;
};

describe("allocation runs", () => {
  let run: RunView;

  it("computes a preview for a crisis: assignments, unfilled slots, every objective level, run time — and nothing changes", async () => {
    const before = (await t.database.db.execute(sql`SELECT count(*)::int AS n FROM secondments`)).rows[0];
    const res = await coordination.request({ method: "POST", url: "/api/v1/allocation-runs", payload: { crisisId } });
    expect(res.statusCode, res.body).toBe(201);
    run = res.json();
    expect(run.status).toBe("done");
    expect(run.assignments.length).toBeGreaterThan(5);
    expect(run.objective.crisis).toBe(run.assignments.length);
    expect(run.runMs).toBeGreaterThanOrEqual(0);
    expect(run.flows.reduce((s, f) => s + f.count, 0)).toBe(run.assignments.length);
    expect(run.lent.reduce((s, l) => s + l.lent, 0)).toBe(run.assignments.length);
    expect((await t.database.db.execute(sql`SELECT count(*)::int AS n FROM secondments`)).rows[0]).toEqual(before);
    // No person twice; names only of the coordination office's own administration (the Region).
    expect(new Set(run.assignments.map((a) => a.member)).size).toBe(run.assignments.length);
    for (const a of run.assignments) if (a.from.name !== "Region Hannover") expect(a.name).toBeNull();
    // Only the Region's own public health staff hold what the swab centre needs.
    expect(run.unfilled.find((u) => u.request.title.startsWith("Abstrichzentrum"))).toMatchObject({ slots: 4, reason: "no_holder" });
  });

  it("publishes a pseudonymised snapshot that re-solves to the same optimum", async () => {
    const res = await coordination.request({ method: "GET", url: `/api/v1/allocation-runs/${run.id}/snapshot` });
    expect(res.statusCode).toBe(200);
    const { snapshot, result } = res.json() as { snapshot: AllocationSnapshot; result: RunResult };
    expect(snapshot.format).toBe("verbund-allocation/1");
    // A browser takes the stored gzip as it is.
    const zipped = await coordination.request({
      method: "GET",
      url: `/api/v1/allocation-runs/${run.id}/snapshot`,
      headers: { "accept-encoding": "gzip, deflate, br" },
    });
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(JSON.parse(gunzipSync(zipped.rawPayload).toString("utf8"))).toEqual(res.json());
    // No name, e-mail or member id of any pool member appears in it.
    const people = (await t.database.db.execute(sql`SELECT id, name, work_email FROM pool_members`)).rows as Array<Record<string, string>>;
    for (const p of people) {
      expect(res.body).not.toContain(p.id);
      expect(res.body).not.toContain(p.work_email);
      expect(res.body).not.toContain(`"${p.name}"`);
    }
    const input = inputFromSnapshot(snapshot);
    const again = solveAllocation(input);
    expect(again.objective).toEqual(result.objective);
    expect(
      violations(
        input,
        result.assignments.map((a) => a.pair),
      ),
    ).toEqual([]);
  });

  it("reads a stored run back exactly as it was computed; the list counts it; names only of the office's own people", async () => {
    // All open requests: the Region's own people can be assigned to other administrations' requests.
    const res = await coordination.request({ method: "POST", url: "/api/v1/allocation-runs", payload: {} });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers["content-type"]).toBe("application/json; charset=utf-8");
    const computed: RunView = res.json();
    const named = computed.assignments.filter((a) => a.name !== null);
    expect(named.length).toBeGreaterThan(0);
    for (const a of computed.assignments) expect(a.name !== null).toBe(a.from.name === "Region Hannover");
    const own = (
      await t.database.db.execute(sql`SELECT p.name FROM pool_members p JOIN organizations o ON o.id = p.organization_id
      WHERE o.name = 'Region Hannover'`)
    ).rows.map((r) => r.name);
    for (const a of named) expect(own).toContain(a.name);
    const stored = await coordination.request({ method: "GET", url: `/api/v1/allocation-runs/${computed.id}` });
    expect(stored.json()).toEqual(computed);
    const list = (await coordination.request({ method: "GET", url: "/api/v1/allocation-runs" })).json().items;
    expect(list[0]).toMatchObject({
      id: computed.id,
      assignments: computed.assignments.length,
      unfilledSlots: computed.unfilled.reduce((sum, u) => sum + u.slots, 0),
    });
    const audit = (
      await t.database.db.execute(sql`SELECT after FROM audit_events WHERE entity = 'allocation_run' AND entity_id = ${computed.id}`)
    ).rows;
    expect(audit).toEqual([{ after: expect.objectContaining({ requests: computed.requests.length, members: expect.any(Number) }) }]);
  });

  it("computes one run at a time: the next waits its turn, one more is refused with 503, Retry-After and a message in German and English", async () => {
    const bounded = await buildTestApp({ database: t.database, config: { allocationConcurrency: 1, allocationQueue: 1 } });
    try {
      const office = await bounded.signIn("koordination@region-hannover.demo");
      // A large model keeps the worker busy, so that the three runs surely meet at the gate.
      const { input } = generateInstance({ members: 8_000, requests: 800, regions: 4 });
      const busy = solverPool.solve(input);
      const answers = await fireTogether(
        [0, 1, 2].map(() => ({
          client: office,
          request: { method: "POST" as const, url: "/api/v1/allocation-runs", payload: { crisisId } },
        })),
      );
      await busy;
      expect(statusCounts(answers)).toEqual({ 201: 2, 503: 1 });
      const refused = answers.find((a) => a.statusCode === 503)!;
      expect(refused.headers["retry-after"]).toBe("5");
      expect(refused.json()).toMatchObject({
        code: "unavailable",
        messages: {
          de: expect.stringContaining("Der Server berechnet gerade andere Zuteilungen"),
          en: expect.stringContaining("The server is computing other allocations right now"),
        },
      });
      // The two that were let in computed the same optimum, one after the other.
      const [first, second] = answers.filter((a) => a.statusCode === 201).map((a) => a.json() as RunView);
      expect(second.objective).toEqual(first.objective);
    } finally {
      await bounded.app.close();
    }
  }, 120_000);

  it("a run stored before the compressed snapshot (jsonb snapshot, no overview) reads and downloads as before", async () => {
    const document = (await coordination.request({ method: "GET", url: `/api/v1/allocation-runs/${run.id}/snapshot` })).json();
    const id = crypto.randomUUID();
    await t.database.db.execute(sql`INSERT INTO allocation_runs
        (id, region_id, organization_id, crisis_id, created_by, created_at, status, snapshot, member_ids, result, run_ms, error, committed)
      SELECT ${id}, region_id, organization_id, crisis_id, created_by, created_at, 'done', ${JSON.stringify(document.snapshot)}::jsonb,
        member_ids, result, run_ms, error, NULL
      FROM allocation_runs WHERE id = ${run.id}`);
    const view = (await coordination.request({ method: "GET", url: `/api/v1/allocation-runs/${id}` })).json();
    const original = (await coordination.request({ method: "GET", url: `/api/v1/allocation-runs/${run.id}` })).json();
    expect({ ...view, id: run.id }).toEqual({
      ...original,
      status: "done",
      committedAt: null,
      assignments: original.assignments.map((a: object) => ({ ...a, isCommitted: false })),
    });
    const downloaded = await coordination.request({
      method: "GET",
      url: `/api/v1/allocation-runs/${id}/snapshot`,
      headers: { "accept-encoding": "gzip" },
    });
    // Built by the database from the jsonb snapshot, compressed on the way like any JSON answer.
    const body = downloaded.headers["content-encoding"] === "gzip" ? gunzipSync(downloaded.rawPayload).toString("utf8") : downloaded.body;
    expect(JSON.parse(body)).toEqual(document);
    await t.database.db.execute(sql`DELETE FROM allocation_runs WHERE id = ${id}`);
  });

  it("names the binding reason of unfilled slots: nobody holds a qualification", async () => {
    const created = await coordination.request({
      method: "POST",
      url: "/api/v1/qualifications",
      payload: { key: "gebaerdensprache", name: "Deutsche Gebärdensprache", category: "Sprachen" },
    });
    expect(created.statusCode, created.body).toBe(201);
    const req = await post(
      health,
      "/api/v1/support-requests",
      requestBody({
        title: "Gebärdensprache für Bürgertelefon",
        tasks: "Videotelefonie in DGS",
        headcount: 2,
        requiredQualificationIds: [created.json().id],
      }),
    );
    expect(req.statusCode, req.body).toBe(201);
    const res = await coordination.request({ method: "POST", url: "/api/v1/allocation-runs", payload: { requestIds: [req.json().id] } });
    expect(res.statusCode, res.body).toBe(201);
    const view: RunView = res.json();
    expect(view.assignments).toEqual([]);
    expect(view.unfilled).toEqual([
      expect.objectContaining({ slots: 2, reason: "no_holder", counts: { holders: 0, available: 0, inRange: 0, free: 0 } }),
    ]);
  });

  it("names caps as the reason when free eligible people are held back by minimum staffing", async () => {
    // Every administration but the Region may lend nobody: the Region's own request stays unfilled.
    const orgs = (await coordination.request({ method: "GET", url: "/api/v1/organizations" })).json().items as Array<{
      id: string;
      name: string;
    }>;
    const tx = t.database.db;
    for (const o of orgs.filter((o) => o.name !== "Region Hannover"))
      await tx.execute(sql`INSERT INTO secondment_settings (organization_id, region_id, max_lent_total)
        SELECT ${o.id}, region_id, 0 FROM organizations WHERE id = ${o.id}
        ON CONFLICT (organization_id) DO UPDATE SET max_lent_total = 0`);
    const res = await coordination.request({ method: "POST", url: "/api/v1/allocation-runs", payload: { crisisId } });
    const view: RunView = res.json();
    expect(view.assignments).toEqual([]);
    const kontakt = view.unfilled.find((u) => u.request.title === "Kontaktnachverfolgung Gesundheitsamt")!;
    expect(kontakt.reason).toBe("caps");
    expect(kontakt.counts.free).toBeGreaterThan(0);
    await tx.execute(sql`UPDATE secondment_settings SET max_lent_total = NULL`);
  });

  it("refuses other roles and hides the coordination office's runs", async () => {
    for (const client of [wunstorfHr, health]) {
      expect((await client.request({ method: "POST", url: "/api/v1/allocation-runs", payload: {} })).statusCode).toBe(403);
      // A resource route answers as if the run did not exist.
      expect((await client.request({ method: "GET", url: `/api/v1/allocation-runs/${run.id}/snapshot` })).statusCode).toBe(404);
    }
  });

  it("answers an unknown crisis with 404 naming crisisId, and creates no run", async () => {
    const runs = () => t.database.db.execute(sql`SELECT count(*)::int AS n FROM allocation_runs`);
    const before = (await runs()).rows;
    const res = await coordination.request({
      method: "POST",
      url: "/api/v1/allocation-runs",
      payload: { crisisId: "00000000-0000-4000-8000-00000000c0de" },
    });
    expect(res.statusCode, res.body).toBe(404);
    expect(res.json().errors).toEqual([
      {
        field: "crisisId",
        in: "body",
        rule: "exists",
        message: { de: "Diesen Krisenfall gibt es nicht.", en: "There is no such crisis." },
      },
    ]);
    expect((await runs()).rows).toEqual(before);
  });

  it("names request ids that are unknown, not open, or outside the named crisis (422), instead of an empty run", async () => {
    const requests = (await coordination.request({ method: "GET", url: "/api/v1/support-requests" })).json().items as Array<{
      id: string;
      status: string;
      crisis: { id: string } | null;
    }>;
    const inCrisis = requests.find((r) => r.crisis?.id === crisisId && ["open", "partly_filled"].includes(r.status))!;
    const outside = requests.find((r) => !r.crisis && ["open", "partly_filled"].includes(r.status))!;
    const unknown = "00000000-0000-4000-8000-0000000f00d5";
    const res = await coordination.request({
      method: "POST",
      url: "/api/v1/allocation-runs",
      payload: { crisisId, requestIds: [inCrisis.id, unknown, outside.id] },
    });
    expect(res.statusCode, res.body).toBe(422);
    const body = res.json();
    expect(body.code).toBe("unprocessable");
    expect(body.errors.map((e: { field: string }) => e.field)).toEqual(["requestIds.1", "requestIds.2"]);
    expect(body.errors[0].message.de).toBe("Keine offene Unterstützungsanfrage dieses Krisenfalls.");
    // Without a crisis, a request outside any crisis is in scope; the unknown id still is not.
    const regionWide = await coordination.request({
      method: "POST",
      url: "/api/v1/allocation-runs",
      payload: { requestIds: [outside.id, unknown] },
    });
    expect(regionWide.statusCode).toBe(422);
    expect(regionWide.json().errors).toEqual([
      {
        field: "requestIds.1",
        in: "body",
        rule: "open_request",
        message: { de: "Keine offene Unterstützungsanfrage der Region.", en: "Not an open support request of the region." },
      },
    ]);
    const empty = await coordination.request({ method: "POST", url: "/api/v1/allocation-runs", payload: { requestIds: [] } });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors[0]).toMatchObject({ field: "requestIds", rule: "too_small" });
  });

  it("commits selected assignments as proposals in the secondment workflow, once", async () => {
    expect(run.abilities.commit).toBe(true);
    const chosen = run.assignments.slice(0, 2);
    const res = await coordination.request({
      method: "POST",
      url: `/api/v1/allocation-runs/${run.id}/commit`,
      payload: { assignments: chosen.map((a) => a.index) },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe("committed");
    const proposals = (
      await t.database.db.execute(
        sql`SELECT s.state, s.organization_id, s.request_id FROM secondments s JOIN secondment_transitions tr ON tr.secondment_id = s.id
          WHERE tr.reason LIKE 'Vorschlag aus dem Zuteilungslauf%'`,
      )
    ).rows as Array<{ state: string; organization_id: string; request_id: string }>;
    expect(proposals).toHaveLength(2);
    expect(proposals.map((p) => p.state)).toEqual(["proposed", "proposed"]);
    expect(proposals.map((p) => p.organization_id).sort()).toEqual(chosen.map((a) => a.from.id).sort());
    // The page learns that there is nothing left to commit, as the server refuses a second commit.
    expect(res.json().abilities.commit).toBe(false);
    const again = await coordination.request({ method: "POST", url: `/api/v1/allocation-runs/${run.id}/commit`, payload: {} });
    expect(again.statusCode).toBe(409);
  });

  it("commits all or nothing: a stale assignment is named and no proposal is created", async () => {
    const fresh: RunView = (await coordination.request({ method: "POST", url: "/api/v1/allocation-runs", payload: { crisisId } })).json();
    expect(fresh.assignments.length).toBeGreaterThan(1);
    // Meanwhile one of the people leaves the pool.
    const snapshot = (await coordination.request({ method: "GET", url: `/api/v1/allocation-runs/${fresh.id}/snapshot` })).json().snapshot;
    const [row] = (await t.database.db.execute(sql`SELECT member_ids FROM allocation_runs WHERE id = ${fresh.id}`)).rows as Array<{
      member_ids: Record<string, string>;
    }>;
    const leaving = fresh.assignments[0];
    await t.database.db.execute(sql`UPDATE pool_members SET left_at = now() WHERE id = ${row.member_ids[leaving.member]}`);
    const count = async () => ((await t.database.db.execute(sql`SELECT count(*)::int AS n FROM secondments`)).rows[0] as { n: number }).n;
    const before = await count();
    const res = await coordination.request({ method: "POST", url: `/api/v1/allocation-runs/${fresh.id}/commit`, payload: {} });
    expect(res.statusCode).toBe(409);
    const problem = res.json();
    expect(problem.errors.map((e: { rule: string }) => e.rule)).toEqual(["stale_assignment"]);
    expect(JSON.stringify(problem)).toContain(leaving.member);
    expect(await count()).toBe(before);
    expect(snapshot.members.length).toBeGreaterThan(200);
  });

  it("names an assignment whose request another administration withdrew meanwhile, and creates nothing", async () => {
    const posted = await wunstorfHr.request({
      method: "POST",
      url: "/api/v1/support-requests",
      payload: {
        title: "Aushilfe Bürgerbüro Wunstorf",
        tasks: "Anliegen am Schalter aufnehmen",
        headcount: 1,
        startsOn: "2026-12-07",
        endsOn: "2026-12-18",
        hoursPerWeek: 10,
        urgency: "normal",
        settlementModel: "reciprocity",
        contactName: "Sabine Köhler",
        contactEmail: "personal@wunstorf.demo",
        isRemotePossible: true,
        status: "open",
      },
    });
    expect(posted.statusCode, posted.body).toBe(201);
    const id = posted.json().id as string;
    const computed: RunView = (
      await coordination.request({ method: "POST", url: "/api/v1/allocation-runs", payload: { requestIds: [id] } })
    ).json();
    expect(computed.assignments).toHaveLength(1);
    const withdrawn = await wunstorfHr.request({
      method: "POST",
      url: `/api/v1/support-requests/${id}/status`,
      payload: { status: "cancelled" },
    });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    const res = await coordination.request({ method: "POST", url: `/api/v1/allocation-runs/${computed.id}/commit`, payload: {} });
    expect(res.statusCode).toBe(409);
    expect(res.json().errors.map((e: { message: { de: string } }) => e.message.de)).toEqual([
      expect.stringContaining(`${computed.assignments[0].member} → Aushilfe Bürgerbüro Wunstorf`),
    ]);
  });

  it("the worker warms up on synthetic data and then solves a real run to the same optimum", async () => {
    await solverPool.warmUp();
    const { input } = generateInstance({ members: 400, requests: 40, seed: 5 });
    const solved = await solverPool.solve(input);
    expect(violations(input, solved.result.assignments)).toEqual([]);
    expect(solved.result.objective).toEqual(solveAllocation(input).objective);
  }, 60_000);

  it("solves in a worker thread: the server answers while a large run computes", async () => {
    const { input } = generateInstance({ members: 8_000, requests: 800, regions: 4 });
    let solvedAt = 0;
    const solving = solverPool.solve(input).then((r) => {
      solvedAt = performance.now();
      return r;
    });
    // Give the worker its input, then ask the server.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const res = await t.app.inject({ method: "GET", url: "/healthz" });
    const answeredAt = performance.now();
    expect(res.statusCode).toBe(200);
    const solved = await solving;
    expect(solved.result.objective.crisis).toBeGreaterThan(500);
    expect(answeredAt).toBeLessThan(solvedAt);
  }, 120_000);
});
