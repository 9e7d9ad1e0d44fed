import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import type { CandidateMember } from "../../domain/allocation/eligibility";
import { organizations } from "../organizations";
import { availabilityWindows, poolMemberQualifications, poolMembers } from "./pool.tables";

/**
 * The active pool members of an administration (or, with `{ region }`, of a whole region) as the
 * eligibility rules need them; `memberIds` narrows them to those members.
 */
export async function loadCandidates(
  db: Db | Tx,
  scope: string | { region: string },
  options: { memberIds?: string[] } = {},
): Promise<Array<CandidateMember & { id: string }>> {
  const rows = await db
    .select({ m: poolMembers, lat: organizations.lat, lon: organizations.lon })
    .from(poolMembers)
    .innerJoin(organizations, eq(organizations.id, poolMembers.organizationId))
    .where(
      and(
        typeof scope === "string" ? eq(poolMembers.organizationId, scope) : eq(poolMembers.regionId, scope.region),
        isNull(poolMembers.leftAt),
        options.memberIds ? inArray(poolMembers.id, options.memberIds) : undefined,
      ),
    );
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.m.id);
  const held = await db.select().from(poolMemberQualifications).where(inArray(poolMemberQualifications.memberId, ids));
  const windows = await db.select().from(availabilityWindows).where(inArray(availabilityWindows.memberId, ids));
  // Grouped once: a region's pool has thousands of members (filtering per member was quadratic).
  const heldBy = new Map<string, typeof held>();
  for (const h of held) heldBy.set(h.memberId, [...(heldBy.get(h.memberId) ?? []), h]);
  const windowsOf = new Map<string, typeof windows>();
  for (const w of windows) windowsOf.set(w.memberId, [...(windowsOf.get(w.memberId) ?? []), w]);
  return rows.map(({ m, lat, lon }) => ({
    id: m.id,
    organizationId: m.organizationId,
    isActive: m.leftAt === null,
    homeLat: lat,
    homeLon: lon,
    travelRadiusKm: m.travelRadiusKm,
    canWorkRemotely: m.canWorkRemotely,
    qualifications: (heldBy.get(m.id) ?? []).map((h) => ({
      qualificationId: h.qualificationId,
      validUntil: h.validUntil,
      isConfirmed: h.confirmedAt !== null,
    })),
    availability: windowsOf.get(m.id) ?? [],
  }));
}
