/**
 * Service standards at the scale of a region (issue 18, docs/BENCHMARKS.md), on PostgreSQL:
 *
 *   ingest — 1,000,000 values (22 administrations × 300 monthly standards × 152 months) through the
 *   API in batches (`POST /api/v1/submissions` with each administration's API key and `Prefer:
 *   return=minimal`, as a Fachverfahren sends them; the checks of
 *   the one writer included), compared in the same run with a plain `COPY` of the same rows into
 *   the same table; the figure is the API's rate as a share of COPY's (target ≥ 30 %).
 *
 *   npm run bench:standards [-- --values 1000000 --batch 500 --concurrency 4]
 *
 *   reads — 5 years of published monthly values (22 × 300 × 60, by COPY): the region's evaluation of
 *   a standard (signed in, public, a quarter with a peer group) and the management dashboard of one
 *   administration, one read after another, p50/p95 (target p95 < 50 ms).
 *
 * A database `verbund_bench_standards` is made afresh on `BENCH_DATABASE_URL` (default the local
 * server).
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import os from "node:os";
import { parseArgs } from "node:util";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import { sql } from "drizzle-orm";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { loadConfig } from "../src/config";
import { buildApp } from "../src/server/app";
import { freshPostgres, prepareStandardsBench, signedInHeaders } from "./standards-setup";

const { values: args } = parseArgs({
  options: {
    values: { type: "string", default: "1000000" },
    standards: { type: "string", default: "300" },
    batch: { type: "string", default: "500" },
    concurrency: { type: "string", default: "4" },
    reads: { type: "string", default: "200" },
  },
});
const VALUES = Number(args.values);
const STANDARDS = Number(args.standards);
const BATCH = Number(args.batch);
const CONCURRENCY = Number(args.concurrency);
const READS = Number(args.reads);
const PASSWORD = "bench-passwort-2026";

const perSecond = (n: number, ms: number) => Math.round(n / (ms / 1000));
const fmt = (n: number) => n.toLocaleString("en-GB");

interface Org {
  id: string;
  regionId: string;
  ags: string;
}

/** The months 2014-01 … as `2014-01`, enough of them for `VALUES` values; the last must have ended. */
function monthsFor(orgs: number, standards: number): string[] {
  const count = Math.ceil(VALUES / (orgs * standards));
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(`${2014 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`);
  if (out[out.length - 1] >= "2026-11") throw new Error(`too many values for ${orgs} × ${standards}: the months run into the future`);
  return out;
}

const lastDay = (month: string) => {
  const [y, m] = month.split("-").map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};

/** The value of administration `o`, standard `s` in month `k`: answered calls out of all, around 80 % (no plausibility warning). */
function figureOf(o: number, s: number, k: number) {
  const calls = 1000 + o * 10 + (s % 7);
  const answered = Math.round(calls * (0.78 + ((o * 7 + s * 3 + k * 5) % 5) / 100));
  return { value: Math.round((answered / calls) * 1000) / 10, numerator: answered, denominator: calls };
}

console.log(
  `standards at scale on ${os.cpus().length} cores, load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}, Node ${process.version}`,
);

const { database, url } = await freshPostgres("verbund_bench_standards");
const config = loadConfig({});
await prepareStandardsBench(database, config, PASSWORD, STANDARDS);
const orgs = (await database.db.execute(sql`SELECT id, region_id AS "regionId", ags FROM organizations ORDER BY ags`))
  .rows as unknown as Org[];
const standardIds = (
  (await database.db.execute(sql`SELECT id FROM service_standards WHERE key LIKE 'bench-%' ORDER BY key`)).rows as Array<{ id: string }>
).map((r) => r.id);
const versionOf = new Map(
  (
    (
      await database.db
        .execute(sql`SELECT v.standard_id, v.id FROM service_standard_versions v JOIN service_standards s ON s.id = v.standard_id
      WHERE s.key LIKE 'bench-%'`)
    ).rows as Array<{ standard_id: string; id: string }>
  ).map((r) => [r.standard_id, r.id]),
);
const months = monthsFor(orgs.length, standardIds.length);
const total = orgs.length * standardIds.length * months.length;
console.log(
  `${orgs.length} administrations × ${standardIds.length} standards × ${months.length} months (${months[0]} … ${months.at(-1)}) = ${fmt(total)} values`,
);

