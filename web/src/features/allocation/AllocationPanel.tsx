import { useState } from "react";
import { Link } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { useApi, useMutation } from "../../api/hooks";
import { formatters } from "../../i18n";
import { BarChart } from "../../components/BarChart";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { DataTable } from "../../components/DataTable";
import { FlowMap } from "./FlowMap";
import { Button, ErrorSummary, Notice } from "../../components/forms";
import type { AllocationRun as Run } from "./api";

/**
 * What the allocation achieves, said in sentences before the figures: slots filled, how evenly
 * the administrations lend (the largest share of a pool), how long the journeys are and what they
 * measure, preferred qualifications — each beside first come, first served.
 */
function Measures({ run }: { run: Run }) {
  const { t, i18n } = useTranslation();
  const f = formatters(i18n.language);
  const o = run.objective!;
  const g = run.firstCome!;
  const pct = (x: number) => `${f.number(x * 100, 0)}\u00a0%`;
  const ours = Math.max(0, ...run.lent.map((l) => l.share));
  const theirs = run.firstComeMaxShare;
  const filledOurs = o.crisis + o.urgent + o.normal;
  const filledTheirs = g.crisis + g.urgent + g.normal;
  const fairness =
    theirs === null
      ? t("allocation.measureFairOnly", { ours: pct(ours) })
      : Math.round(ours * 100) < Math.round(theirs * 100)
        ? t("allocation.measureFairer", { ours: pct(ours), theirs: pct(theirs) })
        : Math.round(ours * 100) === Math.round(theirs * 100)
          ? t("allocation.measureFairSame", { ours: pct(ours) })
          : filledOurs > filledTheirs
            ? t("allocation.measureFairMore", { ours: pct(ours), theirs: pct(theirs) })
            : t("allocation.measureFairOnly", { ours: pct(ours) });
  return (
    <ul className="measure-list">
      <li>
        {t("allocation.measureFilled", {
          crisis: o.crisis,
          urgent: o.urgent,
          normal: o.normal,
          firstCrisis: g.crisis,
          firstUrgent: g.urgent,
          firstNormal: g.normal,
        })}
      </li>
      {filledOurs > 0 ? <li>{fairness}</li> : null}
      {filledOurs > 0 ? (
        <li>
          {t("allocation.measureDistance", {
            total: f.number(o.distanceM / 1000, 1),
            average: f.number(o.distanceM / 1000 / filledOurs, 1),
            firstTotal: f.number(g.distanceM / 1000, 1),
          })}
        </li>
      ) : null}
      <li>{t("allocation.measurePreferred", { ours: o.preferred, theirs: g.preferred })}</li>
    </ul>
  );
}

/**
 * "Zuteilung berechnen" on the crisis board: the coordination office computes the optimal
 * allocation, reads the preview (who goes where, why, what stays open and why, how evenly the
 * administrations lend) and commits all or selected assignments as secondment proposals.
 */
