import { customType, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { ownerColumns } from "../../db/owner-columns";
import { declareVisibility } from "../../db/visibility";
import { accounts } from "../identity/identity.tables";
import { crises } from "../support-requests/support-requests.tables";
import type { AllocationSnapshot, RunResult } from "./allocation-format";

export type RunStatus = "computing" | "done" | "failed" | "committed";

/** Raw bytes (PostgreSQL `bytea`). */
const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

/** What the preview of a run shows of its snapshot (the snapshot itself is stored compressed). */
export interface RunOverview {
  requests: Array<Pick<AllocationSnapshot["requests"][number], "id" | "title" | "administration" | "urgency" | "open">>;
  administrations: Array<Pick<AllocationSnapshot["administrations"][number], "id" | "name" | "lat" | "lon">>;
  members: number;
  eligiblePairs: number;
}

/**
 * One allocation run (Zuteilungslauf) of the coordination office: its scope, the pseudonymised
 * input snapshot, the result with explanations, and — apart from both — which pool member each
 * pseudonym stands for, so that a commit can open proposals. `tenant` data of the coordinating
 * administration; the snapshot names no person.
 *
 * The snapshot (megabytes for a region) is only ever read whole, for the download: it is stored
 * as the gzip'd published document `{snapshot, result}` (`published`), compressed by the
 * allocation worker, which costs the database a copy instead of parsing and compressing JSON.
 * What the preview needs of it is in `overview`. Runs before this change keep their snapshot in
 * the jsonb column `snapshot` (null for newer runs).
 */
export const allocationRuns = declareVisibility(
  pgTable(
    "allocation_runs",
    {
      id: uuid("id").primaryKey().defaultRandom(),
      ...ownerColumns(),
      crisisId: uuid("crisis_id").references(() => crises.id),
      createdBy: uuid("created_by").references(() => accounts.id, { onDelete: "set null" }),
      createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
      status: text("status").$type<RunStatus>().notNull(),
      /** The input snapshot as jsonb, for runs stored before `published` existed; null since. */
      snapshot: jsonb("snapshot").$type<AllocationSnapshot>(),
      /** gzip'd UTF-8 JSON `{ "snapshot": …, "result": … }` (docs/ALLOCATION.md › Snapshot format). */
      published: bytea("published"),
      overview: jsonb("overview").$type<RunOverview>(),
      /** Pseudonym → pool member id; never leaves the server. */
      memberIds: jsonb("member_ids").$type<Record<string, string>>().notNull(),
      result: jsonb("result").$type<RunResult>(),
      runMs: integer("run_ms"),
      error: text("error"),
      committedAt: timestamp("committed_at", { withTimezone: true }),
      committedBy: uuid("committed_by").references(() => accounts.id, { onDelete: "set null" }),
      /** Indices into the result's assignments that became secondment proposals. */
      committed: jsonb("committed").$type<number[]>(),
    },
    (t) => [index("allocation_runs_org").on(t.organizationId, t.createdAt)],
  ),
  "tenant",
);
