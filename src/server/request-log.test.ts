/**
 * The console of `npm start` belongs to a newcomer: requests must not push the start banner (address,
 * demo password) out of sight. A server (`verbund serve`) keeps its access log.
 */
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../config";
import type { Database } from "../db/client";
import { createTestDatabase } from "../../test/db";
import { buildApp } from "./app";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.close());

/** The app with its JSON log captured; two routes: /healthz and one that fails. */
async function logOf(mode: { demo: boolean; logLevel?: string }) {
  const lines: Array<{ level: number; msg: string }> = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  const config = loadConfig(mode.logLevel ? { LOG_LEVEL: mode.logLevel } : {}, { demo: mode.demo });
  const app = await buildApp({
    config,
    database,
    webDir: "/nonexistent",
    logger: { stream },
    extend: async (a) => {
      a.get("/test/fails", { config: { policy: undefined } }, async () => {
        throw new Error("broken on purpose");
      });
    },
  });
  await app.inject({ method: "GET", url: "/healthz" });
  await app.inject({ method: "GET", url: "/anmelden", headers: { accept: "text/html" } });
  await app.inject({ method: "GET", url: "/test/fails" });
  await app.close();
  return lines;
}

describe("request log lines", () => {
  it("demo mode: no line per request at the default level, a failure is still logged as an error", async () => {
    const lines = await logOf({ demo: true });
    expect(lines.filter((l) => /incoming request|request completed|not found/.test(l.msg))).toEqual([]);
    expect(lines.some((l) => l.level >= 50 && l.msg === "unhandled error")).toBe(true);
  });

  it("demo mode with LOG_LEVEL=debug shows them", async () => {
    const lines = await logOf({ demo: true, logLevel: "debug" });
    expect(lines.filter((l) => l.msg === "incoming request" && l.level === 20)).toHaveLength(3);
  });

  it("a server (verbund serve) logs every request at info", async () => {
    const lines = await logOf({ demo: false });
    expect(lines.filter((l) => l.msg === "request completed" && l.level === 30)).toHaveLength(3);
  });
});
