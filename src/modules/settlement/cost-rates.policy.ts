import { definePolicy } from "../../kernel/policy";
import type { Role } from "../../kernel/roles";

/**
 * Actions on cost rates (`region` data): every account of the region may read the rates and their
 * parameters (`read`); the Kostensätze page is in the navigation of those who settle (`browse`:
 * finance, HR office, coordination office); only the coordination office adds parameter versions
 * and manual rates (`manage`).
 */
export type CostRateAction = "read" | "browse" | "manage";

const COST_RATE_TABLE = {
  region_admin: ["read", "browse", "manage"],
  org_admin: ["read", "browse"],
  finance: ["read", "browse"],
  department_head: ["read"],
  clerk: ["read"],
  employee: ["read"],
  staff_council: ["read"],
  reporter: ["read"],
  climate_manager: ["read"],
  moderator: ["read"],
  management: ["read"],
} as const satisfies Record<Role, readonly CostRateAction[]>;

/** Who may read and who may set the region's cost rates. */
export const costRatePolicy = definePolicy<CostRateAction>("cost_rate", ["read", "browse", "manage"], COST_RATE_TABLE);
