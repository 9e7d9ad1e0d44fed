/**
 * Allocation runs (Zuteilungsläufe): the coordination office computes the exact allocation of pool
 * members to open requests (docs/ALLOCATION.md), looks at the preview with its explanations, and
 * commits all or some assignments as secondment proposals in the usual workflow.
 */
import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { funnel, unfilledReason } from "../../domain/allocation/explain";
import { fairnessCost } from "../../domain/allocation/solve";
import { germanDate } from "../../domain/dates";
import { AppError } from "../../server/problems";
import { recordAudit } from "../audit/record-audit";
import type { Actor } from "../identity/actor";
import { poolMembers } from "../pool/pool.tables";
import { crises, supportRequests } from "../requests/requests.tables";
import { getSupportRequest, loadCandidates } from "../requests/support-requests";
import { openCheckedProposal } from "../secondments/secondments";
import { inputFromSnapshot, type AllocationSnapshot, type RunResult } from "./allocation-format";
import { asCandidate, asNeeds, overlaps, takeSnapshot } from "./allocation-snapshot";
import { allocationRuns } from "./allocation.tables";
import { solverPool } from "./solver-pool";

type RunRow = typeof allocationRuns.$inferSelect;

/** Explanations for every assignment and every unfilled slot. */
function explain(snapshot: AllocationSnapshot, chosen: number[]): Pick<RunResult, "assignments" | "unfilled" | "lent"> {
  const names = new Map(snapshot.qualifications.map((q) => [q.id, q.name]));
  const adminIndex = new Map(snapshot.administrations.map((a, i) => [a.id, i]));
  const rank = new Array<number>(snapshot.administrations.length).fill(0);
  const assignedMember = new Set<number>();
  const filled = new Array<number>(snapshot.requests.length).fill(0);
  // Ranks follow the order of the fairness cost: cheapest (first) units go to the nearest assignments.
  const ordered = [...chosen].sort((a, b) => snapshot.pairs[a][2] - snapshot.pairs[b][2] || a - b);
  const assignments = ordered.map((pi) => {
    const [mi, ri, distanceM] = snapshot.pairs[pi];
    const m = snapshot.members[mi];
    const r = snapshot.requests[ri];
    const a = adminIndex.get(m.administration)!;
    const k = ++rank[a];
    const n = Math.max(snapshot.administrations[a].poolSize, 1);
    assignedMember.add(mi);
    filled[ri]++;
    const held = new Set(m.qualifications.filter((q) => q.validUntil === null || q.validUntil >= r.endsOn).map((q) => q.id));
    return {
      pair: pi,
      member: m.pseudonym,
      request: r.id,
      fromAdministration: m.administration,
      toAdministration: r.administration,
      explanation: {
        required: r.required.map((q) => names.get(q) ?? q),
        preferred: r.preferred.filter((q) => held.has(q)).map((q) => names.get(q) ?? q),
        distanceKm: Math.round(distanceM / 100) / 10,
        remote: r.isRemotePossible && m.canWorkRemotely && distanceM / 1000 > m.travelRadiusKm,
        fairness: { rank: k, poolSize: n, cost: fairnessCost(k, n) },
      },
    };
  });
  const candidates = snapshot.members.map((m) => asCandidate(m, snapshot));
  const unfilled = snapshot.requests.flatMap((r, ri) => {
    const slots = r.open - filled[ri];
    if (slots <= 0) return [];
    const proposed = new Set(r.alreadyProposed);
    const counts = funnel(
      snapshot.members.map((m, mi) => ({
        ...candidates[mi],
        isBlocked: (from: string, to: string) => overlaps(m.blocked, from, to),
        isAssigned: assignedMember.has(mi) || proposed.has(m.pseudonym),
      })),
      asNeeds(r),
    );
    return [{ request: r.id, slots, reason: unfilledReason(counts), counts }];
  });
  const lent = snapshot.administrations.map((a, i) => ({ administration: a.id, lent: rank[i], poolSize: a.poolSize }));
  return { assignments, unfilled, lent };
}

// ---------------------------------------------------------------------------------------------

/** A run of the actor's administration; with `forUpdate` locked and read under the lock (commit). 404 otherwise. */
async function loadRun(db: Db | Tx, actor: Actor, id: string, options: { forUpdate?: boolean } = {}): Promise<RunRow> {
  const query = db
    .select()
    .from(allocationRuns)
    .where(
      and(eq(allocationRuns.id, id), eq(allocationRuns.regionId, actor.regionId), eq(allocationRuns.organizationId, actor.organizationId)),
    );
  const [row] = options.forUpdate ? await query.for("update") : await query;
  if (!row) throw new AppError("not_found");
  return row;
}

