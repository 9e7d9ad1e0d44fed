import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import type { Database, Db } from "../src/db/client";
import * as schema from "../src/db/schema";

/** A database whose every statement is counted, see {@link countingDatabase}. */
export interface CountingDatabase {
  /** The same database (same connection or pool), with a counting Drizzle on top: give it to `buildTestApp`. */
  database: Database;
  /** The SQL text of every statement sent since the last {@link reset}. */
  statements: string[];
  reset(): void;
}

/**
 * Counts the statements the app sends: a Drizzle instance over the same driver client as
 * `database` whose logger records each statement (transactions' own BEGIN/COMMIT on PostgreSQL
 * included, the same number every time). Closing it leaves `database` open.
 *
 * @example
 * const counting = countingDatabase(await createTestDatabase());
 * const t = await buildTestApp({ database: counting.database });
 * counting.reset(); await client.request({ method: "GET", url: "/api/v1/me" });
 * expect(counting.statements).toHaveLength(1);
 */
export function countingDatabase(database: Database): CountingDatabase {
  const statements: string[] = [];
  const logger = { logQuery: (query: string) => void statements.push(query) };
  const client = (database.db as unknown as { $client: unknown }).$client;
  const db = (database.kind === "pglite"
    ? drizzlePglite(client as never, { schema, logger })
    : drizzlePg(client as never, { schema, logger })) as unknown as Db;
  return {
    database: { ...database, db, close: async () => undefined },
    statements,
    reset: () => void statements.splice(0),
  };
}
