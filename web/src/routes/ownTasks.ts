import { useEffect, useSyncExternalStore } from "react";
import { api, asProblem, type Problem } from "../api/client";
import type { ResponseOf } from "../api/types";

export type Tasks = ResponseOf<"/api/v1/me/tasks">;

/** What is known of the signed-in person's tasks: loading, the list, or why it failed. */
export interface OwnTasks {
  data: Tasks | undefined;
  problem: Problem | null;
}

/** `key`: what the data was loaded for; `asked`: what was asked for last (they differ while loading). */
let state: OwnTasks & { key: string | null; asked: string | null } = { data: undefined, problem: null, key: null, asked: null };
let generation = 0;
const listeners = new Set<() => void>();

function publish(next: Partial<typeof state>) {
  state = { ...state, ...next };
  listeners.forEach((l) => l());
}

/** Asks the server what waits for the person (a late answer to an older question is dropped). */
async function refresh(key: string): Promise<void> {
  const mine = ++generation;
  publish({ asked: key });
  try {
    const res = await api.GET("/api/v1/me/tasks");
    if (mine !== generation) return;
    publish(
      res.response.ok && res.data ? { data: res.data, problem: null, key } : { problem: asProblem(res.error, res.response.status), key },
    );
  } catch {
    if (mine === generation) publish({ problem: asProblem(undefined), key });
  }
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * The signed-in person's tasks (`/me/tasks`), shared by the navigation (its counts) and the start
 * page (the list): loaded when `key` changes — the page shown, so a step taken on one page is gone
 * from the counts on the next. Nothing is loaded while `key` is null (signed out).
 */
export function useOwnTasks(key: string | null): OwnTasks {
  const current = useSyncExternalStore(subscribe, () => state);
  useEffect(() => {
    if (key === null) {
      generation++;
      publish({ data: undefined, problem: null, key: null, asked: null });
      return;
    }
    void refresh(key);
  }, [key]);
  return current;
}

/**
 * The tasks for the page shown (the start page's list): nothing while the navigation loads them
 * afresh, so that a step just taken is never listed from an earlier answer.
 */
export function useOwnTaskList(): OwnTasks {
  const current = useSyncExternalStore(subscribe, () => state);
  return current.key === current.asked ? current : { data: undefined, problem: null };
}

/**
 * Asks again for the person's tasks now, for the page shown: after a step that changes them
 * (a report submitted), so the navigation's counts follow at once, not on the next page.
 */
export function refreshOwnTasks(): void {
  if (state.key !== null) void refresh(state.key);
}

/** The tasks whose step opens under `prefix` (e.g. `/abordnungen`): how many wait there. */
export const countUnder = (tasks: Tasks | undefined, prefix: string): number =>
  tasks
    ? tasks.items.filter((task) => task.link === prefix || task.link.startsWith(`${prefix}/`) || task.link.startsWith(`${prefix}?`)).length
    : 0;
