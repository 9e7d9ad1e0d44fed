/**
 * The read cache (#14, src/server/read-cache.ts): a signed-in read is answered from the page the
 * server presented before while the data version (migration 0016) and the day are the same. What
 * a user would notice if it went wrong is a stale page: a secondment still "proposed" after it was
 * released, a list still showing what a removed role allowed, a read of a pool member that leaves
 * no trace. So every check here compares what a cached server answers with what a server without
 * cache presents afresh from the same database — also a second server whose cache was filled
 * before the change went through the first (several app servers on one PostgreSQL).
 */
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import fc from "fast-check";
import { and, eq, inArray, sql } from "drizzle-orm";
import { buildTestApp, type Client, type TestApp } from "./app";
import { createTestDatabase } from "./db";
import type { Database } from "../src/db/client";
import { listDataVersionTriggers, UNVERSIONED_TABLES } from "../src/db/data-version";
import { acceptedEncoding, READ_CACHE_HEADER } from "../src/server/read-cache";
import { accountRoles, accounts, auditEvents, poolMemberQualifications, poolMembers } from "../src/db/schema";
import {
  CAST,
  confirmQualifications,
  declareCrisis,
  joinPool,
  publishFrameworkAgreement,
  qualificationIds,
  requestBody,
  type CastMember,
} from "./support-cast";
import { countingDatabase, type CountingDatabase } from "./statements";

let database: Database;
let counting: CountingDatabase;
/** The server under test and a second one with its own cache, both on the same database. */
let first: TestApp;
let second: TestApp;
/** A server without read cache on the same database: what is presented afresh. */
let fresh: TestApp;
const cookies = new Map<string, { cookie: string; csrfToken: string }>();

type Who = CastMember;

/** The same session on any of the servers (sessions live in the database). */
function as(app: TestApp, who: Who): Client {
  const { cookie, csrfToken } = cookies.get(who)!;
  return {
    login: CAST[who],
    cookie,
    csrfToken,
    request: (opts) => app.app.inject({ ...opts, headers: { cookie, "x-csrf-token": csrfToken, ...(opts.headers ?? {}) } }),
  };
}
const get = (app: TestApp, who: Who, url: string, headers: Record<string, string> = {}) =>
  as(app, who).request({ method: "GET", url, headers });
const post = (who: Who, url: string, payload: Record<string, unknown>) => as(first, who).request({ method: "POST", url, payload });

async function dataVersion(): Promise<bigint> {
  const { rows } = await database.db.execute(sql`select version::text as v from data_version`);
  return BigInt(String(rows[0].v));
}

/**
 * Reads `url` as `who` from a cached server twice (the second answer must come from its cache)
 * and from the server without cache, and expects the same status and body from all three.
 */
async function expectCachedEqualsFresh(server: TestApp, who: Who, url: string) {
  const once = await get(server, who, url);
  const twice = await get(server, who, url);
  const afresh = await get(fresh, who, url);
  const where = `${who} GET ${url}`;
  expect(afresh.statusCode, where).toBe(once.statusCode);
  expect(twice.statusCode, where).toBe(once.statusCode);
  if (afresh.statusCode !== 200) return;
  expect(twice.headers[READ_CACHE_HEADER], where).toBe("hit");
  // The same caching rule from the cache as presented afresh: a person's page is kept by no proxy
  // or CDN ("private, no-store"), public data (the boundaries) by browsers for an hour.
  expect(once.headers["cache-control"], where).toBe(afresh.headers["cache-control"]);
  expect(twice.headers["cache-control"], where).toBe(afresh.headers["cache-control"]);
  expect(afresh.headers["cache-control"], where).toBe(
    url === "/api/v1/organizations/boundaries" ? "public, max-age=3600" : "private, no-store",
  );
  expect(once.json(), where).toEqual(afresh.json());
  expect(twice.json(), where).toEqual(afresh.json());
}

let q: (key: string) => string;
let crisisId: string;
let memberId: string;

