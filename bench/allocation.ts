/**
 * Allocation benchmark (#6): the exact optimiser on instances generated with a fixed seed from the
 * real region (test/allocation-instances.ts), against first come, first served, CBC (level by
 * level, where it finishes within 10 minutes) and LEMON's network simplex (C++, where Debian's
 * liblemon-dev is installed). Each size runs in its own process, so peak memory is its own.
 *
 *   npm run bench:allocation                 region (tight caps, loose caps, light demand) and state
 *   npm run bench:allocation -- nation       also 100,000 × 10,000 (without CBC, which would not finish)
 *   npm run bench:allocation -- --no-cbc     without CBC
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  evaluate,
  greedyAllocation,
  solveAllocation,
  type AllocationInput,
  type AllocationObjective,
} from "../src/domain/allocation/solve";
import { cbcAvailable, runCbc, solveWithCbc } from "../test/cbc";
import { toLp } from "../src/domain/allocation/lp-format";
import { generateInstance } from "../test/allocation-instances";
import { solverPool } from "../src/modules/allocation/solver-pool";

// capShare: what a department may lend as a share of its people (0.35: tight caps, as in the
// CBC test; 0.6: loose). With 200 requests the demand exceeds what the caps let the region lend,
// so every administration lends up to its caps and the fairness level has nothing to decide; with
// 40 requests it decides who lends.
const SIZES = {
  region: { members: 2_000, requests: 200, regions: 1, capShare: 0.35, warm: 9 },
  "region-loose-caps": { members: 2_000, requests: 200, regions: 1, capShare: 0.6, warm: 9 },
  "region-light-demand": { members: 2_000, requests: 40, regions: 1, capShare: 0.6, warm: 9 },
  state: { members: 20_000, requests: 2_000, regions: 10, capShare: 0.35, warm: 2 },
  nation: { members: 100_000, requests: 10_000, regions: 50, capShare: 0.35, warm: 0 },
} as const;
type Size = keyof typeof SIZES;

const fmt = (n: number, digits = 0) => n.toLocaleString("en-GB", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const objective = (o: AllocationObjective) =>
  `crisis ${o.crisis}, urgent ${o.urgent}, normal ${o.normal}, fairness ${o.fairness}, distance ${fmt(o.distanceM)} m, preferred ${o.preferred}`;

/** Share of its pool each administration lends: the largest, and the standard deviation across administrations. */
function spread(input: AllocationInput, assignments: readonly number[]) {
  const lent = new Array<number>(input.administrations.length).fill(0);
  for (const i of assignments) lent[input.departments[input.members[input.pairs[i].member].department].administration]++;
  const shares = lent.map((l, a) => l / input.administrations[a].poolSize);
  const mean = shares.reduce((s, x) => s + x, 0) / shares.length;
  const sd = Math.sqrt(shares.reduce((s, x) => s + (x - mean) ** 2, 0) / shares.length);
  return { max: 100 * Math.max(...shares), sd: 100 * sd };
}

/** Exact weights that make the three priority levels one objective: a crisis slot outweighs all urgent ones, and so on. */
function priorityWeights(input: AllocationInput) {
  const slots = { crisis: 0, urgent: 0, normal: 0 };
  for (const r of input.requests) slots[r.urgency] += r.open;
  return { normal: 1, urgent: slots.normal + 1, crisis: (slots.normal + 1) * (slots.urgent + 1) };
}

/** The weighted priority value of an objective (maximised). */
const priorityValue = (o: AllocationObjective, w: ReturnType<typeof priorityWeights>) =>
  o.crisis * w.crisis + o.urgent * w.urgent + o.normal * w.normal;

