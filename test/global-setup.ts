import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { migrateDatabase, openDatabase, pgliteOf } from "../src/db/client";
import { seedDemoAccounts } from "../src/db/seed/demo";
import { seedReferenceData } from "../src/db/seed/reference";
import { loadConfig } from "../src/config";
import { TEST_PASSWORD } from "./constants";

declare module "vitest" {
  export interface ProvidedContext {
    /** PGlite: path of a dump of the migrated, seeded template database. */
    pgliteTemplate: string;
    /** PostgreSQL: name of the migrated, seeded template database (when TEST_DATABASE_URL is set). */
    postgresTemplate: string;
  }
}

async function seed(database: Awaited<ReturnType<typeof openDatabase>>) {
  await migrateDatabase(database);
  await seedReferenceData(database.db, loadConfig({}).regionDir);
  await seedDemoAccounts(database.db, TEST_PASSWORD);
}

/**
 * Migrates and seeds one template database per test run: a PGlite dump on disk, or a
 * PostgreSQL template database when TEST_DATABASE_URL is set. Each test file starts from a copy.
 */
export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const name = `verbund_tpl_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name}`);
    const target = new URL(url);
    target.pathname = `/${name}`;
    const database = await openDatabase({ databaseUrl: target.toString(), poolSize: 2 });
    await seed(database);
    await database.close();
    project.provide("postgresTemplate", name);
    project.provide("pgliteTemplate", "");
    return async () => {
      const res = await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE 'verbund_t_${process.pid}_%'`);
      for (const row of res.rows) await admin.query(`DROP DATABASE IF EXISTS ${row.datname} WITH (FORCE)`);
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    };
  }
  const database = await openDatabase({ dataDir: "memory://" });
  await seed(database);
  const dump = await pgliteOf(database)!.dumpDataDir("none");
  await database.close();
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "verbund-test-")), "template.tar");
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide("pgliteTemplate", file);
  project.provide("postgresTemplate", "");
  return () => fs.rmSync(path.dirname(file), { recursive: true, force: true });
}
