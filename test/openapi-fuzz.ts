/**
 * Request generators for the API fuzz test (`test/api-fuzz.test.ts`), built from the OpenAPI
 * document the app serves: for every operation, fast-check arbitraries of valid, boundary and
 * hostile requests. Values that must come from the running database (the id of a real support
 * request, the actor) are generated as symbolic picks ({@link IdRef}, `actorPick`) and resolved
 * when the request is sent, so the same seed replays the same run.
 */
import fc from "fast-check";

/** The part of JSON Schema (draft 2020-12, as zod writes it) the generators understand. */
export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
}

/** One operation of the OpenAPI document. */
export interface Operation {
  method: string;
  /** OpenAPI path, e.g. `/api/v1/secondments/{id}/transitions`. */
  path: string;
  pathParams: Array<{ name: string; schema: JsonSchema }>;
  query: Array<{ name: string; schema: JsonSchema; required: boolean }>;
  body?: JsonSchema;
  /** The status codes the document declares for the operation (`200`, `400`, …). */
  statuses: Set<number>;
}

/** Reads every operation of an OpenAPI 3.1 document. */
export function operationsOf(document: { paths: Record<string, Record<string, unknown>> }): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, raw] of Object.entries(item)) {
      if (!["get", "post", "put", "patch", "delete"].includes(method)) continue;
      const op = raw as {
        parameters?: Array<{ in: string; name: string; schema: JsonSchema; required?: boolean }>;
        requestBody?: { content?: Record<string, { schema: JsonSchema }> };
        responses?: Record<string, unknown>;
      };
      const parameters = op.parameters ?? [];
      out.push({
        method: method.toUpperCase(),
        path,
        pathParams: parameters.filter((p) => p.in === "path").map((p) => ({ name: p.name, schema: p.schema })),
        query: parameters.filter((p) => p.in === "query").map((p) => ({ name: p.name, schema: p.schema, required: !!p.required })),
        body: op.requestBody?.content?.["application/json"]?.schema,
        statuses: new Set(Object.keys(op.responses ?? {}).map(Number)),
      });
    }
  }
  return out;
}

/** A real id of the seeded data, picked when the request is sent (`pool` null: any table). */
export class IdRef {
  constructor(
    readonly pool: string | null,
    /** In [0, 1): which of the pool's ids. */
    readonly pick: number,
  ) {}
}

/** A string too long to keep in every sample: `length` times `unit`, built when sent. */
export class Huge {
  constructor(
    readonly length: number,
    readonly unit: string,
  ) {}
}

/** A generated value: JSON with symbolic ids and huge strings inside. */
export type Value = null | boolean | number | string | IdRef | Huge | Value[] | { [key: string]: Value };

/** The body of a generated request. */
export type BodySpec =
  | { kind: "none" }
  | { kind: "json"; value: Value }
  /** Sent as is, e.g. broken JSON or a form body. */
  | { kind: "raw"; contentType: string; text: string }
  /** A valid JSON object larger than the body limit. */
  | { kind: "oversized"; bytes: number };

/** One generated request, before its symbolic parts are resolved. */
export interface FuzzRequest {
  /** Index into the operation list. */
  op: number;
  /** Which actor: an index when fixed (the coverage sweep), else a pick in [0, 1). */
  actor: { index: number } | { pick: number; anyRole: boolean };
  /** valid, boundary or one of the hostile kinds; printed with the figures. */
  kind: string;
  /** Raw path segments per parameter (already URL-encoded where they should be). */
  path: Record<string, Value | { raw: string }>;
  query: Array<[string, Value | { raw: string }]>;
  body: BodySpec;
  /** Send a wrong CSRF token (signed-in actors only). */
  wrongCsrf: boolean;
}

/** Which table's ids a path segment or body field names. */
const POOL_BY_SEGMENT: Record<string, string> = {
  organizations: "organizations",
  accounts: "accounts",
  "pool-members": "pool_members",
  "support-requests": "support_requests",
  crises: "crises",
  secondments: "secondments",
  deputies: "deputies",
  "calendar-feeds": "calendar_feeds",
  "allocation-runs": "allocation_runs",
  "identity-provider-changes": "identity_provider_changes",
  sso: "organizations",
  "pool-membership": "pool_members",
  offers: "secondments",
  extensions: "secondments",
  timesheets: "timesheet_entries",
  expenses: "expenses",
  receipts: "expense_receipts",
  "api-keys": "api_keys",
  standards: "service_standards",
  submissions: "submissions",
  statements: "statements",
};
const POOL_BY_FIELD: Record<string, string> = {
  memberId: "pool_members",
  requestId: "support_requests",
  requestIds: "support_requests",
  crisisId: "crises",
  departmentId: "departments",
  qualificationId: "qualifications",
  requiredQualificationIds: "qualifications",
  preferredQualificationIds: "qualifications",
  principalAccountId: "accounts",
  deputyAccountId: "accounts",
  organizationId: "organizations",
  standardId: "service_standards",
};

