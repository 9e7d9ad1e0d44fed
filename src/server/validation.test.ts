import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { sql } from "drizzle-orm";
import { buildTestApp, type TestApp } from "../../test/app";
import { TEST_PASSWORD } from "../../test/constants";
import { loadConfig } from "../config";
import { buildApp } from "./app";
import { isoDate } from "./input-schemas";
import { publicAccess } from "../kernel/policy";

// Bad input is refused the same way on every route, with a 400 naming the field — never a 500.
let t: TestApp;

/** A route added later, by a module that knows nothing of these rules. */
const LaterBody = z
  .object({
    note: z.string().max(100_000),
    nested: z
      .object({ items: z.array(z.string()).max(5) })
      .strict()
      .optional(),
    on: isoDate.optional(),
  })
  .strict();

beforeAll(async () => {
  t = await buildTestApp({
    extend: async (app) => {
      app.post(
        "/api/v1/test/later",
        {
          config: { policy: publicAccess },
          schema: { operationId: "testLater", body: LaterBody, querystring: z.object({ q: z.string().optional() }).strict() },
        },
        async (request) => request.body,
      );
    },
  });
});
afterAll(async () => {
  await t?.close();
});

const CONTROL = ["\u0000", "\u0001", "\u0007", "\b", "\u000b", "\f", "\r", "\u001b", "\u007f", "\u0085", "\u009f"];

function problem(res: { statusCode: number; headers: Record<string, unknown>; json(): unknown }) {
  expect(String(res.headers["content-type"])).toContain("application/problem+json");
  return res.json() as {
    status: number;
    code: string;
    detail: string;
    messages: { de: string; en: string };
    errors?: Array<{ field: string; in: string; rule: string; message: { de: string; en: string } }>;
  };
}

describe("control characters", () => {
  it("the sign-in form answers a NUL in the login with 400 naming the field, and records no attempt", async () => {
    const before = await t.database.db.execute(sql`SELECT count(*)::int AS n FROM login_attempts`);
    const res = await t.anonymous().request({
      method: "POST",
      url: "/api/v1/session",
      payload: { login: "personal@wunstorf.demo\u0000", password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(400);
    expect(problem(res).errors).toEqual([
      {
        field: "login",
        in: "body",
        rule: "control_character",
        message: { de: "Enthält ein unzulässiges Steuerzeichen.", en: "Contains a control character that is not allowed." },
      },
    ]);
    const after = await t.database.db.execute(sql`SELECT count(*)::int AS n FROM login_attempts`);
    expect(after.rows).toEqual(before.rows);
  });

  it("every control character other than tab and line feed is refused in any text, naming its field", async () => {
    const hr = await t.signIn("personal@wunstorf.demo");
    for (const c of CONTROL) {
      const me = await hr.request({ method: "PATCH", url: "/api/v1/me", payload: { displayName: `Sabine${c}Köhler` } });
      expect(me.statusCode, JSON.stringify(c)).toBe(400);
      expect(problem(me).errors?.map((e) => [e.field, e.rule])).toEqual([["displayName", "control_character"]]);
      const later = await t.anonymous().request({
        method: "POST",
        url: "/api/v1/test/later",
        payload: { note: "ok", nested: { items: ["fine", `bad${c}`] } },
      });
      expect(later.statusCode, JSON.stringify(c)).toBe(400);
      expect(problem(later).errors?.map((e) => [e.field, e.in])).toEqual([["nested.items.1", "body"]]);
    }
  });

  it("tab and line feed pass unchanged", async () => {
    const res = await t.anonymous().request({ method: "POST", url: "/api/v1/test/later", payload: { note: "Zeile 1\nZeile\t2" } });
    expect(res.statusCode).toBe(200);
    expect(res.json().note).toBe("Zeile 1\nZeile\t2");
  });

  it("in the query string, the path and in field names too", async () => {
    const hr = await t.signIn("personal@wunstorf.demo");
    const query = await hr.request({ method: "GET", url: "/api/v1/support-requests?status=open%00" });
    expect(query.statusCode).toBe(400);
    expect(problem(query).errors?.[0]).toMatchObject({ field: "status", in: "querystring", rule: "control_character" });
    const path = await hr.request({ method: "GET", url: "/api/v1/accounts/%1B" });
    expect(path.statusCode).toBe(400);
    expect(problem(path).errors?.[0]).toMatchObject({ field: "id", in: "params", rule: "control_character" });
    const key = await t.anonymous().request({ method: "POST", url: "/api/v1/test/later", payload: { note: "x", "a\u0000b": 1 } });
    expect(key.statusCode).toBe(400);
    expect(problem(key).errors?.[0]).toMatchObject({ field: "a\uFFFDb", rule: "control_character" });
  });

  it("a body with thousands of bad fields, or nested half a million deep, gets a short answer naming the first 50", async () => {
    const flood = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`feld${i}`, `wert\u0000${i}`]));
    const many = await t.anonymous().request({ method: "POST", url: "/api/v1/test/later", payload: { note: "x", ...flood } });
    expect(many.statusCode).toBe(400);
    const errors = problem(many).errors!;
    expect(errors).toHaveLength(50);
    expect(errors[0]).toMatchObject({ field: "feld0", rule: "control_character" });
    expect(many.body.length).toBeLessThan(20_000);
    const depth = 400_000;
    const deep = await t.anonymous().request({
      method: "POST",
      url: "/api/v1/test/later",
      headers: { "content-type": "application/json" },
      payload: `{"note":${"[".repeat(depth)}"\\u0000"${"]".repeat(depth)}}`,
    });
    expect(deep.statusCode).toBe(400);
    expect(problem(deep).errors?.[0].field).toBe(`note.${Array(30).fill("0").join(".")}.…`);
  });

  it("half a surrogate pair is no character: refused as well", async () => {
    const res = await t.anonymous().request({
      method: "POST",
      url: "/api/v1/test/later",
      headers: { "content-type": "application/json" },
      payload: '{"note":"a\\ud800b"}',
    });
    expect(res.statusCode).toBe(400);
    expect(problem(res).errors?.[0]).toMatchObject({ field: "note", rule: "control_character" });
  });
});

