import { and, eq, isNull } from "drizzle-orm";
import type { Task, TaskSource } from "../../kernel/tasks";
import { listOwnRequestsWithoutOffers } from "./support-request-scope";
import { crisisPolicy, supportRequestPolicy } from "./support-requests.policy";
import { crises } from "./support-requests.tables";

/**
 * Support requests' tasks: an active crisis of the region (its board first), and own open
 * requests nobody has offered anyone for yet — the HR office's for the administration, a
 * department head's for the department.
 */
export const supportRequestTasks: TaskSource = async ({ db, actor }) => {
  const tasks: Task[] = [];
  if (crisisPolicy.can(actor, "list")) {
    const active = await db
      .select({ id: crises.id, name: crises.name })
      .from(crises)
      .where(and(eq(crises.regionId, actor.regionId), isNull(crises.endedAt)));
    for (const crisis of active) {
      tasks.push({
        kind: "crisis",
        object: { type: "crisis", id: crisis.id, title: crisis.name },
        step: supportRequestPolicy.can(actor, "offer")
          ? { de: "Krisenfall: Lagebild ansehen und Personal anbieten", en: "Crisis: look at the board and offer staff" }
          : { de: "Krisenfall: Lagebild ansehen", en: "Crisis: look at the board" },
        dueOn: null,
        link: `/krisen/${crisis.id}`,
      });
    }
  }
  if (supportRequestPolicy.can(actor, "update")) {
    const isHrOffice = actor.roles.includes("org_admin");
    const departmentId = isHrOffice ? null : actor.departmentId;
    if (isHrOffice || departmentId) {
      for (const r of await listOwnRequestsWithoutOffers(db, actor, departmentId)) {
        tasks.push({
          kind: "request_without_offers",
          object: { type: "support_request", id: r.id, title: r.title },
          step: {
            de: "Noch kein Angebot: Zeitraum und Anforderungen prüfen",
            en: "No offer yet: review the period and requirements",
          },
          dueOn: r.startsOn,
          link: `/anfragen/${r.id}`,
        });
      }
    }
  }
  return tasks;
};