/** The pool of ids a path parameter of `path` names (the collection before it). */
export function poolOfPathParam(path: string, name: string): string | null {
  const segments = path.split("/");
  const at = segments.indexOf(`{${name}}`);
  return POOL_BY_SEGMENT[segments[at - 1]] ?? null;
}

/** The pool a successful POST to `path` adds its new `id` to. */
export function poolOfCollection(path: string): string | null {
  const segments = path.split("/");
  return segments.at(-1)?.startsWith("{") ? null : (POOL_BY_SEGMENT[segments.at(-1)!] ?? null);
}

// ---------------------------------------------------------------------------------------------
// Values

/** A uniform pick in [0, 1) (fast-check's bias towards edge values would always pick the first). */
const PICK = fc.noBias(fc.integer({ min: 0, max: 999_999 })).map((n) => n / 1_000_000);

const WORDS = [
  "Bauamt",
  "Wunstorf",
  "Straße",
  "Müller",
  "Prüfung",
  "Ärztin",
  "ẞ",
  "Gesundheitsamt",
  "Unterstützung",
  "Łódź",
  "naïve",
  "O'Brien",
  "A&B",
  "<b>fett</b>",
  "100%",
  "😀",
  "👩🏽‍⚕️",
  "שלום",
  "مرحبا",
  "日本語",
  "\t",
  "\n",
  "x",
];

/** Control characters other than tab and line feed: each must be refused. */
export const CONTROL_CHARACTERS = ["\u0000", "\u0001", "\u0007", "\b", "\u000b", "\f", "\r", "\u001b", "\u007f", "\u0085", "\u009f"];

const NASTY_STRINGS = [
  "'; DROP TABLE accounts; --",
  "' OR '1'='1",
  '" OR 1=1 --',
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "{{7*7}}",
  "${jndi:ldap://127.0.0.1/a}",
  "../../../../etc/passwd",
  "%00",
  "%s%s%s%n",
  "\\",
  "\\u0000",
  "'\"`",
  "\u202eRTL override",
  "\u200b",
  "\ufeff",
  "\ud800",
  "\udfff",
  "a\ud83d",
  "Ω≈ç√∫",
  "NULL",
  "null",
  "undefined",
  "true",
  "-1",
  "1e309",
  "NaN",
  "",
  " ",
  "   \n  ",
];

const HOSTILE_DATES = [
  "0000-01-01",
  "0001-01-01",
  "1899-12-31",
  "2200-01-01",
  "9999-12-31",
  "2024-02-30",
  "2024-13-01",
  "2024-1-1",
  "+002024-01-01",
  "99999-01-01",
  "2024-01-01T00:00:00Z",
  "2024-06-31",
  "1900-02-29",
];

const HOSTILE_NUMBERS = [-1, 0, -0.5, 0.5, 1.5, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 2, 1e21, -1e21, 1e308, -1e308, 5e-324, 123456789012];

const UNKNOWN_KEYS = ["unknown", "isAdmin", "id", "organizationId", "role", "constructor", "__proto", "a\u0000b", "😀", ""];

const textCache = new Map<string, fc.Arbitrary<string>>();

/** Text of real-looking words (umlauts, emoji, RTL, HTML-looking, tab, line feed) within the limits. */
function textOf(min: number, max: number): fc.Arbitrary<string> {
  const key = `${min}:${max}`;
  let arbitrary = textCache.get(key);
  if (!arbitrary) textCache.set(key, (arbitrary = buildText(min, max)));
  return arbitrary;
}

function buildText(min: number, max: number): fc.Arbitrary<string> {
  // Starts with a word: a schema trims before it counts.
  return fc
    .tuple(fc.constantFrom(...WORDS.filter((w) => w.trim().length > 1)), fc.array(fc.constantFrom(...WORDS), { maxLength: 7 }))
    .map(([first, words]) => fitLength([first, ...words].join(" "), min, max));
}

