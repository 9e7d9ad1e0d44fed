import { defineModule } from "../../kernel/module";
import { accountRoutes } from "./accounts.routes";
import { accountPolicy, providerChangePolicy } from "./identity.policy";
import { sessionRoutes } from "./session.routes";
import { syncIdentityProvidersFromEnv } from "./sso/identity-provider";
import { linkRoutes } from "./sso/link.routes";
import { ssoRoutes } from "./sso/sso.routes";

/** Identity: sessions, accounts and roles, single sign-on per administration. */
export const identityModule = defineModule({
  name: "identity",
  routes: [sessionRoutes, accountRoutes, ssoRoutes, linkRoutes],
  abilities: {
    manageAccounts: (actor) => accountPolicy.can(actor, "list"),
    decideProviderChanges: (actor) => providerChangePolicy.can(actor, "list"),
  },
  prepare: async (db, env) => {
    await syncIdentityProvidersFromEnv(db, env);
  },
});
