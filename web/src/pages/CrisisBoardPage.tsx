import { useEffect, useState } from "react";
import { Link, useParams } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { api } from "../api/client";
import type { paths } from "../api/schema";
import { DataTable } from "../components/DataTable";
import { Page } from "../components/Page";
import { formatters } from "../i18n";

type Board = paths["/api/v1/crises/{id}/board"]["get"]["responses"][200]["content"]["application/json"];

/** Horizontal bars of the offered share per request; the table beside holds the same figures. */
function FillChart({ rows, title }: { rows: Board["requests"]; title: string }) {
  const barHeight = 28;
  const labelWidth = 260;
  const width = 640;
  const height = rows.length * (barHeight + 10) + 10;
  return (
    <figure className="fill-chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby="fill-chart-title">
        <title id="fill-chart-title">{title}</title>
        {rows.map((r, i) => {
          const y = 10 + i * (barHeight + 10);
          const w = (width - labelWidth - 60) * r.fillRate;
          return (
            <g key={r.id}>
              <text x={0} y={y + barHeight * 0.68} className="fill-chart__label">
                {r.title.length > 34 ? `${r.title.slice(0, 33)}…` : r.title}
              </text>
              <rect x={labelWidth} y={y} width={width - labelWidth - 60} height={barHeight} className="fill-chart__track" />
              <rect x={labelWidth} y={y} width={w} height={barHeight} className="fill-chart__bar" />
              <text x={width - 52} y={y + barHeight * 0.68} className="fill-chart__value">
                {Math.round(r.fillRate * 100)} %
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

/** The crisis board: fill rates per request and per administration, chart and tables. */
export function CrisisBoardPage() {
  const { t, i18n } = useTranslation();
  const f = formatters(i18n.language);
  const { id } = useParams({ strict: false }) as { id: string };
  const [board, setBoard] = useState<Board | null | undefined>(undefined);
  useEffect(() => {
    void api.GET("/api/v1/crises/{id}/board", { params: { path: { id } } }).then((r) => setBoard(r.data ?? null));
  }, [id]);
  if (board === undefined) return <p className="kern-body">{t("errors.loading")}</p>;
  if (board === null) return <Page title={t("errors.notFound")}>{null}</Page>;
  const pct = (x: number) => `${f.number(x * 100, 1)} %`;
  return (
    <Page title={`${t("crises.board")}: ${board.crisis.name}`} intro={board.crisis.description}>
      <p className="kern-body kern-body--large">
        {t("crises.total", { offered: board.totals.offered, headcount: board.totals.headcount, rate: pct(board.totals.fillRate) })}
      </p>
      <h2 className="kern-heading-medium">{t("crises.perRequest")}</h2>
      <p className="kern-body">{t("crises.boardIntro")}</p>
      <div className="map-and-table">
        <FillChart rows={board.requests} title={t("crises.chartTitle")} />
        <DataTable
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
      <h2 className="kern-heading-medium">{t("crises.perOrganization")}</h2>
      <DataTable
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
    </Page>
  );
}
