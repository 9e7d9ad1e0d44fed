import type { Db, Tx } from "../../db/client";
import { type SecondmentState } from "../../domain/secondment/workflow";
import type { Actor } from "../../kernel/actor";
import { present } from "./present";
import { getVisibleSecondment, listVisibleSecondments } from "./secondment-scope";

// Reading secondments: the actor's list and one secondment.

/** The actor's secondments, newest first; `filter=todo` keeps those where the actor has a step to take. */
export async function listSecondments(db: Db, actor: Actor, filter: { state?: SecondmentState; todo?: boolean } = {}) {
  const rows = await listVisibleSecondments(db, actor, { state: filter.state, limit: 500 });
  const out = [];
  for (const r of rows) out.push(await present(db, actor, r.s, r.m, false));
  return filter.todo ? out.filter((s) => s.isWaitingForMe) : out;
}

export async function getSecondment(db: Db | Tx, actor: Actor, id: string) {
  const { s, m } = await getVisibleSecondment(db, actor, id);
  return present(db, actor, s, m, true);
}
