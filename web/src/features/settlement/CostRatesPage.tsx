import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type Problem } from "../../api/client";
import { fieldErrors, useApi } from "../../api/hooks";
import { DataTable } from "../../components/DataTable";
import { DescriptionList } from "../../components/DescriptionList";
import { Page } from "../../components/Page";
import { QueryState } from "../../components/QueryState";
import { Button, ErrorSummary, Form, Notice, SelectField, TextField } from "../../components/forms";
import { formatters, todayInGermany, uiLanguage } from "../../i18n";
import type { CostRateItem, CostRateParameters, CostRates } from "./api";
import { percentOf, typed } from "./format";
import { euros } from "./money";
import { ManualRates } from "./ManualRatesPage";
import { Parameters } from "./ParametersSection";

type Overhead = "office" | "other" | "none";

/**
 * The region's cost rates: every pay group's hourly rate on a chosen day and workplace, the
 * breakdown of one group as a table of its lines, the parameter versions, and for the
 * coordination office the form for a new version.
 */
export function CostRatesPage() {
  const { t, i18n } = useTranslation();
  const f = formatters(i18n.language);
  const lang = uiLanguage(i18n.language);
  const [filter, setFilter] = useState<{ on: string; overhead: Overhead }>({ on: todayInGermany(), overhead: "office" });
  const [applied, setApplied] = useState(filter);
  const [unreadable, setUnreadable] = useState<Problem | null>(null);
  const [group, setGroup] = useState("E 9b");
  const [notice, setNotice] = useState<string | null>(null);
  const rates = useApi<CostRates>(
    () =>
      api.GET("/api/v1/cost-rates", {
        // No day: the server's today (Europe/Berlin).
        params: { query: { overhead: applied.overhead, ...(applied.on ? { on: applied.on } : {}) } },
      }),
    [applied],
  );
  const parameters = useApi<CostRateParameters>(() => api.GET("/api/v1/cost-rates/parameters"), []);
  const isInvalid = rates.problem?.status === 400;
  if (!rates.data && !isInvalid) return <QueryState query={rates} title={t("costRates.title")} />;
  if (!parameters.data) return <QueryState query={parameters} title={t("costRates.title")} />;

  const filterProblem = unreadable ?? (isInvalid ? rates.problem : null);
  const filterErrors = fieldErrors(filterProblem, i18n.language);
  const versions = parameters.data.items;
  const current = versions.find((v) => v.isInForce) ?? versions[0];
  const overheadOptions = [
    {
      value: "office",
      label: t("costRates.overheadOffice", { percent: current ? `${typed(current.overheadOfficePercent, lang)}\u00a0%` : "" }),
    },
    {
      value: "other",
      label: t("costRates.overheadOther", { percent: current ? `${typed(current.overheadOtherPercent, lang)}\u00a0%` : "" }),
    },
    { value: "none", label: t("costRates.overheadNone") },
  ];
  const items = isInvalid ? [] : (rates.data?.items ?? []);
  const chosen = items.find((i) => i.payGroup === group);
  const groups: Array<{ key: "tvoed_vka" | "tvoed_sue" | "nds_a" | "b"; prefix: string }> = [
    { key: "tvoed_vka", prefix: "E " },
    { key: "tvoed_sue", prefix: "S " },
    { key: "nds_a", prefix: "A " },
    { key: "b", prefix: "B " },
  ];
  const describe = (item: CostRateItem) =>
    !item.rate
      ? t("costRates.noRate")
      : item.rate.source === "manual"
        ? t("costRates.sourceManual", { date: f.date(item.rate.validFrom) })
        : t("costRates.sourceTable", {
            scale: item.rate.scale ? t(`costRates.scaleShort.${item.rate.scale}`) : "",
            step: item.rate.step,
            date: f.date(item.rate.validFrom),
          });
  // In the lists, the table and its date stand above each list; a row names only its step.
  const sourceOf = (item: CostRateItem) =>
    item.rate?.source === "manual" ? describe(item) : t("costRates.step", { step: item.rate?.step });

  return (
    <Page title={t("costRates.title")} intro={t("costRates.intro")}>
      {notice ? <Notice focus>{notice}</Notice> : null}
      <h2 className="kern-heading-small" id="cost-rates-filter-title">
        {t("costRates.filterTitle")}
      </h2>
      <ErrorSummary problem={filterProblem} labels={{ on: t("costRates.on"), overhead: t("costRates.overhead") }} />
      <Form
        name="cost-rates-filter"
        className="audit-filters"
        labelledBy="cost-rates-filter-title"
        mutation={{ fail: setUnreadable }}
        onSubmit={() => {
          setUnreadable(null);
          setApplied(filter);
        }}
      >
        <div className="audit-filters__fields">
          <TextField
            name="on"
            type="date"
            label={t("costRates.on")}
            value={filter.on}
            onChange={(on) => setFilter({ ...filter, on })}
            error={filterErrors.on}
          />
          <SelectField
            name="overhead"
            label={t("costRates.overhead")}
            value={filter.overhead}
            options={overheadOptions}
            onChange={(overhead) => setFilter({ ...filter, overhead: overhead as Overhead })}
            error={filterErrors.overhead}
          />
        </div>
        <div className="audit-filters__actions">
          <Button type="submit">{t("costRates.apply")}</Button>
        </div>
      </Form>
      {rates.data && !isInvalid ? (
        <p className="kern-body">
          {rates.data.parametersValidFrom
            ? t("costRates.shownFor", {
                date: f.dateLong(rates.data.on),
                overhead: overheadOptions.find((o) => o.value === rates.data!.overhead)!.label,
                since: f.dateLong(rates.data.parametersValidFrom),
              })
            : t("costRates.noParameters")}
        </p>
      ) : null}

      {items.length ? (
        <section aria-labelledby="cost-rate-breakdown">
          <h2 className="kern-heading-medium" id="cost-rate-breakdown">
            {t("costRates.breakdownTitle")}
          </h2>
          <SelectField
            name="payGroup"
            label={t("costRates.chooseGroup")}
            value={group}
            options={items.map((i) => ({ value: i.payGroup, label: i.payGroup }))}
            onChange={setGroup}
          />
          {chosen ? <Breakdown item={chosen} source={describe(chosen)} /> : null}
        </section>
      ) : null}

      {groups.map(({ key, prefix }) => {
        const all = items.filter((i) => i.payGroup.startsWith(prefix));
        const rows = all.filter((i) => i.rate);
        const without = all.filter((i) => !i.rate).map((i) => i.payGroup);
        const table = rows.find((i) => i.rate?.source === "table")?.rate;
        if (!all.length) return null;
        return (
          <section key={key} aria-labelledby={`cost-rates-${key}`}>
            <h2 className="kern-heading-medium" id={`cost-rates-${key}`}>
              {t(`costRates.scales.${key}`)}
            </h2>
            {table ? (
              <p className="kern-body">{t("costRates.tableFrom", { date: f.dateLong(table.validFrom), step: table.step })}</p>
            ) : null}
            {rows.length ? (
              <DataTable
                id={`cost-rates-table-${key}`}
                labelledBy={`cost-rates-${key}`}
                columns={[{ label: t("costRates.group") }, { label: t("costRates.rate"), numeric: true }, { label: t("costRates.source") }]}
                compact
              >
                {rows.map((item) => (
                  <tr key={item.payGroup} className="kern-table__row">
                    <th scope="row" className="kern-table__header">
                      {item.payGroup}
                    </th>
                    <td className="kern-table__cell kern-table__cell--numeric">{euros(item.rate!.centsPerHour, lang)}</td>
                    <td className="kern-table__cell">{sourceOf(item)}</td>
                  </tr>
                ))}
              </DataTable>
            ) : null}
            {without.length ? (
              <p className="kern-body">{t("costRates.without", { count: without.length, groups: without.join(", ") })}</p>
            ) : null}
          </section>
        );
      })}

      <Parameters
        parameters={parameters.data}
        onSaved={async (message) => {
          await Promise.all([parameters.reload(), rates.reload()]);
          setNotice(message);
        }}
        onStart={() => setNotice(null)}
      />
      <ManualRates parameters={parameters.data} />
    </Page>
  );
}

