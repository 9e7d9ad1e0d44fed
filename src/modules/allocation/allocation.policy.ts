import { definePolicy } from "../../kernel/policy";
import type { Role } from "../../kernel/roles";

/** Actions on allocation runs. */
export type AllocationAction = "run" | "commit";

const ALLOCATION_TABLE = {
  region_admin: ["run", "commit"],
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
} as const satisfies Record<Role, readonly AllocationAction[]>;

/**
 * The coordination office runs region-wide allocations (DESIGN.md › Users) and commits them as
 * proposals; everyone else meets the result in the secondment workflow, under its visibility rules.
 */
export const allocationPolicy = definePolicy<AllocationAction>("allocation_run", ["run", "commit"], ALLOCATION_TABLE);
