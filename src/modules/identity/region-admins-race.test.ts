/**
 * The last active region_admin of a region is a guard that must hold under concurrency: two
 * coordinators who strip (or deactivate) each other at the same moment must not both succeed.
 * On PostgreSQL (`TEST_DATABASE_URL`) the requests really overlap (pool of 25); on PGlite they run
 * one after the other and the same end state must come out.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { buildTestApp, type Client, type TestApp } from "../../../test/app";
import { createTestDatabase } from "../../../test/db";
import { fireTogether, statusCounts } from "../../../test/parallel";
import { createAdministrator } from "../../cli/create-admin";

let t: TestApp;
const PASSWORD = "koordination-test-2026";

async function coordinator(login: string): Promise<{ client: Client; id: string }> {
  const created = await createAdministrator(t.database.db, {
    ags: "03241",
    login,
    password: PASSWORD,
    roles: ["org_admin", "region_admin"],
  });
  return { client: await t.signIn(login, PASSWORD), id: created.id };
}

/** Active accounts of the region holding region_admin. */
async function activeRegionAdmins(): Promise<string[]> {
  const { rows } = await t.database.db.execute(
    sql`SELECT a.login FROM account_roles r JOIN accounts a ON a.id = r.account_id WHERE r.role = 'region_admin' AND a.is_active ORDER BY a.login`,
  );
  return (rows as Array<{ login: string }>).map((r) => r.login);
}

beforeAll(async () => {
  t = await buildTestApp({ database: await createTestDatabase({ poolSize: 25 }) });
}, 60_000);
afterAll(async () => {
  await t?.close();
  await t?.database.close();
});

describe("the last active region_admin", () => {
  it("two coordinators stripping each other at the same moment (20 requests): exactly one keeps the role", async () => {
    const a = await coordinator("a@region-hannover.test");
    const b = await coordinator("b@region-hannover.test");
    // Only the two of them are left.
    const demo = (await a.client.request({ method: "GET", url: "/api/v1/accounts" }))
      .json()
      .items.find((x: { login: string }) => x.login === "koordination@region-hannover.demo");
    expect((await a.client.request({ method: "PATCH", url: `/api/v1/accounts/${demo.id}`, payload: { isActive: false } })).statusCode).toBe(
      200,
    );
    expect(await activeRegionAdmins()).toEqual(["a@region-hannover.test", "b@region-hannover.test"]);

    const strip = (by: Client, target: string) => ({
      client: by,
      request: { method: "PATCH" as const, url: `/api/v1/accounts/${target}`, payload: { roles: ["org_admin"] } },
    });
    const calls = Array.from({ length: 20 }, (_, i) => (i % 2 ? strip(a.client, b.id) : strip(b.client, a.id)));
    const answers = await fireTogether(calls);
    const counts = statusCounts(answers);
    expect(
      Object.keys(counts).every((s) => ["200", "400", "403", "409"].includes(s)),
      JSON.stringify(counts),
    ).toBe(true);
    expect(counts[200]).toBeGreaterThan(0);
    expect(await activeRegionAdmins()).toHaveLength(1);
  }, 60_000);

  it("two coordinators deactivating each other at the same moment (20 requests): exactly one stays active", async () => {
    const [survivor] = await activeRegionAdmins();
    const s = { client: await t.signIn(survivor, PASSWORD), id: "" };
    const { rows } = await t.database.db.execute(sql`SELECT id FROM accounts WHERE login = ${survivor}`);
    s.id = (rows[0] as { id: string }).id;
    const c = await coordinator("c@region-hannover.test");
    expect(await activeRegionAdmins()).toHaveLength(2);

    const deactivate = (by: Client, target: string) => ({
      client: by,
      request: { method: "PATCH" as const, url: `/api/v1/accounts/${target}`, payload: { isActive: false } },
    });
    const calls = Array.from({ length: 20 }, (_, i) => (i % 2 ? deactivate(s.client, c.id) : deactivate(c.client, s.id)));
    const counts = statusCounts(await fireTogether(calls));
    expect(
      Object.keys(counts).every((x) => ["200", "401", "403", "409"].includes(x)),
      JSON.stringify(counts),
    ).toBe(true);
    expect(counts[200]).toBeGreaterThan(0);
    expect(await activeRegionAdmins()).toHaveLength(1);
  }, 60_000);
});