/** A rate's lines: item, computation, percentage, amount per hour, and the total. */
function Breakdown({ item, source }: { item: CostRateItem; source: string }) {
  const { t, i18n } = useTranslation();
  const lang = uiLanguage(i18n.language);
  if (!item.rate) {
    return <p className="kern-body">{item.noRate?.message[lang]}</p>;
  }
  return (
    <>
      <h3 className="kern-heading-small" id="cost-rate-breakdown-group">
        {t("costRates.breakdownFor", { group: item.payGroup })}
      </h3>
      <DescriptionList
        items={[
          [t("costRates.source"), source],
          [t("costRates.total"), euros(item.rate.centsPerHour, lang)],
        ]}
      />
      <DataTable
        id="cost-rate-breakdown-table"
        labelledBy="cost-rate-breakdown-group"
        columns={[
          { label: t("costRates.item") },
          { label: t("costRates.basis") },
          { label: t("costRates.share"), numeric: true },
          { label: t("costRates.perHour"), numeric: true },
        ]}
        stacked
      >
        {item.rate.breakdown.map((line) => (
          <tr key={line.key} className="kern-table__row">
            <th scope="row" className="kern-table__header">
              {line.label[lang]}
            </th>
            <td className="kern-table__cell">{line.basis[lang]}</td>
            <td className="kern-table__cell kern-table__cell--numeric">
              {line.basisPoints === null ? "" : percentOf(line.basisPoints, lang)}
            </td>
            <td className="kern-table__cell kern-table__cell--numeric">{euros(line.amountCents, lang)}</td>
          </tr>
        ))}
        <tr className="kern-table__row">
          <th scope="row" className="kern-table__header">
            {t("costRates.total")}
          </th>
          <td className="kern-table__cell" />
          <td className="kern-table__cell" />
          <td className="kern-table__cell kern-table__cell--numeric">
            <strong>{euros(item.rate.centsPerHour, lang)}</strong>
          </td>
        </tr>
      </DataTable>
    </>
  );
}
