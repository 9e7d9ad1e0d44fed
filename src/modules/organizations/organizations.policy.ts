import { definePolicy } from "../../kernel/policy";
import type { Role } from "../../kernel/roles";

/** Actions on administrations beyond their public data. */
export type OrganizationAction = "readDepartments";

const ALL: readonly OrganizationAction[] = ["readDepartments"];

const TABLE = {
  region_admin: ALL,
  org_admin: ALL,
  department_head: ALL,
  clerk: ALL,
  employee: ALL,
  staff_council: ALL,
  finance: ALL,
  reporter: ALL,
  climate_manager: ALL,
  moderator: ALL,
  management: ALL,
} as const satisfies Record<Role, readonly OrganizationAction[]>;

/**
 * Administrations and their boundaries are public. Departments are `region` data: every staff
 * account of the same region sees them (the region filter is in `list-organizations.ts`).
 */
export const organizationPolicy = definePolicy<OrganizationAction>("organization", ALL, TABLE);
