import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { createTestDatabase } from "../../test/db";
import { TEST_PASSWORD } from "../../test/constants";
import { loadConfig } from "../config";
import type { Database } from "../db/client";
import { accounts } from "../modules/identity/identity.tables";
import { buildApp } from "./app";
import { publicAccess } from "../kernel/policy";
import { redactUrl } from "./log-safety";

// Every log line the server writes while it handles secrets, read back from a pino destination.
let database: Database;
let app: FastifyInstance;
const lines: string[] = [];

const SECRET_PARAMETER = "geheimer-parameter-4711";

beforeAll(async () => {
  database = await createTestDatabase();
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split("\n").filter(Boolean));
      done();
    },
  });
  app = await buildApp({
    config: loadConfig({}),
    database,
    webDir: "/nonexistent",
    logger: { level: "trace", stream },
    extend: async (instance) => {
      // A query that fails in a way no rule maps: the server answers 500 and logs the error.
      instance.post("/test/failing-query", { config: { policy: publicAccess } }, async () => {
        const [account] = await instance.db.select().from(accounts).where(eq(accounts.login, "personal@wunstorf.demo"));
        await instance.db.execute(
          sql`SELECT * FROM no_such_table WHERE a = ${SECRET_PARAMETER} AND b = ${account.passwordHash} AND c = ${"personal@wunstorf.demo"}`,
        );
        return {};
      });
    },
  });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

async function signIn(login: string) {
  const res = await app.inject({ method: "POST", url: "/api/v1/session", payload: { login, password: TEST_PASSWORD } });
  expect(res.statusCode).toBe(200);
  const cookie = res.cookies.find((c) => c.name === "verbund_session")!.value;
  return { cookie, csrfToken: res.json().csrfToken as string };
}

describe("the log holds no secrets", () => {
  it("a login, an SSO callback, an iCal feed, a provider secret and a failing query leave no secret in any line", async () => {
    const secrets: Record<string, string> = { password: TEST_PASSWORD, login: "personal@wunstorf.demo" };
    const hr = await signIn("personal@wunstorf.demo");
    secrets.sessionToken = hr.cookie;
    secrets.csrfToken = hr.csrfToken;
    const wrong = await app.inject({
      method: "POST",
      url: "/api/v1/session",
      payload: { login: "personal@wunstorf.demo", password: "falsches-passwort-0815" },
    });
    expect(wrong.statusCode).toBe(401);
    secrets.wrongPassword = "falsches-passwort-0815";

    // The SSO callback carries the authorization code and state in its address.
    const callback = await app.inject({ method: "GET", url: "/api/v1/sso/callback?code=sso-code-geheim-123&state=sso-state-geheim-456" });
    expect(callback.statusCode).toBe(302);
    secrets.ssoCode = "sso-code-geheim-123";
    secrets.ssoState = "sso-state-geheim-456";

    // The iCal feed's address is its only credential.
    const employee = await signIn("mitarbeiterin@wunstorf.demo");
    const feed = await app.inject({
      method: "POST",
      url: "/api/v1/calendar-feeds",
      cookies: { verbund_session: employee.cookie },
      headers: { "x-csrf-token": employee.csrfToken },
      payload: { scope: "person" },
    });
    expect(feed.statusCode).toBe(201);
    const path = new URL(feed.json().url).pathname;
    secrets.icalToken = path.replace(/^\/ical\/|\.ics$/g, "");
    expect((await app.inject({ method: "GET", url: path })).statusCode).toBe(200);

    // A client secret that the provider check refuses.
    const provider = await app.inject({
      method: "PUT",
      url: "/api/v1/identity-provider",
      cookies: { verbund_session: hr.cookie },
      headers: { "x-csrf-token": hr.csrfToken },
      payload: {
        issuer: "http://127.0.0.1:1/realm",
        clientId: "verbund",
        clientSecret: "client-secret-geheim-789",
        isEnabled: true,
        isPasswordLoginEnabled: true,
      },
    });
    expect(provider.statusCode).toBe(400);
    secrets.clientSecret = "client-secret-geheim-789";

    // A failing query with a secret parameter and a password hash among its parameters.
    const failing = await app.inject({ method: "POST", url: "/test/failing-query" });
    expect(failing.statusCode).toBe(500);
    const [account] = await database.db.select().from(accounts).where(eq(accounts.login, "personal@wunstorf.demo"));
    secrets.passwordHash = account.passwordHash!;
    secrets.queryParameter = SECRET_PARAMETER;

    const log = lines.join("\n");
    // The lines are there (the test can fail): the requests, the feed's address redacted, the error.
    expect(lines.some((l) => l.includes('"url":"/ical/[redacted]'))).toBe(true);
    expect(lines.some((l) => l.includes("/api/v1/sso/callback?code=[redacted]&state=[redacted]"))).toBe(true);
    const unhandled = lines.map((l) => JSON.parse(l)).find((l) => l.msg === "unhandled error");
    expect(unhandled?.err).toMatchObject({ type: "DrizzleQueryError", database: { code: "42P01" } });
    expect(unhandled.err.message).toContain("params: [redacted]");
    const found = Object.entries(secrets).filter(([, value]) => log.includes(value));
    expect(found.map(([name]) => name)).toEqual([]);
  });

  it("redacts secrets in addresses and keeps the rest readable", () => {
    expect(redactUrl("/ical/abcDEF_123-xyz.ics")).toBe("/ical/[redacted]");
    expect(redactUrl("/api/v1/sso/callback?code=x&state=y&iss=https%3A%2F%2Fidp")).toBe(
      "/api/v1/sso/callback?code=[redacted]&state=[redacted]&iss=https%3A%2F%2Fidp",
    );
    expect(redactUrl("/api/v1/support-requests?status=open")).toBe("/api/v1/support-requests?status=open");
    expect(redactUrl("/x?Code=1&%73tate=2")).toBe("/x?Code=[redacted]&%73tate=[redacted]");
  });
});
