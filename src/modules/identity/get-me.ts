import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { AppError } from "../../kernel/problems";
import { departments, organizations } from "../organizations";
import type { Actor } from "../../kernel/actor";
import { accounts } from "./identity.tables";

/**
 * The signed-in account as `/api/v1/me` presents it, with what it may do in each capability
 * (`abilities`, computed by the app from every module's manifest: identity knows no other module).
 */
export async function getMe(db: Db, actor: Actor, abilities: Record<string, boolean> = {}) {
  const [row] = await db
    .select({ account: accounts, organization: organizations, department: departments })
    .from(accounts)
    .innerJoin(organizations, eq(organizations.id, accounts.organizationId))
    .leftJoin(departments, eq(departments.id, accounts.departmentId))
    .where(eq(accounts.id, actor.accountId));
  if (!row) throw new AppError("not_found");
  return {
    id: row.account.id,
    login: row.account.login,
    displayName: row.account.displayName,
    locale: row.account.locale,
    roles: [...actor.roles],
    organization: {
      id: row.organization.id,
      ags: row.organization.ags,
      name: row.organization.name,
      kind: row.organization.kind,
    },
    department: row.department ? { id: row.department.id, key: row.department.key, name: row.department.name } : null,
    abilities,
  };
}
