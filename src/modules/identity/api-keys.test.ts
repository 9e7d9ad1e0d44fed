/**
 * API keys of an administration: issued by its HR office or controlling, shown once and stored as
 * a hash, accepted only where a route names the key's scope, refused when revoked, unknown or
 * malformed, invisible to every other administration.
 */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { buildTestApp, type Client, type TestApp } from "../../../test/app";

let t: TestApp;
let hr: Client;
let controlling: Client;
let garbsenHr: Client;

beforeAll(async () => {
  t = await buildTestApp();
  hr = await t.signIn("personal@wunstorf.demo");
  controlling = await t.signIn("controlling@wunstorf.demo");
  garbsenHr = await t.signIn("personal@garbsen.demo");
});
afterAll(async () => t?.close());

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");
const withKey = (key: string, options: { method?: string; url?: string; payload?: unknown; headers?: Record<string, string> } = {}) =>
  t.app.inject({
    method: (options.method ?? "GET") as "GET",
    url: options.url ?? "/api/v1/api-keys/self",
    payload: options.payload as undefined,
    headers: { authorization: `Bearer ${key}`, ...options.headers },
  });

async function issue(client: Client, name: string): Promise<{ id: string; secret: string; prefix: string }> {
  const res = await client.request({ method: "POST", url: "/api/v1/api-keys", payload: { name } });
  expect(res.statusCode, res.body).toBe(201);
  return { id: res.json().apiKey.id, secret: res.json().secret, prefix: res.json().apiKey.prefix };
}

async function rowOf(id: string) {
  const { rows } = await t.database.db.execute(sql`SELECT * FROM api_keys WHERE id = ${id}`);
  return rows[0] as Record<string, unknown>;
}

describe("issuing a key", () => {
  it("shows the secret once; the table keeps only its hash; lists and the audit log never show it", async () => {
    const res = await hr.request({ method: "POST", url: "/api/v1/api-keys", payload: { name: "Fachverfahren Bürgeramt" } });
    expect(res.statusCode, res.body).toBe(201);
    const { apiKey, secret } = res.json();
    expect(secret).toMatch(/^vbk_[A-Za-z0-9_-]{43}$/);
    expect(apiKey).toMatchObject({ name: "Fachverfahren Bürgeramt", scopes: ["submissions"], createdBy: "Sabine Köhler", revokedAt: null });
    expect(secret.startsWith(apiKey.prefix)).toBe(true);
    expect(apiKey.prefix).toHaveLength(12);

    const row = await rowOf(apiKey.id);
    expect(row.secret_hash).toBe(sha256(secret));
    expect(JSON.stringify(row)).not.toContain(secret.slice(12));

    const list = await hr.request({ method: "GET", url: "/api/v1/api-keys" });
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(secret.slice(12));
    expect(list.body).not.toContain(String(row.secret_hash));
    expect(list.json().items.map((k: { id: string }) => k.id)).toContain(apiKey.id);
    expect(list.json().canCreate).toBe(true);

    const audit = await t.database.db.execute(sql`SELECT * FROM audit_events WHERE entity = 'api_key' AND entity_id = ${apiKey.id}`);
    expect(audit.rows).toHaveLength(1);
    expect(JSON.stringify(audit.rows)).not.toContain(secret.slice(12));
    expect(JSON.stringify(audit.rows)).not.toContain(String(row.secret_hash));
    const log = await hr.request({ method: "GET", url: "/api/v1/audit-events" });
    expect(log.body).toContain("einen API-Schlüssel ausgestellt");
  });

  it("controlling issues keys too; other roles of the administration neither see nor issue them", async () => {
    const key = await issue(controlling, "Zeiterfassung Controlling");
    expect((await controlling.request({ method: "GET", url: "/api/v1/api-keys" })).json().items.map((k: { id: string }) => k.id)).toContain(
      key.id,
    );
    for (const login of ["mitarbeiterin@wunstorf.demo", "kaemmerei@wunstorf.demo", "personalrat@wunstorf.demo"]) {
      const other = await t.signIn(login);
      expect((await other.request({ method: "GET", url: "/api/v1/api-keys" })).statusCode, login).toBe(403);
      expect((await other.request({ method: "POST", url: "/api/v1/api-keys", payload: { name: "Versuch" } })).statusCode, login).toBe(403);
      expect((await other.request({ method: "POST", url: `/api/v1/api-keys/${key.id}/revoke` })).statusCode, login).toBe(404);
    }
  });

  it("a name is required, in plain words", async () => {
    const res = await hr.request({ method: "POST", url: "/api/v1/api-keys", payload: { name: "  " } });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe("name");
  });
});

