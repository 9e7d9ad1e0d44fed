/** Dashboards: the management dashboard of an administration (Chefsache), loaded when first visited. */
export { ManagementDashboardPage } from "./ManagementDashboardPage";
