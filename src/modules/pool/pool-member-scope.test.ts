import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import type { Actor } from "../../kernel/actor";
import type { Role } from "../../kernel/roles";
import { createTestDatabase } from "../../../test/db";
import { seedDemoPool } from "../../db/seed/demo-pool";
import { getVisiblePoolMember, listNamedPoolMembers, listVisiblePoolMembers, shownCount } from "./pool-member-scope";

// The pool's scope, checked for every account of the seeded region against the rows themselves:
// who sees which entry whole, whose names, and that a foreign entry does not exist for anyone.

let database: Database;
let actors: Actor[];
let members: Array<{ id: string; organizationId: string; accountId: string | null }>;

beforeAll(async () => {
  database = await createTestDatabase();
  // The demo pool (about 300 people across the region, one of them with her account), and an own
  // entry for every other account, kept by its holder.
  await seedDemoPool(database.db);
  await database.db.execute(sql`
    INSERT INTO pool_members (region_id, organization_id, account_id, name, work_email, job_title, employment_status, pay_group, consent_version, consented_at)
    SELECT region_id, organization_id, id, display_name, login, 'Sachbearbeitung', 'employee', 'E 9b', '1', now() FROM accounts
    WHERE id NOT IN (SELECT account_id FROM pool_members WHERE account_id IS NOT NULL)`);
  const { rows } = await database.db.execute(sql`
    SELECT a.id, a.region_id, a.organization_id, a.department_id, a.login, a.display_name,
      coalesce((SELECT string_agg(r.role, ',') FROM account_roles r WHERE r.account_id = a.id), '') AS roles
    FROM accounts a WHERE a.is_active`);
  actors = (rows as Array<Record<string, string | null>>).map((a) => ({
    accountId: a.id!,
    regionId: a.region_id!,
    organizationId: a.organization_id!,
    departmentId: a.department_id,
    login: a.login!,
    displayName: a.display_name!,
    roles: a.roles ? (a.roles.split(",") as Role[]) : [],
    sessionId: "",
    csrfToken: "",
  }));
  members = (await database.db.execute(sql`SELECT id, organization_id AS "organizationId", account_id AS "accountId" FROM pool_members`))
    .rows as typeof members;
}, 120_000);
afterAll(async () => database?.close());

/** Every page of what the actor sees. */
async function allVisible(actor: Actor): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await listVisiblePoolMembers(database.db, actor, { limit: 200, cursor, includeFormer: true });
    ids.push(...page.rows.map((r) => r.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return ids.sort();
}

describe("pool member scope", () => {
  it("the HR office sees its administration's entries whole, everyone else only their own entry", async () => {
    expect(actors.length).toBeGreaterThan(10);
    expect(members.length).toBeGreaterThan(200);
    let hrOffices = 0;
    for (const actor of actors) {
      const isHr = actor.roles.includes("org_admin");
      hrOffices += isHr ? 1 : 0;
      const expected = members
        .filter((m) => (isHr ? m.organizationId === actor.organizationId : m.accountId === actor.accountId))
        .map((m) => m.id)
        .sort();
      expect({ login: actor.login, ids: await allVisible(actor) }).toEqual({ login: actor.login, ids: expected });
    }
    expect(hrOffices).toBeGreaterThan(1);
  });

  it("an entry of another administration does not exist for anyone (404), whatever the role", async () => {
    for (const actor of actors) {
      const foreign = members.find((m) => m.organizationId !== actor.organizationId)!;
      await expect(getVisiblePoolMember(database.db, actor, foreign.id)).rejects.toMatchObject({ code: "not_found" });
    }
  });

  it("names are shown within the home administration only", async () => {
    const coordination = actors.find((a) => a.roles.includes("region_admin"))!;
    const named = await listNamedPoolMembers(database.db, coordination, { ids: members.map((m) => m.id) });
    const own = members.filter((m) => m.organizationId === coordination.organizationId).map((m) => m.id);
    expect(own.length).toBeGreaterThan(0);
    expect(named.map((n) => n.id).sort()).toEqual(own.sort());
  });

  it("a count across the region is hidden when it could single out one or two people", () => {
    fc.assert(
      fc.property(fc.nat(10_000), (n) => {
        expect(shownCount(n)).toBe(n === 1 || n === 2 ? null : n);
      }),
    );
  });
});
