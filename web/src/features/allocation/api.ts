import type { ResponseOf } from "../../api/types";

/**
 * An allocation run: who goes where and why, what stays open and why, how evenly the
 * administrations lend, and whether it can be committed.
 */
export type AllocationRun = ResponseOf<"/api/v1/allocation-runs/{id}">;
/** The runs of a crisis, newest first (summaries). */
export type AllocationRuns = ResponseOf<"/api/v1/allocation-runs">;
