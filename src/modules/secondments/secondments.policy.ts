import { definePolicy } from "../../kernel/policy";
import type { Role } from "../../kernel/roles";

/**
 * Actions on secondments. The role table opens the routes; which workflow step an account may
 * take is decided per secondment by the state machine (`domain/secondment/workflow.ts`) from the
 * account's side (lender or borrower), department, own pool entry and deputyships.
 */
export type SecondmentAction = "list" | "act" | "propose" | "configure" | "deputize" | "read_framework" | "manage_framework";

const SECONDMENT_TABLE = {
  region_admin: ["read_framework", "manage_framework"],
  org_admin: ["list", "act", "propose", "configure", "deputize", "read_framework"],
  department_head: ["list", "act", "deputize", "read_framework"],
  // A clerk acts only as a named deputy (or as an employee in the pool).
  clerk: ["list", "act"],
  employee: ["list", "act"],
  staff_council: ["list", "act", "read_framework"],
  finance: ["list", "read_framework"],
  reporter: [],
  climate_manager: [],
  moderator: [],
  management: ["list", "read_framework"],
} as const satisfies Record<Role, readonly SecondmentAction[]>;

/** Secondments are `party` data: lender and borrower see them; an employee sees their own. */
export const secondmentPolicy = definePolicy<SecondmentAction>(
  "secondment",
  ["list", "act", "propose", "configure", "deputize", "read_framework", "manage_framework"],
  SECONDMENT_TABLE,
);

/** Roles that see all secondments of their administration (as lender or borrower), not only their own. */
export const ORGANIZATION_VIEW_ROLES: readonly Role[] = ["org_admin", "department_head", "staff_council", "finance", "management"];
