import { Worker } from "node:worker_threads";
import type { AllocationInput, AllocationObjective, AllocationResult } from "../../domain/allocation/solve";

export interface SolvedRun {
  result: AllocationResult;
  firstCome: AllocationObjective;
  ms: number;
}

type Pending = { resolve: (run: SolvedRun) => void; reject: (error: Error) => void };

/**
 * One long-lived worker thread for the optimiser: a large run computes there while the server
 * keeps answering. Runs queue in the worker; the thread starts on first use and is unref'd, so it
 * never keeps the process alive.
 */
class SolverPool {
  private worker: Worker | null = null;
  private pending = new Map<number, Pending>();
  private next = 1;

  private start(): Worker {
    // The worker loads TypeScript through tsx, as the CLI does (solver-thread.mjs).
    const worker = new Worker(new URL("./solver-thread.mjs", import.meta.url));
    worker.unref();
    worker.on("message", (m: { id: number; error?: string } & Partial<SolvedRun>) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.error !== undefined) p.reject(new Error(m.error));
      else p.resolve({ result: m.result!, firstCome: m.firstCome!, ms: m.ms! });
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

  solve(input: AllocationInput): Promise<SolvedRun> {
    return this.send({ input });
  }

  /**
   * Starts the worker and lets it solve synthetic runs, so that the first real run is as fast as
   * the ones after it (the server calls this once it listens).
   */
  async warmUp(): Promise<void> {
    await this.send({ warmUp: true });
  }

  private send(message: { input?: AllocationInput; warmUp?: true }): Promise<SolvedRun> {
    this.worker ??= this.start();
    // Keep the process alive while a run is pending.
    this.worker.ref();
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker!.postMessage({ id, ...message });
    });
  }

  async close() {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }
}

export const solverPool = new SolverPool();