/** Pads or cuts (at code points, never inside a surrogate pair) to a length in code units. */
function fitLength(s: string, min: number, max: number): string {
  let out = s;
  while (out.length < min) out += "x";
  if (out.length > max) {
    const points = Array.from(out);
    while (points.join("").length > max) points.pop();
    out = points.join("");
    while (out.length < min) out += "x";
  }
  return out;
}

function isoDay(from: number, to: number): fc.Arbitrary<string> {
  return fc.integer({ min: from, max: to }).map((days) => new Date(Date.UTC(2026, 0, 1) + days * 86_400_000).toISOString().slice(0, 10));
}

const LETTERS = fc.string({ unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz"), minLength: 1, maxLength: 10 });
const someEmail = fc
  .tuple(LETTERS, LETTERS, fc.constantFrom("demo", "de", "example"))
  .map(([local, domain, tld]) => `${local}@${domain}.${tld}`);

/** Options of {@link valueOf}: what the generator knows about the deployment under test. */
export interface ValueContext {
  /** Logins of real accounts, for login fields. */
  logins: string[];
  /** The demo accounts' password, sometimes used for password fields. */
  password: string;
  /** The consent version a pool entry must name. */
  consentVersion: string;
  /**
   * Real requests per operation (`POST /api/v1/submissions/{id}/submit`) that random values would
   * almost never find: a value that passes the plausibility checks, the id of an object in the state
   * a step needs. Each is one of the operation's valid requests (and is mutated like them).
   */
  examples?: Record<string, OperationExample[]>;
}

/** A known-good request of an operation: path parameters (ids) and a body; what it leaves out is generated. */
export interface OperationExample {
  path?: Record<string, string>;
  /** Query parameters of the example (replacing the generated ones). */
  query?: Record<string, string>;
  body?: Value;
}

function stringOf(schema: JsonSchema, name: string, ctx: ValueContext, boundary: boolean): fc.Arbitrary<Value> {
  const min = schema.minLength ?? 0;
  const max = Math.min(schema.maxLength ?? 200, 5000);
  let valid: fc.Arbitrary<Value>;
  if (schema.format === "uuid") {
    valid = fc.oneof(
      { weight: 4, arbitrary: PICK.map((p) => new IdRef(POOL_BY_FIELD[name] ?? null, p)) },
      { weight: 1, arbitrary: fc.uuid({ version: 4 }) },
    );
  } else if (schema.format === "email") {
    valid = fc.oneof(fc.constantFrom(...ctx.logins), someEmail);
  } else if (schema.format === "date") {
    valid = isoDay(-400, 800);
    if (boundary) valid = fc.oneof(valid, fc.constantFrom("1900-01-01", "2199-12-31", "1899-12-31", "2200-01-01", "2028-02-29"));
    return valid;
  } else if (schema.format === "date-time") {
    valid = isoDay(-400, 800).map((d) => `${d}T08:00:00Z`);
  } else if (schema.format === "uri") {
    // Never a real host: a provider URL is fetched (discovery); port 1 refuses at once.
    valid = fc.constantFrom("http://127.0.0.1:1/realms/verbund", "https://localhost:1/oidc", "http://localhost:1/");
  } else if (schema.pattern) {
    valid = fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length >= min && s.length <= max);
  } else if (name === "login") {
    valid = fc.oneof(fc.constantFrom(...ctx.logins), someEmail);
  } else if (/password/i.test(name)) {
    valid = fc.oneof(fc.constant(ctx.password), fc.string({ minLength: Math.max(min, 12), maxLength: 40 }));
  } else if (name === "consentVersion") {
    valid = fc.oneof({ weight: 4, arbitrary: fc.constant(ctx.consentVersion) }, { weight: 1, arbitrary: textOf(min, max) });
  } else {
    valid = textOf(min, max);
  }
  if (!boundary) return valid;
  const edges = [min, max, max + 1, Math.max(0, min - 1)];
  return fc.oneof({ weight: 3, arbitrary: valid }, { weight: 1, arbitrary: fc.constantFrom(...edges).map((n) => "ä".repeat(n)) });
}

function numberOf(schema: JsonSchema, integer: boolean, boundary: boolean): fc.Arbitrary<Value> {
  const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 0);
  const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : min + 1000);
  const valid = integer ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) }) : fc.double({ min, max, noNaN: true });
  if (!boundary) return valid;
  return fc.oneof({ weight: 3, arbitrary: valid }, { weight: 1, arbitrary: fc.constantFrom(min, max, min - 1, max + 1, min + 0.5) });
}

