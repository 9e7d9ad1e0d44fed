import { FlowGraph } from "./max-flow";
import { Network, solveLevels } from "./network-simplex";

/** The input of one allocation run, already reduced to eligible pairs (see `eligibility.ts`). */
export interface AllocationInput {
  /** `poolSize`: consenting pool members at run time (n_a); `cap`: people it may still lend in the period. */
  administrations: Array<{ poolSize: number; cap: number | null }>;
  /** Each department belongs to an administration; `cap`: people it may still lend (minimum staffing). */
  departments: Array<{ administration: number; cap: number | null }>;
  members: Array<{ department: number }>;
  requests: Array<{ urgency: "crisis" | "urgent" | "normal"; open: number }>;
  /** Eligible member–request pairs with the travel distance in metres and the preferred qualifications matched. */
  pairs: Array<{ member: number; request: number; distanceM: number; preferred: number }>;
}

export interface AllocationObjective {
  crisis: number;
  urgent: number;
  normal: number;
  /** Σ over administrations of Σ_{k=1..lent} ⌈10⁶ (2k − 1) / n_a²⌉ (minimised). */
  fairness: number;
  distanceM: number;
  preferred: number;
}

export interface AllocationResult {
  /** Indices into `pairs` of the chosen assignments. */
  assignments: number[];
  objective: AllocationObjective;
  pivots: number;
  /** Network simplex pivots on each group of levels after the priority levels (merged where exact, see `weighLevels`). */
  pivotsPerLevel: number[];
  /** How many network simplex passes the levels after the priority ones needed. */
  levels: number;
}

/** The cost of lending the k-th person of an administration with n consenting members: convex in k. */
export const fairnessCost = (k: number, n: number) => Math.ceil((1_000_000 * (2 * k - 1)) / (n * n));

/**
 * The exact lexicographic optimum of the allocation model (docs/ALLOCATION.md): most crisis
 * slots, then urgent, then normal; then the fairest spread of lending; then the least travel; then
 * the most preferred qualifications.
 *
 * The three priority levels depend only on how many slots of each class are filled, and a
 * maximum flow never takes back a slot it once filled: so a maximum flow to the crisis slots,
 * continued to the urgent ones and then to the normal ones, fills the lexicographically largest
 * numbers. Every flow with these numbers is optimal for them, so the remaining levels are a
 * min-cost flow with these numbers as fixed demands, solved by the network simplex from the
 * maximum flow as its start.
 */
