import { useCallback, useEffect, useState } from "react";
import { Link, useNavigate, useParams } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { api, asProblem, type Problem } from "../../api/client";
import { DataTable } from "../../components/DataTable";
import { Button, ErrorSummary, Notice, TextField } from "../../components/forms";
import { Page } from "../../components/Page";
import { formatters } from "../../i18n";
import type { Secondment } from "./SecondmentsPage";

type Action = Secondment["actions"][number];
const NEEDS_REASON: ReadonlySet<Action> = new Set([
  "council_refuse",
  "start_provisionally",
  "activate_override",
  "end_early",
  "cancel",
] as Action[]);
const SECONDARY: ReadonlySet<Action> = new Set([
  "decline",
  "council_refuse",
  "cancel",
  "end_early",
  "activate_override",
  "start_provisionally",
  "complete",
] as Action[]);

/** One secondment: facts, the steps the reader can take, the timeline, the onboarding checklist, documents. */
export function SecondmentPage() {
  const { t, i18n } = useTranslation();
  const f = formatters(i18n.language);
  const { id } = useParams({ strict: false }) as { id: string };
  const navigate = useNavigate();
  const [s, setS] = useState<Secondment | null | undefined>(undefined);
  const [reason, setReason] = useState("");
  const [extendTo, setExtendTo] = useState("");
  const [problem, setProblem] = useState<Problem | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const load = useCallback(async () => {
    const r = await api.GET("/api/v1/secondments/{id}", { params: { path: { id } } });
    setS(r.data ?? null);
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);

  const act = async (action: Action) => {
    setNotice(null);
    const res = await api.POST("/api/v1/secondments/{id}/transitions", {
      params: { path: { id } },
      body: { action: action as "release", reason: reason.trim() || null },
    });
    if (!res.data) return setProblem(asProblem(res.error, res.response.status));
    setProblem(null);
    setReason("");
    setS(res.data);
    setNotice(t("secondments.done", { state: t(`secondments.states.${res.data.state}`) }));
  };
  const extend = async () => {
    const res = await api.POST("/api/v1/secondments/{id}/extensions", {
      params: { path: { id } },
      body: { endsOn: extendTo, reason: reason.trim() || null },
    });
    if (!res.data) return setProblem(asProblem(res.error, res.response.status));
    setProblem(null);
    await navigate({ to: "/abordnungen/$id", params: { id: res.data.id } });
    setNotice(t("secondments.extended", { date: f.date(res.data.endsOn) }));
  };
  const tick = async (key: Secondment["onboarding"][number]["key"], status: "done" | "open") => {
    const res = await api.PATCH("/api/v1/secondments/{id}/onboarding", { params: { path: { id } }, body: { items: [{ key, status }] } });
    if (!res.data) return setProblem(asProblem(res.error, res.response.status));
    setProblem(null);
    setS(res.data);
  };

  if (s === undefined) return <p className="kern-body">{t("errors.loading")}</p>;
  if (s === null) return <Page title={t("errors.notFound")}>{null}</Page>;
  const name = s.person.name ?? t("secondments.personHidden");
  const facts: Array<[string, string]> = [
    [t("secondments.state"), t(`secondments.states.${s.state}`)],
    [t("secondments.from"), s.lender.name + (s.person.department ? `, ${s.person.department}` : "")],
    [t("secondments.to"), s.borrower.name],
    [t("secondments.person"), `${name} – ${s.person.jobTitle}, ${s.person.payGroup}`],
    [t("secondments.period"), `${f.date(s.startsOn)}–${f.date(s.endsOn)}, ${t("secondments.hours", { hours: s.hoursPerWeek })}`],
    [t("secondments.place"), s.place ?? "–"],
    [t("secondments.tasks"), s.tasks],
    [t("secondments.settlement"), t(`requests.models.${s.settlementModel}`)],
    [t("secondments.legalBasis"), s.legalBasis],
    [
      t("secondments.council"),
      t(`secondments.councilStatuses.${s.councilStatus}`) +
        (s.state === "staff_council" && s.councilDeadline
          ? ` – ${t("secondments.councilDeadline", { date: f.date(s.councilDeadline) })}`
          : ""),
    ],
    [
      t("secondments.framework"),
      s.frameworkAgreement
        ? t("secondments.frameworkVersion", { title: s.frameworkAgreement.title, version: s.frameworkAgreement.version })
        : "–",
    ],
  ];
  const needsReason = s.actions.some((a) => NEEDS_REASON.has(a));
  const documentsReady =
    !!s.person.name && ["staff_council", "accepted", "agreed", "onboarding", "active", "completed", "ended_early"].includes(s.state);
  const mySides = new Set([
    ...(s.myRoles.includes("lender_org_admin") ? ["lender"] : []),
    ...(s.myRoles.includes("borrower_org_admin") ? ["borrower"] : []),
  ]);
  return (
    <Page title={`${t("secondments.one")}: ${name}`}>
      <p>
        <Link to="/abordnungen" className="kern-link">
          {t("secondments.all")}
        </Link>
        {s.request ? (
          <>
            {" · "}
            <Link to="/anfragen/$id" params={{ id: s.request.id }} className="kern-link">
              {t("secondments.request")}: {s.request.title}
            </Link>
          </>
        ) : null}
      </p>
      {notice ? <Notice>{notice}</Notice> : null}
      <ErrorSummary
        problem={problem}
        labels={{ action: t("secondments.nextSteps"), reason: t("secondments.reason"), endsOn: t("secondments.extendTo") }}
      />
      <dl className="kern-description-list">
        {facts.map(([k, v]) => (
          <div key={k} className="kern-description-list-item">
            <dt className="kern-description-list-item__key">{k}</dt>
            <dd className="kern-description-list-item__value">{v}</dd>
          </div>
        ))}
      </dl>
      {s.missingHearings ? <Notice kind="info">{t("secondments.hearingMissing", { count: s.missingHearings })}</Notice> : null}
      {s.actions.length ? (
        <section aria-labelledby="steps-heading" className="form-narrow">
          <h2 className="kern-heading-medium" id="steps-heading">
            {t("secondments.nextSteps")}
          </h2>
          {needsReason ? (
            <TextField
              name="reason"
              label={t("secondments.reason")}
              hint={t("secondments.reasonHint")}
              value={reason}
              onChange={setReason}
              multiline
            />
          ) : null}
          <p className="button-row" id="field-action">
            {s.actions.map((a) => (
              <Button key={a} type="button" kind={SECONDARY.has(a) ? "secondary" : "primary"} onClick={() => void act(a)}>
                {t(`secondments.actions.${a}`)}
              </Button>
            ))}
          </p>
        </section>
      ) : null}
      {mySides.size && ["agreed", "onboarding", "active"].includes(s.state) ? (
        <section aria-labelledby="extend-heading" className="form-narrow">
          <h2 className="kern-heading-medium" id="extend-heading">
            {t("secondments.extend")}
          </h2>
          <p className="kern-body">{t("secondments.extendIntro")}</p>
          <TextField name="endsOn" label={t("secondments.extendTo")} type="date" value={extendTo} onChange={setExtendTo} />
          <p>
            <Button type="button" kind="secondary" onClick={() => void extend()}>
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
            id="checklist-caption"
            caption={t("secondments.checklistCaption")}
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
                <td className="kern-table__cell">{t(`secondments.sides.${item.side}`)}</td>
                <td className="kern-table__cell">{item.dueOn ? f.date(item.dueOn) : "–"}</td>
                <td className="kern-table__cell">{t(`secondments.itemStatuses.${item.status}`)}</td>
                <td className="kern-table__cell kern-table__cell--action">
                  {mySides.has(item.side) && ["agreed", "onboarding", "active"].includes(s.state) ? (
                    <Button
                      type="button"
                      kind="tertiary"
                      onClick={() => void tick(item.key, item.status === "done" ? "open" : "done")}
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
      {documentsReady ? (
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
            {s.employmentStatus === "civil_servant" ? (
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
              <span className="kern-label">{t(`secondments.actions.${step.action}`)}</span>{" "}
              <span className="kern-body">
                – {step.actorName}
                {step.onBehalfOf ? ` (${t("secondments.onBehalfOf", { name: step.onBehalfOf })})` : ""}, {f.dateTime(step.at)} →{" "}
                {t(`secondments.states.${step.toState}`)}
              </span>
              {step.reason ? <p className="kern-body timeline-reason">{step.reason}</p> : null}
            </li>
          ))}
        </ol>
      </section>
    </Page>
  );
}
