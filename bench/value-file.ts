/**
 * Value files (Meldungen als Datei, docs/STANDARDS.md): how fast the reader and the whole import are.
 *
 *   1. readValueFile on 200,000 CSV lines (German conventions) and on an XLSX of the same lines
 *      (written by exceljs; writing is not timed), seconds and rows/s;
 *   2. the whole import of 100,000 values through the API — upload (multipart), reading, the checks
 *      of the one writer, the write in one transaction — on PGlite (in memory) and on PostgreSQL
 *      (`BENCH_DATABASE_URL`, default the local server; a database `verbund_bench_import` is made
 *      afresh), from the upload until the import's state is `done`.
 *
 *   npm run bench:value-file [-- --rows 200000 --import-rows 100000 --skip-postgres]
 */
import { parseArgs } from "node:util";
import os from "node:os";
import ExcelJS from "exceljs";
import { sql } from "drizzle-orm";
import pg from "pg";
import { loadConfig } from "../src/config";
import { migrateDatabase, openDatabase, type Database } from "../src/db/client";
import { seedDemoAccounts } from "../src/db/seed/demo";
import { seedReferenceData } from "../src/db/seed/reference";
import { readValueFile } from "../src/modules/standards/value-file";
import { buildApp } from "../src/server/app";

const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "200000" },
    "import-rows": { type: "string", default: "100000" },
    "skip-postgres": { type: "boolean", default: false },
  },
});
const READ_ROWS = Number(values.rows);
const IMPORT_ROWS = Number(values["import-rows"]);
const PASSWORD = "bench-passwort-2026";
/** Months 2000-01 … 2026-10 (all ended): 322 per standard. */
const MONTHS = 322;

const rate = (rows: number, ms: number) => `${(ms / 1000).toFixed(2)} s, ${Math.round(rows / (ms / 1000)).toLocaleString("en-GB")} rows/s`;

/** `n` lines of values, one per standard and month (`bench-001`, `01/2000` …), as a CSV reporter writes them. */
function lines(n: number): string[][] {
  const out: string[][] = [];
  for (let s = 1; out.length < n; s++) {
    for (let y = 2000; y <= 2026 && out.length < n; y++) {
      for (let m = 1; m <= (y === 2026 ? 10 : 12) && out.length < n; m++) {
        out.push([
          `bench-${String(s).padStart(3, "0")}`,
          `${String(m).padStart(2, "0")}/${y}`,
          "80,5",
          "1.610",
          "2.000",
          "Telefonanlage",
          "hoch",
        ]);
      }
    }
  }
  return out;
}
const HEADER = ["Standard", "Zeitraum", "Wert", "Zähler", "Nenner", "Methode", "Verlässlichkeit"];
const csvOf = (rows: string[][]) => new TextEncoder().encode([HEADER, ...rows].map((r) => r.join(";")).join("\r\n"));

async function readBench() {
  const rows = lines(READ_ROWS);
  const csv = csvOf(rows);
  let start = performance.now();
  const fromCsv = await readValueFile(csv, "werte.csv");
  const csvMs = performance.now() - start;
  if (fromCsv.problems.length || fromCsv.rows.length !== READ_ROWS) throw new Error(`CSV: ${JSON.stringify(fromCsv.problems.slice(0, 3))}`);
  console.log(`read CSV   ${READ_ROWS.toLocaleString("en-GB")} rows (${(csv.length / 1e6).toFixed(1)} MB): ${rate(READ_ROWS, csvMs)}`);

  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("Werte");
  sheet.addRow(HEADER);
  for (const r of rows) sheet.addRow([r[0], r[1], 80.5, 1610, 2000, r[5], r[6]]);
  const xlsx = new Uint8Array(await book.xlsx.writeBuffer());
  start = performance.now();
  const fromXlsx = await readValueFile(xlsx, "werte.xlsx");
  const xlsxMs = performance.now() - start;
  if (fromXlsx.problems.length || fromXlsx.rows.length !== READ_ROWS)
    throw new Error(`XLSX: ${JSON.stringify(fromXlsx.problems.slice(0, 3))}`);
  console.log(`read XLSX  ${READ_ROWS.toLocaleString("en-GB")} rows (${(xlsx.length / 1e6).toFixed(1)} MB): ${rate(READ_ROWS, xlsxMs)}`);
}

