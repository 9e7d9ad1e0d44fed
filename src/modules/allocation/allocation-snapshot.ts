/**
 * The input of an allocation run: the region's pool, requests and caps read into a pseudonymised
 * snapshot (docs/ALLOCATION.md › Snapshot format), and the eligible pairs computed from it.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import { distanceKm, ineligibility, type RequestNeeds } from "../../domain/allocation/eligibility";
import { BLOCKING_STATES } from "../../domain/secondment/workflow";
import type { Actor } from "../identity/actor";
import { departments, organizations } from "../organizations/organizations.tables";
import { poolMembers, qualifications } from "../pool/pool.tables";
import { supportRequestQualifications, supportRequests } from "../requests/requests.tables";
import { loadCandidates } from "../requests/support-requests";
import { IN_PLAY_STATES } from "../secondments/request-fill";
import { departmentCaps, secondmentSettings, secondments } from "../secondments/secondments.tables";
import { SNAPSHOT_FORMAT, type AllocationSnapshot } from "./allocation-format";

const BLOCKING = [...BLOCKING_STATES];

/** Peak number of overlapping periods on any day of [from, to]. */
function peak(periods: Array<{ startsOn: string; endsOn: string }>, from: string, to: string) {
  const inside = periods.filter((p) => p.startsOn <= to && p.endsOn >= from);
  const points = [from, ...inside.map((p) => p.startsOn).filter((d) => d > from)];
  return Math.max(0, ...points.map((d) => inside.filter((p) => p.startsOn <= d && p.endsOn >= d).length));
}

/** Reads the region's state into a pseudonymised snapshot (and the pseudonym → member map kept apart). */
export async function takeSnapshot(db: Db, actor: Actor, scope: { crisisId: string | null; requestIds: string[] | null }) {
  const requestRows = await db
    .select()
    .from(supportRequests)
    .where(
      and(
        eq(supportRequests.regionId, actor.regionId),
        inArray(supportRequests.status, ["open", "partly_filled"]),
        scope.crisisId ? eq(supportRequests.crisisId, scope.crisisId) : undefined,
        scope.requestIds ? inArray(supportRequests.id, scope.requestIds) : undefined,
      ),
    )
    .orderBy(supportRequests.openedAt, supportRequests.createdAt);
  const requestIds = requestRows.map((r) => r.id);
  const needs = requestIds.length
    ? await db.select().from(supportRequestQualifications).where(inArray(supportRequestQualifications.requestId, requestIds))
    : [];
  const inPlay = requestIds.length
    ? await db
        .select({ requestId: secondments.requestId, memberId: secondments.memberId })
        .from(secondments)
        .where(and(inArray(secondments.requestId, requestIds), inArray(secondments.state, IN_PLAY_STATES)))
    : [];
  const candidates = await loadCandidates(db, { region: actor.regionId });
  const memberRows = candidates.length
    ? await db
        .select({ id: poolMembers.id, departmentId: poolMembers.departmentId })
        .from(poolMembers)
        .where(
          inArray(
            poolMembers.id,
            candidates.map((c) => c.id),
          ),
        )
    : [];
  const departmentOf = new Map(memberRows.map((m) => [m.id, m.departmentId]));
  const blockingRows = await db
    .select({
      memberId: secondments.memberId,
      organizationId: secondments.organizationId,
      startsOn: secondments.startsOn,
      endsOn: secondments.endsOn,
    })
    .from(secondments)
    .where(and(eq(secondments.regionId, actor.regionId), inArray(secondments.state, BLOCKING)));
  const orgs = await db.select().from(organizations).where(eq(organizations.regionId, actor.regionId)).orderBy(organizations.name);
  const deps = await db.select().from(departments).where(eq(departments.regionId, actor.regionId)).orderBy(departments.name);
  const depCaps = new Map(
    (await db.select().from(departmentCaps).where(eq(departmentCaps.regionId, actor.regionId))).map((c) => [c.departmentId, c.maxLent]),
  );
  const orgCaps = new Map(
    (await db.select().from(secondmentSettings).where(eq(secondmentSettings.regionId, actor.regionId))).map((s) => [
      s.organizationId,
      s.maxLentTotal,
    ]),
  );
  const catalogue = await db
    .select({ id: qualifications.id, name: qualifications.name })
    .from(qualifications)
    .where(eq(qualifications.regionId, actor.regionId));

  const horizon = requestRows.length
    ? {
        startsOn: requestRows.reduce((m, r) => (r.startsOn < m ? r.startsOn : m), requestRows[0].startsOn),
        endsOn: requestRows.reduce((m, r) => (r.endsOn > m ? r.endsOn : m), requestRows[0].endsOn),
      }
    : null;
  const lentPeak = (filter: (b: (typeof blockingRows)[number]) => boolean) =>
    horizon ? peak(blockingRows.filter(filter), horizon.startsOn, horizon.endsOn) : 0;
  const memberDepartment = new Map(blockingRows.map((b) => [b.memberId, departmentOf.get(b.memberId) ?? null]));

  // Pseudonyms in a shuffled order, so that they reveal nothing about the order of entry.
  const shuffled = [...candidates].sort((a, b) => hashOf(a.id).localeCompare(hashOf(b.id)));
  const pseudonymOf = new Map(shuffled.map((c, i) => [c.id, `P-${String(i + 1).padStart(4, "0")}`]));
  const members = shuffled.map((c) => ({
    pseudonym: pseudonymOf.get(c.id)!,
    administration: c.organizationId,
    department: departmentOf.get(c.id) ?? null,
    qualifications: c.qualifications.filter((q) => q.isConfirmed).map((q) => ({ id: q.qualificationId, validUntil: q.validUntil })),
    availability: c.availability.map((w) => ({ startsOn: w.startsOn, endsOn: w.endsOn, hoursPerWeek: w.hoursPerWeek })),
    travelRadiusKm: c.travelRadiusKm,
    canWorkRemotely: c.canWorkRemotely,
    blocked: blockingRows.filter((b) => b.memberId === c.id).map((b) => ({ startsOn: b.startsOn, endsOn: b.endsOn })),
  }));
  const poolSize = new Map<string, number>();
  for (const c of candidates) poolSize.set(c.organizationId, (poolSize.get(c.organizationId) ?? 0) + 1);

  const snapshot: AllocationSnapshot = {
    format: SNAPSHOT_FORMAT,
    createdAt: new Date().toISOString(),
    scope: { crisisId: scope.crisisId, requestIds },
    horizon,
    qualifications: catalogue,
    administrations: orgs.map((o) => {
      const cap = orgCaps.get(o.id) ?? null;
      return {
        id: o.id,
        name: o.name,
        lat: o.lat,
        lon: o.lon,
        poolSize: poolSize.get(o.id) ?? 0,
        cap: cap === null ? null : Math.max(0, cap - lentPeak((b) => b.organizationId === o.id)),
      };
    }),
    departments: deps.map((d) => {
      const cap = depCaps.get(d.id);
      return {
        id: d.id,
        administration: d.organizationId,
        name: d.name,
        cap: cap === undefined ? null : Math.max(0, cap - lentPeak((b) => memberDepartment.get(b.memberId) === d.id)),
      };
    }),
    members,
    requests: requestRows
      .map((r) => {
        const proposed = inPlay.filter((p) => p.requestId === r.id);
        return {
          id: r.id,
          administration: r.organizationId,
          title: r.title,
          urgency: r.urgency,
          open: Math.max(0, r.headcount - proposed.length),
          startsOn: r.startsOn,
          endsOn: r.endsOn,
          hoursPerWeek: r.hoursPerWeek,
          placeLat: r.placeLat,
          placeLon: r.placeLon,
          isRemotePossible: r.isRemotePossible,
          required: needs.filter((n) => n.requestId === r.id && n.isRequired).map((n) => n.qualificationId),
          preferred: needs.filter((n) => n.requestId === r.id && !n.isRequired).map((n) => n.qualificationId),
          alreadyProposed: proposed.map((p) => pseudonymOf.get(p.memberId)).filter((p): p is string => !!p),
        };
      })
      .filter((r) => r.open > 0),
    pairs: [],
  };
  snapshot.pairs = eligiblePairs(snapshot);
  const memberIds = Object.fromEntries(candidates.map((c) => [pseudonymOf.get(c.id)!, c.id]));
  return { snapshot, memberIds };
}

