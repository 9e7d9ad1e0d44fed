import { defineModule } from "../../kernel/module";
import { timesheetTasks } from "./timesheet-tasks";
import { timesheetPolicy } from "./timesheets.policy";
import { timesheetRoutes } from "./timesheets.routes";

/** Settlement: hours and expenses of secondments, and what is settled between administrations. */
export const settlementModule = defineModule({
  name: "settlement",
  routes: [timesheetRoutes],
  tasks: timesheetTasks,
  abilities: {
    recordHours: (actor) => timesheetPolicy.can(actor, "record"),
  },
});