// --- COPY: the same rows, written straight into the table -------------------------------------
async function copyAll(monthList = months, state: "submitted" | "published" = "submitted"): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const start = performance.now();
    const stream = client.query(
      copyFrom(`COPY submissions (id, region_id, organization_id, standard_id, standard_version_id, period, period_start, period_end,
        value, numerator, denominator, method, confidence, state, source, submitted_at, publish_on) FROM STDIN`),
    );
    const now = new Date().toISOString();
    async function* lines() {
      for (const [o, org] of orgs.entries()) {
        let chunk = "";
        for (const [k, month] of monthList.entries()) {
          const publishOn = state === "published" ? lastDay(month) : "\\N";
          for (const [s, standardId] of standardIds.entries()) {
            const f = figureOf(o, s, k);
            chunk += `${randomUUID()}\t${org.regionId}\t${org.id}\t${standardId}\t${versionOf.get(standardId)}\t${month}\t${month}-01\t${lastDay(month)}\t${f.value}\t${f.numerator}\t${f.denominator}\tTelefonanlage\thigh\t${state}\tapi\t${now}\t${publishOn}\n`;
          }
          yield chunk;
          chunk = "";
        }
      }
    }
    await pipeline(Readable.from(lines()), stream);
    return performance.now() - start;
  } finally {
    await client.end();
  }
}

// --- the API: each administration's key, batches in order of months ----------------------------
async function apiKeys(): Promise<Map<string, string>> {
  const keys = new Map<string, string>();
  for (const org of orgs) {
    const secret = "vbk_" + randomBytes(32).toString("base64url");
    await database.db.execute(sql`INSERT INTO api_keys (region_id, organization_id, name, prefix, secret_hash, scopes)
      VALUES (${org.regionId}, ${org.id}, 'Benchmark', ${secret.slice(0, 12)}, ${createHash("sha256").update(secret).digest("hex")}, ARRAY['submissions'])`);
    keys.set(org.id, secret);
  }
  return keys;
}

