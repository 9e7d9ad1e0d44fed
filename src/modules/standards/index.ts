import { defineModule } from "../../kernel/module";
import { serviceCatalogue } from "./service-catalogue-files";
import { standardPolicy } from "./standards.policy";
import { standardRoutes } from "./standards.routes";

/**
 * Service standards (Leistungsstandards): the region's versioned catalogue of standards keyed to
 * LeiKa/OZG, and the values the administrations report against them (docs/STANDARDS.md).
 */
export const standardsModule = defineModule({
  name: "standards",
  routes: [standardRoutes],
  abilities: {
    manageStandards: (actor) => standardPolicy.can(actor, "manage"),
  },
  // The service catalogue is read when a process prepares the database, so a broken file stops the start.
  prepare: async () => {
    serviceCatalogue();
  },
});

// The capability's public interface: other capabilities import only what is listed here.
export {
  applicableOrganizationIds,
  applicableOrganizations,
  appliesToOrganization,
  unscopedStandardVersion,
  unscopedVersionInForce,
  type StandardVersionRow,
} from "./standard-scope";
export { serviceCatalogue } from "./service-catalogue-files";
