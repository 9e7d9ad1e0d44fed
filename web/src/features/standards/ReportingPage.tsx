import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type Problem } from "../../api/client";
import { useApi, useMutation } from "../../api/hooks";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { Page } from "../../components/Page";
import { QueryState } from "../../components/QueryState";
import { Button, ErrorSummary, Fieldset, Form, Notice, SelectField, TextField } from "../../components/forms";
import { formatters } from "../../i18n";
import { refreshOwnTasks } from "../../routes/ownTasks";
import type { NewSubmissions, ReportingSheet, SheetRow, Submission } from "./api";
import { FileImport } from "./FileImport";
import { SubmissionReply } from "./SubmissionReply";
import { numberOf, numberText, valueText } from "./numbers";

type Rule = "jump" | "median_distance";
const RULES: Rule[] = ["jump", "median_distance"];

interface Row {
  value: string;
  numerator: string;
  denominator: string;
  method: string;
  confidence: "high" | "medium" | "low";
  reasons: Partial<Record<Rule, string>>;
}

const EMPTY: Row = { value: "", numerator: "", denominator: "", method: "", confidence: "high", reasons: {} };

/** A problem found before sending, in the server's shape (the summary and the fields show it alike). */
const problemOf = (errors: Array<{ field: string; message: { de: string; en: string } }>): Problem => ({
  type: "urn:verbund:problem:validation",
  title: "Die Eingaben sind nicht gültig.",
  status: 400,
  detail: "",
  code: "validation",
  messages: errors[0]?.message ?? { de: "Die Eingaben sind nicht gültig.", en: "The input is not valid." },
  errors: errors.map((e) => ({ ...e, in: "body", rule: "number" })),
});

/** A row of the sheet: a standard in one of its periods (a monthly standard thrice in a quarter's sheet). */
const rowKey = (r: SheetRow) => `${r.standard.key}-${r.period}`;

/**
 * The reporter's "Meldungen": the standards that apply to the administration for a period, one
 * group of fields each (a monthly standard once per month of a quarter) (value; numerator and denominator for a share; how measured; confidence).
 * Saved as a draft or submitted (asks first); the server's checks come back at the fields — a
 * warning opens a reason field under the value. A refused form keeps everything typed.
 */
