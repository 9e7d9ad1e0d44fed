import { defineModule } from "../../kernel/module";
import { costRatePolicy } from "./cost-rates.policy";
import { costRateRoutes } from "./cost-rates.routes";
import { payTables } from "./pay-table-files";

/** Settlement: cost rates per pay group (and, from the other parts of issue 16, hours, statements, balances). */
export const settlementModule = defineModule({
  name: "settlement",
  routes: [costRateRoutes],
  abilities: {
    readCostRates: (actor) => costRatePolicy.can(actor, "browse"),
    manageCostRates: (actor) => costRatePolicy.can(actor, "manage"),
  },
  // The pay tables are read when a process prepares the database, so a broken file stops the start.
  prepare: async () => {
    payTables();
  },
});

// The capability's public interface: other capabilities import only what is listed here.
export { rateFor, type RateQuery, type RateFound, type NoRateFound } from "./cost-rates";
