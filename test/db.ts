import fs from "node:fs";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { openDatabase, type Database } from "../src/db/client";

/** Which database the tests of this run use. */
export const testDatabaseKind: "pglite" | "postgres" = process.env.TEST_DATABASE_URL ? "postgres" : "pglite";

/**
 * A fresh copy of the migrated, seeded template database for one test file: a PGlite loaded from
 * the template dump, or a PostgreSQL database created from the template. Close it in `afterAll`.
 * `poolSize` (PostgreSQL) lets that many transactions run at once — the concurrency tests need
 * more than the default 4 to race for real.
 */
export async function createTestDatabase(options: { poolSize?: number } = {}): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const template = inject("postgresTemplate");
    const name = `verbund_t_${template.replace("verbund_tpl_", "")}_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    const target = new URL(url);
    target.pathname = `/${name}`;
    const database = await openDatabase({ databaseUrl: target.toString(), poolSize: options.poolSize ?? 4 });
    return {
      ...database,
      ...{ url: target.toString() },
      close: async () => {
        await database.close();
        // Without FORCE: terminating connections that are still closing raises errors in the pool.
        for (let attempt = 0; ; attempt++) {
          try {
            await admin.query(`DROP DATABASE IF EXISTS ${name}`);
            break;
          } catch (err) {
            if (attempt >= 50) throw err;
            await new Promise((r) => setTimeout(r, 100));
          }
        }
        await admin.end();
      },
    };
  }
  const dump = fs.readFileSync(inject("pgliteTemplate"));
  return openDatabase({ dataDir: "memory://", loadDataDir: new Blob([dump]) });
}
