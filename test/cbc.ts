/**
 * Solves the allocation model with Debian's `coinor-cbc`, level by level, as the independent
 * reference for the network simplex (src/domain/allocation/cbc.test.ts, bench/allocation.ts).
 */
import { execFile, execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { LEVEL_ORDER, toLp } from "../src/domain/allocation/lp-format";
import type { AllocationInput, AllocationObjective } from "../src/domain/allocation/solve";

const run = promisify(execFile);

/** Whether `cbc` is on the PATH. */
export function cbcAvailable(): boolean {
  try {
    execFileSync("cbc", ["-quit"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

export interface CbcResult {
  objective: AllocationObjective;
  /** Wall-clock time of all CBC runs together (including writing and reading files). */
  ms: number;
  /** Whether every level finished within the time limit. */
  complete: boolean;
  /** The levels solved to optimality, in order. */
  solved: Array<keyof AllocationObjective>;
}

/**
 * The lexicographic optimum by CBC: each level a MIP with the earlier levels fixed at their
 * optimum. `seconds` bounds all levels together; a level that does not finish in the time left
 * leaves the result incomplete.
 */
export async function solveWithCbc(input: AllocationInput, options: { seconds?: number } = {}): Promise<CbcResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "verbund-cbc-"));
  const fixed: Partial<AllocationObjective> = {};
  const started = performance.now();
  let complete = true;
  const solved: Array<keyof AllocationObjective> = [];
  try {
    for (let level = 0; level < LEVEL_ORDER.length; level++) {
      const key = LEVEL_ORDER[level].key;
      const lp = toLp(input, level, fixed);
      if (lp === null) {
        fixed[key] = 0;
        solved.push(key);
        continue;
      }
      const model = path.join(dir, `level${level}.lp`);
      const solution = path.join(dir, `level${level}.sol`);
      fs.writeFileSync(model, lp);
      const left = options.seconds ? Math.floor(options.seconds - (performance.now() - started) / 1000) : null;
      if (left !== null && left <= 0) {
        complete = false;
        break;
      }
      const args = [model, ...(left !== null ? ["sec", String(left)] : []), "solve", "solu", solution];
      await run("cbc", args, { maxBuffer: 64 * 2 ** 20 });
      const value = readSolution(solution);
      if (value === null) {
        complete = false;
        break;
      }
      fixed[key] = value;
      solved.push(key);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const objective = Object.fromEntries(LEVEL_ORDER.map(({ key }) => [key, fixed[key] ?? NaN])) as unknown as AllocationObjective;
  return { objective, ms: performance.now() - started, complete, solved };
}

/** Runs CBC on one LP model; returns the wall-clock time and the objective, or null when it stopped early. */
export async function runCbc(lp: string, seconds: number): Promise<{ ms: number; objective: number | null }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "verbund-cbc-"));
  try {
    const model = path.join(dir, "model.lp");
    const solution = path.join(dir, "model.sol");
    fs.writeFileSync(model, lp);
    const started = performance.now();
    await run("cbc", [model, "sec", String(seconds), "solve", "solu", solution], { maxBuffer: 64 * 2 ** 20 });
    const ms = performance.now() - started;
    return { ms, objective: readSolution(solution) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The objective of a CBC solution file when CBC proved it optimal; null when it stopped early. */
function readSolution(file: string): number | null {
  const first = fs.readFileSync(file, "utf8").split("\n", 1)[0];
  const match = /^(\S[^-]*?)\s*-\s*objective value\s+(-?[\d.e+]+)/.exec(first);
  if (!match) throw new Error(`unexpected CBC solution: ${first}`);
  return match[1] === "Optimal" ? Math.round(Number(match[2])) : null;
}
