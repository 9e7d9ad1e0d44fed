import { defineModule } from "../../kernel/module";
import { balancePolicy } from "./balances.policy";
import { balanceTasks } from "./balance-tasks";
import { balanceRoutes } from "./balances.routes";
import { costRatePolicy } from "./cost-rates.policy";
import { costRateRoutes } from "./cost-rates.routes";
import { frameworkOverheadOn } from "./cost-rates";
import { registerFrameworkOverhead } from "../secondments";
import { payTables } from "./pay-table-files";
import { timesheetAuditSource } from "./timesheet-scope";
import { partyStatementIdsSql } from "./statement-scope";
import { statementTasks } from "./statement-tasks";
import { statementRoutes } from "./statements.routes";
import { statementPolicy } from "./statements.policy";
import { timesheetTasks } from "./timesheet-tasks";
import { timesheetPolicy } from "./timesheets.policy";
import { timesheetRoutes } from "./timesheets.routes";

// The secondment page and the agreement PDF say the framework agreement's overhead percentage.
registerFrameworkOverhead(frameworkOverheadOn);

/** Settlement: cost rates per pay group, hours and expenses of secondments, and what is settled between administrations. */
export const settlementModule = defineModule({
  name: "settlement",
  routes: [costRateRoutes, timesheetRoutes, statementRoutes, balanceRoutes],
  tasks: async (context) => [...(await timesheetTasks(context)), ...(await statementTasks(context)), ...(await balanceTasks(context))],
  // Hours, expenses and statements: each side's HR office reads its own people's steps on them.
  audit: { sharedWith: { ...timesheetAuditSource.sharedWith, statement: partyStatementIdsSql } },
  abilities: {
    readCostRates: (actor) => costRatePolicy.can(actor, "browse"),
    manageCostRates: (actor) => costRatePolicy.can(actor, "manage"),
    recordHours: (actor) => timesheetPolicy.can(actor, "record"),
    readStatements: (actor) => statementPolicy.can(actor, "list"),
    editBillingDetails: (actor) => statementPolicy.can(actor, "billing"),
    readBalances: (actor) => balancePolicy.can(actor, "read"),
    readRegionBalances: (actor) => balancePolicy.can(actor, "readRegion"),
  },
  // The pay tables are read when a process prepares the database, so a broken file stops the start.
  prepare: async () => {
    payTables();
  },
});

// The capability's public interface: other capabilities import only what is listed here.
export { rateFor, type RateQuery, type RateFound, type NoRateFound } from "./cost-rates";
