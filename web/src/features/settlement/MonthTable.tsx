import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { useMutation } from "../../api/hooks";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { DataTable } from "../../components/DataTable";
import { Button, ErrorSummary, TextField } from "../../components/forms";
import { formatters } from "../../i18n";
import type { Timesheet, TimesheetEntry } from "./api";
import { hoursText, minutesOf, mondayOf, shiftMonth, waitsToBeRecordedAgain } from "./hours";

/**
 * The month's hours: each day with its state, the totals in words, and the caller's steps — the
 * receiving head confirms the open days of a week at once or returns one (asked first, with a
 * comment); the person corrects a confirmed day (asked first, with the reason).
 */
export function MonthTable({
  id,
  timesheet: s,
  name,
  monthLabel,
  onMonth,
  onConfirmWeek,
  onChanged,
  onRecordAgain,
}: {
  id: string;
  timesheet: Timesheet;
  name: string;
  monthLabel: string;
  onMonth(month: string): void;
  onConfirmWeek(entryIds: string[]): void;
  onChanged(changed: Timesheet, message: string): void;
  /** The person records a returned day anew: the week form opens at that day. */
  onRecordAgain(day: string): void;
}) {
  const { t, i18n } = useTranslation();
  const f = formatters(i18n.language);
  const [returning, setReturning] = useState<TimesheetEntry | null>(null);
  const [correcting, setCorrecting] = useState<TimesheetEntry | null>(null);
  const [comment, setComment] = useState("");
  const [hours, setHours] = useState("");
  const [reason, setReason] = useState("");
  const hoursOf = (minutes: number) => t("timesheets.hoursUnit", { hours: hoursText(minutes, i18n.language) });
  const giveBack = useMutation(
    (entry: TimesheetEntry) =>
      api.POST("/api/v1/secondments/{id}/timesheets/{entryId}/return", { params: { path: { id, entryId: entry.id } }, body: { comment } }),
    {
      onSuccess(changed, entry) {
        setReturning(null);
        setComment("");
        onChanged(changed, t("timesheets.returned", { day: f.dateLong(entry.day), name }));
      },
    },
  );
  const correct = useMutation(
    (entry: TimesheetEntry) =>
      api.POST("/api/v1/secondments/{id}/timesheets/{entryId}/correct", {
        params: { path: { id, entryId: entry.id } },
        // What cannot be read as hours goes as 0 minutes: the server says at the field what to enter.
        body: { minutes: minutesOf(hours) ?? 0, reason },
      }),
    {
      onSuccess(changed) {
        setCorrecting(null);
        setHours("");
        setReason("");
        onChanged(changed, t("timesheets.corrected", { borrower: s.secondment.borrower }));
      },
    },
  );
  // Open days by week (Monday), for "confirm the week's open days".
  const openWeeks = new Map<string, string[]>();
  for (const e of s.entries) if (e.abilities.confirm) openWeeks.set(mondayOf(e.day), [...(openWeeks.get(mondayOf(e.day)) ?? []), e.id]);
  const note = (e: TimesheetEntry) =>
    [
      e.reason ? t("timesheets.month.correctionOf", { reason: e.reason }) : "",
      e.comment ? t("timesheets.month.returnedWith", { comment: e.comment }) : "",
    ]
      .filter(Boolean)
      .join(" ");
  // A returned day the person has not recorded anew yet.
  const recordsAgain = (e: TimesheetEntry) => s.abilities.record && waitsToBeRecordedAgain(e, s.entries);
  const hasActions = s.entries.some((e) => e.abilities.return || e.abilities.correct || recordsAgain(e));
  return (
    <section aria-labelledby="month-heading">
      <h2 className="kern-heading-medium" id="month-heading">
        {t("timesheets.month.heading", { month: monthLabel })}
      </h2>
      <p className="button-row">
        <Button type="button" kind="secondary" onClick={() => onMonth(shiftMonth(s.month, -1))}>
          {t("timesheets.month.previous")}
        </Button>
        <Button type="button" kind="secondary" onClick={() => onMonth(shiftMonth(s.month, 1))}>
          {t("timesheets.month.next")}
        </Button>
      </p>
      <p className="kern-body">
        <strong>
          {s.abilities.seesOnlyConfirmed
            ? t("timesheets.month.totalsConfirmed", { confirmed: hoursOf(s.totals.confirmedMinutes) })
            : t("timesheets.month.totals", {
                confirmed: hoursOf(s.totals.confirmedMinutes),
                open: hoursOf(s.totals.openMinutes),
                returned: hoursOf(s.totals.returnedMinutes),
              })}
        </strong>
      </p>
      {openWeeks.size ? (
        <p className="button-row">
          {[...openWeeks].map(([monday, ids]) => (
            <Button
              key={monday}
              type="button"
              onClick={() => onConfirmWeek(ids)}
              label={t("timesheets.confirmWeekLabel", { from: f.dateLong(monday) })}
            >
              {t("timesheets.confirmWeek")} ({f.date(monday)})
            </Button>
          ))}
        </p>
      ) : null}
      {s.entries.length === 0 ? (
        <p className="kern-body">{s.abilities.seesOnlyConfirmed ? t("timesheets.month.emptyConfirmed") : t("timesheets.month.empty")}</p>
      ) : (
        <DataTable
          id="hours-table"
          labelledBy="month-heading"
          stacked
          columns={[
            { label: t("timesheets.month.day") },
            { label: t("timesheets.month.hours"), numeric: true },
            { label: t("timesheets.month.state") },
            { label: t("timesheets.month.note") },
            ...(hasActions ? [{ label: t("timesheets.month.actions"), action: true }] : []),
          ]}
        >
          {s.entries.map((e) => (
            <tr key={e.id} className="kern-table__row">
              <th scope="row" className="kern-table__cell">
                {f.date(e.day)}
              </th>
              <td className="kern-table__cell kern-table__cell--numeric">{hoursOf(e.minutes)}</td>
              <td className="kern-table__cell">{t(`timesheets.states.${e.state}`)}</td>
              <td className="kern-table__cell">{note(e)}</td>
              {hasActions ? (
                <td className="kern-table__cell kern-table__cell--action">
                  {e.abilities.return ? (
                    <Button
                      type="button"
                      kind="tertiary"
                      onClick={() => setReturning(e)}
                      label={t("timesheets.returnLabel", { day: f.dateLong(e.day) })}
                    >
                      {t("timesheets.return")}
                    </Button>
                  ) : null}
                  {recordsAgain(e) ? (
                    <Button
                      type="button"
                      kind="tertiary"
                      onClick={() => onRecordAgain(e.day)}
                      label={t("timesheets.recordAgainLabel", { day: f.dateLong(e.day) })}
                    >
                      {t("timesheets.recordAgain")}
                    </Button>
                  ) : null}
                  {e.abilities.correct ? (
                    <Button
                      type="button"
                      kind="tertiary"
                      onClick={() => setCorrecting(e)}
                      label={t("timesheets.correctLabel", { day: f.dateLong(e.day) })}
                    >
                      {t("timesheets.correct")}
                    </Button>
                  ) : null}
                </td>
              ) : null}
            </tr>
          ))}
        </DataTable>
      )}
      {returning ? (
        <ConfirmDialog
          open
          title={t("timesheets.returnTitle", { day: f.dateLong(returning.day) })}
          body={t("timesheets.returnBody", { name })}
          confirmLabel={t("timesheets.return")}
          cancelLabel={t("timesheets.keep")}
          busy={giveBack.busy}
          onConfirm={() => void giveBack.run(returning)}
          onCancel={() => {
            setReturning(null);
            giveBack.reset();
          }}
        >
          <ErrorSummary problem={giveBack.problem} labels={{ comment: t("timesheets.comment") }} />
          <TextField
            name="comment"
            label={t("timesheets.comment")}
            hint={t("timesheets.commentHint")}
            value={comment}
            onChange={setComment}
            error={giveBack.errors.comment}
            multiline
          />
        </ConfirmDialog>
      ) : null}
      {correcting ? (
        <ConfirmDialog
          open
          title={t("timesheets.correctTitle", { day: f.dateLong(correcting.day) })}
          body={t("timesheets.correctBody")}
          confirmLabel={t("timesheets.correct")}
          cancelLabel={t("timesheets.keep")}
          busy={correct.busy}
          onConfirm={() => void correct.run(correcting)}
          onCancel={() => {
            setCorrecting(null);
            correct.reset();
          }}
        >
          <ErrorSummary problem={correct.problem} labels={{ minutes: t("timesheets.correctHours"), reason: t("timesheets.reason") }} />
          <TextField
            name="minutes"
            label={t("timesheets.correctHours")}
            hint={t("timesheets.week.hint")}
            value={hours}
            onChange={setHours}
            error={correct.errors.minutes}
          />
          <TextField
            name="reason"
            label={t("timesheets.reason")}
            value={reason}
            onChange={setReason}
            error={correct.errors.reason}
            multiline
          />
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
