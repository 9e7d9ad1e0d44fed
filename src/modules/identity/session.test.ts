import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import fc from "fast-check";
import { sql } from "drizzle-orm";
import { buildTestApp, type TestApp } from "../../../test/app";
import { TEST_PASSWORD } from "../../../test/constants";
import { countingDatabase } from "../../../test/statements";
import { pgliteOf } from "../../db/client";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

const post = (login: string, password: string, ip = "127.0.0.1", cookie?: string) =>
  t.app.inject({
    method: "POST",
    url: "/api/v1/session",
    payload: { login, password },
    remoteAddress: ip,
    headers: cookie ? { cookie } : {},
  });

describe("login", () => {
  it("signs in with login and password and returns the account, CSRF token and expiry", async () => {
    const res = await post("Personal@Wunstorf.demo ", TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.me.login).toBe("personal@wunstorf.demo");
    expect(body.me.organization.name).toBe("Wunstorf");
    expect(body.me.roles).toEqual(["org_admin"]);
    expect(body.me.abilities.manageAccounts).toBe(true);
    expect(body.csrfToken).toMatch(/^[\w-]{40,}$/);
    expect(body.idleTimeoutSeconds).toBe(1800);
    const cookie = res.cookies.find((c) => c.name === "verbund_session")!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe("Lax");
    expect(cookie.secure).toBeFalsy();
  });

  it("answers an unknown login exactly like a wrong password", async () => {
    const wrong = await post("kaemmerei@wunstorf.demo", "falsches-passwort", "10.0.0.1");
    const unknown = await post("niemand@wunstorf.demo", "falsches-passwort", "10.0.0.2");
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(unknown.body).toBe(wrong.body);
    expect(wrong.json().messages.de).toBe("Anmeldename oder Passwort ist falsch.");
  });

  it("property: for any unknown login the answer equals the wrong-password answer", async () => {
    const reference = (await post("beteiligung@wunstorf.demo", "nicht-das-passwort", "10.0.1.1")).body;
    await fc.assert(
      fc.asyncProperty(
        fc.stringMatching(/^[a-z0-9.]{1,20}@[a-z]{2,10}\.demo$/),
        fc.string({ minLength: 1, maxLength: 40 }),
        async (login, password) => {
          fc.pre(!login.endsWith("wunstorf.demo") && !login.endsWith("garbsen.demo") && !login.endsWith("region-hannover.demo"));
          const res = await post(login, password, "10.0.1.2");
          expect(res.statusCode).toBe(401);
          expect(res.body).toBe(reference);
        },
      ),
      { numRuns: 20 },
    );
  });

  it("names the invalid fields of a malformed login in German and English", async () => {
    const res = await t.app.inject({ method: "POST", url: "/api/v1/session", payload: { login: "" } });
    expect(res.statusCode).toBe(400);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    const body = res.json();
    expect(body.errors.map((e: { field: string }) => e.field).sort()).toEqual(["login", "password"]);
    expect(body.errors.find((e: { field: string }) => e.field === "password").message).toEqual({
      de: "Bitte füllen Sie dieses Feld aus.",
      en: "Please fill in this field.",
    });
    const english = await t.app.inject({ method: "POST", url: "/api/v1/session", payload: {}, headers: { "accept-language": "en-GB,en" } });
    expect(english.json().title).toBe("The input is not valid.");
  });

  it("changes the session id at login and invalidates the old one (session fixation)", async () => {
    const first = await post("bauamt@wunstorf.demo", TEST_PASSWORD);
    const oldCookie = `verbund_session=${first.cookies[0].value}`;
    const second = await post("bauamt@wunstorf.demo", TEST_PASSWORD, "127.0.0.1", oldCookie);
    expect(second.cookies[0].value).not.toBe(first.cookies[0].value);
    const withOld = await t.app.inject({ method: "GET", url: "/api/v1/me", headers: { cookie: oldCookie } });
    expect(withOld.statusCode).toBe(401);
    const withNew = await t.app.inject({
      method: "GET",
      url: "/api/v1/me",
      headers: { cookie: `verbund_session=${second.cookies[0].value}` },
    });
    expect(withNew.statusCode).toBe(200);
  });

  it("a forged session cookie chosen by an attacker is never adopted", async () => {
    const res = await post("controlling@wunstorf.demo", TEST_PASSWORD, "127.0.0.1", "verbund_session=attacker-chosen-value");
    expect(res.cookies[0].value).not.toBe("attacker-chosen-value");
  });
});