let requests = 0;
/**
 * An open request of the Gesundheitsamt for someone who checks building applications, each for two
 * weeks of its own in 2027 (Katrin is offered to each; her secondments must not overlap).
 */
async function newRequest(): Promise<string> {
  const start = new Date(Date.UTC(2027, 0, 4 + 15 * requests++));
  const end = new Date(start.getTime() + 13 * 24 * 60 * 60 * 1000);
  const res = await post(
    "health",
    "/api/v1/support-requests",
    requestBody({
      startsOn: start.toISOString().slice(0, 10),
      endsOn: end.toISOString().slice(0, 10),
      urgency: "crisis",
      crisisId,
      requiredQualificationIds: [q("bauantragspruefung")],
    }),
  );
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

beforeAll(async () => {
  database = await createTestDatabase();
  counting = countingDatabase(database);
  first = await buildTestApp({ database: counting.database });
  second = await buildTestApp({ database });
  fresh = await buildTestApp({ database, config: { readCacheMegabytes: 0 } });
  for (const who of Object.keys(CAST) as Who[]) {
    const client = await first.signIn(CAST[who]);
    cookies.set(who, { cookie: client.cookie, csrfToken: client.csrfToken });
  }
  q = await qualificationIds(as(fresh, "health"));
  crisisId = await declareCrisis(as(first, "coordination"));
  await publishFrameworkAgreement(as(first, "coordination"));
  memberId = await joinPool(as(first, "katrin"), [{ qualificationId: q("bauantragspruefung") }]);
  await confirmQualifications(as(first, "wunstorfHr"), memberId, [{ qualificationId: q("bauantragspruefung") }]);
}, 120_000);

afterAll(async () => {
  await first?.close();
  await second?.close();
  await fresh?.close();
  await database?.close();
});

/** A secondment of Katrin's (two weeks: no hearing due) walked to its onboarding, where its checklist exists. */
async function inOnboarding(): Promise<string> {
  const offered = await post("wunstorfHr", `/api/v1/support-requests/${await newRequest()}/offers`, { memberId });
  expect(offered.statusCode, offered.body).toBe(201);
  const id = offered.json().id as string;
  const steps: Array<[Who, string]> = [
    ["bauamt", "release"],

    ["wunstorfHr", "approve"],
    ["katrin", "accept"],
    ["council", "council_consent"],
    ["regionHr", "confirm"],
    ["regionHr", "begin_onboarding"],
  ];
  for (const [who, action] of steps) {
    const res = await post(who, `/api/v1/secondments/${id}/transitions`, { action });
    if (res.statusCode !== 200) throw new Error(`${action}: ${res.body}`);
  }
  return id;
}

describe("the data version", () => {
  it("every table but the unversioned ones carries the trigger that raises it", async () => {
    const tables = await listDataVersionTriggers(database.db);
    expect(tables.length).toBeGreaterThan(30);
    // …with the table's unversioned columns as they are declared now.
    const missing = tables.filter((t) => !t.isCurrent && !UNVERSIONED_TABLES.has(t.table)).map((t) => t.table);
    expect(missing).toEqual([]);
    // The unversioned ones exist (a renamed table would silently become versioned or vanish).
    for (const table of UNVERSIONED_TABLES) expect(tables.map((t) => t.table)).toContain(table);
  });

  it("rises with a committed change, not with a rolled-back one nor with the audit log", async () => {
    const before = await dataVersion();
    await database.db
      .transaction(async (tx) => {
        await tx.update(accounts).set({ displayName: "Niemand" }).where(eq(accounts.login, CAST.bauamt));
        tx.rollback();
      })
      .catch(() => undefined);
    expect(await dataVersion()).toBe(before);
    await as(first, "wunstorfHr").request({ method: "GET", url: "/api/v1/pool-members" }); // writes the audit of the read
    expect(await dataVersion()).toBe(before);
    const names = await database.db
      .select({ id: accounts.id, displayName: accounts.displayName })
      .from(accounts)
      .where(inArray(accounts.login, [CAST.bauamt, CAST.katrin]));
    await database.db.transaction(async (tx) => {
      // Two changes in one transaction: one new version, taken at the commit.
      for (const { id, displayName } of names)
        await tx
          .update(accounts)
          .set({ displayName: `${displayName} (neu)` })
          .where(eq(accounts.id, id));
    });
    expect(await dataVersion()).toBeGreaterThan(before);
    for (const { id, displayName } of names) await database.db.update(accounts).set({ displayName }).where(eq(accounts.id, id));
  });

  it("stays with a sign-in (a morning of sign-ins keeps the caches), rises with a change in the same row", async () => {
    await get(first, "katrin", "/api/v1/me/tasks");
    const before = await dataVersion();
    await first.signIn(CAST.bauamt); // writes the account's last sign-in
    expect(await dataVersion()).toBe(before);
    expect((await get(first, "katrin", "/api/v1/me/tasks")).headers[READ_CACHE_HEADER]).toBe("hit");
    // The account pages show the last sign-in: they are presented afresh each time.
    const account = (await get(fresh, "wunstorfHr", "/api/v1/accounts"))
      .json()
      .items.find((a: { login: string }) => a.login === CAST.bauamt);
    const page = await get(first, "wunstorfHr", `/api/v1/accounts/${account.id}`);
    expect(page.headers[READ_CACHE_HEADER]).toBeUndefined();
    expect(page.json().lastSignedInAt).toBe(account.lastSignedInAt);
    await database.db.update(accounts).set({ displayName: "Thomas Meyer-Neu" }).where(eq(accounts.login, CAST.bauamt));
    expect(await dataVersion()).toBeGreaterThan(before);
    await database.db.update(accounts).set({ displayName: "Thomas Meyer" }).where(eq(accounts.login, CAST.bauamt));
  });
});

describe("a change of one's own language (PATCH /api/v1/me)", () => {
  const patchMe = (who: Who, payload: Record<string, unknown>) => as(first, who).request({ method: "PATCH", url: "/api/v1/me", payload });

  it("keeps every other caller's pages in every cache, and the caller's own pages show the new language at once", async () => {
    const requestId = await newRequest();
    const offered = await post("wunstorfHr", `/api/v1/support-requests/${requestId}/offers`, { memberId });
    expect(offered.statusCode, offered.body).toBe(201);
    const secondmentId = offered.json().id as string;
    const others = [`/api/v1/secondments/${secondmentId}`, "/api/v1/secondments", `/api/v1/support-requests/${requestId}`, "/api/v1/me"];
    const own = ["/api/v1/me", `/api/v1/secondments/${secondmentId}`, "/api/v1/me/tasks", "/api/v1/me/pool-membership"];
    // Both servers' caches hold the pages of both callers.
    for (const server of [first, second]) {
      for (const url of others) await expectCachedEqualsFresh(server, "wunstorfHr", url);
      for (const url of own) await expectCachedEqualsFresh(server, "katrin", url);
    }
    for (const locale of ["en", "de"] as const) {
      const before = await dataVersion();
      const changed = await patchMe("katrin", { locale });
      expect(changed.statusCode, changed.body).toBe(200);
      expect(await dataVersion()).toBe(before);
      for (const server of [first, second]) {
        // Nobody else's page was emptied…
        for (const url of others) {
          const res = await get(server, "wunstorfHr", url);
          expect(res.headers[READ_CACHE_HEADER], url).toBe("hit");
          expect(res.json(), url).toEqual((await get(fresh, "wunstorfHr", url)).json());
        }
        // …and Katrin's own account page shows the language she chose, on the server that kept the old page too.
        const me = await get(server, "katrin", "/api/v1/me");
        expect(me.json().locale).toBe(locale);
        for (const url of own) await expectCachedEqualsFresh(server, "katrin", url);
      }
    }
  });

  it("a new display name still empties the caches: it is seen through every server", async () => {
    const original = (await get(fresh, "wunstorfHr", "/api/v1/me")).json().displayName as string;
    for (const server of [first, second]) await expectCachedEqualsFresh(server, "wunstorfHr", "/api/v1/me");
    const before = await dataVersion();
    const renamed = await patchMe("wunstorfHr", { displayName: `${original} (neu)` });
    expect(renamed.statusCode, renamed.body).toBe(200);
    try {
      expect(await dataVersion()).toBeGreaterThan(before);
      for (const server of [first, second]) {
        const me = await get(server, "wunstorfHr", "/api/v1/me");
        expect(me.headers[READ_CACHE_HEADER]).toBe("miss");
        expect(me.json().displayName).toBe(`${original} (neu)`);
      }
    } finally {
      await patchMe("wunstorfHr", { displayName: original });
    }
  });
});

describe("answers from the cache", () => {
  it("every cached route reads only versioned tables, and answers what is presented afresh", async () => {
    const cached = first.app.routeTable.filter((r) => r.readCache).map((r) => r.url);
    expect(cached).toEqual(
      expect.arrayContaining(["/api/v1/secondments", "/api/v1/support-requests", "/api/v1/pool-members", "/api/v1/me/tasks"]),
    );
    const requestId = await newRequest();
    const offered = await post("wunstorfHr", `/api/v1/support-requests/${requestId}/offers`, { memberId });
    expect(offered.statusCode, offered.body).toBe(201);
    const ids: Record<string, string> = {
      "/api/v1/secondments/:id": offered.json().id,
      "/api/v1/secondments/:id/onboarding": await inOnboarding(),
      "/api/v1/support-requests/:id": requestId,
      "/api/v1/pool-members/:id": memberId,
      "/api/v1/organizations/:id": (await get(fresh, "wunstorfHr", "/api/v1/organizations")).json().items[0].id,
      "/api/v1/crises/:id/board": crisisId,
    };
    // Each route as someone it answers (the coordination office sees the region's board and settings).
    const reader = (url: string): Who =>
      url === "/api/v1/crises/:id/board" ? "coordination" : url.startsWith("/api/v1/me/pool") ? "katrin" : "wunstorfHr";
    for (const route of cached) {
      const url = route.includes(":id") ? route.replace(":id", ids[route] ?? "missing") : route;
      expect(ids[route] ?? url, `an id for ${route}`).not.toBe("missing");
      counting.reset();
      const res = await get(first, reader(route), url);
      expect(res.statusCode, `${route}: ${res.body}`).toBe(200);
      expect(res.headers[READ_CACHE_HEADER], route).toBe("miss");
      // Reads of unversioned tables would make the cache stale: only the session (its own
      // statement, first) and the audit of a read (an insert) may name them.
      const reads = counting.statements.slice(1).filter((s) => !/^insert into "audit_events"/i.test(s));
      for (const table of UNVERSIONED_TABLES) {
        if (table === "data_version") continue;
        expect(
          reads.filter((s) => s.includes(`"${table}"`)),
          `${route} reads ${table}`,
        ).toEqual([]);
      }
      await expectCachedEqualsFresh(first, reader(route), url);
    }
  });

  it("a change through one server is seen at once through another whose cache held the old page", async () => {
    const requestId = await newRequest();
    // The second server presents the request to the lender and keeps it.
    await expectCachedEqualsFresh(second, "wunstorfHr", `/api/v1/support-requests/${requestId}`);
    const before = (await get(second, "wunstorfHr", `/api/v1/support-requests/${requestId}`)).json();
    const offered = await post("wunstorfHr", `/api/v1/support-requests/${requestId}/offers`, { memberId });
    expect(offered.statusCode, offered.body).toBe(201);
    const after = await get(second, "wunstorfHr", `/api/v1/support-requests/${requestId}`);
    expect(after.headers[READ_CACHE_HEADER]).toBe("miss");
    expect(after.json()).not.toEqual(before);
    expect(after.json()).toEqual((await get(fresh, "wunstorfHr", `/api/v1/support-requests/${requestId}`)).json());
  });

  it("walking a secondment through any order of steps, every party's pages from the cache equal those presented afresh", async () => {
    const STEPS: Array<[Who, string, string?]> = [
      ["bauamt", "release"],
      ["wunstorfHr", "approve"],
      ["wunstorfHr", "record_hearing"],
      ["katrin", "accept"],
      ["council", "council_consent"],
      ["regionHr", "confirm"],
      ["regionHr", "begin_onboarding"],
      ["bauamt", "cancel", "Eigener Rückstand bei Bauanträgen"],
    ];
    const READERS: Who[] = ["wunstorfHr", "regionHr", "katrin", "council", "garbsenHr"];
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(STEPS.length - 1), { minLength: 1, maxLength: 6 }), async (order) => {
        const requestId = await newRequest();
        const offered = await post("wunstorfHr", `/api/v1/support-requests/${requestId}/offers`, { memberId });
        expect(offered.statusCode, offered.body).toBe(201);
        const id = offered.json().id as string;
        const urls = [`/api/v1/secondments/${id}`, "/api/v1/secondments", "/api/v1/me/tasks"];
        for (const who of READERS) for (const url of urls) await get(second, who, url); // the second server's cache is filled
        for (const index of order) {
          const [who, action, reason] = STEPS[index];
          await post(who, `/api/v1/secondments/${id}/transitions`, reason ? { action, reason } : { action });
          for (const who of READERS) for (const url of urls) await expectCachedEqualsFresh(second, who, url);
        }
        // Leave no open proposal for Katrin behind (the next run offers her again).
        await post("wunstorfHr", `/api/v1/secondments/${id}/transitions`, { action: "cancel", reason: "Ende des Testlaufs" });
      }),
      { numRuns: 5 },
    );
  }, 240_000);

  it("a role taken away is not answered from the cache", async () => {
    expect((await get(first, "garbsenHr", "/api/v1/pool-members")).statusCode).toBe(200);
    expect((await get(first, "garbsenHr", "/api/v1/pool-members")).headers[READ_CACHE_HEADER]).toBe("hit");
    const [account] = await database.db.select().from(accounts).where(eq(accounts.login, CAST.garbsenHr));
    const roles = await database.db.delete(accountRoles).where(eq(accountRoles.accountId, account.id)).returning();
    try {
      const res = await get(first, "garbsenHr", "/api/v1/pool-members");
      expect(res.statusCode).toBe(403);
    } finally {
      await database.db.insert(accountRoles).values(roles);
    }
  });

  it("each answer of the pool list from the cache is audited like a read from the database", async () => {
    const reads = async () =>
      (
        await database.db
          .select({ n: sql<number>`count(*)::int` })
          .from(auditEvents)
          .where(and(eq(auditEvents.entity, "pool_member"), eq(auditEvents.action, "read"), eq(auditEvents.actorLogin, CAST.wunstorfHr)))
      )[0].n;
    const members = (await get(fresh, "wunstorfHr", "/api/v1/pool-members")).json().items.length as number;
    expect(members).toBeGreaterThan(0);
    const before = await reads();
    await get(first, "wunstorfHr", "/api/v1/pool-members");
    const hit = await get(first, "wunstorfHr", "/api/v1/pool-members");
    expect(hit.headers[READ_CACHE_HEADER]).toBe("hit");
    const detail = `/api/v1/pool-members/${memberId}`;
    await get(first, "wunstorfHr", detail);
    expect((await get(first, "wunstorfHr", detail)).headers[READ_CACHE_HEADER]).toBe("hit");
    // One entry per page and per detail, from the cache or not (the page's people in subject_ids).
    expect(await reads()).toBe(before + 4);
  });

  it("another day is presented afresh (deadlines and states depend on the date)", async () => {
    // One second before midnight in Germany, and a few after: the same session, the same data.
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(new Date("2026-12-03T22:59:55Z"));
      const late = await first.signIn(CAST.regionHr);
      const read = () => late.request({ method: "GET", url: "/api/v1/me/tasks" });
      expect((await read()).headers[READ_CACHE_HEADER]).toBe("miss");
      expect((await read()).headers[READ_CACHE_HEADER]).toBe("hit");
      vi.setSystemTime(new Date("2026-12-03T23:00:05Z"));
      const tomorrow = await read();
      expect(tomorrow.statusCode, tomorrow.body).toBe(200);
      expect(tomorrow.headers[READ_CACHE_HEADER]).toBe("miss");
    } finally {
      vi.useRealTimers();
    }
  });

  it("sends the kept answer compressed as the client accepts it", async () => {
    const url = "/api/v1/organizations";
    const plain = await get(fresh, "katrin", url);
    await get(first, "katrin", url);
    for (const [accept, encoding, decode] of [
      ["br, gzip", "br", zlib.brotliDecompressSync],
      ["gzip", "gzip", zlib.gunzipSync],
    ] as const) {
      const res = await first.app.inject({
        method: "GET",
        url,
        headers: { cookie: cookies.get("katrin")!.cookie, "accept-encoding": accept },
      });
      expect(res.headers[READ_CACHE_HEADER]).toBe("hit");
      expect(res.headers["content-encoding"]).toBe(encoding);
      expect(JSON.parse(decode(res.rawPayload).toString("utf8"))).toEqual(plain.json());
    }
    expect(acceptedEncoding("gzip;q=1, br;q=0")).toBe("gzip");
    expect(acceptedEncoding("identity")).toBeUndefined();
    expect(acceptedEncoding("*")).toBe("br");
    expect(acceptedEncoding(undefined)).toBeUndefined();
  });
});

