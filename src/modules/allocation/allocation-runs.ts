/**
 * Allocation runs (Zuteilungsläufe): the coordination office computes the exact allocation of pool
 * members to open requests (docs/ALLOCATION.md), looks at the preview with its explanations, and
 * commits all or some assignments as secondment proposals in the usual workflow.
 */
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import type { PageRequest } from "../../kernel/paging";
import { germanDate } from "../../kernel/dates";
import { AppError } from "../../kernel/problems";
import { recordAudit } from "../audit";
import type { Actor } from "../../kernel/actor";
import { crises } from "../support-requests";
import { getSupportRequest } from "../support-requests";
import { listNamedPoolMembers, unscopedCandidates } from "../pool";
import { openCheckedProposal } from "../secondments";
import type { RunResult } from "./allocation-format";
import { readSnapshotRows } from "./allocation-snapshot";
import { presentRun } from "./allocation-view";
import { allocationRuns, type RunOverview } from "./allocation.tables";
import { getVisibleRunDocument, getVisibleRunForCommit, getVisibleRunView, listVisibleAllocationRuns } from "./allocation-run-scope";
import type { RunGate } from "./run-gate";
import { solverPool } from "./solver-pool";
import { listVisibleSupportRequests } from "../support-requests";

// ---------------------------------------------------------------------------------------------

/** A stored run as the coordination office sees it (names only of the office's own people among the assigned ones). */
async function getRunView(db: Db | Tx, actor: Actor, id: string) {
  return presentRun(await getVisibleRunView(db, actor, id));
}

const SCOPE_STATUSES = ["open", "partly_filled"] as const;

/**
 * Refuses a scope that names what is not there: an unknown crisis (or one of another region) is a
 * 404 naming `crisisId`; request ids that are not open requests of the region — of the named
 * crisis, when one is named — are a 422 naming each (drafts and foreign ones alike, so the answer
 * tells nothing about them). Without this, such a run would silently be empty.
 */
async function checkScope(db: Db, actor: Actor, scope: { crisisId: string | null; requestIds: string[] | null }) {
  if (scope.crisisId) {
    const [crisis] = await db
      .select({ id: crises.id })
      .from(crises)
      .where(and(eq(crises.id, scope.crisisId), eq(crises.regionId, actor.regionId)));
    if (!crisis) {
      const message = { de: "Diesen Krisenfall gibt es nicht.", en: "There is no such crisis." };
      throw new AppError("not_found", { message, fields: [{ field: "crisisId", in: "body", rule: "exists", message }] });
    }
  }
  if (!scope.requestIds) return;
  const found = await listVisibleSupportRequests(db, actor, {
    statuses: [...SCOPE_STATUSES],
    ids: scope.requestIds,
    crisisId: scope.crisisId ?? undefined,
  });
  const open = new Set(found.map((r) => r.id));
  const outside = scope.requestIds.flatMap((id, index) => (open.has(id) ? [] : [index]));
  if (outside.length === 0) return;
  const message = scope.crisisId
    ? { de: "Keine offene Unterstützungsanfrage dieses Krisenfalls.", en: "Not an open support request of this crisis." }
    : { de: "Keine offene Unterstützungsanfrage der Region.", en: "Not an open support request of the region." };
  throw new AppError("unprocessable", {
    message: {
      de: "Der Zuteilungslauf nennt Anfragen, die er nicht berücksichtigen kann.",
      en: "The allocation run names requests it cannot take into account.",
    },
    fields: outside.map((index) => ({ field: `requestIds.${index}`, in: "body", rule: "open_request", message })),
  });
}

/**
 * Computes a run: the main thread reads the region's rows, the allocation worker builds the
 * pseudonymised snapshot, solves it exactly, explains it and renders the answer (solver-worker.ts),
 * and the main thread stores the run with its audit entry in one transaction. Nothing else
 * changes. At most a few runs compute at once (`gate`); the answer is the `AllocationRun` as UTF-8
 * JSON, checked against its schema in the worker.
 */
