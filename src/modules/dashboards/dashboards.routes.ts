import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { dashboardPolicy } from "./dashboards.policy";
import { ManagementDashboard, ManagementDashboardParams } from "./dashboards.schemas";
import { managementDashboard } from "./management-dashboard";

/** The management dashboard of an administration (Chefsache). */
export const dashboardRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/api/v1/dashboards/management/:organizationId",
    {
      // Another administration's dashboard answers 404, as if it did not exist.
      config: { policy: dashboardPolicy.gate("read_management"), problems: ["not_found"] },
      schema: {
        operationId: "getManagementDashboard",
        tags: ["dashboards"],
        summary:
          "The management dashboard of the caller's own administration: its service standards by theme with status, trend and what needs support, and the staff lent and borrowed",
        params: ManagementDashboardParams,
        response: { 200: ManagementDashboard },
      },
    },
    async (request) => managementDashboard(app.db, request.actor!, request.params.organizationId),
  );
};
