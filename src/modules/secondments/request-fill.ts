import { and, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { FILLING_STATES } from "../../domain/secondment/workflow";
import { supportRequests } from "../support-requests";
import { secondments } from "./secondments.tables";

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
