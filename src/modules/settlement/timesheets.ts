import { inArray } from "drizzle-orm";
import type { z } from "zod";
import type { Db, Tx } from "../../db/client";
import { dayProblem, minutesProblem, monthBounds, RECORDABLE_SECONDMENT_STATES, totalsOf } from "../../domain/settlement/timesheet-rules";
import type { Actor } from "../../kernel/actor";
import { today } from "../../kernel/dates";
import { AppError, type Bilingual, type FieldProblem } from "../../kernel/problems";
import { recordAudit } from "../audit";
import { organizations } from "../organizations";
import { mayShowPersonName, type MemberRow, type SecondmentRow } from "../secondments";
import {
  firstWaitingDay,
  correctionWaits,
  getEntryForUpdate,
  getTimesheetSecondment,
  getTimesheetSecondmentForUpdate,
  listVisibleEntries,
  liveEntriesOn,
  type EntryRow,
  type TimesheetView,
} from "./timesheet-scope";
import { decideRefusal, decideRow, onlyThePerson, replaceRow, stepAbilities, stepRefusal } from "./timesheet-steps";
import type { CorrectHoursBody, RecordHoursBody, Timesheet } from "./timesheets.schemas";
import { timesheetEntries } from "./timesheets.tables";

// Hours of a secondment (Stundennachweis): the month's page, recording a week, confirming,
// returning and correcting. Every change locks the secondment (person, then secondment), writes
// and records its audit entry in one transaction.

type TimesheetAnswer = z.infer<typeof Timesheet>;

/** The current month in Germany, `YYYY-MM`. */
export const currentMonth = () => today().slice(0, 7);

/** The secondment's head of the page: period, parties, the person's name where the caller may see it. */
export async function secondmentHead(db: Db | Tx, actor: Actor, s: SecondmentRow, m: MemberRow) {
  const names = new Map(
    (
      await db
        .select({ id: organizations.id, name: organizations.name })
        .from(organizations)
        .where(inArray(organizations.id, [s.organizationId, s.borrowerOrganizationId]))
    ).map((o) => [o.id, o.name]),
  );
  return {
    id: s.id,
    personName: mayShowPersonName(actor, s, m) ? m.name : null,
    lender: names.get(s.organizationId) ?? "",
    borrower: names.get(s.borrowerOrganizationId) ?? "",
    startsOn: s.startsOn,
    endsOn: s.endsOn,
    state: s.state,
    hoursPerWeek: s.hoursPerWeek,
  };
}

/** Whether the person may record for this secondment now. */
export const mayRecord = (view: TimesheetView, s: SecondmentRow) =>
  view.isEmployee && (RECORDABLE_SECONDMENT_STATES as readonly string[]).includes(s.state) && s.startsOn <= today();

/** An entry as the caller sees it, with what the caller may do with it. */
function presentEntry(e: EntryRow, view: TimesheetView) {
  return {
    id: e.id,
    day: e.day,
    minutes: e.minutes,
    state: e.state,
    comment: e.comment,
    correctsId: e.correctsId,
    reason: e.reason,
    recordedAt: e.recordedAt.toISOString(),
    decidedAt: e.decidedAt?.toISOString() ?? null,
    abilities: stepAbilities(view, e.state),
  };
}

/**
 * The hours of a secondment in a month, with totals and what the caller may do. Without a month:
 * the month of the earliest day that waits for the caller (open days for the head, returned ones
 * for the person), else this month — so a task opens where the work is.
 */
