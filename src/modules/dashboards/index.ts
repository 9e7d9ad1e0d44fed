import { defineModule } from "../../kernel/module";
import { dashboardPolicy } from "./dashboards.policy";
import { dashboardRoutes } from "./dashboards.routes";

/**
 * Dashboards that bring the capabilities together: the management dashboard of an administration
 * (Chefsache) — service standards by theme and staff lent and borrowed.
 */
export const dashboardsModule = defineModule({
  name: "dashboards",
  routes: [dashboardRoutes],
  abilities: {
    readManagementDashboard: (actor) => dashboardPolicy.can(actor, "read_management"),
  },
});
