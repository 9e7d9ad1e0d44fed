import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { useMutation } from "../../api/hooks";
import { Button, ErrorSummary, FileField, Form, inputProblem, Notice } from "../../components/forms";
import { formatters } from "../../i18n";
import type { SubmissionImport } from "./api";

/** The import writes its values: the bar shows how many of them (before, it has no known end). */
const writing = (j: SubmissionImport) => j.phase === "writing" && j.rowsTotal > 0;
/** How much of the values is written, in whole percent. */
const percentOf = (j: SubmissionImport) => (j.rowsTotal ? Math.floor((100 * j.rowsDone) / j.rowsTotal) : 0);

/** The bar as wide as a field, so that a step of it can be seen. */
const BAR = { width: "100%", maxWidth: "32rem", height: "1rem", marginBottom: "1.5rem" } as const;

const ACCEPT = ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/**
 * "Als Datei melden" on the Meldungen page: the template of the period (CSV, XLSX) to download, a
 * file to upload, the import's progress while it runs (polled), then its outcome: how many values
 * were taken over as drafts (the form below shows them), or every problem with line and column.
 */
export function FileImport({
  period,
  periodLabel,
  limitBytes,
  onImported,
}: {
  period: string;
  periodLabel: string;
  limitBytes: number;
  onImported(): void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === "en" ? "en" : "de";
  const f = formatters(lang);
  const [file, setFile] = useState<File | null>(null);
  const [job, setJob] = useState<SubmissionImport | null>(null);
  const [name, setName] = useState("");
  const alive = useRef(true);
  useEffect(() => () => void (alive.current = false), []);

  const follow = async (id: string) => {
    for (;;) {
      await new Promise((r) => setTimeout(r, 400));
      if (!alive.current) return;
      const res = await api.GET("/api/v1/submissions/imports/{id}", { params: { path: { id } } });
      if (!res.data) return;
      setJob(res.data);
      if (res.data.state !== "running") {
        if (res.data.state === "done") onImported();
        return;
      }
    }
  };
  const upload = useMutation(
    async (chosen: File) => {
      const body = new FormData();
      body.append("file", chosen, chosen.name);
      return api.POST("/api/v1/submissions/import", { body: body as never, bodySerializer: (b: unknown) => b as FormData });
    },
    {
      onSuccess(started) {
        setJob(started);
        void follow(started.id);
      },
    },
  );
  const both = (key: string) => ({ de: i18n.getFixedT("de")(key), en: i18n.getFixedT("en")(key) });
  const send = () => {
    if (!file) return upload.fail(inputProblem([{ field: "file", rule: "required", message: both("reporting.file.choose") }]));
    setJob(null);
    setName(file.name);
    void upload.run(file);
  };
  const template = (format: "csv" | "xlsx") => `/api/v1/submissions/template?period=${encodeURIComponent(period)}&format=${format}`;
  const where = (p: SubmissionImport["problems"][number]) =>
    p.line === null
      ? t("reporting.file.wholeFile")
      : p.column
        ? t("reporting.file.at", { line: p.line, column: p.column })
        : t("reporting.file.atLine", { line: p.line });

  const progressLabel = (j: SubmissionImport) =>
    writing(j)
      ? t("reporting.file.progress", { done: f.number(j.rowsDone), total: f.number(j.rowsTotal) })
      : j.phase === "checking" || j.phase === "writing"
        ? t("reporting.file.checking", { count: j.rowsTotal, n: f.number(j.rowsTotal) })
        : t("reporting.file.reading");
  const announcement = (j: SubmissionImport) =>
    writing(j)
      ? t("reporting.file.writingAbout", { percent: Math.floor(percentOf(j) / 25) * 25 })
      : j.phase === "checking" || j.phase === "writing"
        ? t("reporting.file.checking", { count: j.rowsTotal, n: f.number(j.rowsTotal) })
        : t("reporting.file.reading");

  return (
    <section aria-labelledby="file-heading">
      <h2 className="kern-heading-medium" id="file-heading">
        {t("reporting.file.heading")}
      </h2>
      <p className="kern-body">{t("reporting.file.intro", { period: periodLabel })}</p>
      <ul className="kern-list">
        <li>
          <a className="kern-link" href={template("xlsx")} download>
            {t("reporting.file.templateXlsx")}
          </a>
        </li>
        <li>
          <a className="kern-link" href={template("csv")} download>
            {t("reporting.file.templateCsv")}
          </a>
        </li>
      </ul>
      <ErrorSummary problem={upload.problem} labels={{ file: t("reporting.file.label") }} />
      <Form name="reporting-file" labelledBy="file-heading" mutation={upload} onSubmit={send}>
        <FileField
          name="file"
          label={t("reporting.file.label")}
          hint={t("reporting.file.hint", {
            limit: new Intl.NumberFormat(lang === "en" ? "en-GB" : "de-DE", { maximumFractionDigits: 1 }).format(limitBytes / 1048576),
          })}
          accept={ACCEPT}
          error={upload.errors.file}
          onChange={setFile}
        />
        <p>
          <Button kind="secondary" disabled={upload.busy || job?.state === "running"}>
            {t("reporting.file.upload")}
          </Button>
        </p>
      </Form>
      {job?.state === "running" ? (
        <div className="kern-stack">
          <p className="kern-body">{t("reporting.file.running", { name })}</p>
          <label className="kern-label" htmlFor="import-progress">
            {progressLabel(job)}
          </label>
          {writing(job) ? (
            <progress id="import-progress" style={BAR} max={job.rowsTotal} value={job.rowsDone} />
          ) : (
            <progress id="import-progress" style={BAR} />
          )}
        </div>
      ) : null}
      {/* Said politely, and only when the phase changes or a quarter of the values is written — not every poll. */}
      <p className="kern-sr-only" role="status">
        {job?.state === "running" ? announcement(job) : ""}
      </p>
      {job?.state === "done" ? <Notice focus>{t("reporting.file.done", { count: job.rowsDone, n: f.number(job.rowsDone) })}</Notice> : null}
      {job?.state === "failed" ? (
        <div className="kern-alert kern-alert--danger" role="alert" tabIndex={-1} ref={(el) => el?.focus()}>
          <div className="kern-alert__header">
            <span className="kern-icon kern-icon--danger" aria-hidden="true" />
            <span className="kern-title">{t("reporting.file.failedTitle", { count: job.problems.length })}</span>
          </div>
          <div className="kern-alert__body">
            <p className="kern-body">{t("reporting.file.failedNext")}</p>
            <ul className="kern-list">
              {job.problems.map((p, i) => (
                <li key={i}>
                  {where(p)}: {p.message[lang]}
                </li>
              ))}
            </ul>
          </div>
        </div>
      ) : null}
    </section>
  );
}