export async function getTimesheet(db: Db | Tx, actor: Actor, id: string, asked?: string): Promise<TimesheetAnswer> {
  const { s, m, view } = await getTimesheetSecondment(db, actor, id);
  const month = asked ?? (await firstWaitingDay(db, view, s.id))?.slice(0, 7) ?? currentMonth();
  const period = monthBounds(month);
  const entries = await listVisibleEntries(db, view, s.id, period);
  const now = today();
  const from = s.startsOn > period.from ? s.startsOn : period.from;
  const toCandidates = [period.to, s.endsOn, now].sort();
  const to = toCandidates[0];
  const record = mayRecord(view, s);
  return {
    secondment: await secondmentHead(db, actor, s, m),
    month,
    recordableFrom: record && from <= to ? from : null,
    recordableTo: record && from <= to ? to : null,
    entries: entries.map((e) => presentEntry(e, view)),
    totals: totalsOf(entries),
    abilities: {
      // Whether hours belong to this secondment at all: from its start on (the secondment page links here then).
      show: (RECORDABLE_SECONDMENT_STATES as readonly string[]).includes(s.state),
      record,
      decide: view.mayDecide,
      readReceipts: view.mayReadReceipts,
      seesOnlyConfirmed: view.seesConfirmed,
    },
  };
}

const field = (name: string, rule: string, message: Bilingual): FieldProblem => ({ field: name, in: "body", rule, message });

const DAY_TAKEN: Bilingual = {
  de: "Für einen Teil der Tage sind bereits Stunden erfasst; gespeichert wurde nichts.",
  en: "Some of the days have hours recorded already; nothing was saved.",
};

/**
 * Records hours for one or several days (a week) at once: every day is checked first — within the
 * running secondment, not in the future, at most one live entry per day, quarter hours up to 10 h
 * — and either all are saved or none (the problem names each refused day).
 */
export async function recordHours(db: Db, actor: Actor, id: string, input: z.infer<typeof RecordHoursBody>) {
  await db.transaction(async (tx) => {
    const { s, view } = await getTimesheetSecondmentForUpdate(tx, actor, id);
    if (!view.isEmployee) throw new AppError("forbidden", { message: onlyThePerson("hours") });
    const now = today();
    const problems: FieldProblem[] = [];
    const taken: FieldProblem[] = [];
    const seen = new Set<string>();
    const live = new Set(
      (
        await liveEntriesOn(
          tx,
          s.id,
          input.days.map((d) => d.day),
        )
      ).map((e) => e.day),
    );
    input.days.forEach((d, i) => {
      const onDay = dayProblem({ day: d.day, today: now, startsOn: s.startsOn, endsOn: s.endsOn, state: s.state });
      if (onDay) problems.push(field(`days.${i}.day`, "recordable_day", onDay));
      else if (seen.has(d.day))
        problems.push(field(`days.${i}.day`, "unique", { de: "Dieser Tag steht zweimal in der Eingabe.", en: "This day is given twice." }));
      else if (live.has(d.day))
        taken.push(
          field(`days.${i}.day`, "unique", {
            de: "Für diesen Tag sind bereits Stunden erfasst. Ändern lässt er sich, wenn die Fachbereichsleitung ihn zurückgibt, oder nach der Bestätigung mit einer Korrektur.",
            en: "Hours have been recorded for this day already. It can be changed once the head of department returns it, or by a correction after confirmation.",
          }),
        );
      seen.add(d.day);
      const onMinutes = minutesProblem(d.minutes);
      if (onMinutes) problems.push(field(`days.${i}.minutes`, "plausible_hours", onMinutes));
    });
    if (problems.length) throw new AppError("validation", { fields: problems });
    // A day that has hours already conflicts with what is there (409), like the unique index behind it.
    if (taken.length) throw new AppError("conflict", { message: DAY_TAKEN, fields: taken });
    const rows = await tx
      .insert(timesheetEntries)
      .values(
        input.days.map((d) => ({
          regionId: s.regionId,
          organizationId: s.organizationId,
          borrowerOrganizationId: s.borrowerOrganizationId,
          secondmentId: s.id,
          day: d.day,
          minutes: d.minutes,
          recordedBy: actor.accountId,
        })),
      )
      .returning();
    for (const row of rows) {
      await recordAudit(tx, actor, {
        action: "create",
        entity: "timesheet_entry",
        entityId: row.id,
        organizationId: s.organizationId,
        visibility: "party",
        after: { secondmentId: s.id, day: row.day, minutes: row.minutes, entryState: "recorded" },
      });
    }
  });
  return getTimesheet(db, actor, id, input.days[0].day.slice(0, 7));
}

