import type { Db, Tx } from "../../db/client";
import type { Actor } from "../../kernel/actor";
import { today } from "../../kernel/dates";
import type { Role } from "../../kernel/roles";
import { listAccountsActorStandsInFor } from "./account-scope";

// Deputies (Vertretungen): who stands in for a department head or an HR officer in a period.

export interface Principal {
  accountId: string;
  login: string;
  displayName: string;
  organizationId: string;
  departmentId: string | null;
  roles: Role[];
}

/** The accounts the actor acts for today: itself, and everyone who named it as deputy for today. */
export async function principalsOf(db: Db | Tx, actor: Actor): Promise<Array<Principal & { isDeputy: boolean }>> {
  const self = { ...actor, roles: [...actor.roles], isDeputy: false };
  const day = today();
  const rows = await listAccountsActorStandsInFor(db, actor, day);
  const byId = new Map<string, Principal & { isDeputy: boolean }>();
  for (const r of rows) {
    // A deputy stands in for department heads and HR officers, not for the staff council or an employee.
    if (r.role !== "org_admin" && r.role !== "department_head") continue;
    const p = byId.get(r.principal.id) ?? {
      accountId: r.principal.id,
      login: r.principal.login,
      displayName: r.principal.displayName,
      organizationId: r.principal.organizationId,
      departmentId: r.principal.departmentId,
      roles: [],
      isDeputy: true,
    };
    p.roles.push(r.role);
    byId.set(p.accountId, p);
  }
  return [self, ...byId.values()];
}
