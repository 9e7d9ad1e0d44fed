import type { Db } from "../../db/client";
import type { Actor } from "../../kernel/actor";
import { getOwnAccountWithOrganization } from "./account-scope";

/**
 * The signed-in account as `/api/v1/me` presents it, with what it may do in each capability
 * (`abilities`, computed by the app from every module's manifest: identity knows no other module).
 */
export async function getMe(db: Db, actor: Actor, abilities: Record<string, boolean> = {}) {
  const row = await getOwnAccountWithOrganization(db, actor);
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
