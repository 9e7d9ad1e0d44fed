/**
 * A crash during an import on PostgreSQL leaves no partial data (issue #17): the real server runs
 * as a process of its own, a 100,000-row file is uploaded, the server is killed with SIGKILL while
 * the import writes (its progress shows rows written inside the open transaction), and restarted.
 * No value of the import is in the database, and the import is shown failed, telling the reporter
 * to upload the file again. PostgreSQL only: the embedded database lives inside the killed process.
 */
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { projectRoot } from "../../config";
import { createTestDatabase, testDatabaseKind } from "../../../test/db";

const PASSWORD = "absturz-test-2026";
const ROWS = 100_000;
/** Months 2000-01 … 2026-10 (all ended): 322 of them; 311 standards × 322 months ≥ 100,000 distinct pairs. */
const STANDARDS = 311;

let database: Database & { url?: string };

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** `verbund start` (demo accounts with a known password) on the test's database, ready once `/readyz` answers. */
async function startServer(port: number): Promise<{ child: ChildProcess; base: string; output: () => string }> {
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", "start"], {
    cwd: projectRoot,
    env: {
      ...process.env,
      DATABASE_URL: database.url!,
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      VERBUND_BASE_URL: base,
      VERBUND_DEMO_PASSWORD: PASSWORD,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  for (let i = 0; ; i++) {
    if (child.exitCode !== null || i > 1800) throw new Error(`server did not start:\n${output}`);
    const ready = await fetch(`${base}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, base, output: () => output };
}

async function signIn(base: string) {
  const res = await fetch(`${base}/api/v1/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ login: "controlling@wunstorf.demo", password: PASSWORD }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, "x-csrf-token": csrfToken };
}

/** 100,000 values of the test's standards, one per standard and month, in German conventions. */
function bigFile(): Uint8Array {
  const lines = ["Standard;Zeitraum;Wert;Methode"];
  let n = 0;
  for (let s = 1; s <= STANDARDS && n < ROWS; s++) {
    for (let y = 2000; y <= 2026 && n < ROWS; y++) {
      for (let m = 1; m <= (y === 2026 ? 10 : 12) && n < ROWS; m++, n++) {
        lines.push(`absturz-${String(s).padStart(3, "0")};${String(m).padStart(2, "0")}/${y};80,5;Telefonanlage`);
      }
    }
  }
  return new TextEncoder().encode(lines.join("\r\n"));
}

async function count(query: ReturnType<typeof sql>): Promise<number> {
  const { rows } = await database.db.execute(query);
  return (rows[0] as { n: number }).n;
}

describe.skipIf(testDatabaseKind !== "postgres")("a crash during an import (PostgreSQL)", () => {
  beforeAll(async () => {
    database = await createTestDatabase();
    // Copies of the telephone standard (monthly, for every administration), in force since 2000.
    await database.db.execute(sql`
      CREATE TEMP TABLE crash_standards AS
        SELECT n, gen_random_uuid() AS id, s.region_id FROM generate_series(1, ${STANDARDS}) n,
          (SELECT region_id FROM service_standards WHERE key = 'telefon-erreichbarkeit' LIMIT 1) s`);
    await database.db.execute(sql`
      INSERT INTO service_standards (id, region_id, key) SELECT id, region_id, 'absturz-' || lpad(n::text, 3, '0') FROM crash_standards`);
    await database.db.execute(sql`
      CREATE TEMP TABLE crash_versions AS
        SELECT v.*, c.n AS crash_n, c.id AS crash_standard FROM service_standard_versions v
          JOIN service_standards s ON s.id = v.standard_id, crash_standards c
        WHERE s.key = 'telefon-erreichbarkeit'
          AND v.version = (SELECT max(version) FROM service_standard_versions WHERE standard_id = s.id)`);
    await database.db.execute(sql`
      UPDATE crash_versions SET id = gen_random_uuid(), standard_id = crash_standard, version = 1,
        title = title || ' ' || crash_n, title_en = title_en || ' ' || crash_n, valid_from = '2000-01-01', valid_to = NULL`);
    await database.db.execute(sql`ALTER TABLE crash_versions DROP COLUMN crash_n, DROP COLUMN crash_standard`);
    await database.db.execute(sql`INSERT INTO service_standard_versions SELECT * FROM crash_versions`);
  }, 120_000);
  afterAll(async () => database?.close());

  it("SIGKILL while 100,000 values are written, then a restart: no value of the import, and the import is failed", async () => {
    const port = await freePort();
    let server = await startServer(port);
    let importId = "";
    try {
      const headers = await signIn(server.base);
      const boundary = "----verbund-absturz";
      const body = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="absturz.csv"\r\nContent-Type: text/csv\r\n\r\n`,
        ),
        Buffer.from(bigFile()),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const res = await fetch(`${server.base}/api/v1/submissions/import`, {
        method: "POST",
        headers: { ...headers, "content-type": `multipart/form-data; boundary=${boundary}` },
        body,
      });
      expect(res.status, await res.clone().text()).toBe(202);
      importId = ((await res.json()) as { id: string }).id;
      // Wait until the import writes: rows are in its open transaction.
      let seen: { state: string; phase: string | null; rowsDone: number; rowsTotal: number } | null = null;
      for (let i = 0; i < 6000; i++) {
        const view = await fetch(`${server.base}/api/v1/submissions/imports/${importId}`, { headers });
        seen = (await view.json()) as typeof seen;
        if (seen!.state !== "running" || seen!.rowsDone > 0) break;
        await new Promise((r) => setTimeout(r, 10));
      }
      expect(seen).toMatchObject({ state: "running", phase: "writing", rowsTotal: ROWS });
      expect(seen!.rowsDone).toBeGreaterThan(0);
      expect(seen!.rowsDone).toBeLessThan(ROWS);
      server.child.kill("SIGKILL");
      await new Promise((resolve) =>
        server.child.exitCode !== null || server.child.signalCode ? resolve(null) : server.child.once("exit", resolve),
      );

      // What the killed server left: no value of the import, the import still "running".
      expect(await count(sql`SELECT count(*)::int AS n FROM submissions WHERE import_id = ${importId}`)).toBe(0);
      expect(await count(sql`SELECT count(*)::int AS n FROM submission_imports WHERE id = ${importId} AND state = 'running'`)).toBe(1);

      server = await startServer(port);
      const again = await signIn(server.base);
      const view = await fetch(`${server.base}/api/v1/submissions/imports/${importId}`, { headers: again });
      expect(view.status).toBe(200);
      const shown = (await view.json()) as { state: string; rowsDone: number; problems: Array<{ rule: string; message: { de: string } }> };
      expect(shown).toMatchObject({ state: "failed", rowsDone: 0 });
      expect(shown.problems.map((p) => p.rule)).toEqual(["import_interrupted"]);
      expect(shown.problems[0].message.de).toContain("nichts übernommen");
      expect(await count(sql`SELECT count(*)::int AS n FROM submissions WHERE import_id = ${importId}`)).toBe(0);
      expect(
        await count(
          sql`SELECT count(*)::int AS n FROM submissions s JOIN service_standards st ON st.id = s.standard_id WHERE st.key LIKE 'absturz-%'`,
        ),
      ).toBe(0);
    } finally {
      if (server.child.exitCode === null && !server.child.signalCode) {
        server.child.kill("SIGTERM");
        await new Promise((resolve) => server.child.once("exit", resolve));
      }
    }
  }, 300_000);
});
