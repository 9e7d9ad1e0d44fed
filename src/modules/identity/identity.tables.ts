import { sql } from "drizzle-orm";
import { bigserial, boolean, date, index, pgTable, primaryKey, text, timestamp, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { ownerColumns } from "../../db/owner-columns";
import { declareConstraint } from "../../db/constraints";
import { declareVisibility } from "../../db/visibility";
import { germanSortColumn } from "../../kernel/paging";
import { departments, organizations, regions } from "../organizations/organizations.tables";
import type { Role } from "../../kernel/roles";

/** A staff account; it belongs to exactly one administration (its tenant). */
export const accounts = declareVisibility(
  pgTable(
    "accounts",
    {
      id: uuid("id").primaryKey().defaultRandom(),
      ...ownerColumns(),
      departmentId: uuid("department_id").references(() => departments.id),
      /** Login name (an e-mail address), stored in lower case. */
      login: text("login").notNull().unique(),
      displayName: text("display_name").notNull(),
      /** `display_name` in German alphabetical order, written by the database: the account list's order (indexed). */
      displayNameSort: germanSortColumn("display_name_sort", "display_name"),
      /** argon2id hash; null when the account can only sign in through single sign-on. */
      passwordHash: text("password_hash"),
      locale: text("locale").$type<"de" | "en">().notNull().default("de"),
      isActive: boolean("is_active").notNull().default(true),
      /**
       * The last successful sign-in (password or single sign-on); null for an account nobody has
       * used yet. Single sign-on matches an existing account by e-mail only while this is null.
       */
      lastSignedInAt: timestamp("last_signed_in_at", { withTimezone: true }),
      createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
      updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    },
    (t) => [index("accounts_org").on(t.organizationId), index("accounts_org_name").on(t.organizationId, t.displayNameSort, t.id)],
  ),
  "tenant",
);

/** The roles an account holds in its administration. */
export const accountRoles = declareVisibility(
  pgTable(
    "account_roles",
    {
      accountId: uuid("account_id")
        .notNull()
        .references(() => accounts.id, { onDelete: "cascade" }),
      ...ownerColumns(),
      role: text("role").$type<Role>().notNull(),
    },
    (t) => [primaryKey({ columns: [t.accountId, t.role] })],
  ),
  "tenant",
);

/** Server-side sessions; the cookie carries a random token whose SHA-256 is the id. */
export const sessions = declareVisibility(
  pgTable(
    "sessions",
    {
      id: text("id").primaryKey(),
      accountId: uuid("account_id")
        .notNull()
        .references(() => accounts.id, { onDelete: "cascade" }),
      ...ownerColumns(),
      csrfToken: text("csrf_token").notNull(),
      createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
      lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
      ip: text("ip"),
      userAgent: text("user_agent"),
      /** The identity provider the session came from (single sign-on), for RP-initiated logout. */
      providerId: uuid("provider_id"),
      /** The provider's ID token, sent back as `id_token_hint` at logout. */
      idToken: text("id_token"),
    },
    (t) => [index("sessions_account").on(t.accountId)],
  ),
  "tenant",
);

/** Every login attempt, for the brute-force limits (kept 24 hours). */
export const loginAttempts = declareVisibility(
  pgTable(
    "login_attempts",
    {
      id: bigserial("id", { mode: "number" }).primaryKey(),
      login: text("login").notNull(),
      ip: text("ip").notNull(),
      succeeded: boolean("succeeded").notNull(),
      at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    },
    (t) => [index("login_attempts_login_at").on(t.login, t.at), index("login_attempts_ip_at").on(t.ip, t.at)],
  ),
  "tenant",
);

/** A login name locked after too many failures, whatever the IP address. */
export const loginLocks = declareVisibility(
  pgTable("login_locks", {
    login: text("login").primaryKey(),
    lockedUntil: timestamp("locked_until", { withTimezone: true }).notNull(),
  }),
  "tenant",
);

/**
 * The OpenID Connect provider of an administration (its Active Directory via ADFS, Keycloak or
 * the municipal IT provider's identity service). One per administration.
 */
export const identityProviders = declareVisibility(
  pgTable("identity_providers", {
    id: uuid("id").primaryKey().defaultRandom(),
    regionId: uuid("region_id")
      .notNull()
      .references(() => regions.id),
    organizationId: uuid("organization_id")
      .notNull()
      .unique()
      .references(() => organizations.id),
    /** Issuer URL; its `/.well-known/openid-configuration` is read at login. */
    issuer: text("issuer").notNull(),
    clientId: text("client_id").notNull(),
    clientSecret: text("client_secret"),
    scopes: text("scopes").notNull().default("openid email profile"),
    isEnabled: boolean("is_enabled").notNull().default(true),
    /** Whether the administration's accounts may still sign in with a Verbund password. */
    isPasswordLoginEnabled: boolean("is_password_login_enabled").notNull().default(true),
    /** `ui` (set by the HR office) or `env` (set by the operator through the environment). */
    source: text("source").$type<"ui" | "env">().notNull().default("ui"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  }),
  "tenant",
);

/**
 * An account's identity at its administration's provider: issuer + subject. Unique per
 * administration, so that a provider shared by several administrations never crosses between them.
 */
export const accountIdentities = declareVisibility(
  pgTable(
    "account_identities",
    {
      id: uuid("id").primaryKey().defaultRandom(),
      accountId: uuid("account_id")
        .notNull()
        .references(() => accounts.id, { onDelete: "cascade" }),
      ...ownerColumns(),
      issuer: text("issuer").notNull(),
      subject: text("subject").notNull(),
      createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    },
    (t) => [unique("account_identities_org_issuer_subject").on(t.organizationId, t.issuer, t.subject)],
  ),
  "tenant",
);

/**
 * A single sign-on in progress: state, nonce and PKCE verifier, bound to the browser by a cookie.
 * `intent` is `login` (open a session) or `link` (the signed-in holder links the provider's
 * identity to the own account): a link is bound to the account and to the session that started it.
 */
export const ssoLogins = declareVisibility(
  pgTable("sso_logins", {
    id: text("id").primaryKey(),
    providerId: uuid("provider_id")
      .notNull()
      .references(() => identityProviders.id, { onDelete: "cascade" }),
    ...ownerColumns(),
    nonce: text("nonce").notNull(),
    codeVerifier: text("code_verifier").notNull(),
    returnTo: text("return_to").notNull().default("/"),
    intent: text("intent").$type<"login" | "link">().notNull().default("login"),
    /** For a link: the account that started it. */
    accountId: uuid("account_id").references(() => accounts.id, { onDelete: "cascade" }),
    /** For a link: the session that started it; the callback must come with the same session. */
    sessionId: text("session_id").references(() => sessions.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  }),
  "tenant",
);

/** Where a requested provider change stands. */
export type ProviderChangeStatus = "pending" | "confirmed" | "rejected" | "withdrawn" | "superseded";

/**
 * A change of an administration's provider that widens trust (another issuer or client, or
 * switching it on), requested by its HR office. It takes effect only when a region_admin of the
 * region other than the requester confirms it; until then `identity_providers` stays as it was.
 * `region`: the region's coordination sees and decides the changes of all its administrations
 * (the client secret is never returned).
 */
export const identityProviderChanges = declareVisibility(
  pgTable(
    "identity_provider_changes",
    {
      id: uuid("id").primaryKey().defaultRandom(),
      ...ownerColumns(),
      issuer: text("issuer").notNull(),
      clientId: text("client_id").notNull(),
      /** Kept only while pending: removed when the change is confirmed (copied), rejected, withdrawn or superseded. */
      clientSecret: text("client_secret"),
      scopes: text("scopes").notNull(),
      isEnabled: boolean("is_enabled").notNull(),
      isPasswordLoginEnabled: boolean("is_password_login_enabled").notNull(),
      status: text("status").$type<ProviderChangeStatus>().notNull().default("pending"),
      requestedBy: uuid("requested_by").references(() => accounts.id, { onDelete: "set null" }),
      requestedByName: text("requested_by_name").notNull(),
      requestedAt: timestamp("requested_at", { withTimezone: true }).notNull().defaultNow(),
      decidedBy: uuid("decided_by").references(() => accounts.id, { onDelete: "set null" }),
      decidedByName: text("decided_by_name"),
      decidedAt: timestamp("decided_at", { withTimezone: true }),
      /** Why the coordination rejected it. */
      reason: text("reason"),
    },
    (t) => [
      uniqueIndex("identity_provider_changes_one_pending")
        .on(t.organizationId)
        .where(sql`${t.status} = 'pending'`),
      index("identity_provider_changes_region").on(t.regionId, t.requestedAt),
    ],
  ),
  "region",
);

declareConstraint("accounts_login_unique", {
  field: "login",
  message: { de: "Dieser Anmeldename ist bereits vergeben.", en: "This login is already taken." },
});
declareConstraint("account_identities_org_issuer_subject", {
  field: "subject",
  message: {
    de: "Diese Kennung beim Anbieter ist bereits mit einem anderen Konto verbunden.",
    en: "This identity at the provider is linked to another account already.",
  },
});
declareConstraint("identity_providers_organization_id_unique", {
  field: "issuer",
  message: {
    de: "Die Anmeldung dieser Verwaltung wurde gerade gleichzeitig eingerichtet. Bitte laden Sie die Seite neu.",
    en: "This administration's sign-on was set up at the same moment. Please reload the page.",
  },
});
declareConstraint("identity_provider_changes_one_pending", {
  field: "issuer",
  message: {
    de: "Für Ihre Verwaltung wurde gerade gleichzeitig eine andere Änderung beantragt. Bitte laden Sie die Seite neu.",
    en: "Another change was requested for your administration at the same moment. Please reload the page.",
  },
});
declareConstraint("account_roles_staff_council_independent", {
  field: "roles",
  rule: "staff_council_independent",
  message: {
    de: "Der Personalrat ist unabhängig: Die Rolle „Personalrat“ kann nicht zusammen mit „Personalamt“, „Fachbereichsleitung“ oder „Koordination der Region“ vergeben werden.",
    en: "The staff council is independent: the role staff_council cannot be held together with org_admin, department_head or region_admin.",
  },
});

/** A deputy who acts for a department head or HR officer in a period; the audit log shows "on behalf of". */
export const deputies = declareVisibility(
  pgTable(
    "deputies",
    {
      id: uuid("id").primaryKey().defaultRandom(),
      ...ownerColumns(),
      principalAccountId: uuid("principal_account_id")
        .notNull()
        .references(() => accounts.id, { onDelete: "cascade" }),
      deputyAccountId: uuid("deputy_account_id")
        .notNull()
        .references(() => accounts.id, { onDelete: "cascade" }),
      startsOn: date("starts_on").notNull(),
      endsOn: date("ends_on").notNull(),
      createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    },
    (t) => [index("deputies_deputy").on(t.deputyAccountId)],
  ),
  "tenant",
);

/**
 * An API key of an administration, for a machine client (a Fachverfahren) that submits values.
 * The secret (`vbk_` + 43 characters, 256 random bits) is shown once when the key is created;
 * the table keeps only its SHA-256 (`secret_hash`, unique: a presented key is found by the hash
 * of what it sent) and a public prefix to recognise it in lists. Revoked keys stay for the audit
 * log and the list; they never authenticate again.
 */
export const apiKeys = declareVisibility(
  pgTable(
    "api_keys",
    {
      id: uuid("id").primaryKey().defaultRandom(),
      ...ownerColumns(),
      /** What the key is for, e.g. "Fachverfahren Bürgeramt". */
      name: text("name").notNull(),
      /** The first characters of the secret (`vbk_3f9aXq7L`), shown in lists; not enough to use it. */
      prefix: text("prefix").notNull(),
      /** SHA-256 (hex) of the whole secret. */
      secretHash: text("secret_hash").notNull().unique(),
      /** What the key may do: the scopes a route accepts (`submissions`). */
      scopes: text("scopes").array().$type<string[]>().notNull(),
      createdByAccountId: uuid("created_by_account_id").references(() => accounts.id, { onDelete: "set null" }),
      createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
      /** The last request with the key, written at most once a minute. */
      lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
      revokedAt: timestamp("revoked_at", { withTimezone: true }),
      revokedByAccountId: uuid("revoked_by_account_id").references(() => accounts.id, { onDelete: "set null" }),
    },
    (t) => [index("api_keys_org_created").on(t.organizationId, t.createdAt, t.id)],
  ),
  "tenant",
);