describe("brute force", () => {
  it("locks a login after 10 failures in 15 minutes, whatever the IP, also for the right password", async () => {
    for (let i = 0; i < 10; i++) {
      const res = await post("klimaschutz@wunstorf.demo", `falsch-${i}`, `192.0.2.${i + 1}`);
      expect(res.statusCode).toBe(401);
    }
    const locked = await post("klimaschutz@wunstorf.demo", TEST_PASSWORD, "198.51.100.7");
    expect(locked.statusCode).toBe(429);
    expect(locked.headers["retry-after"]).toBe("900");
    expect(locked.json().messages.de).toContain("15 Minuten");
    // An unknown login is locked the same way, so the lock does not reveal which logins exist.
    for (let i = 0; i < 10; i++) await post("gibt-es-nicht@wunstorf.demo", `x-${i}`, `192.0.2.${i + 20}`);
    expect((await post("gibt-es-nicht@wunstorf.demo", "x", "198.51.100.8")).body).toBe(locked.body);
    // Other accounts are not affected.
    expect((await post("beteiligung@wunstorf.demo", TEST_PASSWORD, "198.51.100.7")).statusCode).toBe(200);
  });

  it("unlocks after 15 minutes", async () => {
    await t.database.db.execute(
      sql`UPDATE login_locks SET locked_until = now() - interval '1 second' WHERE login = 'klimaschutz@wunstorf.demo'`,
    );
    await t.database.db.execute(sql`UPDATE login_attempts SET at = at - interval '16 minutes' WHERE login = 'klimaschutz@wunstorf.demo'`);
    expect((await post("klimaschutz@wunstorf.demo", TEST_PASSWORD, "198.51.100.9")).statusCode).toBe(200);
  });

  it("throttles an IP address after 30 failures in 15 minutes, across logins", async () => {
    for (let i = 0; i < 30; i++) {
      const res = await post(`versuch${i}@example.org`, "falsch", "203.0.113.50");
      expect(res.statusCode).toBe(401);
    }
    const res = await post("personal@garbsen.demo", TEST_PASSWORD, "203.0.113.50");
    expect(res.statusCode).toBe(429);
    expect((await post("personal@garbsen.demo", TEST_PASSWORD, "203.0.113.51")).statusCode).toBe(200);
  });

  it("audits failed and successful logins", async () => {
    const { rows } = await t.database.db.execute(
      sql`SELECT action, after->>'reason' AS reason FROM audit_events WHERE actor_login = 'klimaschutz@wunstorf.demo' ORDER BY id`,
    );
    const entries = rows as Array<{ action: string; reason: string | null }>;
    // Ten wrong passwords, then the attempts the lock refused (the right password among them).
    expect(entries.filter((e) => e.action === "login_failed" && e.reason === "password")).toHaveLength(10);
    expect(entries.filter((e) => e.action === "login_failed" && e.reason === "locked").length).toBeGreaterThan(0);
    expect(entries.at(-1)!.action).toBe("login");
  });
});

