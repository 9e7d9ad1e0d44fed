/** Worker thread: solves allocation models off the server's event loop (see solver-pool.ts). */
import { parentPort } from "node:worker_threads";
import { FlowGraph } from "../../domain/allocation/max-flow";
import { evaluate, greedyAllocation, solveAllocation, type AllocationInput } from "../../domain/allocation/solve";

parentPort!.on("message", (message: { id: number; input?: AllocationInput; warmUp?: true }) => {
  try {
    if (message.warmUp) {
      warmUp();
      parentPort!.postMessage({ id: message.id, warm: true });
      return;
    }
    const input = message.input!;
    const started = performance.now();
    const result = solveAllocation(input);
    const ms = performance.now() - started;
    const firstCome = evaluate(input, greedyAllocation(input));
    parentPort!.postMessage({ id: message.id, result, firstCome, ms });
  } catch (error) {
    parentPort!.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) });
  }
});

/**
 * Solves a few synthetic models of region size (fixed pseudo-random numbers, no real data), so that
 * V8 has compiled the optimiser's loops before the first real run: in a fresh thread that run
 * would take several times as long. One model has tight caps and many requests, the other few
 * requests and no department caps, so that the fairness level moves people between lenders too.
 */
function warmUp() {
  let seed = 20261126;
  // A 32-bit linear congruential generator (Math.imul keeps the product exact).
  const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const model = (requestCount: number, departmentCap: number | null): AllocationInput => {
    const administrations = Array.from({ length: 22 }, (_, a) => ({ poolSize: 30 + 10 * a, cap: next() < 0.3 ? 20 : null }));
    const departments = Array.from({ length: 88 }, (_, d) => ({ administration: d % 22, cap: departmentCap }));
    const members = Array.from({ length: 2000 }, (_, m) => ({ department: m % 88 }));
    const urgencies = ["crisis", "urgent", "normal"] as const;
    const requests = Array.from({ length: requestCount }, () => ({
      urgency: urgencies[Math.floor(next() * 3)],
      open: 1 + Math.floor(next() * 10),
    }));
    const pairs: AllocationInput["pairs"] = [];
    for (let r = 0; r < requests.length; r++)
      for (let m = 0; m < members.length; m++)
        if (next() < 0.09) pairs.push({ member: m, request: r, distanceM: Math.floor(next() * 50_000), preferred: Math.floor(next() * 3) });
    // Cloned like a message, so that the objects have the shapes of a real run's input.
    return structuredClone({ administrations, departments, members, requests, pairs });
  };
  const models = [model(200, 8), model(40, null)];
  for (let i = 0; i < 12; i++) {
    solveAllocation(models[i % 2]);
    // The models' head starts leave the maximum flow little to do; a bare bipartite matching
    // from zero exercises all of its searches.
    const graph = new FlowGraph(2 + 2 * 500, 4000);
    for (let v = 0; v < 500; v++) {
      graph.addEdge(0, 2 + v, 1);
      graph.addEdge(502 + v, 1, 1);
      for (let k = 0; k < 4; k++) graph.addEdge(2 + v, 502 + Math.floor(next() * 500), 1);
    }
    graph.augment(0, 1);
  }
}
