import type { InjectOptions, LightMyRequestResponse } from "fastify";
import type { Client } from "./app";

/**
 * Fires requests at the same moment: every request is created before any is awaited, so on
 * PostgreSQL (with a pool large enough, see `createTestDatabase({ poolSize })`) their transactions
 * really overlap. On PGlite they run one after the other, which shows the sequential outcome.
 * Returns the answers in the order of `calls`.
 */
export async function fireTogether(calls: Array<{ client: Client; request: InjectOptions }>): Promise<LightMyRequestResponse[]> {
  let open!: () => void;
  const barrier = new Promise<void>((resolve) => (open = resolve));
  const running = calls.map(async ({ client, request }) => {
    await barrier;
    return client.request(request);
  });
  open();
  return Promise.all(running);
}

/** Counts answers by status code, e.g. `{ 200: 1, 409: 19 }`. */
export function statusCounts(responses: LightMyRequestResponse[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const r of responses) counts[r.statusCode] = (counts[r.statusCode] ?? 0) + 1;
  return counts;
}
