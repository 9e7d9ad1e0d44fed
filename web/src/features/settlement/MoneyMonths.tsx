import { useTranslation } from "react-i18next";
import { DataTable } from "../../components/DataTable";
import type { Balances } from "./api";
import { figureText } from "./BalancesPage";
import { euros } from "./money";
import { MonthCharts } from "./MonthCharts";

/**
 * Geld je Monat: what the administration invoiced as lender and was invoiced as borrower, from its
 * issued, acknowledged and paid statements (gross; drafts do not count) — two charts and the same
 * figures in a table. A side whose statements bill fewer than 5 people is not shown (the server
 * leaves it out; the page says why).
 */
export function MoneyMonths({ balances, monthName }: { balances: Balances; monthName: (month: number) => string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const money = balances.money;
  return (
    <section aria-labelledby="balances-money-title">
      <h3 className="kern-heading-small" id="balances-money-title">
        {t("balances.money.title")}
      </h3>
      <p className="kern-body">{t("balances.money.intro")}</p>
      {money.length === 0 ? (
        <p className="kern-body">{t("balances.money.none")}</p>
      ) : (
        <div className="chart-and-table">
          <MonthCharts
            months={money}
            monthName={monthName}
            charts={[
              { id: "chart-invoiced", title: t("balances.money.chartInvoiced"), figure: (m) => m.invoicedCents },
              { id: "chart-owed", title: t("balances.money.chartOwed"), figure: (m) => m.owedCents },
            ]}
            format={(v) => euros(v, lang)}
            scale={(max) => t("balances.money.scale", { max })}
          />
          {money.some((m) => m.invoicedCents.value === null || m.owedCents.value === null) ? (
            <p className="kern-body">{t("balances.hiddenNote")}</p>
          ) : null}
          <DataTable
            stacked
            id="balances-money-caption"
            caption={t("balances.money.tableCaption")}
            columns={[
              { label: t("balances.month") },
              { label: t("balances.money.invoiced"), numeric: true },
              { label: t("balances.money.owed"), numeric: true },
            ]}
          >
            {money.map((m) => (
              <tr key={m.month} className="kern-table__row">
                <th scope="row" className="kern-table__cell">
                  {monthName(m.month)}
                </th>
                <td className="kern-table__cell kern-table__cell--numeric">{figureText(m.invoicedCents, lang, (v) => euros(v, lang))}</td>
                <td className="kern-table__cell kern-table__cell--numeric">{figureText(m.owedCents, lang, (v) => euros(v, lang))}</td>
              </tr>
            ))}
          </DataTable>
        </div>
      )}
    </section>
  );
}
