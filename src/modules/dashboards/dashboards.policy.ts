import { definePolicy } from "../../kernel/policy";
import type { Role } from "../../kernel/roles";

/**
 * The management dashboard of an administration (Chefsache): its leadership (`management`) and its
 * HR office (`org_admin`, who prepares what the mayor sees) read it — of their own administration
 * only (`management-dashboard.ts` answers 404 for any other).
 */
export type DashboardAction = "read_management";

const DASHBOARD_TABLE = {
  region_admin: [],
  org_admin: ["read_management"],
  finance: [],
  department_head: [],
  clerk: [],
  employee: [],
  staff_council: [],
  reporter: [],
  climate_manager: [],
  moderator: [],
  management: ["read_management"],
} as const satisfies Record<Role, readonly DashboardAction[]>;

export const dashboardPolicy = definePolicy<DashboardAction>("management_dashboard", ["read_management"], DASHBOARD_TABLE);
