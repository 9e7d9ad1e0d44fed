import { and, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "../../db/client";
import type { SecondmentState } from "../../domain/secondment/workflow";
import { supportRequests } from "../support-requests/support-requests.tables";
import { secondments } from "./secondments.tables";

/** Secondments still in play for a request: proposed up to running. */
export const IN_PLAY_STATES: SecondmentState[] = [
  "proposed",
  "released",
  "approved",
  "staff_council",
  "accepted",
  "agreed",
  "onboarding",
  "active",
  "completed",
];
/** Secondments that fill a slot of the request: agreed and later. */
export const FILLING_STATES: SecondmentState[] = ["agreed", "onboarding", "active", "completed"];

/**
 * Sets a request's status from its agreed secondments: partly filled, filled, or open again when
 * an agreed secondment ended before it began. Closed, cancelled and draft requests stay as they are.
 */
export async function updateRequestFill(tx: Tx, requestId: string | null) {
  if (!requestId) return;
  // Locked: two secondments of one request agreed at the same moment count each other.
  const [request] = await tx.select().from(supportRequests).where(eq(supportRequests.id, requestId)).for("update");
  if (!request || !["open", "partly_filled", "filled"].includes(request.status)) return;
  const [{ n }] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(secondments)
    .where(and(eq(secondments.requestId, requestId), inArray(secondments.state, FILLING_STATES)));
  const status = n >= request.headcount ? "filled" : n > 0 ? "partly_filled" : "open";
  if (status !== request.status) {
    await tx.update(supportRequests).set({ status, updatedAt: new Date() }).where(eq(supportRequests.id, requestId));
  }
}
