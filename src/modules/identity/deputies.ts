import { and, eq, gte, lte } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import type { Actor } from "../../kernel/actor";
import { today } from "../../kernel/dates";
import type { Role } from "../../kernel/roles";
import { accountRoles, accounts, deputies } from "./identity.tables";

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
  const rows = await db
    .select({ principal: accounts, role: accountRoles.role })
    .from(deputies)
    .innerJoin(accounts, eq(accounts.id, deputies.principalAccountId))
    .innerJoin(accountRoles, eq(accountRoles.accountId, accounts.id))
    .where(
      and(
        eq(deputies.deputyAccountId, actor.accountId),
        eq(deputies.organizationId, actor.organizationId),
        lte(deputies.startsOn, day),
        gte(deputies.endsOn, day),
        eq(accounts.isActive, true),
      ),
    );
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
