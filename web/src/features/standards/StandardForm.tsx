import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { Button, ErrorSummary, Form, SelectField, TextField } from "../../components/forms";
import type { Problem } from "../../api/client";
import { de } from "./i18n.de";
import type { CatalogueSearch, NewStandard, StandardVersion } from "./api";

/** The form's values, as the controls hold them (text). */
export interface StandardFormValues {
  title: string;
  titleEn: string;
  theme: string;
  leikaKey: string;
  ozgId: string;
  indicatorDefinition: string;
  measurement: string;
  unit: string;
  aggregation: string;
  direction: string;
  periodicity: string;
  target: string;
  tolerance: string;
  validFrom: string;
  validTo: string;
  anchor: string;
  referenceModel: string;
  appliesTo: string;
  changeNote: string;
}

/** An empty form (a new standard). */
export const EMPTY_FORM: StandardFormValues = {
  title: "",
  titleEn: "",
  theme: "",
  leikaKey: "",
  ozgId: "",
  indicatorDefinition: "",
  measurement: "",
  unit: "",
  aggregation: "",
  direction: "",
  periodicity: "",
  target: "",
  tolerance: "",
  validFrom: "",
  validTo: "",
  anchor: "",
  referenceModel: "",
  appliesTo: "",
  changeNote: "",
};

/** The form filled from a version (a new version starts from the current one). */
export function formOf(v: StandardVersion): StandardFormValues {
  return {
    title: v.title,
    titleEn: v.titleEn,
    theme: v.theme,
    leikaKey: v.leikaKey ?? "",
    ozgId: v.ozgId ?? "",
    indicatorDefinition: v.indicatorDefinition,
    measurement: v.measurement,
    unit: v.unit,
    aggregation: v.aggregation,
    direction: v.direction,
    periodicity: v.periodicity,
    target: String(v.target),
    tolerance: String(v.tolerance),
    validFrom: v.validFrom,
    validTo: v.validTo ?? "",
    anchor: v.anchor,
    referenceModel: v.referenceModel ?? "",
    appliesTo: v.appliesTo,
    changeNote: "",
  };
}

const orUndefined = (value: string) => (value === "" ? undefined : value);
const numberOrUndefined = (value: string) => (value.trim() === "" ? undefined : Number(value.replace(",", ".")));

/** The body the API takes (empty optional fields left out, so the server names missing ones). */
export function bodyOf(values: StandardFormValues): NewStandard {
  return {
    title: values.title,
    titleEn: values.titleEn,
    theme: orUndefined(values.theme),
    leikaKey: values.leikaKey.trim() || null,
    ozgId: values.ozgId.trim() || null,
    indicatorDefinition: values.indicatorDefinition,
    measurement: values.measurement,
    unit: orUndefined(values.unit),
    aggregation: orUndefined(values.aggregation),
    direction: orUndefined(values.direction),
    periodicity: orUndefined(values.periodicity),
    target: numberOrUndefined(values.target),
    tolerance: numberOrUndefined(values.tolerance),
    validFrom: orUndefined(values.validFrom),
    validTo: values.validTo || null,
    anchor: values.anchor,
    referenceModel: values.referenceModel.trim() || null,
    appliesTo: orUndefined(values.appliesTo),
  } as NewStandard;
}

/** The words of the form's fields (for the error summary too). */
export function fieldLabels(t: (key: string) => string): Record<string, string> {
  return Object.fromEntries(Object.keys(de.standards.fields).map((k) => [k, t(`standards.fields.${k}`)]));
}

/**
 * The fields of a version: what the indicator is, how it is measured, its target and tolerance,
 * validity, basis and applicability, with a search of the bundled service catalogue that fills the
 * LeiKa key and OZG id. `withChangeNote` for a new version of an existing standard (form `standard-version`, else `standard-new`).
 */
