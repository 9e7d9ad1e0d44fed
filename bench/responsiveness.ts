/**
 * Does the server stay responsive while allocation runs compute? (#13) Starts the real server
 * (`verbund serve`, its own process) on a database seeded with a large region
 * (bench/large-region.ts: about 67,000 eligible pairs per run), signs in as the coordination
 * office, fires several runs at once and polls `GET /healthz` every 10 ms from this process until
 * all runs have answered. Prints p50/p99/max of `/healthz` and the end-to-end time of each run.
 *
 *   node --import tsx bench/responsiveness.ts                       this checkout, PostgreSQL
 *   node --import tsx bench/responsiveness.ts --baseline a2e43a2    the same on commit a2e43a2 first
 *   node --import tsx bench/responsiveness.ts --pglite              on the embedded database
 *
 * Options: --runs N (at once, default 3), --rounds N (default 3), --members N, --requests N.
 * BENCH_SERVER_NODE_ARGS passes node flags to the servers (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"
 * to see where their threads spend the time), BENCH_SERVER_STDERR=1 shows their error output.
 * PostgreSQL: BENCH_DATABASE_URL (a server; the database verbund_bench_responsiveness is created
 * afresh), default postgres://postgres:postgres@127.0.0.1:5432. The baseline is the committed tree
 * of that revision (git archive) with this checkout's node_modules, on the same database.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import pg from "pg";
import { createAdministrator } from "../src/cli/create-admin";
import { loadConfig, projectRoot } from "../src/config";
import { migrateDatabase, openDatabase, type Database } from "../src/db/client";
import { seedReferenceData } from "../src/db/seed/reference";
import { seedLargeRegion } from "./large-region";
import { checkoutOf, startServerProcess } from "./server-process";

const { values } = parseArgs({
  options: {
    baseline: { type: "string" },
    pglite: { type: "boolean", default: false },
    runs: { type: "string", default: "3" },
    rounds: { type: "string", default: "3" },
    members: { type: "string", default: "2000" },
    requests: { type: "string", default: "250" },
  },
});
const RUNS = Number(values.runs);
const ROUNDS = Number(values.rounds);
const LOGIN = "koordination@bench.example";
const PASSWORD = "bench-passwort-2026";
const work = fs.mkdtempSync(path.join(os.tmpdir(), "verbund-responsiveness-"));
process.on("exit", () => fs.rmSync(work, { recursive: true, force: true }));

/** The database both servers use: created, migrated and seeded once. */
async function prepareDatabase(): Promise<Record<string, string>> {
  let database: Database;
  let env: Record<string, string>;
  if (values.pglite) {
    const dataDir = path.join(work, "data");
    database = await openDatabase({ dataDir, purpose: "bench" });
    env = { VERBUND_DATA_DIR: dataDir, DATABASE_URL: "" };
  } else {
    const server = process.env.BENCH_DATABASE_URL ?? "postgres://postgres:postgres@127.0.0.1:5432";
    const admin = new pg.Client({ connectionString: `${server}/postgres` });
    await admin.connect();
    await admin.query("DROP DATABASE IF EXISTS verbund_bench_responsiveness");
    await admin.query("CREATE DATABASE verbund_bench_responsiveness");
    await admin.end();
    const url = `${server}/verbund_bench_responsiveness`;
    database = await openDatabase({ databaseUrl: url });
    env = { DATABASE_URL: url };
  }
  try {
    await migrateDatabase(database);
    await seedReferenceData(database.db, loadConfig({}).regionDir);
    await createAdministrator(database.db, { ags: "03241", login: LOGIN, password: PASSWORD, roles: ["region_admin", "org_admin"] });
    await seedLargeRegion(database.db, { members: Number(values.members), requests: Number(values.requests) });
  } finally {
    await database.close();
  }
  return env;
}

async function startServer(dir: string, env: Record<string, string>) {
  const { base, stop } = await startServerProcess(dir, [path.join(dir, "bin", "verbund.mjs"), "serve"], env, 60);
  const session = await fetch(`${base}/api/v1/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ login: LOGIN, password: PASSWORD }),
  });
  if (!session.ok) throw new Error(`sign-in failed: ${session.status} ${await session.text()}`);
  const cookie = session.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const csrf = ((await session.json()) as { csrfToken: string }).csrfToken;
  // Let the solver worker's warm-up finish, as in a server that has been running for a while.
  await sleep(3000);
  const run = async () => {
    const started = performance.now();
    const res = await fetch(`${base}/api/v1/allocation-runs`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie, "x-csrf-token": csrf },
      body: "{}",
    });
    const body = (await res.json()) as { pool?: { eligiblePairs: number }; status?: string };
    return { ms: performance.now() - started, status: res.status, pairs: body.pool?.eligiblePairs ?? 0, runStatus: body.status };
  };
  return { base, run, stop };
}

/** Fires `RUNS` runs at once and polls /healthz every 10 ms until all have answered. */
async function round(server: Awaited<ReturnType<typeof startServer>>) {
  const latencies: number[] = [];
  let done = false;
  const polls: Promise<void>[] = [];
  const poller = setInterval(() => {
    const sent = performance.now();
    polls.push(
      fetch(`${server.base}/healthz`).then(
        async (r) => {
          await r.arrayBuffer();
          latencies.push(performance.now() - sent);
        },
        () => undefined,
      ),
    );
  }, 10);
  const runs = await Promise.all(Array.from({ length: RUNS }, () => server.run()));
  done = true;
  clearInterval(poller);
  await Promise.all(polls);
  return { runs, latencies, done };
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const ms = (x: number) => `${Math.round(x)} ms`;

const env = await prepareDatabase();
const variants: Array<{ name: string; dir: string }> = [];
if (values.baseline) variants.push({ name: `baseline ${values.baseline}`, dir: checkoutOf(work, values.baseline) });
variants.push({ name: "this checkout", dir: projectRoot });

console.log(
  `\n${values.pglite ? "PGlite" : "PostgreSQL"}; ${RUNS} runs at once, ${ROUNDS} rounds; /healthz every 10 ms; ${os.cpus().length} cores\n`,
);
for (const variant of variants) {
  const server = await startServer(variant.dir, env);
  try {
    const single = await server.run();
    const alone = [single.ms, (await server.run()).ms];
    const all = { latencies: [] as number[], runs: [] as Array<{ ms: number; status: number; pairs: number }> };
    for (let i = 0; i < ROUNDS; i++) {
      const r = await round(server);
      all.latencies.push(...r.latencies);
      all.runs.push(...r.runs);
    }
    const statuses = all.runs.reduce<Record<number, number>>((c, r) => ((c[r.status] = (c[r.status] ?? 0) + 1), c), {});
    const runTimes = all.runs.filter((r) => r.status === 201).map((r) => r.ms);
    console.log(
      `${variant.name}  (load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")})`,
    );
    console.log(`  eligible pairs per run        ${single.pairs.toLocaleString("en-GB")}`);
    console.log(`  one run alone, end to end     ${alone.map(ms).join(", ")}`);
    console.log(
      `  ${RUNS} at once, end to end       median ${ms(quantile(runTimes, 0.5))}, max ${ms(Math.max(...runTimes))}  (answers: ${JSON.stringify(statuses)})`,
    );
    console.log(
      `  /healthz meanwhile            p50 ${ms(quantile(all.latencies, 0.5))}, p99 ${ms(quantile(all.latencies, 0.99))}, max ${ms(Math.max(...all.latencies))}  (${all.latencies.length} polls)\n`,
    );
  } finally {
    await server.stop();
  }
}
