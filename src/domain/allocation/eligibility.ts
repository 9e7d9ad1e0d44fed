/**
 * Who may be proposed for a support request (DESIGN.md › allocation). Pure: no I/O, so the
 * optimiser, the lender's view and the tests share one definition.
 */
import { addDays } from "../../kernel/dates";

/** A held qualification: it counts when confirmed by the home administration and valid through the period. */
export interface HeldQualification {
  qualificationId: string;
  validUntil: string | null;
  isConfirmed: boolean;
}

/** A period in which the member can help, with hours per week. Dates are ISO `YYYY-MM-DD`, inclusive. */
export interface AvailabilityWindow {
  startsOn: string;
  endsOn: string;
  hoursPerWeek: number;
}

export interface CandidateMember {
  organizationId: string;
  isActive: boolean;
  /** Reference point of the home administration (WGS84). */
  homeLat: number;
  homeLon: number;
  travelRadiusKm: number;
  canWorkRemotely: boolean;
  qualifications: readonly HeldQualification[];
  availability: readonly AvailabilityWindow[];
}

export interface RequestNeeds {
  organizationId: string;
  placeLat: number;
  placeLon: number;
  isRemotePossible: boolean;
  startsOn: string;
  endsOn: string;
  hoursPerWeek: number;
  requiredQualificationIds: readonly string[];
}

/** Why a member is not eligible, in the order the checks run. */
export type Ineligibility = "inactive" | "same_organization" | "qualification" | "availability" | "distance";

const EARTH_RADIUS_KM = 6371.0088;

/** Great-circle distance in kilometres (haversine). */
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Days already worked out: a list of requests asks for the same few hundred dates again and again. */
const NEXT_DAY = new Map<string, string>();

function nextDay(iso: string): string {
  let next = NEXT_DAY.get(iso);
  if (next === undefined) {
    next = addDays(iso, 1);
    // Bounded: dates of a few decades at most; forget them all rather than grow without end.
    if (NEXT_DAY.size >= 50_000) NEXT_DAY.clear();
    NEXT_DAY.set(iso, next);
  }
  return next;
}

/** Whether windows with at least `hours` per week together cover every day from `from` to `to`. */
export function coversPeriod(windows: readonly AvailabilityWindow[], from: string, to: string, hours: number): boolean {
  const usable = windows
    .filter((w) => w.hoursPerWeek >= hours && w.endsOn >= from && w.startsOn <= to)
    .sort((a, b) => a.startsOn.localeCompare(b.startsOn));
  let covered = from; // first day not yet known to be covered
  for (const w of usable) {
    if (w.startsOn > covered) return false;
    if (w.endsOn >= covered) covered = nextDay(w.endsOn);
    if (covered > to) return true;
  }
  return covered > to;
}

/** The first reason a member cannot be proposed for a request, or null when eligible. */
export function ineligibility(member: CandidateMember, request: RequestNeeds): Ineligibility | null {
  if (!member.isActive) return "inactive";
  if (member.organizationId === request.organizationId) return "same_organization";
  for (const required of request.requiredQualificationIds) {
    const held = member.qualifications.find((q) => q.qualificationId === required);
    if (!held || !held.isConfirmed || (held.validUntil !== null && held.validUntil < request.endsOn)) return "qualification";
  }
  if (!coversPeriod(member.availability, request.startsOn, request.endsOn, request.hoursPerWeek)) return "availability";
  const remote = request.isRemotePossible && member.canWorkRemotely;
  if (!remote && distanceKm(member.homeLat, member.homeLon, request.placeLat, request.placeLon) > member.travelRadiusKm) return "distance";
  return null;
}
