import { Worker } from "node:worker_threads";
import type { AllocationInput, AllocationObjective, AllocationResult } from "../../domain/allocation/solve";
import type { ComputedRun, RunJob } from "./allocation-result";

export interface SolvedRun {
  result: AllocationResult;
  firstCome: AllocationObjective;
  ms: number;
}

type Pending = { resolve: (value: never) => void; reject: (error: Error) => void };

/** A message to the worker (solver-worker.ts). */
export type WorkerRequest = { id: number } & (
  { kind: "solve"; input: AllocationInput } | { kind: "warmUp" } | { kind: "run"; job: RunJob }
);

/**
 * One long-lived worker thread for the allocation: a run's CPU work — snapshot, eligible pairs,
 * the exact optimum, explanations, the stored and sent JSON — happens there while the server keeps
 * answering. Jobs queue in the worker; the thread starts on first use and is unref'd, so it never
 * keeps the process alive.
 */
class SolverPool {
  private worker: Worker | null = null;
  private pending = new Map<number, Pending>();
  private next = 1;

  private start(): Worker {
    // The worker loads TypeScript through tsx, as the CLI does (solver-thread.mjs).
    const worker = new Worker(new URL("./solver-thread.mjs", import.meta.url));
    worker.unref();
    worker.on("message", (m: { id: number; error?: string; value?: unknown }) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.error !== undefined) p.reject(new Error(m.error));
      else p.resolve(m.value as never);
      if (this.pending.size === 0) worker.unref();
    });
    worker.on("error", (error) => this.failAll(error));
    worker.on("exit", (code) => {
      this.worker = null;
      if (this.pending.size) this.failAll(new Error(`solver worker exited with code ${code}`));
    });
    return worker;
  }

  private failAll(error: Error) {
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }

  /** Solves a model (tests and benchmarks; a server's run goes through {@link run}). */
  solve(input: AllocationInput): Promise<SolvedRun> {
    return this.send({ kind: "solve", input });
  }

  /** Computes a run from its rows (allocation-result.ts `computeRun`). */
  run(job: RunJob): Promise<ComputedRun> {
    return this.send({ kind: "run", job });
  }

  /**
   * Starts the worker and lets it compute synthetic runs, so that the first real run is as fast as
   * the ones after it (the server calls this once it listens).
   */
  async warmUp(): Promise<void> {
    await this.send({ kind: "warmUp" });
  }

  private send<T>(message: Omit<WorkerRequest, "id"> & Partial<WorkerRequest>): Promise<T> {
    this.worker ??= this.start();
    // Keep the process alive while a job is pending.
    this.worker.ref();
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: never) => void, reject });
      this.worker!.postMessage({ ...message, id });
    });
  }

  async close() {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }
}

export const solverPool = new SolverPool();
