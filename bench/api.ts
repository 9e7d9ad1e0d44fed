/**
 * How fast does the API answer reads? (#14) Seeds a realistic region (bench/volume.ts: the 22
 * administrations, 5,000 pool members, 500 requests, 2,000 secondments), starts the real server
 * (`verbund serve`, its own process), signs in the HR offices of the ten largest administrations
 * and loads the API with 50 connections (autocannon), each request with the next session in turn
 * and `Accept-Encoding: br, gzip` like a browser. In the same run, on the same database, a bare
 * Fastify route answering one query (bench/bare-server.ts) is the yardstick. Prints req/s, p50,
 * p99 and errors per database and route mix, and the throughput as a share of the bare route's.
 *
 *   npm run bench:api                                   this checkout, PGlite and PostgreSQL
 *   npm run bench:api -- --baseline 9443370             the same on commit 9443370 first
 *   npm run bench:api -- --db pglite --duration 5       one database, shorter
 *
 * The checkout (and the baseline) runs twice: with the read cache switched off (every read presented
 * afresh, as a read costs right after the data changed) and as configured by default (server/read-cache.ts).
 * Two mixes change data ten times a second while they read: one caller's language (which leaves
 * the data version alone) and its display name (which empties every cache as often).
 *
 * Options: --db pglite,postgres  --duration S (per mix, default 10; a 3 s warm-up before each)
 * --connections N (default 50)  --members N  --requests N  --secondments N  --mixes a,b (names
 * below)  --no-uncached (skip the run without read cache). PostgreSQL: BENCH_DATABASE_URL (a server; the databases verbund_bench_api* are created
 * afresh), default postgres://postgres:postgres@127.0.0.1:5432. Every variant starts on its own
 * copy of the seeded database. The baseline is the committed tree of that revision (git archive)
 * with this checkout's node_modules. BENCH_SERVER_NODE_ARGS passes node flags to the servers,
 * BENCH_SERVER_STDERR=1 shows their error output.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { sql } from "drizzle-orm";
import pg from "pg";
import { createAdministrator } from "../src/cli/create-admin";
import { loadConfig, projectRoot } from "../src/config";
import { migrateDatabase, openDatabase, type Database } from "../src/db/client";
import { seedReferenceData } from "../src/db/seed/reference";
import { checkoutOf, startServerProcess } from "./server-process";
import { seedVolume } from "./volume";

const { values } = parseArgs({
  options: {
    baseline: { type: "string" },
    db: { type: "string", default: "pglite,postgres" },
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "50" },
    members: { type: "string", default: "5000" },
    requests: { type: "string", default: "500" },
    secondments: { type: "string", default: "2000" },
    mixes: { type: "string" },
    "no-uncached": { type: "boolean", default: false },
  },
});
const DURATION = Number(values.duration);
const CONNECTIONS = Number(values.connections);
const PASSWORD = "bench-passwort-2026";
const CALLERS = 10;
const work = fs.mkdtempSync(path.join(os.tmpdir(), "verbund-bench-api-"));
process.on("exit", () => fs.rmSync(work, { recursive: true, force: true }));
const server = process.env.BENCH_DATABASE_URL ?? "postgres://postgres:postgres@127.0.0.1:5432";

/** A signed-in caller and the ids it may read. */
interface Caller {
  cookie: string;
  csrfToken: string;
  secondmentIds: string[];
  requestIds: string[];
  organizationIds: string[];
}

/** A route mix: the paths a request of a caller goes to, in turn. */
interface Mix {
  name: string;
  paths(caller: Caller, i: number): string;
  /** Send `Accept-Encoding: br, gzip` (default) or nothing. */
  compressed?: boolean;
  /**
   * While the mix runs, change data every this many milliseconds (`PATCH /api/v1/me` of the first
   * caller; see {@link Mix.change}).
   */
  changeEveryMs?: number;
  /**
   * What changes: the caller's language (`locale`, default: leaves the data version alone, only
   * the caller's own pages are presented afresh) or its display name (`displayName`: raises the
   * data version, so no read cache helps for longer than `changeEveryMs`).
   */
  change?: "locale" | "displayName";
  /** Only for the app, not the bare route. */
}
const at = <T>(xs: T[], i: number) => xs[i % xs.length];
const MIXES: Mix[] = [
  {
    name: "lists: /organizations, /support-requests, /secondments, /me",
    paths: (_c, i) => at(["/api/v1/organizations", "/api/v1/support-requests", "/api/v1/secondments", "/api/v1/me"], i),
  },
  { name: "/secondments", paths: () => "/api/v1/secondments" },
  { name: "/support-requests", paths: () => "/api/v1/support-requests" },
  { name: "/pool-members (each read audited)", paths: () => "/api/v1/pool-members" },
  {
    name: "details: /secondments/:id, /support-requests/:id, /organizations/:id, /me",
    paths: (c, i) =>
      at(
        [
          `/api/v1/secondments/${at(c.secondmentIds, i >> 2)}`,
          `/api/v1/support-requests/${at(c.requestIds, i >> 2)}`,
          `/api/v1/organizations/${at(c.organizationIds, i >> 2)}`,
          "/api/v1/me",
        ],
        i,
      ),
  },
  { name: "/secondments/:id", paths: (c, i) => `/api/v1/secondments/${at(c.secondmentIds, i)}` },
  { name: "/support-requests/:id", paths: (c, i) => `/api/v1/support-requests/${at(c.requestIds, i)}` },
  {
    name: "lists while one caller switches language 10 times a second",
    changeEveryMs: 100,
    change: "locale",
    paths: (_c, i) => at(["/api/v1/organizations", "/api/v1/support-requests", "/api/v1/secondments", "/api/v1/me"], i),
  },
  {
    name: "lists while one caller's name changes 10 times a second (data version raised)",
    changeEveryMs: 100,
    change: "displayName",
    paths: (_c, i) => at(["/api/v1/organizations", "/api/v1/support-requests", "/api/v1/secondments", "/api/v1/me"], i),
  },
  {
    name: "lists without Accept-Encoding (what compression costs)",
    compressed: false,
    paths: (_c, i) => at(["/api/v1/organizations", "/api/v1/support-requests", "/api/v1/secondments", "/api/v1/me"], i),
  },
];
const mixes = values.mixes ? MIXES.filter((m) => values.mixes!.split(",").some((n) => m.name.startsWith(n))) : MIXES;