/**
 * An arbitrary of values that follow `schema` (valid mode), or that sit on and just past its
 * limits now and then (boundary mode). `name` is the property name: it picks real ids, logins
 * and the password.
 */
export function valueOf(schema: JsonSchema, name: string, ctx: ValueContext, boundary = false): fc.Arbitrary<Value> {
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return fc.oneof(...variants.map((v) => valueOf(v, name, ctx, boundary)));
  if (schema.allOf?.length) return valueOf(Object.assign({}, ...schema.allOf) as JsonSchema, name, ctx, boundary);
  if (schema.const !== undefined) return fc.constant(schema.const as Value);
  if (schema.enum) return fc.constantFrom(...(schema.enum as Value[]));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case "string":
      return stringOf(schema, name, ctx, boundary);
    case "integer":
      return numberOf(schema, true, boundary);
    case "number":
      return numberOf(schema, false, boundary);
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array": {
      const item = valueOf(schema.items ?? {}, name, ctx, boundary);
      const minLength = schema.minItems ?? 0;
      const maxLength = Math.min(schema.maxItems ?? 5, minLength + 4);
      const valid = fc.array(item, { minLength, maxLength });
      if (!boundary || schema.maxItems === undefined || schema.maxItems > 200) return valid;
      return fc.oneof(
        { weight: 3, arbitrary: valid },
        { weight: 1, arbitrary: fc.array(item, { minLength: schema.maxItems + 1, maxLength: schema.maxItems + 1 }) },
      );
    }
    case "object": {
      const properties = schema.properties ?? {};
      const required = new Set(schema.required ?? []);
      const model: Record<string, fc.Arbitrary<Value>> = {};
      for (const [key, sub] of Object.entries(properties)) model[key] = valueOf(sub, key, ctx, boundary);
      return fc.record(model, { requiredKeys: Object.keys(properties).filter((k) => required.has(k)) }).map((record) => {
        // A period ends after it starts (schemas refuse the other way round).
        const r = record as Record<string, Value>;
        if (typeof r.startsOn === "string" && typeof r.endsOn === "string" && r.endsOn < r.startsOn) {
          [r.startsOn, r.endsOn] = [r.endsOn, r.startsOn];
        }
        return r as Value;
      });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Value>;
  }
}

let hostile: fc.Arbitrary<Value> | undefined;

/** A hostile value for any field: control characters, huge text, bad dates, wrong types, foreign ids. */
export function hostileValue(): fc.Arbitrary<Value> {
  return (hostile ??= buildHostileValue());
}

function buildHostileValue(): fc.Arbitrary<Value> {
  const controlText = fc
    .tuple(fc.string({ maxLength: 8 }), fc.constantFrom(...CONTROL_CHARACTERS), fc.string({ maxLength: 8 }))
    .map(([a, c, b]) => a + c + b);
  return fc.oneof(
    { weight: 4, arbitrary: controlText },
    { weight: 2, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
    { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 30 }) },
    { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_DATES) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(300, 5_000, 100_000).chain((n) => fc.constantFrom("x", "ä", "😀", "\u0000").map((u) => new Huge(n, u))),
    },
    { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_NUMBERS) },
    { weight: 2, arbitrary: fc.constantFrom<Value>(true, false, null, [], {}, [null], { a: 1 }, "1", [1, 2]) },
    {
      weight: 3,
      arbitrary: fc.oneof(
        PICK.map((p) => new IdRef(null, p)),
        fc.uuid(),
        fc.constantFrom(
          "00000000-0000-0000-0000-000000000000",
          "ffffffff-ffff-ffff-ffff-ffffffffffff",
          "00000000-0000-4000-8000-000000000000",
          "not-a-uuid",
        ),
      ),
    },
  );
}

/** Every place in a value where a hostile value can go: the root and each nested member. */
function slotsOf(value: Value, at: Array<string | number> = []): Array<Array<string | number>> {
  const out = [at];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...slotsOf(v, [...at, i])));
  else if (value && typeof value === "object" && !(value instanceof IdRef) && !(value instanceof Huge)) {
    for (const [k, v] of Object.entries(value)) out.push(...slotsOf(v, [...at, k]));
  }
  return out;
}

