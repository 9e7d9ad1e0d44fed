import { Link, useParams } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { useApi } from "../../api/hooks";
import { DataTable } from "../../components/DataTable";
import { Button, Checkbox, Form, SelectField } from "../../components/forms";
import { Page } from "../../components/Page";
import { QueryState } from "../../components/QueryState";
import { useSession } from "../identity/session";
import type { BoundaryFeature } from "../organizations/RegionMap";
import type { Evaluation } from "./api";
import { DistributionChart } from "./DistributionChart";
import { STATUSES, StatusMap, StatusText } from "./StatusMap";
import { valueInUnit } from "./words";

type PeerChoice = "region" | "small" | "medium" | "large" | "chosen";
interface Query {
  period?: string;
  sizeClass?: "small" | "medium" | "large";
  organizations?: string;
}

/**
 * The region's evaluation of one standard (Auswertung): the distribution of the values with median
 * and quartiles, distance to the target, status per administration in a table by name (no league
 * table), the map, the best practice with its mailbox, and for the own administration — when it
 * missed the standard twice in a row — the way to a support request.
 */
export function EvaluationPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === "en" ? "en" : "de";
  const { me } = useSession();
  const { id } = useParams({ strict: false }) as { id: string };
  const [query, setQuery] = useState<Query>({});
  const evaluation = useApi<Evaluation>(
    () => api.GET("/api/v1/evaluations", { params: { query: { standard: id, ...query } } }),
    [id, query.period, query.sizeClass, query.organizations],
  );
  const boundaries = useApi<{ features: unknown[] }>(() => api.GET("/api/v1/organizations/boundaries"), []);
  const [period, setPeriod] = useState("");
  const [peer, setPeer] = useState<PeerChoice>("region");
  const [chosen, setChosen] = useState<string[]>([]);

  const e = evaluation.data;
  if (!e) return <QueryState query={evaluation} title={t("evaluation.title")} />;
  const s = e.standard;
  const title = lang === "en" ? s.titleEn : s.title;
  const label = (p: string) => e.periodLabels[p]?.[lang] ?? p;
  const fmt = (v: number) => valueInUnit(t, lang, s.unit, Math.round(v * 10) / 10);
  const distanceText = (v: number) => {
    const rounded = Math.round(v * 10) / 10;
    const value = new Intl.NumberFormat(lang === "en" ? "en-GB" : "de-DE", { maximumFractionDigits: 1, signDisplay: "exceptZero" }).format(
      rounded,
    );
    return t(`standards.toleranceUnits.${s.unit}`, { value, count: Math.abs(rounded) });
  };
  const d = e.distribution;
  const inGroup = e.administrations.filter((a) => a.inPeerGroup);
  const own = e.ownAdministration;
  const ownName = e.administrations.find((a) => a.organizationId === own?.organizationId)?.name;

  const apply = () => {
    setQuery({
      period: period || undefined,
      sizeClass: peer === "small" || peer === "medium" || peer === "large" ? peer : undefined,
      organizations: peer === "chosen" && chosen.length ? chosen.join(",") : undefined,
    });
  };
  const supportSearch = own?.needsSupport
    ? {
        titel: t("evaluation.support.requestTitle", { standard: title }).slice(0, 160),
        aufgaben: t("evaluation.support.requestTasks", {
          standard: title,
          target: fmt(s.target),
          organization: ownName ?? "",
        }),
        ...(own.support.department ? { abteilung: own.support.department.id } : {}),
        ...(own.support.qualification ? { qualifikation: own.support.qualification.id } : {}),
      }
    : null;

  return (
    <Page title={t("evaluation.pageTitle", { title })}>
      <p>
        <Link to="/leistungsstandards/$id" params={{ id }}>
          {t("evaluation.back")}
        </Link>
      </p>
      <p className="kern-body">
        {t("evaluation.intro", {
          period: label(e.period),
          target: fmt(s.target),
          direction: t(`standards.directions.${s.direction}`),
          version: s.version,
        })}
      </p>

      {own?.needsSupport ? (
        <section className="kern-alert kern-alert--warning" aria-labelledby="needs-support-title">
          <div className="kern-alert__header">
            <h2 className="kern-title" id="needs-support-title">
              {t("evaluation.support.title")}
            </h2>
          </div>
          <div className="kern-alert__body">
            <p className="kern-body">{t("evaluation.support.text", { organization: ownName, standard: title })}</p>
            {me?.abilities.createRequests && supportSearch ? (
              <p>
                <Link to="/anfragen/neu" search={supportSearch as never} className="kern-btn kern-btn--primary">
                  <span className="kern-label">{t("evaluation.support.action")}</span>
                </Link>
              </p>
            ) : (
              <p className="kern-body">{t("evaluation.support.whoCan")}</p>
            )}
          </div>
        </section>
      ) : null}

      <Form name="evaluation-filter" className="evaluation-filter" onSubmit={apply} labelledBy="evaluation-filter-title">
        <h2 className="kern-heading-small" id="evaluation-filter-title">
          {t("evaluation.filter.title")}
        </h2>
        <SelectField
          name="period"
          label={t("evaluation.filter.period")}
          value={period || e.period}
          onChange={(v) => setPeriod(String(v))}
          options={(e.periods.length ? e.periods : [e.period]).map((p) => ({ value: p, label: label(p) }))}
        />
        <SelectField
          name="peer"
          label={t("evaluation.filter.peerGroup")}
          value={peer}
          onChange={(v) => setPeer(v as PeerChoice)}
          options={(["region", "small", "medium", "large", "chosen"] as const).map((p) => ({ value: p, label: t(`evaluation.peer.${p}`) }))}
        />
        {peer === "chosen" ? (
          <fieldset className="kern-fieldset">
            <legend className="kern-label">{t("evaluation.filter.chosen")}</legend>
            <div className="kern-fieldset__body evaluation-filter__choices">
              {e.administrations.map((a) => (
                <Checkbox
                  key={a.organizationId}
                  name={`peer-${a.organizationId}`}
                  label={a.name}
                  checked={chosen.includes(a.organizationId)}
                  onChange={(on) => setChosen(on ? [...chosen, a.organizationId] : chosen.filter((x) => x !== a.organizationId))}
                />
              ))}
            </div>
          </fieldset>
        ) : null}
        <Button>{t("evaluation.filter.show")}</Button>
      </Form>

      <section aria-labelledby="distribution-heading">
        <h2 className="kern-heading-medium" id="distribution-heading">
          {t("evaluation.distributionTitle", { group: t(`evaluation.peer.${peerKey(e)}`), period: label(e.period) })}
        </h2>
        {d.tooFew ? (
          <p className="kern-body evaluation-too-few">
            <strong>{t("evaluation.tooFew", { count: d.n })}</strong>
          </p>
        ) : null}
        <div className="chart-and-table">
          <section aria-label={t("evaluation.chart.title")}>
            <DistributionChart evaluation={e} />
          </section>
          <DataTable
            id="distribution-table"
            caption={t("evaluation.figures.caption")}
            columns={[{ label: t("evaluation.figures.measure") }, { label: t("evaluation.figures.value"), numeric: true }]}
          >
            {(
              [
                ["n", String(d.n)],
                ["min", d.min],
                ["q1", d.q1],
                ["median", d.median],
                ["q3", d.q3],
                ["max", d.max],
                ["target", s.target],
                ["distanceMedian", e.distances.median],
              ] as Array<[string, number | string | null]>
            ).map(([key, v]) => (
              <tr key={key} className="kern-table__row">
                <th scope="row" className="kern-table__cell">
                  {t(`evaluation.figures.${key}`)}
                </th>
                <td className="kern-table__cell kern-table__cell--numeric">
                  {v === null ? "–" : typeof v === "string" ? v : key === "distanceMedian" ? distanceText(v) : fmt(v)}
                </td>
              </tr>
            ))}
          </DataTable>
        </div>
      </section>

      <section aria-labelledby="best-practice-title" className="best-practice">
        <h2 className="kern-heading-medium" id="best-practice-title">
          {t("evaluation.bestPractice.title")}
        </h2>
        {e.bestPractice ? (
          <>
            <p className="kern-body">
              {t("evaluation.bestPractice.text", {
                name: e.bestPractice.name,
                from: label(e.bestPractice.periods[0]),
                to: label(e.bestPractice.periods[e.bestPractice.periods.length - 1]),
                average: fmt(e.bestPractice.average),
              })}
            </p>
            <p className="kern-body">
              {e.bestPractice.contactEmail ? (
                <>
                  {t("evaluation.bestPractice.contact")} <a href={`mailto:${e.bestPractice.contactEmail}`}>{e.bestPractice.contactEmail}</a>
                </>
              ) : (
                t("evaluation.bestPractice.noContact")
              )}
            </p>
          </>
        ) : (
          <p className="kern-body">{t("evaluation.bestPractice.none")}</p>
        )}
        <p className="kern-body">{t("evaluation.bestPractice.rule")}</p>
      </section>

      <section aria-labelledby="administrations-title">
        <h2 className="kern-heading-medium" id="administrations-title">
          {t("evaluation.table.title", { period: label(e.period) })}
        </h2>
        <p className="kern-body">{t("evaluation.table.intro")}</p>
        <DataTable
          id="evaluation-table"
          labelledBy="administrations-title"
          stacked
          columns={[
            { label: t("evaluation.table.administration") },
            { label: t("evaluation.table.value"), numeric: true },
            { label: t("evaluation.table.status") },
            { label: t("evaluation.table.distance"), numeric: true },
            { label: t("evaluation.table.trend", { period: label(e.previousPeriod) }) },
            { label: t("evaluation.table.sizeClass") },
          ]}
        >
          {inGroup.map((a) => (
            <tr key={a.organizationId} className="kern-table__row">
              <th scope="row" className="kern-table__cell">
                {a.name}
                {a.organizationId === own?.organizationId ? ` (${t("evaluation.table.own")})` : null}
              </th>
              <td className="kern-table__cell kern-table__cell--numeric">{a.value === null ? "–" : fmt(a.value)}</td>
              <td className="kern-table__cell">
                <StatusText status={a.status} />
              </td>
              <td className="kern-table__cell kern-table__cell--numeric">{a.distance === null ? "–" : distanceText(a.distance)}</td>
              <td className="kern-table__cell">{a.trend ? t(`evaluation.trend.${a.trend}`, { previous: fmt(a.previousValue!) }) : "–"}</td>
              <td className="kern-table__cell">{t(`evaluation.sizeClass.${a.sizeClass}`)}</td>
            </tr>
          ))}
        </DataTable>
      </section>

      <section aria-labelledby="map-title">
        <h2 className="kern-heading-medium" id="map-title">
          {t("evaluation.map.title", { period: label(e.period) })}
        </h2>
        <div className="map-and-table">
          <section aria-label={t("evaluation.map.title", { period: label(e.period) })}>
            {boundaries.data ? (
              <StatusMap evaluation={e} features={boundaries.data.features as BoundaryFeature[]} />
            ) : (
              <QueryState query={boundaries} />
            )}
          </section>
          <DataTable
            id="status-table"
            caption={t("evaluation.map.tableCaption")}
            columns={[
              { label: t("evaluation.table.status") },
              { label: t("evaluation.map.count"), numeric: true },
              { label: t("evaluation.map.who") },
            ]}
          >
            {STATUSES.map((status) => (
              <tr key={status} className="kern-table__row">
                <th scope="row" className="kern-table__cell">
                  <StatusText status={status} />
                </th>
                <td className="kern-table__cell kern-table__cell--numeric">
                  {e.administrations.filter((a) => a.status === status).length}
                </td>
                <td className="kern-table__cell">
                  {e.administrations
                    .filter((a) => a.status === status)
                    .map((a) => a.name)
                    .join(", ") || "–"}
                </td>
              </tr>
            ))}
          </DataTable>
        </div>
      </section>
    </Page>
  );
}

function peerKey(e: Evaluation): PeerChoice {
  return e.peerGroup.kind === "chosen" ? "chosen" : (e.peerGroup.sizeClass ?? "region");
}
