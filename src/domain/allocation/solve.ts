import { FlowGraph } from "./max-flow";
import { fairestLending } from "./fairness";
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
  /** Network simplex pivots on each group of levels after fairness (merged where exact, see `weighLevels`). */
  pivotsPerLevel: number[];
  /** How many network simplex passes the levels after fairness needed. */
  levels: number;
  /** The fairness level: people moved between lenders, and searches over the graph (`fairness.ts`). */
  fairness: { transfers: number; rounds: number };
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
 * min-cost flow with these numbers as fixed demands. Fairness costs sit on the source's arcs only:
 * `fairestLending` moves people between lenders until no cheaper move is left and proves it with a
 * dual, checked here arc by arc. Distance and preferred qualifications are then solved by the
 * network simplex on the fairest allocations, from that flow as its start.
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
  // Typed arrays here and below: their shape never changes between runs, so the compiled code
  // of a warmed-up worker fits the first real run too.
  const units = Float64Array.from(input.administrations, (a, i) => Math.min(a.cap ?? Infinity, membersOf[i]));
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
  // In input order, so that the arrays are read one after another (the head start below brings
  // the pairs in its own order).
  for (let i = 0; i < Q; i++) pairEdge[i] = graph.addEdge(memberAt + pairMember[i], requestAt + pairRequest[i], 1);
  const requestEdge = Int32Array.from(input.requests, (r, i) => graph.addEdge(requestAt + i, 2 + requestClass[i], r.open));
  const classEdge = [0, 1, 2].map((c) => graph.addEdge(2 + c, T, 0));
  // A head start for each class: its pairs in the order below, as long as everything has room (room
  // counted here, in step with the flow); the maximum flow then completes it and may reroute any of it.
  const pairClass = new Int32Array(Q);
  const classEnd = [0, 0, 0];
  for (let i = 0; i < Q; i++) {
    pairClass[i] = requestClass[pairRequest[i]];
    for (let c = pairClass[i]; c < 3; c++) classEnd[c]++;
  }
  // Within a class, requests with few eligible people first (by the power of two of their count),
  // each nearest first: the greedy start then rarely takes the only people a scarce request
  // could have, and the maximum flow has little left to reroute (at nation 124 instead of 1,526
  // augmentations).
  const candidates = new Int32Array(R);
  for (let i = 0; i < Q; i++) candidates[pairRequest[i]]++;
  const scarcity = new Int32Array(Q);
  for (let i = 0; i < Q; i++) scarcity[i] = 31 - Math.clz32(candidates[pairRequest[i]]);
  const inClassOrder = sortedBy(sortedBy(pairOrder, scarcity, 32), pairClass, 3);
  const byClass = [0, 1, 2].map((c) => inClassOrder.subarray(c === 0 ? 0 : classEnd[c - 1], classEnd[c]));
  const used = new Uint8Array(P);
  const requestLeft = new Float64Array(R);
  const depLeft = new Float64Array(D);
  const adminLeft = new Float64Array(A);
  const path = new Int32Array(6);
  for (const c of [0, 1, 2]) {
    graph.setCapacity(classEdge[c], Infinity);
    for (let m = 0; m < P; m++) used[m] = graph.flow(memberEdge[m]) > 0 ? 1 : 0;
    for (let r = 0; r < R; r++) requestLeft[r] = input.requests[r].open - graph.flow(requestEdge[r]);
    for (let d = 0; d < D; d++) depLeft[d] = (input.departments[d].cap ?? Infinity) - graph.flow(depEdge[d]);
    for (let a = 0; a < A; a++) adminLeft[a] = units[a] - graph.flow(adminEdge[a]);
    for (const i of byClass[c]) {
      const m = pairMember[i];
      const r = pairRequest[i];
      const d = memberDep[m];
      const a = depAdmin[d];
      if (used[m] || requestLeft[r] < 1 || depLeft[d] < 1 || adminLeft[a] < 1) continue;
      path[0] = adminEdge[a];
      path[1] = depEdge[d];
      path[2] = memberEdge[m];
      path[3] = pairEdge[i];
      path[4] = requestEdge[r];
      path[5] = classEdge[c];
      graph.pushPath(path);
      used[m] = 1;
      requestLeft[r]--;
      depLeft[d]--;
      adminLeft[a]--;
    }
    graph.augment(S, T);
  }

  // 2. Fairness: the same slots, spread over the lenders as evenly as the convex costs ask.
  const poolSize = Float64Array.from(input.administrations, (a) => Math.max(a.poolSize, 1));
  const fairest = fairestLending(graph, S, T, {
    node: Int32Array.from(units, (_, a) => adminAt + a),
    edge: adminEdge,
    units,
    unitCost: (a, k) => fairnessCost(k, poolSize[a]),
  });

  // 3. Distance, preferred qualifications: min-cost flow on the fairest allocations.
  const arcCount = units.reduce((s, u) => s + u, 0) + D + P + Q + R;
  const flowOf = graph.flows();
  const net = new Network(4 + A + D + P + R, arcCount);
  const nS = 3;
  const nAdmin = 4;
  const nDep = 4 + A;
  const nMember = 4 + A + D;
  const nRequest = 4 + A + D + P;
  const LEVELS = 2; // distance, preferred
  const costs = Array.from({ length: LEVELS }, () => new Float64Array(arcCount));
  const start = new Float64Array(arcCount);
  const bound = new Array<number>(LEVELS).fill(0);
  const { potential: dual, component } = fairest;
  /**
   * Adds an arc unless every fairest allocation keeps its flow (see `FairestLending`): such arcs
   * stay out of the network, their flow is part of the supplies that the start flow implies.
   * Returns the arc's index in the network, or −1.
   */
  const add = (from: number, to: number, capacity: number, flow: number, dualFrom: number, dualTo: number, fairness = 0) => {
    const reduced = fairness + dual[dualFrom] - dual[dualTo];
    if (reduced !== 0) {
      // The certificate of the fairness level: complementary slackness with a feasible dual.
      if (reduced > 0 ? flow !== 0 : flow !== capacity) throw new Error(`fairness level not optimal at arc ${from}→${to}`);
      return -1;
    }
    if ((flow === 0 || flow === capacity) && component[dualFrom] !== component[dualTo]) return -1;
    const e = net.addArc(from, to, capacity);
    start[e] = flow;
    return e;
  };
  for (let a = 0; a < A; a++) {
    const lent = flowOf[adminEdge[a]];
    for (let k = 1; k <= units[a]; k++) add(nS, nAdmin + a, 1, k <= lent ? 1 : 0, S, adminAt + a, fairnessCost(k, poolSize[a]));
  }
  for (let d = 0; d < D; d++)
    add(nAdmin + depAdmin[d], nDep + d, input.departments[d].cap ?? Infinity, flowOf[depEdge[d]], adminAt + depAdmin[d], depAt + d);
  const assigned = new Uint8Array(P);
  for (let i = 0; i < Q; i++) if (flowOf[pairEdge[i]] > 0) assigned[pairMember[i]] = 1;
  // Members numbered department by department and pair arcs request by request: the pricing scan
  // then reads the potentials of nearby nodes one after another.
  const memberSlot = rankBy(memberDep, D);
  for (let m = 0; m < P; m++) add(nDep + memberDep[m], nMember + memberSlot[m], 1, assigned[m], depAt + memberDep[m], memberAt + m);
  const farthest = new Float64Array(P);
  const mostPreferred = new Float64Array(P);
  const pairArc = new Int32Array(Q);
  const pairsInOrder = sortedBy(identity(Q), pairRequest, R);
  const distanceCost = costs[0];
  const preferredCost = costs[1];
  for (let j = 0; j < Q; j++) {
    const i = pairsInOrder[j];
    const m = pairMember[i];
    if (pairDistance[i] > farthest[m]) farthest[m] = pairDistance[i];
    if (pairPreferred[i] > mostPreferred[m]) mostPreferred[m] = pairPreferred[i];
    const e = add(nMember + memberSlot[m], nRequest + pairRequest[i], 1, flowOf[pairEdge[i]], memberAt + m, requestAt + pairRequest[i]);
    pairArc[i] = e;
    if (e < 0) continue;
    distanceCost[e] = pairDistance[i];
    preferredCost[e] = -pairPreferred[i];
  }
  // On the face of the priority levels exactly `filled` members are assigned, so the distance and
  // preferred values lie between 0 and the sum of the `filled` largest per-member maxima.
  const filled = flowOf[classEdge[0]] + flowOf[classEdge[1]] + flowOf[classEdge[2]];
  bound[0] = sumOfLargest(farthest, filled);
  bound[1] = sumOfLargest(mostPreferred, filled);
  for (let r = 0; r < R; r++)
    add(nRequest + r, requestClass[r], input.requests[r].open, flowOf[requestEdge[r]], requestAt + r, 2 + requestClass[r]);
  // A simple path meets each request node at most once, with at most two of its arcs; only pair
  // arcs carry costs.
  const costedPathArcs = 2 * Math.min(P, R);
  const arcs = net.arcCount;
  const groups = weighLevels(
    costs.map((c) => c.subarray(0, arcs)),
    bound,
    costedPathArcs,
  );
  const { flow, pivots, pivotsPerLevel } = solveLevels(net, groups, start.subarray(0, arcs));
  const assignments: number[] = [];
  for (let i = 0; i < Q; i++) if ((pairArc[i] < 0 ? flowOf[pairEdge[i]] : flow[pairArc[i]]) > 0.5) assignments.push(i);
  return {
    assignments,
    objective: evaluate(input, assignments),
    pivots,
    pivotsPerLevel,
    levels: groups.length,
    fairness: { transfers: fairest.transfers, rounds: fairest.rounds },
  };
}