describe("the own pool, remembered for one data version", () => {
  it("a change of the pool, through the API or directly in the database, is counted at the next read of a request", async () => {
    const url = `/api/v1/support-requests/${await newRequest()}`;
    // Read by the server without read cache: only the remembered pool could make it stale.
    const eligible = async (app: TestApp = fresh) => {
      const res = await get(app, "wunstorfHr", url);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().eligibleOwnMembers as number;
    };
    const before = await eligible();
    expect(before).toBeGreaterThanOrEqual(1); // Katrin
    expect(await eligible()).toBe(before);
    const katrins = and(
      eq(poolMemberQualifications.memberId, memberId),
      eq(poolMemberQualifications.qualificationId, q("bauantragspruefung")),
    );
    const [held] = await database.db.select().from(poolMemberQualifications).where(katrins);
    expect(held.confirmedAt).not.toBeNull();
    // Another writer (psql, another app server) takes the confirmation back…
    await database.db.update(poolMemberQualifications).set({ confirmedAt: null }).where(katrins);
    try {
      expect(await eligible()).toBe(before - 1);
      expect(await eligible(first)).toBe(before - 1);
    } finally {
      await database.db.update(poolMemberQualifications).set({ confirmedAt: held.confirmedAt }).where(katrins);
    }
    expect(await eligible()).toBe(before);
    // …and through the API: Katrin leaves the pool, and her HR office's count follows at once.
    const left = await as(first, "katrin").request({ method: "DELETE", url: "/api/v1/me/pool-membership" });
    expect(left.statusCode, left.body).toBe(204);
    try {
      expect(await eligible()).toBe(before - 1);
    } finally {
      await database.db.update(poolMembers).set({ leftAt: null }).where(eq(poolMembers.id, memberId));
    }
    expect(await eligible()).toBe(before);
  });
});

describe("without a cache", () => {
  it("VERBUND_READ_CACHE_MB=0 presents every read afresh", async () => {
    await get(fresh, "katrin", "/api/v1/me");
    const res = await get(fresh, "katrin", "/api/v1/me");
    expect(res.statusCode).toBe(200);
    expect(res.headers[READ_CACHE_HEADER]).toBeUndefined();
  });
});
