import { useEffect, useSyncExternalStore } from "react";
import { api, asProblem, type Problem } from "../api/client";
import type { ResponseOf } from "../api/types";

export type Tasks = ResponseOf<"/api/v1/me/tasks">;

/** What is known of the signed-in person's tasks: loading, the list, or why it failed. */
export interface OwnTasks {
  data: Tasks | undefined;
  problem: Problem | null;
}

let state: OwnTasks = { data: undefined, problem: null };
let generation = 0;
const listeners = new Set<() => void>();

function publish(next: OwnTasks) {
  state = next;
  listeners.forEach((l) => l());
}

/** Asks the server what waits for the person (a late answer to an older question is dropped). */
async function refresh(): Promise<void> {
  const mine = ++generation;
  try {
    const res = await api.GET("/api/v1/me/tasks");
    if (mine !== generation) return;
    publish(
      res.response.ok && res.data
        ? { data: res.data, problem: null }
        : { data: state.data, problem: asProblem(res.error, res.response.status) },
    );
  } catch {
    if (mine === generation) publish({ data: state.data, problem: asProblem(undefined) });
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
      publish({ data: undefined, problem: null });
      return;
    }
    void refresh();
  }, [key]);
  return current;
}

/** The tasks as the navigation last loaded them (the start page's list). */
export function useOwnTaskList(): OwnTasks {
  return useSyncExternalStore(subscribe, () => state);
}

/** The tasks whose step opens under `prefix` (e.g. `/abordnungen`): how many wait there. */
export const countUnder = (tasks: Tasks | undefined, prefix: string): number =>
  tasks ? tasks.items.filter((task) => task.link === prefix || task.link.startsWith(`${prefix}/`)).length : 0;
