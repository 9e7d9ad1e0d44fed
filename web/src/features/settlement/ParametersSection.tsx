import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { useMutation } from "../../api/hooks";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { DataTable } from "../../components/DataTable";
import { DescriptionList } from "../../components/DescriptionList";
import { Button, ErrorSummary, Form, SelectField, TextField } from "../../components/forms";
import { formatters, uiLanguage } from "../../i18n";
import type { CostRateParameters, NewCostRateParameters } from "./api";
import { NUMBER_FIELDS, draftOf, parameterValue, readNumber, type Draft, type NumberField, type Version } from "./format";

/**
 * The parameter versions; for the coordination office the form for a new one, prefilled with the
 * version in force, saved after the page asked (a saved version cannot be changed).
 */
export function Parameters({
  parameters,
  onSaved,
  onStart,
}: {
  parameters: CostRateParameters;
  /** After a saved version: the confirmation for the top of the page. */
  onSaved(message: string): Promise<void>;
  /** A new attempt: the old confirmation goes. */
  onStart(): void;
}) {
  const { t, i18n } = useTranslation();
  const f = formatters(i18n.language);
  const lang = uiLanguage(i18n.language);
  const versions = parameters.items;
  const current = versions.find((v) => v.isInForce) ?? versions[0];
  const [draft, setDraft] = useState<Draft>(() => draftOf(current, lang));
  const [asking, setAsking] = useState(false);
  const add = useMutation((body: NewCostRateParameters) => api.POST("/api/v1/cost-rates/parameters", { body }), {
    async onSuccess(version) {
      setDraft({ ...draft, validFrom: "", note: "" });
      await onSaved(t("costRates.saved", { date: f.dateLong(version.validFrom) }));
    },
  });
  const labels: Record<string, string> = Object.fromEntries(
    (["validFrom", "referenceStep", ...NUMBER_FIELDS, "note"] as const).map((k) => [k, t(`costRates.${k}`)]),
  );
  const ask = () => {
    onStart();
    setAsking(true);
  };
  const submit = () => {
    const body = {
      validFrom: draft.validFrom || undefined,
      referenceStep: Number(draft.referenceStep),
      ...Object.fromEntries(NUMBER_FIELDS.map((k) => [k, readNumber(draft[k])])),
      ...(draft.note.trim() ? { note: draft.note.trim() } : {}),
    } as unknown as NewCostRateParameters;
    void add.run(body).finally(() => setAsking(false));
  };
  const value = (v: Version, k: NumberField) => parameterValue(v, k, lang);
  return (
    <section aria-labelledby="cost-rate-parameters">
      <h2 className="kern-heading-medium" id="cost-rate-parameters">
        {t("costRates.parametersTitle")}
      </h2>
      <p className="kern-body">{t("costRates.parametersIntro")}</p>
      {current ? (
        <DescriptionList
          items={[
            [t("costRates.validFrom"), `${f.dateLong(current.validFrom)}${current.isInForce ? ` (${t("costRates.inForce")})` : ""}`],
            [t("costRates.referenceStep"), String(current.referenceStep)],
            ...NUMBER_FIELDS.map((k) => [t(`costRates.${k}`), value(current, k)] as [string, string]),
            ...(current.note ? [[t("costRates.note"), current.note] as [string, string]] : []),
          ]}
        />
      ) : null}
      <h3 className="kern-heading-small" id="cost-rate-versions">
        {t("costRates.versionsTitle")}
      </h3>
      <DataTable
        id="cost-rate-versions-table"
        labelledBy="cost-rate-versions"
        columns={[
          { label: t("costRates.validFrom") },
          { label: t("costRates.short.referenceStep"), numeric: true },
          ...NUMBER_FIELDS.map((k) => ({ label: t(`costRates.short.${k}`), numeric: true })),
        ]}
        stacked
      >
        {versions.map((v) => (
          <tr key={v.id} className="kern-table__row">
            <th scope="row" className="kern-table__header">
              {f.date(v.validFrom)}
              {v.isInForce ? ` (${t("costRates.inForce")})` : ""}
            </th>
            <td className="kern-table__cell kern-table__cell--numeric">{v.referenceStep}</td>
            {NUMBER_FIELDS.map((k) => (
              <td key={k} className="kern-table__cell kern-table__cell--numeric">
                {value(v, k)}
              </td>
            ))}
          </tr>
        ))}
      </DataTable>
      {parameters.abilities.create ? (
        <>
          <h3 className="kern-heading-small" id="cost-rate-new">
            {t("costRates.addTitle")}
          </h3>
          <p className="kern-body">{t("costRates.addIntro")}</p>
          <ErrorSummary problem={add.problem} labels={labels} />
          <Form name="cost-rate-parameters" labelledBy="cost-rate-new" mutation={add} onSubmit={ask}>
            <TextField
              name="validFrom"
              type="date"
              label={labels.validFrom}
              value={draft.validFrom}
              onChange={(v) => setDraft({ ...draft, validFrom: v })}
              error={add.errors.validFrom}
            />
            <SelectField
              name="referenceStep"
              label={labels.referenceStep}
              value={draft.referenceStep}
              options={[1, 2, 3, 4, 5, 6].map((s) => ({ value: String(s), label: String(s) }))}
              onChange={(v) => setDraft({ ...draft, referenceStep: v })}
              error={add.errors.referenceStep}
            />
            {NUMBER_FIELDS.map((k) => (
              <TextField
                key={k}
                name={k}
                label={labels[k]}
                value={draft[k]}
                onChange={(v) => setDraft({ ...draft, [k]: v })}
                error={add.errors[k]}
              />
            ))}
            <TextField
              name="note"
              label={labels.note}
              value={draft.note}
              onChange={(v) => setDraft({ ...draft, note: v })}
              error={add.errors.note}
              multiline
            />
            <div>
              <Button>{t("costRates.save")}</Button>
            </div>
          </Form>
          <ConfirmDialog
            open={asking}
            title={t("costRates.askTitle")}
            body={t("costRates.askBody", { day: draft.validFrom ? f.dateLong(draft.validFrom) : t("costRates.chosenDay") })}
            confirmLabel={t("costRates.save")}
            busy={add.busy}
            onConfirm={submit}
            onCancel={() => setAsking(false)}
          />
        </>
      ) : null}
    </section>
  );
}
