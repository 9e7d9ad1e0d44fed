import { and, desc, eq } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { type SecondmentState } from "../../domain/secondment/workflow";
import type { Actor } from "../../kernel/actor";
import { poolMembers } from "../pool";
import { secondments } from "./secondments.tables";
import { visibleTo, loadVisible } from "./secondment-scope";
import { present } from "./present";

// Reading secondments: the actor's list and one secondment.

/** The actor's secondments, newest first; `filter=todo` keeps those where the actor has a step to take. */
export async function listSecondments(db: Db, actor: Actor, filter: { state?: SecondmentState; todo?: boolean } = {}) {
  const rows = await db
    .select({ s: secondments, m: poolMembers })
    .from(secondments)
    .innerJoin(poolMembers, eq(poolMembers.id, secondments.memberId))
    .where(and(await visibleTo(db, actor), filter.state ? eq(secondments.state, filter.state) : undefined))
    .orderBy(desc(secondments.updatedAt))
    .limit(500);
  const out = [];
  for (const r of rows) out.push(await present(db, actor, r.s, r.m, false));
  return filter.todo ? out.filter((s) => s.isWaitingForMe) : out;
}

export async function getSecondment(db: Db | Tx, actor: Actor, id: string) {
  const { s, m } = await loadVisible(db, actor, id);
  return present(db, actor, s, m, true);
}