export function ReportingPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === "en" ? "en" : "de";
  const f = formatters(i18n.language);
  const [period, setPeriod] = useState(new URLSearchParams(window.location.search).get("zeitraum") ?? "");
  const [shown, setShown] = useState(period);
  const sheet = useApi<ReportingSheet>(
    () => api.GET("/api/v1/submissions/sheet", { params: { query: shown ? { period: shown } : {} } }),
    [shown],
  );
  const [rows, setRows] = useState<Record<string, Row>>({});
  const [asking, setAsking] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  // The right of reply: the value whose comment form is open, and values as the server answered a change of their comment.
  const [replyOpen, setReplyOpen] = useState<string | null>(null);
  const [replied, setReplied] = useState<Record<string, Submission>>({});

  // The sheet's drafts fill the form; values already submitted are shown, not edited.
  useEffect(() => {
    if (!sheet.data) return;
    // A period that cannot be reported yet is not in the picker: it offers the last closed one.
    const offered = sheet.data.periods.some((p) => p.period === sheet.data!.period);
    setPeriod(offered ? sheet.data.period : (sheet.data.periods[0]?.period ?? ""));
    const next: Record<string, Row> = {};
    for (const r of sheet.data.rows) {
      const c = r.current;
      next[rowKey(r)] =
        c && c.state === "draft"
          ? {
              value: numberText(c.value, lang),
              numerator: c.numerator === null ? "" : numberText(c.numerator, lang),
              denominator: c.denominator === null ? "" : numberText(c.denominator, lang),
              method: c.method,
              confidence: c.confidence,
              reasons: Object.fromEntries(c.explainedWarnings.map((w) => [w.rule, w.reason])),
            }
          : EMPTY;
    }
    setRows(next);
    // Only when another sheet arrives; the person's typing is kept otherwise.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sheet.data]);

  const editable = (sheet.data?.rows ?? []).filter((r) => !r.current || r.current.state === "draft");
  const field = (kind: string, key: string) => `${kind}-${key}`;
  const send = useMutation(
    async (body: NewSubmissions, keys: string[]) => {
      const res = await api.POST("/api/v1/submissions", { body });
      // The server names `items.N.…`; the page's fields are the standards' rows.
      const problem = res.error as Problem | undefined;
      if (problem?.errors)
        problem.errors = problem.errors.map((e) => {
          const at = /^items\.(\d+)\.(reasons\.)?(\w+)$/.exec(e.field);
          if (!at) return e;
          const key = keys[Number(at[1])];
          const name = at[2] ? `reason-${at[3]}` : at[3] === "standardId" || at[3] === "period" ? "value" : at[3];
          return { ...e, field: field(name, key) };
        });
      return res;
    },
    {
      onSuccess(_created, body) {
        const n = body.items.length;
        const label = sheet.data!.periodLabel[lang];
        setNotice(
          body.submit
            ? t("reporting.submitted", { count: n, period: label, day: sheet.data!.publicationDay })
            : t("reporting.savedDraft", { count: n, period: label }),
        );
        sheet.reload();
        // The navigation's count of what is due follows at once.
        if (body.submit) refreshOwnTasks();
      },
    },
  );

  if (!sheet.data) return <QueryState query={sheet} title={t("reporting.title")} />;
  const data = sheet.data;
  const standardTitle = (r: SheetRow) => (lang === "en" ? r.standard.titleEn : r.standard.title);
  // A row of another period than the sheet's (a month of the quarter) names its period.
  const titleOf = (r: SheetRow) =>
    r.period === data.period ? standardTitle(r) : t("reporting.rowOfPeriod", { title: standardTitle(r), period: r.periodLabel[lang] });
  const unitOf = (r: SheetRow) => t(`reporting.units.${r.standard.unit}`);
  const labels: Record<string, string> = {};
  for (const r of editable) {
    const k = rowKey(r);
    labels[field("value", k)] = `${titleOf(r)}: ${t("reporting.value", { unit: unitOf(r) })}`;
    labels[field("numerator", k)] = `${titleOf(r)}: ${t("reporting.numerator")}`;
    labels[field("denominator", k)] = `${titleOf(r)}: ${t("reporting.denominator")}`;
    for (const rule of RULES)
      labels[field(`reason-${rule}`, k)] = `${titleOf(r)}: ${t("reporting.reason", { rule: t(`reporting.rules.${rule}`) })}`;
  }
  const both = (key: string) => ({ de: i18n.getFixedT("de")(key), en: i18n.getFixedT("en")(key) });

  /** The batch of what is typed, or null after reporting what cannot be read. */
  const batch = (submit: boolean): { body: NewSubmissions; keys: string[] } | null => {
    const filled = editable.filter((r) => (rows[rowKey(r)]?.value ?? "").trim() !== "");
    const unreadable: Array<{ field: string; message: { de: string; en: string } }> = [];
    for (const r of filled) {
      const row = rows[rowKey(r)];
      for (const kind of ["value", "numerator", "denominator"] as const) {
        if (row[kind].trim() !== "" && numberOf(row[kind]) === null)
          unreadable.push({ field: field(kind, rowKey(r)), message: both("reporting.notANumber") });
      }
    }
    if (!filled.length && editable.length)
      unreadable.push({ field: field("value", rowKey(editable[0])), message: both("reporting.nothing") });
    if (unreadable.length) {
      send.fail(problemOf(unreadable));
      return null;
    }
    return {
      keys: filled.map(rowKey),
      body: {
        submit,
        items: filled.map((r) => {
          const row = rows[rowKey(r)];
          const reasons = Object.fromEntries(
            RULES.filter((rule) => (row.reasons[rule] ?? "").trim()).map((rule) => [rule, row.reasons[rule]!]),
          );
          return {
            standardId: r.standard.id,
            period: r.period,
            value: numberOf(row.value)!,
            numerator: row.numerator.trim() ? numberOf(row.numerator) : null,
            denominator: row.denominator.trim() ? numberOf(row.denominator) : null,
            method: row.method,
            confidence: row.confidence,
            ...(Object.keys(reasons).length ? { reasons } : {}),
          };
        }),
      },
    };
  };
  const saveDraft = () => {
    setNotice(null);
    const b = batch(false);
    if (b) void send.run(b.body, b.keys);
  };
  const askSubmit = () => {
    setNotice(null);
    if (batch(true)) setAsking(true);
  };
  const submit = async () => {
    const b = batch(true);
    setAsking(false);
    if (b) await send.run(b.body, b.keys);
  };
  const update = (key: string, change: Partial<Row>) => setRows((old) => ({ ...old, [key]: { ...(old[key] ?? EMPTY), ...change } }));
  const filledCount = editable.filter((r) => (rows[rowKey(r)]?.value ?? "").trim() !== "").length;

  /** A value reported already (submitted or later): shown, not edited; at a published one the right of reply. Outside the form of the open values (the reply has its own form). */
  const reportedCard = (r: SheetRow) => {
    const k = rowKey(r);
    const c = (replied[r.current!.id] ?? r.current)!;
    const title = titleOf(r);
    const target = t("reporting.target", {
      target: valueText(r.standard.target, r.standard.unit, lang, t),
      tolerance: valueText(r.standard.tolerance, r.standard.unit, lang, t),
    });
    const direction = r.standard.direction === "higher_is_better" ? t("reporting.higherBetter") : t("reporting.lowerBetter");
    return (
      <div key={k} className="kern-card reporting-row">
        <div className="kern-card__container">
          <h3 className="kern-heading-small">{title}</h3>
          <p className="kern-body">
            {t("reporting.reported", {
              value: valueText(c.value, c.standard.unit, lang, t),
              state: t(`reporting.states.${c.state}`, { date: c.publishOn ? f.dateLong(c.publishOn) : "" }),
            })}
          </p>
          <p className="kern-body kern-body--muted">
            {target} ({direction})
          </p>
          <SubmissionReply
            value={c}
            title={title}
            editing={replyOpen === c.id}
            onEdit={(open) => setReplyOpen(open ? c.id : null)}
            onChanged={(next) => setReplied((old) => ({ ...old, [next.id]: next }))}
          />
        </div>
      </div>
    );
  };

  return (
    <Page title={t("reporting.title")} intro={t("reporting.intro")}>
      {notice ? <Notice focus>{notice}</Notice> : null}
      <section aria-labelledby="period-heading">
        <h2 className="kern-heading-medium" id="period-heading">
          {t("reporting.period")}
        </h2>
        <Form name="reporting-period" labelledBy="period-heading" onSubmit={() => setShown(period)}>
          <SelectField
            name="period"
            label={t("reporting.periodLabel")}
            value={period}
            options={data.periods.map((p) => ({ value: p.period, label: p.label[lang] }))}
            onChange={setPeriod}
          />
          <p>
            <Button kind="secondary">{t("reporting.show")}</Button>
          </p>
        </Form>
      </section>
      {data.canReport && editable.length ? (
        <FileImport
          period={data.period}
          periodLabel={data.periodLabel[lang]}
          limitBytes={data.uploadLimitBytes}
          onImported={() => sheet.reload()}
        />
      ) : null}
      <section aria-labelledby="values-heading">
        <h2 className="kern-heading-medium" id="values-heading">
          {t("reporting.valuesFor", { period: data.periodLabel[lang] })}
        </h2>
        {data.reportableFrom ? (
          <p className="kern-body">{t("reporting.notEnded", { period: data.periodLabel[lang], day: f.dateLong(data.reportableFrom) })}</p>
        ) : data.rows.length === 0 ? (
          <p className="kern-body">{t("reporting.noStandards", { period: data.periodLabel[lang] })}</p>
        ) : null}
        <ErrorSummary problem={send.problem} labels={labels} />
        {data.reportableFrom ? null : (
          <Form
            name="reporting-values"
            labelledBy="values-heading"
            mutation={send}
            onSubmit={saveDraft}
            className="kern-stack reporting-form"
          >
            {data.rows.map((r) => {
              const k = rowKey(r);
              const c = r.current ? (replied[r.current.id] ?? r.current) : null;
              const title = titleOf(r);
              const target = t("reporting.target", {
                target: valueText(r.standard.target, r.standard.unit, lang, t),
                tolerance: valueText(r.standard.tolerance, r.standard.unit, lang, t),
              });
              const direction = r.standard.direction === "higher_is_better" ? t("reporting.higherBetter") : t("reporting.lowerBetter");
              if (c && c.state !== "draft") return null;
              const row = rows[k] ?? EMPTY;
              const warned = RULES.filter((rule) => send.errors[field(`reason-${rule}`, k)] || (row.reasons[rule] ?? "") !== "");
              return (
                <Fieldset key={k} name={`standard-${k}`} legend={title} className="reporting-standard">
                  <p className="kern-body kern-body--muted">
                    {r.standard.indicatorDefinition.replace(/\.\s*$/, "")}. {target} ({direction}).
                  </p>
                  {c?.returnComment ? <p className="kern-body">{t("reporting.returned", { comment: c.returnComment })}</p> : null}
                  <TextField
                    name={field("value", k)}
                    label={t("reporting.value", { unit: unitOf(r) })}
                    value={row.value}
                    onChange={(v) => update(k, { value: v })}
                    error={send.errors[field("value", k)]}
                  />
                  {warned.map((rule) => (
                    <TextField
                      key={rule}
                      name={field(`reason-${rule}`, k)}
                      label={t("reporting.reason", { rule: t(`reporting.rules.${rule}`) })}
                      hint={t("reporting.reasonHint")}
                      value={row.reasons[rule] ?? ""}
                      onChange={(v) => update(k, { reasons: { ...row.reasons, [rule]: v } })}
                      error={send.errors[field(`reason-${rule}`, k)]}
                      multiline
                    />
                  ))}
                  {r.standard.unit === "percent" ? (
                    <div className="reporting-fraction">
                      <TextField
                        name={field("numerator", k)}
                        label={t("reporting.numerator")}
                        hint={t("reporting.fractionHint")}
                        value={row.numerator}
                        onChange={(v) => update(k, { numerator: v })}
                        error={send.errors[field("numerator", k)]}
                      />
                      <TextField
                        name={field("denominator", k)}
                        label={t("reporting.denominator")}
                        value={row.denominator}
                        onChange={(v) => update(k, { denominator: v })}
                        error={send.errors[field("denominator", k)]}
                      />
                    </div>
                  ) : null}
                  <TextField
                    name={field("method", k)}
                    label={t("reporting.method")}
                    hint={r.standard.measurement}
                    value={row.method}
                    onChange={(v) => update(k, { method: v })}
                  />
                  <SelectField
                    name={field("confidence", k)}
                    label={t("reporting.confidence")}
                    value={row.confidence}
                    options={(["high", "medium", "low"] as const).map((v) => ({ value: v, label: t(`reporting.confidenceLevels.${v}`) }))}
                    onChange={(v) => update(k, { confidence: v as Row["confidence"] })}
                  />
                </Fieldset>
              );
            })}
            {data.canReport && editable.length ? (
              <p className="button-row">
                <Button kind="secondary" disabled={send.busy}>
                  {t("reporting.saveDraft")}
                </Button>
                <Button type="button" onClick={askSubmit} disabled={send.busy}>
                  {t("reporting.submit")}
                </Button>
              </p>
            ) : null}
          </Form>
        )}
        {data.rows.filter((r) => r.current && r.current.state !== "draft").map(reportedCard)}
      </section>
      <ConfirmDialog
        open={asking}
        title={t("reporting.confirmTitle", { count: filledCount, period: data.periodLabel[lang] })}
        body={t("reporting.confirmBody")}
        confirmLabel={t("reporting.submit")}
        cancelLabel={t("reporting.notNow")}
        busy={send.busy}
        onConfirm={() => void submit()}
        onCancel={() => setAsking(false)}
      />
    </Page>
  );
}
