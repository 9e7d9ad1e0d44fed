import { defineModule } from "../../kernel/module";
import { allocationPolicy } from "./allocation.policy";
import { allocationRoutes } from "./allocation.routes";
import { solverPool } from "./solver-pool";

/** Allocation: the optimiser's runs — preview, snapshot, commit into secondment proposals. */
export const allocationModule = defineModule({
  name: "allocation",
  routes: [allocationRoutes],
  abilities: { runAllocation: (actor) => allocationPolicy.can(actor, "run") },
  // The optimiser's worker compiles its loops now rather than on the first allocation run.
  onListen: () => solverPool.warmUp(),
});
