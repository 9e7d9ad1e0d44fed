import { today } from "../../kernel/dates";
import type { Task, TaskSource } from "../../kernel/tasks";
import { findYearClosing } from "./balance-scope";
import { balancePolicy } from "./balances.policy";

/**
 * The coordination office's "Jahresabschluss 2026 der Gegenseitigkeit": in January, until the year
 * before is closed (docs/SETTLEMENT.md › Year end).
 */
export const balanceTasks: TaskSource = async ({ db, actor }) => {
  if (!balancePolicy.can(actor, "closeYear")) return [];
  const now = today();
  if (now.slice(5, 7) !== "01") return [];
  const year = Number(now.slice(0, 4)) - 1;
  if (await findYearClosing(db, actor.regionId, year)) return [];
  const task: Task = {
    kind: "reciprocity_year_closing",
    object: { type: "region", id: actor.regionId, title: `Gegenseitigkeit ${year}` },
    step: { de: `Jahresabschluss ${year} der Gegenseitigkeit`, en: `Close the reciprocity year ${year}` },
    dueOn: null,
    link: `/salden?jahr=${year}`,
  };
  return [task];
};