export function solveAllocation(input: AllocationInput): AllocationResult {
  const A = input.administrations.length;
  const D = input.departments.length;
  const P = input.members.length;
  const R = input.requests.length;
  const Q = input.pairs.length;
  // Flat copies of the input: the loops below run over typed arrays only.
  const depAdmin = Int32Array.from(input.departments, (d) => d.administration);
  const memberDep = Int32Array.from(input.members, (m) => m.department);
  const CLASS = { crisis: 0, urgent: 1, normal: 2 } as const;
  const requestClass = Int8Array.from(input.requests, (r) => CLASS[r.urgency]);
  const pairMember = new Int32Array(Q);
  const pairRequest = new Int32Array(Q);
  const pairDistance = new Float64Array(Q);
  const pairPreferred = new Float64Array(Q);
  for (let i = 0; i < Q; i++) {
    const p = input.pairs[i];
    pairMember[i] = p.member;
    pairRequest[i] = p.request;
    pairDistance[i] = p.distanceM;
    pairPreferred[i] = p.preferred;
  }
  const membersOf = new Int32Array(A);
  for (let m = 0; m < P; m++) membersOf[depAdmin[memberDep[m]]]++;
  const units = input.administrations.map((a, i) => Math.min(a.cap ?? Infinity, membersOf[i]));
  // Pairs nearest first, so that the maximum flow already prefers short journeys.
  const pairOrder = nearestFirst(pairDistance);

  // 1. Priority levels: maximum flow, class by class.
  const S = 0;
  const T = 1;
  const adminAt = 5;
  const depAt = 5 + A;
  const memberAt = 5 + A + D;
  const requestAt = 5 + A + D + P;
  const graph = new FlowGraph(5 + A + D + P + R, A + D + P + Q + R + 3);
  const adminEdge = Int32Array.from(units, (u, a) => graph.addEdge(S, adminAt + a, u));
  const depEdge = Int32Array.from(input.departments, (d, i) => graph.addEdge(adminAt + d.administration, depAt + i, d.cap ?? Infinity));
  const memberEdge = new Int32Array(P);
  for (let m = 0; m < P; m++) memberEdge[m] = graph.addEdge(depAt + memberDep[m], memberAt + m, 1);
  const pairEdge = new Int32Array(Q);
  for (const i of pairOrder) pairEdge[i] = graph.addEdge(memberAt + pairMember[i], requestAt + pairRequest[i], 1);
  const requestEdge = Int32Array.from(input.requests, (r, i) => graph.addEdge(requestAt + i, 2 + requestClass[i], r.open));
  const classEdge = [0, 1, 2].map((c) => graph.addEdge(2 + c, T, 0));
  const path = new Int32Array(6);
  for (const c of [0, 1, 2]) {
    graph.setCapacity(classEdge[c], Infinity);
    // A head start: the nearest pairs of this class first, as long as everything has room; the
    // maximum flow then completes it (and may reroute any of it).
    for (const i of pairOrder) {
      const r = pairRequest[i];
      if (requestClass[r] !== c) continue;
      const m = pairMember[i];
      const d = memberDep[m];
      path[0] = adminEdge[depAdmin[d]];
      path[1] = depEdge[d];
      path[2] = memberEdge[m];
      path[3] = pairEdge[i];
      path[4] = requestEdge[r];
      path[5] = classEdge[c];
      graph.pushPath(path);
    }
    graph.augment(S, T);
  }

  // 2. Fairness, distance, preferred qualifications: min-cost flow with those numbers fixed.
  const arcCount = units.reduce((s, u) => s + u, 0) + D + P + Q + R;
  const net = new Network(4 + A + D + P + R, arcCount);
  const nS = 3;
  const nAdmin = 4;
  const nDep = 4 + A;
  const nMember = 4 + A + D;
  const nRequest = 4 + A + D + P;
  const LEVELS = 3; // fairness, distance, preferred
  const costs = Array.from({ length: LEVELS }, () => new Float64Array(arcCount));
  const start = new Float64Array(arcCount);
  const bound = new Array<number>(LEVELS).fill(0);
  const add = (from: number, to: number, capacity: number, flow: number) => {
    const e = net.addArc(from, to, capacity);
    start[e] = flow;
    return e;
  };
  for (let a = 0; a < A; a++) {
    const lent = graph.flow(adminEdge[a]);
    const n = Math.max(input.administrations[a].poolSize, 1);
    for (let k = 1; k <= units[a]; k++) {
      const cost = fairnessCost(k, n);
      bound[0] += cost;
      costs[0][add(nS, nAdmin + a, 1, k <= lent ? 1 : 0)] = cost;
    }
  }
  for (let d = 0; d < D; d++) add(nAdmin + depAdmin[d], nDep + d, input.departments[d].cap ?? Infinity, graph.flow(depEdge[d]));
  const assigned = new Uint8Array(P);
  for (let i = 0; i < Q; i++) if (graph.flow(pairEdge[i]) > 0) assigned[pairMember[i]] = 1;
  for (let m = 0; m < P; m++) add(nDep + memberDep[m], nMember + m, 1, assigned[m]);
  const farthest = new Float64Array(P);
  const mostPreferred = new Float64Array(P);
  const pairArc = new Int32Array(Q);
  for (let i = 0; i < Q; i++) {
    const m = pairMember[i];
    if (pairDistance[i] > farthest[m]) farthest[m] = pairDistance[i];
    if (pairPreferred[i] > mostPreferred[m]) mostPreferred[m] = pairPreferred[i];
    const e = add(nMember + m, nRequest + pairRequest[i], 1, graph.flow(pairEdge[i]));
    costs[1][e] = pairDistance[i];
    costs[2][e] = -pairPreferred[i];
    pairArc[i] = e;
  }
  bound[1] = farthest.reduce((s, d) => s + d, 0);
  bound[2] = mostPreferred.reduce((s, d) => s + d, 0);
  for (let r = 0; r < R; r++) add(nRequest + r, requestClass[r], input.requests[r].open, graph.flow(requestEdge[r]));
  const groups = weighLevels(costs, bound);
  const { flow, pivots, pivotsPerLevel } = solveLevels(net, groups, start);
  const assignments: number[] = [];
  for (let i = 0; i < Q; i++) if (flow[pairArc[i]] > 0.5) assignments.push(i);
  return { assignments, objective: evaluate(input, assignments), pivots, pivotsPerLevel, levels: groups.length };
}

/** Pair indices by distance, then index (a numeric sort of packed keys, no comparator). */
function nearestFirst(distance: Float64Array): Int32Array {
  let radix = 1;
  while (radix < distance.length) radix *= 2;
  const keys = new Float64Array(distance.length);
  for (let i = 0; i < distance.length; i++) keys[i] = distance[i] * radix + i;
  keys.sort();
  const order = new Int32Array(distance.length);
  for (let i = 0; i < distance.length; i++) order[i] = keys[i] % radix;
  return order;
}

