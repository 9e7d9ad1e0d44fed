import { defineModule } from "../../kernel/module";
import { secondmentAuditSource } from "./secondment-audit";
import { exchangeOverview, hrQueueOverview, ownSecondmentsOverview } from "./overview";
import { secondmentTasks } from "./tasks";
import { runSecondmentDeadlines } from "./deadlines";
import { secondmentPolicy } from "./secondments.policy";
import { offerRoutes } from "./offers.routes";
import { secondmentRoutes } from "./secondments.routes";

/** Secondments: the workflow from proposal to end, agreements, onboarding, settings, calendars. */
export const secondmentsModule = defineModule({
  name: "secondments",
  routes: [secondmentRoutes, offerRoutes],
  audit: secondmentAuditSource,
  tasks: secondmentTasks,
  overviews: { exchange: exchangeOverview, hrQueue: hrQueueOverview, ownSecondments: ownSecondmentsOverview },
  abilities: {
    readSecondments: (actor) => secondmentPolicy.can(actor, "list"),
    configureSecondments: (actor) => secondmentPolicy.can(actor, "configure"),
    deputize: (actor) => secondmentPolicy.can(actor, "deputize"),
    manageFramework: (actor) => secondmentPolicy.can(actor, "manage_framework"),
  },
  jobs: [
    {
      // Verbund's own steps: deemed consent after the staff council's deadline, completion after the period.
      name: "secondment deadlines",
      every: () => 3600 * 1000,
      run: ({ db, config }) => runSecondmentDeadlines(db, config.baseUrl),
    },
  ],
});

// The capability's public interface: other capabilities import only what is listed here.
export { openCheckedProposal } from "./propose";
// The management dashboard (dashboards) shows the staff lent and borrowed as the start page does.
export { exchangeOverview } from "./overview";
export { unscopedBlockingSql, unscopedInPlaySql } from "./secondment-scope";
export { unscopedSettlementFactsSql } from "./secondment-scope";
export { departmentCaps, secondmentSettings } from "./secondments.tables";
// Hours and expenses (settlement) follow the secondment's scope: a secondment the caller may see,
// locked for a change, the caller's own, and whether its person may be named.
export {
  getVisibleSecondment,
  getVisibleSecondmentForUpdate,
  listOwnSecondments,
  mayShowPersonName,
  type MemberRow,
  type SecondmentRow,
} from "./secondment-scope";
// Statements (settlement) are written with the agreement's tagged PDF writer.
export { newTaggedPdf, type Writer } from "./agreement-pdf";
export { registerFrameworkOverhead, overheadOfRow } from "./framework-overhead";