/** Copies of the telephone standard (monthly, for every administration), in force since 2000, keyed `bench-NNN`. */
async function benchStandards(database: Database, count: number) {
  const db = database.db;
  await db.execute(sql`DROP TABLE IF EXISTS bench_standards`);
  await db.execute(sql`DROP TABLE IF EXISTS bench_versions`);
  await db.execute(sql`
    CREATE TABLE bench_standards AS
      SELECT n, gen_random_uuid() AS id, s.region_id FROM generate_series(1, ${count}) n,
        (SELECT region_id FROM service_standards WHERE key = 'telefon-erreichbarkeit' LIMIT 1) s`);
  await db.execute(
    sql`INSERT INTO service_standards (id, region_id, key) SELECT id, region_id, 'bench-' || lpad(n::text, 3, '0') FROM bench_standards`,
  );
  await db.execute(sql`
    CREATE TABLE bench_versions AS
      SELECT v.*, c.n AS bench_n, c.id AS bench_standard FROM service_standard_versions v
        JOIN service_standards s ON s.id = v.standard_id, bench_standards c
      WHERE s.key = 'telefon-erreichbarkeit' AND v.version = (SELECT max(version) FROM service_standard_versions WHERE standard_id = s.id)`);
  await db.execute(sql`
    UPDATE bench_versions SET id = gen_random_uuid(), standard_id = bench_standard, version = 1,
      title = title || ' ' || bench_n, title_en = title_en || ' ' || bench_n, valid_from = '2000-01-01', valid_to = NULL`);
  await db.execute(sql`ALTER TABLE bench_versions DROP COLUMN bench_n, DROP COLUMN bench_standard`);
  await db.execute(sql`INSERT INTO service_standard_versions SELECT * FROM bench_versions`);
  await db.execute(sql`DROP TABLE bench_versions`);
  await db.execute(sql`DROP TABLE bench_standards`);
}

async function importBench(kind: "pglite" | "postgres") {
  let database: Database;
  if (kind === "postgres") {
    const server = process.env.BENCH_DATABASE_URL ?? "postgres://postgres:postgres@127.0.0.1:5432";
    const admin = new pg.Client({ connectionString: `${server}/postgres` });
    await admin.connect();
    await admin.query("DROP DATABASE IF EXISTS verbund_bench_import");
    await admin.query("CREATE DATABASE verbund_bench_import");
    await admin.end();
    database = await openDatabase({ databaseUrl: `${server}/verbund_bench_import` });
  } else {
    database = await openDatabase({ dataDir: "memory://" });
  }
  const config = loadConfig({});
  try {
    await migrateDatabase(database);
    await seedReferenceData(database.db, config.regionDir);
    await seedDemoAccounts(database.db, PASSWORD);
    await benchStandards(database, Math.ceil(IMPORT_ROWS / MONTHS));
    const app = await buildApp({ config, database, logger: false, webDir: "/nonexistent" });
    await app.ready();
    try {
      const session = await app.inject({
        method: "POST",
        url: "/api/v1/session",
        payload: { login: "controlling@wunstorf.demo", password: PASSWORD },
      });
      if (session.statusCode !== 200) throw new Error(`sign-in: ${session.body}`);
      const headers = {
        cookie: session.cookies.map((c) => `${c.name}=${c.value}`).join("; "),
        "x-csrf-token": session.json().csrfToken as string,
      };
      const file = csvOf(lines(IMPORT_ROWS));
      const boundary = "----verbund-bench";
      const payload = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="werte.csv"\r\nContent-Type: text/csv\r\n\r\n`),
        Buffer.from(file),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const start = performance.now();
      const res = await app.inject({
        method: "POST",
        url: "/api/v1/submissions/import",
        payload,
        headers: { ...headers, "content-type": `multipart/form-data; boundary=${boundary}` },
      });
      if (res.statusCode !== 202) throw new Error(`upload: ${res.statusCode} ${res.body}`);
      let polls = 0;
      let seenWriting = 0;
      for (;;) {
        const view = (await app.inject({ method: "GET", url: res.headers.location as string, headers })).json();
        polls++;
        if (view.phase === "writing" && view.rowsDone > 0) seenWriting++;
        if (view.state === "failed") throw new Error(`import failed: ${JSON.stringify(view.problems.slice(0, 3))}`);
        if (view.state === "done") break;
        await new Promise((r) => setTimeout(r, 20));
      }
      const ms = performance.now() - start;
      const { rows } = await database.db.execute(sql`SELECT count(*)::int AS n FROM submissions WHERE source = 'upload'`);
      console.log(
        `import ${kind.padEnd(8)} ${IMPORT_ROWS.toLocaleString("en-GB")} values (upload, read, checks, one transaction): ${rate(IMPORT_ROWS, ms)}; ` +
          `${(rows[0] as { n: number }).n.toLocaleString("en-GB")} written; progress polled ${polls}×, ${seenWriting}× while writing`,
      );
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
  }
}

console.log(
  `value files on ${os.cpus().length} cores, load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}, Node ${process.version}`,
);
await readBench();
await importBench("pglite");
if (!values["skip-postgres"]) await importBench("postgres");
