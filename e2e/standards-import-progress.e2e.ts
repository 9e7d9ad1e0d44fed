/**
 * Long imports show their progress (#17), seen in the browser on PostgreSQL. The suite's own
 * server runs on the embedded database, where nothing answers while an import's transaction writes
 * (one connection: the page shows "Datei wird gelesen …" and then the outcome). So this file starts
 * a second production server of its own on a fresh PostgreSQL database (`TEST_DATABASE_URL`, the
 * one the PostgreSQL test runs use), uploads a file of 64,000 values as Wunstorf's controlling and
 * expects the page to show the running import with a progress bar part of the way, announced
 * politely, axe clean — before it shows the outcome. Without `TEST_DATABASE_URL` it is skipped.
 */
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { expectAccessible, launch, screenshots, signInWithKeyboard } from "./browser";

const hasBrowser = inject("e2eHasBrowser");
const postgres = process.env.TEST_DATABASE_URL;
if (hasBrowser && !postgres)
  console.warn(
    "\n  Import progress in the browser skipped: it needs PostgreSQL (set TEST_DATABASE_URL, as for the PostgreSQL test runs).\n",
  );

/**
 * Months 2000-01 … 2026-06: 318; 202 standards × 318 months ≥ 64,000 distinct values. The copies end
 * in June 2026, so the sheet of the last closed quarter below the upload stays as it is.
 */
const STANDARDS = 202;
const ROWS = 64_000;
const root = path.resolve(import.meta.dirname, "..");

let browser: Browser;
let server: ChildProcess | undefined;
let admin: pg.Client | undefined;
let databaseName = "";
let base = "";

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** 64,000 values of the test's standards, one per standard and month, in German conventions. */
function bigFile(): Buffer {
  const lines = ["Standard;Zeitraum;Wert;Methode"];
  let n = 0;
  for (let s = 1; s <= STANDARDS && n < ROWS; s++)
    for (let y = 2000; y <= 2026 && n < ROWS; y++)
      for (let m = 1; m <= (y === 2026 ? 6 : 12) && n < ROWS; m++, n++)
        lines.push(`fortschritt-${String(s).padStart(3, "0")};${String(m).padStart(2, "0")}/${y};80,5;Telefonanlage`);
  return Buffer.from(lines.join("\r\n"));
}

