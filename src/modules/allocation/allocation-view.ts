/**
 * The preview of a run as the coordination office sees it (pure): requests, assignments with their
 * explanations, unfilled slots, lent shares and the flows for the map. Names only of the
 * office's own administration's people, and only where the caller passes them. The allocation
 * worker renders it for a new run; the main thread for a stored one (from the parts it reads).
 */
import type { AllocationSnapshot, RunResult } from "./allocation-format";
import type { RunStatus } from "./allocation.tables";

/** What {@link presentRun} needs: the stored run's columns and the parts of its snapshot the view shows. */
export interface RunViewInput {
  id: string;
  status: RunStatus;
  createdAt: string;
  crisisId: string | null;
  committedAt: string | null;
  runMs: number | null;
  error: string | null;
  requests: Array<Pick<AllocationSnapshot["requests"][number], "id" | "title" | "administration" | "urgency" | "open">>;
  administrations: Array<Pick<AllocationSnapshot["administrations"][number], "id" | "name" | "lat" | "lon">>;
  pool: { members: number; eligiblePairs: number };
  result: Pick<RunResult, "objective" | "firstCome" | "firstComeMaxShare" | "assignments" | "unfilled" | "lent"> | null;
  /** Indices of assignments committed as proposals. */
  committed: number[] | null;
  /** Pseudonym → name, for people of the caller's own administration only. */
  names: Record<string, string>;
}

/** The run view (the API's `AllocationRun`). */
export function presentRun(input: RunViewInput) {
  const adminName = new Map(input.administrations.map((a) => [a.id, a.name]));
  const administration = new Map(input.administrations.map((a) => [a.id, a]));
  const request = new Map(input.requests.map((r) => [r.id, r]));
  const result = input.result;
  const committed = new Set(input.committed ?? []);
  const flows = new Map<string, { from: string; to: string; count: number }>();
  for (const a of result?.assignments ?? []) {
    const key = `${a.fromAdministration}>${a.toAdministration}`;
    const f = flows.get(key) ?? { from: a.fromAdministration, to: a.toAdministration, count: 0 };
    f.count++;
    flows.set(key, f);
  }
  return {
    id: input.id,
    status: input.status,
    createdAt: input.createdAt,
    crisisId: input.crisisId,
    committedAt: input.committedAt,
    runMs: input.runMs,
    error: input.error,
    requests: input.requests.map((r) => ({
      id: r.id,
      title: r.title,
      administration: adminName.get(r.administration) ?? "",
      urgency: r.urgency,
      open: r.open,
    })),
    pool: input.pool,
    objective: result?.objective ?? null,
    firstCome: result?.firstCome ?? null,
    firstComeMaxShare: result?.firstComeMaxShare ?? null,
    assignments: (result?.assignments ?? []).map((a, index) => {
      const r = request.get(a.request)!;
      return {
        index,
        member: a.member,
        name: input.names[a.member] ?? null,
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
      const from = administration.get(f.from)!;
      const to = administration.get(f.to)!;
      return {
        from: { id: from.id, name: from.name, lat: from.lat, lon: from.lon },
        to: { id: to.id, name: to.name, lat: to.lat, lon: to.lon },
        count: f.count,
      };
    }),
    // What `commitAllocationRun` accepts: a finished run, not yet committed, with something to commit.
    abilities: { commit: input.status === "done" && (result?.assignments.length ?? 0) > 0 },
  };
}

export type AllocationRunView = ReturnType<typeof presentRun>;
