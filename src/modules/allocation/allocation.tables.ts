import { index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { ownerColumns } from "../../db/owner-columns";
import { declareVisibility } from "../../db/visibility";
import { accounts } from "../identity/identity.tables";
import { crises } from "../requests/requests.tables";
import type { AllocationSnapshot, RunResult } from "./allocation-format";

export type RunStatus = "computing" | "done" | "failed" | "committed";

/**
 * One allocation run (Zuteilungslauf) of the coordination office: its scope, the pseudonymised
 * input snapshot, the result with explanations, and — apart from both — which pool member each
 * pseudonym stands for, so that a commit can open proposals. `tenant` data of the coordinating
 * administration; the snapshot names no person.
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
      snapshot: jsonb("snapshot").$type<AllocationSnapshot>().notNull(),
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