/** The preview as the coordination office sees it: names only of its own administration's people. */
async function present(db: Db | Tx, actor: Actor, row: RunRow) {
  const snapshot = row.snapshot;
  const adminName = new Map(snapshot.administrations.map((a) => [a.id, a.name]));
  const request = new Map(snapshot.requests.map((r) => [r.id, r]));
  const ownIds = Object.entries(row.memberIds).filter(([, id]) => id);
  const own = ownIds.length
    ? await db
        .select({ id: poolMembers.id, name: poolMembers.name })
        .from(poolMembers)
        .where(
          and(
            eq(poolMembers.organizationId, actor.organizationId),
            inArray(
              poolMembers.id,
              ownIds.map(([, id]) => id),
            ),
          ),
        )
    : [];
  const ownName = new Map(own.map((m) => [m.id, m.name]));
  const result = row.result;
  const committed = new Set(row.committed ?? []);
  const flows = new Map<string, { from: string; to: string; count: number }>();
  for (const a of result?.assignments ?? []) {
    const key = `${a.fromAdministration}>${a.toAdministration}`;
    const f = flows.get(key) ?? { from: a.fromAdministration, to: a.toAdministration, count: 0 };
    f.count++;
    flows.set(key, f);
  }
  return {
    id: row.id,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    crisisId: row.crisisId,
    committedAt: row.committedAt?.toISOString() ?? null,
    runMs: row.runMs,
    error: row.error,
    requests: snapshot.requests.map((r) => ({
      id: r.id,
      title: r.title,
      administration: adminName.get(r.administration) ?? "",
      urgency: r.urgency,
      open: r.open,
    })),
    pool: { members: snapshot.members.length, eligiblePairs: snapshot.pairs.length },
    objective: result?.objective ?? null,
    firstCome: result?.firstCome ?? null,
    assignments: (result?.assignments ?? []).map((a, index) => {
      const r = request.get(a.request)!;
      return {
        index,
        member: a.member,
        name: ownName.get(row.memberIds[a.member]) ?? null,
        from: { id: a.fromAdministration, name: adminName.get(a.fromAdministration) ?? "" },
        to: { id: a.toAdministration, name: adminName.get(a.toAdministration) ?? "" },
        request: { id: r.id, title: r.title, urgency: r.urgency },
        explanation: a.explanation,
        isCommitted: committed.has(index),
      };
    }),
    unfilled: (result?.unfilled ?? []).map((u) => {
      const r = request.get(u.request)!;
      return {
        request: { id: r.id, title: r.title, urgency: r.urgency, administration: adminName.get(r.administration) ?? "" },
        slots: u.slots,
        reason: u.reason,
        counts: u.counts,
      };
    }),
    lent: (result?.lent ?? [])
      .filter((l) => l.poolSize > 0)
      .map((l) => ({
        administration: { id: l.administration, name: adminName.get(l.administration) ?? "" },
        lent: l.lent,
        poolSize: l.poolSize,
        share: l.lent / l.poolSize,
      })),
    flows: [...flows.values()].map((f) => {
      const from = snapshot.administrations.find((a) => a.id === f.from)!;
      const to = snapshot.administrations.find((a) => a.id === f.to)!;
      return {
        from: { id: from.id, name: from.name, lat: from.lat, lon: from.lon },
        to: { id: to.id, name: to.name, lat: to.lat, lon: to.lon },
        count: f.count,
      };
    }),
    // What `commitAllocationRun` accepts: a finished run, not yet committed, with something to commit.
    abilities: { commit: row.status === "done" && (result?.assignments.length ?? 0) > 0 },
  };
}

export type AllocationRunView = Awaited<ReturnType<typeof present>>;

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
  const found = await db
    .select({ id: supportRequests.id })
    .from(supportRequests)
    .where(
      and(
        eq(supportRequests.regionId, actor.regionId),
        inArray(supportRequests.status, [...SCOPE_STATUSES]),
        inArray(supportRequests.id, scope.requestIds),
        scope.crisisId ? eq(supportRequests.crisisId, scope.crisisId) : undefined,
      ),
    );
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
 * Computes a run: snapshot of the region, the exact optimum in the worker thread, explanations.
 * Nothing else changes; the run is stored so that it can be reproduced and committed.
 */
