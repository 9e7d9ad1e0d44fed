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

/**
 * Columns of the caller's own account that only the caller's own pages show (the language chosen
 * on "Mein Konto", `PATCH /api/v1/me`). They leave the data version alone — one person switching
 * the language would otherwise empty every read cache of every caller — and the read cache keys
 * each page by their values instead, read with the session at every request
 * (`request.ownAccountFields`): a change is seen at the caller's next request, on every server.
 * A cached route must show them only of the caller's own account (`test/read-cache.test.ts`).
 */
export const OWN_ACCOUNT_COLUMNS = ["locale"] as const;

/**
 * Columns of versioned tables whose change alone leaves the version alone (migration 0018): an
 * account's last sign-in, written at every sign-in — else a morning of sign-ins would empty every
 * read cache — and its time of last change (shown on no page). A cached route must not show them
 * (the account pages, which show the last sign-in, are not cached). The own account's columns
 * ({@link OWN_ACCOUNT_COLUMNS}) are unversioned too and keyed instead. Whether a column is here
 * is read when the server starts: `ensureDataVersionTriggers` renews the trigger.
 */
export const UNVERSIONED_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  accounts: ["last_signed_in_at", "updated_at", ...OWN_ACCOUNT_COLUMNS],
};

/** The trigger function's call for a table, with the columns it leaves alone as arguments. */
const callFor = (table: string) => `bump_data_version(${(UNVERSIONED_COLUMNS[table] ?? []).map((c) => `'${c}'`).join(", ")})`;

/** Name of the trigger that bumps the data version (one per table). */
export const DATA_VERSION_TRIGGER = "data_version";

/** The tables of the current schema, whether each carries the data-version trigger and whether it is as declared now. */
export async function listDataVersionTriggers(db: Executor): Promise<Array<{ table: string; hasTrigger: boolean; isCurrent: boolean }>> {
  const result = await db.execute(sql`
    SELECT c.relname AS "table",
           (SELECT pg_get_triggerdef(t.oid) FROM pg_trigger t WHERE t.tgrelid = c.oid AND t.tgname = ${DATA_VERSION_TRIGGER}) AS "definition"
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
     ORDER BY c.relname`);
  return result.rows.map((r) => {
    const table = String(r.table);
    const definition = typeof r.definition === "string" ? r.definition : null;
    // Current: it calls the function with the table's unversioned columns as they are declared now.
    return { table, hasTrigger: definition !== null, isCurrent: definition?.endsWith(`EXECUTE FUNCTION ${callFor(table)}`) ?? false };
  });
}

/**
 * Attaches the data-version trigger to every table that lacks it, and renews one whose unversioned
 * columns changed (after the migrations, so that a table a later migration creates is covered
 * without anyone remembering to). Deferred to the commit, once per transaction: see migration 0016.
 */
export async function ensureDataVersionTriggers(db: Executor): Promise<string[]> {
  const stale = (await listDataVersionTriggers(db)).filter((t) => !t.isCurrent && !UNVERSIONED_TABLES.has(t.table));
  for (const { table, hasTrigger } of stale) {
    const name = `"${table.replaceAll('"', '""')}"`;
    if (hasTrigger) await db.execute(sql.raw(`DROP TRIGGER ${DATA_VERSION_TRIGGER} ON ${name}`));
    await db.execute(
      sql.raw(
        `CREATE CONSTRAINT TRIGGER ${DATA_VERSION_TRIGGER} AFTER INSERT OR UPDATE OR DELETE ON ${name} ` +
          `DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ${callFor(table)}`,
      ),
    );
  }
  return stale.map((t) => t.table);
}
