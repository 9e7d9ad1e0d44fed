/**
 * A Fachverfahren reports values with an API key of its administration (`POST /api/v1/submissions`
 * with `Authorization: Bearer vbk_…`): the values are the key's administration's, the audit log
 * names the key, the key cannot report for another administration nor read or step anything else,
 * and a revoked key is refused with a problem in plain words.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { buildTestApp, type Client, type TestApp } from "../../../test/app";
import { standardsFixture } from "../../../test/standards-fixture";

let t: TestApp;
let controlling: Client;
let garbsenHr: Client;
let f: Awaited<ReturnType<typeof standardsFixture>>;
let key: { id: string; secret: string; prefix: string };

const S = "/api/v1/submissions";
const withKey = (secret: string, method: "GET" | "POST", url: string, payload?: unknown) =>
  t.app.inject({ method, url, payload: payload as undefined, headers: { authorization: `Bearer ${secret}` } });
const permitValue = () => ({ standardId: f.permit, period: f.quarter, value: 92, numerator: 46, denominator: 50, method: "Fachverfahren" });

async function issue(client: Client, name: string) {
  const res = await client.request({ method: "POST", url: "/api/v1/api-keys", payload: { name } });
  expect(res.statusCode, res.body).toBe(201);
  return { id: res.json().apiKey.id as string, secret: res.json().secret as string, prefix: res.json().apiKey.prefix as string };
}

/** The current values of the permit standard in the tests' quarter, by administration. */
async function permitValues() {
  const { rows } = await t.database.db.execute(
    sql`SELECT o.name, s.value, s.state, s.source, s.created_by, s.submitted_by FROM submissions s
        JOIN organizations o ON o.id = s.organization_id
        WHERE s.standard_id = ${f.permit} AND s.period = ${f.quarter} AND s.replaced_by_id IS NULL ORDER BY o.name`,
  );
  return rows as Array<{
    name: string;
    value: number;
    state: string;
    source: string;
    created_by: string | null;
    submitted_by: string | null;
  }>;
}

beforeAll(async () => {
  t = await buildTestApp();
  f = await standardsFixture(t.database.db);
  controlling = await t.signIn("controlling@wunstorf.demo");
  garbsenHr = await t.signIn("personal@garbsen.demo");
  key = await issue(controlling, "Fachverfahren Bauaufsicht");
}, 120_000);
afterAll(async () => t?.close());

