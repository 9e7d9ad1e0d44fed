import { definePolicy } from "../../kernel/policy";
import type { Role } from "../../kernel/roles";

/** Actions on the accounts of an administration. */
export type AccountAction = "list" | "read" | "create" | "update" | "link";

const ACCOUNT_TABLE = {
  region_admin: [],
  org_admin: ["list", "read", "create", "update", "link"],
  department_head: [],
  clerk: [],
  employee: [],
  staff_council: [],
  finance: [],
  reporter: [],
  climate_manager: [],
  moderator: [],
  management: [],
} as const satisfies Record<Role, readonly AccountAction[]>;

/**
 * Account management is the HR office's (org_admin) and only within its own administration; the
 * tenant filter is in every query of `accounts.ts`. region_admin manages the region's own accounts
 * only when it also holds org_admin there.
 */
export const accountPolicy = definePolicy<AccountAction>("account", ["list", "read", "create", "update", "link"], ACCOUNT_TABLE);

/** Roles an org_admin may grant; `region_admin` is granted only by a region_admin. */
export function grantableRoles(actorRoles: readonly Role[], organizationKind: "region" | "municipality"): Role[] {
  const all: Role[] = [
    "org_admin",
    "department_head",
    "clerk",
    "employee",
    "staff_council",
    "finance",
    "reporter",
    "climate_manager",
    "moderator",
    "management",
  ];
  if (actorRoles.includes("region_admin") && organizationKind === "region") all.unshift("region_admin");
  return all;
}

/** Actions on the single sign-on settings of an administration. */
export type IdentityProviderAction = "read" | "update";

const PROVIDER_TABLE = {
  region_admin: [],
  org_admin: ["read", "update"],
  department_head: [],
  clerk: [],
  employee: [],
  staff_council: [],
  finance: [],
  reporter: [],
  climate_manager: [],
  moderator: [],
  management: [],
} as const satisfies Record<Role, readonly IdentityProviderAction[]>;

/** The HR office (org_admin) configures its administration's provider; the query is scoped to it. */
export const identityProviderPolicy = definePolicy<IdentityProviderAction>("identity_provider", ["read", "update"], PROVIDER_TABLE);

/** Actions on the provider changes of the region's administrations. */
export type ProviderChangeAction = "list" | "decide";

const PROVIDER_CHANGE_TABLE = {
  region_admin: ["list", "decide"],
  org_admin: [],
  department_head: [],
  clerk: [],
  employee: [],
  staff_council: [],
  finance: [],
  reporter: [],
  climate_manager: [],
  moderator: [],
  management: [],
} as const satisfies Record<Role, readonly ProviderChangeAction[]>;

/**
 * The region's coordination (region_admin) sees the provider changes the HR offices of its region
 * requested and confirms or rejects them; the requester never confirms its own (four eyes, checked
 * in `provider-changes.ts`). The query is scoped to the actor's region.
 */
export const providerChangePolicy = definePolicy<ProviderChangeAction>(
  "identity_provider_change",
  ["list", "decide"],
  PROVIDER_CHANGE_TABLE,
);

/** Actions on the API keys of an administration. */
export type ApiKeyAction = "list" | "create" | "revoke";

const API_KEY_TABLE = {
  region_admin: [],
  org_admin: ["list", "create", "revoke"],
  department_head: [],
  clerk: [],
  employee: [],
  staff_council: [],
  finance: [],
  reporter: ["list", "create", "revoke"],
  climate_manager: [],
  moderator: [],
  management: [],
} as const satisfies Record<Role, readonly ApiKeyAction[]>;

/**
 * API keys are issued, listed and revoked by the HR office (org_admin, which manages the
 * administration's accounts and access) and by controlling (reporter, which runs the reporting and
 * is who the IT of a Fachverfahren asks for a key). A key can do no more than a reporter can by
 * hand — submit values for its own administration — so issuing one grants nothing beyond the
 * issuer's own rights; each key names who issued it, and either office can revoke any key of the
 * administration. Everything is scoped to the actor's administration (`api-key-scope.ts`).
 */
export const apiKeyPolicy = definePolicy<ApiKeyAction>("api_key", ["list", "create", "revoke"], API_KEY_TABLE);