describe("dates", () => {
  it("a date outside 1900-01-01 … 2199-12-31 is a 400 naming the field; the limits themselves are fine", async () => {
    const region = await t.signIn("koordination@region-hannover.demo");
    const declare = (startsOn: string) =>
      region.request({ method: "POST", url: "/api/v1/crises", payload: { name: "Hochwasser", description: "Deiche sichern", startsOn } });
    for (const startsOn of ["0000-01-01", "1899-12-31", "2200-01-01", "9999-12-31"]) {
      const res = await declare(startsOn);
      expect(res.statusCode, startsOn).toBe(400);
      expect(problem(res).errors).toEqual([
        {
          field: "startsOn",
          in: "body",
          rule: "custom",
          message: {
            de: "Das Datum muss zwischen dem 01.01.1900 und dem 31.12.2199 liegen.",
            en: "The date must lie between 1900-01-01 and 2199-12-31.",
          },
        },
      ]);
    }
    for (const startsOn of ["1900-01-01", "2199-12-31"]) expect((await declare(startsOn)).statusCode, startsOn).toBe(201);
  });

  it("a new route with a date format but without the shared range cannot be registered", async () => {
    const withDate = (schema: z.ZodType) =>
      buildApp({
        config: loadConfig({}),
        database: t.database,
        logger: false,
        webDir: "/nonexistent",
        extend: async (app) => {
          app.post(
            "/api/v1/test/dated",
            { config: { policy: publicAccess }, schema: { operationId: "testDated", body: schema } },
            async () => ({}),
          );
        },
      });
    await expect(withDate(z.object({ on: z.iso.date() }).strict())).rejects.toThrow(/body\.on: date without the shared range/);
    await expect(withDate(z.object({ at: z.iso.datetime().optional() }).strict())).rejects.toThrow(/body\.at: datetime without/);
    const fine = await withDate(z.object({ on: isoDate.describe("Stichtag").nullable().optional() }).strict());
    await fine.close();
  });
});

