import { useState } from "react";
import { Link, useNavigate, useParams } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { useApi, useMutation } from "../../api/hooks";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { DataTable } from "../../components/DataTable";
import { DescriptionList } from "../../components/DescriptionList";
import { Button, ErrorSummary, Notice, TextField } from "../../components/forms";
import { Page } from "../../components/Page";
import { QueryState } from "../../components/QueryState";
import { formatters, uiLanguage } from "../../i18n";
import type { Extension, OnboardingItem, Secondment, SecondmentAction as Action, Transition } from "./api";
import { Destination } from "./Destination";
import { OverheadForm } from "./Overhead";
import { councilSentence, waitingSentence } from "./say";
import { TimesheetLink } from "../settlement/TimesheetLink";

/** Steps shown as secondary buttons (refusals, exceptions, endings); the rest are primary. */
const SECONDARY: ReadonlySet<Action> = new Set([
  "decline",
  "council_refuse",
  "cancel",
  "end_early",
  "activate_early",
  "activate_override",
  "start_provisionally",
  "complete",
] as Action[]);

/** Steps that end or refuse the secondment for everyone: asked first, with the consequence and the reason. */
const CONFIRMED: ReadonlySet<Action> = new Set(["decline", "council_refuse", "cancel", "end_early", "activate_early"] as Action[]);