export async function createAllocationRun(db: Db, actor: Actor, body: { crisisId?: string | null; requestIds?: string[] | null }) {
  const scope = { crisisId: body.crisisId ?? null, requestIds: body.requestIds ?? null };
  await checkScope(db, actor, scope);
  const { snapshot, memberIds } = await takeSnapshot(db, actor, scope);
  // The run and its audit entry are written together.
  const row = await db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(allocationRuns)
      .values({
        regionId: actor.regionId,
        organizationId: actor.organizationId,
        crisisId: scope.crisisId,
        createdBy: actor.accountId,
        status: "computing",
        snapshot,
        memberIds,
      })
      .returning();
    await recordAudit(tx, actor, {
      action: "create",
      entity: "allocation_run",
      entityId: inserted.id,
      visibility: "tenant",
      after: { scope: snapshot.scope, requests: snapshot.requests.length, members: snapshot.members.length },
    });
    return inserted;
  });
  try {
    const solved = await solverPool.solve(inputFromSnapshot(snapshot));
    const explained = explain(snapshot, solved.result.assignments);
    const result: RunResult = {
      objective: solved.result.objective,
      firstCome: solved.firstCome,
      ...explained,
      solver: { pivots: solved.result.pivots, passes: solved.result.levels, ms: Math.round(solved.ms) },
    };
    const [done] = await db
      .update(allocationRuns)
      .set({ status: "done", result, runMs: Math.round(solved.ms) })
      .where(eq(allocationRuns.id, row.id))
      .returning();
    return present(db, actor, done);
  } catch (error) {
    const [failed] = await db
      .update(allocationRuns)
      .set({ status: "failed", error: error instanceof Error ? error.message : String(error) })
      .where(eq(allocationRuns.id, row.id))
      .returning();
    return present(db, actor, failed);
  }
}

export async function getAllocationRun(db: Db, actor: Actor, id: string) {
  return present(db, actor, await loadRun(db, actor, id));
}

/** The coordination office's recent runs, newest first. */
export async function listAllocationRuns(db: Db, actor: Actor, filter: { crisisId?: string } = {}) {
  const rows = await db
    .select({
      id: allocationRuns.id,
      status: allocationRuns.status,
      createdAt: allocationRuns.createdAt,
      crisisId: allocationRuns.crisisId,
      committedAt: allocationRuns.committedAt,
      runMs: allocationRuns.runMs,
      result: allocationRuns.result,
    })
    .from(allocationRuns)
    .where(
      and(
        eq(allocationRuns.regionId, actor.regionId),
        eq(allocationRuns.organizationId, actor.organizationId),
        filter.crisisId ? eq(allocationRuns.crisisId, filter.crisisId) : undefined,
      ),
    )
    .orderBy(desc(allocationRuns.createdAt))
    .limit(20);
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    createdAt: r.createdAt.toISOString(),
    crisisId: r.crisisId,
    committedAt: r.committedAt?.toISOString() ?? null,
    runMs: r.runMs,
    assignments: r.result?.assignments.length ?? 0,
    unfilledSlots: r.result?.unfilled.reduce((s, u) => s + u.slots, 0) ?? 0,
  }));
}

/** The input snapshot and the result, pseudonymised, in the documented format (docs/ALLOCATION.md). */
export async function getAllocationSnapshot(db: Db, actor: Actor, id: string) {
  const row = await loadRun(db, actor, id);
  return { snapshot: row.snapshot, result: row.result ?? null };
}

/**
 * Opens a secondment proposal for each chosen assignment (all when none are named), in one
 * transaction: if any no longer holds — the person was proposed elsewhere meanwhile, left the
 * pool, the request was filled — nothing is created and the answer names each such assignment.
 */
export async function commitAllocationRun(db: Db, actor: Actor, id: string, body: { assignments?: number[] | null }, baseUrl: string) {
  return db.transaction(async (tx) => {
    // Locked: a second commit of the same run waits here and then sees it committed.
    const row = await loadRun(tx, actor, id, { forUpdate: true });
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
    const candidates = new Map((await loadCandidates(tx, { region: actor.regionId })).map((c) => [c.id, c]));
    const requests = new Map<string, Awaited<ReturnType<typeof getSupportRequest>> | null>();
    const titles = new Map(row.snapshot.requests.map((r) => [r.id, r.title]));
    const stale: string[] = [];
    const day = row.createdAt.toLocaleDateString("sv-SE", { timeZone: "Europe/Berlin" });
    const reason = `Vorschlag aus dem Zuteilungslauf vom ${germanDate(day)}`;
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
    const [after] = await tx
      .update(allocationRuns)
      .set({ status: "committed", committedAt: new Date(), committedBy: actor.accountId, committed })
      .where(eq(allocationRuns.id, row.id))
      .returning();
    await recordAudit(tx, actor, {
      action: "update",
      entity: "allocation_run",
      entityId: row.id,
      visibility: "tenant",
      after: { status: "committed", proposals: chosen.length },
    });
    return present(tx, actor, after);
  });
}
