import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiTypes } from "../../scripts/openapi-document";
import { buildTestApp, type TestApp } from "../../test/app";

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