/** One secondment: facts, the steps the reader can take, the timeline, the onboarding checklist, documents. */
export function SecondmentPage() {
  const { t, i18n } = useTranslation();
  const f = formatters(i18n.language);
  const { id } = useParams({ strict: false }) as { id: string };
  const navigate = useNavigate();
  const [reason, setReason] = useState("");
  const [extendTo, setExtendTo] = useState("");
  const [notice, setNotice] = useState<string | null>(null);
  const [asking, setAsking] = useState<Action | null>(null);
  const query = useApi<Secondment>(() => api.GET("/api/v1/secondments/{id}", { params: { path: { id } } }), [id]);
  const step = useMutation((body: Transition) => api.POST("/api/v1/secondments/{id}/transitions", { params: { path: { id } }, body }), {
    onSuccess(changed) {
      setReason("");
      setAsking(null);
      query.setData(changed);
      // What happened, and what happens next (who acts, who was told).
      const next = t(`secondments.next.${changed.state}`, {
        defaultValue: "",
        deadline: changed.councilDeadline ? f.dateLong(changed.councilDeadline) : "",
        endsOn: f.dateLong(changed.endsOn),
      });
      setNotice(`${t("secondments.done", { state: t(`secondments.states.${changed.state}`) })} ${next}`.trim());
    },
  });
  const extension = useMutation((body: Extension) => api.POST("/api/v1/secondments/{id}/extensions", { params: { path: { id } }, body }), {
    async onSuccess(proposed) {
      await navigate({ to: "/abordnungen/$id", params: { id: proposed.id } });
      setNotice(t("secondments.extended", { date: f.date(proposed.endsOn) }));
    },
  });
  const tick = useMutation(
    (key: OnboardingItem["key"], status: "done" | "open") =>
      api.PATCH("/api/v1/secondments/{id}/onboarding", { params: { path: { id } }, body: { items: [{ key, status }] } }),
    { onSuccess: (changed) => query.setData(changed) },
  );
  const problem = step.problem ?? extension.problem ?? tick.problem;

  const act = (action: Action) => {
    setNotice(null);
    if (CONFIRMED.has(action) && asking !== action) {
      setAsking(action);
      return;
    }
    void step.run({ action: action as Transition["action"], reason: reason.trim() || null });
  };

  const s = query.data;
  if (!s) return <QueryState query={query} title={t("secondments.one")} />;
  const name = s.person.name ?? t("secondments.personHidden");
  const isMine = s.myRoles.includes("employee") && !s.myRoles.includes("lender_org_admin");
  const facts: Array<[string, string]> = [
    [t("secondments.state"), t(`secondments.states.${s.state}`)],
    [t("secondments.reference"), s.reference],
    [t("secondments.from"), s.lender.name + (s.person.department ? `, ${s.person.department}` : "")],
    [t("secondments.to"), s.borrower.name + (s.request?.department ? `, ${s.request.department}` : "")],
    [t("secondments.person"), `${name}, ${s.person.jobTitle}, ${s.person.payGroup}`],
    [
      t("secondments.period"),
      `${t("secondments.periodLong", { from: f.dateLong(s.startsOn), to: f.dateLong(s.endsOn) })}, ${t("secondments.hours", { hours: s.hoursPerWeek })}`,
    ],
    [t("secondments.place"), s.place ?? t("secondments.notGiven")],
    [t("secondments.tasks"), s.tasks],
    [t("secondments.settlement"), t(`requests.models.${s.settlementModel}`)],
    [t("secondments.overhead.label"), s.overhead.words[i18n.language === "en" ? "en" : "de"]],
    [t("secondments.legalBasis"), s.legalBasis],
    [t("secondments.council"), councilSentence(s, t, i18n.language)],
    [
      t("secondments.framework"),
      s.frameworkAgreement
        ? t("secondments.frameworkVersion", { title: s.frameworkAgreement.title, version: s.frameworkAgreement.version })
        : t("secondments.frameworkNone"),
    ],
  ];
  // Whether one of the caller's steps is refused without a reason: then the page asks for one.
  const needsReason = s.actionsNeedingReason.some((a) => !CONFIRMED.has(a));
  const showsSteps = s.actions.length > 0 || s.waitingFor.length > 0;
  const destination = <Destination s={s} isMine={isMine} onChange={(changed) => query.setData(changed)} />;
  return (
    <Page title={`${t("secondments.one")}: ${name}`}>
      <p>
        <Link to="/abordnungen" className="kern-link">
          {t("secondments.all")}
        </Link>
        {s.request && s.abilities.openRequest ? (
          <>
            {" · "}
            <Link to="/anfragen/$id" params={{ id: s.request.id }} className="kern-link">
              {t("secondments.request")}: {s.request.title}
            </Link>
          </>
        ) : null}
      </p>
      {notice ? <Notice focus>{notice}</Notice> : null}
      <ErrorSummary
        problem={problem}
        labels={{ action: t("secondments.nextSteps"), reason: t("secondments.reason"), endsOn: t("secondments.extendTo") }}
      />
      {s.nextStepForMe ? (
        <p className="kern-body todo-step">
          <strong>{t("secondments.todoStepFor", { step: t(`secondments.steps.${s.nextStepForMe}`) })}</strong>
        </p>
      ) : null}
      <DescriptionList items={facts} />
      {(s.missingHearings ?? []).map((hearing) => (
        <Notice key={hearing} kind="info">
          {t("secondments.hearingDue", { hearing: t(`secondments.hearings.${hearing}`) })}
        </Notice>
      ))}
      {s.abilities.editOverhead ? <OverheadForm s={s} onChange={(changed) => query.setData(changed)} /> : null}
      {/* The person sees first where she goes; the offices first their steps. */}
      {isMine ? destination : null}
      {showsSteps ? (
        <section aria-labelledby="steps-heading" className="form-narrow">
          <h2 className="kern-heading-medium" id="steps-heading">
            {t("secondments.nextSteps")}
          </h2>
          {s.waitingFor.map((w) => (
            <p key={w.action} className="kern-body waiting-for">
              {waitingSentence(w, s, t, i18n.language)}
            </p>
          ))}
          {/* While a dialog asks, its own reason field is the one (one field per id). */}
          {needsReason && !asking ? (
            <TextField
              name="reason"
              label={t("secondments.reason")}
              hint={t("secondments.reasonHint")}
              value={reason}
              onChange={setReason}
              multiline
            />
          ) : null}
          {asking ? (
            <ConfirmDialog
              open
              title={t(`secondments.confirm.${asking}.title`)}
              body={t(`secondments.confirm.${asking}.body`, {
                borrower: s.borrower.name,
                endsOn: f.dateLong(s.endsOn),
                startsOn: f.dateLong(s.startsOn),
              })}
              confirmLabel={t(`secondments.actions.${asking}`)}
              cancelLabel={t("secondments.confirm.keep")}
              busy={step.busy}
              onConfirm={() => act(asking)}
              onCancel={() => {
                setAsking(null);
                step.reset();
              }}
            >
              {s.actionsNeedingReason.includes(asking) ? (
                <TextField
                  name="reason"
                  label={t("secondments.reason")}
                  hint={t("secondments.reasonHint")}
                  value={reason}
                  onChange={setReason}
                  error={step.errors.reason}
                  multiline
                />
              ) : null}
            </ConfirmDialog>
          ) : null}
          <p className="button-row" id="field-action">
            {s.actions.map((a) => (
              <Button key={a} type="button" kind={SECONDARY.has(a) ? "secondary" : "primary"} onClick={() => act(a)}>
                {t(`secondments.actions.${a}`)}
              </Button>
            ))}
          </p>
        </section>
      ) : null}
      {isMine ? null : destination}
      <TimesheetLink id={s.id} />
      {s.abilities.extend ? (
        <section aria-labelledby="extend-heading" className="form-narrow">
          <h2 className="kern-heading-medium" id="extend-heading">
            {t("secondments.extend")}
          </h2>
          <p className="kern-body">{t("secondments.extendIntro")}</p>
          <TextField
            name="endsOn"
            label={t("secondments.extendTo")}
            type="date"
            value={extendTo}
            onChange={setExtendTo}
            error={extension.errors.endsOn}
          />
          <p>
            <Button type="button" kind="secondary" onClick={() => void extension.run({ endsOn: extendTo, reason: reason.trim() || null })}>
              {t("secondments.extendSubmit")}
            </Button>
          </p>
        </section>
      ) : null}
      {s.onboarding.length ? (
        <section aria-labelledby="checklist-heading">
          <h2 className="kern-heading-medium" id="checklist-heading">
            {t("secondments.checklist")}
          </h2>
          <DataTable
            id="checklist-table"
            labelledBy="checklist-heading"
            stacked
            columns={[
              { label: t("secondments.item") },
              { label: t("secondments.side") },
              { label: t("secondments.due") },
              { label: t("secondments.itemStatus") },
              { label: t("accounts.actions"), action: true },
            ]}
          >
            {s.onboarding.map((item) => (
              <tr key={item.key} className="kern-table__row">
                <th scope="row" className="kern-table__cell">
                  {t(`secondments.items.${item.key}`)} ({item.isRequired ? t("secondments.required") : t("secondments.optional")})
                </th>
                <td className="kern-table__cell" data-label={t("secondments.side")}>
                  {item.side === "lender" ? s.lender.name : s.borrower.name}
                </td>
                <td className="kern-table__cell" data-label={t("secondments.due")}>
                  {item.dueOn ? f.date(item.dueOn) : t("secondments.notGiven")}
                </td>
                <td className="kern-table__cell" data-label={t("secondments.itemStatus")}>
                  {t(`secondments.itemStatuses.${item.status}`)}
                </td>
                <td className="kern-table__cell kern-table__cell--action">
                  {item.canUpdate ? (
                    <Button
                      type="button"
                      kind="tertiary"
                      onClick={() => void tick.run(item.key, item.status === "done" ? "open" : "done")}
                      label={`${item.status === "done" ? t("secondments.markOpen") : t("secondments.markDone")}: ${t(`secondments.items.${item.key}`)}`}
                    >
                      {item.status === "done" ? t("secondments.markOpen") : t("secondments.markDone")}
                    </Button>
                  ) : null}
                </td>
              </tr>
            ))}
          </DataTable>
        </section>
      ) : null}
      {s.abilities.downloadAgreement ? (
        <section aria-labelledby="documents-heading">
          <h2 className="kern-heading-medium" id="documents-heading">
            {t("secondments.documents")}
          </h2>
          <ul className="kern-list">
            <li>
              <a className="kern-link" href={`/api/v1/secondments/${s.id}/agreement.pdf`} download>
                {t("secondments.agreementPdf")}
              </a>
            </li>
            {s.abilities.downloadOrder ? (
              <li>
                <a className="kern-link" href={`/api/v1/secondments/${s.id}/order.pdf`} download>
                  {t("secondments.orderPdf")}
                </a>
              </li>
            ) : null}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="timeline-heading">
        <h2 className="kern-heading-medium" id="timeline-heading">
          {t("secondments.timeline")}
        </h2>
        <ol className="timeline">
          {s.timeline.map((step, i) => (
            <li key={i}>
              <span className="kern-label">{step.event[uiLanguage(i18n.language)]}</span>
              <span className="kern-hint timeline-when">
                {step.actorName + (step.onBehalfOf ? ` (${t("secondments.onBehalfOf", { name: step.onBehalfOf })})` : "")}
                {" · "}
                <span className="nowrap">
                  {f.dateLong(step.at)}, {f.time(step.at)}
                </span>
              </span>
              {step.reason ? <p className="kern-body timeline-reason">{t("secondments.reasonLabel", { reason: step.reason })}</p> : null}
            </li>
          ))}
        </ol>
      </section>
    </Page>
  );
}
