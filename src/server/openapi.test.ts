import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Validator } from "@seriousme/openapi-schema-validator";
import { Ajv2020 } from "ajv/dist/2020.js";
import type { LightMyRequestResponse } from "fastify";
import { apiTypes } from "../../scripts/openapi-document";
import { loadConfig } from "../config";
import { buildTestApp, type TestApp } from "../../test/app";
import { buildApp } from "./app";
import { publicAccess } from "../kernel/policy";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

describe("OpenAPI", () => {
  it("serves an OpenAPI 3.1 document generated from the route schemas, with the contract's routes", async () => {
    const res = await t.anonymous().request({ method: "GET", url: "/api/openapi.json" });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe("3.1.0");
    for (const [route, method] of [
      ["/api/v1/session", "post"],
      ["/api/v1/session", "delete"],
      ["/api/v1/me", "get"],
      ["/api/v1/organizations", "get"],
    ]) {
      expect(doc.paths[route]?.[method], `${method} ${route}`).toBeDefined();
    }
    const login = doc.paths["/api/v1/session"].post.requestBody.content["application/json"].schema;
    expect(login.required).toEqual(["login", "password"]);
    const item = doc.paths["/api/v1/organizations"].get.responses["200"].content["application/json"].schema.properties.items.items;
    expect(Object.keys(item.properties)).toEqual(expect.arrayContaining(["id", "ags", "name", "kind", "population", "lat", "lon"]));
  });

  it("serves the interactive documentation at /api/docs", async () => {
    const res = await t.anonymous().request({ method: "GET", url: "/api/docs/" });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("swagger");
  });

  it("the web app's typed client is generated from the current document (run `npm run api:generate`)", async () => {
    const committed = fs.readFileSync(path.join(import.meta.dirname, "..", "..", "web", "src", "api", "schema.d.ts"), "utf8");
    expect(committed).toBe(await apiTypes());
  });
});

