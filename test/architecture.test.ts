/**
 * The direction of the code (#14, `.dependency-cruiser.cjs`): capabilities in layers, imported
 * only through their index.ts, no circles, a kernel and a domain that know no capability. Runs
 * dependency-cruiser over src/ and fails with each violation's rule, file and target.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
  cycle?: Array<{ name: string }>;
}

describe("architecture", () => {
  it("capabilities import lower layers through index.ts only, and nothing imports in a circle", () => {
    const run = spawnSync(
      process.execPath,
      [
        path.join(root, "node_modules/dependency-cruiser/bin/dependency-cruise.mjs"),
        "src",
        "--config",
        ".dependency-cruiser.cjs",
        "--output-type",
        "json",
      ],
      { cwd: root, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
    );
    expect(run.stderr).toBe("");
    const result = JSON.parse(run.stdout) as { summary: { violations: Violation[]; totalCruised: number } };
    expect(result.summary.totalCruised).toBeGreaterThan(150);
    const violations = result.summary.violations.map(
      (v) => `${v.rule.name}: ${v.from} → ${v.to}${v.cycle ? ` (${v.cycle.map((c) => c.name).join(" → ")})` : ""}`,
    );
    expect(violations).toEqual([]);
  }, 120_000);
});