/** Creates, migrates and seeds the template database of one kind; returns how to make copies. */
async function prepareTemplate(kind: "pglite" | "postgres") {
  let database: Database;
  const templateDir = path.join(work, `template-${kind}`);
  if (kind === "pglite") {
    database = await openDatabase({ dataDir: templateDir, purpose: "bench" });
  } else {
    const admin = new pg.Client({ connectionString: `${server}/postgres` });
    await admin.connect();
    for (const name of ["verbund_bench_api_run", "verbund_bench_api_tpl"]) await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query("CREATE DATABASE verbund_bench_api_tpl");
    await admin.end();
    database = await openDatabase({ databaseUrl: `${server}/verbund_bench_api_tpl` });
  }
  const started = performance.now();
  try {
    await migrateDatabase(database);
    await seedReferenceData(database.db, loadConfig({}).regionDir);
    const volume = await seedVolume(database.db, {
      members: Number(values.members),
      requests: Number(values.requests),
      secondments: Number(values.secondments),
    });
    const biggest = (await database.db.execute(sql`SELECT ags FROM organizations ORDER BY population DESC LIMIT ${CALLERS}`)).rows;
    for (const [i, { ags }] of biggest.entries()) {
      await createAdministrator(database.db, {
        ags: String(ags),
        login: `personal.${i}@bench.example`,
        password: PASSWORD,
        roles: ["org_admin"],
      });
    }
    console.log(
      `${kind}: seeded ${volume.members.toLocaleString("en-GB")} pool members, ${volume.requests} requests, ` +
        `${volume.secondments.toLocaleString("en-GB")} secondments (${volume.transitions.toLocaleString("en-GB")} steps) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  } finally {
    await database.close();
  }
  /** A fresh copy of the seeded database for one server; returns its environment. */
  return async (): Promise<Record<string, string>> => {
    if (kind === "pglite") {
      const dir = path.join(work, "run-pglite");
      fs.rmSync(dir, { recursive: true, force: true });
      fs.cpSync(templateDir, dir, { recursive: true });
      return { VERBUND_DATA_DIR: dir, DATABASE_URL: "" };
    }
    const admin = new pg.Client({ connectionString: `${server}/postgres` });
    await admin.connect();
    await admin.query("DROP DATABASE IF EXISTS verbund_bench_api_run");
    await admin.query("CREATE DATABASE verbund_bench_api_run TEMPLATE verbund_bench_api_tpl");
    await admin.end();
    return { DATABASE_URL: `${server}/verbund_bench_api_run` };
  };
}

/** Signs in the bench's HR offices and finds ids each of them may read (the first page of each list). */
async function signIn(base: string): Promise<Caller[]> {
  const callers: Caller[] = [];
  for (let i = 0; i < CALLERS; i++) {
    const res = await fetch(`${base}/api/v1/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ login: `personal.${i}@bench.example`, password: PASSWORD }),
    });
    if (!res.ok) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const ids = async (api: string) => {
      const answer = await fetch(`${base}${api}`, { headers: { cookie } });
      if (!answer.ok) throw new Error(`${api}: ${answer.status} ${await answer.text()}`);
      return ((await answer.json()) as { items: Array<{ id: string }> }).items.map((x) => x.id).slice(0, 50);
    };
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    callers.push({
      cookie,
      csrfToken,
      secondmentIds: await ids("/api/v1/secondments"),
      requestIds: await ids("/api/v1/support-requests"),
      organizationIds: await ids("/api/v1/organizations"),
    });
  }
  return callers;
}

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  requests: number;
  kbPerResponse: number;
}

