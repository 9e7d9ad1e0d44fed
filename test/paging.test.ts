/**
 * Cursor paging (#14): every list that pages answers `{ items, nextCursor }`; walking it page by
 * page with a small `limit` gives exactly the items of one large page, in the same order, each
 * once; a broken cursor or limit is a 400 naming the field, in German and English. Lists sorted by
 * name follow German order (Ä with A, ß as ss) on PGlite and PostgreSQL alike.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { buildTestApp, type Client, type TestApp } from "./app";
import { createListWorld, WORLD_EMPLOYEE, WORLD_HR, type ListWorld } from "./list-world";
import { VALIDATOR_WORDS } from "./validator-words";

/** The paged lists, who reads them and which rows to add first. */
const LISTS: Array<{ url: string; login: string; fill: keyof ListWorld["add"]; key?: (item: Item) => string }> = [
  { url: "/api/v1/organizations", login: WORLD_HR, fill: "organizations" },
  { url: "/api/v1/accounts", login: WORLD_HR, fill: "accounts" },
  { url: "/api/v1/audit-events", login: WORLD_HR, fill: "auditEvents" },
  { url: "/api/v1/outbox", login: WORLD_HR, fill: "outbox" },
  { url: "/api/v1/qualifications", login: WORLD_HR, fill: "qualifications" },
  { url: "/api/v1/pool-members", login: WORLD_HR, fill: "poolMembers" },
  { url: "/api/v1/pool-members?includeFormer=true", login: WORLD_HR, fill: "poolMembers" },
  { url: "/api/v1/me/pool-membership/readers", login: WORLD_EMPLOYEE, fill: "readers", key: (i) => `${i.at}` },
  { url: "/api/v1/crises", login: WORLD_HR, fill: "crises" },
  { url: "/api/v1/support-requests", login: WORLD_HR, fill: "supportRequests" },
  { url: "/api/v1/support-requests?status=open", login: WORLD_HR, fill: "supportRequests" },
  { url: "/api/v1/secondments", login: WORLD_HR, fill: "secondments" },
  { url: "/api/v1/secondments?todo=true", login: WORLD_HR, fill: "secondments" },
  { url: "/api/v1/allocation-runs", login: WORLD_HR, fill: "allocationRuns" },
  { url: "/api/v1/statements", login: WORLD_HR, fill: "statements" },
  { url: "/api/v1/submissions", login: WORLD_HR, fill: "submissions" },
  { url: "/api/v1/api-keys", login: WORLD_HR, fill: "apiKeys" },
];

type Item = Record<string, unknown>;

let t: TestApp;
let world: ListWorld;
const clients = new Map<string, Client>();

beforeAll(async () => {
  t = await buildTestApp();
  world = await createListWorld(t.database.db);
}, 120_000);
afterAll(async () => t?.close());

async function clientOf(login: string) {
  if (!clients.has(login)) clients.set(login, await t.signIn(login));
  return clients.get(login)!;
}

const withQuery = (url: string, query: string) => `${url}${url.includes("?") ? "&" : "?"}${query}`;

