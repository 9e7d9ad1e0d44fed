import { describe, expect, it } from "vitest";
import { AppError } from "../../kernel/problems";
import { RunGate } from "./run-gate";

/** A piece of work that runs until the test lets it finish. */
function work(log: string[], name: string, state: { running: number; most: number }) {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  const job = async () => {
    state.running++;
    state.most = Math.max(state.most, state.running);
    log.push(`start ${name}`);
    await done;
    state.running--;
    return name;
  };
  return { job, finish };
}

describe("RunGate", () => {
  it("lets at most `concurrent` runs compute, queues `queued` more in order of arrival, refuses the rest with 503 and Retry-After", async () => {
    const gate = new RunGate({ concurrent: 2, queued: 3, retryAfterSeconds: 7 });
    const log: string[] = [];
    const state = { running: 0, most: 0 };
    const works = ["a", "b", "c", "d", "e", "f", "g"].map((n) => ({ name: n, ...work(log, n, state) }));
    const outcomes = works.map((w) =>
      gate.run(w.job).then(
        (v) => v,
        (e: unknown) => e,
      ),
    );
    await new Promise((r) => setTimeout(r, 10));
    expect(log).toEqual(["start a", "start b"]);
    expect(gate.load).toEqual({ running: 2, waiting: 3 });
    // f and g found the queue full.
    for (const refused of [await outcomes[5], await outcomes[6]]) {
      expect(refused).toBeInstanceOf(AppError);
      const e = refused as AppError;
      expect(e.status).toBe(503);
      expect(e.headers).toEqual({ "retry-after": "7" });
      expect(e.messages.de).toContain("Bitte versuchen Sie es in wenigen Sekunden erneut");
      expect(e.messages.en).toContain("Please try again in a few seconds");
    }
    // Each finished run lets the next waiting one in, first come first served.
    for (const w of works.slice(0, 5)) {
      w.finish();
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(await Promise.all(outcomes.slice(0, 5))).toEqual(["a", "b", "c", "d", "e"]);
    expect(log).toEqual(["start a", "start b", "start c", "start d", "start e"]);
    expect(state.most).toBe(2);
    expect(gate.load).toEqual({ running: 0, waiting: 0 });
  });

  it("frees the place when a run fails", async () => {
    const gate = new RunGate({ concurrent: 1, queued: 0 });
    await expect(gate.run(async () => Promise.reject(new Error("broken")))).rejects.toThrow("broken");
    expect(await gate.run(async () => "next")).toBe("next");
    expect(gate.load).toEqual({ running: 0, waiting: 0 });
  });
});
