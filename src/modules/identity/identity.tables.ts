import { bigserial, boolean, index, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { declareVisibility } from "../../db/visibility";
import { departments, organizations, regions } from "../organizations/organizations.tables";
import type { Role } from "./roles";

/** A staff account; it belongs to exactly one administration (its tenant). */
export const accounts = declareVisibility(
  pgTable(
    "accounts",
    {
      id: uuid("id").primaryKey().defaultRandom(),
      regionId: uuid("region_id")
        .notNull()
        .references(() => regions.id),
      organizationId: uuid("organization_id")
        .notNull()
        .references(() => organizations.id),
      departmentId: uuid("department_id").references(() => departments.id),
      /** Login name (an e-mail address), stored in lower case. */
      login: text("login").notNull().unique(),
      displayName: text("display_name").notNull(),
      /** argon2id hash; null when the account can only sign in through single sign-on. */
      passwordHash: text("password_hash"),
      locale: text("locale").$type<"de" | "en">().notNull().default("de"),
      isActive: boolean("is_active").notNull().default(true),
      createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
      updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    },
    (t) => [index("accounts_org").on(t.organizationId)],
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
      regionId: uuid("region_id")
        .notNull()
        .references(() => regions.id),
      organizationId: uuid("organization_id")
        .notNull()
        .references(() => organizations.id),
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
      regionId: uuid("region_id")
        .notNull()
        .references(() => regions.id),
      organizationId: uuid("organization_id")
        .notNull()
        .references(() => organizations.id),
      csrfToken: text("csrf_token").notNull(),
      createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
      lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
      ip: text("ip"),
      userAgent: text("user_agent"),
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
