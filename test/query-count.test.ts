/**
 * Lists are presented in batches (#14): the statements a list sends do not grow with the length of
 * the page. Each list is read at 2 rows and again at 40 (with the default page size of 50, so the
 * second page is 20 times longer); the number of statements must be the same. The session's own
 * statements are left out (the activity is written at most once a minute, see session.test.ts).
 * Every GET route that answers a list (`items`) is named here, or the test fails.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { buildTestApp, type Client, type TestApp } from "./app";
import type { Database } from "../src/db/client";
import { createTestDatabase } from "./db";
import { createListWorld, WORLD_EMPLOYEE, WORLD_HR, type ListWorld } from "./list-world";
import { countingDatabase, type CountingDatabase } from "./statements";

/** A list route, who reads it, and which rows make it longer. */
interface ListCase {
  route: string;
  url: string;
  login: string;
  grows: keyof ListWorld["add"];
  /** How much longer the list must be at 40 rows (default 20; fewer where not every row makes an item). */
  minGrowth?: number;
  /** Rows of the short list (default 2; more where not every row makes an item). */
  short?: number;
}

const CASES: ListCase[] = [
  { route: "/api/v1/organizations", url: "/api/v1/organizations", login: WORLD_HR, grows: "organizations" },
  { route: "/api/v1/accounts", url: "/api/v1/accounts", login: WORLD_HR, grows: "accounts" },
  { route: "/api/v1/audit-events", url: "/api/v1/audit-events", login: WORLD_HR, grows: "auditEvents" },
  {
    route: "/api/v1/audit-events",
    // The rows of the case above are still there: a page of 200 leaves room to grow.
    url: "/api/v1/audit-events?limit=200&objectType=pool_member&from=2000-01-01&person=anna",
    login: WORLD_HR,
    grows: "auditEvents",
  },
  { route: "/api/v1/outbox", url: "/api/v1/outbox", login: WORLD_HR, grows: "outbox" },
  { route: "/api/v1/qualifications", url: "/api/v1/qualifications", login: WORLD_HR, grows: "qualifications" },
  { route: "/api/v1/pool-members", url: "/api/v1/pool-members", login: WORLD_HR, grows: "poolMembers" },
  { route: "/api/v1/me/pool-membership/readers", url: "/api/v1/me/pool-membership/readers", login: WORLD_EMPLOYEE, grows: "readers" },
  { route: "/api/v1/crises", url: "/api/v1/crises", login: WORLD_HR, grows: "crises" },
  { route: "/api/v1/support-requests", url: "/api/v1/support-requests", login: WORLD_HR, grows: "supportRequests" },
  { route: "/api/v1/secondments", url: "/api/v1/secondments", login: WORLD_HR, grows: "secondments" },
  { route: "/api/v1/secondments", url: "/api/v1/secondments?todo=true", login: WORLD_HR, grows: "secondments" },
  { route: "/api/v1/me/tasks", url: "/api/v1/me/tasks", login: WORLD_HR, grows: "secondments", minGrowth: 10, short: 9 },
  { route: "/api/v1/allocation-runs", url: "/api/v1/allocation-runs", login: WORLD_HR, grows: "allocationRuns" },
  { route: "/api/v1/statements", url: "/api/v1/statements", login: WORLD_HR, grows: "statements" },
  { route: "/api/v1/submissions", url: "/api/v1/submissions", login: WORLD_HR, grows: "submissions" },
  { route: "/api/v1/api-keys", url: "/api/v1/api-keys", login: WORLD_HR, grows: "apiKeys" },
];

/** List routes whose length the world does not vary, and why their count cannot grow with it. */
const NOT_COUNTED: Record<string, string> = {
  "/api/v1/framework-agreements": "one statement: the region's versions",
  "/api/v1/cost-rates":
    "two statements whatever the day: the region's parameter versions and manual rates; the pay groups are a fixed list computed in memory",
  "/api/v1/cost-rates/parameters": "two statements: the region's parameter versions and manual rates",
  "/api/v1/deputies": "two statements: the deputyships (names joined) and the accounts that can be named",
  "/api/v1/calendar-feeds": "one statement: the caller's own feeds (department names joined)",
  "/api/v1/secondments/:id/onboarding": "the checklist of one secondment: at most its five items, read in one statement",
  "/api/v1/sso/organizations": "one joined statement, at most one row per administration",
  "/api/v1/identity-provider-changes": "three statements whatever the number of changes (changes, providers, bindings)",
  "/api/v1/support-requests/:id/candidates": "computed from the whole own pool in a fixed number of statements (eligibility is pure code)",
  "/api/v1/secondments/:id/expenses":
    "one secondment's month: its expenses and their receipts in two statements, whatever their number (settlement/timesheet-scope.ts)",
  "/api/v1/support-requests/:id/region-candidates":
    "computed from the region's pool in a fixed number of statements (eligibility is pure code)",
  "/api/v1/standards": "one joined statement: the region's standards with their versions (the catalogue is read whole)",
  "/api/v1/standards/:id/versions": "one joined statement: the standard with its versions",
  "/api/v1/service-catalogue": "no statement: the bundled service catalogue is searched in memory, at most 50 answers",
};

let t: TestApp;
let database: Database;
let counting: CountingDatabase;
let world: ListWorld;
const clients = new Map<string, Client>();