function hashOf(id: string) {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return (h >>> 0).toString(16).padStart(8, "0") + id;
}

export const asCandidate = (m: AllocationSnapshot["members"][number], snapshot: AllocationSnapshot) => {
  const home = snapshot.administrations.find((a) => a.id === m.administration)!;
  return {
    organizationId: m.administration,
    isActive: true,
    homeLat: home.lat,
    homeLon: home.lon,
    travelRadiusKm: m.travelRadiusKm,
    canWorkRemotely: m.canWorkRemotely,
    qualifications: m.qualifications.map((q) => ({ qualificationId: q.id, validUntil: q.validUntil, isConfirmed: true })),
    availability: m.availability,
  };
};
export const asNeeds = (r: AllocationSnapshot["requests"][number]): RequestNeeds => ({
  organizationId: r.administration,
  placeLat: r.placeLat,
  placeLon: r.placeLon,
  isRemotePossible: r.isRemotePossible,
  startsOn: r.startsOn,
  endsOn: r.endsOn,
  hoursPerWeek: r.hoursPerWeek,
  requiredQualificationIds: r.required,
});
export const overlaps = (blocked: Array<{ startsOn: string; endsOn: string }>, from: string, to: string) =>
  blocked.some((b) => b.startsOn <= to && b.endsOn >= from);

/** The eligible pairs of a snapshot (the rules of eligibility.ts plus blocking secondments and earlier proposals). */
export function eligiblePairs(snapshot: AllocationSnapshot): AllocationSnapshot["pairs"] {
  const pairs: AllocationSnapshot["pairs"] = [];
  const candidates = snapshot.members.map((m) => asCandidate(m, snapshot));
  snapshot.requests.forEach((r, ri) => {
    const needs = asNeeds(r);
    const proposed = new Set(r.alreadyProposed);
    snapshot.members.forEach((m, mi) => {
      const c = candidates[mi];
      if (proposed.has(m.pseudonym) || ineligibility(c, needs) !== null || overlaps(m.blocked, r.startsOn, r.endsOn)) return;
      const held = new Set(m.qualifications.filter((q) => q.validUntil === null || q.validUntil >= r.endsOn).map((q) => q.id));
      pairs.push([
        mi,
        ri,
        Math.round(1000 * distanceKm(c.homeLat, c.homeLon, r.placeLat, r.placeLon)),
        r.preferred.filter((q) => held.has(q)).length,
      ]);
    });
  });
  return pairs;
}
