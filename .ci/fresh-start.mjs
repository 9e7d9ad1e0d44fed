#!/usr/bin/env node
// A newcomer's start, as README.md gives it: a fresh clone of the commit under test (never the
// working tree: uncommitted files must not leak in), then `npm ci && npm start` with no environment
// but PATH and HOME (to find node and npm), PORT and VERBUND_DEMO_PASSWORD. Checks, each counted:
//
//   1. `npm ci` succeeds and prints no EBADENGINE warning (the README's Node version suffices);
//   2. `/healthz` answers 200 within 120 s of `npm start`;
//   3. a demo account signs in (`POST /api/v1/session`) within the same 120 s;
//   4. after a browser's page load the start banner (address, demo password) is still at the end
//      of the console, not pushed away by request logs;
//   5. SIGTERM to the `npm start` process ends it with exit status 0 and leaves no process behind.
//
//   node .ci/fresh-start.mjs [--commit REV] [--report FILE]
//
// --commit: the commit to clone (default HEAD); --report: where to write `{name, passed, failed,
// skipped}` for the closing line of `.ci/run` (scripts/test.mjs --include-report=FILE). Prints
// `N passed, N failed` last and exits non-zero when a check fails.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { commit: { type: "string", default: "HEAD" }, report: { type: "string" } } });
const root = path.resolve(import.meta.dirname, "..");
const password = "frischer-start-2026";
const START_LIMIT_MS = 120_000;
const results = [];

function check(name, ok, detail = "") {
  results.push({ name, ok });
  console.log(`${ok ? "✓" : "✗"} ${name}${detail ? ` — ${detail}` : ""}`);
  return ok;
}