/** The priority level as one min-cost circulation in DIMACS format (LEMON's reference run). */
function priorityDimacs(input: AllocationInput): string {
  const A = input.administrations.length;
  const D = input.departments.length;
  const P = input.members.length;
  const S = 1;
  const T = 2;
  const admin = (a: number) => 3 + a;
  const dep = (d: number) => 3 + A + d;
  const member = (p: number) => 3 + A + D + p;
  const request = (r: number) => 3 + A + D + P + r;
  const weight = priorityWeights(input);
  const arcs: string[] = [`a ${T} ${S} 0 ${10 ** 9} 0`];
  const membersOf = new Array<number>(A).fill(0);
  for (const m of input.members) membersOf[input.departments[m.department].administration]++;
  input.administrations.forEach((a, i) => arcs.push(`a ${S} ${admin(i)} 0 ${Math.min(a.cap ?? Infinity, membersOf[i])} 0`));
  input.departments.forEach((d, i) => arcs.push(`a ${admin(d.administration)} ${dep(i)} 0 ${d.cap ?? 10 ** 9} 0`));
  input.members.forEach((m, i) => arcs.push(`a ${dep(m.department)} ${member(i)} 0 1 0`));
  input.pairs.forEach((p) => arcs.push(`a ${member(p.member)} ${request(p.request)} 0 1 0`));
  input.requests.forEach((r, i) => arcs.push(`a ${request(i)} ${T} 0 ${r.open} ${-weight[r.urgency]}`));
  return [`p min ${2 + A + D + P + input.requests.length} ${arcs.length}`, ...arcs, ""].join("\n");
}

/** Builds the LEMON harness once; null where liblemon-dev is missing. */
function lemonBinary(): string | null {
  if (!fs.existsSync("/usr/include/lemon/network_simplex.h")) return null;
  const binary = path.join(os.tmpdir(), "verbund-lemon-network-simplex");
  const source = path.resolve(import.meta.dirname, "lemon/network-simplex.cc");
  if (!fs.existsSync(binary) || fs.statSync(binary).mtimeMs < fs.statSync(source).mtimeMs)
    execFileSync("g++", ["-O2", "-o", binary, source, "-llemon"], { stdio: "inherit" });
  return binary;
}

