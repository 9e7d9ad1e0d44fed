import { RECORDABLE_SECONDMENT_STATES } from "../../domain/settlement/timesheet-rules";
import type { Task, TaskSource } from "../../kernel/tasks";
import { shortenAtWord } from "../../kernel/text";
import { listOwnSecondments } from "../secondments";
import { getTimesheetSecondment, unscopedOpenDaysByBorrower, unscopedReturnedDays } from "./timesheet-scope";
import { timesheetPolicy } from "./timesheets.policy";

/**
 * Hours waiting for someone: for the receiving head of department (and HR office) "Stunden
 * bestätigen: 3 Tage von Katrin Schulze"; for the person, days that were returned and wait to be
 * recorded anew. Counts of days only — the list names no hours. The hours page opens at the month
 * of the earliest such day (`getTimesheet` without a month).
 */
export const timesheetTasks: TaskSource = async ({ db, actor }) => {
  if (!timesheetPolicy.can(actor, "list")) return [];
  const tasks: Task[] = [];
  if (timesheetPolicy.can(actor, "decide")) {
    for (const { secondmentId, days } of await unscopedOpenDaysByBorrower(db, actor.organizationId)) {
      const opened = await getTimesheetSecondment(db, actor, secondmentId).catch(() => null);
      if (!opened?.view.mayDecide) continue;
      const who = opened.m.name;
      tasks.push({
        kind: "timesheet_confirm",
        object: { type: "secondment", id: secondmentId, title: who },
        step: {
          de: `Stunden bestätigen: ${days === 1 ? "1 Tag" : `${days} Tage`} von ${who}`,
          en: `Confirm hours: ${days === 1 ? "1 day" : `${days} days`} of ${who}`,
        },
        dueOn: null,
        link: `/abordnungen/${secondmentId}/stunden`,
      });
    }
  }
  const own = await listOwnSecondments(db, actor, RECORDABLE_SECONDMENT_STATES, 20);
  for (const { secondmentId, days } of await unscopedReturnedDays(
    db,
    own.map((o) => o.s.id),
  )) {
    const o = own.find((x) => x.s.id === secondmentId)!;
    tasks.push({
      kind: "timesheet_returned",
      object: { type: "secondment", id: secondmentId, title: shortenAtWord(o.s.tasks, 80) },
      step: {
        de: `Zurückgegebene Stunden neu erfassen: ${days === 1 ? "1 Tag" : `${days} Tage`}`,
        en: `Record returned hours anew: ${days === 1 ? "1 day" : `${days} days`}`,
      },
      dueOn: null,
      link: `/abordnungen/${secondmentId}/stunden`,
    });
  }
  return tasks;
};