describe("a key at work", () => {
  it("a Wunstorf key answers on the key route, for Wunstorf", async () => {
    const key = await issue(hr, "Fachverfahren Standesamt");
    const res = await withKey(key.secret);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      id: key.id,
      name: "Fachverfahren Standesamt",
      scopes: ["submissions"],
      organization: { name: "Wunstorf" },
    });
    expect(res.headers["set-cookie"]).toBeUndefined();
    expect(res.headers["cache-control"]).toBe("private, no-store");
  });

  it("is refused on every other route of the app, before anything is read or written", async () => {
    const key = await issue(hr, "Fachverfahren Kita");
    const before = await t.database.db.execute(sql`SELECT count(*)::int AS n FROM api_keys`);
    // The routes that take a key: a client checks it, and a Fachverfahren sends values (submissions-api-key.test.ts).
    const taking = ["GET /api/v1/api-keys/self", "POST /api/v1/submissions"];
    const routes = t.app.routeTable.filter((r) => r.url.startsWith("/api/v1") && !taking.includes(`${r.method} ${r.url}`));
    expect(routes.length).toBeGreaterThan(60);
    const accepted: string[] = [];
    for (const route of routes) {
      const url = route.url.replace(/:(\w+)/g, "00000000-0000-4000-8000-00000000abcd");
      const payload = route.method === "GET" || route.method === "DELETE" ? undefined : {};
      // With a valid session cookie of the HR office beside the key: the key still decides.
      const res = await withKey(key.secret, {
        method: route.method,
        url,
        payload,
        headers: { cookie: hr.cookie, "x-csrf-token": hr.csrfToken },
      });
      if (res.statusCode !== 403 || res.json().code !== "api_key_not_accepted")
        accepted.push(`${route.method} ${route.url}: ${res.statusCode}`);
    }
    expect(accepted).toEqual([]);
    const refusal = await withKey(key.secret, { method: "POST", url: "/api/v1/api-keys", payload: { name: "Schlüssel vom Schlüssel" } });
    expect(refusal.json().messages.de).toBe(
      "Mit diesem API-Schlüssel werden nur Werte gemeldet (POST /api/v1/submissions). Für alles andere, auch Vorlagen und Datei-Importe, melden Sie sich bitte im Browser an.",
    );
    expect((await t.database.db.execute(sql`SELECT count(*)::int AS n FROM api_keys`)).rows).toEqual(before.rows);
  });

  it("the key route takes no session", async () => {
    const res = await hr.request({ method: "GET", url: "/api/v1/api-keys/self" });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe("api_key_required");
  });

  it("unknown, malformed and empty keys get the same 401", async () => {
    const known = await issue(hr, "Fachverfahren Bibliothek");
    const unknown = known.secret.slice(0, -4) + (known.secret.endsWith("AAAA") ? "BBBB" : "AAAA");
    for (const presented of [unknown, "vbk_kurz", "", "x".repeat(5000), known.secret + " "]) {
      const res = await withKey(presented);
      if (presented === known.secret + " ") {
        expect(res.statusCode).toBe(200); // the header's trailing space is not part of the key
        continue;
      }
      expect(res.statusCode, presented.slice(0, 20)).toBe(401);
      expect(res.json().code).toBe("api_key_invalid");
    }
    // Basic authentication (a proxy in front) is not ours: the request is anonymous, not refused.
    const basic = await t.app.inject({ method: "GET", url: "/api/v1/organizations", headers: { authorization: "Basic dXNlcjpwdw==" } });
    expect(basic.statusCode).toBe(200);
  });

  it("a revoked key is refused from the next request on; revoking asks nobody else and says who did it", async () => {
    const key = await issue(hr, "Fachverfahren Friedhof");
    expect((await withKey(key.secret)).statusCode).toBe(200);
    const res = await controlling.request({ method: "POST", url: `/api/v1/api-keys/${key.id}/revoke` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ revokedBy: "Lena Hartmann", abilities: { revoke: false } });
    expect(res.json().revokedAt).not.toBeNull();
    const refused = await withKey(key.secret);
    expect(refused.statusCode).toBe(401);
    expect(refused.json().code).toBe("api_key_invalid");
    const again = await hr.request({ method: "POST", url: `/api/v1/api-keys/${key.id}/revoke` });
    expect(again.statusCode).toBe(409);
    const log = await hr.request({ method: "GET", url: "/api/v1/audit-events" });
    expect(log.body).toContain("den API-Schlüssel widerrufen");
  });

  it("records the last use at most once a minute", async () => {
    const key = await issue(hr, "Fachverfahren Ordnungsamt");
    expect((await rowOf(key.id)).last_used_at).toBeNull();
    await withKey(key.secret);
    const first = (await rowOf(key.id)).last_used_at;
    expect(first).not.toBeNull();
    for (let i = 0; i < 5; i++) await withKey(key.secret);
    expect((await rowOf(key.id)).last_used_at).toEqual(first);
    await t.database.db.execute(sql`UPDATE api_keys SET last_used_at = now() - interval '61 seconds' WHERE id = ${key.id}`);
    const backdated = (await rowOf(key.id)).last_used_at as Date;
    await withKey(key.secret);
    const later = (await rowOf(key.id)).last_used_at as Date;
    expect(new Date(later).getTime()).toBeGreaterThan(new Date(backdated).getTime() + 60_000);
  });
});

describe("another administration", () => {
  it("Garbsen's HR office neither lists nor revokes Wunstorf's keys (404), and the key keeps working", async () => {
    const key = await issue(hr, "Fachverfahren Wunstorf geheim");
    const list = await garbsenHr.request({ method: "GET", url: "/api/v1/api-keys" });
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain("Fachverfahren Wunstorf geheim");
    expect(list.body).not.toContain(key.id);
    const revoke = await garbsenHr.request({ method: "POST", url: `/api/v1/api-keys/${key.id}/revoke` });
    expect(revoke.statusCode).toBe(404);
    expect((await rowOf(key.id)).revoked_at).toBeNull();
    expect((await withKey(key.secret)).statusCode).toBe(200);
  });
});

describe("the API document", () => {
  it("describes the key as a bearer scheme with an example, and the key route as taking only the key", async () => {
    const doc = (await t.anonymous().request({ method: "GET", url: "/api/openapi.json" })).json();
    expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: "http", scheme: "bearer" });
    expect(doc.components.securitySchemes.apiKey.description).toContain("Authorization: Bearer vbk_");
    expect(doc.paths["/api/v1/api-keys/self"].get.security).toEqual([{ apiKey: [] }]);
    expect(doc.paths["/api/v1/api-keys"].post.security).toEqual([{ session: [], csrfToken: [] }]);
    expect(doc.paths["/api/v1/api-keys"].get.responses["403"].description).toContain("api_key_not_accepted");
  });
});