async function child(size: Size, withCbc: boolean) {
  const spec = SIZES[size];
  const t0 = performance.now();
  const { input } = generateInstance({
    members: spec.members,
    requests: spec.requests,
    regions: spec.regions,
    seed: 1,
    capShare: spec.capShare,
  });
  const generateMs = performance.now() - t0;
  const t1 = performance.now();
  const result = solveAllocation(input);
  const coldMs = performance.now() - t1;
  const warm: number[] = [];
  for (let i = 0; i < spec.warm; i++) {
    const t = performance.now();
    solveAllocation(input);
    warm.push(performance.now() - t);
  }
  warm.sort((a, b) => a - b);
  const peakMB = process.resourceUsage().maxRSS / 1024;
  const t2 = performance.now();
  const greedy = greedyAllocation(input);
  const greedyMs = performance.now() - t2;
  const g = evaluate(input, greedy);
  const out: string[] = [];
  out.push(
    `${size}: ${fmt(spec.members)} members × ${fmt(spec.requests)} requests, ${fmt(input.pairs.length)} eligible pairs (generated in ${fmt(generateMs)} ms)`,
  );
  out.push(
    `  optimiser   ${fmt(coldMs)} ms first run${warm.length ? `, ${fmt(warm[Math.floor(warm.length / 2)])} ms median of ${warm.length} more` : ""}; ` +
      `peak memory ${fmt(peakMB)} MB; fairness: ${fmt(result.fairness.transfers)} people moved in ${result.fairness.rounds} rounds; ` +
      `${fmt(result.pivots)} pivots (${result.pivotsPerLevel.map((p) => fmt(p)).join(" / ")})`,
  );
  out.push(`              ${objective(result.objective)}`);
  if (spec.members <= 2_000) {
    // What the server sees: its worker thread warms up when it starts listening, then solves.
    await solverPool.warmUp();
    const inWorker: number[] = [];
    for (let i = 0; i < 9; i++) inWorker.push((await solverPool.solve(input)).ms);
    await solverPool.close();
    const sorted = [...inWorker].sort((a, b) => a - b);
    out.push(`              in the server's worker after its warm-up: ${fmt(inWorker[0])} ms first run, ${fmt(sorted[4])} ms median of 9`);
  }
  out.push(`  first come  ${fmt(greedyMs)} ms`);
  out.push(`              ${objective(g)}`);
  const so = spread(input, result.assignments);
  const sg = spread(input, greedy);
  out.push(
    `  optimiser fills ${result.objective.crisis - g.crisis} more crisis slots (${result.objective.crisis} vs ${g.crisis}); ` +
      `share of a pool lent: largest ${fmt(so.max, 1)} % vs ${fmt(sg.max, 1)} %, standard deviation ${fmt(so.sd, 1)} vs ${fmt(sg.sd, 1)} points`,
  );
  // The fairness level's own effect: the same model with every unit of lending costing the same
  // (a huge pool everywhere makes each fairness cost 1), so the fairness level decides nothing.
  const neutral = solveAllocation({ ...input, administrations: input.administrations.map((a) => ({ ...a, poolSize: 1e9 })) });
  const sn = spread(input, neutral.assignments);
  out.push(
    `  without the fairness level (same priority values, then distance): largest share ${fmt(sn.max, 1)} %, standard deviation ${fmt(sn.sd, 1)} points, ` +
      `fairness ${evaluate(input, neutral.assignments).fairness} vs ${result.objective.fairness}`,
  );
  const oursMs = warm.length ? warm[Math.floor(warm.length / 2)] : coldMs;
  if (withCbc && cbcAvailable()) {
    // The reference of the issue: the priority level alone, as one MIP with exact class weights.
    const weight = priorityWeights(input);
    const lp = toLp(input, 0, {})!.replace(
      / obj: .*\n/,
      ` obj: ${input.pairs.map((p, i) => `${weight[input.requests[p.request].urgency]} x${i}`).join(" + ")}\n`,
    );
    const priority = await runCbc(lp, 600);
    const ours = priorityValue(result.objective, weight);
    out.push(
      `  CBC         priority level alone: ${fmt(priority.ms)} ms, ` +
        (priority.objective === null
          ? "did not finish within 10 minutes"
          : priority.objective === ours
            ? "same priority values"
            : `DIFFERENT: ${priority.objective} vs ${ours}`) +
        `; optimiser with all levels ${fmt(priority.ms / oursMs, 1)}× faster`,
    );
    const cbc = await solveWithCbc(input, { seconds: 600 });
    const same = cbc.complete && JSON.stringify(cbc.objective) === JSON.stringify(result.objective);
    out.push(
      `              all six levels: ${fmt(cbc.ms)} ms` +
        (cbc.complete
          ? `, ${same ? "same objective on every level" : `DIFFERENT objective: ${objective(cbc.objective)}`}; optimiser ${fmt(cbc.ms / oursMs, 1)}× faster`
          : `, stopped after 10 minutes with ${cbc.solved.join(", ") || "no level"} solved; optimiser more than ${fmt(cbc.ms / oursMs, 0)}× faster`),
    );
  } else if (withCbc) out.push("  CBC         not installed (Debian package coinor-cbc)");
  const lemon = lemonBinary();
  if (lemon) {
    const file = path.join(os.tmpdir(), `verbund-${size}.min`);
    fs.writeFileSync(file, priorityDimacs(input));
    const run = spawnSync(lemon, { input: fs.readFileSync(file), maxBuffer: 2 ** 26 });
    fs.rmSync(file);
    const [ms, cost] = run.stdout.toString().trim().split(" ").map(Number);
    const ourCost = -priorityValue(result.objective, priorityWeights(input));
    out.push(
      `  LEMON       ${fmt(ms, 1)} ms for the priority level alone (network simplex, C++); ` +
        `${cost === ourCost ? "same priority values" : `DIFFERENT cost ${cost} vs ${ourCost}`}; optimiser with all levels ${fmt(oursMs / ms, 1)}× its time`,
    );
  } else out.push("  LEMON       not installed (Debian package liblemon-dev)");
  console.log(out.join("\n"));
}

const args = process.argv.slice(2);
if (args[0] === "--child") await child(args[1] as Size, !args.includes("--no-cbc") && args[1] !== "nation");
else {
  const sizes: Size[] = [
    "region",
    "region-loose-caps",
    "region-light-demand",
    "state",
    ...(args.includes("nation") ? (["nation"] as const) : []),
  ];
  console.log(`Allocation benchmark — ${os.cpus().length} cores, Node.js ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
  for (const size of sizes) {
    const run = spawnSync(
      process.execPath,
      ["--import", "tsx", import.meta.filename, "--child", size, ...args.filter((a) => a === "--no-cbc")],
      {
        stdio: "inherit",
      },
    );
    if (run.status !== 0) process.exitCode = 1;
  }
}
