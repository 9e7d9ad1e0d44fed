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
import { loadConfig } from "../src/config";
import { openDatabase, type Database } from "../src/db/client";
import { readValueFile } from "../src/modules/standards/value-file";
import { buildApp } from "../src/server/app";
import { freshPostgres, prepareStandardsBench, signedInHeaders } from "./standards-setup";

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

async function importBench(kind: "pglite" | "postgres") {
  let database: Database;
  if (kind === "postgres") {
    database = (await freshPostgres("verbund_bench_import")).database;
  } else {
    database = await openDatabase({ dataDir: "memory://" });
  }
  const config = loadConfig({});
  try {
    await prepareStandardsBench(database, config, PASSWORD, Math.ceil(IMPORT_ROWS / MONTHS));
    const app = await buildApp({ config, database, logger: false, webDir: "/nonexistent" });
    await app.ready();
    try {
      const headers = await signedInHeaders(app, "controlling@wunstorf.demo", PASSWORD);
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
