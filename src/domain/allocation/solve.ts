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
  const membersOf = new Array<number>(A).fill(0);
  for (const m of input.members) membersOf[input.departments[m.department].administration]++;
  const units = input.administrations.map((a, i) => Math.min(a.cap ?? Infinity, membersOf[i]));
  const CLASS = { crisis: 0, urgent: 1, normal: 2 } as const;
  // Pairs nearest first, so that the maximum flow already prefers short journeys.
  const pairOrder = nearestFirst(input.pairs);

  // 1. Priority levels: maximum flow, class by class.
  const S = 0;
  const T = 1;
  const sinkOf = (c: number) => 2 + c;
  const adminAt = (a: number) => 5 + a;
  const depAt = (d: number) => 5 + A + d;
  const memberAt = (p: number) => 5 + A + D + p;
  const requestAt = (r: number) => 5 + A + D + P + r;
  const graph = new FlowGraph(5 + A + D + P + R);
  const adminEdge = units.map((u, a) => graph.addEdge(S, adminAt(a), u));
  const depEdge = input.departments.map((d, i) => graph.addEdge(adminAt(d.administration), depAt(i), d.cap ?? Infinity));
  input.members.forEach((m, i) => graph.addEdge(depAt(m.department), memberAt(i), 1));
  const pairEdge = new Int32Array(input.pairs.length);
  for (const i of pairOrder) pairEdge[i] = graph.addEdge(memberAt(input.pairs[i].member), requestAt(input.pairs[i].request), 1);
  const requestEdge = input.requests.map((r, i) => graph.addEdge(requestAt(i), sinkOf(CLASS[r.urgency]), r.open));
  const classEdge = [0, 1, 2].map((c) => graph.addEdge(sinkOf(c), T, 0));
  for (const c of [0, 1, 2]) {
    graph.setCapacity(classEdge[c], Infinity);
    graph.augment(S, T);
  }

  // 2. Fairness, distance, preferred qualifications: min-cost flow with those numbers fixed.
  const arcCount = units.reduce((s, u) => s + (Number.isFinite(u) ? u : 0), 0) + D + P + input.pairs.length + R;
  const net = new Network(4 + A + D + P + R, arcCount);
  const nS = 3;
  const nSink = (c: number) => c;
  const nAdmin = (a: number) => 4 + a;
  const nDep = (d: number) => 4 + A + d;
  const nMember = (p: number) => 4 + A + D + p;
  const nRequest = (r: number) => 4 + A + D + P + r;
  const LEVELS = 3; // fairness, distance, preferred
  const costs = Array.from({ length: LEVELS }, () => new Float64Array(arcCount));
  const start = new Float64Array(arcCount);
  const bound = new Array<number>(LEVELS).fill(0);
  const add = (from: number, to: number, capacity: number, flow: number) => {
    const e = net.addArc(from, to, capacity);
    start[e] = flow;
    return e;
  };
  input.administrations.forEach((a, i) => {
    const lent = graph.flow(adminEdge[i]);
    for (let k = 1; k <= units[i]; k++) {
      const cost = fairnessCost(k, Math.max(a.poolSize, 1));
      bound[0] += cost;
      costs[0][add(nS, nAdmin(i), 1, k <= lent ? 1 : 0)] = cost;
    }
  });
  input.departments.forEach((d, i) => add(nAdmin(d.administration), nDep(i), d.cap ?? Infinity, graph.flow(depEdge[i])));
  const assigned = new Uint8Array(P);
  const pairArc = input.pairs.map((p, i) => {
    const f = graph.flow(pairEdge[i]);
    if (f > 0) assigned[p.member] = 1;
    return f;
  });
  input.members.forEach((m, i) => add(nDep(m.department), nMember(i), 1, assigned[i]));
  const farthest = new Array<number>(P).fill(0);
  const mostPreferred = new Array<number>(P).fill(0);
  input.pairs.forEach((p, i) => {
    farthest[p.member] = Math.max(farthest[p.member], p.distanceM);
    mostPreferred[p.member] = Math.max(mostPreferred[p.member], p.preferred);
    const e = add(nMember(p.member), nRequest(p.request), 1, pairArc[i]);
    costs[1][e] = p.distanceM;
    costs[2][e] = -p.preferred;
    pairArc[i] = e;
  });
  bound[1] = farthest.reduce((s, d) => s + d, 0);
  bound[2] = mostPreferred.reduce((s, d) => s + d, 0);
  input.requests.forEach((r, i) => add(nRequest(i), nSink(CLASS[r.urgency]), r.open, graph.flow(requestEdge[i])));
  const groups = weighLevels(costs, bound);
  const { flow, pivots, pivotsPerLevel } = solveLevels(net, groups, start);
  const assignments = pairArc.flatMap((e, i) => (flow[e] > 0.5 ? [i] : []));
  return { assignments, objective: evaluate(input, assignments), pivots, pivotsPerLevel, levels: groups.length };
}

/** Pair indices by distance, then index (a numeric sort of packed keys, no comparator). */
function nearestFirst(pairs: AllocationInput["pairs"]): Int32Array {
  let radix = 1;
  while (radix < pairs.length) radix *= 2;
  const keys = new Float64Array(pairs.length);
  for (let i = 0; i < pairs.length; i++) keys[i] = pairs[i].distanceM * radix + i;
  keys.sort();
  const order = new Int32Array(pairs.length);
  for (let i = 0; i < pairs.length; i++) order[i] = keys[i] % radix;
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
