import { useState } from "react";
import { Link } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { api, type Problem } from "../../api/client";
import { fieldErrors, useApi, useMutation } from "../../api/hooks";
import { DataTable } from "../../components/DataTable";
import { DescriptionList } from "../../components/DescriptionList";
import { Page } from "../../components/Page";
import { QueryState } from "../../components/QueryState";
import { Button, ErrorSummary, Form, Notice, SelectField, TextField } from "../../components/forms";
import { formatters, todayInGermany, uiLanguage } from "../../i18n";
import type { CostRateItem, CostRateParameters, CostRates, NewCostRateParameters, NewManualRate } from "./api";

type Overhead = "office" | "other" | "none";
type Version = CostRateParameters["items"][number];

const NUMBER_FIELDS = [
  "socialSecurityPercent",
  "supplementaryPensionPercent",
  "civilServantPensionPercent",
  "employeeNetAnnualHours",
  "civilServantNetAnnualHours",
  "overheadOfficePercent",
  "overheadOtherPercent",
] as const;
type NumberField = (typeof NUMBER_FIELDS)[number];
type Draft = Record<NumberField | "validFrom" | "referenceStep" | "note", string>;

/** Euros from cents, "51,14 €". */
const euros = (cents: number, lang: string) =>
  new Intl.NumberFormat(lang === "en" ? "en-GB" : "de-DE", { style: "currency", currency: "EUR" }).format(cents / 100);
/** A percentage from basis points, "20 %" / "12,5 %". */
const percentOf = (basisPoints: number, lang: string) =>
  `${formatters(lang).number(basisPoints / 100, basisPoints % 100 === 0 ? 0 : 2)}\u00a0%`;
/** A percentage or hours of a parameter version as people read it: "21 %", "22,5 %", "1.591,20". */
const parameterValue = (v: Version, k: NumberField, lang: string) =>
  k.endsWith("Hours") ? formatters(lang).number(v[k], 2) : percentOf(Math.round(v[k] * 100), lang);
/** A number as typed in the form: a decimal comma in German, no thousands separator. */
const typed = (n: number, lang: string) => (lang === "en" ? String(n) : String(n).replace(".", ","));
/** What a person typed ("21,15", "21.15") as a number; anything else is sent as typed, so the server names the field. */
const readNumber = (text: string): number | string | undefined => {
  const t = text.trim();
  if (t === "") return undefined;
  return /^\d+([.,]\d+)?$/.test(t) ? Number(t.replace(",", ".")) : t;
};

const draftOf = (v: Version | undefined, lang: string): Draft => ({
  validFrom: "",
  referenceStep: String(v?.referenceStep ?? 3),
  note: "",
  ...(Object.fromEntries(NUMBER_FIELDS.map((k) => [k, v ? typed(v[k], lang) : ""])) as Record<NumberField, string>),
});

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

/** The parameter versions; for the coordination office the form for a new one, prefilled with the version in force. */
function Parameters({
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
  const add = useMutation((body: NewCostRateParameters) => api.POST("/api/v1/cost-rates/parameters", { body }), {
    async onSuccess(version) {
      setDraft({ ...draft, validFrom: "", note: "" });
      await onSaved(t("costRates.saved", { date: f.dateLong(version.validFrom) }));
    },
  });
  const labels: Record<string, string> = Object.fromEntries(
    (["validFrom", "referenceStep", ...NUMBER_FIELDS, "note"] as const).map((k) => [k, t(`costRates.${k}`)]),
  );
  const submit = () => {
    onStart();
    const body = {
      validFrom: draft.validFrom || undefined,
      referenceStep: Number(draft.referenceStep),
      ...Object.fromEntries(NUMBER_FIELDS.map((k) => [k, readNumber(draft[k])])),
      ...(draft.note.trim() ? { note: draft.note.trim() } : {}),
    } as unknown as NewCostRateParameters;
    void add.run(body);
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
          <Form name="cost-rate-parameters" labelledBy="cost-rate-new" mutation={add} onSubmit={submit}>
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
        </>
      ) : null}
    </section>
  );
}

/** Euros as typed ("72,90", "72.9", "73") → cents; anything else is sent as typed, so the server names the field. */
const readEuros = (text: string): number | string | undefined => {
  const t = text.trim();
  if (t === "") return undefined;
  const m = /^(\d+)(?:[.,](\d{1,2}))?$/.exec(t);
  return m ? Number(m[1]) * 100 + Number((m[2] ?? "0").padEnd(2, "0")) : t;
};

/** The rates the region entered for groups without a table; for the coordination office a link to enter one. */
function ManualRates({ parameters, isOwnPage = false }: { parameters: CostRateParameters; isOwnPage?: boolean }) {
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
 * page, as its fields share their names with the parameters' form.
 */
export function ManualRatesPage() {
  const { t, i18n } = useTranslation();
  const f = formatters(i18n.language);
  const lang = uiLanguage(i18n.language);
  const rates = useApi<CostRates>(() => api.GET("/api/v1/cost-rates"), []);
  const parameters = useApi<CostRateParameters>(() => api.GET("/api/v1/cost-rates/parameters"), []);
  const [notice, setNotice] = useState<string | null>(null);
  const [draft, setDraft] = useState({ payGroup: "", validFrom: "", centsPerHour: "", note: "" });
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
  const submit = () => {
    setNotice(null);
    void add.run({
      payGroup,
      validFrom: draft.validFrom || undefined,
      centsPerHour: readEuros(draft.centsPerHour),
      ...(draft.note.trim() ? { note: draft.note.trim() } : {}),
    } as unknown as NewManualRate);
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
          <Form name="manual-cost-rate" labelledBy="cost-rate-manual-new" mutation={add} onSubmit={submit}>
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
        </section>
      ) : null}
    </Page>
  );
}
