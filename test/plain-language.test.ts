/**
 * Errors in plain language (#15): every message at a field tells the person what to do — "Bitte
 * füllen Sie dieses Feld aus", "Geben Sie das Datum im Format 31.12.2026 ein" — never the
 * validator's words ("Erlaubt sind: true", "Ungültiges Format (date)", "Mindestens 1 Zeichen").
 * First each rule on its own, then every operation of the running API that takes a body, sent
 * empty and with values of the wrong kind.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { safeParse } from "zod/v4/core";
import { describeIssue } from "../src/kernel/problems";
import { isoDate, isoDateTime } from "../src/server/input-schemas";
import { buildTestApp, type Client, type TestApp } from "./app";
import { VALIDATOR_WORDS } from "./validator-words";

function messagesOf(schema: z.ZodType, value: unknown) {
  const result = safeParse(schema, value, { reportInput: true });
  expect(result.success, JSON.stringify(value)).toBe(false);
  return result.error!.issues.map((issue) => {
    const { code, path: _path, message: _message, ...params } = issue;
    return describeIssue(code, params as Record<string, unknown>);
  });
}

describe("plain-language field messages", () => {
  const cases: Array<[string, z.ZodType, unknown, RegExp]> = [
    ["missing text", z.object({ title: z.string().min(1) }), {}, /^Bitte füllen Sie dieses Feld aus\.$/],
    ["empty text", z.string().min(1), "", /^Bitte füllen Sie dieses Feld aus\.$/],
    ["short text", z.string().min(12), "kurz", /^Geben Sie mindestens 12 Zeichen ein\.$/],
    ["long text", z.string().max(200), "x".repeat(201), /^Geben Sie höchstens 200 Zeichen ein\.$/],
    ["number as text", z.number(), "zwanzig", /^Geben Sie eine Zahl ein\.$/],
    ["too small", z.number().int().min(1), 0, /^Geben Sie eine Zahl ab 1 ein\.$/],
    ["too big", z.number().int().max(48), 60, /^Geben Sie eine Zahl bis 48 ein\.$/],
    // A year reads as a year: "ab 2000", not "ab 2.000"; five digits and more are grouped.
    ["a year too early", z.coerce.number().int().min(2000).max(2199), "1999", /^Geben Sie eine Zahl ab 2000 ein\.$/],
    ["a year too late", z.coerce.number().int().min(2000).max(2199), "2200", /^Geben Sie eine Zahl bis 2199 ein\.$/],
    ["a large number", z.number().int().max(50000), 60000, /^Geben Sie eine Zahl bis 50\.000 ein\.$/],
    ["a consent not given", z.literal(true), false, /^Bitte bestätigen Sie dies\.$/],
    ["a choice outside the list", z.enum(["normal", "urgent", "crisis"]), "sofort", /^Wählen Sie einen der angebotenen Werte aus\.$/],
    ["an e-mail address", z.email(), "sabine.koehler", /name@beispiel\.de/],
    ["a reference", z.uuid(), "123", /^Wählen Sie einen Eintrag aus der Liste aus\.$/],
    ["a date", isoDate, "31.12.2026", /^Geben Sie das Datum im Format 31\.12\.2026 ein\.$/],
    ["a date out of range", isoDate, "2300-01-01", /.+/],
    ["a date and time", isoDateTime, "morgen", /31\.12\.2026, 14:30/],
    ["a yes/no", z.boolean(), "ja", /^Wählen Sie Ja oder Nein\.$/],
    ["an empty list", z.array(z.uuid()).min(1), [], /^Wählen Sie mindestens einen Eintrag aus\.$/],
    ["a list as text", z.array(z.string()), "a,b", /^Wählen Sie einen oder mehrere Einträge aus\.$/],
  ];
  for (const [name, schema, value, expected] of cases) {
    it(`${name}: says what to do`, () => {
      for (const message of messagesOf(schema, value)) {
        expect(message.de).toMatch(expected);
        expect(message.de).not.toMatch(VALIDATOR_WORDS);
        expect(message.en).not.toMatch(VALIDATOR_WORDS);
        expect(message.de.endsWith(".") && message.en.endsWith(".")).toBe(true);
      }
    });
  }
});

interface Operation {
  method: "POST" | "PATCH" | "PUT";
  path: string;
  properties: Record<string, { type?: string | string[]; format?: string }>;
}

let t: TestApp;
let clients: Client[];

beforeAll(async () => {
  t = await buildTestApp();
  clients = [
    await t.signIn("personal@wunstorf.demo"),
    await t.signIn("koordination@region-hannover.demo"),
    await t.signIn("mitarbeiterin@wunstorf.demo"),
  ];
});
afterAll(async () => t?.close());

/** A value of the wrong kind for a property of the given schema. */
function wrongValue(schema: { type?: string | string[]; format?: string }): unknown {
  const type = [schema.type].flat()[0];
  if (type === "string") return schema.format ? "nicht das richtige Format" : 12;
  if (type === "number" || type === "integer") return "zwölf";
  if (type === "boolean") return "ja";
  if (type === "array") return "eine Liste";
  return "ein Text";
}

describe("every form of the API", () => {
  it("answers an empty and a wrong body with messages for people, never the validator's words", async () => {
    const doc = (await t.app.inject({ method: "GET", url: "/api/openapi.json" })).json() as {
      paths: Record<
        string,
        Record<string, { requestBody?: { content?: Record<string, { schema?: { properties?: Operation["properties"] } }> } }>
      >;
    };
    const operations: Operation[] = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).flatMap(([method, op]) => {
        const schema = op.requestBody?.content?.["application/json"]?.schema;
        if (!schema?.properties || !["post", "patch", "put"].includes(method)) return [];
        return [{ method: method.toUpperCase() as Operation["method"], path, properties: schema.properties }];
      }),
    );
    expect(operations.length).toBeGreaterThan(20);
    const seen: string[] = [];
    let answered400 = 0;
    for (const op of operations) {
      const url = op.path.replace(/\{[^}]+\}/g, "00000000-0000-4000-8000-000000000000");
      const wrong = Object.fromEntries(Object.entries(op.properties).map(([key, schema]) => [key, wrongValue(schema)]));
      for (const client of clients) {
        for (const payload of [{}, wrong]) {
          const res = await client.request({ method: op.method, url, payload });
          if (res.statusCode !== 400) continue;
          answered400++;
          for (const error of (res.json().errors ?? []) as Array<{ field: string; message: { de: string; en: string } }>) {
            for (const text of [error.message.de, error.message.en]) {
              if (VALIDATOR_WORDS.test(text)) seen.push(`${op.method} ${op.path} ${error.field}: ${text}`);
            }
          }
        }
      }
    }
    expect(answered400).toBeGreaterThan(50);
    expect([...new Set(seen)]).toEqual([]);
  }, 120_000);
});
