import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { useMutation, usePagedApi } from "../../api/hooks";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { DescriptionList } from "../../components/DescriptionList";
import { LoadMore } from "../../components/LoadMore";
import { Page } from "../../components/Page";
import { QueryState } from "../../components/QueryState";
import { Button, ErrorSummary, Notice, TextField } from "../../components/forms";
import { formatters } from "../../i18n";
import type { Submission, SubmissionList } from "./api";
import { valueText } from "./numbers";

/**
 * The coordination's review ("Prüfung"): every submitted value of the region with its warnings and
 * the reporter's reasons, the region's median beside it; "Validieren" names the publication day
 * before it is done, "Zurückgeben" asks for a comment. Values leave the list once decided.
 */
export function ValidationPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === "en" ? "en" : "de";
  const f = formatters(i18n.language);
  const period = new URLSearchParams(window.location.search).get("zeitraum") ?? undefined;
  const list = usePagedApi<SubmissionList>(
    (cursor) => api.GET("/api/v1/submissions", { params: { query: { state: "submitted", cursor, ...(period ? { period } : {}) } } }),
    [period],
  );
  const [asking, setAsking] = useState<{ kind: "validate" | "return"; s: Submission } | null>(null);
  const [comment, setComment] = useState("");
  const [notice, setNotice] = useState<string | null>(null);
  const names = (s: Submission) => ({
    organization: s.organization.name,
    standard: lang === "en" ? s.standard.titleEn : s.standard.title,
    period: s.periodLabel[lang],
  });
  const validate = useMutation(
    (s: Submission) => api.POST("/api/v1/submissions/{id}/validate", { params: { path: { id: s.id } }, body: {} }),
    {
      onSuccess(done, s) {
        setAsking(null);
        setNotice(t("review.validated", { ...names(s), date: done.publishOn ? f.dateLong(done.publishOn) : "" }));
        void list.reload();
      },
    },
  );
  const sendBack = useMutation(
    (s: Submission, text: string) =>
      api.POST("/api/v1/submissions/{id}/return", { params: { path: { id: s.id } }, body: { comment: text } }),
    {
      onSuccess(_done, s) {
        setAsking(null);
        setComment("");
        setNotice(t("review.returned", names(s)));
        void list.reload();
      },
    },
  );
  if (!list.data) return <QueryState query={list} title={t("review.title")} />;
  const items = list.data.items;
  const warningsOf = (s: Submission) =>
    s.explainedWarnings.length === 0 ? (
      t("review.noWarnings")
    ) : (
      <ul className="kern-list">
        {s.explainedWarnings.map((w) => (
          <li key={w.rule}>
            {w.message ? `${w.message[lang]} ` : ""}
            <strong>{t("review.warningReason", { reason: w.reason })}</strong>
          </li>
        ))}
      </ul>
    );
  return (
    <Page title={t("review.title")} intro={t("review.intro")}>
      {notice ? <Notice focus>{notice}</Notice> : null}
      <ErrorSummary problem={validate.problem ?? null} labels={{}} />
      <section aria-labelledby="review-heading">
        <h2 className="kern-heading-medium" id="review-heading">
          {t("review.waiting")}
        </h2>
        {items.length === 0 ? <p className="kern-body">{t("review.nothing")}</p> : null}
        <ul className="review-list">
          {items.map((s) => {
            const n = names(s);
            const title = t("review.card", n);
            return (
              <li key={s.id} className="kern-card">
                <div className="kern-card__container">
                  <header className="kern-card__header">
                    <h3 className="kern-heading-small">{title}</h3>
                  </header>
                  <div className="kern-card__body">
                    <DescriptionList
                      items={[
                        [
                          t("review.value"),
                          `${valueText(s.value, s.standard.unit, lang, t)}${
                            s.numerator !== null && s.denominator !== null
                              ? ` (${t("review.fraction", { numerator: f.number(s.numerator), denominator: f.number(s.denominator) })})`
                              : ""
                          }`,
                        ],
                        [t("review.target"), valueText(s.standard.target, s.standard.unit, lang, t)],
                        [
                          t("review.median"),
                          s.regionMedian
                            ? t("review.medianOf", {
                                median: valueText(s.regionMedian.median, s.standard.unit, lang, t),
                                count: s.regionMedian.count,
                              })
                            : t("review.noMedian"),
                        ],
                        [t("review.method"), s.method || "–"],
                        [t("review.confidence"), t(`reporting.confidenceLevels.${s.confidence}`)],
                        [t("review.warnings"), warningsOf(s)],
                        ...(s.correctionReason
                          ? [
                              [t("review.correctionTerm"), t("review.correction", { version: s.version, reason: s.correctionReason })] as [
                                string,
                                string,
                              ],
                            ]
                          : []),
                      ]}
                    />
                    {s.abilities.validate ? (
                      <p className="button-row">
                        <Button
                          type="button"
                          label={t("review.validateLabel", { name: title })}
                          onClick={() => setAsking({ kind: "validate", s })}
                        >
                          {t("review.validate")}
                        </Button>
                        <Button
                          type="button"
                          kind="secondary"
                          label={t("review.sendBackLabel", { name: title })}
                          onClick={() => {
                            sendBack.reset();
                            setAsking({ kind: "return", s });
                          }}
                        >
                          {t("review.sendBack")}
                        </Button>
                      </p>
                    ) : null}
                  </div>
                </div>
              </li>
            );
          })}
        </ul>
        <LoadMore query={list} />
      </section>
      {/* One dialog at a time: both would carry the same ids (title, body). */}
      {asking?.kind === "validate" ? (
        <ConfirmDialog
          open
          title={t("review.validateTitle", names(asking.s))}
          body={t("review.validateBody", {
            ...names(asking.s),
            date: asking.s.validatePublishOn ? f.dateLong(asking.s.validatePublishOn) : "",
          })}
          confirmLabel={t("review.validate")}
          cancelLabel={t("review.notNow")}
          busy={validate.busy}
          onConfirm={() => void validate.run(asking.s)}
          onCancel={() => setAsking(null)}
        />
      ) : null}
      {asking?.kind === "return" ? (
        <ConfirmDialog
          open
          title={t("review.sendBackTitle", names(asking.s))}
          body={t("review.sendBackBody", names(asking.s))}
          confirmLabel={t("review.sendBack")}
          cancelLabel={t("review.notNow")}
          busy={sendBack.busy}
          onConfirm={() => void sendBack.run(asking.s, comment)}
          onCancel={() => setAsking(null)}
        >
          <TextField
            name="comment"
            label={t("review.comment", { organization: asking.s.organization.name })}
            value={comment}
            onChange={setComment}
            error={sendBack.errors.comment}
            multiline
          />
        </ConfirmDialog>
      ) : null}
    </Page>
  );
}