export function StandardForm({
  values,
  onChange,
  onSubmit,
  problem,
  errors,
  mutation,
  withChangeNote,
  submitLabel,
  after,
}: {
  values: StandardFormValues;
  onChange(values: StandardFormValues): void;
  onSubmit(): void;
  problem: Problem | null;
  errors: Record<string, string>;
  mutation: { fail(problem: Problem): void };
  withChangeNote?: boolean;
  submitLabel: string;
  after?: ReactNode;
}) {
  const { t } = useTranslation();
  const set = (key: keyof StandardFormValues) => (value: string) => onChange({ ...values, [key]: value });
  const choices = (group: keyof typeof de.standards) => [
    { value: "", label: "" },
    ...Object.keys(de.standards[group] as Record<string, string>).map((k) => ({ value: k, label: t(`standards.${group}.${k}`) })),
  ];
  const labels = fieldLabels(t);
  const [query, setQuery] = useState("");
  const [found, setFound] = useState<CatalogueSearch | null>(null);
  const [taken, setTaken] = useState<string | null>(null);
  const search = async () => {
    setTaken(null);
    if (query.trim().length < 2) return setFound({ items: [], matches: 0 });
    const res = await api.GET("/api/v1/service-catalogue", { params: { query: { q: query.trim(), limit: 10 } } });
    setFound(res.data ?? { items: [], matches: 0 });
  };
  const fields = (
    <>
      <TextField name="title" label={labels.title} value={values.title} onChange={set("title")} error={errors.title} />
      <TextField name="titleEn" label={labels.titleEn} value={values.titleEn} onChange={set("titleEn")} error={errors.titleEn} />
      <SelectField
        name="theme"
        label={labels.theme}
        value={values.theme}
        options={choices("themes")}
        onChange={set("theme")}
        error={errors.theme}
      />
      <fieldset className="kern-fieldset standard-service">
        <legend className="kern-label">{t("standards.detail.service")}</legend>
        <div className="kern-form-input">
          <label className="kern-label" htmlFor="field-serviceSearch">
            {t("standards.search.label")}
          </label>
          <div className="kern-hint" id="field-serviceSearch-hint">
            {t("standards.search.hint")}
          </div>
          <div className="search-row">
            <input
              className="kern-form-input__input"
              id="field-serviceSearch"
              name="serviceSearch"
              type="search"
              value={query}
              aria-describedby="field-serviceSearch-hint"
              onChange={(e) => setQuery(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === "Enter") {
                  e.preventDefault();
                  void search();
                }
              }}
            />
            <Button type="button" kind="secondary" onClick={() => void search()}>
              {t("standards.search.button")}
            </Button>
          </div>
        </div>
        <div role="status" className="kern-body">
          {taken
            ? t("standards.search.taken", { name: taken })
            : found
              ? found.items.length
                ? t("standards.search.results", { shown: found.items.length, count: found.matches })
                : t("standards.search.noResults")
              : null}
        </div>
        {found && found.items.length ? (
          <ul className="kern-list service-results">
            {found.items.map((s, i) => (
              <li key={`${s.leikaKey ?? "x"}-${s.ozgId ?? "x"}-${i}`}>
                <span className="kern-body">
                  {s.name} · {s.leikaKey ?? t("standards.search.noKey")}
                  {s.ozgId ? ` · OZG ${s.ozgId} ${s.ozgService}` : ""}
                </span>{" "}
                <Button
                  type="button"
                  kind="tertiary"
                  label={t("standards.search.takeLabel", { name: s.name })}
                  onClick={() => {
                    onChange({ ...values, leikaKey: s.leikaKey ?? "", ozgId: s.ozgId ?? "" });
                    setTaken(s.name);
                    setFound(null);
                  }}
                >
                  {t("standards.search.take")}
                </Button>
              </li>
            ))}
          </ul>
        ) : null}
        <TextField
          name="leikaKey"
          label={labels.leikaKey}
          hint={t("standards.hints.leikaKey")}
          value={values.leikaKey}
          onChange={set("leikaKey")}
          error={errors.leikaKey}
        />
        <TextField name="ozgId" label={labels.ozgId} value={values.ozgId} onChange={set("ozgId")} error={errors.ozgId} />
      </fieldset>
      <TextField
        name="indicatorDefinition"
        label={labels.indicatorDefinition}
        value={values.indicatorDefinition}
        onChange={set("indicatorDefinition")}
        error={errors.indicatorDefinition}
        multiline
      />
      <TextField
        name="measurement"
        label={labels.measurement}
        value={values.measurement}
        onChange={set("measurement")}
        error={errors.measurement}
        multiline
      />
      <SelectField
        name="unit"
        label={labels.unit}
        value={values.unit}
        options={choices("units")}
        onChange={set("unit")}
        error={errors.unit}
      />
      <SelectField
        name="aggregation"
        label={labels.aggregation}
        value={values.aggregation}
        options={choices("aggregations")}
        onChange={set("aggregation")}
        error={errors.aggregation}
      />
      <SelectField
        name="direction"
        label={labels.direction}
        value={values.direction}
        options={choices("directions")}
        onChange={set("direction")}
        error={errors.direction}
      />
      <SelectField
        name="periodicity"
        label={labels.periodicity}
        value={values.periodicity}
        options={choices("periodicities")}
        onChange={set("periodicity")}
        error={errors.periodicity}
      />
      <TextField name="target" label={labels.target} type="number" value={values.target} onChange={set("target")} error={errors.target} />
      <TextField
        name="tolerance"
        label={labels.tolerance}
        type="number"
        hint={t("standards.hints.tolerance")}
        value={values.tolerance}
        onChange={set("tolerance")}
        error={errors.tolerance}
      />
      <TextField
        name="validFrom"
        label={labels.validFrom}
        type="date"
        value={values.validFrom}
        onChange={set("validFrom")}
        error={errors.validFrom}
      />
      <TextField
        name="validTo"
        label={labels.validTo}
        type="date"
        hint={t("standards.hints.validTo")}
        value={values.validTo}
        onChange={set("validTo")}
        error={errors.validTo}
      />
      <TextField name="anchor" label={labels.anchor} value={values.anchor} onChange={set("anchor")} error={errors.anchor} multiline />
      <TextField
        name="referenceModel"
        label={labels.referenceModel}
        value={values.referenceModel}
        onChange={set("referenceModel")}
        error={errors.referenceModel}
      />
      <SelectField
        name="appliesTo"
        label={labels.appliesTo}
        value={values.appliesTo}
        options={choices("applicabilities")}
        onChange={set("appliesTo")}
        error={errors.appliesTo}
      />
      {withChangeNote ? (
        <TextField
          name="changeNote"
          label={labels.changeNote}
          hint={t("standards.hints.changeNote")}
          value={values.changeNote}
          onChange={set("changeNote")}
          error={errors.changeNote}
          multiline
        />
      ) : null}
      <div className="button-row">
        <Button>{submitLabel}</Button>
        {after}
      </div>
    </>
  );
  return (
    <>
      <ErrorSummary problem={problem} labels={labels} />
      {withChangeNote ? (
        <Form name="standard-version" mutation={mutation} onSubmit={onSubmit}>
          {fields}
        </Form>
      ) : (
        <Form name="standard-new" mutation={mutation} onSubmit={onSubmit}>
          {fields}
        </Form>
      )}
    </>
  );
}