async function ingestThroughApi(keys: Map<string, string>): Promise<{ ms: number; requests: number; p95: number }> {
  const app = await buildApp({ config, database, logger: false, webDir: "/nonexistent" });
  await app.ready();
  try {
    // Month by month, each administration its batches: the checks see the previous month and the region's values.
    const queue: Array<{ org: number; items: object[] }> = [];
    for (const [k, month] of months.entries()) {
      for (const [o] of orgs.entries()) {
        for (let from = 0; from < standardIds.length; from += BATCH) {
          queue.push({
            org: o,
            items: standardIds.slice(from, from + BATCH).map((standardId, i) => ({
              standardId,
              period: month,
              ...figureOf(o, from + i, k),
              method: "Telefonanlage",
              confidence: "high",
            })),
          });
        }
      }
    }
    const times: number[] = [];
    let next = 0;
    const start = performance.now();
    const worker = async () => {
      while (next < queue.length) {
        const job = queue[next++];
        const t = performance.now();
        const res = await app.inject({
          method: "POST",
          url: "/api/v1/submissions",
          headers: { authorization: `Bearer ${keys.get(orgs[job.org].id)}`, prefer: "return=minimal" },
          payload: { items: job.items, submit: true },
        });
        times.push(performance.now() - t);
        if (res.statusCode !== 201 && res.statusCode !== 200) throw new Error(`batch: ${res.statusCode} ${res.body.slice(0, 600)}`);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    times.sort((a, b) => a - b);
    return { ms: performance.now() - start, requests: queue.length, p95: times[Math.floor(times.length * 0.95)] };
  } finally {
    await app.close();
  }
}

// --- reads: the region's evaluation of a standard over 5 years of published monthly values --------
async function reads() {
  const fiveYears = Array.from({ length: 60 }, (_, i) => {
    const n = 2021 * 12 + 10 + i; // 2021-11 … 2026-10
    return `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, "0")}`;
  });
  await database.db.execute(sql`TRUNCATE submissions CASCADE`);
  await copyAll(fiveYears, "published");
  await database.db.execute(sql`ANALYZE submissions`);
  const n = await count();
  const app = await buildApp({ config, database, logger: false, webDir: "/nonexistent" });
  await app.ready();
  try {
    const { cookie } = await signedInHeaders(app, "koordination@region-hannover.demo", PASSWORD);
    const measure = async (label: string, url: (i: number) => string, headers: Record<string, string>) => {
      const times: number[] = [];
      for (let i = 0; i < READS; i++) {
        const t = performance.now();
        const res = await app.inject({ method: "GET", url: url(i), headers });
        times.push(performance.now() - t);
        if (res.statusCode !== 200) throw new Error(`${label}: ${res.statusCode} ${res.body.slice(0, 300)}`);
      }
      times.sort((a, b) => a - b);
      const q = (p: number) => times[Math.min(times.length - 1, Math.floor(times.length * p))].toFixed(1);
      console.log(`${label.padEnd(44)} ${READS} reads: p50 ${q(0.5)} ms, p95 ${q(0.95)} ms, max ${q(1)} ms (target p95 < 50 ms)`);
    };
    console.log(`reads  ${fmt(n)} published values (${orgs.length} administrations × ${standardIds.length} standards × 60 months)`);
    const standardAt = (i: number) => standardIds[(i * 37) % standardIds.length];
    await measure("region evaluation of a standard (coordination)", (i) => `/api/v1/evaluations?standard=${standardAt(i)}`, { cookie });
    await measure("the same for the public (no sign-in)", (i) => `/api/v1/evaluations?standard=${standardAt(i)}`, {});
    await measure(
      "a quarter of a monthly standard, peer group",
      (i) => `/api/v1/evaluations?standard=${standardAt(i)}&period=2026-Q2&sizeClass=medium`,
      { cookie },
    );
    // The management dashboard of Wunstorf: every standard with its 60 months of own values.
    const mayor = await signedInHeaders(app, "buergermeister@wunstorf.demo", PASSWORD);
    const me = (await app.inject({ method: "GET", url: "/api/v1/me", headers: { cookie: mayor.cookie } })).json();
    await measure("management dashboard (Chefsache) of Wunstorf", () => `/api/v1/dashboards/management/${me.organization.id}`, {
      cookie: mayor.cookie,
    });
  } finally {
    await app.close();
  }
}

const count = async (where = sql`true`) =>
  Number(((await database.db.execute(sql`SELECT count(*)::int AS n FROM submissions WHERE ${where}`)).rows[0] as { n: number }).n);

try {
  const copyMs = await copyAll();
  const copied = await count();
  console.log(`COPY   ${fmt(copied)} values: ${(copyMs / 1000).toFixed(2)} s, ${fmt(perSecond(copied, copyMs))} values/s`);
  await database.db.execute(sql`TRUNCATE submissions CASCADE`);
  const keys = await apiKeys();
  const api = await ingestThroughApi(keys);
  const written = await count(sql`source = 'api'`);
  if (written !== total) throw new Error(`the API wrote ${written} of ${total} values`);
  const apiRate = perSecond(written, api.ms);
  console.log(
    `API    ${fmt(written)} values in ${fmt(api.requests)} batches of ≤ ${BATCH}, ${CONCURRENCY} at a time: ${(api.ms / 1000).toFixed(2)} s, ` +
      `${fmt(apiRate)} values/s (p95 per batch ${api.p95.toFixed(0)} ms)`,
  );
  console.log(`ratio  API / COPY = ${((apiRate / perSecond(copied, copyMs)) * 100).toFixed(1)} % (target ≥ 30 %)`);
  if (READS > 0) await reads();
} finally {
  await database.close();
}
