import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { useApi } from "../../api/hooks";
import { MonthCharts } from "./MonthCharts";
import { DataTable } from "../../components/DataTable";
import { Page } from "../../components/Page";
import { QueryState } from "../../components/QueryState";
import { Button, Form, SelectField } from "../../components/forms";
import { todayInGermany } from "../../i18n";
import { useSession } from "../identity/session";
import type { Balances, Figure } from "./api";
import { hoursText } from "./hours";
import { MoneyMonths } from "./MoneyMonths";
import { RegionBalancesSection } from "./RegionBalancesSection";

/** A figure for reading: hours, or "weniger als 5 Personen" where it is not shown. */
export function figureText(figure: Figure, lang: string, unit: (value: number) => string = (v) => hoursText(v, lang)): string {
  if (figure.value === null) return lang === "en" ? (figure.reason?.en ?? "") : (figure.reason?.de ?? "");
  return unit(figure.value);
}

/** A balance with its sign: "+12,5" / "−3" hours. */
export function signedHours(minutes: number, lang: string): string {
  return `${minutes > 0 ? "+" : minutes < 0 ? "−" : ""}${hoursText(Math.abs(minutes), lang)}`;
}

/**
 * Salden: the own administration's lent and borrowed confirmed hours per month (chart and the
 * same figures in a table) and its reciprocity ledger with the running balance; for the
 * coordination office the region's balancing ("Ausgleich in der Region"). Sums that rest on fewer
 * than 5 people are not shown (the server leaves them out; the page says why).
 */
export function BalancesPage() {
  const { t } = useTranslation();
  const me = useSession().me;
  const thisYear = Number(todayInGermany().slice(0, 4));
  // `?jahr=2026` (the January task "Jahresabschluss 2026" links there): one of the years offered.
  const asked = Number(new URLSearchParams(window.location.search).get("jahr"));
  const initial = asked >= thisYear - 2 && asked <= thisYear ? asked : thisYear;
  const [year, setYear] = useState(initial);
  const [chosen, setChosen] = useState(String(initial));
  const years = [thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: String(y), label: String(y) }));
  return (
    <Page title={t("balances.title")} intro={me?.abilities.readBalances ? t("balances.intro") : t("balances.regionIntro")}>
      <Form name="balances-year" className="balances-year" onSubmit={() => setYear(Number(chosen))}>
        <SelectField name="year" label={t("balances.year")} value={chosen} options={years} onChange={setChosen} />
        <Button type="submit">{t("balances.show")}</Button>
      </Form>
      {me?.abilities.readBalances ? <AdministrationBalances year={year} /> : null}
      {me?.abilities.readRegionBalances ? <RegionBalancesSection year={year} /> : null}
    </Page>
  );
}

function AdministrationBalances({ year }: { year: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const balances = useApi<Balances>(() => api.GET("/api/v1/balances", { params: { query: { year } } }), [year]);
  if (!balances.data) return <QueryState query={balances} inline />;
  const b = balances.data;
  const monthName = (m: number) =>
    new Intl.DateTimeFormat(lang === "en" ? "en-GB" : "de-DE", { month: "long", timeZone: "UTC" }).format(Date.UTC(year, m - 1, 1));
  const months = b.months.filter((m) => m.lent.value !== 0 || m.borrowed.value !== 0);
  const anyHidden = b.months.some((m) => [m.lent, m.borrowed, m.credited, m.debited].some((f) => f.value === null));
  return (
    <section aria-labelledby="balances-own-title">
      <h2 className="kern-heading-medium" id="balances-own-title">
        {t("balances.ownTitle", { organization: b.organization.name, year: b.year })}
      </h2>
      <p className="kern-body kern-body--large" id="balances-total">
        {b.balance.value === null
          ? t("balances.balanceHidden")
          : b.balance.value >= 0
            ? t("balances.balanceCredit", { hours: hoursText(b.balance.value, lang) })
            : t("balances.balanceDebit", { hours: hoursText(-b.balance.value, lang) })}
      </p>
      {b.opening ? (
        <p className="kern-body" id="balances-opening">
          {b.opening.minutes.value === null
            ? t("balances.openingHidden", { year: b.opening.fromYear })
            : t("balances.opening", { year: b.opening.fromYear, hours: signedHours(b.opening.minutes.value, lang) })}
        </p>
      ) : null}
      {months.length === 0 ? (
        <p className="kern-body">{t("balances.none")}</p>
      ) : (
        <div className="chart-and-table">
          <MonthCharts
            months={months}
            monthName={monthName}
            charts={[
              { id: "chart-lent", title: t("balances.chartLent"), figure: (m) => m.lent },
              { id: "chart-borrowed", title: t("balances.chartBorrowed"), figure: (m) => m.borrowed },
            ]}
            format={(v) => hoursText(v, lang)}
            scale={(max) => t("balances.scale", { max })}
          />
          {anyHidden ? <p className="kern-body">{t("balances.hiddenNote")}</p> : null}
          <p className="kern-body">{t("balances.tableNote")}</p>
          <DataTable
            stacked
            id="balances-months-caption"
            caption={t("balances.tableCaption")}
            columns={[
              { label: t("balances.month") },
              { label: t("balances.lent"), numeric: true },
              { label: t("balances.borrowed"), numeric: true },
              { label: t("balances.credited"), numeric: true },
              { label: t("balances.debited"), numeric: true },
              { label: t("balances.running"), numeric: true },
            ]}
          >
            {b.months.map((m) => (
              <tr key={m.month} className="kern-table__row">
                <th scope="row" className="kern-table__cell">
                  {monthName(m.month)}
                </th>
                <td className="kern-table__cell kern-table__cell--numeric">{figureText(m.lent, lang)}</td>
                <td className="kern-table__cell kern-table__cell--numeric">{figureText(m.borrowed, lang)}</td>
                <td className="kern-table__cell kern-table__cell--numeric">{figureText(m.credited, lang)}</td>
                <td className="kern-table__cell kern-table__cell--numeric">{figureText(m.debited, lang)}</td>
                <td className="kern-table__cell kern-table__cell--numeric">{figureText(m.balance, lang, (v) => signedHours(v, lang))}</td>
              </tr>
            ))}
          </DataTable>
        </div>
      )}
      <MoneyMonths balances={b} monthName={monthName} />
    </section>
  );
}
