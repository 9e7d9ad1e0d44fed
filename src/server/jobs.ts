import type { JobContext, VerbundModule } from "../kernel/module";

/**
 * Starts the modules' background work: each job runs once now and then at its interval, never
 * overlapping itself; failures are logged and the next run comes as planned. `firstRuns` settles
 * when every first run has ended; `stop` stops the timers and waits for running work.
 */
export function startJobs(
  modules: readonly VerbundModule[],
  context: JobContext,
): { firstRuns: Promise<unknown>; stop: () => Promise<void> } {
  const timers: NodeJS.Timeout[] = [];
  const latest = new Map<string, Promise<unknown>>();
  const firstRuns: Array<Promise<unknown>> = [];
  let stopped = false;
  for (const module of modules) {
    for (const job of module.jobs ?? []) {
      const every = job.every(context.config);
      if (every === null) continue;
      let current: Promise<unknown> = Promise.resolve();
      const tick = () => {
        if (stopped) return current;
        current = current
          .then(() => job.run(context))
          .then(
            (changed) => changed && context.log.info({ job: job.name, changed }, "job done"),
            (err: unknown) => context.log.error({ err, job: job.name }, "job failed"),
          );
        latest.set(`${module.name}.${job.name}`, current);
        return current;
      };
      firstRuns.push(tick());
      timers.push(setInterval(() => void tick(), every));
    }
  }
  return {
    firstRuns: Promise.all(firstRuns),
    async stop() {
      stopped = true;
      for (const timer of timers) clearInterval(timer);
      await Promise.all(latest.values());
    },
  };
}