function finish() {
  const passed = results.filter((r) => r.ok).length;
  // Checks that could not run because an earlier one failed count as failed.
  const failed = 5 - passed;
  if (values.report) {
    fs.mkdirSync(path.dirname(path.resolve(values.report)), { recursive: true });
    fs.writeFileSync(values.report, JSON.stringify({ name: "fresh-clone", passed, failed, skipped: 0 }));
  }
  // With --report the closing line of .ci/run sums this step; its own line names itself.
  console.log(`${values.report ? "fresh clone: " : ""}${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}

/** A port nobody listens on now (the other checkouts on this machine use theirs). */
async function freePort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Whether any process of the group still runs. */
function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

const sha = spawnSync("git", ["-C", root, "rev-parse", "--verify", `${values.commit}^{commit}`], { encoding: "utf8" }).stdout.trim();
if (!sha) {
  console.log(`✗ no commit ${values.commit}`);
  finish();
}
const work = fs.mkdtempSync(path.join(os.tmpdir(), "verbund-fresh-"));
const clone = path.join(work, "verbund");
process.on("exit", () => fs.rmSync(work, { recursive: true, force: true }));
console.log(`Fresh clone of ${sha.slice(0, 12)} in ${clone}`);
const cloned = spawnSync("git", ["clone", "--quiet", "--no-checkout", root, clone], { encoding: "utf8" });
const checkout = cloned.status === 0 && spawnSync("git", ["-C", clone, "checkout", "--quiet", "--detach", sha], { encoding: "utf8" });
if (!checkout || checkout.status !== 0) {
  console.log(`✗ git clone/checkout failed: ${cloned.stderr}${checkout ? checkout.stderr : ""}`);
  finish();
}

// The environment a newcomer's shell gives: PATH and HOME, nothing of this CI run.
const shell = [`PATH=${process.env.PATH}`, `HOME=${process.env.HOME ?? os.homedir()}`];

const ci = spawnSync("env", ["-i", ...shell, "npm", "ci", "--no-audit", "--no-fund"], {
  cwd: clone,
  encoding: "utf8",
  timeout: 10 * 60_000,
  maxBuffer: 64 * 1024 * 1024,
});
const ciOutput = `${ci.stdout}${ci.stderr}`;
const badEngines = [...ciOutput.matchAll(/package: '([^']+)',\s*\n\s*npm warn EBADENGINE\s+required: \{ node: '([^']+)'/g)].map(
  (m) => `${m[1]} (node ${m[2]})`,
);
if (!check("npm ci without EBADENGINE", ci.status === 0 && !ciOutput.includes("EBADENGINE"), badEngines.join(", "))) {
  if (ci.status !== 0) {
    console.log(ciOutput.slice(-4000));
    finish();
  }
}

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const started = Date.now();
// detached: its own process group, so that whatever it leaves behind can be found afterwards.
const server = spawn("env", ["-i", ...shell, `PORT=${port}`, `VERBUND_DEMO_PASSWORD=${password}`, "npm", "start"], {
  cwd: clone,
  detached: true,
  stdio: ["ignore", "pipe", "pipe"],
});
let consoleOutput = "";
server.stdout.on("data", (d) => (consoleOutput += d));
server.stderr.on("data", (d) => (consoleOutput += d));
const exited = new Promise((resolve) => server.once("exit", (code, signal) => resolve({ code, signal })));
let exit = null;
void exited.then((e) => (exit = e));

const dump = () => console.log(`--- console of npm start ---\n${consoleOutput.slice(-6000)}\n---`);
const cleanUp = () => groupAlive(server.pid) && process.kill(-server.pid, "SIGKILL");

let healthy = false;
while (!healthy && !exit && Date.now() - started < START_LIMIT_MS) {
  healthy = await fetch(`${base}/healthz`).then(
    (r) => r.status === 200,
    () => false,
  );
  if (!healthy) await sleep(500);
}
const seconds = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
if (
  !check("/healthz answers within 120 s", healthy, healthy ? seconds() : exit ? `npm start exited with ${exit.code ?? exit.signal}` : "")
) {
  dump();
  cleanUp();
  finish();
}

const session = await fetch(`${base}/api/v1/session`, {
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ login: "koordination@region-hannover.demo", password }),
}).then(
  async (r) => ({ status: r.status, body: await r.json().catch(() => null) }),
  (e) => ({ status: 0, body: String(e) }),
);
const signedIn = session.status === 200 && typeof session.body?.csrfToken === "string" && Date.now() - started < START_LIMIT_MS;
check("demo login within 120 s", signedIn, signedIn ? seconds() : `status ${session.status}`);

// The banner follows the start-up's own work (a moment after the server answers); then what a
// browser does next, the page and its assets, must not push it away.
while (!consoleOutput.includes("Anmelden / sign in:") && !exit && Date.now() - started < START_LIMIT_MS) await sleep(100);
const page = await fetch(`${base}/`, { headers: { accept: "text/html" } }).then(
  (r) => r.text(),
  () => "",
);
for (const asset of page.match(/\/assets\/[^"]+/g) ?? []) await fetch(`${base}${asset}`).catch(() => undefined);
await sleep(500);
const tail = consoleOutput.trimEnd().split("\n").slice(-3).join("\n");
if (
  !check(
    "start banner still at the end of the console",
    page.includes("<div id=") && tail.includes("Anmelden / sign in:") && tail.includes("Strg+C"),
    page ? "" : "no page",
  )
)
  dump();

server.kill("SIGTERM");
const ended = await Promise.race([exited, sleep(30_000).then(() => null)]);
let leftovers = false;
for (let i = 0; i < 50 && groupAlive(server.pid); i++) await sleep(100);
if (groupAlive(server.pid)) {
  leftovers = true;
  const ps = spawnSync("ps", ["-o", "pid,args", "-g", String(server.pid)], { encoding: "utf8" }).stdout;
  console.log(`still running after npm start ended:\n${ps}`);
}
const clean = !!ended && ended.code === 0 && !leftovers;
if (
  !check("SIGTERM: exit status 0, nothing left running", clean, ended ? `exit ${ended.code ?? ended.signal}` : "still running after 30 s")
)
  dump();
cleanUp();
finish();
