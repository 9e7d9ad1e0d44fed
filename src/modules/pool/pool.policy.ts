import { definePolicy } from "../../kernel/policy";
import type { Role } from "../../kernel/roles";

/** Actions on the qualification catalogue. */
export type QualificationAction = "list" | "create";

const Q_LIST: readonly QualificationAction[] = ["list"];
const QUALIFICATION_TABLE = {
  region_admin: ["list", "create"],
  org_admin: Q_LIST,
  department_head: Q_LIST,
  clerk: Q_LIST,
  employee: Q_LIST,
  staff_council: Q_LIST,
  finance: Q_LIST,
  reporter: Q_LIST,
  climate_manager: Q_LIST,
  moderator: Q_LIST,
  management: Q_LIST,
} as const satisfies Record<Role, readonly QualificationAction[]>;

/** Everyone in the region reads the catalogue; the coordination office maintains it. */
export const qualificationPolicy = definePolicy<QualificationAction>("qualification", ["list", "create"], QUALIFICATION_TABLE);

/** Actions on pool members. `overview` is the pseudonymised, aggregated view across the region. */
export type PoolMemberAction = "list" | "read" | "create" | "update" | "overview";

const POOL_TABLE = {
  region_admin: ["overview"],
  org_admin: ["list", "read", "create", "update", "overview"],
  department_head: ["overview"],
  clerk: [],
  employee: [],
  staff_council: [],
  finance: [],
  reporter: [],
  climate_manager: [],
  moderator: [],
  management: ["overview"],
} as const satisfies Record<Role, readonly PoolMemberAction[]>;

/**
 * Pool members are `tenant` data: only the home administration's HR office reads and changes
 * them (the query is scoped to it, and every read is audited). Everyone else sees aggregated
 * counts by administration and qualification — no names, no contact data.
 */
export const poolMemberPolicy = definePolicy<PoolMemberAction>("pool_member", ["list", "read", "create", "update", "overview"], POOL_TABLE);