/** Sums above this stay exact in a double with room for the solver's intermediate sums. */
const EXACT = 2 ** 50;

/**
 * Merges consecutive levels into one cost vector where that is exact: a level whose values lie in
 * [−b, b] is weighted by the product of (2b + 1) over the levels after it in the same group, so one
 * unit of a higher level outweighs any difference below it. A group closes before that product
 * would exceed 2^50; the solver then takes the groups one after another on the optimal face.
 */
export function weighLevels(costs: Float64Array[], bound: number[]): Float64Array[] {
  const groups: Float64Array[] = [];
  let members: number[] = [];
  let radix = 1;
  const close = () => {
    if (members.length === 0) return;
    const combined = new Float64Array(costs[0].length);
    let weight = 1;
    for (let i = members.length - 1; i >= 0; i--) {
      const l = members[i];
      if (costs[l].some((c) => c !== 0)) for (let e = 0; e < combined.length; e++) combined[e] += costs[l][e] * weight;
      weight *= 2 * bound[l] + 1;
    }
    groups.push(combined);
    members = [];
    radix = 1;
  };
  costs.forEach((_, l) => {
    const r = 2 * bound[l] + 1;
    if (members.length > 0 && radix * r > EXACT) close();
    members.push(l);
    radix *= r;
  });
  close();
  return groups;
}

/** The objective of any assignment (for checks, the greedy baseline and re-solving a snapshot). */
export function evaluate(input: AllocationInput, assignments: readonly number[]): AllocationObjective {
  const out: AllocationObjective = { crisis: 0, urgent: 0, normal: 0, fairness: 0, distanceM: 0, preferred: 0 };
  const lent = new Array<number>(input.administrations.length).fill(0);
  for (const i of assignments) {
    const p = input.pairs[i];
    out[input.requests[p.request].urgency]++;
    out.distanceM += p.distanceM;
    out.preferred += p.preferred;
    lent[input.departments[input.members[p.member].department].administration]++;
  }
  lent.forEach((l, a) => {
    for (let k = 1; k <= l; k++) out.fairness += fairnessCost(k, Math.max(input.administrations[a].poolSize, 1));
  });
  return out;
}

/** Whether an assignment keeps every constraint: one request per member, headcounts, caps. */
export function violations(input: AllocationInput, assignments: readonly number[]): string[] {
  const problems: string[] = [];
  const perMember = new Map<number, number>();
  const perRequest = new Array<number>(input.requests.length).fill(0);
  const perDep = new Array<number>(input.departments.length).fill(0);
  const perAdmin = new Array<number>(input.administrations.length).fill(0);
  for (const i of assignments) {
    const p = input.pairs[i];
    perMember.set(p.member, (perMember.get(p.member) ?? 0) + 1);
    perRequest[p.request]++;
    const d = input.members[p.member].department;
    perDep[d]++;
    perAdmin[input.departments[d].administration]++;
  }
  for (const [m, c] of perMember) if (c > 1) problems.push(`member ${m} twice`);
  perRequest.forEach((c, r) => c > input.requests[r].open && problems.push(`request ${r} over headcount`));
  perDep.forEach((c, d) => input.departments[d].cap !== null && c > input.departments[d].cap! && problems.push(`department ${d} over cap`));
  perAdmin.forEach(
    (c, a) => input.administrations[a].cap !== null && c > input.administrations[a].cap! && problems.push(`administration ${a} over cap`),
  );
  return problems;
}

/**
 * The status quo for comparison: first come, first served — requests in the order they were
 * posted, each taking the nearest eligible people still free, within headcount and caps.
 */
export function greedyAllocation(input: AllocationInput): number[] {
  const depLeft = input.departments.map((d) => d.cap ?? Infinity);
  const adminLeft = input.administrations.map((a) => a.cap ?? Infinity);
  const used = new Uint8Array(input.members.length);
  const byRequest = input.requests.map(() => [] as number[]);
  input.pairs.forEach((p, i) => byRequest[p.request].push(i));
  const chosen: number[] = [];
  input.requests.forEach((r, ri) => {
    let left = r.open;
    const candidates = byRequest[ri].sort((a, b) => input.pairs[a].distanceM - input.pairs[b].distanceM);
    for (const i of candidates) {
      if (left === 0) break;
      const p = input.pairs[i];
      const d = input.members[p.member].department;
      const a = input.departments[d].administration;
      if (used[p.member] || depLeft[d] === 0 || adminLeft[a] === 0) continue;
      used[p.member] = 1;
      depLeft[d]--;
      adminLeft[a]--;
      left--;
      chosen.push(i);
    }
  });
  return chosen;
}