export function AllocationPanel({ crisisId }: { crisisId: string }) {
  const { t, i18n } = useTranslation();
  const f = formatters(i18n.language);
  const [shown, setShown] = useState<Run | null>(null);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [committed, setCommitted] = useState<number | null>(null);
  /** The commit asked about: all proposals or the selection. */
  const [asking, setAsking] = useState<boolean | null>(null);

  const show = (r: Run) => {
    setShown(r);
    setSelected(new Set(r.assignments.filter((a) => !a.isCommitted).map((a) => a.index)));
  };
  // The latest run of this crisis, if any, is shown when the board opens.
  useApi<Run | null>(async () => {
    const list = await api.GET("/api/v1/allocation-runs", { params: { query: { crisisId, limit: 1 } } });
    const newest = list.data?.items[0];
    if (!newest) return { ...list, data: list.data && null };
    const full = await api.GET("/api/v1/allocation-runs/{id}", { params: { path: { id: newest.id } } });
    if (full.data) show(full.data);
    return full;
  }, [crisisId]);
  const run = shown;

  const computation = useMutation(() => api.POST("/api/v1/allocation-runs", { body: { crisisId } }), { onSuccess: show });
  const commitment = useMutation(
    (r: Run, all: boolean) =>
      api.POST("/api/v1/allocation-runs/{id}/commit", {
        params: { path: { id: r.id } },
        body: all ? {} : { assignments: [...selected].sort((a, b) => a - b) },
      }),
    {
      onSuccess(done, r, all) {
        setCommitted(all ? r.assignments.length : selected.size);
        show(done);
      },
    },
  );
  const busy = computation.busy || commitment.busy;
  const problem = computation.problem ?? commitment.problem;
  const compute = () => {
    computation.reset();
    commitment.reset();
    setCommitted(null);
    void computation.run();
  };
  const commit = (all: boolean) => {
    if (!run) return;
    computation.reset();
    commitment.reset();
    void commitment.run(run, all).finally(() => setAsking(null));
  };
  const toggle = (index: number, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(index);
    else next.delete(index);
    setSelected(next);
  };

  const pct = (x: number) => `${f.number(x * 100, 1)} %`;
  const urgency = (u: string) => t(`requests.urgencies.${u}`);
  const canCommit = !!run?.abilities.commit;
  const o = run?.objective;
  const g = run?.firstCome;
  return (
    <section aria-labelledby="allocation-heading" className="allocation">
      <h2 id="allocation-heading" className="kern-heading-large">
        {t("allocation.title")}
      </h2>
      <p className="kern-body">{t("allocation.intro")}</p>
      <p className="button-row">
        <Button type="button" onClick={compute} disabled={busy}>
          {busy && !run ? t("allocation.computing") : t("allocation.compute")}
        </Button>
      </p>
      <ErrorSummary problem={problem} labels={{ assignments: t("allocation.assignments") }} />
      {committed !== null ? (
        <Notice focus key={committed}>
          {t("allocation.committed", { count: committed })}{" "}
          <Link to="/abordnungen" className="kern-link">
            {t("allocation.toSecondments")}
          </Link>
        </Notice>
      ) : null}
      {run && o && g ? (
        <>
          <p className="kern-body kern-body--large">
            {t("allocation.summary", {
              date: f.dateTime(run.createdAt),
              assignments: run.assignments.length,
              unfilled: run.unfilled.reduce((s, u) => s + u.slots, 0),
              ms: f.number(run.runMs ?? 0),
              members: run.pool.members,
              pairs: f.number(run.pool.eligiblePairs),
            })}
          </p>
          <p className="kern-body">
            <a className="kern-link" href={`/api/v1/allocation-runs/${run.id}/snapshot`} download>
              {t("allocation.snapshot")}
            </a>
          </p>
          <h3 className="kern-heading-medium">{t("allocation.assignments")}</h3>
          <p className="kern-body">{t("allocation.namesHint")}</p>
          <DataTable
            stacked
            id="allocation-assignments-caption"
            caption={t("allocation.assignmentsCaption", { count: run.assignments.length })}
            columns={[
              { label: t("allocation.select"), action: true },
              { label: t("allocation.person") },
              { label: t("allocation.from") },
              { label: t("allocation.request") },
              { label: t("allocation.qualifications") },
              { label: t("allocation.distance") },
              { label: t("allocation.fairness") },
            ]}
          >
            {run.assignments.map((a) => (
              <tr key={a.index} className="kern-table__row">
                <td className="kern-table__cell">
                  {a.isCommitted ? (
                    t("allocation.proposed")
                  ) : (
                    <div className="kern-form-check">
                      <input
                        className="kern-form-check__checkbox"
                        type="checkbox"
                        id={`assignment-${a.index}`}
                        checked={selected.has(a.index)}
                        disabled={!canCommit}
                        onChange={(e) => toggle(a.index, e.target.checked)}
                      />
                      <label className="kern-label" htmlFor={`assignment-${a.index}`}>
                        <span className="kern-sr-only">
                          {t("allocation.selectOne", { person: a.name ?? a.member, request: a.request.title })}
                        </span>
                      </label>
                    </div>
                  )}
                </td>
                <th scope="row" className="kern-table__cell nowrap">
                  {a.name ?? a.member}
                </th>
                <td className="kern-table__cell">{a.from.name}</td>
                <td className="kern-table__cell">
                  <Link to="/anfragen/$id" params={{ id: a.request.id }} className="kern-link">
                    {a.request.title}
                  </Link>{" "}
                  ({urgency(a.request.urgency)}, {a.to.name})
                </td>
                <td className="kern-table__cell">
                  {a.explanation.required.join(", ") || t("allocation.noneRequired")}
                  {a.explanation.preferred.length ? `; ${t("allocation.preferredToo")}: ${a.explanation.preferred.join(", ")}` : ""}
                </td>
                <td className="kern-table__cell">
                  {t("allocation.distanceText", { km: f.number(a.explanation.distanceKm, 1), from: a.from.name })}
                  {a.explanation.remote ? ` (${t("allocation.remoteText")})` : ""}
                </td>
                <td className="kern-table__cell">
                  {t("allocation.fairnessText", {
                    rank: a.explanation.fairness.rank,
                    pool: a.explanation.fairness.poolSize,
                    from: a.from.name,
                  })}
                </td>
              </tr>
            ))}
          </DataTable>
          {canCommit ? (
            <p className="button-row">
              <Button type="button" onClick={() => setAsking(true)} disabled={busy}>
                {t("allocation.commitAll", { count: run.assignments.length })}
              </Button>
              <Button type="button" kind="secondary" onClick={() => setAsking(false)} disabled={busy || selected.size === 0}>
                {t("allocation.commitSelected", { count: selected.size })}
              </Button>
            </p>
          ) : null}
          {canCommit && asking !== null ? (
            <ConfirmDialog
              open
              title={t("allocation.confirmTitle", { count: asking ? run.assignments.length : selected.size })}
              body={t("allocation.confirmBody", { count: asking ? run.assignments.length : selected.size })}
              confirmLabel={t("allocation.confirmAction", { count: asking ? run.assignments.length : selected.size })}
              cancelLabel={t("allocation.keep")}
              busy={busy}
              onConfirm={() => commit(asking)}
              onCancel={() => setAsking(null)}
            />
          ) : null}

          <h3 className="kern-heading-medium">{t("allocation.unfilledTitle")}</h3>
          {run.unfilled.length === 0 ? (
            <p className="kern-body">{t("allocation.allFilled")}</p>
          ) : (
            <DataTable
              stacked
              id="allocation-unfilled-caption"
              caption={t("allocation.unfilledCaption")}
              columns={[
                { label: t("allocation.request") },
                { label: t("allocation.openSlots"), numeric: true },
                { label: t("allocation.reason") },
                { label: t("allocation.funnel") },
              ]}
            >
              {run.unfilled.map((u) => (
                <tr key={u.request.id} className="kern-table__row">
                  <th scope="row" className="kern-table__cell">
                    {u.request.title} ({urgency(u.request.urgency)}, {u.request.administration})
                  </th>
                  <td className="kern-table__cell kern-table__cell--numeric">{u.slots}</td>
                  <td className="kern-table__cell">{t(`allocation.reasons.${u.reason}`)}</td>
                  <td className="kern-table__cell">{t("allocation.funnelText", u.counts)}</td>
                </tr>
              ))}
            </DataTable>
          )}

          <details className="allocation-background">
            <summary className="kern-heading-small">{t("allocation.background")}</summary>
            <h3 className="kern-heading-medium">{t("allocation.measures")}</h3>
            <Measures run={run} />
            <DataTable
              stacked
              id="allocation-objective-caption"
              caption={t("allocation.objectiveCaption")}
              columns={[
                { label: t("allocation.level") },
                { label: t("allocation.optimum"), numeric: true },
                { label: t("allocation.firstCome"), numeric: true },
              ]}
            >
              {(
                [
                  ["crisis", o.crisis, g.crisis],
                  ["urgent", o.urgent, g.urgent],
                  ["normal", o.normal, g.normal],
                  ["fairness", o.fairness, g.fairness],
                  ["distance", o.distanceM / 1000, g.distanceM / 1000],
                  ["preferred", o.preferred, g.preferred],
                ] as const
              ).map(([key, ours, theirs]) => (
                <tr key={key} className="kern-table__row">
                  <th scope="row" className="kern-table__cell">
                    {t(`allocation.levels.${key}`)}
                  </th>
                  <td className="kern-table__cell kern-table__cell--numeric">{f.number(ours, key === "distance" ? 1 : 0)}</td>
                  <td className="kern-table__cell kern-table__cell--numeric">{f.number(theirs, key === "distance" ? 1 : 0)}</td>
                </tr>
              ))}
            </DataTable>

            <h3 className="kern-heading-medium">{t("allocation.whoGoesWhere")}</h3>
            <div className="map-and-table">
              <FlowMap flows={run.flows} title={t("allocation.mapTitle")} />
              <DataTable
                stacked
                id="allocation-flows-caption"
                caption={t("allocation.flowsCaption")}
                columns={[{ label: t("allocation.from") }, { label: t("allocation.to") }, { label: t("allocation.people"), numeric: true }]}
              >
                {run.flows.map((fl) => (
                  <tr key={`${fl.from.id}-${fl.to.id}`} className="kern-table__row">
                    <th scope="row" className="kern-table__cell">
                      {fl.from.name}
                    </th>
                    <td className="kern-table__cell">{fl.to.name}</td>
                    <td className="kern-table__cell kern-table__cell--numeric">{fl.count}</td>
                  </tr>
                ))}
              </DataTable>
            </div>

            <h3 className="kern-heading-medium">{t("allocation.shareTitle")}</h3>
            <div className="chart-and-table">
              <BarChart
                id="chart-lent-share"
                title={t("allocation.shareChart")}
                max={1}
                scale={t("allocation.shareScale")}
                bars={run.lent.map((l) => ({
                  id: l.administration.id,
                  label: l.administration.name,
                  value: l.share,
                  display: pct(l.share),
                }))}
              />
              <DataTable
                stacked
                id="allocation-lent-caption"
                caption={t("allocation.shareCaption")}
                columns={[
                  { label: t("organizations.name") },
                  { label: t("allocation.lent"), numeric: true },
                  { label: t("allocation.poolSize"), numeric: true },
                  { label: t("crises.fillRate"), numeric: true },
                ]}
              >
                {run.lent.map((l) => (
                  <tr key={l.administration.id} className="kern-table__row">
                    <th scope="row" className="kern-table__cell">
                      {l.administration.name}
                    </th>
                    <td className="kern-table__cell kern-table__cell--numeric">{l.lent}</td>
                    <td className="kern-table__cell kern-table__cell--numeric">{l.poolSize}</td>
                    <td className="kern-table__cell kern-table__cell--numeric">{pct(l.share)}</td>
                  </tr>
                ))}
              </DataTable>
            </div>
          </details>
        </>
      ) : null}
    </section>
  );
}