function clone(value: Value): Value {
  if (Array.isArray(value)) return value.map(clone);
  if (value && typeof value === "object" && !(value instanceof IdRef) && !(value instanceof Huge)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clone(v)]));
  }
  return value;
}

/** How a hostile request changes one place of a valid body. */
export type Mutation = "taint" | "replace" | "add_key" | "remove";

/**
 * A valid value turned hostile in place, keeping its type so that it passes the schema as far as
 * possible: a control character inside a text, year 0000/9999 in a date, a foreign or unknown id,
 * an edge number, an unknown key in an object.
 */
function taint(value: Value, pick: number): Value {
  const choose = <T>(options: readonly T[]) => options[Math.floor(pick * options.length)];
  if (value instanceof IdRef) return pick < 0.5 ? new IdRef(null, pick * 2) : "00000000-0000-4000-8000-00000000ffff";
  if (typeof value === "string") {
    // Year 0000 and NUL are what PostgreSQL itself refuses: they come up most often.
    if (/^\d{4}-\d\d-\d\d/.test(value)) return choose(["0000", "0000", "0000", "9999", "0001", "1899", "2200"]) + value.slice(4);
    const at = Math.floor(pick * (value.length + 1));
    return value.slice(0, at) + choose(["\u0000", "\u0000", "\u0000", ...CONTROL_CHARACTERS]) + value.slice(at);
  }
  if (typeof value === "number") return choose(HOSTILE_NUMBERS);
  if (typeof value === "boolean") return choose(["true", 1, null]);
  if (value === null) return choose(CONTROL_CHARACTERS);
  if (Array.isArray(value)) return value.length > 0 ? [...value, value[0]] : [];
  if (value instanceof Huge) return value;
  return { ...value, [choose(UNKNOWN_KEYS)]: "x" };
}

