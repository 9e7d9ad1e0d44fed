import type { RequestBodyOf, ResponseOf } from "../../api/types";

/** The signed-in account: roles, administration, department and what it may do (`abilities`). */
export type Me = ResponseOf<"/api/v1/me">;
/** The answer to a sign-in: the session's CSRF token and lifetime, and the account. */
export type LoginResult = ResponseOf<"/api/v1/session", "post">;

/** The accounts of the caller's administration and the roles the caller may grant a new one. */
export type Accounts = ResponseOf<"/api/v1/accounts">;
/** One account, with what the caller may do with it (incl. the roles it may grant). */
export type Account = Accounts["items"][number];
/** A role an account holds. */
export type Role = Account["roles"][number];
/** Why the caller may not link an account to a provider identity. */
export type LinkRefusal = NonNullable<Account["abilities"]["linkIdentityRefusal"]>;
/** A new account as the form sends it. */
export type NewAccount = RequestBodyOf<"/api/v1/accounts", "post">;
/** A change of an account as the form sends it. */
export type AccountChange = RequestBodyOf<"/api/v1/accounts/{id}", "patch">;

/** The own account's link to the administration's provider. */
export type MyIdentity = ResponseOf<"/api/v1/me/identity">;
/** Administrations whose staff can sign in through their provider. */
export type SsoOrganizations = ResponseOf<"/api/v1/sso/organizations">;

/** The single sign-on settings in force, the latest requested change and the redirect URI. */
export type ProviderState = ResponseOf<"/api/v1/identity-provider">;
/** A requested change of the provider settings (pending until the coordination decides). */
export type ProviderChangeRequest = NonNullable<ProviderState["change"]>;
/** The settings as the HR office's form sends them. */
export type ProviderSettings = RequestBodyOf<"/api/v1/identity-provider", "put">;
/** The provider changes the coordination decides, and how many wait. */
export type ProviderChanges = ResponseOf<"/api/v1/identity-provider-changes">;
/** One of them. */
export type ProviderChange = ProviderChanges["items"][number];

/** A change of the own display name or language. */
export type ProfileChange = RequestBodyOf<"/api/v1/me", "patch">;
/** A change of the own password. */
export type PasswordChange = RequestBodyOf<"/api/v1/me/password", "post">;
/** A sign-in with login name and password. */
export type Credentials = RequestBodyOf<"/api/v1/session", "post">;

/** The API keys of the caller's administration (never a secret) and whether the caller may issue one. */
export type ApiKeys = ResponseOf<"/api/v1/api-keys">;
/** One of them, with what the caller may do with it. */
export type ApiKey = ApiKeys["items"][number];
/** A new key as the form sends it. */
export type NewApiKey = RequestBodyOf<"/api/v1/api-keys", "post">;
/** The answer to issuing a key: the key and, this once, its secret. */
export type CreatedApiKey = ResponseOf<"/api/v1/api-keys", "post">;
