import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import type { Actor } from "../../kernel/actor";
import type { Role } from "../../kernel/roles";
import { createTestDatabase } from "../../../test/db";
import { getVisibleAccount, listAccountNames, listVisibleAccounts } from "./account-scope";

// The accounts' scope, checked for every account of the seeded region against the rows
// themselves: the HR office sees its administration's accounts, everyone else their own; names
// stay within the administration; a foreign account does not exist for anyone.

let database: Database;
let actors: Array<Actor & { isActive: boolean }>;

beforeAll(async () => {
  database = await createTestDatabase();
  const { rows } = await database.db.execute(sql`
    SELECT a.id, a.region_id, a.organization_id, a.department_id, a.login, a.display_name, a.is_active,
      coalesce((SELECT string_agg(r.role, ',') FROM account_roles r WHERE r.account_id = a.id), '') AS roles
    FROM accounts a`);
  actors = (rows as Array<Record<string, string | boolean | null>>).map((a) => ({
    accountId: a.id as string,
    regionId: a.region_id as string,
    organizationId: a.organization_id as string,
    departmentId: a.department_id as string | null,
    login: a.login as string,
    displayName: a.display_name as string,
    roles: a.roles ? ((a.roles as string).split(",") as Role[]) : [],
    sessionId: "",
    csrfToken: "",
    isActive: a.is_active as boolean,
  }));
}, 120_000);
afterAll(async () => database?.close());

async function allVisible(actor: Actor): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await listVisibleAccounts(database.db, actor, { limit: 200, cursor });
    ids.push(...page.rows.map((r) => r.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return ids.sort();
}

describe("account scope", () => {
  it("the HR office sees its administration's accounts, everyone else only their own", async () => {
    expect(actors.length).toBeGreaterThan(10);
    for (const actor of actors) {
      const expected = actors
        .filter((a) => (actor.roles.includes("org_admin") ? a.organizationId === actor.organizationId : a.accountId === actor.accountId))
        .map((a) => a.accountId)
        .sort();
      expect({ login: actor.login, ids: await allVisible(actor) }).toEqual({ login: actor.login, ids: expected });
    }
  });

  it("an account of another administration does not exist for anyone (404); display names stay within the administration", async () => {
    for (const actor of actors) {
      const foreign = actors.find((a) => a.organizationId !== actor.organizationId)!;
      await expect(getVisibleAccount(database.db, actor, foreign.accountId)).rejects.toMatchObject({ code: "not_found" });
      const names = await listAccountNames(database.db, actor, { ids: actors.map((a) => a.accountId) });
      expect(names.map((n) => n.id).sort()).toEqual(
        actors
          .filter((a) => a.organizationId === actor.organizationId)
          .map((a) => a.accountId)
          .sort(),
      );
    }
  });

  it("the deputy candidates are the administration's active accounts that hold a role", async () => {
    const hr = actors.find((a) => a.roles.includes("org_admin") && a.isActive)!;
    const names = await listAccountNames(database.db, hr, { activeWithRole: true });
    expect(names.map((n) => n.id).sort()).toEqual(
      actors
        .filter((a) => a.organizationId === hr.organizationId && a.isActive && a.roles.length > 0)
        .map((a) => a.accountId)
        .sort(),
    );
  });
});
