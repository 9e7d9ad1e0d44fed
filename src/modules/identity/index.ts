import { defineModule } from "../../kernel/module";
import { accountRoutes } from "./accounts.routes";
import { apiKeyRoutes } from "./api-keys.routes";
import { identityAuditSource } from "./identity-audit";
import { accountPolicy, apiKeyPolicy, providerChangePolicy } from "./identity.policy";
import { sessionRoutes } from "./session.routes";
import { syncIdentityProvidersFromEnv } from "./sso/identity-provider";
import { linkRoutes } from "./sso/link.routes";
import { ssoRoutes } from "./sso/sso.routes";

/** Identity: sessions, accounts and roles, single sign-on per administration, API keys for machine clients. */
export const identityModule = defineModule({
  name: "identity",
  routes: [sessionRoutes, accountRoutes, ssoRoutes, linkRoutes, apiKeyRoutes],
  abilities: {
    manageAccounts: (actor) => accountPolicy.can(actor, "list"),
    decideProviderChanges: (actor) => providerChangePolicy.can(actor, "list"),
    manageApiKeys: (actor) => apiKeyPolicy.can(actor, "list"),
  },
  audit: identityAuditSource,
  prepare: async (db, env) => {
    await syncIdentityProvidersFromEnv(db, env);
  },
});

// The capability's public interface: other capabilities import only what is listed here.
export { getMe } from "./get-me";
export { accountRoles } from "./identity.tables";
// Accounts are read only through their scope (test/scope.test.ts): the own account, names within
// the administration, and named unscoped reads for mail recipients and who acts.
export {
  findOwnAccount,
  listAccountNames,
  unscopedActiveAccountIdsSql,
  unscopedActiveHolders,
  unscopedDepartmentsWithActiveHead,
  unscopedHoldsDepartmentRole,
  unscopedLockAccounts,
  type AccountRow,
} from "./account-scope";
export { EMPLOYER_ROLES } from "./role-rules";
export { principalsOf } from "./deputies";
export type { Principal } from "./deputies";
export { deputies } from "./identity.tables";
