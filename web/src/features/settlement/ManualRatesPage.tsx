import { useState } from "react";
import { Link } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { useApi, useMutation } from "../../api/hooks";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { DataTable } from "../../components/DataTable";
import { Page } from "../../components/Page";
import { QueryState } from "../../components/QueryState";
import { Button, ErrorSummary, Form, Notice, SelectField, TextField } from "../../components/forms";
import { formatters, uiLanguage } from "../../i18n";
import type { CostRateParameters, CostRates, NewManualRate } from "./api";
import { euros, readEuros } from "./money";

/** The rates the region entered for groups without a table; for the coordination office a link to enter one. */
export function ManualRates({ parameters, isOwnPage = false }: { parameters: CostRateParameters; isOwnPage?: boolean }) {
  const { t, i18n } = useTranslation();
  const f = formatters(i18n.language);
  const lang = uiLanguage(i18n.language);
  const rates = parameters.manualRates;
  return (
    <section aria-labelledby="cost-rate-manual">
      <h2 className="kern-heading-medium" id="cost-rate-manual">
        {isOwnPage ? t("costRates.manualList") : t("costRates.manualTitle")}
      </h2>
      <p className="kern-body">{t("costRates.manualIntro")}</p>
      {rates.length ? (
        <DataTable
          id="cost-rate-manual-table"
          labelledBy="cost-rate-manual"
          columns={[
            { label: t("costRates.group") },
            { label: t("costRates.validFrom") },
            { label: t("costRates.perHour"), numeric: true },
            { label: t("costRates.note") },
          ]}
          stacked
        >
          {rates.map((r) => (
            <tr key={r.id} className="kern-table__row">
              <th scope="row" className="kern-table__header">
                {r.payGroup}
              </th>
              <td className="kern-table__cell">{f.date(r.validFrom)}</td>
              <td className="kern-table__cell kern-table__cell--numeric">{euros(r.centsPerHour, lang)}</td>
              <td className="kern-table__cell">{r.note}</td>
            </tr>
          ))}
        </DataTable>
      ) : (
        <p className="kern-body">{t("costRates.manualNone")}</p>
      )}
      {!isOwnPage && parameters.abilities.create ? (
        <p className="kern-body">
          <Link className="kern-link" to="/kostensaetze/ohne-tabelle">
            {t("costRates.manualAdd")}
          </Link>
        </p>
      ) : null}
    </section>
  );
}

/**
 * The coordination office enters a rate for a group without a table (B grades, A 3, A 4 …): its own
 * page, as its fields share their names with the parameters' form. Saved after the page asked (a
 * saved rate cannot be changed).
 */
export function ManualRatesPage() {
  const { t, i18n } = useTranslation();
  const f = formatters(i18n.language);
  const lang = uiLanguage(i18n.language);
  const rates = useApi<CostRates>(() => api.GET("/api/v1/cost-rates"), []);
  const parameters = useApi<CostRateParameters>(() => api.GET("/api/v1/cost-rates/parameters"), []);
  const [notice, setNotice] = useState<string | null>(null);
  const [draft, setDraft] = useState({ payGroup: "", validFrom: "", centsPerHour: "", note: "" });
  const [asking, setAsking] = useState(false);
  const add = useMutation((body: NewManualRate) => api.POST("/api/v1/cost-rates/manual", { body }), {
    async onSuccess(rate) {
      setDraft({ ...draft, validFrom: "", centsPerHour: "", note: "" });
      await Promise.all([parameters.reload(), rates.reload()]);
      setNotice(
        t("costRates.manualSaved", { group: rate.payGroup, rate: euros(rate.centsPerHour, lang), date: f.dateLong(rate.validFrom) }),
      );
    },
  });
  if (!rates.data) return <QueryState query={rates} title={t("costRates.manualTitle")} />;
  if (!parameters.data) return <QueryState query={parameters} title={t("costRates.manualTitle")} />;
  const groups = rates.data.items.filter((i) => i.noRate?.reason === "no_table" || i.rate?.source === "manual").map((i) => i.payGroup);
  const payGroup = draft.payGroup || groups[0] || "";
  const labels = {
    payGroup: t("costRates.group"),
    validFrom: t("costRates.validFrom"),
    centsPerHour: t("costRates.manualRate"),
    note: t("costRates.note"),
  };
  const ask = () => {
    setNotice(null);
    setAsking(true);
  };
  const submit = () => {
    void add
      .run({
        payGroup,
        validFrom: draft.validFrom || undefined,
        centsPerHour: readEuros(draft.centsPerHour),
        ...(draft.note.trim() ? { note: draft.note.trim() } : {}),
      } as unknown as NewManualRate)
      .finally(() => setAsking(false));
  };
  return (
    <Page title={t("costRates.manualTitle")}>
      {notice ? <Notice focus>{notice}</Notice> : null}
      <p className="kern-body">
        <Link className="kern-link" to="/kostensaetze">
          {t("costRates.back")}
        </Link>
      </p>
      <ManualRates parameters={parameters.data} isOwnPage />
      {parameters.data.abilities.create ? (
        <section aria-labelledby="cost-rate-manual-new">
          <h2 className="kern-heading-medium" id="cost-rate-manual-new">
            {t("costRates.manualAdd")}
          </h2>
          <ErrorSummary problem={add.problem} labels={labels} />
          <Form name="manual-cost-rate" labelledBy="cost-rate-manual-new" mutation={add} onSubmit={ask}>
            <SelectField
              name="payGroup"
              label={labels.payGroup}
              value={payGroup}
              options={groups.map((g) => ({ value: g, label: g }))}
              onChange={(v) => setDraft({ ...draft, payGroup: v })}
              error={add.errors.payGroup}
            />
            <TextField
              name="validFrom"
              type="date"
              label={labels.validFrom}
              value={draft.validFrom}
              onChange={(v) => setDraft({ ...draft, validFrom: v })}
              error={add.errors.validFrom}
            />
            <TextField
              name="centsPerHour"
              label={labels.centsPerHour}
              value={draft.centsPerHour}
              onChange={(v) => setDraft({ ...draft, centsPerHour: v })}
              error={add.errors.centsPerHour}
            />
            <TextField
              name="note"
              label={labels.note}
              value={draft.note}
              onChange={(v) => setDraft({ ...draft, note: v })}
              error={add.errors.note}
            />
            <div>
              <Button>{t("costRates.manualSave")}</Button>
            </div>
          </Form>
          <ConfirmDialog
            open={asking}
            title={t("costRates.manualAskTitle", { group: payGroup })}
            body={t("costRates.manualAskBody", {
              group: payGroup,
              day: draft.validFrom ? f.dateLong(draft.validFrom) : t("costRates.chosenDay"),
            })}
            confirmLabel={t("costRates.manualSave")}
            busy={add.busy}
            onConfirm={submit}
            onCancel={() => setAsking(false)}
          />
        </section>
      ) : null}
    </Page>
  );
}
