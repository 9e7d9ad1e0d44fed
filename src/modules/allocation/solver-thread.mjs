// Entry of the optimiser's worker thread: registers the TypeScript loader the CLI uses (tsx), then
// runs solver-worker.ts. Plain JavaScript, because a worker does not inherit the parent's loader.
import { register } from "tsx/esm/api";

register();
await import("./solver-worker.ts");
