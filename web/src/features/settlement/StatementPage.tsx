import { useState } from "react";
import { Link, useNavigate, useParams } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { useApi, useMutation } from "../../api/hooks";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { DataTable } from "../../components/DataTable";
import { DescriptionList } from "../../components/DescriptionList";
import { Page } from "../../components/Page";
import { QueryState } from "../../components/QueryState";
import { Button, ErrorSummary, Notice } from "../../components/forms";
import { formatters } from "../../i18n";
import type { Statement } from "./api";
import { euros } from "./money";
import { hoursText, monthName } from "./hours";

type Step = "recompute" | "issue" | "acknowledge" | "payment";
type Asked = Step | "supplement";
/**
 * The key of a step's words for this statement: a Nachtrag and a Gutschrift have their own where the
 * words differ ("Gutschrift stellen", "Erstattung vermerken"), the original's otherwise.
 */
const keyOf = (exists: (key: string) => boolean, group: string, name: string, s: Pick<Statement, "isCredit" | "supplements">) => {
  const kind = s.isCredit ? "Credit" : s.supplements ? "Supplement" : "";
  return kind && exists(`statements.${group}.${name}${kind}`) ? `statements.${group}.${name}${kind}` : `statements.${group}.${name}`;
};

const ABILITY: Record<Step, keyof Statement["abilities"]> = {
  recompute: "recompute",
  issue: "issue",
  acknowledge: "acknowledge",
  payment: "pay",
};

/**
 * One statement: parties and state, the lines with hours, rates and amounts, what is not billed
 * and why, the totals, the downloads (PDF, CSV, XRechnung), and the caller's next step — asked
 * first, then said what happened and what comes next. A supplement (Nachtrag) names the month's
 * original; the original lists its supplements and, when something was confirmed or corrected after
 * it, offers the lender's finance "Nachtrag erstellen".
 */
