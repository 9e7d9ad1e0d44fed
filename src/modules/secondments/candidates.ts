import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { distanceKm, ineligibility, type RequestNeeds } from "../../domain/allocation/eligibility";
import type { Actor } from "../../kernel/actor";
import { organizations } from "../organizations";
import { listNamedPoolMembers, qualifications, unscopedCandidates, unscopedPayGroupsOf } from "../pool";
import { getSupportRequest } from "../support-requests";
import { unscopedMembersInOtherProcess, unscopedOfferedMemberIds } from "./secondment-scope";

// Who can be offered for a request: the lender's own eligible members, and for the requesting
// HR office the region's, pseudonymised. Here, beside the proposal, because whether someone is
// already offered or in another process is a question of secondments.

/** The lender's own pool members who are eligible for a request (names: own administration only). */
export async function listOwnCandidates(db: Db, actor: Actor, requestId: string) {
  const request = await getSupportRequest(db, actor, requestId);
  if (!request.abilities.offer) return [];
  const needs: RequestNeeds = {
    ...request,
    organizationId: request.organization.id,
    requiredQualificationIds: request.requiredQualifications.map((q) => q.id),
  };
  const eligible = (await unscopedCandidates(db, actor.organizationId)).filter((c) => ineligibility(c, needs) === null);
  if (eligible.length === 0) return [];
  // Names only of the HR office's own people (the pool's field rule).
  const rows = await listNamedPoolMembers(db, actor, { ids: eligible.map((c) => c.id) });
  const offeredIds = await unscopedOfferedMemberIds(db, requestId);
  return rows.map((r) => ({ ...r, isOffered: offeredIds.has(r.id) })).sort((a, b) => new Intl.Collator("de").compare(a.name, b.name));
}

/**
 * For the requesting HR office: eligible pool members of other administrations, pseudonymised —
 * administration, pay group, qualifications and distance, never name or contact. It can propose
 * them; the lender's department head, HR office and the person decide as for any proposal.
 */
export async function listRegionCandidates(db: Db, actor: Actor, requestId: string) {
  const request = await getSupportRequest(db, actor, requestId);
  if (!request.abilities.proposeFromRegion) return [];
  const needs: RequestNeeds = {
    ...request,
    organizationId: request.organization.id,
    requiredQualificationIds: request.requiredQualifications.map((q) => q.id),
  };
  const eligible = (await unscopedCandidates(db, { region: actor.regionId })).filter((c) => ineligibility(c, needs) === null);
  if (eligible.length === 0) return [];
  const ids = eligible.map((c) => c.id);
  const busy = await unscopedMembersInOtherProcess(db, ids);
  const orgs = await db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(eq(organizations.regionId, actor.regionId));
  const names = new Map(
    (
      await db
        .select({ id: qualifications.id, name: qualifications.name })
        .from(qualifications)
        .where(eq(qualifications.regionId, actor.regionId))
    ).map((q) => [q.id, q.name]),
  );
  const pay = await unscopedPayGroupsOf(db, ids);
  return eligible
    .map((c) => ({
      memberId: c.id,
      organization: orgs.find((o) => o.id === c.organizationId)?.name ?? "",
      payGroup: pay.get(c.id) ?? "",
      qualifications: c.qualifications
        .filter((q) => q.isConfirmed && (q.validUntil === null || q.validUntil >= request.endsOn))
        .map((q) => names.get(q.qualificationId) ?? "")
        .filter(Boolean)
        .sort(),
      distanceKm: Math.round(distanceKm(c.homeLat, c.homeLon, request.placeLat, request.placeLon)),
      isInOtherProcess: busy.has(c.id),
    }))
    .sort((a, b) => Number(a.isInOtherProcess) - Number(b.isInOtherProcess) || a.distanceKm - b.distanceKm)
    .slice(0, 100);
}
