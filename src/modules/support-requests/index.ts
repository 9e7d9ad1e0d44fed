import { defineModule } from "../../kernel/module";
import { requestAuditSource } from "./request-audit";
import { crisisOverview } from "./overview";
import { supportRequestTasks } from "./tasks";
import { crisisPolicy, supportRequestPolicy } from "./support-requests.policy";
import { requestRoutes } from "./support-requests.routes";

/** Support requests: what administrations ask for, crises and the crisis board. */
export const supportRequestsModule = defineModule({
  name: "support-requests",
  routes: [requestRoutes],
  audit: requestAuditSource,
  tasks: supportRequestTasks,
  overviews: { crisis: crisisOverview },
  abilities: {
    readRequests: (actor) => supportRequestPolicy.can(actor, "list"),
    createRequests: (actor) => supportRequestPolicy.can(actor, "create"),
    offerMembers: (actor) => supportRequestPolicy.can(actor, "offer"),
    readCrises: (actor) => crisisPolicy.can(actor, "list"),
    declareCrisis: (actor) => crisisPolicy.can(actor, "declare"),
  },
});

// The capability's public interface: other capabilities import only what is listed here.
export { getSupportRequest } from "./support-requests";
export { supportRequestPolicy } from "./support-requests.policy";
export { SETTLEMENT_MODELS } from "./support-requests.schemas";
export {
  listVisibleSupportRequests,
  unscopedIsInActiveCrisis,
  unscopedOpenRequestsSql,
  unscopedRequestStatusOf,
  unscopedRequestSummariesOf,
  unscopedRequestSummaryOf,
  unscopedRequestsOfDepartmentSql,
  updateRequestFill,
} from "./support-request-scope";
export { crises, supportRequestQualifications } from "./support-requests.tables";
