import type { ResponseOf } from "../../api/types";

/** The management dashboard of the own administration (`GET /api/v1/dashboards/management/{organizationId}`). */
export type ManagementDashboard = ResponseOf<"/api/v1/dashboards/management/{organizationId}">;
/** One theme of the catalogue with the administration's standards. */
export type ThemeAtAGlance = ManagementDashboard["standards"]["themes"][number];
/** One standard with the latest reported value. */
export type StandardAtAGlance = ThemeAtAGlance["standards"][number];
