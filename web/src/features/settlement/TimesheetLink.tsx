import { Link } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { useApi } from "../../api/hooks";
import type { Timesheet } from "./api";
import { hoursText, monthName } from "./hours";

/**
 * The secondment page's way to its hours and expenses: shown only to those whose hours the server
 * shows (the person, the receiving head and HR office, the lending HR office, finance), with the
 * month's confirmed and open hours in a sentence.
 */
export function TimesheetLink({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const query = useApi<Timesheet>(() => api.GET("/api/v1/secondments/{id}/timesheets", { params: { path: { id } } }), [id]);
  const s = query.data;
  if (!s?.abilities.show) return null;
  const hours = (minutes: number) => t("timesheets.hoursUnit", { hours: hoursText(minutes, i18n.language) });
  const month = monthName(s.month, i18n.language, { withYear: false });
  return (
    <section aria-labelledby="hours-link-heading">
      <h2 className="kern-heading-medium" id="hours-link-heading">
        {t("timesheets.title")}
      </h2>
      <p className="kern-body">
        {t("timesheets.linkSummary", { month, confirmed: hours(s.totals.confirmedMinutes), open: hours(s.totals.openMinutes) })}{" "}
        <Link to="/abordnungen/$id/stunden" params={{ id }} className="kern-link">
          {t("timesheets.link")}
        </Link>
      </p>
    </section>
  );
}
