import { ineligibility, type CandidateMember, type RequestNeeds } from "./eligibility";

/**
 * Why slots of a request stay unfilled, in the order the model rules people out:
 * - `no_holder`: nobody in the region (outside the requesting administration) holds the required qualifications;
 * - `unavailable`: holders exist, but none is available for the whole period (or all are seconded elsewhere then);
 * - `out_of_range`: available holders live beyond their travel radius and cannot work remotely here;
 * - `taken`: eligible people exist, but the optimum gives all of them to requests of higher or equal priority;
 * - `caps`: eligible people are still free, but their departments or administrations have reached their caps.
 */
export type UnfilledReason = "no_holder" | "unavailable" | "out_of_range" | "taken" | "caps";

export interface Funnel {
  holders: number;
  available: number;
  inRange: number;
  free: number;
}

/**
 * Counts the people of the funnel for one request: holders of the required qualifications,
 * of them available (and not blocked by another secondment), of them in range (= eligible),
 * of them not assigned in this run.
 */
export function funnel(
  members: ReadonlyArray<CandidateMember & { isBlocked: (from: string, to: string) => boolean; isAssigned: boolean }>,
  request: RequestNeeds,
): Funnel {
  const out: Funnel = { holders: 0, available: 0, inRange: 0, free: 0 };
  for (const m of members) {
    const reason = ineligibility(m, request);
    if (reason === "inactive" || reason === "same_organization" || reason === "qualification") continue;
    out.holders++;
    if (reason === "availability" || m.isBlocked(request.startsOn, request.endsOn)) continue;
    out.available++;
    if (reason === "distance") continue;
    out.inRange++;
    if (!m.isAssigned) out.free++;
  }
  return out;
}

/** The binding reason for unfilled slots, from the funnel. */
export function unfilledReason(f: Funnel): UnfilledReason {
  if (f.holders === 0) return "no_holder";
  if (f.available === 0) return "unavailable";
  if (f.inRange === 0) return "out_of_range";
  if (f.free === 0) return "taken";
  // Free eligible people and an unfilled slot: only a cap can stand between them at the optimum.
  return "caps";
}
