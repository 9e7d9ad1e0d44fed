import { and, eq, isNotNull, lt, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { today as todayInGermany } from "../../kernel/dates";
import type { Actor } from "../../kernel/actor";
import { countRegionPool, shownCount } from "./pool-member-scope";
import { availabilityWindows, poolMemberQualifications, poolMembers } from "./pool.tables";

/**
 * The region's pool without names (`region` view): active members per administration and, per
 * qualification, how many members hold it confirmed and valid. Counts below 3 are shown as "< 3"
 * (null) so that a single person cannot be singled out.
 */
export async function getPoolOverview(db: Db, actor: Actor) {
  const { perOrganization, perQualification } = await countRegionPool(db, actor, todayInGermany());
  const collator = new Intl.Collator("de");
  return {
    organizations: perOrganization
      .map((o) => ({ ...o, members: shownCount(o.members), availableNow: shownCount(o.availableNow) }))
      .sort((a, b) => collator.compare(a.name, b.name)),
    qualifications: perQualification
      .map((q) => ({ ...q, holders: shownCount(q.holders) }))
      .sort((a, b) => collator.compare(a.name, b.name)),
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