/**
 * Confirms open entries (a week at once): all or nothing. A refusal names the entry as the caller
 * gave it: `entryIds.<i>` in the body, or `entryId` in the address for one day
 * (`/timesheets/{entryId}/confirm`).
 */
export async function confirmHours(db: Db, actor: Actor, id: string, entryIds: string[], given: "body" | "path" = "body") {
  let month = currentMonth();
  await db.transaction(async (tx) => {
    const { s, view } = await getTimesheetSecondmentForUpdate(tx, actor, id);
    const notYours = decideRefusal(view, "hours");
    if (notYours) throw new AppError("forbidden", { message: notYours });
    const problems: FieldProblem[] = [];
    const entries: EntryRow[] = [];
    for (const [i, entryId] of [...new Set(entryIds)].entries()) {
      const e = await getEntryForUpdate(tx, view, s.id, entryId);
      const refused = stepRefusal(view, "hours", "confirm", e.state);
      if (refused)
        problems.push(
          given === "path"
            ? { field: "entryId", in: "params", rule: "entry_state", message: refused }
            : field(`entryIds.${i}`, "entry_state", refused),
        );
      entries.push(e);
    }
    if (problems.length) throw new AppError("validation", { fields: problems });
    for (const e of entries) await decideRow(tx, actor, "hours", e, "confirmed", null);
    month = entries[0].day.slice(0, 7);
  });
  return getTimesheet(db, actor, id, month);
}

/** Returns an open entry with a comment: the person records the day anew. */
export async function returnHours(db: Db, actor: Actor, id: string, entryId: string, comment: string) {
  const month = await db.transaction(async (tx) => {
    const { s, view } = await getTimesheetSecondmentForUpdate(tx, actor, id);
    const notYours = decideRefusal(view, "hours");
    if (notYours) throw new AppError("forbidden", { message: notYours });
    const e = await getEntryForUpdate(tx, view, s.id, entryId);
    const refused = stepRefusal(view, "hours", "return", e.state);
    if (refused) throw new AppError("conflict", { message: refused });
    await decideRow(tx, actor, "hours", e, "returned", comment);
    return e.day.slice(0, 7);
  });
  return getTimesheet(db, actor, id, month);
}

/**
 * Corrects a confirmed entry: a new entry with the reason takes its place in the totals once
 * confirmed; the confirmed one stays in the history as `replaced`. Nothing is overwritten.
 */
export async function correctHours(db: Db, actor: Actor, id: string, entryId: string, input: z.infer<typeof CorrectHoursBody>) {
  const month = await db.transaction(async (tx) => {
    const { s, view } = await getTimesheetSecondmentForUpdate(tx, actor, id);
    const e = await getEntryForUpdate(tx, view, s.id, entryId);
    const refused = stepRefusal(
      view,
      "hours",
      "correct",
      e.state,
      e.state === "replaced" && (await correctionWaits(tx, "hours", s.id, e.id)),
    );
    if (refused) throw new AppError("conflict", { message: refused });
    const onMinutes = minutesProblem(input.minutes);
    if (onMinutes) throw new AppError("validation", { fields: [field("minutes", "plausible_hours", onMinutes)] });
    await replaceRow(tx, "hours", e.id);
    const [row] = await tx
      .insert(timesheetEntries)
      .values({
        regionId: s.regionId,
        organizationId: s.organizationId,
        borrowerOrganizationId: s.borrowerOrganizationId,
        secondmentId: s.id,
        day: e.day,
        minutes: input.minutes,
        correctsId: e.id,
        reason: input.reason,
        recordedBy: actor.accountId,
      })
      .returning();
    await recordAudit(tx, actor, {
      action: "create",
      entity: "timesheet_entry",
      entityId: row.id,
      organizationId: s.organizationId,
      visibility: "party",
      before: { minutes: e.minutes },
      after: { secondmentId: s.id, day: row.day, minutes: row.minutes, entryState: "recorded", corrects: e.id, reason: input.reason },
    });
    return e.day.slice(0, 7);
  });
  return getTimesheet(db, actor, id, month);
}