describe("cursor paging", () => {
  it("every list that answers `items` pages, or says why not", () => {
    const paged = t.app.routeTable
      .filter((r) => r.method === "GET" && r.url.startsWith("/api/v1"))
      .filter((r) => {
        const ok = (r.schema as { response?: Record<number, unknown> } | undefined)?.response?.[200];
        return ok instanceof z.ZodObject && ok.shape.items instanceof z.ZodArray && ok.shape.nextCursor;
      })
      .map((r) => r.url);
    const tested = new Set(LISTS.map((l) => l.url.replace(/\?.*$/, "")));
    expect(paged.filter((url) => !tested.has(url))).toEqual([]);
  });

  for (const list of LISTS) {
    it(`${list.url}: page by page gives one large page, in order, each item once`, async () => {
      await world.add[list.fill](7);
      const client = await clientOf(list.login);
      const all = await client.request({ method: "GET", url: withQuery(list.url, "limit=200") });
      expect(all.statusCode, all.body.slice(0, 300)).toBe(200);
      const key = list.key ?? ((i: Item) => String(i.id));
      const expected = (all.json().items as Item[]).map(key);
      expect(expected.length).toBeGreaterThanOrEqual(list.url.includes("todo") ? 3 : 7);
      const walked: string[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 100; page++) {
        const res = await client.request({ method: "GET", url: withQuery(list.url, `limit=3${cursor ? `&cursor=${cursor}` : ""}`) });
        expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
        const body = res.json() as { items: Item[]; nextCursor: string | null };
        expect(body.items.length).toBeLessThanOrEqual(3);
        walked.push(...body.items.map(key));
        cursor = body.nextCursor;
        if (!cursor) break;
      }
      expect(walked).toEqual(expected);
      if (!list.key) expect(new Set(walked).size).toBe(walked.length);
    });
  }

  it("a list without `limit` answers 50 items and a cursor", async () => {
    await world.add.poolMembers(60);
    const res = await (await clientOf(WORLD_HR)).request({ method: "GET", url: "/api/v1/pool-members" });
    expect(res.json().items).toHaveLength(50);
    expect(res.json().nextCursor).toEqual(expect.any(String));
  });

  it("refuses a limit outside 1–200 and a broken cursor with a 400 naming the field", async () => {
    const client = await clientOf(WORLD_HR);
    const CURSOR = "Der Link zur nächsten Seite ist veraltet. Bitte laden Sie die Liste von vorn.";
    for (const [query, field, de] of [
      ["limit=0", "limit", undefined],
      ["limit=201", "limit", undefined],
      ["limit=zehn", "limit", undefined],
      ["cursor=nicht*gültig", "cursor", CURSOR],
      [`cursor=${Buffer.from('["x"]').toString("base64url")}`, "cursor", CURSOR],
      [`cursor=${Buffer.from("kein json").toString("base64url")}`, "cursor", CURSOR],
    ]) {
      const res = await client.request({ method: "GET", url: `/api/v1/secondments?${query}` });
      expect(res.statusCode, query).toBe(400);
      const problem = res.json();
      expect(problem.errors, query).toEqual([expect.objectContaining({ field, in: "querystring" })]);
      if (de) expect(problem.errors[0].message.de).toBe(de);
      expect(problem.errors[0].message.de, query).not.toMatch(VALIDATOR_WORDS);
      expect(problem.errors[0].message.en, query).not.toMatch(VALIDATOR_WORDS);
      expect(problem.errors[0].message.de.length, query).toBeGreaterThan(5);
      expect(problem.errors[0].message.en.length, query).toBeGreaterThan(5);
    }
  });

  it("a cursor of one list is no key to another's rows: the list's own WHERE still applies", async () => {
    const hr = await clientOf(WORLD_HR);
    const first = (await hr.request({ method: "GET", url: "/api/v1/pool-members?limit=1" })).json();
    const other = await t.signIn("personal@wunstorf.demo");
    const res = await other.request({ method: "GET", url: `/api/v1/pool-members?limit=200&cursor=${first.nextCursor}` });
    expect(res.statusCode).toBe(200);
    const own = (await other.request({ method: "GET", url: "/api/v1/pool-members?limit=200" })).json().items.map((i: Item) => i.id);
    for (const item of res.json().items as Item[]) expect(own).toContain(item.id);
    expect(JSON.stringify(res.json())).not.toContain("testkreis");
  });

  it("names in German order: umlauts with their base letter, whatever the database's collation", async () => {
    const res = await (await clientOf(WORLD_HR)).request({ method: "GET", url: "/api/v1/pool-members?limit=200" });
    const names = (res.json().items as Array<{ name: string }>).map((i) => i.name);
    const collator = new Intl.Collator("de", { sensitivity: "base" });
    for (let i = 1; i < names.length; i++)
      expect(collator.compare(names[i - 1], names[i]), `${names[i - 1]} before ${names[i]}`).toBeLessThanOrEqual(0);
    const organizations = (await t.anonymous().request({ method: "GET", url: "/api/v1/organizations?limit=200" })).json().items as Array<{
      name: string;
      kind: string;
    }>;
    expect(organizations[0].kind).toBe("region");
    const municipalities = organizations.filter((o) => o.kind === "municipality" && !o.name.startsWith("Gemeinde ")).map((o) => o.name);
    expect(municipalities).toEqual([...municipalities].sort(new Intl.Collator("de").compare));
  });
});
