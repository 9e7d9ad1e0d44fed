import { addDays, germanDate, today } from "../../kernel/dates";
import type { Task, TaskSource } from "../../kernel/tasks";
import { countQualificationsToConfirm, listOwnExpiringQualifications } from "./pool-member-scope";

/** How long before a qualification expires its holder is reminded (days). */
export const EXPIRY_NOTICE_DAYS = 60;

/**
 * The pool's tasks: for the HR office, qualifications its members entered that still wait for
 * confirmation (a count — the task list reads no names, so no pool read is logged for it); for
 * a member, own qualifications that expire within {@link EXPIRY_NOTICE_DAYS} days.
 */
export const poolTasks: TaskSource = async ({ db, actor }) => {
  const tasks: Task[] = [];
  const { qualificationsOpen, people } = await countQualificationsToConfirm(db, actor);
  if (qualificationsOpen > 0) {
    tasks.push({
      kind: "qualifications_to_confirm",
      object: { type: "pool", id: actor.organizationId, title: "Unterstützungspool Ihrer Verwaltung" },
      step: {
        de: `${qualificationsOpen === 1 ? "1 Qualifikation" : `${qualificationsOpen} Qualifikationen`} von ${people === 1 ? "1 Person" : `${people} Personen`} bestätigen`,
        en: `Confirm ${qualificationsOpen} qualification${qualificationsOpen === 1 ? "" : "s"} of ${people} ${people === 1 ? "person" : "people"}`,
      },
      dueOn: null,
      link: "/pool/mitglieder",
    });
  }
  const day = today();
  const expiring = await listOwnExpiringQualifications(db, actor, day, addDays(day, EXPIRY_NOTICE_DAYS));
  for (const q of expiring) {
    tasks.push({
      kind: "qualification_expiring",
      object: { type: "pool_member", id: q.memberId, title: q.name },
      step: {
        de: `Nachweis erneuern: gilt bis ${germanDate(q.validUntil!)}`,
        en: `Renew the certificate: valid until ${q.validUntil}`,
      },
      dueOn: q.validUntil,
      link: "/pool",
    });
  }
  return tasks;
};
