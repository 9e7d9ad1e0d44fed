import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type Problem } from "../../api/client";
import { useMutation } from "../../api/hooks";
import { Button, ErrorSummary, Fieldset, Form, inputProblem, TextField } from "../../components/forms";
import { formatters } from "../../i18n";
import type { RecordHours, Timesheet, TimesheetEntry } from "./api";
import { addDays, hoursText, minutesOf, workingDays } from "./hours";

const LIVE = new Set(["recorded", "confirmed"]);

/** Hours found wrong before sending, each at its day. */
const problemOf = (errors: Array<{ field: string; message: { de: string; en: string } }>, messages?: { de: string; en: string }) =>
  inputProblem(
    errors.map((e) => ({ ...e, rule: "hours" })),
    messages,
  );

/**
 * The person's week (Monday to Friday): hours per day as typed ("7,75"), days that have hours
 * already shown with their state, days that cannot carry hours (future, outside the secondment)
 * said as such. Saved all at once; a refused week keeps every value, each error at its day.
 */
export function WeekForm({
  id,
  monday,
  onWeek,
  entries,
  today,
  secondment,
  onSaved,
}: {
  id: string;
  monday: string;
  onWeek(monday: string): void;
  /** The week's entries (all states). */
  entries: TimesheetEntry[];
  today: string;
  secondment: Timesheet["secondment"];
  onSaved(changed: Timesheet, count: number, minutes: number): void;
}) {
  const { t, i18n } = useTranslation();
  const f = formatters(i18n.language);
  const [values, setValues] = useState<Record<string, string>>({});
  const days = workingDays(monday);
  const field = (day: string) => `hours-${day}`;
  const save = useMutation(
    async (body: RecordHours) => {
      const res = await api.POST("/api/v1/secondments/{id}/timesheets", { params: { path: { id } }, body });
      // The server names `days.N.…`; the page's fields are the days.
      const problem = res.error as Problem | undefined;
      if (problem?.errors)
        problem.errors = problem.errors.map((e) => {
          const at = /^days\.(\d+)\./.exec(e.field);
          return at ? { ...e, field: field(body.days[Number(at[1])].day) } : e;
        });
      return res;
    },
    {
      onSuccess(changed, body) {
        setValues({});
        onSaved(
          changed,
          body.days.length,
          body.days.reduce((sum, d) => sum + d.minutes, 0),
        );
      },
    },
  );
  const live = (day: string) => entries.find((e) => e.day === day && LIVE.has(e.state));
  const returned = (day: string) => entries.find((e) => e.day === day && e.state === "returned");
  const why = (day: string) =>
    day > today ? t("timesheets.week.future") : day < secondment.startsOn || day > secondment.endsOn ? t("timesheets.week.outside") : null;
  const dayLabel = (day: string) =>
    `${new Intl.DateTimeFormat(i18n.language === "en" ? "en-GB" : "de-DE", { weekday: "long", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`))}, ${f.dateLong(day)}`;
  const labels = Object.fromEntries(days.map((d) => [field(d), dayLabel(d)]));

  const both = (key: string) => ({ de: i18n.getFixedT("de")(key), en: i18n.getFixedT("en")(key) });
  const submit = () => {
    const filled = days.filter((d) => !live(d) && !why(d) && (values[d] ?? "").trim() !== "");
    const unreadable = filled.filter((d) => minutesOf(values[d]) === null);
    if (unreadable.length) {
      save.fail(problemOf(unreadable.map((d) => ({ field: field(d), message: both("timesheets.week.notANumber") }))));
      return;
    }
    if (!filled.length) {
      // Said at the first day that can take hours, so the summary leads there.
      const first = days.find((d) => !live(d) && !why(d));
      save.fail(
        problemOf(first ? [{ field: field(first), message: both("timesheets.week.nothing") }] : [], both("timesheets.week.nothing")),
      );
      return;
    }
    void save.run({ days: filled.map((day) => ({ day, minutes: minutesOf(values[day])! })) });
  };

  return (
    <section aria-labelledby="week-heading" className="form-narrow">
      <h2 className="kern-heading-medium" id="week-heading">
        {t("timesheets.week.heading")}
      </h2>
      <p className="kern-body">{t("timesheets.week.intro")}</p>
      <p className="button-row">
        <Button type="button" kind="secondary" onClick={() => onWeek(addDays(monday, -7))}>
          {t("timesheets.week.previous")}
        </Button>
        <Button type="button" kind="secondary" onClick={() => onWeek(addDays(monday, 7))}>
          {t("timesheets.week.next")}
        </Button>
      </p>
      <ErrorSummary problem={save.problem} labels={labels} />
      <Form name="timesheet-week" labelledBy="week-heading" mutation={save} onSubmit={submit}>
        <Fieldset name="week" legend={t("timesheets.week.of", { from: f.dateLong(days[0]), to: f.dateLong(days[4]) })}>
          {days.map((day) => {
            const entry = live(day);
            const reason = why(day);
            if (entry || reason)
              return (
                <p key={day} className="kern-body week-day">
                  <strong>{dayLabel(day)}:</strong>{" "}
                  {entry
                    ? `${t("timesheets.hoursUnit", { hours: hoursText(entry.minutes, i18n.language) })} – ${t(`timesheets.states.${entry.state}`)}`
                    : reason}
                </p>
              );
            const back = returned(day);
            return (
              <TextField
                key={day}
                name={field(day)}
                label={dayLabel(day)}
                hint={back?.comment ? t("timesheets.month.returnedWith", { comment: back.comment }) : t("timesheets.week.hint")}
                value={values[day] ?? ""}
                onChange={(v) => setValues((old) => ({ ...old, [day]: v }))}
                error={save.errors[field(day)]}
              />
            );
          })}
        </Fieldset>
        {days.some((d) => !live(d) && !why(d)) ? (
          <p>
            <Button>{t("timesheets.week.save")}</Button>
          </p>
        ) : null}
      </Form>
    </section>
  );
}
