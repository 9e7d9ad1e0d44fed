import { sql, type SQL } from "drizzle-orm";

/** What this file needs of a database (client.ts calls it after the migrations; no import back). */
interface Executor {
  execute(query: SQL): Promise<{ rows: Array<Record<string, unknown>> }>;
}

/**
 * Tables whose changes do not change what a page presents, so they leave the data version alone
 * (migration 0016): a session's activity, the audit log (every read of a pool member writes to
 * it), sign-in attempts and locks, SSO logins in progress and the e-mail outbox. A read that may
 * be answered from the read cache must not depend on them — `test/read-cache.test.ts` checks the
 * statements of every cached route.
 */
export const UNVERSIONED_TABLES: ReadonlySet<string> = new Set([
  "data_version",
  "sessions",
  "audit_events",
  "login_attempts",
  "login_locks",
  "sso_logins",
  "outbox_messages",
]);

/** Name of the trigger that bumps the data version (one per table). */
export const DATA_VERSION_TRIGGER = "data_version";

/** The tables of the current schema and whether each carries the data-version trigger. */
export async function listDataVersionTriggers(db: Executor): Promise<Array<{ table: string; hasTrigger: boolean }>> {
  const result = await db.execute(sql`
    SELECT c.relname AS "table",
           EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid AND t.tgname = ${DATA_VERSION_TRIGGER}) AS "hasTrigger"
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
     ORDER BY c.relname`);
  return result.rows.map((r) => ({ table: String(r.table), hasTrigger: r.hasTrigger === true }));
}

/**
 * Attaches the data-version trigger to every table that lacks it (after the migrations, so that a
 * table a later migration creates is covered without anyone remembering to). Deferred to the
 * commit, once per transaction: see migration 0016.
 */
export async function ensureDataVersionTriggers(db: Executor): Promise<string[]> {
  const missing = (await listDataVersionTriggers(db)).filter((t) => !t.hasTrigger && !UNVERSIONED_TABLES.has(t.table)).map((t) => t.table);
  for (const table of missing) {
    await db.execute(
      sql.raw(
        `CREATE CONSTRAINT TRIGGER ${DATA_VERSION_TRIGGER} AFTER INSERT OR UPDATE OR DELETE ON "${table.replaceAll('"', '""')}" ` +
          `DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_data_version()`,
      ),
    );
  }
  return missing;
}
