import type { Tx } from "../../db/client";
import { FILLING_STATES } from "../../domain/secondment/workflow";
import { unscopedFillingCount } from "./secondment-scope";
import { updateRequestFill as updateFill } from "../support-requests";

/** Sets the status of a secondment's request from its secondments that fill a slot (agreed and later). */
export async function updateRequestFill(tx: Tx, requestId: string | null) {
  await updateFill(tx, requestId, (id) => unscopedFillingCount(tx, id, FILLING_STATES));
}
