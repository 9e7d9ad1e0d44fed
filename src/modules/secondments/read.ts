import type { Db, Tx } from "../../db/client";
import { PROGRESS_ACTIONS, RULES, type SecondmentState } from "../../domain/secondment/workflow";
import type { Actor } from "../../kernel/actor";
import { pageOf, type PageRequest } from "../../kernel/paging";
import { present, presentMany } from "./present";
import { getVisibleSecondment, listVisibleSecondments } from "./secondment-scope";

// Reading secondments: the actor's list and one secondment.

/** The states in which someone can be waited for: a step that moves forward starts there, or the checklist is being worked. */
const STATES_WITH_WORK: SecondmentState[] = [
  ...new Set([...[...PROGRESS_ACTIONS].flatMap((a) => RULES[a].from), "agreed" as const, "onboarding" as const]),
];

/**
 * How many secondments one page of `todo` looks through at most (whether the caller is waited for
 * is decided by the workflow rules in code, not in SQL). A page may therefore hold fewer than
 * `limit` items while `nextCursor` is set: the next page looks further.
 */
const TODO_WINDOW = 200;

/**
 * The actor's secondments, most recently changed first, a page at a time; `todo` keeps those where
 * the actor has a step to take (or an onboarding item of its side).
 */
export async function listSecondments(db: Db, actor: Actor, filter: PageRequest & { state?: SecondmentState; todo?: boolean }) {
  const read = filter.todo ? Math.max(filter.limit, TODO_WINDOW) : filter.limit;
  const rows = await listVisibleSecondments(db, actor, {
    state: filter.state,
    states: filter.todo ? STATES_WITH_WORK : undefined,
    limit: read + 1,
    cursor: filter.cursor,
  });
  const page = pageOf(rows, read);
  const presented = await presentMany(db, actor, page.rows);
  if (!filter.todo) return { items: presented, nextCursor: page.nextCursor };
  // Waiting for the actor: the first `limit` of them; the cursor continues after the last one shown,
  // or after the last one looked at when the window ended first.
  const waiting = presented.flatMap((item, i) => (item.isWaitingForMe ? [{ item, cursor: page.rows[i].cursor }] : []));
  if (waiting.length > filter.limit) {
    const shown = waiting.slice(0, filter.limit);
    return { items: shown.map((w) => w.item), nextCursor: pageOf([...shown, waiting[filter.limit]], filter.limit).nextCursor };
  }
  return { items: waiting.map((w) => w.item), nextCursor: page.nextCursor };
}

export async function getSecondment(db: Db | Tx, actor: Actor, id: string) {
  const { s, m } = await getVisibleSecondment(db, actor, id);
  return present(db, actor, s, m, true);
}
