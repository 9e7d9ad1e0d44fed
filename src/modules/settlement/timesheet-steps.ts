import { eq } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { stepProblem, type EntryState, type EntryStep } from "../../domain/settlement/timesheet-rules";
import type { Actor } from "../../kernel/actor";
import type { Bilingual } from "../../kernel/problems";
import { recordAudit } from "../audit";
import type { TimesheetView } from "./timesheet-scope";
import { expenses, timesheetEntries } from "./timesheets.tables";

// The steps an entry of hours or an expense goes through — confirm, return, correct — written
// once for both: who may take which step on which state, what the caller may do next, and the
// state changes themselves. The use cases lock the secondment and the row first
// (`getTimesheetSecondmentForUpdate`, `get…ForUpdate`), so two steps on one row never overlap.

/** What a step is taken on: an entry of hours or an expense. */
export type StepSubject = "hours" | "expenses";

const ONLY_THE_PERSON: Record<StepSubject, Bilingual> = {
  hours: {
    de: "Stunden und Auslagen erfasst die abgeordnete Person selbst.",
    en: "Hours and expenses are recorded by the seconded person.",
  },
  expenses: { de: "Auslagen erfasst die abgeordnete Person selbst.", en: "Expenses are recorded by the seconded person." },
};

const ONLY_THE_HEAD: Record<StepSubject, Bilingual> = {
  hours: {
    de: "Stunden bestätigt oder gibt die Fachbereichsleitung der aufnehmenden Verwaltung zurück.",
    en: "Hours are confirmed or returned by the receiving head of department.",
  },
  expenses: {
    de: "Auslagen bestätigt oder gibt die Fachbereichsleitung der aufnehmenden Verwaltung zurück.",
    en: "Expenses are confirmed or returned by the receiving head of department.",
  },
};

/** The seconded person sees her own hours and expenses, but never decides on them. */
const NOT_YOUR_OWN: Record<StepSubject, Bilingual> = {
  hours: {
    de: "Ihre eigenen Stunden bestätigt die Fachbereichsleitung der aufnehmenden Verwaltung.",
    en: "Your own hours are confirmed by the receiving head of department.",
  },
  expenses: {
    de: "Ihre eigenen Auslagen bestätigt die Fachbereichsleitung der aufnehmenden Verwaltung.",
    en: "Your own expenses are confirmed by the receiving head of department.",
  },
};

/**
 * Why the caller, who sees the secondment's hours, may not confirm or return any of them (a 403
 * with this reason), or null: the person herself is told who confirms her own.
 */
export function decideRefusal(view: TimesheetView, subject: StepSubject): Bilingual | null {
  if (view.mayDecide) return null;
  return view.isEmployee ? NOT_YOUR_OWN[subject] : ONLY_THE_HEAD[subject];
}

/** Who records: the seconded person only. */
export const onlyThePerson = (subject: StepSubject): Bilingual => ONLY_THE_PERSON[subject];

/** Why the caller may not take `step` on a row in `state`, or null. */
export function stepRefusal(
  view: TimesheetView,
  subject: StepSubject,
  step: EntryStep,
  state: EntryState,
  correctionWaits = false,
): Bilingual | null {
  if (step === "confirm" || step === "return") {
    const refused = decideRefusal(view, subject);
    if (refused) return refused;
  }
  if (step === "correct" && !view.isEmployee) return ONLY_THE_PERSON[subject];
  return stepProblem(step, state, correctionWaits);
}

/** The steps the caller may take on a row in `state` (the `abilities` of an entry or expense). */
export const stepAbilities = (view: TimesheetView, state: EntryState) => ({
  confirm: stepRefusal(view, "hours", "confirm", state) === null,
  return: stepRefusal(view, "hours", "return", state) === null,
  correct: stepRefusal(view, "hours", "correct", state) === null,
});

/** The columns a step writes; both tables have them. */
type StepWrite = Partial<Pick<typeof timesheetEntries.$inferInsert, "state" | "comment" | "decidedBy" | "decidedAt">>;

async function writeRow(tx: Tx, subject: StepSubject, id: string, values: StepWrite) {
  if (subject === "hours") await tx.update(timesheetEntries).set(values).where(eq(timesheetEntries.id, id));
  else await tx.update(expenses).set(values).where(eq(expenses.id, id));
}

/**
 * Confirms or returns a locked open row, writes the head's comment (null on a confirmation; an
 * open row carries none) and logs the step. A returned correction leaves the confirmed row it
 * would have replaced in force.
 */
export async function decideRow(
  tx: Tx,
  actor: Actor,
  subject: StepSubject,
  row: { id: string; organizationId: string; correctsId: string | null },
  state: "confirmed" | "returned",
  comment: string | null,
) {
  await writeRow(tx, subject, row.id, { state, comment, decidedBy: actor.accountId, decidedAt: new Date() });
  if (state === "returned" && row.correctsId) await writeRow(tx, subject, row.correctsId, { state: "confirmed" });
  await recordAudit(tx, actor, {
    action: "update",
    entity: subject === "hours" ? "timesheet_entry" : "expense",
    entityId: row.id,
    organizationId: row.organizationId,
    visibility: "party",
    before: { entryState: "recorded" },
    after: { entryState: state, ...(comment ? { comment } : {}) },
  });
}

/** Marks a locked confirmed row as replaced by its correction (which the caller inserts). */
export async function replaceRow(tx: Tx, subject: StepSubject, id: string) {
  await writeRow(tx, subject, id, { state: "replaced" });
}
