import { useEffect, useState } from "react";
import { Link } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { useApi, useMutation } from "../../api/hooks";
import { Page } from "../../components/Page";
import { QueryState } from "../../components/QueryState";
import { Button, ErrorSummary, Form, Notice, SelectField, TextField } from "../../components/forms";
import type { BillingDetails, BillingDetailsInput } from "./api";

const FIELDS = [
  "leitwegId",
  "street",
  "postalCode",
  "city",
  "contactName",
  "contactPhone",
  "contactEmail",
  "iban",
  "bic",
  "taxNumber",
  "vatId",
] as const;

/** The administration's billing details (Rechnungsdaten) for statements and XRechnung, with what an XRechnung still misses. */
export function BillingDetailsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith("en") ? "en" : "de";
  const details = useApi<BillingDetails>(() => api.GET("/api/v1/billing-details"), []);
  const [draft, setDraft] = useState<BillingDetailsInput | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    if (details.data && !draft) {
      const { organization: _o, isDemo: _d, updatedAt: _u, missing: _m, abilities: _a, ...values } = details.data;
      setDraft(values);
    }
  }, [details.data, draft]);
  const save = useMutation((body: BillingDetailsInput) => api.PUT("/api/v1/billing-details", { body }), {
    onSuccess(saved) {
      details.setData(saved);
      setNotice(t(saved.missing.length ? "billing.savedMissing" : "billing.saved"));
    },
  });
  if (!details.data || !draft) return <QueryState query={details} title={t("billing.title")} />;
  const d = details.data;
  const labels = Object.fromEntries(FIELDS.map((k) => [k, t(`billing.fields.${k}`)]));
  return (
    <Page title={t("billing.title")} intro={t("billing.intro", { name: d.organization.name })}>
      <p className="kern-body">
        <Link to="/abrechnungen">{t("statements.back")}</Link>
      </p>
      {d.isDemo ? <Notice kind="info">{t("billing.demo")}</Notice> : null}
      {notice ? <Notice focus>{notice}</Notice> : null}
      {d.missing.length ? (
        <section aria-labelledby="missing-heading">
          <h2 className="kern-heading-small" id="missing-heading">
            {t("billing.missing")}
          </h2>
          <ul className="kern-list">
            {d.missing.map((m) => (
              <li key={m.field}>{m.message[lang]}</li>
            ))}
          </ul>
        </section>
      ) : null}
      <h2 className="kern-heading-medium" id="billing-heading">
        {t("billing.formTitle")}
      </h2>
      <ErrorSummary problem={save.problem} labels={labels} />
      <Form name="billing-details" labelledBy="billing-heading" mutation={save} onSubmit={() => void save.run(draft)}>
        {FIELDS.map((k) => (
          <TextField
            key={k}
            name={k}
            label={labels[k]}
            hint={k === "leitwegId" ? t("billing.leitwegHint") : undefined}
            value={draft[k]}
            onChange={(v) => setDraft({ ...draft, [k]: v })}
            error={save.errors[k]}
          />
        ))}
        <SelectField
          name="vat"
          label={t("billing.fields.vat")}
          value={draft.vat}
          onChange={(v) => setDraft({ ...draft, vat: v as BillingDetailsInput["vat"] })}
          options={[
            { value: "none", label: t("billing.vatNone") },
            { value: "section_2b", label: t("billing.vat2b") },
          ]}
        />
        {d.abilities.edit ? <Button disabled={save.busy}>{t("billing.save")}</Button> : null}
      </Form>
    </Page>
  );
}