export function StatementPage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith("en") ? "en" : "de";
  const f = formatters(i18n.language);
  const exists = (key: string) => i18n.exists(key);
  const navigate = useNavigate();
  const [asking, setAsking] = useState<Asked | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const statement = useApi<Statement>(() => api.GET("/api/v1/statements/{id}", { params: { path: { id } } }), [id]);
  const created = new URLSearchParams(window.location.search).has("neu");
  const supplement = useMutation(
    (original: string) =>
      api.POST("/api/v1/statements", {
        body: { borrowerOrganizationId: statement.data!.borrower.id, month: statement.data!.month, supplements: original },
      }),
    {
      async onSuccess(made) {
        setAsking(null);
        await navigate({ to: "/abrechnungen/$id", params: { id: made.id }, search: { neu: 1 } as never });
      },
    },
  );
  const step = useMutation(
    (name: Step) => api.POST(`/api/v1/statements/{id}/${name}` as "/api/v1/statements/{id}/issue", { params: { path: { id } } }),
    {
      onSuccess(changed, name) {
        setAsking(null);
        statement.setData(changed);
        setNotice(t(keyOf(exists, "done", name, changed), { number: changed.number ?? "" }));
      },
    },
  );
  // A refusal closes the dialog too, so the summary on the page can take the focus; a step someone
  // else took meanwhile (409) shows, with the buttons that are left.
  const take = async (name: Asked) => {
    if (name === "supplement") {
      const refused = await supplement.run(statement.data!.abilities.createSupplement!);
      if (!refused) return;
      setAsking(null);
      await statement.reload();
      return;
    }
    const refused = await step.run(name);
    if (!refused) return;
    setAsking(null);
    if (refused.status === 409) await statement.reload();
  };
  if (!statement.data) return <QueryState query={statement} title={t("statements.title")} />;
  const s = statement.data;
  const title = t(s.isCredit ? "statements.creditTitle" : s.supplements ? "statements.supplementTitle" : "statements.pageTitle", {
    month: monthName(s.month, lang),
  });
  const kindOf = (x: { id: string }) =>
    x.id === s.supplements?.id || (!s.supplements && x.id === s.id)
      ? t("statements.kinds.original")
      : t("statements.kinds.supplement", { number: s.supplements?.number ?? s.number ?? "" });
  const shownNotice =
    notice ??
    (created ? (s.supplements ? t("statements.supplementCreated", { borrower: s.borrower.name }) : t("statements.done.created")) : null);
  const hours = (minutes: number) => t("timesheets.hoursUnit", { hours: hoursText(minutes, i18n.language) });
  const payee = s.payTo.organizationId === s.borrower.id ? s.borrower.name : s.lender.name;
  const steps = (["recompute", "issue", "acknowledge", "payment"] as const).filter((x) => s.abilities[ABILITY[x]]);
  return (
    <Page title={title}>
      <p className="kern-body">
        <Link to="/abrechnungen">{t("statements.back")}</Link>
      </p>
      {shownNotice ? (
        <Notice focus kind="success">
          {shownNotice}
        </Notice>
      ) : null}
      <ErrorSummary problem={step.problem ?? supplement.problem} labels={{}} />
      {s.supplements ? (
        <p className="kern-body">
          <Link to="/abrechnungen/$id" params={{ id: s.supplements.id }}>
            {t("statements.supplementOf", {
              number: s.supplements.number ?? "",
              date: s.supplements.issuedAt ? f.date(s.supplements.issuedAt.slice(0, 10)) : "",
            })}
          </Link>
        </p>
      ) : null}
      {s.monthRunning && s.state === "draft" ? (
        <Notice kind="info">{t("statements.monthRunning", { month: monthName(s.month, lang) })}</Notice>
      ) : null}
      {s.isCredit ? <p className="kern-body">{t("statements.creditNote", { lender: s.lender.name, borrower: s.borrower.name })}</p> : null}
      <DescriptionList
        items={[
          [t(s.isCredit ? "statements.lenderCredit" : "statements.lender"), s.lender.name],
          [t(s.isCredit ? "statements.borrowerCredit" : "statements.borrower"), s.borrower.name],
          [t("statements.period"), `${f.date(s.periodStart)} – ${f.date(s.periodEnd)}`],
          [t("statements.number"), s.number ?? t("statements.noNumber")],
          [t("statements.state"), t(`statements.states.${s.state}`)],
        ]}
      />
      {steps.length ? (
        <p className="button-row">
          {steps.map((x) => (
            <Button key={x} type="button" kind={x === "recompute" ? "secondary" : "primary"} onClick={() => setAsking(x)}>
              {t(keyOf(exists, "steps", x, s))}
            </Button>
          ))}
        </p>
      ) : null}
      {s.abilities.createSupplement && s.supplementDue ? (
        <section aria-labelledby="supplement-heading">
          <h2 className="kern-heading-medium" id="supplement-heading">
            {t("statements.supplementHeading")}
          </h2>
          <p className="kern-body">{t("statements.supplementDue", { due: s.supplementDue[lang] })}</p>
          <p className="button-row">
            <Button type="button" kind="primary" onClick={() => setAsking("supplement")}>
              {t("statements.supplementCreate")}
            </Button>
          </p>
        </section>
      ) : null}
      {s.monthStatements.length ? (
        <section aria-labelledby="month-heading">
          <h2 className="kern-heading-medium" id="month-heading">
            {t("statements.monthStatements")}
          </h2>
          <ul className="kern-list">
            {s.monthStatements.map((m) => (
              <li key={m.id}>
                <Link to="/abrechnungen/$id" params={{ id: m.id }}>
                  {t("statements.monthStatement", {
                    kind: kindOf(m),
                    number: m.number ?? t("statements.noNumber"),
                    state: t(`statements.states.${m.state}`),
                  })}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="lines-heading">
        <h2 className="kern-heading-medium" id="lines-heading">
          {t("statements.lines")}
        </h2>
        <p className="kern-body">
          {t("statements.ratesNote")} <Link to="/kostensaetze">{t("costRates.nav")}</Link>
        </p>
        {s.lines.length === 0 ? (
          <p className="kern-body">{t("statements.noLines")}</p>
        ) : (
          <DataTable
            id="lines-table"
            labelledBy="lines-heading"
            stacked
            columns={[
              { label: t("statements.position") },
              { label: t("statements.what") },
              { label: t("statements.hours"), numeric: true },
              { label: t("statements.rate"), numeric: true },
              { label: t("statements.amount"), numeric: true },
            ]}
          >
            {s.lines.map((l, i) => (
              <tr key={i} className="kern-table__row">
                <th scope="row" className="kern-table__cell">
                  {i + 1}
                </th>
                <td className="kern-table__cell">
                  {l.note ? (
                    <>
                      <strong>{l.note}</strong>
                      <br />
                    </>
                  ) : null}
                  {l.kind === "hours" ? `${l.rateLabel} – ${l.caseLabel}` : `${l.description} – ${l.caseLabel}`}
                </td>
                <td className="kern-table__cell kern-table__cell--numeric">{l.kind === "hours" ? hours(l.minutes) : ""}</td>
                <td className="kern-table__cell kern-table__cell--numeric">{l.kind === "hours" ? euros(l.rateCentsPerHour, lang) : ""}</td>
                <td className="kern-table__cell kern-table__cell--numeric">{euros(l.amountCents, lang)}</td>
              </tr>
            ))}
          </DataTable>
        )}
        {s.excluded.length ? (
          <>
            <h3 className="kern-heading-small">{t("statements.excluded")}</h3>
            <ul className="kern-list">
              {s.excluded.map((e, i) => (
                <li key={i}>
                  {t(`statements.reasons.${e.reason}`)}: {e.caseLabel}
                  {e.minutes ? `, ${hours(e.minutes)}` : ""}
                  {e.expenseCents ? `, ${euros(e.expenseCents, lang)}` : ""}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
      <section aria-labelledby="totals-heading">
        <h2 className="kern-heading-medium" id="totals-heading">
          {t("statements.totals")}
        </h2>
        <DescriptionList
          items={[
            [t("statements.personnel"), euros(s.personnelCents, lang)],
            [t("statements.expenses"), euros(s.expensesCents, lang)],
            [t("statements.net"), euros(s.netCents, lang)],
            [t("statements.vat"), s.vat.category === "S" ? euros(s.vat.amountCents, lang) : t("statements.notTaxable")],
            [t(s.isCredit ? "statements.grossCredit" : "statements.gross"), <strong key="gross">{euros(s.grossCents, lang)}</strong>],
            [
              t(s.isCredit ? "statements.payToCredit" : "statements.payTo", { name: payee }),
              s.payTo.iban
                ? t(s.payTo.bic ? "statements.accountBic" : "statements.account", { iban: s.payTo.iban, bic: s.payTo.bic })
                : t("statements.accountMissing", { name: payee }),
            ],
          ]}
        />
      </section>
      <section aria-labelledby="downloads-heading">
        <h2 className="kern-heading-medium" id="downloads-heading">
          {t("statements.downloads")}
        </h2>
        <ul className="kern-list">
          <li>
            <a href={`/api/v1/statements/${s.id}.pdf`} download>
              {t("statements.pdf")}
            </a>
          </li>
          <li>
            <a href={`/api/v1/statements/${s.id}.csv`} download>
              {t("statements.csv")}
            </a>
          </li>
          {s.number ? (
            <li>
              <a href={`/api/v1/statements/${s.id}.xml`} download>
                {t("statements.xml")}
              </a>
            </li>
          ) : null}
        </ul>
      </section>
      <ConfirmDialog
        open={asking !== null}
        title={asking ? t(`${keyOf(exists, "ask", asking, s)}.title`) : ""}
        body={
          asking
            ? t(`${keyOf(exists, "ask", asking, s)}.body`, {
                borrower: s.borrower.name,
                lender: s.lender.name,
              }) + (asking === "issue" && s.monthRunning ? ` ${t("statements.monthRunning", { month: monthName(s.month, lang) })}` : "")
            : ""
        }
        confirmLabel={asking ? (asking === "supplement" ? t("statements.supplementCreate") : t(keyOf(exists, "steps", asking, s))) : ""}
        busy={step.busy || supplement.busy}
        onConfirm={() => asking && void take(asking)}
        onCancel={() => {
          setAsking(null);
          step.reset();
          supplement.reset();
        }}
      />
    </Page>
  );
}
