import { and, eq, or, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { AppError } from "../../kernel/problems";
import type { Actor } from "../../kernel/actor";
import { poolMembers } from "../pool";
import { ORGANIZATION_VIEW_ROLES } from "./secondments.policy";
import { secondments } from "./secondments.tables";
import { SecondmentRow, MemberRow } from "./facts";
import { principalsOf } from "../identity";

// What an actor may see of secondments — the one place that says so. Every reader (list, detail,
// calendar feed, mail, PDF, allocation snapshot) goes through it; jobs use the `unscoped…` variants.

/**
 * Secondments the actor may see: of its administration as lender or borrower (for the roles that
 * see the administration's secondments, and for their deputies today), or its own as employee.
 */
export async function visibleTo(db: Db | Tx, actor: Actor) {
  const ownAsEmployee = sql`${secondments.memberId} in (select id from pool_members where account_id = ${actor.accountId})`;
  const orgView = actor.roles.some((r) => ORGANIZATION_VIEW_ROLES.includes(r)) || (await principalsOf(db, actor)).some((p) => p.isDeputy);
  if (!orgView) return and(eq(secondments.regionId, actor.regionId), ownAsEmployee);
  return and(
    eq(secondments.regionId, actor.regionId),
    or(eq(secondments.organizationId, actor.organizationId), eq(secondments.borrowerOrganizationId, actor.organizationId), ownAsEmployee),
  );
}

export async function loadVisible(db: Db | Tx, actor: Actor, id: string) {
  const [row] = await db
    .select({ s: secondments, m: poolMembers })
    .from(secondments)
    .innerJoin(poolMembers, eq(poolMembers.id, secondments.memberId))
    .where(and(await visibleTo(db, actor), eq(secondments.id, id)));
  if (!row) throw new AppError("not_found");
  return row;
}

/**
 * Locks a secondment for a change and reads it afresh: first its person, then the secondment
 * (`FOR UPDATE`), always in this order, so that every step on one person — and so the overlap
 * check — runs one at a time, and a step decides on the state as it is now, not as it was
 * before the lock. Every change of a secondment goes through here.
 */
export async function lockSecondment(tx: Tx, id: string): Promise<{ s: SecondmentRow; m: MemberRow }> {
  const [found] = await tx.select({ memberId: secondments.memberId }).from(secondments).where(eq(secondments.id, id));
  if (!found) throw new AppError("not_found");
  const [m] = await tx.select().from(poolMembers).where(eq(poolMembers.id, found.memberId)).for("update");
  const [s] = await tx.select().from(secondments).where(eq(secondments.id, id)).for("update");
  return { s, m };
}

/** A secondment the actor may see, locked for a change (see {@link lockSecondment}); 404 otherwise. */
export async function loadVisibleForUpdate(tx: Tx, actor: Actor, id: string) {
  await loadVisible(tx, actor, id);
  return lockSecondment(tx, id);
}
