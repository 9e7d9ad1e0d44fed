import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { openDatabase, type Database } from "./client";

// PGlite runs each statement on this thread; the client must give the event loop a turn between
// statements, or a use case with many statements holds every other request up (#13, part 6).
let database: Database;
beforeAll(async () => {
  database = await openDatabase({ dataDir: "memory://" });
});
afterAll(async () => database?.close());

describe("the embedded database shares the thread", () => {
  it("a timer runs between the statements of a transaction", async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    try {
      await database.db.transaction(async (tx) => {
        for (let i = 0; i < 30; i++) await tx.execute(sql`SELECT count(*) FROM generate_series(1, 2000)`);
      });
      // Without a turn between statements the timer cannot fire before the transaction ends.
      expect(ticks).toBeGreaterThanOrEqual(10);
    } finally {
      clearInterval(timer);
    }
  });

  it("a timer runs between statements outside a transaction too", async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    try {
      for (let i = 0; i < 30; i++) await database.db.execute(sql`SELECT 1`);
      expect(ticks).toBeGreaterThanOrEqual(10);
    } finally {
      clearInterval(timer);
    }
  });
});
