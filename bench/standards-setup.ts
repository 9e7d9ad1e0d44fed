/**
 * What the standards benchmarks share: a fresh PostgreSQL database of their own, and copies of the
 * monthly telephone standard keyed `bench-001`, `bench-002`, … in force since 2000 for every
 * administration.
 */
import { sql } from "drizzle-orm";
import pg from "pg";
import type { FastifyInstance } from "fastify";
import type { Config } from "../src/config";
import { migrateDatabase, openDatabase, type Database } from "../src/db/client";
import { seedDemoAccounts } from "../src/db/seed/demo";
import { seedReferenceData } from "../src/db/seed/reference";

/** A fresh database `name` on the PostgreSQL server of `BENCH_DATABASE_URL` (default the local server), opened. */
export async function freshPostgres(name: string): Promise<{ database: Database; url: string }> {
  const server = process.env.BENCH_DATABASE_URL ?? "postgres://postgres:postgres@127.0.0.1:5432";
  const admin = new pg.Client({ connectionString: `${server}/postgres` });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = `${server}/${name}`;
  return { database: await openDatabase({ databaseUrl: url }), url };
}

/** Copies of the telephone standard (monthly, for every administration), in force since 2000, keyed `bench-NNN`. */
export async function benchStandards(database: Database, count: number) {
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

/** A database ready for a standards benchmark: migrated, the region and the demo accounts (with `password`), `count` bench standards. */
export async function prepareStandardsBench(database: Database, config: Config, password: string, count: number) {
  await migrateDatabase(database);
  await seedReferenceData(database.db, config.regionDir);
  await seedDemoAccounts(database.db, password);
  await benchStandards(database, count);
}

/** Signs a demo account in through the app and answers the headers of its requests (session cookie, CSRF token). */
export async function signedInHeaders(app: FastifyInstance, login: string, password: string): Promise<Record<string, string>> {
  const session = await app.inject({ method: "POST", url: "/api/v1/session", payload: { login, password } });
  if (session.statusCode !== 200) throw new Error(`sign-in of ${login}: ${session.body}`);
  return {
    cookie: session.cookies.map((c) => `${c.name}=${c.value}`).join("; "),
    "x-csrf-token": session.json().csrfToken as string,
  };
}
