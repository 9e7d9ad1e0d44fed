import { definePolicy } from "../../kernel/policy";
import type { Role } from "../../kernel/roles";

/** Actions on the audit log. */
export type AuditAction = "list";

const TABLE = {
  region_admin: ["list"],
  org_admin: ["list"],
  department_head: [],
  clerk: [],
  employee: [],
  staff_council: [],
  finance: [],
  reporter: [],
  climate_manager: [],
  moderator: [],
  management: [],
} as const satisfies Record<Role, readonly AuditAction[]>;

/**
 * Who may read the audit log: org_admin reads its own administration's entries; region_admin
 * reads the region's changes to `region` and `public` objects (see `list-audit-events.ts`).
 */
export const auditPolicy = definePolicy<AuditAction>("audit", ["list"], TABLE);
