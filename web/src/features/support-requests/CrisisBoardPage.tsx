import { Link, useParams } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { useApi } from "../../api/hooks";
import { BarChart } from "../../components/BarChart";
import { DataTable } from "../../components/DataTable";
import { AllocationPanel } from "../allocation/AllocationPanel";
import { useSession } from "../identity/session";
import { Page } from "../../components/Page";
import { QueryState } from "../../components/QueryState";
import { formatters } from "../../i18n";
import type { CrisisBoard } from "./api";

/** The crisis board: fill rates per request and per administration, chart and tables. */
export function CrisisBoardPage() {
  const { t, i18n } = useTranslation();
  const { me } = useSession();
  const f = formatters(i18n.language);
  const { id } = useParams({ strict: false }) as { id: string };
  const query = useApi<CrisisBoard>(() => api.GET("/api/v1/crises/{id}/board", { params: { path: { id } } }), [id]);
  const board = query.data;
  if (!board) return <QueryState query={query} title={t("crises.board")} />;
  const pct = (x: number) => `${f.number(x * 100, 1)}\u00a0%`;
  const maxOffered = Math.max(1, ...board.organizations.map((o) => o.offered));
  return (
    <Page title={`${t("crises.board")}: ${board.crisis.name}`} intro={board.crisis.description}>
      <p className="kern-body kern-body--large">
        {t("crises.total", { offered: board.totals.offered, headcount: board.totals.headcount, rate: pct(board.totals.fillRate) })}
      </p>
      {me?.abilities.runAllocation ? <AllocationPanel crisisId={id} /> : null}
      <details className="board-figures" open={!me?.abilities.runAllocation}>
        <summary className="kern-heading-medium">{t("crises.figures")}</summary>
        <p className="kern-body">{t("crises.boardIntro")}</p>
        <div className="chart-and-table">
          <BarChart
            id="chart-requests"
            title={t("crises.chartTitle")}
            max={1}
            scale={t("crises.scalePercent")}
            bars={board.requests.map((r) => ({
              id: r.id,
              label: r.title,
              value: r.fillRate,
              display: pct(r.fillRate),
            }))}
          />
          <DataTable
            stacked
            id="board-requests-caption"
            caption={t("crises.perRequest")}
            columns={[
              { label: t("requests.titleCol") },
              { label: t("requests.from") },
              { label: t("crises.requested"), numeric: true },
              { label: t("crises.offered"), numeric: true },
              { label: t("crises.fillRate"), numeric: true },
            ]}
          >
            {board.requests.map((r) => (
              <tr key={r.id} className="kern-table__row">
                <th scope="row" className="kern-table__cell">
                  <Link to="/anfragen/$id" params={{ id: r.id }} className="kern-link">
                    {r.title}
                  </Link>
                </th>
                <td className="kern-table__cell">{r.organization}</td>
                <td className="kern-table__cell kern-table__cell--numeric">{r.headcount}</td>
                <td className="kern-table__cell kern-table__cell--numeric">{r.offered}</td>
                <td className="kern-table__cell kern-table__cell--numeric">{pct(r.fillRate)}</td>
              </tr>
            ))}
          </DataTable>
        </div>
        <div className="chart-and-table">
          <BarChart
            id="chart-organizations"
            title={t("crises.chartOrganizations")}
            max={maxOffered}
            scale={t("crises.scalePeople", { max: maxOffered })}
            bars={board.organizations.map((o) => ({ id: o.organizationId, label: o.name, value: o.offered, display: String(o.offered) }))}
          />
          <DataTable
            stacked
            id="board-orgs-caption"
            caption={t("crises.perOrganization")}
            columns={[
              { label: t("organizations.name") },
              { label: t("crises.requested"), numeric: true },
              { label: t("crises.offered"), numeric: true },
            ]}
          >
            {board.organizations.map((o) => (
              <tr key={o.organizationId} className="kern-table__row">
                <th scope="row" className="kern-table__cell">
                  {o.name}
                </th>
                <td className="kern-table__cell kern-table__cell--numeric">{o.requested}</td>
                <td className="kern-table__cell kern-table__cell--numeric">{o.offered}</td>
              </tr>
            ))}
          </DataTable>
        </div>
      </details>
    </Page>
  );
}
