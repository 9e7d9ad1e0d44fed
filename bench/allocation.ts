/**
 * Allocation benchmark (first stage): the exact optimiser against first come, first served on
 * deterministic random instances. Prints time, pivots, heap growth, every objective level of both,
 * and the extra crisis slots and the spread of lending. CBC and LEMON comparisons follow (#6).
 *
 *   npx tsx bench/allocation.ts            region size (2,000 × 200)
 *   npx tsx bench/allocation.ts state      also 20,000 × 2,000
 */
import { evaluate, greedyAllocation, solveAllocation, type AllocationInput } from "../src/domain/allocation/solve";

function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Pool members spread over administrations of uneven size, departments with caps, 20 eligible requests per member. */
export function instance(members: number, requests: number, administrations: number, perMember = 20): AllocationInput {
  const r = random(members * 31 + requests);
  const weights = Array.from({ length: administrations }, (_, i) => 1 / (i + 1)); // a big city and many small towns
  const total = weights.reduce((s, w) => s + w, 0);
  const sizes = weights.map((w) => Math.max(1, Math.round((members * w) / total)));
  const departments: AllocationInput["departments"] = [];
  const people: AllocationInput["members"] = [];
  sizes.forEach((size, a) => {
    const first = departments.length;
    for (let d = 0; d < 5; d++) departments.push({ administration: a, cap: Math.max(1, Math.round(size / 8)) });
    for (let p = 0; p < size; p++) people.push({ department: first + Math.floor(r() * 5) });
  });
  const urgencies = ["crisis", "urgent", "normal"] as const;
  const reqs = Array.from({ length: requests }, () => ({ urgency: urgencies[Math.floor(r() * 3)], open: 1 + Math.floor(r() * 15) }));
  const pairs: AllocationInput["pairs"] = [];
  people.forEach((_, m) => {
    const seen = new Set<number>();
    for (let k = 0; k < perMember; k++) {
      const q = Math.floor(r() * requests);
      if (seen.has(q)) continue;
      seen.add(q);
      pairs.push({ member: m, request: q, distanceM: Math.floor(r() * 50_000), preferred: Math.floor(r() * 3) });
    }
  });
  return { administrations: sizes.map((n) => ({ poolSize: n, cap: null })), departments, members: people, requests: reqs, pairs };
}

/** The largest share of its pool any administration lends. */
function maxShare(input: AllocationInput, assignments: number[]) {
  const lent = new Array<number>(input.administrations.length).fill(0);
  for (const i of assignments) lent[input.departments[input.members[input.pairs[i].member].department].administration]++;
  return Math.max(...lent.map((l, a) => l / input.administrations[a].poolSize));
}

const sizes: Array<[string, number, number, number]> = [["region", 2_000, 200, 22]];
if (process.argv.includes("state")) sizes.push(["state", 20_000, 2_000, 200]);
for (const [name, members, requests, admins] of sizes) {
  const input = instance(members, requests, admins);
  const heap = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const optimum = solveAllocation(input);
  const ms = performance.now() - t0;
  const grown = (process.memoryUsage().heapUsed - heap) / 2 ** 20;
  const t1 = performance.now();
  const greedy = greedyAllocation(input);
  const greedyMs = performance.now() - t1;
  const g = evaluate(input, greedy);
  const o = optimum.objective;
  console.log(`${name}: ${members} members × ${requests} requests, ${input.pairs.length} eligible pairs`);
  console.log(
    `  optimiser  ${ms.toFixed(0)} ms, ${optimum.pivots} pivots (per level ${optimum.pivotsPerLevel.join(" / ")}), heap +${grown.toFixed(0)} MB`,
  );
  console.log(
    `             crisis ${o.crisis}, urgent ${o.urgent}, normal ${o.normal}, fairness ${o.fairness}, distance ${o.distanceM} m, preferred ${o.preferred}`,
  );
  console.log(`  first come ${greedyMs.toFixed(0)} ms`);
  console.log(
    `             crisis ${g.crisis}, urgent ${g.urgent}, normal ${g.normal}, fairness ${g.fairness}, distance ${g.distanceM} m, preferred ${g.preferred}`,
  );
  console.log(
    `  optimiser fills ${o.crisis - g.crisis} more crisis slots; largest share of a pool lent: ${(100 * maxShare(input, optimum.assignments)).toFixed(1)} % vs ${(100 * maxShare(input, greedy)).toFixed(1)} %`,
  );
}
