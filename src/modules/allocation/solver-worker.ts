/** Worker thread: computes allocation runs off the server's event loop (see solver-pool.ts). */
import os from "node:os";
import { parentPort } from "node:worker_threads";
import { FlowGraph } from "../../domain/allocation/max-flow";
import { evaluate, greedyAllocation, solveAllocation, type AllocationInput } from "../../domain/allocation/solve";
import { computeRun, transferablesOf } from "./allocation-result";
import type { SnapshotRows } from "./allocation-snapshot";
import type { WorkerRequest } from "./solver-pool";

// Below the server's own thread: on a busy machine the event loop (and PostgreSQL) get the CPU
// first, a run takes a little longer. Linux sets the nice value per thread, so this lowers only
// this worker; elsewhere it would lower the whole server, so it is left alone there.
if (process.platform === "linux") {
  try {
    os.setPriority(10);
  } catch {
    // not permitted: keep the normal priority
  }
}

parentPort!.on("message", (message: WorkerRequest) => {
  try {
    if (message.kind === "warmUp") {
      warmUp();
      parentPort!.postMessage({ id: message.id, value: true });
    } else if (message.kind === "run") {
      const run = computeRun(message.job);
      parentPort!.postMessage({ id: message.id, value: run }, transferablesOf(run));
    } else {
      const input = message.input;
      const started = performance.now();
      const result = solveAllocation(input);
      const ms = performance.now() - started;
      const firstCome = evaluate(input, greedyAllocation(input));
      parentPort!.postMessage({ id: message.id, value: { result, firstCome, ms } });
    }
  } catch (error) {
    parentPort!.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) });
  }
});

/**
 * Computes synthetic runs (fixed pseudo-random numbers, no real data), so that V8 has compiled
 * the run's code before the first real run: in a fresh thread that run would take several times
 * as long. The models of region size exercise the optimiser — one with tight caps and many
 * requests, one with few requests and no department caps, so that the fairness level moves people
 * between lenders too — and a run from rows exercises the snapshot, explanations and preview.
 */
function warmUp() {
  let seed = 20261126;
  // A 32-bit linear congruential generator (Math.imul keeps the product exact).
  const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const model = (requestCount: number, departmentCap: number | null): AllocationInput => {
    const administrations = Array.from({ length: 22 }, (_, a) => ({ poolSize: 30 + 10 * a, cap: next() < 0.3 ? 20 : null }));
    const departments = Array.from({ length: 88 }, (_, d) => ({ administration: d % 22, cap: departmentCap }));
    const members = Array.from({ length: 2000 }, (_, m) => ({ department: m % 88 }));
    const urgencies = ["crisis", "urgent", "normal"] as const;
    const requests = Array.from({ length: requestCount }, () => ({
      urgency: urgencies[Math.floor(next() * 3)],
      open: 1 + Math.floor(next() * 10),
    }));
    const pairs: AllocationInput["pairs"] = [];
    for (let r = 0; r < requests.length; r++)
      for (let m = 0; m < members.length; m++)
        if (next() < 0.09) pairs.push({ member: m, request: r, distanceM: Math.floor(next() * 50_000), preferred: Math.floor(next() * 3) });
    return { administrations, departments, members, requests, pairs };
  };
  const models = [model(200, 8), model(40, null)];
  // Real runs build their model in this thread; tests and benchmarks send one (cloned like this).
  const cloned = models.map((m) => structuredClone(m));
  for (let i = 0; i < 12; i++) {
    solveAllocation((i % 4 < 2 ? models : cloned)[i % 2]);
    // The models' head starts leave the maximum flow little to do; a bare bipartite matching
    // from zero exercises all of its searches.
    const graph = new FlowGraph(2 + 2 * 500, 4000);
    for (let v = 0; v < 500; v++) {
      graph.addEdge(0, 2 + v, 1);
      graph.addEdge(502 + v, 1, 1);
      for (let k = 0; k < 4; k++) graph.addEdge(2 + v, 502 + Math.floor(next() * 500), 1);
    }
    graph.augment(0, 1);
  }
  // One run: its loops run long enough for V8 to compile them while it runs.
  computeRun({ rows: syntheticRows(next), id: uuid(0xffff), createdAt: new Date().toISOString(), ownNames: {} });
}

