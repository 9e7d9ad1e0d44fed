import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { useApi, useMutation } from "../../api/hooks";
import { BarChart } from "../../components/BarChart";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { DataTable } from "../../components/DataTable";
import { QueryState } from "../../components/QueryState";
import { Button, ErrorSummary, Form, Notice, SelectField } from "../../components/forms";
import type { RegionBalances, YearEndRuleBody } from "./api";
import { YearClosing } from "./YearClosing";
import { figureText, signedHours } from "./BalancesPage";
import { hoursText } from "./hours";
import { euros } from "./money";

type Rule = YearEndRuleBody["rule"];

/**
 * Ausgleich in der Region (the coordination office): every administration's reciprocity balance,
 * the flows between administrations (chart and table), the transfers that would settle the
 * balances in plain words, and the year-end rule — changed only after the page asked.
 */
export function RegionBalancesSection({ year }: { year: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const region = useApi<RegionBalances>(() => api.GET("/api/v1/balances/region", { params: { query: { year } } }), [year]);
  const [rule, setRule] = useState<Rule>("carry_over");
  const [asking, setAsking] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    if (region.data) setRule(region.data.yearEndRule);
  }, [region.data]);
  const save = useMutation((body: YearEndRuleBody) => api.PUT("/api/v1/balances/region/year-end-rule", { body }), {
    onSuccess: async (answer) => {
      setAsking(false);
      setNotice(t("balances.region.ruleSaved", { rule: t(`balances.region.savedRules.${answer.yearEndRule}`) }));
      await region.reload();
    },
  });
  if (!region.data) return <QueryState query={region} inline />;
  const r = region.data;
  const shownFlows = r.flows.filter((f) => f.all.value !== null);
  const maxFlow = Math.max(1, ...shownFlows.map((f) => f.all.value ?? 0));
  // A figure hidden only so that a hidden one cannot be calculated (secondary suppression) says so under the table and chart.
  const isSecondary = (f: { reason: { code: string } | null }) => f.reason?.code === "reveals_hidden_figure";
  const secondaryBalance = r.balances.some((b) => isSecondary(b.minutes)) || (r.openings ?? []).some((o) => isSecondary(o.minutes));
  const secondary = r.flows.some((f) => isSecondary(f.all) || isSecondary(f.reciprocity));
  const ruleOptions = (["carry_over", "convert"] as const).map((value) => ({ value, label: t(`balances.region.rules.${value}`) }));
  return (
    <section aria-labelledby="balances-region-title">
      <h2 className="kern-heading-medium" id="balances-region-title">
        {t("balances.region.title", { year: r.year })}
      </h2>
      <p className="kern-body">{t("balances.region.intro")}</p>
      {notice ? <Notice focus>{notice}</Notice> : null}

      <h3 className="kern-heading-small" id="balances-region-balances">
        {t("balances.region.balancesTitle")}
      </h3>
      {r.balances.length === 0 ? (
        <p className="kern-body">{t("balances.none")}</p>
      ) : (
        <DataTable
          stacked
          id="balances-region-table"
          labelledBy="balances-region-balances"
          columns={[
            { label: t("balances.region.administration") },
            ...(r.openings ? [{ label: t("balances.region.opening", { year: r.year - 1 }), numeric: true }] : []),
            { label: t("balances.region.balance"), numeric: true },
          ]}
        >
          {r.balances.map((b) => {
            const opening = r.openings?.find((o) => o.organization.id === b.organization.id);
            return (
              <tr key={b.organization.id} className="kern-table__row">
                <th scope="row" className="kern-table__cell">
                  {b.organization.name}
                </th>
                {r.openings ? (
                  <td className="kern-table__cell kern-table__cell--numeric">
                    {figureText(opening?.minutes ?? { value: 0, reason: null }, lang, (v) => signedHours(v, lang))}
                  </td>
                ) : null}
                <td className="kern-table__cell kern-table__cell--numeric">{figureText(b.minutes, lang, (v) => signedHours(v, lang))}</td>
              </tr>
            );
          })}
        </DataTable>
      )}
      {secondaryBalance ? <p className="kern-body">{t("balances.hiddenSecondaryNote")}</p> : null}

      <h3 className="kern-heading-small" id="balances-transfers-title">
        {t("balances.region.transfersTitle")}
      </h3>
      {r.transfers === null ? (
        <p className="kern-body">{t("balances.region.transfersHidden")}</p>
      ) : r.transfers.length === 0 ? (
        <p className="kern-body">{t("balances.region.noTransfers")}</p>
      ) : (
        <ul className="kern-list" aria-labelledby="balances-transfers-title">
          {r.transfers.map((x) => (
            <li key={`${x.from.id}-${x.to.id}`}>
              {t("balances.region.transfer", { from: x.from.name, to: x.to.name, hours: hoursText(x.minutes, lang) })}
            </li>
          ))}
        </ul>
      )}

      <h3 className="kern-heading-small">{t("balances.region.flowsTitle")}</h3>
      {r.flows.length === 0 ? (
        <p className="kern-body">{t("balances.none")}</p>
      ) : (
        <div className="chart-and-table">
          <BarChart
            id="chart-flows"
            title={t("balances.region.chartFlows")}
            max={maxFlow}
            scale={t("balances.scale", { max: hoursText(maxFlow, lang) })}
            bars={r.flows.map((f) => ({
              id: `${f.lender.id}-${f.borrower.id}`,
              label: t("balances.region.flowLabel", { from: f.lender.name, to: f.borrower.name }),
              value: f.all.value ?? 0,
              display: f.all.value === null ? "–" : hoursText(f.all.value, lang),
            }))}
          />
          {r.flows.some((f) => f.all.reason?.code === "fewer_than_5_people") ? (
            <p className="kern-body">{t("balances.hiddenNote")}</p>
          ) : null}
          {secondary ? <p className="kern-body">{t("balances.hiddenSecondaryNote")}</p> : null}
          <DataTable
            stacked
            id="balances-flows-caption"
            caption={t("balances.region.flowsCaption")}
            columns={[
              { label: t("balances.region.lender") },
              { label: t("balances.region.borrower") },
              { label: t("balances.region.allHours"), numeric: true },
              { label: t("balances.region.reciprocityHours"), numeric: true },
            ]}
          >
            {r.flows.map((f) => (
              <tr key={`${f.lender.id}-${f.borrower.id}`} className="kern-table__row">
                <th scope="row" className="kern-table__cell">
                  {f.lender.name}
                </th>
                <td className="kern-table__cell">{f.borrower.name}</td>
                <td className="kern-table__cell kern-table__cell--numeric">{figureText(f.all, lang)}</td>
                <td className="kern-table__cell kern-table__cell--numeric">{figureText(f.reciprocity, lang)}</td>
              </tr>
            ))}
          </DataTable>
        </div>
      )}

      <h3 className="kern-heading-small" id="year-end-title">
        {t("balances.region.yearEndTitle")}
      </h3>
      {r.openings ? <p className="kern-body">{t("balances.region.openingNote", { year: r.year - 1 })}</p> : null}
      {r.closing ? null : <p className="kern-body">{t(`balances.region.ruleNow.${r.yearEndRule}`)}</p>}
      {r.conversion ? (
        r.conversion.rateCentsPerHour === null ? (
          <p className="kern-body">{t("balances.region.noRate")}</p>
        ) : (
          <>
            <p className="kern-body">{t("balances.region.rateIs", { rate: euros(r.conversion.rateCentsPerHour, lang) })}</p>
            <DataTable
              id="balances-conversion-caption"
              caption={t("balances.region.conversionCaption")}
              columns={[{ label: t("balances.region.administration") }, { label: t("balances.region.amount"), numeric: true }]}
            >
              {r.conversion.amounts.map((a) => (
                <tr key={a.organization.id} className="kern-table__row">
                  <th scope="row" className="kern-table__cell">
                    {a.organization.name}
                  </th>
                  <td className="kern-table__cell kern-table__cell--numeric">{figureText(a.cents, lang, (v) => euros(v, lang))}</td>
                </tr>
              ))}
            </DataTable>
            {r.conversion.transfers ? (
              <ul className="kern-list">
                {r.conversion.transfers.map((x) => (
                  <li key={`${x.from.id}-${x.to.id}`}>
                    {t("balances.region.payment", { from: x.from.name, to: x.to.name, amount: euros(x.cents, lang) })}
                  </li>
                ))}
              </ul>
            ) : null}
          </>
        )
      ) : null}
      <YearClosing key={r.year} region={r} onClosed={region.reload} />
      {r.abilities.setYearEndRule ? (
        <>
          <ErrorSummary problem={save.problem} labels={{ rule: t("balances.region.rule") }} />
          <Form name="year-end-rule" labelledBy="year-end-title" mutation={save} onSubmit={() => setAsking(true)}>
            <SelectField
              name="rule"
              label={t("balances.region.rule")}
              value={rule}
              options={ruleOptions}
              onChange={(v) => setRule(v as Rule)}
              error={save.errors.rule}
            />
            <div>
              <Button type="submit" disabled={rule === r.yearEndRule}>
                {t("balances.region.saveRule")}
              </Button>
            </div>
          </Form>
          <ConfirmDialog
            open={asking}
            title={t("balances.region.confirmTitle")}
            body={<p className="kern-body">{t(`balances.region.confirmBody.${rule}`)}</p>}
            confirmLabel={t("balances.region.saveRule")}
            // A refusal closes the dialog too, so the summary above the form can take the focus.
            onConfirm={() => void save.run({ rule }).then((refused) => refused && setAsking(false))}
            onCancel={() => setAsking(false)}
            busy={save.busy}
          />
        </>
      ) : null}
    </section>
  );
}
