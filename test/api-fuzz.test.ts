/**
 * Fuzz test of the whole API, generated from the OpenAPI document the app serves: every operation
 * as every role of Wunstorf and of the Region and anonymously, with valid, boundary and hostile
 * values (control characters, huge text, year 0000/9999, wrong types, unknown fields, foreign and
 * unknown ids, broken JSON, wrong media types, oversized bodies). Path and body ids are real ids
 * of the seeded data (demo pool, requests, secondments, a crisis, an allocation run …) and of
 * what the run itself creates, so handlers go deep.
 *
 * Invariants: no answer ≥ 500; every 4xx is a problem document (RFC 9457 with German and English
 * messages) with a status the document declares for the operation; every 400 names the offending
 * field(s) in `errors[]`.
 *
 * The run: first every operation once as every actor with a valid request (which also learns
 * which actors each operation lets in), then random operations — mostly as an actor let in, one in
 * five as any — with valid (20 %), boundary (10 %) and hostile values (70 %). It prints the number
 * of requests per status code and per kind of request.
 *
 * Reproduce: the requests are generated from a fixed seed and the ids are picked in an order that
 * does not depend on random uuids, so a seed replays the same run (on the same day: the demo data
 * is dated relative to today). `FUZZ_SEED=<n> FUZZ_REQUESTS=<n> npx vitest run test/api-fuzz.test.ts`
 * (add `TEST_DATABASE_URL=…` for PostgreSQL); a failure prints the request number, actor, method,
 * URL and body. `FUZZ_VERBOSE=1` prints the answers per operation, `FUZZ_TRACE=<path part>` every
 * request to matching operations, `FUZZ_VERBOSE=2` every valid request answered 400.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { inArray, sql } from "drizzle-orm";
import type { LightMyRequestResponse } from "fastify";
import { seedDemoAccounts } from "../src/db/seed/demo";
import { seedDemoPool } from "../src/db/seed/demo-pool";
import { seedDemoSecondments } from "../src/db/seed/demo-secondments";
import { seedDemoTimesheets } from "../src/db/seed/demo-timesheets";
import { seedDemoBillingDetails } from "../src/db/seed/demo-billing";
import { seedDemoStatements } from "../src/db/seed/demo-statements";
import { seedDemoBalances } from "../src/db/seed/demo-balances";
import { seedDemoApiKeys } from "../src/db/seed/demo-api-keys";
import { demoStandardIds, seedDemoSubmissions } from "../src/db/seed/demo-standards";
import { lastClosedPeriod } from "../src/domain/standards/period";
import { today } from "../src/kernel/dates";
import { loginAttempts, loginLocks } from "../src/modules/identity/identity.tables";
import { CONSENT_VERSION } from "../src/modules/pool/consent";
import { solverPool } from "../src/modules/allocation/solver-pool";
import { buildTestApp, type Client, type TestApp } from "./app";
import { TEST_PASSWORD } from "./constants";
import { testDatabaseKind } from "./db";
import {
  IdRef,
  operationsOf,
  poolOfCollection,
  requestOf,
  resolveValue,
  urlPart,
  type FuzzRequest,
  type Operation,
  type OperationExample,
  type ValueContext,
} from "./openapi-fuzz";

const SEED = Number(process.env.FUZZ_SEED ?? 20261213);
const BUDGET = Number(process.env.FUZZ_REQUESTS ?? 3000);

/** One account per role of Wunstorf and of the Region (demo accounts), and anonymous. */
const ACTOR_LOGINS = [
  "personal@wunstorf.demo",
  "bauamt@wunstorf.demo",
  "sachbearbeitung@wunstorf.demo",
  "mitarbeiterin@wunstorf.demo",
  "personalrat@wunstorf.demo",
  "kaemmerei@wunstorf.demo",
  "controlling@wunstorf.demo",
  "klimaschutz@wunstorf.demo",
  "beteiligung@wunstorf.demo",
  "buergermeister@wunstorf.demo",
  "koordination@region-hannover.demo",
  "personal@region-hannover.demo",
  "gesundheitsamt@region-hannover.demo",
  "kaemmerei@region-hannover.demo",
  "", // anonymous
];

/**
 * Tables whose ids fill path parameters and id fields, each with an order that does not depend on
 * the random ids (so that a seed picks the same objects again).
 */
