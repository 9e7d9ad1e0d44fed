import { and, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import type { CandidateMember } from "../../domain/allocation/eligibility";
import { organizations } from "../organizations";
import { availabilityWindows, poolMemberQualifications, poolMembers } from "./pool.tables";

/** Options of {@link loadCandidates}. */
export interface CandidateOptions {
  /** Only these members. */
  memberIds?: string[];
  /**
   * Only members holding at least one of these qualifications, confirmed: a member without any
   * of a request's required qualifications is never eligible for it (a narrowing, never a rule).
   */
  holdingAnyOf?: string[];
}

/**
 * The active pool members of an administration (or, with `{ region }`, of a whole region) as the
 * eligibility rules need them, in one statement whatever the pool's size.
 */
export async function loadCandidates(
  db: Db | Tx,
  scope: string | { region: string },
  options: CandidateOptions = {},
): Promise<Array<CandidateMember & { id: string }>> {
  const inScope = and(
    typeof scope === "string" ? eq(poolMembers.organizationId, scope) : eq(poolMembers.regionId, scope.region),
    isNull(poolMembers.leftAt),
    options.memberIds ? inArray(poolMembers.id, options.memberIds) : undefined,
    options.holdingAnyOf
      ? inArray(
          poolMembers.id,
          db
            .select({ id: poolMemberQualifications.memberId })
            .from(poolMemberQualifications)
            .where(
              and(inArray(poolMemberQualifications.qualificationId, options.holdingAnyOf), isNotNull(poolMemberQualifications.confirmedAt)),
            ),
        )
      : undefined,
  );
  // One statement: each member with its qualifications and windows as JSON (PGlite converts every
  // value of every row; two more result sets of thousands of rows cost more than the JSON).
  const rows = await db
    .select({
      id: poolMembers.id,
      organizationId: poolMembers.organizationId,
      travelRadiusKm: poolMembers.travelRadiusKm,
      canWorkRemotely: poolMembers.canWorkRemotely,
      lat: organizations.lat,
      lon: organizations.lon,
      held: sql<string>`(select coalesce(json_agg(json_build_array(${poolMemberQualifications.qualificationId}, ${poolMemberQualifications.validUntil}, ${poolMemberQualifications.confirmedAt} is not null)), '[]') from ${poolMemberQualifications} where ${poolMemberQualifications.memberId} = ${poolMembers.id})::text`,
      windows: sql<string>`(select coalesce(json_agg(json_build_array(${availabilityWindows.startsOn}, ${availabilityWindows.endsOn}, ${availabilityWindows.hoursPerWeek})), '[]') from ${availabilityWindows} where ${availabilityWindows.memberId} = ${poolMembers.id})::text`,
    })
    .from(poolMembers)
    .innerJoin(organizations, eq(organizations.id, poolMembers.organizationId))
    .where(inScope);
  return rows.map((m) => ({
    id: m.id,
    organizationId: m.organizationId,
    isActive: true,
    homeLat: m.lat,
    homeLon: m.lon,
    travelRadiusKm: m.travelRadiusKm,
    canWorkRemotely: m.canWorkRemotely,
    qualifications: (JSON.parse(m.held) as Array<[string, string | null, boolean]>).map(([qualificationId, validUntil, isConfirmed]) => ({
      qualificationId,
      validUntil,
      isConfirmed,
    })),
    availability: (JSON.parse(m.windows) as Array<[string, string, number]>).map(([startsOn, endsOn, hoursPerWeek]) => ({
      startsOn,
      endsOn,
      hoursPerWeek,
    })),
  }));
}
