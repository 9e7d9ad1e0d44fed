import { defineModule } from "../../kernel/module";
import { today } from "../../kernel/dates";
import { serviceCatalogue } from "./service-catalogue-files";
import { evaluationRoutes } from "./evaluations.routes";
import { standardPolicy } from "./standards.policy";
import { standardRoutes } from "./standards.routes";
import { unscopedPublishDue } from "./submission-scope";
import { failAbandonedImports } from "./submission-import";
import { submissionTasks } from "./submission-tasks";
import { submissionPolicy } from "./submissions.policy";
import { submissionRoutes } from "./submissions.routes";
import { transparencyRoutes } from "./transparency.routes";

/**
 * Service standards (Leistungsstandards): the region's versioned catalogue of standards keyed to
 * LeiKa/OZG, and the values the administrations report against them (docs/STANDARDS.md).
 */
export const standardsModule = defineModule({
  name: "standards",
  routes: [standardRoutes, submissionRoutes, transparencyRoutes, evaluationRoutes],
  tasks: submissionTasks,
  abilities: {
    manageStandards: (actor) => standardPolicy.can(actor, "manage"),
    reportValues: (actor) => submissionPolicy.can(actor, "report"),
    validateValues: (actor) => submissionPolicy.can(actor, "validate"),
  },
  // The service catalogue is read when a process prepares the database, so a broken file stops the start.
  prepare: async () => {
    serviceCatalogue();
  },
  // An import a stopped server left running wrote nothing (its transaction never committed): it is
  // marked failed, so that its reporter is told to upload the file again.
  onListen: async ({ db, log }) => {
    const failed = await failAbandonedImports(db);
    if (failed.length) log.warn({ imports: failed }, "imports interrupted by the last stop marked failed");
  },
  jobs: [
    {
      // Validated values whose publication day has come are marked published (the embargo itself
      // is enforced by every read: `submission-scope.ts`).
      name: "publish reported values",
      every: () => 3600 * 1000,
      run: ({ db }) => unscopedPublishDue(db, today()),
    },
  ],
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
// The management dashboard (dashboards) shows the own administration's standards at a glance.
export { ownStandardsAtAGlance } from "./management-standards";
