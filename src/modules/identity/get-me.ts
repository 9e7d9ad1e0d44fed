import { secondmentPolicy } from "../secondments/secondments.policy";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { AppError } from "../../server/problems";
import { auditPolicy } from "../audit/audit.policy";
import { departments, organizations } from "../organizations/organizations.tables";
import type { Actor } from "./actor";
import { accountPolicy, providerChangePolicy } from "./identity.policy";
import { accounts } from "./identity.tables";
import { poolMemberPolicy } from "../pool/pool.policy";
import { crisisPolicy, supportRequestPolicy } from "../requests/requests.policy";
import { outboxPolicy } from "../notifications/notifications.routes";
import { allocationPolicy } from "../allocation/allocation.policy";

/** The signed-in account as `/api/v1/me` presents it, with what it may do next. */
export async function getMe(db: Db, actor: Actor) {
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
    abilities: {
      manageAccounts: accountPolicy.can(actor, "list"),
      readAuditLog: auditPolicy.can(actor, "list"),
      managePool: poolMemberPolicy.can(actor, "list"),
      readPoolOverview: poolMemberPolicy.can(actor, "overview"),
      readRequests: supportRequestPolicy.can(actor, "list"),
      createRequests: supportRequestPolicy.can(actor, "create"),
      offerMembers: supportRequestPolicy.can(actor, "offer"),
      readCrises: crisisPolicy.can(actor, "list"),
      declareCrisis: crisisPolicy.can(actor, "declare"),
      readOutbox: outboxPolicy.can(actor, "read"),
      readSecondments: secondmentPolicy.can(actor, "list"),
      configureSecondments: secondmentPolicy.can(actor, "configure"),
      deputize: secondmentPolicy.can(actor, "deputize"),
      manageFramework: secondmentPolicy.can(actor, "manage_framework"),
      runAllocation: allocationPolicy.can(actor, "run"),
      decideProviderChanges: providerChangePolicy.can(actor, "list"),
    },
  };
}