const ORDER_OF: Record<string, string> = {
  organizations: `t.ags`,
  departments: `(SELECT o.ags FROM organizations o WHERE o.id = t.organization_id) || t.key`,
  accounts: `t.login`,
  qualifications: `t.key`,
  pool_members: `t.work_email || t.name`,
  support_requests: `t.title || t.starts_on || t.headcount`,
  crises: `t.name || t.starts_on`,
  secondments: `(SELECT m.work_email FROM pool_members m WHERE m.id = t.member_id) || t.starts_on || t.state`,
  deputies: `t.created_at::text`,
  calendar_feeds: `t.created_at::text`,
  allocation_runs: `t.created_at::text`,
  identity_provider_changes: `t.requested_at::text`,
  api_keys: `t.name`,
  service_standards: `t.key`,
  submissions: `(SELECT o.ags FROM organizations o WHERE o.id = t.organization_id) || t.period || t.standard_id::text || t.version`,
  statements: `(SELECT o.ags FROM organizations o WHERE o.id = t.organization_id) || (SELECT o.ags FROM organizations o WHERE o.id = t.borrower_organization_id) || t.month || t.settlement_model`,
};
const ID_TABLES = Object.keys(ORDER_OF);

/** The ids of a table in their stable order, optionally only those matching `where`. */
async function idsOf(table: string, where = sql`TRUE`): Promise<string[]> {
  const order = sql.raw(`(${ORDER_OF[table]}) COLLATE "C", t.id`);
  const { rows } = await t.database.db.execute(sql`SELECT t.id FROM ${sql.identifier(table)} t WHERE ${where} ORDER BY ${order}`);
  return (rows as Array<{ id: unknown }>).map((r) => String(r.id));
}

let t: TestApp;
let ops: Operation[];
let examples: Record<string, OperationExample[]> = {};

/**
 * Requests of the reporting that pass its checks, which random values never do: a value of
 * Wunstorf's building-permit standard for the last closed quarter (replacing Wunstorf's draft), the
 * draft to submit, another administration's submitted value to validate, one of Wunstorf's published
 * values to correct (warnings explained).
 */