const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;

/** Rows of a synthetic region (22 administrations, 1,500 members, 120 requests) in the form the database gives them. */
function syntheticRows(next: () => number): SnapshotRows {
  const day = (d: number) => new Date(Date.UTC(2027, 0, 1 + d)).toISOString().slice(0, 10);
  const organizations = Array.from({ length: 22 }, (_, a) => ({
    id: uuid(a + 1),
    name: `Verwaltung ${a}`,
    lat: 52.2 + (a % 5) * 0.08,
    lon: 9.5 + Math.floor(a / 5) * 0.1,
  }));
  const departments = Array.from({ length: 88 }, (_, d) => ({
    id: uuid(100 + d),
    organizationId: uuid((d % 22) + 1),
    name: `Fachbereich ${d}`,
  }));
  const catalogue = Array.from({ length: 10 }, (_, q) => ({ id: uuid(1000 + q), name: `Qualifikation ${q}` }));
  const members = Array.from({ length: 1500 }, (_, m) => ({
    id: uuid(10_000 + m),
    organizationId: uuid((m % 22) + 1),
    departmentId: next() < 0.9 ? uuid(100 + (m % 88)) : null,
    travelRadiusKm: 10 + Math.floor(next() * 40),
    canWorkRemotely: next() < 0.3,
  }));
  const held = members.flatMap((m) =>
    catalogue
      .filter((_, q) => next() < 0.45 / (1 + q * 0.4))
      .map((q) => ({ memberId: m.id, qualificationId: q.id, validUntil: null, isConfirmed: true })),
  );
  const windows = members.map((m) => {
    const from = Math.floor(next() * 20);
    return { memberId: m.id, startsOn: day(from), endsOn: day(from + 90 + Math.floor(next() * 150)), hoursPerWeek: 20 };
  });
  const urgencies = ["crisis", "urgent", "normal"] as const;
  const requests = Array.from({ length: 120 }, (_, r) => {
    const org = organizations[Math.floor(next() * 22)];
    const from = 20 + Math.floor(next() * 20);
    return {
      id: uuid(50_000 + r),
      organizationId: org.id,
      title: `Anfrage ${r}`,
      urgency: urgencies[r % 3],
      headcount: 1 + Math.floor(next() * 10),
      startsOn: day(from),
      endsOn: day(from + 14 + Math.floor(next() * 40)),
      hoursPerWeek: 15,
      placeLat: org.lat,
      placeLon: org.lon,
      isRemotePossible: next() < 0.2,
    };
  });
  const needs = requests.flatMap((r, i) => [
    { requestId: r.id, qualificationId: catalogue[i % 4].id, isRequired: true },
    { requestId: r.id, qualificationId: catalogue[4 + (i % 6)].id, isRequired: false },
  ]);
  const json = JSON.stringify;
  return {
    scope: { crisisId: null, requestIds: null },
    requests: json(requests),
    needs: json(needs),
    inPlay: "[]",
    members: json(members),
    held: json(held),
    windows: json(windows),
    blocking: json([{ memberId: members[0].id, organizationId: members[0].organizationId, startsOn: day(0), endsOn: day(30) }]),
    organizations: json(organizations),
    departments: json(departments),
    departmentCaps: json(departments.filter((_, d) => d % 3 === 0).map((d) => ({ departmentId: d.id, maxLent: 6 }))),
    organizationCaps: json([{ organizationId: organizations[0].id, maxLentTotal: 10 }]),
    catalogue: json(catalogue),
  };
}
