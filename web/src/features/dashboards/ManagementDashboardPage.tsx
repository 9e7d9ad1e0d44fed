import { Link } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { useApi } from "../../api/hooks";
import { DataTable } from "../../components/DataTable";
import { Page } from "../../components/Page";
import { QueryState } from "../../components/QueryState";
import { Button } from "../../components/forms";
import { formatters } from "../../i18n";
import { ExchangeSection } from "../../routes/Overviews";
import { useSession } from "../identity/session";
import { valueText } from "../standards/numbers";
import { StatusText } from "../standards/StatusMap";
import { toleranceInUnit } from "../standards/words";
import type { ManagementDashboard, StandardAtAGlance } from "./api";

const STATUSES = ["met", "within_tolerance", "missed", "no_data"] as const;

/**
 * The management dashboard of the own administration (Chefsache), for its leadership and HR office:
 * first what needs attention (a standard missed twice in a row, values still due), then the
 * standards by theme — a summary table and one table per theme — and the secondments to and from
 * other administrations. Tables only, no chart to read; a print view gives clean A4 pages.
 */
export function ManagementDashboardPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === "en" ? "en" : "de";
  const f = formatters(i18n.language);
  const { me } = useSession();
  const organizationId = me?.organization.id ?? "";
  const query = useApi<ManagementDashboard>(
    organizationId ? () => api.GET("/api/v1/dashboards/management/{organizationId}", { params: { path: { organizationId } } }) : null,
    [organizationId],
  );
  const d = query.data;
  if (!d) return <QueryState query={query} title={t("dashboard.nav")} />;
  const standards = d.standards.themes.flatMap((th) => th.standards);
  const needsSupport = standards.filter((s) => s.needsSupport);
  const due = standards.filter((s) => s.due);
  const title = (s: StandardAtAGlance) => s.title[lang];
  const value = (s: StandardAtAGlance, n: number) => valueText(n, s.unit, lang, t);

  return (
    <Page title={t("dashboard.title", { organization: d.organization.name })} intro={t("dashboard.intro", { date: f.dateLong(d.asOf) })}>
      <p className="button-row no-print">
        <Button kind="secondary" type="button" onClick={() => window.print()}>
          {t("dashboard.print")}
        </Button>
      </p>

      <section aria-labelledby="attention-heading" className="dashboard-section">
        <h2 className="kern-heading-medium" id="attention-heading">
          {t("dashboard.attention.title")}
        </h2>
        {needsSupport.length === 0 && due.length === 0 ? <p className="kern-body">{t("dashboard.attention.none")}</p> : null}
        {needsSupport.length ? (
          <ul className="kern-list">
            {needsSupport.map((s) => (
              <li key={s.id}>
                {t("dashboard.attention.needsSupport", { standard: title(s) })}{" "}
                <Link to="/leistungsstandards/$id/auswertung" params={{ id: s.id }} className="kern-link no-print">
                  {t("dashboard.attention.evaluation")}
                </Link>
              </li>
            ))}
          </ul>
        ) : null}
        {due.length ? <p className="kern-body">{t("dashboard.attention.due", { count: due.length })}</p> : null}
      </section>

      <section aria-labelledby="summary-heading" className="dashboard-section">
        <h2 className="kern-heading-medium" id="summary-heading">
          {t("dashboard.summary.title")}
        </h2>
        <p className="kern-body">{t("dashboard.summary.intro")}</p>
        <DataTable
          id="dashboard-summary"
          labelledBy="summary-heading"
          stacked
          columns={[
            { label: t("dashboard.summary.theme") },
            { label: t("dashboard.summary.standards"), numeric: true },
            ...STATUSES.map((s) => ({ label: t(`evaluation.status.${s}`), numeric: true })),
          ]}
        >
          {d.standards.themes.map((th) => (
            <tr key={th.theme} className="kern-table__row">
              <th scope="row" className="kern-table__cell">
                <a href={`#theme-${th.theme}`} className="kern-link">
                  {t(`standards.themes.${th.theme}`)}
                </a>
              </th>
              <td className="kern-table__cell kern-table__cell--numeric">{th.standards.length}</td>
              {STATUSES.map((s) => (
                <td key={s} className="kern-table__cell kern-table__cell--numeric">
                  {th.counts[s]}
                </td>
              ))}
            </tr>
          ))}
        </DataTable>
      </section>

      {d.standards.themes.map((th) => (
        <section key={th.theme} aria-labelledby={`theme-${th.theme}`} className="dashboard-section">
          <h2 className="kern-heading-medium" id={`theme-${th.theme}`} tabIndex={-1}>
            {t(`standards.themes.${th.theme}`)}
          </h2>
          <DataTable
            id={`theme-table-${th.theme}`}
            labelledBy={`theme-${th.theme}`}
            stacked
            columns={[
              { label: t("dashboard.table.standard") },
              { label: t("dashboard.table.period") },
              { label: t("dashboard.table.value"), numeric: true },
              { label: t("dashboard.table.status") },
              { label: t("dashboard.table.trend") },
              { label: t("dashboard.table.target") },
            ]}
          >
            {th.standards.map((s) => (
              <tr key={s.id} className="kern-table__row">
                <th scope="row" className="kern-table__cell">
                  <Link to="/leistungsstandards/$id/auswertung" params={{ id: s.id }} className="kern-link">
                    {title(s)}
                  </Link>
                </th>
                <td className="kern-table__cell">
                  {s.periodLabel ? s.periodLabel[lang] : t("dashboard.table.noValue")}
                  {s.state ? <span className="kern-body--muted"> ({t(`dashboard.table.state.${s.state}`)})</span> : null}
                </td>
                <td className="kern-table__cell kern-table__cell--numeric">{s.value === null ? "–" : value(s, s.value)}</td>
                <td className="kern-table__cell">
                  <StatusText status={s.status} />
                  {s.needsSupport ? <strong> – {t("dashboard.table.needsSupport")}</strong> : null}
                  {s.due ? <span className="dashboard-due"> – {t("dashboard.table.due", { period: s.duePeriod[lang] })}</span> : null}
                </td>
                <td className="kern-table__cell">
                  {s.trend && s.previousValue !== null ? t(`evaluation.trend.${s.trend}`, { previous: value(s, s.previousValue) }) : "–"}
                </td>
                <td className="kern-table__cell">
                  {t("dashboard.table.targetValue", { target: value(s, s.target), tolerance: toleranceInUnit(t, lang, s) })}
                </td>
              </tr>
            ))}
          </DataTable>
        </section>
      ))}

      <div className="dashboard-section">
        <ExchangeSection section={d.exchange} organization={d.organization.name} />
      </div>
    </Page>
  );
}
