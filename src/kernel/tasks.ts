import { z } from "zod";
import type { Db } from "../db/client";
import type { Actor } from "./actor";

/**
 * What waits for a person (`GET /api/v1/me/tasks`): each capability adds its own kinds of task
 * (its manifest's `tasks`), the start page lists them, newest deadline first. A task names the
 * object, the step to take (German and English, for people) and the page that opens the step.
 */
export const Task = z.object({
  /** The kind of task, e.g. `secondment_step`, `onboarding_item`, `qualification_to_confirm`. */
  kind: z.string(),
  object: z.object({
    type: z.string(),
    id: z.uuid(),
    title: z.string(),
  }),
  step: z.object({ de: z.string(), en: z.string() }),
  /** The day by which the step is due, when there is one (ISO date). */
  dueOn: z.string().nullable(),
  /** The web app's page that opens the step (a path). */
  link: z.string(),
});
export type Task = z.infer<typeof Task>;

/** A capability's part of the task list. */
export type TaskSource = (context: { db: Db; actor: Actor }) => Promise<Task[]>;

/** Kinds that lead the list whatever their deadline: a declared crisis. */
const LEADING_KINDS = new Set(["crisis"]);

/** An active crisis first, then due tasks (earliest deadline first), then those without a deadline; ties by kind and title. */
export function sortTasks(tasks: Task[]): Task[] {
  const leads = (t: Task) => (LEADING_KINDS.has(t.kind) ? 0 : 1);
  return [...tasks].sort(
    (a, b) =>
      leads(a) - leads(b) ||
      (a.dueOn === null ? 1 : 0) - (b.dueOn === null ? 1 : 0) ||
      (a.dueOn ?? "").localeCompare(b.dueOn ?? "") ||
      a.kind.localeCompare(b.kind) ||
      a.object.title.localeCompare(b.object.title, "de"),
  );
}
