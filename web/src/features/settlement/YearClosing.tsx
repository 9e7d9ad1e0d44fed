import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { useMutation } from "../../api/hooks";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { DataTable } from "../../components/DataTable";
import { Button, ErrorSummary, Notice } from "../../components/forms";
import type { RegionBalances } from "./api";
import { figureText, signedHours } from "./BalancesPage";
import { euros } from "./money";

/**
 * Jahresabschluss: a closed year says when and with which rule it was closed (under `convert` the
 * amounts in money and the payments, which are no statements); an ended open year can be closed by
 * the coordination office after the page asked, naming the rule, what happens and that it cannot
 * be undone; a year that has not ended says from when it can be closed, one after an open year
 * with balances which year must be closed first.
 */
export function YearClosing({ region: r, onClosed }: { region: RegionBalances; onClosed: () => Promise<unknown> }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [asking, setAsking] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const close = useMutation(() => api.POST("/api/v1/balances/region/closings", { body: { year: r.year } }), {
    onSuccess: async (answer) => {
      setAsking(false);
      setNotice(t(`balances.closing.done.${answer.rule}`, { year: answer.year, next: answer.year + 1 }));
      await onClosed();
    },
  });
  const c = r.closing;
  const date = (iso: string) =>
    new Intl.DateTimeFormat(lang === "en" ? "en-GB" : "de-DE", { dateStyle: "long", timeZone: "Europe/Berlin" }).format(new Date(iso));
  return (
    <>
      {notice ? <Notice focus>{notice}</Notice> : null}
      {c ? (
        <>
          <p className="kern-body" id="year-closed">
            {t(`balances.closing.closed.${c.rule}`, { year: r.year, next: r.year + 1, date: date(c.closedAt) })}
          </p>
          {c.rule === "convert" ? (
            <>
              {c.rateCentsPerHour !== null ? (
                <p className="kern-body">{t("balances.region.rateIs", { rate: euros(c.rateCentsPerHour, lang) })}</p>
              ) : null}
              <p className="kern-body">{t("balances.closing.notStatements")}</p>
              <DataTable
                stacked
                id="balances-closing-caption"
                caption={t("balances.closing.caption", { year: r.year })}
                columns={[
                  { label: t("balances.region.administration") },
                  { label: t("balances.region.balance"), numeric: true },
                  { label: t("balances.closing.amount"), numeric: true },
                ]}
              >
                {c.lines.map((l) => (
                  <tr key={l.organization.id} className="kern-table__row">
                    <th scope="row" className="kern-table__cell">
                      {l.organization.name}
                    </th>
                    <td className="kern-table__cell kern-table__cell--numeric">
                      {figureText(l.minutes, lang, (v) => signedHours(v, lang))}
                    </td>
                    <td className="kern-table__cell kern-table__cell--numeric">
                      {l.cents ? figureText(l.cents, lang, (v) => euros(v, lang)) : "–"}
                    </td>
                  </tr>
                ))}
              </DataTable>
              {c.transfers ? (
                <ul className="kern-list" aria-label={t("balances.closing.paymentsLabel", { year: r.year })}>
                  {c.transfers.map((x) => (
                    <li key={`${x.from.id}-${x.to.id}`}>
                      {t("balances.region.payment", { from: x.from.name, to: x.to.name, amount: euros(x.cents, lang) })}
                    </li>
                  ))}
                </ul>
              ) : c.lines.some((l) => l.minutes.value === null) ? (
                <p className="kern-body">{t("balances.region.transfersHidden")}</p>
              ) : null}
            </>
          ) : null}
        </>
      ) : !r.hasEnded ? (
        <p className="kern-body">{t("balances.closing.notEnded", { year: r.year, next: r.year + 1 })}</p>
      ) : r.closeFirst !== null ? (
        <p className="kern-body">{t("balances.closing.closeFirst", { year: r.year, earlier: r.closeFirst })}</p>
      ) : r.abilities.closeYear ? (
        <>
          <p className="kern-body">{t("balances.closing.open", { year: r.year })}</p>
          <ErrorSummary problem={close.problem} labels={{ year: t("balances.year") }} />
          <div>
            <Button type="button" onClick={() => setAsking(true)}>
              {t("balances.closing.button", { year: r.year })}
            </Button>
          </div>
          <ConfirmDialog
            open={asking}
            title={t("balances.closing.confirmTitle", { year: r.year })}
            body={<p className="kern-body">{t(`balances.closing.confirmBody.${r.yearEndRule}`, { year: r.year, next: r.year + 1 })}</p>}
            confirmLabel={t("balances.closing.button", { year: r.year })}
            onConfirm={() => void close.run().then((refused) => refused && setAsking(false))}
            onCancel={() => setAsking(false)}
            busy={close.busy}
          />
        </>
      ) : null}
    </>
  );
}
