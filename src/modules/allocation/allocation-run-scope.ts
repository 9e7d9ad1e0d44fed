import { and, eq, sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import type { Actor } from "../../kernel/actor";
import { afterCursor, cursorColumn, orderBy, pageOf, type PageRequest, type SortKey } from "../../kernel/paging";
import { AppError } from "../../kernel/problems";
import { namedPoolMembersSql } from "../pool";
import type { RunViewInput } from "./allocation-view";
import { allocationRuns } from "./allocation.tables";

// What may be read of allocation runs — the one place that says so (test/scope.test.ts keeps
// every other file from reading the table). A run is `tenant` data of the coordination office
// that computed it: its administration in its region (`visibleAllocationRunsWhere`); the route
// policies let only the coordination office (region_admin) get here. A run of another
// administration is a 404. The snapshot and result are pseudonymised; the run view names only
// people whose names the office may see (the pool's field rule, `namedPoolMembersSql`). The
// member map (pseudonym → id) never leaves the database but for a commit. Writes — the new run,
// its commit — stay with allocation-runs.ts.

const run = allocationRuns;

/** The runs the actor may see: those of its administration in its region. */
export function visibleAllocationRunsWhere(actor: Actor): SQL | undefined {
  return and(eq(run.regionId, actor.regionId), eq(run.organizationId, actor.organizationId));
}

/** A run the actor may see with the columns a commit needs (not the whole snapshot), locked against a second, concurrent commit; 404 otherwise. */
export async function getVisibleRunForCommit(tx: Tx, actor: Actor, id: string) {
  const [row] = await tx
    .select({
      id: run.id,
      status: run.status,
      createdAt: run.createdAt,
      memberIds: run.memberIds,
      result: run.result,
      committed: run.committed,
      titles: sql<
        Array<{ id: string; title: string }>
      >`(SELECT coalesce(jsonb_agg(jsonb_build_object('id', r->'id', 'title', r->'title')), '[]'::jsonb)
        FROM jsonb_array_elements(coalesce(${run.overview}->'requests', ${run.snapshot}->'requests')) r)`,
    })
    .from(run)
    .where(and(visibleAllocationRunsWhere(actor), eq(run.id, id)))
    .for("update");
  if (!row) throw new AppError("not_found");
  return row;
}

/** What every reader of a run shows first: which run, its state, when and for which crisis. */
const RUN_HEADER = {
  id: run.id,
  status: run.status,
  createdAt: run.createdAt,
  crisisId: run.crisisId,
  committedAt: run.committedAt,
  runMs: run.runMs,
};

/**
 * A run the actor may see, as its view needs it: only the parts of the snapshot the view shows
 * (requests, administrations, two counts), and the names of the assigned people the actor may see
 * the name of — the database picks them, so that the member map stays there. 404 otherwise.
 */
export async function getVisibleRunView(db: Db | Tx, actor: Actor, id: string): Promise<RunViewInput> {
  const [row] = await db
    .select({
      ...RUN_HEADER,
      error: run.error,
      committed: run.committed,
      result: run.result,
      // Runs stored before `overview` existed have it only in their jsonb snapshot.
      requests: sql<RunViewInput["requests"]>`coalesce(${run.overview}->'requests', ${run.snapshot}->'requests')`,
      administrations: sql<
        RunViewInput["administrations"]
      >`coalesce(${run.overview}->'administrations', ${run.snapshot}->'administrations')`,
      members: sql<number>`coalesce((${run.overview}->>'members')::int, jsonb_array_length(${run.snapshot}->'members'))`,
      eligiblePairs: sql<number>`coalesce((${run.overview}->>'eligiblePairs')::int, jsonb_array_length(${run.snapshot}->'pairs'))`,
    })
    .from(run)
    .where(and(visibleAllocationRunsWhere(actor), eq(run.id, id)));
  if (!row) throw new AppError("not_found");
  const { rows: named } = await db.execute(sql`
    SELECT a->>'member' AS pseudonym, n.name AS name
    FROM ${run} CROSS JOIN jsonb_array_elements(${run.result}->'assignments') a
    JOIN (${namedPoolMembersSql(actor)}) n ON n.id = (${run.memberIds}->>(a->>'member'))::uuid
    WHERE ${run.id} = ${row.id}`);
  const { members, eligiblePairs, ...rest } = row;
  return {
    ...rest,
    createdAt: row.createdAt.toISOString(),
    committedAt: row.committedAt?.toISOString() ?? null,
    pool: { members: Number(members), eligiblePairs: Number(eligiblePairs) },
    names: Object.fromEntries(named.map((n) => [n.pseudonym as string, n.name as string])),
  };
}

/** Newest first, then id. */
const RUN_ORDER: SortKey[] = [
  { sql: run.createdAt, type: "timestamp", desc: true },
  { sql: run.id, type: "uuid", desc: true },
];

/** A page of the runs the actor may see, newest first, optionally of one crisis (the counts come from the database, not from parsing results). */
export async function listVisibleAllocationRuns(db: Db | Tx, actor: Actor, filter: PageRequest & { crisisId?: string }) {
  const rows = await db
    .select({
      ...RUN_HEADER,
      assignments: sql<number>`coalesce(jsonb_array_length(${run.result}->'assignments'), 0)`,
      unfilledSlots: sql<number>`coalesce((SELECT sum((u->>'slots')::int) FROM jsonb_array_elements(${run.result}->'unfilled') u), 0)`,
      cursor: cursorColumn(RUN_ORDER),
    })
    .from(run)
    .where(
      and(
        visibleAllocationRunsWhere(actor),
        filter.crisisId ? eq(run.crisisId, filter.crisisId) : undefined,
        afterCursor(RUN_ORDER, filter.cursor),
      ),
    )
    .orderBy(...orderBy(RUN_ORDER))
    .limit(filter.limit + 1);
  return pageOf(rows, filter.limit);
}

/**
 * The published document of a run the actor may see: the stored gzip'd `{snapshot, result}`
 * (base64, as PGlite would parse a bytea result byte by byte on this thread), or for a run stored
 * before it existed the JSON text the database builds from the jsonb snapshot. 404 otherwise.
 */
export async function getVisibleRunDocument(
  db: Db | Tx,
  actor: Actor,
  id: string,
): Promise<{ published: string | null; json: string | null }> {
  const [row] = await db
    .select({
      published: sql<string | null>`encode(${run.published}, 'base64')`,
      json: sql<
        string | null
      >`CASE WHEN ${run.published} IS NULL THEN json_build_object('snapshot', ${run.snapshot}, 'result', ${run.result})::text END`,
    })
    .from(run)
    .where(and(visibleAllocationRunsWhere(actor), eq(run.id, id)));
  if (!row) throw new AppError("not_found");
  return row;
}