export async function createAllocationRun(
  db: Db,
  actor: Actor,
  body: { crisisId?: string | null; requestIds?: string[] | null },
  gate: RunGate,
): Promise<Buffer> {
  const scope = { crisisId: body.crisisId ?? null, requestIds: body.requestIds ?? null };
  // A scope naming what is not there is refused before the run takes a place at the gate.
  await checkScope(db, actor, scope);
  return gate.run(async () => {
    const rows = await readSnapshotRows(db, actor, scope);
    // The worker names the office's own people in the view (the pool's field rule).
    const own = await listNamedPoolMembers(db, actor, { activeOnly: true });
    const id = randomUUID();
    const createdAt = new Date();
    const run = await solverPool.run({
      rows,
      id,
      createdAt: createdAt.toISOString(),
      ownNames: Object.fromEntries(own.map((m) => [m.id, m.name])),
    });
    // The worker's bytes go in as base64 text, decoded by the database: PGlite turns a binary
    // parameter into text byte by byte on this thread (≈ 100 ms per 300 kB), base64 costs ≈ 1 ms.
    const bytea = (bytes: Uint8Array) => sql`decode(${asBuffer(bytes).toString("base64")}, 'base64')`;
    const jsonb = <T>(bytes: Uint8Array) => sql`convert_from(${bytea(bytes)}, 'UTF8')::jsonb` as unknown as T;
    await db.transaction(async (tx) => {
      await tx.insert(allocationRuns).values({
        id,
        regionId: actor.regionId,
        organizationId: actor.organizationId,
        crisisId: scope.crisisId,
        createdBy: actor.accountId,
        createdAt,
        status: run.status,
        published: bytea(run.published) as unknown as Buffer,
        overview: jsonb<RunOverview>(run.overview),
        memberIds: {},
        runMs: run.runMs,
        error: run.error,
      });
      // The two large documents in statements of their own: on PGlite each statement holds the
      // thread while the database parses its JSON, so three short holds instead of one long one.
      await tx
        .update(allocationRuns)
        .set({ memberIds: jsonb<Record<string, string>>(run.memberIds) })
        .where(eq(allocationRuns.id, id));
      if (run.result !== null) {
        await tx
          .update(allocationRuns)
          .set({ result: jsonb<RunResult>(run.result) })
          .where(eq(allocationRuns.id, id));
      }
      await recordAudit(tx, actor, {
        action: "create",
        entity: "allocation_run",
        entityId: id,
        visibility: "tenant",
        after: run.summary,
      });
    });
    return asBuffer(run.view);
  });
}

/** A Buffer over the same bytes (no copy): the drivers send a Buffer as a binary parameter. */
const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

export async function getAllocationRun(db: Db, actor: Actor, id: string) {
  return getRunView(db, actor, id);
}

/** The coordination office's runs, newest first, a page at a time. */
export async function listAllocationRuns(db: Db, actor: Actor, filter: PageRequest & { crisisId?: string }) {
  const { rows: shown, nextCursor } = await listVisibleAllocationRuns(db, actor, filter);
  return {
    items: shown.map(({ cursor: _cursor, ...r }) => ({
      ...r,
      createdAt: r.createdAt.toISOString(),
      committedAt: r.committedAt?.toISOString() ?? null,
      assignments: Number(r.assignments),
      unfilledSlots: Number(r.unfilledSlots),
    })),
    nextCursor,
  };
}

/**
 * The input snapshot and the result, pseudonymised, in the documented format (docs/ALLOCATION.md):
 * the stored gzip'd document, or for a run stored before it existed the JSON text the database
 * builds from the jsonb snapshot. Megabytes that this thread neither parses nor serialises.
 */
export async function getAllocationSnapshot(db: Db, actor: Actor, id: string): Promise<{ gzip: Buffer } | { json: string }> {
  const { published, json } = await getVisibleRunDocument(db, actor, id);
  return published ? { gzip: Buffer.from(published, "base64") } : { json: json! };
}

/**
 * Opens a secondment proposal for each chosen assignment (all when none are named), in one
 * transaction: if any no longer holds — the person was proposed elsewhere meanwhile, left the
 * pool, the request was filled — nothing is created and the answer names each such assignment.
 */
