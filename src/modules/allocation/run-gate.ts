import { AppError } from "../../kernel/problems";

/** Options of {@link RunGate}. */
export interface RunGateOptions {
  /** Runs that compute at the same time (`VERBUND_ALLOCATION_CONCURRENCY`). */
  concurrent: number;
  /** Runs that may wait for a free place; more are refused (`VERBUND_ALLOCATION_QUEUE`). */
  queued: number;
  /** Seconds a refused caller is asked to wait (`Retry-After`). */
  retryAfterSeconds?: number;
}

/**
 * Bounds the allocation runs of one server process: at most `concurrent` compute at once, up to
 * `queued` more wait their turn in order of arrival, and any beyond are refused with 503 and
 * `Retry-After` (German and English message the crisis board shows). A run reads thousands of
 * rows and writes megabytes; unbounded, a burst of runs would queue that work in front of every
 * other request. The bound is per process (it protects this process's CPU and memory), not a
 * rule about the region's data: it holds no lock and guards no row.
 *
 * @example const gate = new RunGate({ concurrent: 2, queued: 4 }); await gate.run(() => compute());
 */
export class RunGate {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly options: RunGateOptions) {}

  /** How many runs compute and wait right now. */
  get load() {
    return { running: this.running, waiting: this.waiting.length };
  }

  /** Runs `work` when a place is free; throws the 503 problem when the queue is full. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running < this.options.concurrent) this.running++;
    else if (this.waiting.length < this.options.queued) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else {
      throw new AppError("unavailable", {
        message: {
          de: "Der Server berechnet gerade andere Zuteilungen. Bitte versuchen Sie es in wenigen Sekunden erneut. Es wurde nichts geändert.",
          en: "The server is computing other allocations right now. Please try again in a few seconds. Nothing was changed.",
        },
        headers: { "retry-after": String(this.options.retryAfterSeconds ?? 5) },
      });
    }
    try {
      return await work();
    } finally {
      // The place passes straight to the next in line, so that a newcomer cannot overtake it.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
