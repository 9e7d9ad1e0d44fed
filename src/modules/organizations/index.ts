import { defineModule } from "../../kernel/module";
import { organizationRoutes } from "./organizations.routes";

/** Organizations: the region, its administrations and their departments (public and region data). */
export const organizationsModule = defineModule({ name: "organizations", routes: [organizationRoutes] });

// The capability's public interface: other capabilities import only what is listed here.
export { departmentProblem } from "./department-problem";
export { departments, organizations } from "./organizations.tables";