interface OperationObject {
  operationId?: string;
  security?: Array<Record<string, string[]>>;
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

/** Every operation of the served document as `[METHOD path, operation]`. */
async function operations(): Promise<Array<[string, string, OperationObject]>> {
  const doc = (await t.anonymous().request({ method: "GET", url: "/api/openapi.json" })).json();
  return Object.entries(doc.paths as Record<string, Record<string, OperationObject>>).flatMap(([p, item]) =>
    Object.entries(item).map(([method, op]): [string, string, OperationObject] => [method.toUpperCase(), p, op]),
  );
}

/** The path of an operation with every parameter filled with an id that names nothing. */
const urlOf = (p: string) => p.replace(/\{\w+\}/g, "00000000-0000-4000-8000-00000000abcd");

describe("OpenAPI: how each operation is called and how it fails", () => {
  it("is a valid OpenAPI 3.1 document (checked against the specification's JSON Schema)", async () => {
    const doc = (await t.anonymous().request({ method: "GET", url: "/api/openapi.json" })).json();
    const validator = new Validator();
    const result = await validator.validate(doc);
    expect(result.errors ?? [], JSON.stringify(result.errors, null, 1)?.slice(0, 2000)).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
    // The validator does refuse: the same document without the API's title is not OpenAPI.
    expect((await new Validator().validate({ ...doc, info: { version: doc.info.version } })).valid).toBe(false);
  });

  it("names the licence and the server", async () => {
    const doc = (await t.anonymous().request({ method: "GET", url: "/api/openapi.json" })).json();
    expect(doc.info.license?.name).toEqual(expect.any(String));
    expect(doc.servers).toEqual([{ url: loadConfig({}).baseUrl, description: expect.any(String) }]);
  });

  it("every operation has its own operationId, declares its security and answers 4xx with the Problem schema", async () => {
    const ops = await operations();
    expect(ops.length).toBeGreaterThan(70);
    const ids = ops.map(([, , op]) => op.operationId);
    expect(ids.filter((id) => typeof id !== "string" || !/^[a-z][A-Za-z0-9]+$/.test(id))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const [method, p, op] of ops) {
      const name = `${method} ${p}`;
      expect(Array.isArray(op.security), name).toBe(true);
      const problems = Object.entries(op.responses).filter(([status]) => /^4\d\d$/.test(status));
      expect(
        problems.map(([status]) => status),
        name,
      ).toContain("400");
      for (const [status, response] of problems) {
        expect(response.content, `${name} ${status}`).toEqual({
          "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } },
        });
      }
    }
  });

  it("the declared security is what the server enforces: the session where it asks for one, the CSRF header on every change", async () => {
    const signedIn = await t.signIn("koordination@region-hannover.demo");
    const ops = await operations();
    const withoutCsrf: string[] = [];
    for (const [method, p, op] of ops) {
      const name = `${method} ${p}`;
      const needsSession = op.security!.some((r) => "session" in r);
      const needsCsrf = op.security!.some((r) => "csrfToken" in r);
      const anonymous = await t.anonymous().request({ method: method as "GET", url: urlOf(p) });
      expect(anonymous.statusCode === 401 && anonymous.json().code === "unauthenticated", `${name} anonymously`).toBe(needsSession);
      // The session cookie without the CSRF header.
      const cookieOnly = await t.app.inject({ method: method as "GET", url: urlOf(p), headers: { cookie: signedIn.cookie } });
      const refused = cookieOnly.statusCode === 403 && cookieOnly.json().code === "csrf";
      expect(refused, `${name} without X-CSRF-Token`).toBe(needsCsrf);
      if (needsCsrf) withoutCsrf.push(name);
    }
    expect(withoutCsrf).toContain("POST /api/v1/secondments/{id}/transitions");
  });

  it("problem answers fit the Problem schema and have a status the operation declares", async () => {
    const doc = (await t.anonymous().request({ method: "GET", url: "/api/openapi.json" })).json();
    const fits = new Ajv2020({ strict: false }).compile(doc.components.schemas.Problem);
    const hr = await t.signIn("personal@wunstorf.demo");
    const answers: Array<[string, OperationObject, LightMyRequestResponse]> = [];
    const op = (method: string, p: string) => doc.paths[p][method.toLowerCase()] as OperationObject;
    const ask = async (method: string, p: string, send: () => Promise<LightMyRequestResponse>) =>
      answers.push([`${method} ${p}`, op(method, p), await send()]);
    await ask("GET", "/api/v1/accounts", () => t.anonymous().request({ method: "GET", url: "/api/v1/accounts" }));
    await ask("GET", "/api/v1/audit-events", () => hr.request({ method: "GET", url: "/api/v1/audit-events?page=x" }));
    await ask("GET", "/api/v1/allocation-runs", () => hr.request({ method: "GET", url: "/api/v1/allocation-runs" }));
    await ask("GET", "/api/v1/secondments/{id}", () => hr.request({ method: "GET", url: urlOf("/api/v1/secondments/{id}") }));
    await ask("POST", "/api/v1/secondments", () => hr.request({ method: "POST", url: "/api/v1/secondments", payload: { memberId: 3 } }));
    await ask("POST", "/api/v1/session", () =>
      t.anonymous().request({ method: "POST", url: "/api/v1/session", payload: { login: "personal@wunstorf.demo", password: "falsch" } }),
    );
    await ask("POST", "/api/v1/qualifications", () =>
      hr.request({ method: "POST", url: "/api/v1/qualifications", headers: { "content-type": "application/xml" }, payload: "<x/>" }),
    );
    expect(new Set(answers.map(([, , res]) => res.statusCode))).toEqual(new Set([400, 401, 403, 404, 415]));
    for (const [name, declared, res] of answers) {
      expect(fits(res.json()), `${name} ${res.statusCode}: ${JSON.stringify(fits.errors)}`).toBe(true);
      expect(Object.keys(declared.responses), name).toContain(String(res.statusCode));
    }
  });

  it("a new API route without an operationId, or with one already taken, cannot be registered", async () => {
    const withRoute = (operationId?: string) =>
      buildApp({
        config: loadConfig({}),
        database: t.database,
        logger: false,
        webDir: "/nonexistent",
        extend: async (app) => {
          app.get("/api/v1/test/anonymous", { config: { policy: publicAccess }, schema: { operationId } }, async () => ({}));
        },
      });
    await expect(withRoute()).rejects.toThrow(/GET \/api\/v1\/test\/anonymous declares no schema.operationId/);
    await expect(withRoute("getMe")).rejects.toThrow(/repeats the operationId getMe of GET \/api\/v1\/me/);
    const named = await withRoute("getTestAnonymous");
    await named.close();
  });
});
