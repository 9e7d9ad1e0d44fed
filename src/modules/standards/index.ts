import { defineModule } from "../../kernel/module";
import { today } from "../../kernel/dates";
import { unscopedPublishDue } from "./submission-scope";
import { submissionTasks } from "./submission-tasks";
import { submissionPolicy } from "./submissions.policy";
import { submissionRoutes } from "./submissions.routes";

/**
 * Service standards (Leistungsstandards): the region's versioned catalogue of standards keyed to
 * LeiKa/OZG, and the values the administrations report against them (docs/STANDARDS.md).
 */
export const standardsModule = defineModule({
  name: "standards",
  routes: [submissionRoutes],
  tasks: submissionTasks,
  abilities: {
    reportValues: (actor) => submissionPolicy.can(actor, "report"),
    validateValues: (actor) => submissionPolicy.can(actor, "validate"),
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
