import { defineModule } from "../../kernel/module";
import { runSecondmentDeadlines } from "./secondments";
import { secondmentPolicy } from "./secondments.policy";
import { secondmentRoutes } from "./secondments.routes";

/** Secondments: the workflow from proposal to end, agreements, onboarding, settings, calendars. */
export const secondmentsModule = defineModule({
  name: "secondments",
  routes: [secondmentRoutes],
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