async function submissionExamples(): Promise<Record<string, OperationExample[]>> {
  const permit = (await demoStandardIds(t.database.db)).get("bauantrag-vollstaendigkeit")!;
  const quarter = lastClosedPeriod("quarter", today()).text;
  const reasons = { jump: "Umstellung des Fachverfahrens", median_distance: "Zwei Stellen waren unbesetzt" };
  const item = { standardId: permit, period: quarter, value: 92, numerator: 46, denominator: 50, method: "Fachverfahren", reasons };
  const controlling = await t.signIn("controlling@wunstorf.demo");
  const draft = await controlling.request({ method: "POST", url: "/api/v1/submissions", payload: { items: [item] } });
  expect(draft.statusCode, draft.body).toBe(201);
  const wunstorf = sql`(SELECT id FROM organizations WHERE name = 'Wunstorf')`;
  const [submitted] = await idsOf("submissions", sql`t.state = 'submitted' AND t.organization_id <> ${wunstorf}`);
  const [published] = await idsOf(
    "submissions",
    sql`t.state IN ('validated', 'published') AND t.organization_id = ${wunstorf} AND t.standard_id = ${permit} AND t.replaced_by_id IS NULL`,
  );
  expect(submitted && published).toBeTruthy();
  // The right of reply: two other published values of Wunstorf, one to comment on, one whose comment is withdrawn.
  const [toComment, toWithdraw] = await idsOf(
    "submissions",
    sql`t.state = 'published' AND t.organization_id = ${wunstorf} AND t.standard_id <> ${permit} AND t.replaced_by_id IS NULL`,
  );
  const commented = await controlling.request({
    method: "PUT",
    url: `/api/v1/submissions/${toWithdraw}/reply`,
    payload: { text: "Stellungnahme der Verwaltung", basedOnVersion: null },
  });
  expect(commented.statusCode, commented.body).toBe(200);
  // An import of a file (multipart), whose progress the reporting's example reads.
  const boundary = "----verbund-fuzz";
  const file = "Standard;Zeitraum;Wert\r\nbauantrag-vollstaendigkeit;2026-13;18\r\n";
  const upload = await controlling.request({
    method: "POST",
    url: "/api/v1/submissions/import",
    payload: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="werte.csv"\r\nContent-Type: text/csv\r\n\r\n${file}\r\n--${boundary}--\r\n`,
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  });
  expect(upload.statusCode, upload.body).toBe(202);
  return {
    "GET /api/v1/submissions/imports/{id}": [{ path: { id: upload.json().id } }],
    "POST /api/v1/submissions": [{ body: { items: [item] } }],
    "POST /api/v1/submissions/{id}/submit": [{ path: { id: draft.json().items[0].id } }],
    "POST /api/v1/submissions/{id}/validate": [{ path: { id: submitted }, body: {} }],
    "PUT /api/v1/submissions/{id}/reply": [
      { path: { id: toComment }, body: { text: "Zwei Stellen waren unbesetzt.", basedOnVersion: null } },
    ],
    "DELETE /api/v1/submissions/{id}/reply": [{ path: { id: toWithdraw }, query: { basedOnVersion: "1" } }],
    "POST /api/v1/submissions/{id}/corrections": [
      { path: { id: published }, body: { value: 90, numerator: 45, denominator: 50, reason: "Nachzählung der Anträge", reasons } },
    ],
  };
}
const pools = new Map<string, string[]>();
/** Per actor: the ids of each table the actor can see (own administration, own party, the region's). */
const visible = new Map<string, Map<string, string[]>>();
const sessions = new Map<string, Client>();

async function signInActor(login: string): Promise<Client> {
  try {
    return await t.signIn(login);
  } catch {
    // The run itself may have locked, deactivated or re-passworded the account: restore it.
    await t.database.db.delete(loginLocks).where(inArray(loginLocks.login, [login]));
    await t.database.db.delete(loginAttempts).where(inArray(loginAttempts.login, [login]));
    await seedDemoAccounts(t.database.db, TEST_PASSWORD);
    return t.signIn(login);
  }
}

async function clientOf(login: string): Promise<Client> {
  if (!login) return t.anonymous();
  let client = sessions.get(login);
  if (!client) {
    client = await signInActor(login);
    sessions.set(login, client);
  }
  return client;
}

beforeAll(async () => {
  t = await buildTestApp();
  await seedDemoPool(t.database.db);
  await seedDemoSecondments(t.database.db);
  await seedDemoTimesheets(t.database.db);
  await seedDemoBillingDetails(t.database.db);
  await seedDemoStatements(t.database.db);
  await seedDemoBalances(t.database.db);
  await seedDemoApiKeys(t.database.db);
  await seedDemoSubmissions(t.database.db);
  // A crisis, an allocation run, a deputyship and a calendar feed, so their routes have real ids.
  const region = await t.signIn("koordination@region-hannover.demo");
  const crisis = await region.request({
    method: "POST",
    url: "/api/v1/crises",
    payload: { name: "Hochwasser Leine", description: "Deichsicherung und Bürgertelefon", startsOn: "2026-12-01" },
  });
  expect(crisis.statusCode, crisis.body).toBe(201);
  const run = await region.request({ method: "POST", url: "/api/v1/allocation-runs", payload: {} });
  expect(run.statusCode, run.body).toBe(201);
  const hr = await t.signIn("personal@wunstorf.demo");
  const accounts = (await hr.request({ method: "GET", url: "/api/v1/accounts" })).json().items as Array<{ id: string; login: string }>;
  const idOfLogin = (login: string) => accounts.find((a) => a.login === login)!.id;
  const deputy = await hr.request({
    method: "POST",
    url: "/api/v1/deputies",
    payload: {
      principalAccountId: idOfLogin("bauamt@wunstorf.demo"),
      deputyAccountId: idOfLogin("sachbearbeitung@wunstorf.demo"),
      startsOn: "2026-12-01",
      endsOn: "2027-03-31",
    },
  });
  expect(deputy.statusCode, deputy.body).toBe(201);
  const feed = await (
    await t.signIn("mitarbeiterin@wunstorf.demo")
  ).request({
    method: "POST",
    url: "/api/v1/calendar-feeds",
    payload: { scope: "person" },
  });
  expect(feed.statusCode, feed.body).toBe(201);
  examples = await submissionExamples();

  for (const table of ID_TABLES) pools.set(table, await idsOf(table));
  for (const login of ACTOR_LOGINS.filter(Boolean)) {
    const { rows } = await t.database.db.execute(sql`SELECT organization_id FROM accounts WHERE login = ${login}`);
    const org = String((rows[0] as { organization_id: string }).organization_id);
    const own = new Map<string, string[]>();
    for (const table of ID_TABLES) {
      const where =
        // The region's own rows; provider changes are confirmed by the region's coordination.
        table === "organizations" ||
        table === "qualifications" ||
        table === "crises" ||
        table === "identity_provider_changes" ||
        // The catalogue of standards is public.
        table === "service_standards"
          ? sql`TRUE`
          : table === "secondments"
            ? sql`t.organization_id = ${org} OR t.borrower_organization_id = ${org}`
            : table === "statements"
              ? sql`t.organization_id = ${org} OR t.borrower_organization_id = ${org}`
              : table === "support_requests"
                ? sql`t.status <> 'draft' OR t.organization_id = ${org}`
                : table === "service_standards"
                  ? sql`TRUE`
                  : table === "submissions"
                    ? // Of what the actor sees, what it can act on: its own values and those waiting for review.
                      sql`t.state = 'submitted' OR t.organization_id = ${org}`
                    : sql`t.organization_id = ${org}`;
      own.set(table, await idsOf(table, where));
    }
    visible.set(login, own);
  }
  expect(pools.get("secondments")!.length).toBeGreaterThan(5);
  expect(pools.get("allocation_runs")!.length).toBe(1);

  const document = (await t.anonymous().request({ method: "GET", url: "/api/openapi.json" })).json();
  ops = operationsOf(document);
  expect(ops.length).toBeGreaterThan(60);
}, 120_000);

afterAll(async () => {
  await t?.close();
  await solverPool.close();
});

/**
 * A real id for a symbolic pick: mostly one the actor can see, else any of its table; any table's
 * when the pick names none; a fixed unknown id when there is none.
 */
function idOf(ref: IdRef, login: string): string {
  const own = ref.pool ? (visible.get(login)?.get(ref.pool) ?? []) : [];
  if (own.length > 0 && ref.pick < 0.8) return own[Math.floor((ref.pick / 0.8) * own.length)];
  const pool = ref.pool ? (pools.get(ref.pool) ?? []) : ID_TABLES.flatMap((table) => pools.get(table) ?? []);
  if (pool.length === 0) return "00000000-0000-4000-8000-00000000abcd";
  return pool[Math.floor(ref.pick * pool.length)];
}

interface Sent {
  index: number;
  kind: string;
  actor: string;
  method: string;
  url: string;
  body: string;
  response: LightMyRequestResponse;
}

/** What is wrong with an answer to `op`, or null. */
function defectOf(op: Operation, res: LightMyRequestResponse): string | null {
  if (res.statusCode >= 500) return `status ${res.statusCode}`;
  if (res.statusCode < 400) return null;
  if (!op.statuses.has(res.statusCode)) return `${res.statusCode} is not among the operation's documented responses`;
  if (!String(res.headers["content-type"] ?? "").startsWith("application/problem+json")) {
    return `${res.statusCode} is not a problem document (${res.headers["content-type"]})`;
  }
  let body: Record<string, unknown>;
  try {
    body = res.json();
  } catch {
    return `${res.statusCode} with a body that is no JSON`;
  }
  const messages = body.messages as { de?: unknown; en?: unknown } | undefined;
  const complete =
    typeof body.type === "string" &&
    typeof body.title === "string" &&
    body.status === res.statusCode &&
    typeof body.detail === "string" &&
    typeof body.code === "string" &&
    typeof messages?.de === "string" &&
    messages.de.length > 0 &&
    typeof messages?.en === "string" &&
    messages.en.length > 0;
  if (!complete) return `${res.statusCode} problem document lacks type, title, status, detail, code or messages`;
  if (res.statusCode === 400) {
    const errors = body.errors as Array<{ field?: unknown; message?: { de?: unknown; en?: unknown } }> | undefined;
    const named =
      Array.isArray(errors) &&
      errors.length > 0 &&
      errors.every(
        (e) => typeof e.field === "string" && e.field.length > 0 && typeof e.message?.de === "string" && typeof e.message?.en === "string",
      );
    if (!named) return "400 without the offending field(s) in errors[]";
  }
  return null;
}

const short = (s: string, n = 300) => (s.length > n ? `${s.slice(0, n)}… (${s.length} characters)` : s);

describe("API fuzz test generated from the OpenAPI document", () => {
  it(`${BUDGET} requests over every operation and role: no 5xx, every 4xx a documented problem document, every 400 names its fields`, async () => {
    const ctx: ValueContext = {
      logins: ACTOR_LOGINS.filter(Boolean).concat(["unbekannt@wunstorf.demo"]),
      password: TEST_PASSWORD,
      consentVersion: CONSENT_VERSION,
      examples,
    };
    const generating = performance.now();
    // Coverage sweep first: every operation once as every actor with a valid request (this learns
    // which actors each operation lets in); then random operations, mostly as actors let in.
    const requests: FuzzRequest[] = [];
    ops.forEach((op, i) => {
      const sweep = fc.sample(requestOf(op, i, { ctx, validOnly: true }), { seed: SEED + i, numRuns: ACTOR_LOGINS.length });
      sweep.forEach((req, a) => requests.push({ ...req, actor: { index: a } }));
    });
    const rest = Math.max(0, BUDGET - requests.length);
    const arbitraries = ops.map((op, i) => requestOf(op, i, { ctx }));
    const any = fc.integer({ min: 0, max: ops.length - 1 }).chain((i) => arbitraries[i]);
    requests.push(...(rest > 0 ? fc.sample(any, { seed: SEED, numRuns: rest }) : []));
    requests.length = Math.min(requests.length, BUDGET);
    const generated = (performance.now() - generating) / 1000;

    const allowed = ops.map(() => new Set<string>());
    const byStatus: Record<number, number> = {};
    const byKind: Record<string, Record<number, number>> = {};
    const reached = new Set<string>();
    const byOperation = new Map<string, Record<number, number>>();
    const defects: Array<{ sent: Sent; defect: string }> = [];
    const started = performance.now();

    for (const [index, req] of requests.entries()) {
      if (index > 0 && index % 250 === 0) {
        // Keep every actor in its role: the run may change roles, deactivate or lock demo accounts.
        await seedDemoAccounts(t.database.db, TEST_PASSWORD);
        await t.database.db.delete(loginLocks);
      }
      const op = ops[req.op];
      let login: string;
      if ("index" in req.actor) login = ACTOR_LOGINS[req.actor.index];
      else {
        const candidates = [...allowed[req.op]];
        const from = req.actor.anyRole || candidates.length === 0 ? ACTOR_LOGINS : candidates;
        login = from[Math.floor(req.actor.pick * from.length)];
      }
      const client = await clientOf(login);
      const idOfRef = (ref: IdRef) => idOf(ref, login);
      const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => urlPart(req.path[name] ?? "", idOfRef));
      const query = req.query.map(([k, v]) => `${encodeURIComponent(k)}=${urlPart(v, idOfRef)}`).join("&");
      const url = query ? `${path}?${query}` : path;
      const headers: Record<string, string> = {};
      let payload: string | undefined;
      if (req.body.kind === "json") {
        payload = JSON.stringify(resolveValue(req.body.value, idOfRef));
        headers["content-type"] = "application/json";
      } else if (req.body.kind === "raw") {
        payload = req.body.text;
        headers["content-type"] = req.body.contentType;
      } else if (req.body.kind === "oversized") {
        payload = JSON.stringify({ text: "x".repeat(req.body.bytes) });
        headers["content-type"] = "application/json";
      }
      if (req.wrongCsrf && login) headers["x-csrf-token"] = "falsch";
      const response = await client.request({
        method: op.method as "GET",
        url,
        headers,
        ...(payload !== undefined ? { payload } : {}),
        // Failed sign-ins of the run must not throttle the test's own sign-ins from 127.0.0.1.
        remoteAddress: `10.${(index >> 8) & 255}.${index & 255}.7`,
      });

      const status = response.statusCode;
      byStatus[status] = (byStatus[status] ?? 0) + 1;
      const kind = (byKind[req.kind] ??= {});
      kind[status] = (kind[status] ?? 0) + 1;
      if (status < 300) reached.add(`${op.method} ${op.path}`);
      const perOperation = byOperation.get(`${op.method} ${op.path}`) ?? {};
      perOperation[status] = (perOperation[status] ?? 0) + 1;
      byOperation.set(`${op.method} ${op.path}`, perOperation);
      if ((req.kind === "valid" || req.kind === "boundary") && (status < 400 || [400, 409, 422].includes(status))) {
        allowed[req.op].add(login);
      }
      if (process.env.FUZZ_TRACE && `${op.method} ${op.path}`.includes(process.env.FUZZ_TRACE)) {
        console.log(`trace #${index} ${req.kind} ${login || "anonymous"} ${op.method} ${short(url, 120)} → ${status}`);
      }
      if (process.env.FUZZ_VERBOSE === "2" && req.kind === "valid" && status === 400) {
        console.log(`valid→400 ${op.method} ${op.path} ${short(payload ?? "", 400)} ${short(response.body, 600)}`);
      }
      const defect = defectOf(op, response);
      if (defect) {
        const body = payload === undefined ? "" : short(payload);
        defects.push({
          sent: { index, kind: req.kind, actor: login || "anonymous", method: op.method, url: short(url, 200), body, response },
          defect,
        });
      }
      // New objects join the id pools; a session the run ended is opened again.
      if (op.method === "POST" && status === 201) {
        const pool = poolOfCollection(op.path);
        const id = (response.json() as { id?: unknown }).id;
        if (pool && typeof id === "string") {
          pools.get(pool)?.push(id);
          if (login) visible.get(login)?.get(pool)?.push(id);
        }
      }
      const endsSession =
        status === 401 ||
        (status < 300 &&
          ["POST /api/v1/session", "DELETE /api/v1/session", "POST /api/v1/me/password"].includes(`${op.method} ${op.path}`));
      if (login && endsSession) sessions.delete(login);
    }

    const seconds = (performance.now() - started) / 1000;
    const figures = Object.entries(byStatus)
      .map(([s, n]) => `${s}: ${n}`)
      .join(", ");
    console.log(
      [
        `API fuzz on ${testDatabaseKind}, seed ${SEED}: ${requests.length} requests over ${ops.length} operations × ${ACTOR_LOGINS.length} actors in ${seconds.toFixed(1)} s (generated in ${generated.toFixed(1)} s)`,
        `  by status: ${figures}`,
        ...Object.entries(byKind).map(
          ([k, counts]) =>
            `  ${k.padEnd(22)} ${Object.entries(counts)
              .map(([s, n]) => `${s}: ${n}`)
              .join(", ")}`,
        ),
        `  operations answered 2xx/3xx at least once: ${reached.size} of ${ops.length}`,
        `  defects: ${defects.length}`,
        ...(process.env.FUZZ_VERBOSE
          ? [...byOperation].map(
              ([name, counts]) =>
                `  ${name.padEnd(56)} ${Object.entries(counts)
                  .map(([s, n]) => `${s}: ${n}`)
                  .join(
                    ", ",
                  )} — ${[...allowed[ops.findIndex((o) => `${o.method} ${o.path}` === name)]].map((l) => l || "anonymous").join(" ")}`,
            )
          : []),
      ].join("\n"),
    );
    const report = defects
      .slice(0, 25)
      .map(
        ({ sent, defect }) =>
          `#${sent.index} [${sent.kind}] ${sent.actor}: ${sent.method} ${sent.url} ${JSON.stringify(sent.body)} → ${defect}: ${short(sent.response.body)}`,
      );
    if (defects.length > 0) {
      console.log(`Reproduce with FUZZ_SEED=${SEED} FUZZ_REQUESTS=${BUDGET} (${testDatabaseKind}).\n${report.join("\n")}`);
    }
    expect(report).toEqual([]);
    // The run must go deep: most operations succeed at least once, and the answers are varied.
    expect(reached.size).toBeGreaterThan(ops.length * 0.6);
    // Every step of the reporting answers 2xx at least once (through its examples, submissionExamples).
    // (The upload of a file is multipart, which the fuzz does not write: submission-import.test.ts sends files.)
    const reporting = ops
      .map((o) => `${o.method} ${o.path}`)
      .filter((name) => name.includes("/api/v1/submissions") && name !== "POST /api/v1/submissions/import");
    expect(reporting.filter((name) => !reached.has(name))).toEqual([]);
    for (const status of [200, 201, 400, 401, 403, 404]) expect(byStatus[status] ?? 0, `answers with ${status}`).toBeGreaterThan(0);
  }, 600_000);
});