export async function commitAllocationRun(db: Db, actor: Actor, id: string, body: { assignments?: number[] | null }, baseUrl: string) {
  return db.transaction(async (tx) => {
    const row = await getVisibleRunForCommit(tx, actor, id);
    if (row.status !== "done" || !row.result) {
      throw new AppError("conflict", {
        message:
          row.status === "committed"
            ? { de: "Dieser Zuteilungslauf wurde bereits übernommen.", en: "This allocation run has been committed already." }
            : { de: "Dieser Zuteilungslauf hat kein Ergebnis.", en: "This allocation run has no result." },
      });
    }
    const all = row.result.assignments.map((_, i) => i);
    const chosen = body.assignments ?? all;
    const unknown = chosen.filter((i) => !Number.isInteger(i) || i < 0 || i >= all.length);
    if (chosen.length === 0 || unknown.length > 0 || new Set(chosen).size !== chosen.length) {
      throw new AppError("validation", {
        fields: [
          {
            field: "assignments",
            in: "body",
            rule: chosen.length === 0 ? "min_items" : "known_unique_indices",
            message: {
              de:
                chosen.length === 0
                  ? "Wählen Sie mindestens eine Zuordnung aus."
                  : "Die Auswahl enthält unbekannte oder doppelte Zuordnungen.",
              en: chosen.length === 0 ? "Choose at least one assignment." : "The selection contains unknown or repeated assignments.",
            },
          },
        ],
      });
    }
    // Only the chosen people, not the region's whole pool.
    const memberIds = chosen.map((index) => row.memberIds[row.result!.assignments[index].member]);
    const candidates = new Map((await unscopedCandidates(tx, { region: actor.regionId }, { memberIds })).map((c) => [c.id, c]));
    const requests = new Map<string, Awaited<ReturnType<typeof getSupportRequest>> | null>();
    const titles = new Map(row.titles.map((r) => [r.id, r.title]));
    const stale: string[] = [];
    const reason = `Vorschlag aus dem Zuteilungslauf vom ${germanDate(row.createdAt)}`;
    for (const index of chosen) {
      const a = row.result.assignments[index];
      const candidate = candidates.get(row.memberIds[a.member]);
      if (!requests.has(a.request)) {
        // A request withdrawn meanwhile by another administration is no longer visible: stale too.
        const request = await getSupportRequest(tx, actor, a.request).catch((error: unknown) => {
          if (error instanceof AppError && error.code === "not_found") return null;
          throw error;
        });
        requests.set(a.request, request);
      }
      const request = requests.get(a.request);
      const label = `${a.member} → ${titles.get(a.request) ?? a.request}`;
      if (!candidate || !request || !["open", "partly_filled"].includes(request.status)) {
        stale.push(label);
        continue;
      }
      try {
        // Savepoint: a failed check must not abort the surrounding transaction on PostgreSQL.
        await tx.transaction(async (inner) => openCheckedProposal(inner, actor, request, candidate, reason, baseUrl));
      } catch (error) {
        if (error instanceof AppError) stale.push(label);
        else throw error;
      }
    }
    if (stale.length > 0) {
      throw new AppError("conflict", {
        fields: stale.map((label) => ({
          field: "assignments",
          in: "body" as const,
          rule: "stale_assignment",
          message: {
            de: `${label}: gilt nicht mehr (inzwischen anderweitig angeboten, abgeordnet, ausgeschieden oder Anfrage besetzt). Bitte neu berechnen.`,
            en: `${label}: no longer holds (offered or seconded elsewhere meanwhile, left the pool, or the request was filled). Please compute again.`,
          },
        })),
      });
    }
    const committed = [...(row.committed ?? []), ...chosen];
    await tx
      .update(allocationRuns)
      .set({ status: "committed", committedAt: new Date(), committedBy: actor.accountId, committed })
      .where(eq(allocationRuns.id, row.id));
    await recordAudit(tx, actor, {
      action: "update",
      entity: "allocation_run",
      entityId: row.id,
      visibility: "tenant",
      after: { status: "committed", proposals: chosen.length },
    });
    return getRunView(tx, actor, row.id);
  });
}
