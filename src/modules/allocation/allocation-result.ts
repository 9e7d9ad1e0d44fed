/**
 * A run from its rows to its answer, in the allocation worker (solver-worker.ts): snapshot and
 * eligible pairs, the exact optimum, first come first served on the same input, the explanations,
 * and the texts the main thread stores and sends — so that the server's event loop only reads and
 * writes the database. Pure apart from the clock.
 */
import { gzipSync } from "node:zlib";
import { funnel, unfilledReason } from "../../domain/allocation/explain";
import { evaluate, fairnessCost, greedyAllocation, maxLentShare, solveAllocation } from "../../domain/allocation/solve";
import { inputFromSnapshot, type AllocationSnapshot, type RunResult } from "./allocation-format";
import { asNeeds, buildSnapshot, overlaps, snapshotCandidates, type SnapshotRows } from "./allocation-snapshot";
import { presentRun } from "./allocation-view";
import { AllocationRun } from "./allocation.schemas";
import type { RunOverview } from "./allocation.tables";

/** Explanations for every assignment and every unfilled slot. */
export function explain(snapshot: AllocationSnapshot, chosen: number[]): Pick<RunResult, "assignments" | "unfilled" | "lent"> {
  const names = new Map(snapshot.qualifications.map((q) => [q.id, q.name]));
  const adminIndex = new Map(snapshot.administrations.map((a, i) => [a.id, i]));
  const rank = new Array<number>(snapshot.administrations.length).fill(0);
  const assignedMember = new Set<number>();
  const filled = new Array<number>(snapshot.requests.length).fill(0);
  // Ranks follow the order of the fairness cost: cheapest (first) units go to the nearest assignments.
  const ordered = [...chosen].sort((a, b) => snapshot.pairs[a][2] - snapshot.pairs[b][2] || a - b);
  const assignments = ordered.map((pi) => {
    const [mi, ri, distanceM] = snapshot.pairs[pi];
    const m = snapshot.members[mi];
    const r = snapshot.requests[ri];
    const a = adminIndex.get(m.administration)!;
    const k = ++rank[a];
    const n = Math.max(snapshot.administrations[a].poolSize, 1);
    assignedMember.add(mi);
    filled[ri]++;
    const held = new Set(m.qualifications.filter((q) => q.validUntil === null || q.validUntil >= r.endsOn).map((q) => q.id));
    return {
      pair: pi,
      member: m.pseudonym,
      request: r.id,
      fromAdministration: m.administration,
      toAdministration: r.administration,
      explanation: {
        required: r.required.map((q) => names.get(q) ?? q),
        preferred: r.preferred.filter((q) => held.has(q)).map((q) => names.get(q) ?? q),
        distanceKm: Math.round(distanceM / 100) / 10,
        remote: r.isRemotePossible && m.canWorkRemotely && distanceM / 1000 > m.travelRadiusKm,
        fairness: { rank: k, poolSize: n, cost: fairnessCost(k, n) },
      },
    };
  });
  const candidates = snapshotCandidates(snapshot);
  const unfilled = snapshot.requests.flatMap((r, ri) => {
    const slots = r.open - filled[ri];
    if (slots <= 0) return [];
    const proposed = new Set(r.alreadyProposed);
    const counts = funnel(
      snapshot.members.map((m, mi) => ({
        ...candidates[mi],
        isBlocked: (from: string, to: string) => overlaps(m.blocked, from, to),
        isAssigned: assignedMember.has(mi) || proposed.has(m.pseudonym),
      })),
      asNeeds(r),
    );
    return [{ request: r.id, slots, reason: unfilledReason(counts), counts }];
  });
  const lent = snapshot.administrations.map((a, i) => ({ administration: a.id, lent: rank[i], poolSize: a.poolSize }));
  return { assignments, unfilled, lent };
}

/** A run to compute: its rows, the identity the main thread gave it, and names for the preview. */
export interface RunJob {
  rows: SnapshotRows;
  id: string;
  createdAt: string;
  /** Pool member id → name, of the caller's own administration only (shown in the preview, never stored). */
  ownNames: Record<string, string>;
}

/**
 * A computed run: what to store and the answer to send, each as UTF-8 JSON bytes. Bytes move to
 * the main thread without a copy (transferred) and go to the database and the client as they are:
 * the main thread neither encodes nor parses megabytes of text.
 */
export interface ComputedRun {
  status: "done" | "failed";
  error: string | null;
  /** Time of the exact optimisation, milliseconds. */
  runMs: number | null;
  /** The published document `{ snapshot, result }`, gzip'd (stored as it is, sent as it is). */
  published: Uint8Array;
  /** What the preview shows of the snapshot (`RunOverview`). */
  overview: Uint8Array;
  memberIds: Uint8Array;
  result: Uint8Array | null;
  /** The answer (`AllocationRun`), checked against its schema. */
  view: Uint8Array;
  /** For the audit entry. */
  summary: { scope: AllocationSnapshot["scope"]; requests: number; members: number };
}

/** The byte buffers of a computed run, to transfer rather than copy to the main thread. */
export function transferablesOf(run: ComputedRun): ArrayBuffer[] {
  return [run.published, run.overview, run.memberIds, run.result, run.view].flatMap((b) => (b ? [b.buffer as ArrayBuffer] : []));
}

/** Builds the snapshot, solves it exactly, explains the result and renders the preview. */
export function computeRun(job: RunJob): ComputedRun {
  const { snapshot, memberIds } = buildSnapshot(job.rows, job.createdAt);
  let result: RunResult | null = null;
  let error: string | null = null;
  let runMs: number | null = null;
  try {
    const input = inputFromSnapshot(snapshot);
    const started = performance.now();
    const solved = solveAllocation(input);
    runMs = Math.round(performance.now() - started);
    const greedy = greedyAllocation(input);
    const firstCome = evaluate(input, greedy);
    result = {
      objective: solved.objective,
      firstCome,
      firstComeMaxShare: maxLentShare(input, greedy),
      ...explain(snapshot, solved.assignments),
      solver: { pivots: solved.pivots, passes: solved.levels, ms: runMs },
    };
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }
  const names: Record<string, string> = {};
  for (const [pseudonym, id] of Object.entries(memberIds)) if (job.ownNames[id] !== undefined) names[pseudonym] = job.ownNames[id];
  const view = presentRun({
    id: job.id,
    status: result ? "done" : "failed",
    createdAt: job.createdAt,
    crisisId: job.rows.scope.crisisId,
    committedAt: null,
    runMs: result ? runMs : null,
    error,
    requests: snapshot.requests,
    administrations: snapshot.administrations,
    pool: { members: snapshot.members.length, eligiblePairs: snapshot.pairs.length },
    result,
    committed: null,
    names,
  });
  const utf8 = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
  const overview: RunOverview = {
    requests: snapshot.requests.map(({ id, title, administration, urgency, open }) => ({ id, title, administration, urgency, open })),
    administrations: snapshot.administrations.map(({ id, name, lat, lon }) => ({ id, name, lat, lon })),
    members: snapshot.members.length,
    eligiblePairs: snapshot.pairs.length,
  };
  return {
    status: result ? "done" : "failed",
    error,
    runMs: result ? runMs : null,
    published: gzipSync(utf8({ snapshot, result })),
    overview: utf8(overview),
    memberIds: utf8(memberIds),
    result: result ? utf8(result) : null,
    view: utf8(AllocationRun.parse(view)),
    summary: { scope: snapshot.scope, requests: snapshot.requests.length, members: snapshot.members.length },
  };
}