/** The value with a change at the `pick`-th slot: tainted, replaced, an unknown key added, or removed. */
export function mutate(value: Value, pick: number, how: Mutation, replacement: Value, key: string, taintPick = 0): Value {
  const copy = clone(value);
  const slots = slotsOf(copy);
  const slot = slots[Math.floor(pick * slots.length)];
  if (slot.length === 0) {
    if (how === "add_key" && copy && typeof copy === "object" && !Array.isArray(copy)) return { ...(copy as object), [key]: replacement };
    if (how === "taint") return taint(copy, taintPick);
    return how === "replace" ? replacement : copy;
  }
  let parent = copy as Record<string | number, Value>;
  for (const step of slot.slice(0, -1)) parent = parent[step] as Record<string | number, Value>;
  const last = slot.at(-1)!;
  const target = parent[last];
  if (how === "taint") parent[last] = taint(target, taintPick);
  else if (how === "replace") parent[last] = replacement;
  else if (how === "remove") {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else if (target && typeof target === "object" && !Array.isArray(target) && !(target instanceof IdRef) && !(target instanceof Huge)) {
    (target as Record<string, Value>)[key] = replacement;
  } else parent[last] = replacement;
  return copy;
}

const HOSTILE_SEGMENTS = [
  "%00",
  "%zz",
  "a".repeat(120),
  "..",
  "00000000-0000-0000-0000-000000000000",
  "%F0%9F%98%80",
  "1%20OR%201%3D1",
  "%0d%0aSet-Cookie:%20x=1",
  "%27",
  "00000000-0000-4000-8000-00000000000",
];
const RAW_BODIES: Array<{ contentType: string; text: string }> = [
  { contentType: "application/json", text: "{" },
  { contentType: "application/json", text: '{"a":}' },
  { contentType: "application/json", text: "" },
  { contentType: "application/json", text: "[]" },
  { contentType: "application/json", text: '"text"' },
  { contentType: "application/json", text: "12" },
  { contentType: "application/json", text: "null" },
  { contentType: "application/json", text: '{"__proto__":{"isAdmin":true}}' },
  { contentType: "application/json", text: '{"constructor":{"prototype":{"isAdmin":true}}}' },
  { contentType: "application/json", text: "[".repeat(5000) + "]".repeat(5000) },
  { contentType: "text/plain", text: '{"login":"x"}' },
  { contentType: "application/x-www-form-urlencoded", text: "login=x&password=y" },
  { contentType: "multipart/form-data; boundary=x", text: "--x\r\n\r\n--x--" },
  { contentType: "application/xml", text: "<a/>" },
  { contentType: "application/json; charset=utf-16", text: "{}" },
];

/** Options of {@link requestOf}. */
export interface RequestOptions {
  ctx: ValueContext;
  /** Only valid requests (the coverage sweep, which also learns which actors an operation lets in). */
  validOnly?: boolean;
}

function queryValue(schema: JsonSchema, name: string, ctx: ValueContext, boundary: boolean): fc.Arbitrary<Value> {
  // A plain string in a query is mostly a flag (`includeFormer=true`).
  const isPlain = schema.type === "string" && !schema.format && !schema.enum && !schema.pattern && schema.maxLength === undefined;
  if (isPlain) return fc.oneof(fc.constantFrom("true", "false", "1", "0"), textOf(0, 20));
  return valueOf(schema, name, ctx, boundary).map((v) => (typeof v === "boolean" ? String(v) : v));
}

/**
 * An arbitrary of requests for one operation: valid (20 %), boundary (10 %), a hostile value in
 * one field, an unknown or missing field (50 %), a hostile path or query (10 %), a hostile body or
 * media type (10 %).
 */
export function requestOf(op: Operation, opIndex: number, options: RequestOptions): fc.Arbitrary<FuzzRequest> {
  const { ctx } = options;
  const actor: fc.Arbitrary<FuzzRequest["actor"]> = fc.record({ pick: PICK, anyRole: PICK.map((x) => x < 0.2) });
  // The sweep picks ids the actor can see (IdRef picks below 0.8), so that it learns who is let in.
  const idPick = options.validOnly ? PICK.map((x) => x * 0.8) : PICK;
  const parts = (boundary: boolean) =>
    fc.record({
      path: fc.record(
        Object.fromEntries(
          op.pathParams.map((p) => [
            p.name,
            p.schema.format === "uuid"
              ? fc.oneof(
                  { weight: 6, arbitrary: idPick.map((x) => new IdRef(poolOfPathParam(op.path, p.name), x) as Value) },
                  { weight: options.validOnly ? 0 : 1, arbitrary: fc.uuid() as fc.Arbitrary<Value> },
                )
              : valueOf(p.schema, p.name, ctx, boundary),
          ]),
        ),
      ),
      query: fc
        .tuple(
          ...op.query.map((q) =>
            q.required
              ? queryValue(q.schema, q.name, ctx, boundary)
              : fc.option(queryValue(q.schema, q.name, ctx, boundary), { nil: undefined }),
          ),
        )
        .map((values) => values.flatMap((v, i) => (v === undefined ? [] : [[op.query[i].name, v] as [string, Value]]))),
      body: op.body
        ? valueOf(op.body, "body", ctx, boundary).map((value): BodySpec => ({ kind: "json", value }))
        : fc.constant<BodySpec>({ kind: "none" }),
      wrongCsrf: PICK.map((x) => x < 0.02),
    });
  const build = (
    kind: string,
    p: { path: FuzzRequest["path"]; query: FuzzRequest["query"]; body: BodySpec; wrongCsrf: boolean },
    a: FuzzRequest["actor"],
  ): FuzzRequest => ({
    op: opIndex,
    actor: a,
    kind,
    path: p.path,
    query: p.query,
    body: p.body,
    wrongCsrf: p.wrongCsrf,
  });

  const generatedParts = parts(false);
  const examples = ctx.examples?.[`${op.method} ${op.path}`] ?? [];
  const exampleParts = fc.tuple(generatedParts, fc.constantFrom(...(examples.length ? examples : [{}]))).map(([p, ex]) => ({
    ...p,
    path: { ...p.path, ...Object.fromEntries(Object.entries(ex.path ?? {}).map(([k, v]) => [k, { raw: v }])) },
    query: ex.query ? Object.entries(ex.query).map(([k, v]): [string, { raw: string }] => [k, { raw: v }]) : p.query,
    body: ex.body === undefined ? p.body : ({ kind: "json", value: ex.body } as BodySpec),
    wrongCsrf: false,
  }));
  // The sweep tries the example as every actor (so whoever is let in gets through once); later, half of the valid requests.
  const validParts = !examples.length ? generatedParts : options.validOnly ? exampleParts : fc.oneof(generatedParts, exampleParts);
  const valid = fc.tuple(validParts, actor).map(([p, a]) => build("valid", p, a));
  if (options.validOnly) return valid;
  const boundary = fc.tuple(parts(true), actor).map(([p, a]) => build("boundary", p, a));
  const hostileField = fc
    .tuple(
      validParts,
      actor,
      PICK,
      fc.constantFrom<Mutation>("taint", "taint", "taint", "taint", "replace", "replace", "replace", "add_key", "add_key", "remove"),
      hostileValue(),
      fc.constantFrom(...UNKNOWN_KEYS),
      PICK,
    )
    .map(([p, a, pick, how, replacement, key, taintPick]) => {
      if (p.body.kind !== "json") {
        // No body to change: a query parameter instead (tainted, replaced or unknown).
        const query = [...p.query];
        if (how === "taint" && query.length > 0) {
          const i = Math.floor(pick * query.length);
          query[i] = [query[i][0], taint(query[i][1] as Value, taintPick)];
        } else if (how === "replace" && query.length > 0) query[Math.floor(pick * query.length)] = [query[0][0], replacement];
        else query.push([key || "unknown", replacement]);
        return build(`hostile_query_${how}`, { ...p, query }, a);
      }
      return build(
        `hostile_${how}`,
        { ...p, body: { kind: "json", value: mutate(p.body.value, pick, how, replacement, key, taintPick) } },
        a,
      );
    });
  const hostileAddress = fc
    .tuple(validParts, actor, fc.constantFrom(...HOSTILE_SEGMENTS), hostileValue(), fc.constantFrom(...UNKNOWN_KEYS), fc.nat())
    .map(([p, a, segment, value, key, n]) => {
      const params = Object.keys(p.path);
      if (params.length > 0 && n % 2 === 0) {
        const name = params[n % params.length];
        const replaced = n % 4 === 0 ? { raw: segment } : value;
        return build("hostile_path", { ...p, path: { ...p.path, [name]: replaced } }, a);
      }
      const query = [...p.query];
      if (query.length > 0 && n % 3 === 0)
        query.push([query[0][0], value]); // the same parameter twice
      else if (op.query.length > 0 && n % 3 === 1) query.push([op.query[n % op.query.length].name, value]);
      else query.push([key || "unknown", value]);
      return build("hostile_query", { ...p, query }, a);
    });
  const hostileBody = fc
    .tuple(validParts, actor, fc.constantFrom(...RAW_BODIES), fc.nat(9))
    .map(([p, a, raw, n]) =>
      n === 0
        ? build("oversized_body", { ...p, body: { kind: "oversized", bytes: 1024 * 1024 + 10 } }, a)
        : build("hostile_body", { ...p, body: { kind: "raw", ...raw } }, a),
    );
  return fc.oneof(
    { weight: 20, arbitrary: valid },
    { weight: 10, arbitrary: boundary },
    { weight: 50, arbitrary: hostileField },
    { weight: 10, arbitrary: hostileAddress },
    { weight: 10, arbitrary: hostileBody },
  );
}

/** Resolves symbolic ids and huge strings into plain JSON. */
export function resolveValue(value: Value, idOf: (ref: IdRef) => string): unknown {
  if (value instanceof IdRef) return idOf(value);
  if (value instanceof Huge) return value.unit.repeat(value.length);
  if (Array.isArray(value)) return value.map((v) => resolveValue(v, idOf));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveValue(v, idOf)]));
  }
  return value;
}

/** A path or query value as it goes into the URL. */
export function urlPart(value: Value | { raw: string }, idOf: (ref: IdRef) => string): string {
  if (value && typeof value === "object" && "raw" in value && !(value instanceof IdRef) && !(value instanceof Huge))
    return value.raw as string;
  const resolved = resolveValue(value as Value, idOf);
  return encodeLoosely(typeof resolved === "string" ? resolved : JSON.stringify(resolved));
}

/** Percent-encodes like `encodeURIComponent`; a lone surrogate becomes its (invalid) UTF-8 bytes. */
function encodeLoosely(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    const isPair = code >= 0xd800 && code <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    if (isPair) {
      out += encodeURIComponent(s.slice(i, i + 2));
      i++;
    } else if (code >= 0xd800 && code <= 0xdfff) {
      out +=
        `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`.toUpperCase();
    } else out += encodeURIComponent(s[i]);
  }
  return out;
}