describe("unknown fields and wrong types", () => {
  it("an unknown field is refused on every route, each named (the sign-in form used to drop it silently)", async () => {
    const login = await t.anonymous().request({
      method: "POST",
      url: "/api/v1/session",
      payload: { login: "personal@wunstorf.demo", password: TEST_PASSWORD, rememberMe: true },
    });
    expect(login.statusCode).toBe(400);
    expect(problem(login).errors).toEqual([
      { field: "rememberMe", in: "body", rule: "unrecognized_keys", message: { de: "Unbekanntes Feld.", en: "Unknown field." } },
    ]);
    const region = await t.signIn("koordination@region-hannover.demo");
    const run = await region.request({ method: "POST", url: "/api/v1/allocation-runs", payload: { scope: "all" } });
    expect(run.statusCode).toBe(400);
    expect(problem(run).errors?.map((e) => e.field)).toEqual(["scope"]);
    const nested = await t.anonymous().request({
      method: "POST",
      url: "/api/v1/test/later",
      payload: { note: "x", nested: { items: [], extra: 1 } },
    });
    expect(problem(nested).errors?.map((e) => e.field)).toEqual(["nested.extra"]);
  });

  it("a query parameter or a body the route does not take is refused", async () => {
    const hr = await t.signIn("personal@wunstorf.demo");
    const query = await hr.request({ method: "GET", url: "/api/v1/me?debug=1" });
    expect(query.statusCode).toBe(400);
    expect(problem(query).errors).toEqual([
      { field: "debug", in: "querystring", rule: "unrecognized_keys", message: { de: "Unbekanntes Feld.", en: "Unknown field." } },
    ]);
    const body = await hr.request({ method: "POST", url: "/api/v1/session/extend", payload: { minutes: 600 } });
    expect(body.statusCode).toBe(400);
    expect(problem(body).errors?.[0]).toMatchObject({ field: "body", rule: "unexpected_body" });
    expect((await hr.request({ method: "POST", url: "/api/v1/session/extend", payload: {} })).statusCode).toBe(200);
  });

  it("a new route whose body or query would drop unknown fields cannot be registered; z.looseObject accepts them on purpose", async () => {
    const withSchema = (schema: { body?: z.ZodType; querystring?: z.ZodType }) =>
      buildApp({
        config: loadConfig({}),
        database: t.database,
        logger: false,
        webDir: "/nonexistent",
        extend: async (app) => {
          app.post(
            "/api/v1/test/lenient",
            { config: { policy: publicAccess }, schema: { operationId: "testLenient", ...schema } },
            async () => ({}),
          );
        },
      });
    await expect(withSchema({ body: z.object({ a: z.string() }) })).rejects.toThrow(/body: object drops unknown fields/);
    await expect(withSchema({ body: z.object({ a: z.array(z.object({ b: z.string() })) }).strict() })).rejects.toThrow(
      /body\.a\[\]: object drops unknown fields/,
    );
    await expect(withSchema({ querystring: z.object({ page: z.string() }) })).rejects.toThrow(/querystring: object drops/);
    const loose = await withSchema({ querystring: z.looseObject({ code: z.string().optional() }) });
    await loose.close();
  });

  it("says what is wrong: a missing field, or a value of the wrong type", async () => {
    const anonymous = t.anonymous();
    const missing = await anonymous.request({ method: "POST", url: "/api/v1/session", payload: { password: "x" } });
    expect(problem(missing).errors).toEqual([
      {
        field: "login",
        in: "body",
        rule: "invalid_type",
        message: { de: "Bitte füllen Sie dieses Feld aus.", en: "Please fill in this field." },
      },
    ]);
    const wrong = await anonymous.request({ method: "POST", url: "/api/v1/session", payload: { login: 5, password: null } });
    expect(problem(wrong).errors).toEqual([
      { field: "login", in: "body", rule: "invalid_type", message: { de: "Geben Sie einen Text ein.", en: "Enter a text." } },
      // An empty value (null) is a field left empty.
      {
        field: "password",
        in: "body",
        rule: "invalid_type",
        message: { de: "Bitte füllen Sie dieses Feld aus.", en: "Please fill in this field." },
      },
    ]);
    const hr = await t.signIn("personal@wunstorf.demo");
    const number = await hr.request({
      method: "PUT",
      url: "/api/v1/secondment-settings",
      payload: { councilScope: "all", councilDeadlineWorkingDays: "10", maxLentTotal: null, departmentCaps: [] },
    });
    expect(problem(number).errors?.[0]).toMatchObject({ field: "councilDeadlineWorkingDays", message: { de: "Geben Sie eine Zahl ein." } });
  });
});

describe("what the server cannot take", () => {
  it("a body over 1 MB is a 413 problem, a body that is not JSON a 415 problem", async () => {
    const big = await t.anonymous().request({
      method: "POST",
      url: "/api/v1/test/later",
      payload: { note: "x".repeat(1024 * 1024) },
    });
    expect(big.statusCode).toBe(413);
    expect(problem(big)).toMatchObject({ status: 413, code: "payload_too_large", errors: [{ field: "body", rule: "max_size" }] });
    const form = await t.anonymous().request({
      method: "POST",
      url: "/api/v1/session",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "login=a&password=b",
    });
    expect(form.statusCode).toBe(415);
    expect(problem(form)).toMatchObject({
      status: 415,
      code: "unsupported_media_type",
      errors: [{ field: "content-type", in: "headers" }],
    });
    // Plain text too: Fastify would read it as a string and fail the schema with a 400.
    const text = await t.anonymous().request({
      method: "POST",
      url: "/api/v1/session",
      headers: { "content-type": "text/plain" },
      payload: '{"login":"a","password":"b"}',
    });
    expect(text.statusCode).toBe(415);
    expect(problem(text)).toMatchObject({ status: 415, code: "unsupported_media_type" });
  });

  it("a broken address is a 400 problem naming it, an overlong one a 414 problem — with the security headers", async () => {
    const hr = await t.signIn("personal@wunstorf.demo");
    const broken = await hr.request({ method: "GET", url: "/api/v1/accounts/%zz" });
    expect(broken.statusCode).toBe(400);
    expect(problem(broken).errors).toEqual([
      {
        field: "url",
        in: "url",
        rule: "percent_encoding",
        message: { de: "Die Adresse enthält eine ungültige Prozent-Kodierung.", en: "The address holds an invalid percent-encoding." },
      },
    ]);
    expect(broken.headers["x-content-type-options"]).toBe("nosniff");
    const long = await hr.request({ method: "GET", url: `/api/v1/accounts/${"a".repeat(200)}` });
    expect(long.statusCode).toBe(414);
    expect(problem(long)).toMatchObject({ code: "uri_too_long", messages: { de: "Die Adresse ist zu lang." } });
  });
});