describe("session", () => {
  it("refuses a state change with the session cookie but without the CSRF token", async () => {
    const client = await t.signIn("mitarbeiterin@wunstorf.demo");
    const without = await t.app.inject({
      method: "PATCH",
      url: "/api/v1/me",
      payload: { locale: "en" },
      headers: { cookie: client.cookie },
    });
    expect(without.statusCode).toBe(403);
    expect(without.json().code).toBe("csrf");
    const wrong = await t.app.inject({
      method: "PATCH",
      url: "/api/v1/me",
      payload: { locale: "en" },
      headers: { cookie: client.cookie, "x-csrf-token": "x".repeat(43) },
    });
    expect(wrong.statusCode).toBe(403);
    const me = await client.request({ method: "GET", url: "/api/v1/me" });
    expect(me.json().locale).toBe("de");
    const ok = await client.request({ method: "PATCH", url: "/api/v1/me", payload: { locale: "en" } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().locale).toBe("en");
  });

  it("ends after 30 idle minutes with a clear message", async () => {
    const client = await t.signIn("personalrat@wunstorf.demo");
    expect((await client.request({ method: "GET", url: "/api/v1/me" })).statusCode).toBe(200);
    await t.database.db.execute(sql`UPDATE sessions SET last_seen_at = now() - interval '29 minutes'`);
    expect((await client.request({ method: "GET", url: "/api/v1/me" })).statusCode).toBe(200); // activity extends it
    await t.database.db.execute(sql`UPDATE sessions SET last_seen_at = now() - interval '31 minutes'`);
    const res = await client.request({ method: "GET", url: "/api/v1/me" });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe("session_expired");
  });

  it("reports the idle expiry without extending it, and extends it on request", async () => {
    const client = await t.signIn("kaemmerei@wunstorf.demo");
    await t.database.db.execute(sql`UPDATE sessions SET last_seen_at = now() - interval '28 minutes'`);
    const status = await client.request({ method: "GET", url: "/api/v1/session" });
    const remaining = new Date(status.json().idleExpiresAt).getTime() - Date.now();
    expect(remaining).toBeLessThan(2.5 * 60_000);
    const again = await client.request({ method: "GET", url: "/api/v1/session" });
    expect(again.json().idleExpiresAt).toBe(status.json().idleExpiresAt);
    const extended = await client.request({ method: "POST", url: "/api/v1/session/extend" });
    expect(new Date(extended.json().idleExpiresAt).getTime() - Date.now()).toBeGreaterThan(29 * 60_000);
  });

  it("ends 12 hours after login even when active", async () => {
    const client = await t.signIn("buergermeister@wunstorf.demo");
    await t.database.db.execute(sql`UPDATE sessions SET created_at = now() - interval '12 hours 1 minute'`);
    const res = await client.request({ method: "GET", url: "/api/v1/me" });
    expect(res.statusCode).toBe(401);
  });

  it("logs out: the cookie no longer works", async () => {
    const client = await t.signIn("sachbearbeitung@wunstorf.demo");
    const out = await client.request({ method: "DELETE", url: "/api/v1/session" });
    expect(out.statusCode).toBe(200);
    expect(out.json()).toEqual({ logoutUrl: null });
    expect((await client.request({ method: "GET", url: "/api/v1/me" })).statusCode).toBe(401);
  });

  it("sets Secure on the cookie behind HTTPS", async () => {
    const secure = await buildTestApp({ database: t.database, config: { baseUrl: "https://verbund.region-hannover.de" } });
    const res = await secure.app.inject({
      method: "POST",
      url: "/api/v1/session",
      payload: { login: "personal@garbsen.demo", password: TEST_PASSWORD },
    });
    expect(res.cookies[0].secure).toBe(true);
    await secure.close();
  });

  it("changes the own password and ends the other sessions", async () => {
    const a = await t.signIn("mitarbeiter@garbsen.demo");
    const b = await t.signIn("mitarbeiter@garbsen.demo");
    const short = await a.request({
      method: "POST",
      url: "/api/v1/me/password",
      payload: { currentPassword: TEST_PASSWORD, newPassword: "kurz" },
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().errors[0]).toMatchObject({ field: "newPassword", rule: "too_small" });
    const ok = await a.request({
      method: "POST",
      url: "/api/v1/me/password",
      payload: { currentPassword: TEST_PASSWORD, newPassword: "ein-neues-langes-passwort" },
    });
    expect(ok.statusCode).toBe(204);
    expect((await a.request({ method: "GET", url: "/api/v1/me" })).statusCode).toBe(200);
    expect((await b.request({ method: "GET", url: "/api/v1/me" })).statusCode).toBe(401);
    expect((await post("mitarbeiter@garbsen.demo", "ein-neues-langes-passwort", "10.9.9.9")).statusCode).toBe(200);
  });
});

describe("activity is written at most once a minute (issue #14)", () => {
  const sessionId = (client: { cookie: string }) =>
    createHash("sha256")
      .update(client.cookie.replace(/^.*verbund_session=([^;]+).*$/, "$1"))
      .digest("hex");
  const lastSeen = async (client: { cookie: string }) => {
    const { rows } = await t.database.db.execute(
      sql`SELECT extract(epoch from now() - last_seen_at)::float AS age FROM sessions WHERE id = ${sessionId(client)}`,
    );
    return Number((rows[0] as { age: number }).age);
  };
  const setAge = (client: { cookie: string }, seconds: number) =>
    t.database.db.execute(
      sql`UPDATE sessions SET last_seen_at = now() - make_interval(secs => ${seconds}) WHERE id = ${sessionId(client)}`,
    );

  it("a signed-in read costs one statement for session, account and roles; a minute later it writes the activity once", async () => {
    const counting = countingDatabase(t.database);
    const app = await buildTestApp({ database: counting.database });
    try {
      const client = await app.signIn("mitarbeiterin@wunstorf.demo");
      await setAge(client, 30);
      counting.reset();
      const me = await client.request({ method: "GET", url: "/api/v1/me" });
      expect(me.statusCode).toBe(200);
      expect(me.json().roles).toEqual(["employee"]);
      const sessionReads = counting.statements.filter((q) => /\bsessions\b/.test(q));
      expect(sessionReads).toHaveLength(1);
      expect(sessionReads[0]).toMatch(/account_roles/);
      expect(await lastSeen(client)).toBeGreaterThanOrEqual(30);

      await setAge(client, 61);
      counting.reset();
      expect((await client.request({ method: "GET", url: "/api/v1/me" })).statusCode).toBe(200);
      expect(counting.statements.filter((q) => /^update "sessions"/i.test(q))).toHaveLength(1);
      expect(await lastSeen(client)).toBeLessThan(5);
      counting.reset();
      expect((await client.request({ method: "GET", url: "/api/v1/me" })).statusCode).toBe(200);
      expect(counting.statements.filter((q) => /^update "sessions"/i.test(q))).toHaveLength(0);
    } finally {
      await app.close();
    }
  });

  it("property: after any read the session lasts at least what the answer says, and at least 29 minutes", async () => {
    const client = await t.signIn("sachbearbeitung@wunstorf.demo");
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 1799 }), async (age) => {
        await setAge(client, age);
        const res = await client.request({ method: "GET", url: "/api/v1/me" });
        expect(res.statusCode).toBe(200);
        const promised = Number(res.headers["verbund-idle-remaining"]);
        // What the database will allow from now on (its clock decides the idle limit).
        const left = 1800 - (await lastSeen(client));
        expect(promised).toBeLessThanOrEqual(left + 1);
        expect(promised).toBeGreaterThanOrEqual(left - 2);
        expect(left).toBeGreaterThanOrEqual(1800 - 60 - 2);
      }),
      { numRuns: 20 },
    );
  });

  it("on the embedded database, a read while nothing was written sends no statement for the session; every write brings the next read back", async () => {
    const raw = pgliteOf(t.database);
    if (!raw) return; // PostgreSQL: other servers write too, so every request reads its session (the test above).
    const sent: string[] = [];
    const query = raw.query;
    raw.query = ((...args: Parameters<typeof query>) => {
      sent.push(args[0]);
      return query.apply(raw, args);
    }) as typeof query;
    try {
      const client = await t.signIn("mitarbeiterin@wunstorf.demo");
      const other = await t.signIn("personal@wunstorf.demo");
      const read = () => client.request({ method: "GET", url: "/api/v1/session" });
      expect((await read()).statusCode).toBe(200);
      sent.length = 0;
      const remembered = await read();
      expect(remembered.statusCode).toBe(200);
      expect(sent.filter((q) => /\bsessions\b/.test(q))).toEqual([]);
      // The idle limit counts on from what the database said (the statement rounds to the second).
      expect(Math.abs(remembered.json().idleRemainingSeconds - (1800 - (await lastSeen(client))))).toBeLessThanOrEqual(2);

      // Any write — here another person's change of language — and the next read asks the database again.
      expect((await other.request({ method: "PATCH", url: "/api/v1/me", payload: { locale: "en" } })).statusCode).toBe(200);
      sent.length = 0;
      expect((await read()).statusCode).toBe(200);
      expect(sent.filter((q) => /\bsessions\b/.test(q))).toHaveLength(1);

      // Idle for 31 minutes, written directly in the database: the remembered session is not used.
      expect((await client.request({ method: "GET", url: "/api/v1/me" })).statusCode).toBe(200);
      await setAge(client, 31 * 60);
      expect((await client.request({ method: "GET", url: "/api/v1/me" })).statusCode).toBe(401);
    } finally {
      raw.query = query;
    }
  });

  it("on the embedded database, a remembered session ends by the wall clock too: after the machine slept past the idle limit it is not used", async () => {
    const raw = pgliteOf(t.database);
    if (!raw) return; // PostgreSQL: every request reads its session.
    const client = await t.signIn("kaemmerei@wunstorf.demo");
    const read = () => client.request({ method: "GET", url: "/api/v1/me" });
    expect((await read()).statusCode).toBe(200);
    expect((await read()).statusCode).toBe(200); // remembered
    // A laptop running Verbund sleeps for 31 minutes: the wall clock (the database's now()) moves on,
    // the monotonic clock (performance.now) does not. The database's view of it, without a write:
    // the session's last activity lies 31 minutes back.
    await raw.query(
      `UPDATE sessions SET last_seen_at = last_seen_at - interval '31 minutes', created_at = created_at - interval '31 minutes' WHERE id = $1`,
      [sessionId(client)],
    );
    const wall = Date.now();
    const slept = vi.spyOn(Date, "now").mockReturnValue(wall + 31 * 60 * 1000);
    try {
      expect((await read()).statusCode).toBe(401);
    } finally {
      slept.mockRestore();
    }
  });

  it("an explicit extension always writes, also within the minute", async () => {
    const client = await t.signIn("controlling@wunstorf.demo");
    await setAge(client, 40);
    const extended = await client.request({ method: "POST", url: "/api/v1/session/extend" });
    expect(extended.statusCode).toBe(200);
    expect(extended.json().idleRemainingSeconds).toBeGreaterThanOrEqual(1799);
    expect(await lastSeen(client)).toBeLessThan(5);
    const status = await client.request({ method: "GET", url: "/api/v1/session" });
    expect(status.json().idleRemainingSeconds).toBeGreaterThanOrEqual(1795);
    expect(status.json().touchIntervalSeconds).toBe(60);
  });
});
