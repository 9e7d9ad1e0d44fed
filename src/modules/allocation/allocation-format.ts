/**
 * The stored and published form of an allocation run (docs/ALLOCATION.md › Snapshot format):
 * the input snapshot, from which anyone can rebuild the model and re-solve it, and the result.
 * Members appear under pseudonyms only.
 */
import type { AllocationInput, AllocationObjective } from "../../domain/allocation/solve";
import type { UnfilledReason } from "../../domain/allocation/explain";

export const SNAPSHOT_FORMAT = "verbund-allocation/1";

export interface SnapshotAdministration {
  id: string;
  name: string;
  lat: number;
  lon: number;
  /** n_a: consenting pool members at run time. */
  poolSize: number;
  /** What it may still lend in the run's period: its cap minus people already lent (null: no cap). */
  cap: number | null;
}

export interface SnapshotDepartment {
  id: string;
  administration: string;
  name: string;
  /** Minimum staffing: what it may still lend in the run's period (null: no cap). */
  cap: number | null;
}

export interface SnapshotMember {
  /** Stable within the run only: "P-0001" … */
  pseudonym: string;
  administration: string;
  /** null: no department recorded (the model puts the member in an uncapped department of the administration). */
  department: string | null;
  qualifications: Array<{ id: string; validUntil: string | null }>;
  availability: Array<{ startsOn: string; endsOn: string; hoursPerWeek: number }>;
  travelRadiusKm: number;
  canWorkRemotely: boolean;
  /** Periods of secondments in a blocking state. */
  blocked: Array<{ startsOn: string; endsOn: string }>;
}

export interface SnapshotRequest {
  id: string;
  administration: string;
  title: string;
  urgency: "crisis" | "urgent" | "normal";
  /** Headcount minus people already proposed or seconded. */
  open: number;
  startsOn: string;
  endsOn: string;
  hoursPerWeek: number;
  placeLat: number;
  placeLon: number;
  isRemotePossible: boolean;
  required: string[];
  preferred: string[];
  /** Pseudonyms already proposed for this request (not proposed again). */
  alreadyProposed: string[];
}

export interface AllocationSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  createdAt: string;
  scope: { crisisId: string | null; requestIds: string[] };
  /** The horizon in which already-lent people count against caps: first start to last end of the requests. */
  horizon: { startsOn: string; endsOn: string } | null;
  qualifications: Array<{ id: string; name: string }>;
  administrations: SnapshotAdministration[];
  departments: SnapshotDepartment[];
  members: SnapshotMember[];
  requests: SnapshotRequest[];
  /** The eligible pairs as Verbund computed them: [member index, request index, distance in metres, preferred qualifications held]. */
  pairs: Array<[number, number, number, number]>;
}

export interface AssignmentExplanation {
  /** Required and preferred qualifications the person holds for this request (names). */
  required: string[];
  preferred: string[];
  distanceKm: number;
  /** True when the request allows remote work and the person works remotely (distance then does not limit). */
  remote: boolean;
  /** This person is the k-th lent by the home administration in this run, out of n consenting members. */
  fairness: { rank: number; poolSize: number; cost: number };
}

export interface RunAssignment {
  /** Index of the eligible pair in the snapshot. */
  pair: number;
  member: string;
  request: string;
  fromAdministration: string;
  toAdministration: string;
  explanation: AssignmentExplanation;
}

export interface RunUnfilled {
  request: string;
  slots: number;
  reason: UnfilledReason;
  /** The funnel behind the reason: holders of the qualifications, of them available, of them in range, of them not taken. */
  counts: { holders: number; available: number; inRange: number; free: number };
}

export interface RunResult {
  objective: AllocationObjective;
  /** The status quo on the same input: first come, first served in request order. */
  firstCome: AllocationObjective;
  /** The largest share of its pool an administration lends first come, first served (absent in runs stored before it was kept). */
  firstComeMaxShare?: number;
  assignments: RunAssignment[];
  unfilled: RunUnfilled[];
  lent: Array<{ administration: string; lent: number; poolSize: number }>;
  solver: { pivots: number; passes: number; ms: number };
}

/** Rebuilds the model from a snapshot: exactly what the run solved. */
export function inputFromSnapshot(snapshot: AllocationSnapshot): AllocationInput {
  const adminIndex = new Map(snapshot.administrations.map((a, i) => [a.id, i]));
  const departments: AllocationInput["departments"] = snapshot.departments.map((d) => ({
    administration: adminIndex.get(d.administration)!,
    cap: d.cap,
  }));
  const depIndex = new Map(snapshot.departments.map((d, i) => [d.id, i]));
  // Members without a department share an uncapped one per administration.
  const noDepartment = new Map<string, number>();
  const members = snapshot.members.map((m) => {
    if (m.department !== null) return { department: depIndex.get(m.department)! };
    if (!noDepartment.has(m.administration)) {
      noDepartment.set(m.administration, departments.length);
      departments.push({ administration: adminIndex.get(m.administration)!, cap: null });
    }
    return { department: noDepartment.get(m.administration)! };
  });
  return {
    administrations: snapshot.administrations.map((a) => ({ poolSize: a.poolSize, cap: a.cap })),
    departments,
    members,
    requests: snapshot.requests.map((r) => ({ urgency: r.urgency, open: r.open })),
    pairs: snapshot.pairs.map(([member, request, distanceM, preferred]) => ({ member, request, distanceM, preferred })),
  };
}