/** Loads `base` with the mix for `seconds`; each request takes the next caller in turn. */
async function load(base: string, callers: Caller[], mix: Mix, seconds: number): Promise<Figures> {
  let n = 0;
  let changes = 0;
  const changer =
    mix.changeEveryMs && callers[0].csrfToken
      ? setInterval(() => {
          const odd = changes++ % 2 === 1;
          const body =
            mix.change === "displayName" ? { displayName: odd ? "Personalamt" : "Personalamt (Bench)" } : { locale: odd ? "de" : "en" };
          void fetch(`${base}/api/v1/me`, {
            method: "PATCH",
            headers: { cookie: callers[0].cookie, "x-csrf-token": callers[0].csrfToken, "content-type": "application/json" },
            body: JSON.stringify(body),
          }).catch(() => undefined);
        }, mix.changeEveryMs)
      : undefined;
  const result = await autocannon({
    url: base,
    connections: CONNECTIONS,
    duration: seconds,
    timeout: 30,
    requests: [
      {
        setupRequest: (req) => {
          const i = n++;
          const caller = callers[i % callers.length];
          return {
            ...req,
            method: "GET",
            path: mix.paths(caller, Math.floor(i / callers.length)),
            headers: {
              cookie: caller.cookie,
              accept: "application/json",
              ...(mix.compressed === false ? {} : { "accept-encoding": "br, gzip" }),
            },
          };
        },
      },
    ],
  });
  clearInterval(changer);
  // Requests still queued when the clients stopped would slow the next mix down: wait for them
  // (on PGlite /readyz's statement runs after every statement already waiting).
  await fetch(`${base}/readyz`).catch(() => undefined);
  const requests = result.requests.total;
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    requests,
    kbPerResponse: requests ? result.throughput.total / requests / 1024 : 0,
  };
}

const pad = (s: string | number, n: number) => String(s).padStart(n);
const row = (variant: string, mix: string, f: Figures, bare?: Figures) =>
  `| ${variant} | ${mix} | ${pad(Math.round(f.rps).toLocaleString("en-GB"), 6)} | ${pad(Math.round(f.p50), 5)} ms | ${pad(Math.round(f.p99), 5)} ms | ${pad(f.errors, 4)} | ${f.kbPerResponse.toFixed(1)} KB | ${bare ? `${Math.round((100 * f.rps) / bare.rps)} %` : "–"} |`;

const kinds = values.db!.split(",").map((k) => k.trim()) as Array<"pglite" | "postgres">;
const variants: Array<{ name: string; dir: string; env?: Record<string, string> }> = [];
const baselineDir = values.baseline ? checkoutOf(work, values.baseline) : undefined;
// Every read presented afresh, as before the read cache (what a read costs when the data changed) — the baseline's too.
if (baselineDir && !values["no-uncached"])
  variants.push({ name: `baseline ${values.baseline}, read cache off`, dir: baselineDir, env: { VERBUND_READ_CACHE_MB: "0" } });
if (baselineDir) variants.push({ name: `baseline ${values.baseline}`, dir: baselineDir });
if (!values["no-uncached"]) variants.push({ name: "this checkout, read cache off", dir: projectRoot, env: { VERBUND_READ_CACHE_MB: "0" } });
variants.push({ name: "this checkout", dir: projectRoot });

for (const kind of kinds) {
  const freshCopy = await prepareTemplate(kind);
  const lines: string[] = [];
  // The yardstick first: a bare route doing one query on the same data.
  const bareEnv = await freshCopy();
  const bare = await startServerProcess(projectRoot, ["--import", "tsx", path.join(projectRoot, "bench", "bare-server.ts")], bareEnv);
  let bareFigures: Figures;
  try {
    const bareMix: Mix = { name: "bare Fastify route, one query", paths: () => "/bare" };
    const nobody: Caller = { cookie: "", csrfToken: "", secondmentIds: [], requestIds: [], organizationIds: [] };
    await load(bare.base, [nobody], bareMix, 3);
    bareFigures = await load(bare.base, [nobody], bareMix, DURATION);
    lines.push(row("bare", bareMix.name, bareFigures));
  } finally {
    await bare.stop();
  }
  for (const variant of variants) {
    const env = { ...(await freshCopy()), ...variant.env };
    const app = await startServerProcess(variant.dir, [path.join(variant.dir, "bin", "verbund.mjs"), "serve"], env);
    try {
      const callers = await signIn(app.base);
      for (const mix of mixes) {
        await load(app.base, callers, mix, 3);
        lines.push(row(variant.name, mix.name, await load(app.base, callers, mix, DURATION), bareFigures));
      }
    } finally {
      await app.stop();
    }
  }
  console.log(
    `\n${kind === "pglite" ? "PGlite" : "PostgreSQL"}: ${CONNECTIONS} connections, ${DURATION} s per mix, ${os.cpus().length} cores, load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}\n`,
  );
  console.log("| code | route mix | req/s | p50 | p99 | errors | per answer | of bare |");
  console.log("|---|---|---|---|---|---|---|---|");
  for (const line of lines) console.log(line);
}