/** 0, 1, …, n − 1. */
function identity(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

/** `order` sorted stably by `key` of its entries (values 0 .. keys − 1), by counting. */
function sortedBy(order: Int32Array, key: Int32Array, keys: number): Int32Array {
  const next = new Int32Array(keys + 1);
  for (let j = 0; j < order.length; j++) next[key[order[j]] + 1]++;
  for (let k = 0; k < keys; k++) next[k + 1] += next[k];
  const out = new Int32Array(order.length);
  for (let j = 0; j < order.length; j++) out[next[key[order[j]]]++] = order[j];
  return out;
}

/** Each index's position when the indices are sorted stably by `key` (values 0 .. keys − 1). */
function rankBy(key: Int32Array, keys: number): Int32Array {
  const next = new Int32Array(keys + 1);
  for (let i = 0; i < key.length; i++) next[key[i] + 1]++;
  for (let k = 0; k < keys; k++) next[k + 1] += next[k];
  const rank = new Int32Array(key.length);
  for (let i = 0; i < key.length; i++) rank[i] = next[key[i]]++;
  return rank;
}

/** Pair indices by distance, then index: by counting on whole metres, else a numeric sort of packed keys. */
function nearestFirst(distance: Float64Array): Int32Array {
  let longest = 0;
  let whole = true;
  for (let i = 0; i < distance.length; i++) {
    const d = distance[i];
    if (d > longest) longest = d;
    if (!(d >= 0 && d === Math.floor(d))) whole = false;
  }
  if (whole && longest < 2 ** 31) {
    // Two stable counting passes on 16 bits each: low half, then high half.
    const key = Int32Array.from(distance);
    const low = new Int32Array(key.length);
    for (let i = 0; i < key.length; i++) low[i] = key[i] & 0xffff;
    const byLow = sortedBy(identity(key.length), low, 0x10000);
    const high = new Int32Array(key.length);
    for (let i = 0; i < key.length; i++) high[i] = key[i] >>> 16;
    return sortedBy(byLow, high, (longest >>> 16) + 1);
  }
  let radix = 1;
  while (radix < distance.length) radix *= 2;
  const keys = new Float64Array(distance.length);
  for (let i = 0; i < distance.length; i++) keys[i] = distance[i] * radix + i;
  keys.sort();
  const order = new Int32Array(distance.length);
  for (let i = 0; i < distance.length; i++) order[i] = keys[i] % radix;
  return order;
}

/** The sum of the `count` largest entries. */
function sumOfLargest(values: Float64Array, count: number): number {
  const sorted = values.slice().sort();
  let sum = 0;
  for (let i = sorted.length - 1; i >= Math.max(0, sorted.length - count); i--) sum += sorted[i];
  return sum;
}

/** Integers up to this are exact in a double. */
const EXACT = 2 ** 53;

/**
 * Merges consecutive levels into one cost vector where that stays exact. `bound[l]`: level l's
 * value lies in [−bound, bound] for every flow the solver can visit (and so does Σ |cost| · flow).
 * Within a group a level is weighted by the product of (2b + 1) over the levels after it, so one
 * unit of it outweighs any difference below it. A group closes before its value range or its
 * largest arc cost times (2 · pathArcs + 1) would pass 2⁵³: a potential is the sum of the arc costs
 * along a tree path, which holds at most `pathArcs` arcs with a cost, and a reduced cost adds two
 * potentials to a cost. A level with a cost that is not an integer is never merged. The solver
 * takes the groups one after another on the optimal face.
 */
export function weighLevels(costs: Float64Array[], bound: number[], pathArcs: number): Float64Array[] {
  const largest = costs.map(() => 0);
  const integral = costs.map(() => true);
  costs.forEach((c, l) => {
    for (let e = 0; e < c.length; e++) {
      const x = Math.abs(c[e]);
      if (x > largest[l]) largest[l] = x;
      if (x !== Math.floor(x)) integral[l] = false;
    }
  });
  const groups: Float64Array[] = [];
  let members: number[] = [];
  let range = 0; // the group's combined value bound
  let arcBound = 0; // its largest combined arc cost
  const close = () => {
    if (members.length === 0) return;
    const combined = new Float64Array(costs[0].length);
    let weight = 1;
    for (let i = members.length - 1; i >= 0; i--) {
      const l = members[i];
      if (largest[l] > 0) for (let e = 0; e < combined.length; e++) combined[e] += costs[l][e] * weight;
      weight *= 2 * bound[l] + 1;
    }
    groups.push(combined);
    members = [];
  };
  costs.forEach((_, l) => {
    const factor = 2 * bound[l] + 1;
    const joined = { range: range * factor + bound[l], arcBound: arcBound * factor + largest[l] };
    const exact = integral[l] && members.every((i) => integral[i]) && joined.range < EXACT && joined.arcBound * (2 * pathArcs + 1) < EXACT;
    if (members.length > 0 && !exact) close();
    if (members.length === 0) {
      range = bound[l];
      arcBound = largest[l];
    } else {
      range = joined.range;
      arcBound = joined.arcBound;
    }
    members.push(l);
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

/**
 * The largest share of its pool any administration lends under `assignments` (0 when nobody is
 * lent): what the fairness level evens out, said as people read it ("höchstens 29 % eines Pools").
 */
export function maxLentShare(input: AllocationInput, assignments: readonly number[]): number {
  const lent = new Array<number>(input.administrations.length).fill(0);
  for (const i of assignments) lent[input.departments[input.members[input.pairs[i].member].department].administration]++;
  return lent.reduce(
    (max, l, a) => (input.administrations[a].poolSize > 0 ? Math.max(max, l / input.administrations[a].poolSize) : max),
    0,
  );
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
