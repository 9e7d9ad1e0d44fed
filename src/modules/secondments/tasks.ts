import type { Action } from "../../domain/secondment/workflow";
import type { Db } from "../../db/client";
import type { Actor } from "../../kernel/actor";
import type { Task, TaskSource } from "../../kernel/tasks";
import { listSecondments } from "./read";

/** The step a task asks for, as people say it. */
const STEP: Partial<Record<Action, { de: string; en: string }>> = {
  release: { de: "Freigeben (Fachbereichsleitung)", en: "Release (head of department)" },
  approve: { de: "Genehmigen (Personalamt)", en: "Approve (HR office)" },
  accept: { de: "Zustimmen oder ablehnen", en: "Accept or decline" },
  council_consent: { de: "Über die Zustimmung entscheiden (Personalrat)", en: "Decide on consent (staff council)" },
  start_provisionally: { de: "Vorläufigen Beginn prüfen (Krise)", en: "Consider a provisional start (crisis)" },
  confirm: { de: "Vereinbarung bestätigen", en: "Confirm the agreement" },
  begin_onboarding: { de: "Einarbeitung beginnen", en: "Begin onboarding" },
  activate: { de: "Einsatz beginnen", en: "Start the deployment" },
  complete: { de: "Abordnung abschließen", en: "Complete the secondment" },
  record_hearing: { de: "Anhörung vermerken (§ 4 TVöD)", en: "Record the hearing (§ 4 TVöD)" },
  record_sbv_hearing: { de: "Anhörung der Schwerbehindertenvertretung vermerken", en: "Record the representative's hearing" },
};

const ONBOARDING_STEP = { de: "Einarbeitung: Punkte Ihrer Seite abhaken", en: "Onboarding: tick the items on your side" };

/**
 * Secondments where the caller has a step to take, each with the step that moves it forward (none
 * where only onboarding items of the caller's side are open) — the task list's rule, which the
 * HR office's queue on the start page counts too.
 */
export async function waitingSecondments(db: Db, actor: Actor) {
  // The 500 most recently changed secondments in a state with work, as the list looked through before paging.
  const { items: waiting } = await listSecondments(db, actor, { todo: true, limit: 500 });
  return waiting.map((s) => ({
    s,
    action: s.nextStepForMe && s.nextStepForMe !== "onboarding" && STEP[s.nextStepForMe] ? s.nextStepForMe : undefined,
  }));
}

/** The step of a waiting secondment, as people say it. */
export const stepOf = (action: Action | undefined) => (action ? STEP[action]! : ONBOARDING_STEP);

/**
 * Secondments where the caller has a step to take — release, approve, accept, the staff
 * council's decision (due by its deadline), confirm, begin — or onboarding items of its side.
 */
export const secondmentTasks: TaskSource = async ({ db, actor }) => {
  return (await waitingSecondments(db, actor)).map(({ s, action }): Task => {
    const who = s.person.name ?? s.person.jobTitle;
    return {
      kind: action ? "secondment_step" : "onboarding_item",
      object: { type: "secondment", id: s.id, title: `${who}: ${s.lender.name} → ${s.borrower.name}` },
      step: stepOf(action),
      dueOn: action === "council_consent" ? s.councilDeadline : action ? null : s.startsOn,
      link: `/abordnungen/${s.id}`,
    };
  });
};