describe("a Wunstorf key", () => {
  it("submits Wunstorf's values: written as Wunstorf's, from the API, and the audit log names the key", async () => {
    const garbsenBefore = (await permitValues()).filter((r) => r.name === "Garbsen");
    const res = await withKey(key.secret, "POST", S, { items: [permitValue()], submit: true });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().items).toEqual([
      expect.objectContaining({
        organization: expect.objectContaining({ name: "Wunstorf" }),
        period: f.quarter,
        value: 92,
        state: "submitted",
        abilities: expect.objectContaining({ validate: false, correct: false }),
      }),
    ]);
    const rows = await permitValues();
    expect(rows.find((r) => r.name === "Wunstorf")).toMatchObject({ value: 92, state: "submitted", source: "api", created_by: null });
    expect(rows.filter((r) => r.name === "Garbsen")).toEqual(garbsenBefore);

    // Wunstorf's HR office reads in the log that the key did it (by its prefix, never the secret).
    const hr = await t.signIn("personal@wunstorf.demo");
    const log = await hr.request({ method: "GET", url: "/api/v1/audit-events?objectType=submission" });
    expect(log.statusCode, log.body).toBe(200);
    const entry = (log.json().items as Array<{ actor: { label: { de: string } }; object: { id: string } }>).find(
      (e) => e.object.id === res.json().items[0].id,
    );
    expect(entry?.actor.label.de).toBe(`API-Schlüssel ${key.prefix}`);
    expect(log.body).not.toContain(key.secret.slice(12));
  });

  it("with Prefer: return=minimal the answer names what was written, without the views", async () => {
    const item = { standardId: f.phone, period: f.month, value: 75, numerator: 900, denominator: 1200, method: "Telefonanlage" };
    const res = await t.app.inject({
      method: "POST",
      url: S,
      payload: { items: [item], submit: false },
      headers: { authorization: `Bearer ${key.secret}`, prefer: "respond-async, return=minimal" },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers["preference-applied"]).toBe("return=minimal");
    const written = res.json().written as Array<{ id: string; standardId: string; period: string; state: string }>;
    expect(res.json().items).toBeUndefined();
    expect(written).toEqual([{ id: expect.any(String), standardId: f.phone, period: f.month, state: "draft" }]);
    const { rows } = await t.database.db.execute(sql`SELECT value, state, source FROM submissions WHERE id = ${written[0].id}`);
    expect(rows).toEqual([{ value: 75, state: "draft", source: "api" }]);
  });

  it("answers in full when Prefer asks for something else: an unknown return value, or return=minimal after another return", async () => {
    for (const prefer of ["return=minimal-ish", "return=representation, return=minimal", 'foo="x,return=minimal"']) {
      const item = { standardId: f.phone, period: f.month, value: 75, numerator: 900, denominator: 1200, method: "Telefonanlage" };
      const res = await t.app.inject({
        method: "POST",
        url: S,
        payload: { items: [item], submit: false },
        headers: { authorization: `Bearer ${key.secret}`, prefer },
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.headers["preference-applied"], prefer).toBeUndefined();
      expect(res.json().written, prefer).toBeUndefined();
      expect(res.json().items, prefer).toEqual([expect.objectContaining({ period: f.month, value: 75, state: "draft" })]);
    }
  });

  it("a warning needs a reason as in the form; nothing is written without it", async () => {
    const res = await withKey(key.secret, "POST", S, {
      items: [{ standardId: f.phone, period: f.month, value: 30, numerator: 1200, denominator: 4000, method: "Telefonanlage" }],
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toContain("items.0.reasons.jump");
  });

  it("cannot report for Garbsen: a batch naming Garbsen is refused at that field and writes nothing", async () => {
    const { rows } = await t.database.db.execute(sql`SELECT id FROM organizations WHERE name = 'Garbsen'`);
    const garbsen = (rows[0] as { id: string }).id;
    const before = await permitValues();
    const res = await withKey(key.secret, "POST", S, {
      organizationId: garbsen,
      items: [{ ...permitValue(), value: 91 }],
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(["organizationId"]);
    expect(await permitValues()).toEqual(before);
  });

  it("cannot read or step anything else: Garbsen's values, the list, a value's page and the steps of review refuse the key", async () => {
    const garbsenValues = await garbsenHr.request({ method: "GET", url: `${S}?period=${f.quarter}&standard=${f.permit}` });
    const garbsenId = (garbsenValues.json().items as Array<{ id: string; organization: { name: string } }>).find(
      (i) => i.organization.name === "Garbsen",
    )?.id;
    expect(garbsenId).toBeDefined();
    for (const [method, url, payload] of [
      ["GET", `${S}?organization=${garbsenId}`],
      ["GET", `${S}/${garbsenId}`],
      ["GET", `${S}/sheet`],
      ["POST", `${S}/${garbsenId}/submit`],
      ["POST", `${S}/${garbsenId}/validate`, {}],
      ["POST", `${S}/${garbsenId}/corrections`, { value: 10, reason: "Korrektur durch Schlüssel" }],
      ["GET", "/api/v1/api-keys"],
    ] as const) {
      const res = await withKey(key.secret, method, url, payload);
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(403);
      expect(res.json()).toMatchObject({ code: "api_key_not_accepted" });
      expect(res.body).not.toContain("Garbsen");
    }
  });

  it("on the template and the file import (a person's way to report) is refused with the route that takes its values", async () => {
    for (const url of [
      `${S}/template?period=${f.quarter}&format=csv`,
      `${S}/import`,
      `${S}/imports/00000000-0000-4000-8000-000000000000`,
    ]) {
      const res = await withKey(key.secret, url.endsWith("/import") ? "POST" : "GET", url);
      expect(res.statusCode, `${url}: ${res.body}`).toBe(403);
      expect(res.json().code).toBe("api_key_not_accepted");
      // Not "only for Meldungen" on a Meldungen route: the key's Fachverfahren learns where its values go.
      expect(res.json().messages.de).toContain("POST /api/v1/submissions");
      expect(res.json().messages.en).toContain("POST /api/v1/submissions");
    }
  });

  it("once revoked, is refused with a problem in German and English, and writes nothing", async () => {
    const second = await issue(controlling, "Fachverfahren alt");
    const revoke = await controlling.request({ method: "POST", url: `/api/v1/api-keys/${second.id}/revoke` });
    expect(revoke.statusCode, revoke.body).toBe(200);
    const before = await permitValues();
    const res = await withKey(second.secret, "POST", S, { items: [{ ...permitValue(), period: f.olderQuarter }] });
    expect(res.statusCode).toBe(401);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(res.json()).toMatchObject({
      code: "api_key_invalid",
      messages: { de: expect.stringContaining("widerrufen"), en: expect.stringContaining("revoked") },
    });
    expect(await permitValues()).toEqual(before);
    const { rows } = await t.database.db.execute(
      sql`SELECT count(*)::int AS n FROM submissions WHERE period = ${f.olderQuarter} AND standard_id = ${f.permit}
          AND organization_id = (SELECT id FROM organizations WHERE name = 'Wunstorf')`,
    );
    expect((rows[0] as { n: number }).n).toBe(0);
  });
});
