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
  pivotsPerLevel: number[];
}

/** The cost of lending the k-th person of an administration with n consenting members: convex in k. */
export const fairnessCost = (k: number, n: number) => Math.ceil((1_000_000 * (2 * k - 1)) / (n * n));

/**
 * The exact lexicographic optimum of the allocation model (docs/ALLOCATION.md): most crisis
 * slots, then urgent, then normal; then the fairest spread of lending; then the least travel; then
 * the most preferred qualifications — one min-cost circulation solved level by level.
 */
export function solveAllocation(input: AllocationInput): AllocationResult {
  const A = input.administrations.length;
  const D = input.departments.length;
  const P = input.members.length;
  const R = input.requests.length;
  const S = 0;
  const T = 1;
  const adminNode = (a: number) => 2 + a;
  const depNode = (d: number) => 2 + A + d;
  const memberNode = (p: number) => 2 + A + D + p;
  const requestNode = (r: number) => 2 + A + D + P + r;
  const net = new Network(2 + A + D + P + R);
  const LEVELS = 6;
  const costs: number[][] = Array.from({ length: LEVELS }, () => []);
  const add = (from: number, to: number, capacity: number, levelCosts: Partial<Record<number, number>> = {}) => {
    const e = net.addArc(from, to, capacity);
    for (let l = 0; l < LEVELS; l++) costs[l][e] = levelCosts[l] ?? 0;
    return e;
  };
  add(T, S, Infinity);
  const membersOf = new Array<number>(A).fill(0);
  for (const m of input.members) membersOf[input.departments[m.department].administration]++;
  input.administrations.forEach((a, i) => {
    const units = Math.min(a.cap ?? Infinity, membersOf[i]);
    for (let k = 1; k <= units; k++) add(S, adminNode(i), 1, { 3: fairnessCost(k, Math.max(a.poolSize, 1)) });
  });
  input.departments.forEach((d, i) => add(adminNode(d.administration), depNode(i), d.cap ?? Infinity));
  input.members.forEach((m, i) => add(depNode(m.department), memberNode(i), 1));
  const pairArc = input.pairs.map((p) => add(memberNode(p.member), requestNode(p.request), 1, { 4: p.distanceM, 5: -p.preferred }));
  const level = { crisis: 0, urgent: 1, normal: 2 } as const;
  input.requests.forEach((r, i) => add(requestNode(i), T, r.open, { [level[r.urgency]]: -1 }));
  const { flow, values, pivots, pivotsPerLevel } = solveLevels(net, costs);
  const assignments = pairArc.flatMap((e, i) => (flow[e] > 0.5 ? [i] : []));
  return {
    assignments,
    objective: {
      crisis: 0 - values[0],
      urgent: 0 - values[1],
      normal: 0 - values[2],
      fairness: values[3],
      distanceM: values[4],
      preferred: 0 - values[5],
    },
    pivots,
    pivotsPerLevel,
  };
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
