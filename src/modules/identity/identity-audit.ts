import { and, eq, inArray } from "drizzle-orm";
import { auditLinks, uuidsOf, type AuditSource } from "../../kernel/audit-sources";
import { organizations } from "../organizations";
import { identityProviderPolicy, providerChangePolicy } from "./identity.policy";
import { listOpenableAccountIds, ownOrganizationAccountIdsMatchingSql, unscopedAccountsForAudit } from "./account-scope";
import { identityProviderChanges, identityProviders } from "./identity.tables";

/** An account's page, for the HR office of its administration. */
const accountLinks = auditLinks({
  openable: ({ db, actor }, ids) => listOpenableAccountIds(db, actor, ids),
  path: (id) => `/konten/${id}`,
});

/** `text` as a LIKE pattern that matches it anywhere, its own % and _ taken literally. */
const containing = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * What the audit log asks identity: the accounts and administrations of its entries, the person
 * filter (accounts of the viewer's own administration only), and links to accounts and sign-in
 * settings where the viewer's role opens them.
 */
export const identityAuditSource: AuditSource = {
  async people({ db }, accountIds, organizationIds) {
    const ids = uuidsOf(accountIds);
    const people = await unscopedAccountsForAudit(db, ids);
    const orgIds = [...new Set([...uuidsOf(organizationIds), ...people.map((p) => p.organizationId)])];
    const orgs = orgIds.length
      ? await db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(inArray(organizations.id, orgIds))
      : [];
    return { people, organizations: orgs };
  },
  peopleMatching(actor, text) {
    return ownOrganizationAccountIdsMatchingSql(actor, containing(text));
  },
  links: {
    account: accountLinks,
    staff_council: accountLinks,
    identity_provider: auditLinks({
      mayOpen: (actor) => identityProviderPolicy.can(actor, "read"),
      openable: ({ db, actor }, ids) =>
        db
          .select({ id: identityProviders.id })
          .from(identityProviders)
          .where(and(inArray(identityProviders.id, ids), eq(identityProviders.organizationId, actor.organizationId))),
      path: () => "/konten/anmeldung",
    }),
    async identity_provider_change({ db, actor }, ids) {
      const wanted = uuidsOf(ids);
      const decides = providerChangePolicy.can(actor, "list");
      const configures = identityProviderPolicy.can(actor, "read");
      if ((!decides && !configures) || wanted.length === 0) return new Map();
      const rows = await db
        .select({ id: identityProviderChanges.id, organizationId: identityProviderChanges.organizationId })
        .from(identityProviderChanges)
        .where(and(inArray(identityProviderChanges.id, wanted), eq(identityProviderChanges.regionId, actor.regionId)));
      const links = new Map<string, string>();
      for (const r of rows) {
        if (decides) links.set(r.id, "/anmeldedienste");
        else if (r.organizationId === actor.organizationId) links.set(r.id, "/konten/anmeldung");
      }
      return links;
    },
  },
};
