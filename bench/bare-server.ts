/**
 * The yardstick of `bench/api.ts`: a bare Fastify server with one route that answers one query on
 * the same database as the app (the same client: PGlite with its turn of the event loop before
 * each statement, or a PostgreSQL pool) — a page of 50 secondments as JSON, no session, no
 * policy, no compression. What any API route on this machine and database costs at least.
 *
 *   PORT=3999 VERBUND_DATA_DIR=… node --import tsx bench/bare-server.ts     (or DATABASE_URL=…)
 */
import Fastify from "fastify";
import { desc } from "drizzle-orm";
import { loadConfig } from "../src/config";
import { openDatabase } from "../src/db/client";
import { secondments } from "../src/modules/secondments/secondments.tables";

const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, purpose: "bench bare server" });
const app = Fastify({ logger: false });
app.get("/readyz", async () => ({ ok: true }));
app.get("/bare", async () => ({
  items: await database.db
    .select({
      id: secondments.id,
      state: secondments.state,
      startsOn: secondments.startsOn,
      endsOn: secondments.endsOn,
      hoursPerWeek: secondments.hoursPerWeek,
      updatedAt: secondments.updatedAt,
    })
    .from(secondments)
    .orderBy(desc(secondments.updatedAt))
    .limit(50),
}));
await app.listen({ port: config.port, host: "127.0.0.1" });
const stop = async () => {
  await app.close();
  await database.close();
  process.exit(0);
};
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
