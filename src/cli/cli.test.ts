/**
 * The `verbund` command as an operator uses it: real processes on real data folders.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backupDatabase, restoreDatabase } from "../db/backup";
import { openDatabase } from "../db/client";
import { login } from "../modules/identity/login";
import { tableChecksums } from "../../test/checksums";
import { createTestDatabase, testDatabaseKind } from "../../test/db";
import pg from "pg";

const root = path.resolve(import.meta.dirname, "..", "..");
const main = path.join(root, "src", "cli", "main.ts");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "verbund-cli-"));
const prepared = path.join(work, "prepared");

function env(dataDir: string, extra: Record<string, string> = {}) {
  const { TEST_DATABASE_URL: _t, DATABASE_URL: _d, ...rest } = process.env;
  return { ...rest, VERBUND_DATA_DIR: dataDir, LOG_LEVEL: "warn", ...extra };
}

function verbund(args: string[], dataDir: string, input?: string) {
  return spawnSync(process.execPath, ["--import", "tsx", main, ...args], {
    cwd: root,
    env: env(dataDir),
    input,
    encoding: "utf8",
    timeout: 120_000,
  });
}

function copyPrepared(name: string) {
  const dir = path.join(work, name);
  fs.cpSync(prepared, dir, { recursive: true });
  return dir;
}

async function startServer(dataDir: string, port: number) {
  const child = spawn(process.execPath, ["--import", "tsx", main, "serve"], {
    cwd: root,
    env: env(dataDir, { PORT: String(port), HOST: "127.0.0.1" }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
    if (
      await fetch(`http://127.0.0.1:${port}/readyz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { child, output: () => output };
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`server not ready: ${output}`);
}

const embedded = testDatabaseKind === "pglite";

beforeAll(() => {
  if (!embedded) return; // the embedded-folder tests run once, in the PGlite pass
  const res = verbund(["migrate"], prepared);
  expect(res.status, res.stderr).toBe(0);
  expect(res.stdout).toContain("22 Verwaltungen");
}, 120_000);
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe.runIf(embedded)("verbund admin create", () => {
  it("creates the first administrator on a database without demo data, password from stdin", async () => {
    const dir = copyPrepared("admin");
    const res = verbund(
      ["admin", "create", "--org", "03241", "--login", "Leitung@Region-Hannover.de", "--name", "Anna Leitung"],
      dir,
      "ein-sicheres-passwort-2026\n",
    );
    expect(res.status, res.stderr).toBe(0);
    expect(res.stdout).toContain("leitung@region-hannover.de angelegt (Region Hannover; org_admin, region_admin)");
    const again = verbund(
      ["admin", "create", "--org", "03241", "--login", "leitung@region-hannover.de"],
      dir,
      "ein-sicheres-passwort-2026\n",
    );
    expect(again.status).toBe(1);
    expect(again.stderr).toContain("gibt es bereits");
    const weak = verbund(["admin", "create", "--org", "03241021", "--login", "hr@wunstorf.de"], dir, "kurz\n");
    expect(weak.stderr).toContain("12 bis 256 Zeichen");
    const unknown = verbund(["admin", "create", "--org", "09999", "--login", "x@y.de"], dir, "ein-sicheres-passwort-2026\n");
    expect(unknown.stderr).toContain("Keine Verwaltung mit dem Schlüssel 09999");
    expect(unknown.stderr).not.toMatch(/\n\s+at /);

    const database = await openDatabase({ dataDir: dir });
    try {
      const session = await login(database.db, {
        login: "leitung@region-hannover.de",
        password: "ein-sicheres-passwort-2026",
        ip: "127.0.0.1",
      });
      expect(session.accountId).toBeTruthy();
      const demo = login(database.db, { login: "personal@wunstorf.demo", password: "irgendwas-langes", ip: "127.0.0.1" });
      await expect(demo).rejects.toThrow(/incorrect/); // no demo accounts outside demo mode
    } finally {
      await database.close();
    }
  }, 120_000);
});

describe.runIf(embedded)("the embedded data folder", () => {
  it("is locked while a server uses it: a second process refuses with a clear message; SIGTERM finishes requests and frees it", async () => {
    const dir = copyPrepared("locked");
    const server = await startServer(dir, 3931);
    const second = verbund(["backup", path.join(work, "x.bak")], dir);
    expect(second.status).toBe(1);
    expect(second.stderr).toMatch(/wird gerade von Prozess \d+ benutzt \(verbund serve/);
    expect(second.stderr).toContain("is in use by process");
    expect(second.stderr).not.toMatch(/\n\s+at /);
    const secondServer = verbund(["serve"], dir);
    expect(secondServer.status).toBe(1);

    // Graceful shutdown: requests in flight when SIGTERM arrives are answered. A login spends
    // about 50 ms in argon2, so these are still running when the signal comes.
    const inFlight = Array.from({ length: 10 }, (_, i) =>
      fetch("http://127.0.0.1:3931/api/v1/session", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ login: `niemand${i}@wunstorf.demo`, password: "falsches-passwort" }),
      }).then(
        (r) => r.status,
        (e: Error) => e.message,
      ),
    );
    await new Promise((r) => setTimeout(r, 40));
    const signalled = Date.now();
    server.child.kill("SIGTERM");
    const exitCode = await new Promise<number | null>((resolve) => server.child.once("exit", resolve));
    // Not a speed figure: the connections of the answered requests must not hold the process for
    // the server's keep-alive time (72 s) — it used to stop only after that.
    expect(Date.now() - signalled).toBeLessThan(30_000);
    const statuses = await Promise.all(inFlight);
    expect(exitCode).toBe(0);
    expect(statuses.filter((s) => s === 401).length).toBeGreaterThan(0);
    // Requests already running are answered (401 here); ones arriving during the shutdown are
    // refused cleanly (503 or no connection) — never a 500 or a response cut off.
    expect(statuses.filter((s) => s !== 401 && s !== 503 && !String(s).includes("fetch failed"))).toEqual([]);
    expect(server.output()).toContain("Verbund beendet");
    expect(fs.existsSync(`${dir}.lock`)).toBe(false);
    const after = verbund(["backup", path.join(work, "after.bak")], dir);
    expect(after.status, after.stderr).toBe(0);
  }, 120_000);

  it("folders that do not exist yet are created: data folder, its lock, backups and restores (a fresh clone has no var/)", () => {
    const fresh = path.join(work, "fresh-clone", "var", "data");
    const migrate = verbund(["migrate"], fresh);
    expect(migrate.status, migrate.stderr).toBe(0);
    expect(migrate.stdout).toContain("22 Verwaltungen");
    expect(fs.existsSync(path.join(fresh, "PG_VERSION"))).toBe(true);
    const file = path.join(work, "fresh-clone", "backups", "2026", "verbund.bak");
    const backup = verbund(["backup", file], fresh);
    expect(backup.status, backup.stderr).toBe(0);
    const target = path.join(work, "elsewhere", "not", "yet", "data");
    const restore = verbund(["restore", file], target);
    expect(restore.status, restore.stderr).toBe(0);
    expect(fs.existsSync(path.join(target, "PG_VERSION"))).toBe(true);
  }, 120_000);

  it("a lock left by a crashed process is taken over", () => {
    const dir = copyPrepared("stale");
    fs.writeFileSync(
      `${dir}.lock`,
      JSON.stringify({ pid: 999999, host: os.hostname(), purpose: "verbund serve", since: "2026-11-25T03:00:00Z" }),
    );
    const res = verbund(["migrate"], dir);
    expect(res.status, res.stderr).toBe(0);
  }, 120_000);

  it("a damaged folder gives a clear message pointing to `verbund restore`, not a crash trace", () => {
    const dir = copyPrepared("damaged");
    fs.writeFileSync(path.join(dir, "global", "pg_control"), Buffer.alloc(512, 7));
    const res = verbund(["serve"], dir);
    expect(res.status).toBe(1);
    expect(res.stderr).toContain("ist beschädigt oder unvollständig");
    expect(res.stderr).toContain("verbund restore");
    expect(res.stderr).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(`${dir}.lock`)).toBe(false);
  }, 120_000);
});

describe("backup and restore", () => {
  it.runIf(embedded)(
    "embedded: backup → restore into a fresh folder → equal row counts and checksums of every table",
    async () => {
      const dir = copyPrepared("source");
      expect(verbund(["admin", "create", "--org", "03241021", "--login", "hr@wunstorf.de"], dir, "ein-sicheres-passwort-2026").status).toBe(
        0,
      );
      const file = path.join(work, "embedded.bak");
      const backup = verbund(["backup", file], dir);
      expect(backup.status, backup.stderr).toBe(0);
      expect(backup.stdout).toContain("Sicherung geschrieben");
      const target = path.join(work, "restored");
      const restore = verbund(["restore", file], target);
      expect(restore.status, restore.stderr).toBe(0);
      const refused = verbund(["restore", file], target);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain("nicht leer");

      const a = await openDatabase({ dataDir: dir });
      const b = await openDatabase({ dataDir: target });
      try {
        const [before, after] = [await tableChecksums(a.db), await tableChecksums(b.db)];
        expect(Object.keys(before).length).toBeGreaterThan(8);
        expect(before["public.organizations"].rows).toBe(22);
        expect(after).toEqual(before);
      } finally {
        await a.close();
        await b.close();
      }
    },
    120_000,
  );

  it.runIf(testDatabaseKind === "postgres")(
    "PostgreSQL: pg_dump → restore into an empty database → equal row counts and checksums",
    async () => {
      const source = await createTestDatabase();
      const url = new URL(process.env.TEST_DATABASE_URL!);
      const admin = new pg.Client({ connectionString: url.toString() });
      await admin.connect();
      const name = `verbund_restore_${process.pid}`;
      await admin.query(`DROP DATABASE IF EXISTS ${name}`);
      await admin.query(`CREATE DATABASE ${name}`);
      url.pathname = `/${name}`;
      try {
        const sourceUrl = (source as unknown as { url?: string }).url!;
        const file = path.join(work, "postgres.bak");
        await login(source.db, { login: "personal@garbsen.demo", password: "x".repeat(12), ip: "127.0.0.1" }).catch(() => undefined);
        const result = await backupDatabase({ databaseUrl: sourceUrl, dataDir: "" }, file);
        expect(result.kind).toBe("postgres");
        await restoreDatabase({ databaseUrl: url.toString(), dataDir: "" }, file);
        await expect(restoreDatabase({ databaseUrl: url.toString(), dataDir: "" }, file)).rejects.toThrow(/not empty/);
        const target = await openDatabase({ databaseUrl: url.toString(), poolSize: 2 });
        try {
          const [before, after] = [await tableChecksums(source.db), await tableChecksums(target.db)];
          expect(before["public.audit_events"].rows).toBeGreaterThan(0);
          expect(after).toEqual(before);
        } finally {
          await target.close();
        }
      } finally {
        await source.close();
        await admin.query(`DROP DATABASE IF EXISTS ${name}`);
        await admin.end();
      }
    },
    120_000,
  );
});
