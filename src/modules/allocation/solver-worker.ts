/** Worker thread: solves allocation models off the server's event loop (see solver-pool.ts). */
import { parentPort } from "node:worker_threads";
import { evaluate, greedyAllocation, solveAllocation, type AllocationInput } from "../../domain/allocation/solve";

parentPort!.on("message", (message: { id: number; input: AllocationInput }) => {
  try {
    const started = performance.now();
    const result = solveAllocation(message.input);
    const ms = performance.now() - started;
    const firstCome = evaluate(message.input, greedyAllocation(message.input));
    parentPort!.postMessage({ id: message.id, result, firstCome, ms });
  } catch (error) {
    parentPort!.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) });
  }
});
