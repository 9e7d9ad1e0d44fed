import { defineModule } from "../../kernel/module";
import { organizationRoutes } from "./organizations.routes";

/** Organizations: the region, its administrations and their departments (public and region data). */
export const organizationsModule = defineModule({ name: "organizations", routes: [organizationRoutes] });