describe.skipIf(!hasBrowser || !postgres)("the progress of a long import in the browser (PostgreSQL)", () => {
  beforeAll(async () => {
    databaseName = `verbund_e2e_progress_${randomBytes(4).toString("hex")}`;
    admin = new pg.Client({ connectionString: postgres });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${databaseName}`);
    const url = new URL(postgres!);
    url.pathname = `/${databaseName}`;
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    // The production build in demo mode, as the suite's server, but on PostgreSQL.
    server = spawn(process.execPath, ["--import", "tsx", path.join(root, "src", "cli", "main.ts"), "start"], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: url.toString(),
        PORT: String(port),
        HOST: "127.0.0.1",
        LOG_LEVEL: "warn",
        VERBUND_BASE_URL: base,
        VERBUND_DEMO_PASSWORD: inject("e2eDemoPassword"),
        SMTP_URL: "",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    server.stdout!.on("data", (d) => (output += d));
    server.stderr!.on("data", (d) => (output += d));
    const deadline = Date.now() + 170_000;
    for (;;) {
      if (server.exitCode !== null) throw new Error(`Verbund on PostgreSQL exited early:\n${output}`);
      const ready = await fetch(`${base}/readyz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ready) break;
      if (Date.now() > deadline) throw new Error(`Verbund on PostgreSQL did not become ready:\n${output}`);
      await new Promise((r) => setTimeout(r, 300));
    }
    // 202 copies of the monthly telephone standard (for every administration), in force 2000 to June 2026.
    const db = new pg.Client({ connectionString: url.toString() });
    await db.connect();
    try {
      await db.query(`
        CREATE TEMP TABLE copies AS
          SELECT n, gen_random_uuid() AS id, s.region_id FROM generate_series(1, ${STANDARDS}) n,
            (SELECT region_id FROM service_standards WHERE key = 'telefon-erreichbarkeit' LIMIT 1) s`);
      await db.query(
        `INSERT INTO service_standards (id, region_id, key) SELECT id, region_id, 'fortschritt-' || lpad(n::text, 3, '0') FROM copies`,
      );
      await db.query(`
        CREATE TEMP TABLE copy_versions AS
          SELECT v.*, c.n AS copy_n, c.id AS copy_standard FROM service_standard_versions v
            JOIN service_standards s ON s.id = v.standard_id, copies c
          WHERE s.key = 'telefon-erreichbarkeit'
            AND v.version = (SELECT max(version) FROM service_standard_versions WHERE standard_id = s.id)`);
      await db.query(`
        UPDATE copy_versions SET id = gen_random_uuid(), standard_id = copy_standard, version = 1,
          title = title || ' ' || copy_n, title_en = title_en || ' ' || copy_n, valid_from = '2000-01-01', valid_to = '2026-06-30'`);
      await db.query(`ALTER TABLE copy_versions DROP COLUMN copy_n, DROP COLUMN copy_standard`);
      await db.query(`INSERT INTO service_standard_versions SELECT * FROM copy_versions`);
    } finally {
      await db.end();
    }
    browser = await launch();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    if (server && server.exitCode === null) {
      server.kill("SIGTERM");
      await new Promise((resolve) => server!.once("exit", resolve));
    }
    if (admin) {
      for (let attempt = 0; ; attempt++) {
        try {
          await admin.query(`DROP DATABASE IF EXISTS ${databaseName}`);
          break;
        } catch (err) {
          if (attempt >= 50) throw err;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      await admin.end();
    }
  }, 60_000);

  it("the controlling uploads 64,000 values and sees the import run with a progress bar, then its outcome", async () => {
    const context: BrowserContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "de-DE", baseURL: base });
    const page: Page = await context.newPage();
    await signInWithKeyboard(page, "controlling@wunstorf.demo");
    await page.goto("/meldungen");
    await page.getByRole("heading", { level: 2, name: "Als Datei melden" }).waitFor();
    // The page polls the import every 0.4 s. The first answer that shows the values part-written
    // is kept and given again to the page's polls until axe and the screenshots are done, so that
    // they see the running import however fast this machine writes; then the polls go through.
    let kept: string | undefined;
    let released = false;
    await page.route("**/api/v1/submissions/imports/*", async (route) => {
      if (kept && !released) return route.fulfill({ status: 200, contentType: "application/json", body: kept });
      const response = await route.fetch();
      const text = await response.text();
      const body = JSON.parse(text) as { state: string; phase: string | null; rowsDone: number; rowsTotal: number };
      if (!released && body.state === "running" && body.phase === "writing" && body.rowsDone > 0 && body.rowsDone < body.rowsTotal)
        kept = text;
      await route.fulfill({ response, body: text });
    });
    await page.locator("#field-file").setInputFiles({ name: "wunstorf-2000-2026.csv", mimeType: "text/csv", buffer: bigFile() });
    const button = page.getByRole("button", { name: "Datei hochladen" });
    await button.focus();
    await page.keyboard.press("Enter");

    // While the values are written: a determinate bar part of the way, its label counting the values.
    const bar = page.getByRole("progressbar", { name: /^[\d.]+ von 64\.000 Werten gespeichert$/ });
    await bar.waitFor({ timeout: 120_000 });
    expect(kept).toBeDefined();
    const shown = await bar.evaluate((el: HTMLProgressElement) => ({ value: el.value, max: el.max }));
    expect(shown.max).toBe(ROWS);
    expect(shown.value).toBeGreaterThan(0);
    expect(shown.value).toBeLessThan(ROWS);
    expect(await page.getByText(/^Die Datei „wunstorf-2000-2026\.csv“ wird geprüft und übernommen …$/).count()).toBe(1);
    // Announced politely, in steps of a quarter — not every poll.
    const said = page.locator("p[role=status].kern-sr-only");
    expect(await said.textContent()).toBe(`Werte werden gespeichert: ${Math.floor((shown.value / ROWS) * 4) * 25} % geschafft`);
    await expectAccessible(page, "reporting: a long import running");
    await screenshots(page, "import-progress-running");
    released = true;
    // The page saw the running import before its outcome.
    await page
      .getByRole("status")
      .filter({ hasText: "64.000 Werte übernommen — bitte prüfen und einreichen" })
      .waitFor({ timeout: 120_000 });
    expect(await page.getByRole("progressbar").count()).toBe(0);
    expect(await said.textContent()).toBe("");
    await context.close();
  }, 420_000);
});
