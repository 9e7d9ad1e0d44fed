import { and, eq, isNotNull, isNull, lt, or, gte, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { today as todayInGermany } from "../../kernel/dates";
import type { Actor } from "../../kernel/actor";
import { organizations } from "../organizations";
import { availabilityWindows, poolMemberQualifications, poolMembers, qualifications } from "./pool.tables";

/**
 * The region's pool without names (`region` view): active members per administration and, per
 * qualification, how many members hold it confirmed and valid. Counts below 3 are shown as "< 3"
 * (null) so that a single person cannot be singled out.
 */
export async function getPoolOverview(db: Db, actor: Actor) {
  const today = todayInGermany();
  const perOrganization = await db
    .select({
      organizationId: organizations.id,
      name: organizations.name,
      members: sql<number>`count(${poolMembers.id})::int`,
      availableNow: sql<number>`count(distinct ${availabilityWindows.memberId})::int`,
    })
    .from(organizations)
    .leftJoin(poolMembers, and(eq(poolMembers.organizationId, organizations.id), isNull(poolMembers.leftAt)))
    .leftJoin(
      availabilityWindows,
      and(
        eq(availabilityWindows.memberId, poolMembers.id),
        sql`${availabilityWindows.startsOn} <= ${today}`,
        gte(availabilityWindows.endsOn, today),
      ),
    )
    .where(eq(organizations.regionId, actor.regionId))
    .groupBy(organizations.id, organizations.name);
  const perQualification = await db
    .select({
      qualificationId: qualifications.id,
      name: qualifications.name,
      category: qualifications.category,
      holders: sql<number>`count(${poolMembers.id})::int`,
    })
    .from(qualifications)
    .leftJoin(
      poolMemberQualifications,
      and(
        eq(poolMemberQualifications.qualificationId, qualifications.id),
        isNotNull(poolMemberQualifications.confirmedAt),
        or(isNull(poolMemberQualifications.validUntil), gte(poolMemberQualifications.validUntil, today)),
      ),
    )
    .leftJoin(poolMembers, and(eq(poolMembers.id, poolMemberQualifications.memberId), isNull(poolMembers.leftAt)))
    .where(eq(qualifications.regionId, actor.regionId))
    .groupBy(qualifications.id, qualifications.name, qualifications.category);
  const small = (n: number) => (n > 0 && n < 3 ? null : n);
  const collator = new Intl.Collator("de");
  return {
    organizations: perOrganization
      .map((o) => ({ ...o, members: small(o.members), availableNow: small(o.availableNow) }))
      .sort((a, b) => collator.compare(a.name, b.name)),
    qualifications: perQualification.map((q) => ({ ...q, holders: small(q.holders) })).sort((a, b) => collator.compare(a.name, b.name)),
  };
}

/**
 * Deletes the personal data of people who left the pool more than `retentionDays` ago. What
 * settlement between administrations must keep stays: administration, department, pay group.
 */
export async function purgeFormerPoolMembers(db: Db, retentionDays: number): Promise<number> {
  const cutoff = new Date(Date.now() - retentionDays * 24 * 3600 * 1000);
  return db.transaction(async (tx) => {
    const gone = await tx
      .update(poolMembers)
      .set({
        name: "(ausgeschieden)",
        workEmail: "",
        phone: null,
        jobTitle: "",
        languages: [],
        notes: null,
        accountId: null,
        updatedAt: new Date(),
      })
      .where(and(isNotNull(poolMembers.leftAt), lt(poolMembers.leftAt, cutoff), sql`${poolMembers.name} <> '(ausgeschieden)'`))
      .returning({ id: poolMembers.id });
    for (const { id } of gone) {
      await tx.delete(poolMemberQualifications).where(eq(poolMemberQualifications.memberId, id));
      await tx.delete(availabilityWindows).where(eq(availabilityWindows.memberId, id));
    }
    return gone.length;
  });
}
