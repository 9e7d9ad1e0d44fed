import { definePolicy } from "../../kernel/policy";
import type { Role } from "../../kernel/roles";

/**
 * Actions on the catalogue of service standards. Reading is public (the routes use
 * `publicAccess`: the catalogue is what the region promises its citizens); only the region's
 * coordination edits it — a new standard, or a new version of one (`manage`).
 */
export type StandardAction = "manage";

const STANDARD_TABLE = {
  region_admin: ["manage"],
  org_admin: [],
  finance: [],
  department_head: [],
  clerk: [],
  employee: [],
  staff_council: [],
  reporter: [],
  climate_manager: [],
  moderator: [],
  management: [],
} as const satisfies Record<Role, readonly StandardAction[]>;

/** Who may edit the region's catalogue of standards. */
export const standardPolicy = definePolicy<StandardAction>("service_standard", ["manage"], STANDARD_TABLE);
