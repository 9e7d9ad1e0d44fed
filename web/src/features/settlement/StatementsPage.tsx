import { useState } from "react";
import { Link, useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { useApi, useMutation, usePagedApi } from "../../api/hooks";
import { DataTable } from "../../components/DataTable";
import { LoadMore } from "../../components/LoadMore";
import { Page } from "../../components/Page";
import { QueryState } from "../../components/QueryState";
import { Button, ErrorSummary, Form, SelectField, TextField } from "../../components/forms";
import { todayInGermany } from "../../i18n";
import type { StatementList } from "./api";
import { monthName } from "./hours";
import { euros } from "./money";

type Task = { kind: string; step: { de: string; en: string }; link: string; object: { id: string } };

/**
 * The finance office's statements (Abrechnungen): what waits for it first (statements to create
 * for months with confirmed hours, issued ones to acknowledge), a form for a new draft, then every
 * statement it may see.
 */
export function StatementsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith("en") ? "en" : "de";
  const navigate = useNavigate();
  const search = new URLSearchParams(window.location.search);
  const lastMonth = (() => {
    const [y, m] = todayInGermany().slice(0, 7).split("-").map(Number);
    return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
  })();
  const [borrower, setBorrower] = useState(search.get("an") ?? "");
  const [month, setMonth] = useState(search.get("monat") ?? lastMonth);
  const list = usePagedApi<StatementList>((cursor) => api.GET("/api/v1/statements", { params: { query: { cursor } } }), []);
  const tasks = useApi<{ items: Task[] }>(() => api.GET("/api/v1/me/tasks") as never, []);
  const organizations = useApi<{ items: Array<{ id: string; name: string }> }>(() => api.GET("/api/v1/organizations") as never, []);
  const me = useApi<{ organization: { id: string } }>(() => api.GET("/api/v1/me") as never, []);
  const create = useMutation((body: { borrowerOrganizationId: string; month: string }) => api.POST("/api/v1/statements", { body }), {
    async onSuccess(created) {
      await navigate({ to: "/abrechnungen/$id", params: { id: created.id }, search: { neu: 1 } as never });
    },
  });
  if (!list.data) return <QueryState query={list} title={t("statements.title")} />;
  const waiting = (tasks.data?.items ?? []).filter((x) => x.kind.startsWith("statement_"));
  const partners = (organizations.data?.items ?? []).filter((o) => o.id !== me.data?.organization.id);
  const canCreate = list.data.abilities.create;
  return (
    <Page title={t("statements.title")} intro={t("statements.intro")}>
      <section aria-labelledby="waiting-heading">
        <h2 className="kern-heading-medium" id="waiting-heading">
          {t("statements.waiting")}
        </h2>
        {waiting.length === 0 ? (
          <p className="kern-body">{t("statements.nothingWaiting")}</p>
        ) : (
          <ul className="kern-list">
            {waiting.map((task) => (
              <li key={task.link}>
                <a href={task.link}>{task.step[lang]}</a>
              </li>
            ))}
          </ul>
        )}
      </section>
      {canCreate ? (
        <section aria-labelledby="new-heading">
          <h2 className="kern-heading-medium" id="new-heading">
            {t("statements.newTitle")}
          </h2>
          <p className="kern-body">{t("statements.newIntro")}</p>
          <ErrorSummary
            problem={create.problem}
            labels={{ borrowerOrganizationId: t("statements.borrower"), month: t("statements.month") }}
          />
          <Form
            name="statement-create"
            labelledBy="new-heading"
            mutation={create}
            onSubmit={() => void create.run({ borrowerOrganizationId: borrower, month })}
          >
            <SelectField
              name="borrowerOrganizationId"
              label={t("statements.borrower")}
              value={borrower}
              onChange={setBorrower}
              error={create.errors.borrowerOrganizationId}
              options={[{ value: "", label: t("statements.chooseBorrower") }, ...partners.map((o) => ({ value: o.id, label: o.name }))]}
            />
            <TextField
              name="month"
              label={t("statements.month")}
              hint={t(
                /^\d{4}-\d\d$/.test(month.trim()) && month.trim() >= todayInGermany().slice(0, 7)
                  ? "statements.monthHintRunning"
                  : "statements.monthHint",
              )}
              value={month}
              onChange={setMonth}
              error={create.errors.month}
            />
            <Button disabled={create.busy}>{t("statements.create")}</Button>
          </Form>
        </section>
      ) : null}
      <section aria-labelledby="list-heading">
        <h2 className="kern-heading-medium" id="list-heading">
          {t("statements.listTitle")}
        </h2>
        {list.data.items.length === 0 ? (
          <p className="kern-body">{t("statements.empty")}</p>
        ) : (
          <DataTable
            id="statements-table"
            caption={t("statements.caption")}
            stacked
            columns={[
              { label: t("statements.month") },
              { label: t("statements.number") },
              { label: t("statements.kind") },
              { label: t("statements.partner") },
              { label: t("statements.state") },
              { label: t("statements.gross"), numeric: true },
            ]}
          >
            {list.data.items.map((s) => (
              <tr key={s.id} className="kern-table__row">
                <th scope="row" className="kern-table__cell">
                  <Link to="/abrechnungen/$id" params={{ id: s.id }}>
                    {monthName(s.month, lang)}
                  </Link>
                </th>
                <td className="kern-table__cell">{s.number ?? t("statements.noNumber")}</td>
                <td className="kern-table__cell">
                  {s.supplements ? (
                    <Link to="/abrechnungen/$id" params={{ id: s.supplements.id }}>
                      {t(s.isCredit ? "statements.kinds.credit" : "statements.kinds.supplement", { number: s.supplements.number ?? "" })}
                    </Link>
                  ) : (
                    t("statements.kinds.original")
                  )}
                </td>
                <td className="kern-table__cell">
                  {s.side === "lender" ? t("statements.to", { name: s.borrower.name }) : t("statements.from", { name: s.lender.name })}
                </td>
                <td className="kern-table__cell">{t(`statements.states.${s.state}`)}</td>
                <td className="kern-table__cell kern-table__cell--numeric">{euros(s.grossCents, lang)}</td>
              </tr>
            ))}
          </DataTable>
        )}
        <LoadMore query={list} />
      </section>
      <p className="kern-body">
        <Link to="/abrechnungen/rechnungsdaten">{t("billing.link")}</Link>
      </p>
    </Page>
  );
}
