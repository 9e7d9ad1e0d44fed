import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LightMyRequestResponse } from "fastify";
import { buildTestApp, type TestApp } from "../../test/app";
import { createTestDatabase } from "../../test/db";
import type { Database } from "../db/client";

let database: Database;
let plain: TestApp;
let secure: TestApp;

const failingRoute = async (app: import("fastify").FastifyInstance) => {
  app.get("/test/boom", async () => {
    throw new Error("boom: a bug in a handler");
  });
};

beforeAll(async () => {
  database = await createTestDatabase();
  plain = await buildTestApp({ database, extend: failingRoute });
  secure = await buildTestApp({ database, extend: failingRoute, config: { baseUrl: "https://verbund.example.de" } });
});
afterAll(async () => {
  await plain?.close();
  await secure?.close();
  await database?.close();
});

function expectSecurityHeaders(res: LightMyRequestResponse) {
  const csp = String(res.headers["content-security-policy"]);
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("script-src 'self'");
  expect(res.headers["x-content-type-options"]).toBe("nosniff");
  expect(res.headers["referrer-policy"]).toBe("same-origin");
}

describe("security headers", () => {
  for (const [name, url, status] of [
    ["a normal answer", "/api/v1/organizations", 200],
    ["a 404 answer", "/api/v1/gibt-es-nicht", 404],
    ["a 500 answer", "/test/boom", 500],
  ] as const) {
    it(`are set on ${name}`, async () => {
      const res = await plain.app.inject({ method: "GET", url });
      expect(res.statusCode).toBe(status);
      expectSecurityHeaders(res);
      expect(res.headers["strict-transport-security"]).toBeUndefined();
      const https = await secure.app.inject({ method: "GET", url });
      expectSecurityHeaders(https);
      expect(https.headers["strict-transport-security"]).toContain("max-age=31536000");
    });
  }

  it("a 500 answer is a problem document that leaks no internals", async () => {
    const res = await plain.app.inject({ method: "GET", url: "/test/boom" });
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(res.body).not.toContain("a bug in a handler");
    expect(res.body).not.toContain("at ");
    expect(res.json().messages.de).toContain("nicht gespeichert");
  });

  it("health and readiness answer", async () => {
    expect((await plain.app.inject({ method: "GET", url: "/healthz" })).json()).toEqual({ status: "ok" });
    const ready = await plain.app.inject({ method: "GET", url: "/readyz" });
    expect(ready.statusCode).toBe(200);
    expect(ready.json().status).toBe("ready");
  });
});