beforeAll(async () => {
  database = await createTestDatabase();
  counting = countingDatabase(database);
  t = await buildTestApp({ database: counting.database });
  world = await createListWorld(database.db);
}, 120_000);
afterAll(async () => {
  await t?.close();
  await database?.close();
});

async function clientOf(login: string) {
  if (!clients.has(login)) clients.set(login, await t.signIn(login));
  return clients.get(login)!;
}

/** Reads a list; returns its length and the statements it sent (without the session's). */
async function read(c: ListCase) {
  const client = await clientOf(c.login);
  counting.reset();
  const res = await client.request({ method: "GET", url: c.url });
  const statements = counting.statements.filter((q) => !/\bsessions\b/.test(q));
  expect(res.statusCode, `${c.url}: ${res.body.slice(0, 300)}`).toBe(200);
  return { length: (res.json().items as unknown[]).length, statements };
}

describe("lists are presented in batches", () => {
  it("every list route is counted", () => {
    const lists = t.app.routeTable
      .filter((r) => r.method === "GET" && r.url.startsWith("/api/v1"))
      .filter((r) => {
        const ok = (r.schema as { response?: Record<number, unknown> } | undefined)?.response?.[200];
        return ok instanceof z.ZodObject && ok.shape.items instanceof z.ZodArray;
      })
      .map((r) => r.url);
    const named = [...CASES.map((c) => c.route), ...Object.keys(NOT_COUNTED)];
    expect(lists.filter((url) => !named.includes(url))).toEqual([]);
  });

  for (const c of CASES) {
    it(`${c.url}: the same statements for 2 and for 40 rows`, async () => {
      await world.add[c.grows](c.short ?? 2);
      const short = await read(c);
      await world.add[c.grows](40 - (c.short ?? 2));
      const long = await read(c);
      expect(short.length).toBeGreaterThanOrEqual(1);
      expect(long.length - short.length).toBeGreaterThanOrEqual(c.minGrowth ?? 20);
      expect(
        long.statements.length,
        `${short.length} rows: ${short.statements.length} statements, ${long.length} rows: ${long.statements.length}\n${long.statements.slice(0, 30).join("\n")}`,
      ).toBe(short.statements.length);
    });
  }
});

describe("the start page's overview is read in a fixed number of statements", () => {
  for (const login of [WORLD_HR, WORLD_EMPLOYEE]) {
    it(`${login}: the same statements for 2 and for 40 secondments and crises`, async () => {
      const client = await clientOf(login);
      const read = async () => {
        counting.reset();
        const res = await client.request({ method: "GET", url: "/api/v1/me/overview" });
        expect(res.statusCode, res.body).toBe(200);
        return { body: res.body, statements: counting.statements.filter((q) => !/\bsessions\b/.test(q)) };
      };
      await world.add.secondments(2);
      await world.add.crises(2);
      const short = await read();
      // New requests first: the world pairs them with the employee first, so her own secondments grow too.
      await world.add.supportRequests(10);
      await world.add.secondments(38);
      await world.add.crises(38);
      const long = await read();
      // The overview did change with the rows (the test can fail).
      expect(long.body).not.toBe(short.body);
      expect(long.statements.length, long.statements.join("\n")).toBe(short.statements.length);
    });
  }
});

/**
 * Detail pages are read in a small fixed number of statements (#14): most answers of the details
 * mix in `npm run bench:api` are first reads, which cost what their statements cost. The session's
 * own statement is left out. Budgets (a statement more fails the test): a secondment's page reads
 * the secondment, its person, its checklist, the administrations with their settings, its
 * request, the caller's deputyships, its timeline and the cost parameters — and, where there are
 * any, the extensions' chain and the framework agreement; a request's page the request, the
 * administrations' names, its qualifications, its offers and its candidates.
 */
describe("detail pages are read in a fixed number of statements", () => {
  const detail = async (url: string) => {
    const client = await clientOf(WORLD_HR);
    counting.reset();
    const res = await client.request({ method: "GET", url });
    expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(200);
    return { body: res.json(), statements: counting.statements.filter((q) => !/\bsessions\b/.test(q)) };
  };
  const list = async (url: string) =>
    (await (await clientOf(WORLD_HR)).request({ method: "GET", url })).json().items as Array<{ id: string }>;

  it("a secondment's page in every state: at most 8 statements, one more for an extension's chain and one for the framework agreement", async () => {
    await world.add.secondments(9);
    const pages = [];
    for (const { id } of await list("/api/v1/secondments?limit=100")) pages.push(await detail(`/api/v1/secondments/${id}`));
    expect(new Set(pages.map((p) => p.body.state)).size).toBeGreaterThanOrEqual(9);
    for (const { body, statements } of pages) {
      const budget = 8 + (body.isExtension ? 1 : 0) + (body.frameworkAgreement ? 1 : 0);
      expect(statements.length, `${body.state}:\n${statements.map((s) => s.slice(0, 120)).join("\n")}`).toBeLessThanOrEqual(budget);
    }
  });

  it("a request's page: at most 5 statements; an administration's at most 2; /me 1", async () => {
    await world.add.supportRequests(2);
    const [request] = await list("/api/v1/support-requests");
    expect((await detail(`/api/v1/support-requests/${request.id}`)).statements.length).toBeLessThanOrEqual(5);
    const [organization] = await list("/api/v1/organizations");
    expect((await detail(`/api/v1/organizations/${organization.id}`)).statements.length).toBeLessThanOrEqual(2);
    expect((await detail("/api/v1/me")).statements.length).toBeLessThanOrEqual(1);
  });
});
