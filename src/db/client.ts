import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import pg from "pg";
import { OperatorError } from "../operator-error";
import { ensureDataVersionTriggers } from "./data-version";
import { lockDataDir } from "./data-lock";
import * as schema from "./schema";

/** Result of `db.execute(sql)` on both drivers: they share `rows`. */
export interface RowsResultHKT extends PgQueryResultHKT {
  type: { rows: Array<Record<string, unknown>> };
}

/** Drizzle database over either driver; both speak the same SQL and schema. */
export type Db = PgDatabase<RowsResultHKT, typeof schema>;

/** A transaction handle, usable wherever a `Db` is. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** An open database with the means to close it. */
export interface Database {
  db: Db;
  /** `pglite` (embedded default) or `postgres` (server given by a connection string). */
  kind: "pglite" | "postgres";
  /** Closes the connection(s); an open PGlite keeps Node alive. */
  close(): Promise<void>;
}

const migrationsFolder = path.join(import.meta.dirname, "migrations");

/** Options of {@link openDatabase}. */
export interface OpenDatabaseOptions {
  /** PostgreSQL connection string; when set, PGlite is not used. */
  databaseUrl?: string;
  /** PGlite data folder; `memory://` or undefined for an in-memory database. */
  dataDir?: string;
  /** A PGlite data-folder dump to start from (tests load a migrated template this way). */
  loadDataDir?: Blob;
  /** Maximum PostgreSQL pool size (default 10). */
  poolSize?: number;
  /** What this process does with the data folder, shown to a second process that finds it locked. */
  purpose?: string;
}

/** Opens PostgreSQL when a connection string is given, the embedded PGlite otherwise. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    // An idle connection that the server drops (restart, failover) must not crash the process;
    // the pool replaces it on the next query.
    pool.on("error", (err) => process.emitWarning(`PostgreSQL connection lost: ${err.message}`));
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    return { db, kind: "postgres", close: () => pool.end() };
  }
  const onDisk = !!options.dataDir && !options.dataDir.startsWith("memory://");
  const lock = onDisk ? lockDataDir(options.dataDir!, options.purpose ?? "verbund") : undefined;
  let client: PGlite;
  try {
    const existed = onDisk && fs.existsSync(path.join(options.dataDir!, "PG_VERSION"));
    if (onDisk) fs.mkdirSync(options.dataDir!, { recursive: true });
    client = await PGlite.create({ dataDir: options.dataDir, loadDataDir: options.loadDataDir }).catch((err: unknown) => {
      throw existed || (onDisk && fs.readdirSync(options.dataDir!).length > 0) ? damaged(options.dataDir!, err) : err;
    });
  } catch (err) {
    lock?.release();
    throw err;
  }
  const writes = { count: 0 };
  const db = drizzlePglite(yieldingClient(client, writes) as PGlite, { schema }) as unknown as Db;
  writeCounters.set(db, writes);
  const close = async () => {
    try {
      await client.close();
    } finally {
      lock?.release();
    }
  };
  return { db, kind: "pglite", close, ...{ pglite: client } };
}

/** Lets the event loop run (timers, sockets) before the next statement. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

type Queryable = Pick<PGlite, "query">;

/** What every statement that may write to an embedded database counts, per database (see {@link writesOf}). */
const writeCounters = new WeakMap<Db, { count: number }>();

/**
 * The number of statements that may have changed an embedded (PGlite) database since it was
 * opened, or undefined for PostgreSQL. PGlite belongs to this process alone (the data folder is
 * locked), so an unchanged count means unchanged data: a memo of a read made at count n holds while
 * the count is still n. Counted conservatively: every statement but a plain SELECT, every
 * statement sent another way (exec, a dump), and the end of every transaction.
 */
export function writesOf(db: Db): number | undefined {
  return writeCounters.get(db)?.count;
}

/** A statement that cannot change data (a plain SELECT; anything else counts as a write). */
const READ_ONLY = /^\s*select\b/i;

/**
 * PGlite executes each statement synchronously on this thread, and its promises resolve without
 * giving the event loop a turn: a use case that sends a dozen statements in a row (an allocation
 * run reads twelve tables) held the thread for their whole sum, and every other request — even
 * `/healthz` — waited. This client yields one turn before each statement, inside transactions too,
 * so the longest wait is one statement. Costs a few microseconds per statement. It also counts the
 * statements that may write (see {@link writesOf}).
 */
function yieldingClient(client: PGlite, writes: { count: number }): Queryable & Pick<PGlite, "transaction"> {
  const yielding = <T extends Queryable>(target: T): T =>
    new Proxy(target, {
      get(object, property, receiver) {
        const value = Reflect.get(object, property, receiver);
        if (property === "query") {
          return async (...args: Parameters<PGlite["query"]>) => {
            await nextTurn();
            // Counted before and after: a memo read while the statement runs does not hold either.
            const mayWrite = !READ_ONLY.test(args[0]);
            if (mayWrite) writes.count++;
            try {
              return await (value as PGlite["query"]).apply(object, args);
            } finally {
              if (mayWrite) writes.count++;
            }
          };
        }
        if (property === "transaction") {
          return async (callback: (tx: Queryable) => Promise<unknown>) => {
            try {
              return await (value as PGlite["transaction"]).call(object, (tx) => callback(yielding(tx)));
            } finally {
              writes.count++;
            }
          };
        }
        if (typeof value !== "function") return value;
        return (...args: unknown[]) => {
          writes.count++;
          return (value as (...a: unknown[]) => unknown).apply(object, args);
        };
      },
    });
  return yielding(client);
}

function damaged(dataDir: string, cause: unknown): OperatorError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new OperatorError(
    `Der Datenordner ${dataDir} ist beschädigt oder unvollständig und lässt sich nicht öffnen (${reason}). ` +
      `Stellen Sie eine Sicherung in einen leeren Ordner wieder her: verbund restore SICHERUNG (mit VERBUND_DATA_DIR auf einen neuen Ordner), ` +
      `und starten Sie Verbund mit diesem Ordner.`,
    `The data folder ${dataDir} is damaged or incomplete and cannot be opened (${reason}). ` +
      `Restore a backup into an empty folder: verbund restore BACKUP (with VERBUND_DATA_DIR pointing to a new folder), then start Verbund on it.`,
  );
}

/** The PGlite client behind a database, when it is one (for dumps in tests and backups). */
export function pgliteOf(database: Database): PGlite | undefined {
  return (database as Database & { pglite?: PGlite }).pglite;
}

/** Applies every pending migration (the same folder for both drivers), then attaches the data-version trigger to new tables. */
export async function migrateDatabase(database: Database): Promise<void> {
  if (database.kind === "postgres") {
    await migratePg(database.db as never, { migrationsFolder });
  } else {
    await migratePglite(database.db as never, { migrationsFolder });
  }
  await ensureDataVersionTriggers(database.db);
}
