#!/usr/bin/env node
// `npm test`: unit and integration tests on PGlite, again on PostgreSQL when TEST_DATABASE_URL
// is set, then the browser tests against the production build. Ends with one plain line
// `N passed, N failed[, N skipped]` summing all suites, and exits non-zero on any failure.
// `--include-report=FILE` adds a suite that ran before (a JSON `{name, passed, failed, skipped}`,
// e.g. .ci/fresh-start.mjs in .ci/run) to that line; a missing report counts as one failure.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const reports = path.join(root, ".tmp", "test-reports");
fs.rmSync(reports, { recursive: true, force: true });
fs.mkdirSync(reports, { recursive: true });
const vitest = path.join(root, "node_modules", "vitest", "vitest.mjs");
const args = process.argv.slice(2);
const only = args.filter((a) => !a.startsWith("--")); // optional: names of suites to run
const included = args.filter((a) => a.startsWith("--include-report=")).map((a) => a.slice("--include-report=".length));

function run(name, args, env) {
  if (only.length && !only.includes(name)) return null;
  const report = path.join(reports, `${name}.json`);
  console.log(`\n▶ ${name}`);
  const result = spawnSync(process.execPath, [vitest, "run", ...args, "--reporter=default", "--reporter=json", `--outputFile=${report}`], {
    cwd: root,
    stdio: "inherit",
    env,
  });
  if (!fs.existsSync(report)) return { name, passed: 0, failed: 1, skipped: 0, note: `no report (exit ${result.status})` };
  const json = JSON.parse(fs.readFileSync(report, "utf8"));
  const failedFiles = (json.testResults ?? []).filter((f) => f.status === "failed" && (f.assertionResults ?? []).length === 0).length;
  return {
    name,
    passed: json.numPassedTests,
    failed: json.numFailedTests + failedFiles + (result.status !== 0 && json.numFailedTests === 0 && failedFiles === 0 ? 1 : 0),
    skipped: (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0),
  };
}

const { TEST_DATABASE_URL, ...withoutPostgres } = process.env;
const results = included.map((file) => {
  try {
    const r = JSON.parse(fs.readFileSync(file, "utf8"));
    return { name: String(r.name), passed: Number(r.passed), failed: Number(r.failed), skipped: Number(r.skipped ?? 0) };
  } catch {
    return { name: path.basename(file, ".json"), passed: 0, failed: 1, skipped: 0, note: `no report ${file}` };
  }
});
results.push(run("pglite", ["--config", "vitest.config.ts"], withoutPostgres));
if (TEST_DATABASE_URL) results.push(run("postgres", ["--config", "vitest.config.ts"], { ...process.env, TEST_DATABASE_URL }));
else if (!only.length) console.log("\nTEST_DATABASE_URL is not set: the integration tests ran on PGlite only.");
if (!only.length || only.includes("browser")) {
  console.log("\n▶ build (web app for the browser tests)");
  const build = spawnSync(
    process.execPath,
    [path.join(root, "node_modules", "vite", "bin", "vite.js"), "build", "--config", "web/vite.config.ts", "--logLevel", "warn"],
    { cwd: root, stdio: "inherit" },
  );
  results.push(
    build.status === 0
      ? run("browser", ["--config", "vitest.e2e.config.ts"], withoutPostgres)
      : { name: "browser", passed: 0, failed: 1, skipped: 0, note: "build failed" },
  );
}

const done = results.filter(Boolean);
console.log("");
for (const r of done)
  console.log(`  ${r.name.padEnd(11)} ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped${r.note ? ` (${r.note})` : ""}`);
const sum = (k) => done.reduce((s, r) => s + r[k], 0);
console.log(`${sum("passed")} passed, ${sum("failed")} failed, ${sum("skipped")} skipped`);
process.exit(sum("failed") > 0 ? 1 : 0);
