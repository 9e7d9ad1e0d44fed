import { useEffect, useRef, useState } from "react";
import { Link, useParams } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { api, type Problem } from "../../api/client";
import { useApi, useMutation } from "../../api/hooks";
import { ErrorSummary, Notice } from "../../components/forms";
import { Page } from "../../components/Page";
import { QueryState } from "../../components/QueryState";
import { formatters, todayInGermany } from "../../i18n";
import type { Timesheet } from "./api";
import { ExpensesSection } from "./ExpensesSection";
import { firstDayToRecordAgain, hoursText, mondayOf, monthName, workingDays } from "./hours";
import { MonthTable } from "./MonthTable";
import { WeekForm } from "./WeekForm";

/** The problem of a page-level refusal, for the summary above everything. */
export type Refusal = Problem | null;

/**
 * Hours and expenses of one secondment (`/abordnungen/:id/stunden`): the person records a week
 * and expenses, the receiving head confirms open days a week at a time or returns one with a
 * comment, the lending HR office and finance read what is confirmed. What the caller may do comes
 * from the server's abilities.
 */
export function TimesheetPage() {
  const { t, i18n } = useTranslation();
  const f = formatters(i18n.language);
  const { id } = useParams({ strict: false }) as { id: string };
  const today = todayInGermany();
  // No month chosen yet: the server opens the month of the earliest day that waits for the reader.
  const [chosen, setMonth] = useState<string | undefined>(undefined);
  const [monday, setMonday] = useState(mondayOf(today));
  const [notice, setNotice] = useState<string | null>(null);
  const query = useApi<Timesheet>(
    () => api.GET("/api/v1/secondments/{id}/timesheets", { params: { path: { id }, query: chosen ? { month: chosen } : {} } }),
    [id, chosen],
  );
  const month = chosen ?? query.data?.month ?? today.slice(0, 7);
  // Opened with returned days waiting for the person: the week form starts at the earliest of them.
  const weekChosen = useRef(false);
  const recordAgain = (day: string, focus: boolean) => {
    weekChosen.current = true;
    setMonday(mondayOf(day));
    setNotice(null);
    if (focus) requestAnimationFrame(() => document.getElementById(`field-hours-${day}`)?.focus());
  };
  const firstReturned = query.data?.abilities.record ? firstDayToRecordAgain(query.data.entries) : undefined;
  useEffect(() => {
    if (firstReturned && !weekChosen.current) recordAgain(firstReturned, false);
  }, [firstReturned]);
  // The week's days may fall into a second month: its entries are loaded for the form as well.
  const days = workingDays(monday);
  const weekMonths = [...new Set(days.map((d) => d.slice(0, 7)))];
  const week = useApi<Timesheet[]>(async () => {
    const answers = await Promise.all(
      weekMonths.map((m) => api.GET("/api/v1/secondments/{id}/timesheets", { params: { path: { id }, query: { month: m } } })),
    );
    const failed = answers.find((a) => !a.response.ok);
    return failed
      ? { error: failed.error, response: failed.response }
      : { data: answers.map((a) => a.data!), response: answers[0].response };
  }, [id, monday, query.data]);
  const confirm = useMutation(
    (entryIds: string[]) => api.POST("/api/v1/secondments/{id}/timesheets/confirmations", { params: { path: { id } }, body: { entryIds } }),
    {
      onSuccess(changed, entryIds) {
        if (changed.month === month) query.setData(changed);
        else void query.reload();
        setNotice(t("timesheets.confirmed", { count: entryIds.length }));
      },
    },
  );

  const s = query.data;
  if (!s) return <QueryState query={query} title={t("timesheets.title")} />;
  const name = s.secondment.personName ?? t("timesheets.personHidden");
  const hours = (minutes: number) => t("timesheets.hoursUnit", { hours: hoursText(minutes, i18n.language) });
  const weekEntries = (week.data ?? []).flatMap((w) => w.entries).filter((e) => days.includes(e.day));
  const apply = (changed: Timesheet, message: string) => {
    setNotice(message);
    if (changed.month === month) query.setData(changed);
    else setMonth(changed.month);
  };
  return (
    <Page title={t("timesheets.titleOf", { name })}>
      <p>
        <Link to="/abordnungen/$id" params={{ id }} className="kern-link">
          {t("timesheets.back")}
        </Link>
      </p>
      {notice ? <Notice focus>{notice}</Notice> : null}
      <ErrorSummary problem={confirm.problem} labels={{}} />
      <p className="kern-body">
        {t("timesheets.facts", {
          lender: s.secondment.lender,
          borrower: s.secondment.borrower,
          from: f.dateLong(s.secondment.startsOn),
          to: f.dateLong(s.secondment.endsOn),
          hours: s.secondment.hoursPerWeek,
        })}
      </p>
      {s.abilities.seesOnlyConfirmed ? <Notice kind="info">{t("timesheets.onlyConfirmed")}</Notice> : null}
      {s.abilities.record ? (
        <WeekForm
          id={id}
          monday={monday}
          onWeek={(m) => {
            weekChosen.current = true;
            setMonday(m);
            setNotice(null);
          }}
          entries={weekEntries}
          today={today}
          secondment={s.secondment}
          onSaved={(changed, count, minutes) =>
            apply(changed, t("timesheets.week.saved", { count, hours: hours(minutes), borrower: s.secondment.borrower }))
          }
        />
      ) : null}
      <MonthTable
        id={id}
        timesheet={s}
        name={name}
        monthLabel={monthName(month, i18n.language)}
        onMonth={(n) => {
          setNotice(null);
          setMonth(n);
        }}
        onConfirmWeek={(entryIds) => {
          setNotice(null);
          void confirm.run(entryIds);
        }}
        onChanged={(changed, message) => apply(changed, message)}
        onRecordAgain={(day) => recordAgain(day, true)}
      />
      <ExpensesSection
        id={id}
        month={month}
        monthLabel={monthName(month, i18n.language)}
        today={today}
        secondment={s.secondment}
        name={name}
        onNotice={setNotice}
      />
    </Page>
  );
}
