import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { useApi, useMutation, usePagedApi } from "../../api/hooks";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { DataTable } from "../../components/DataTable";
import { LoadMore } from "../../components/LoadMore";
import { Button, Checkbox, ErrorSummary, Form, Notice, SelectField, TextField } from "../../components/forms";
import { Page } from "../../components/Page";
import { QueryState } from "../../components/QueryState";
import { formatters, uiLanguage } from "../../i18n";
import type { JoinPool, Membership, MembershipChange, Qualifications, Readers } from "./api";
import { loadCatalogue } from "./api";
import {
  AvailabilityFields,
  availabilityBody,
  availabilityLabels,
  emptyWindow,
  heldBody,
  PAY_GROUPS,
  parseLanguages,
  QualificationFieldsets,
  validUntilLabels,
  type WindowInput,
} from "./PoolFields";

/** An employee's own entry in the support pool: join by consent, keep availability, see who read it, leave. */
export function PoolPage() {
  const { t, i18n } = useTranslation();
  const f = formatters(i18n.language);
  const catalogue = useApi<Qualifications>(loadCatalogue, []);
  const [consent, setConsent] = useState(false);
  const [askingLeave, setAskingLeave] = useState(false);
  const [jobTitle, setJobTitle] = useState("");
  const [employmentStatus, setEmploymentStatus] = useState<"employee" | "civil_servant">("employee");
  const [payGroup, setPayGroup] = useState("E 9a");
  const [phone, setPhone] = useState("");
  const [travelRadiusKm, setTravelRadiusKm] = useState("25");
  const [canWorkRemotely, setCanWorkRemotely] = useState(false);
  const [severeDisability, setSevereDisability] = useState(false);
  const [languages, setLanguages] = useState("");
  const [notes, setNotes] = useState("");
  const [held, setHeld] = useState<string[]>([]);
  const [validUntil, setValidUntil] = useState<Record<string, string>>({});
  const [windows, setWindows] = useState<WindowInput[]>([emptyWindow()]);
  const [notice, setNotice] = useState<string | null>(null);

  /** Puts the own entry as stored into the form. */
  const fill = (data: Membership) => {
    setSevereDisability(data.recordsSevereDisability);
    const m = data.member;
    if (!m || !m.isActive) return;
    setJobTitle(m.jobTitle);
    setEmploymentStatus(m.employmentStatus);
    setPayGroup(m.payGroup);
    setPhone(m.phone ?? "");
    setTravelRadiusKm(String(m.travelRadiusKm));
    setCanWorkRemotely(m.canWorkRemotely);
    setLanguages(m.languages.join(", "));
    setNotes(m.notes ?? "");
    setHeld(m.qualifications.map((q) => q.qualificationId));
    setValidUntil(Object.fromEntries(m.qualifications.map((q) => [q.qualificationId, q.validUntil ?? ""])));
    setWindows(
      m.availability.length
        ? m.availability.map((w) => ({ startsOn: w.startsOn, endsOn: w.endsOn, hoursPerWeek: String(w.hoursPerWeek) }))
        : [emptyWindow()],
    );
  };
  const membership = useApi<Membership>(async () => {
    const res = await api.GET("/api/v1/me/pool-membership");
    if (res.data) fill(res.data);
    return res;
  }, []);
  const data = membership.data;
  // Who read the own entry: asked for once the caller is a member.
  const readers = usePagedApi<Readers>(
    data?.member?.isActive ? (cursor) => api.GET("/api/v1/me/pool-membership/readers", { params: { query: { cursor } } }) : null,
    [data],
  );

  const save = useMutation(
    (change: { join: JoinPool } | { update: MembershipChange }) =>
      "join" in change
        ? api.POST("/api/v1/me/pool-membership", { body: change.join })
        : api.PATCH("/api/v1/me/pool-membership", { body: change.update }),
    {
      async onSuccess(_entry, change) {
        setNotice("join" in change ? t("pool.joined") : t("pool.saved"));
        await membership.reload();
      },
    },
  );
  const leave = useMutation(() => api.DELETE("/api/v1/me/pool-membership"), {
    async onSuccess() {
      setAskingLeave(false);
      setNotice(t("pool.left"));
      setConsent(false);
      await membership.reload();
    },
  });
  const errors = save.errors;

  const isMember = !!data?.member?.isActive;
  const body = () => ({
    jobTitle,
    employmentStatus,
    payGroup,
    phone: phone || null,
    travelRadiusKm: Number(travelRadiusKm),
    canWorkRemotely,
    languages: parseLanguages(languages),
    recordsSevereDisability: severeDisability,
    notes: notes.trim() || null,
    qualifications: heldBody(held, validUntil),
    availability: availabilityBody(windows),
  });
  const submit = () => {
    setNotice(null);
    void save.run(
      isMember ? { update: body() } : { join: { ...body(), hasConsent: consent as true, consentVersion: data!.consent.version } },
    );
  };

  if (!data) return <QueryState query={membership} title={t("pool.title")} />;
  const labels: Record<string, string> = {
    hasConsent: t("pool.consentHeading"),
    jobTitle: t("pool.jobTitle"),
    payGroup: t("pool.payGroup"),
    phone: t("pool.phone"),
    travelRadiusKm: t("pool.travelRadiusKm"),
    qualifications: t("pool.qualifications"),
    languages: t("pool.languages"),
    notes: t("pool.notes"),
    employmentStatus: t("pool.employmentStatus"),
    canWorkRemotely: t("pool.canWorkRemotely"),
    recordsSevereDisability: t("pool.severeDisability"),
    ...validUntilLabels("qualifications", held, catalogue.data?.items ?? [], t),
    ...availabilityLabels(windows, t),
  };
  const status = (q: { isConfirmed: boolean; counts: boolean }) =>
    !q.isConfirmed ? t("pool.unconfirmed") : q.counts ? t("pool.confirmed") : t("pool.expired");
  return (
    <Page title={t("pool.title")} intro={t("pool.intro")}>
      {notice ? <Notice focus>{notice}</Notice> : null}
      <ErrorSummary problem={save.problem ?? leave.problem} labels={labels} />
      {isMember && data.member ? (
        <>
          <h2 className="kern-heading-medium">{t("pool.member")}</h2>
          <ul className="badge-list">
            {data.member.qualifications.map((q) => (
              <li key={q.qualificationId} className={`kern-badge ${q.counts ? "kern-badge--success" : "kern-badge--warning"}`}>
                <span className="kern-label">
                  {q.name}: {status(q)}
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <section aria-labelledby="consent-heading">
          <h2 className="kern-heading-medium" id="consent-heading">
            {t("pool.consentHeading")}
          </h2>
          <p className="kern-body consent-text">{data.consent.text[uiLanguage(i18n.language)]}</p>
        </section>
      )}
      <Form name="pool-membership" mutation={save} onSubmit={submit}>
        {!isMember ? (
          <Checkbox
            name="hasConsent"
            label={t("pool.consent", { version: data.consent.version })}
            checked={consent}
            onChange={setConsent}
            error={errors.hasConsent}
          />
        ) : null}
        <TextField name="jobTitle" label={labels.jobTitle} value={jobTitle} onChange={setJobTitle} error={errors.jobTitle} />
        <SelectField
          name="employmentStatus"
          label={labels.employmentStatus}
          value={employmentStatus}
          error={errors.employmentStatus}
          onChange={(v) => setEmploymentStatus(v === "civil_servant" ? "civil_servant" : "employee")}
          options={[
            { value: "employee", label: t("pool.employee") },
            { value: "civil_servant", label: t("pool.civilServant") },
          ]}
        />
        <SelectField
          name="payGroup"
          label={labels.payGroup}
          value={payGroup}
          onChange={setPayGroup}
          error={errors.payGroup}
          options={PAY_GROUPS.map((g) => ({ value: g, label: g }))}
        />
        <TextField name="phone" label={labels.phone} value={phone} onChange={setPhone} error={errors.phone} autoComplete="tel" />
        <TextField
          name="travelRadiusKm"
          label={labels.travelRadiusKm}
          value={travelRadiusKm}
          onChange={setTravelRadiusKm}
          type="number"
          error={errors.travelRadiusKm}
        />
        <Checkbox
          name="canWorkRemotely"
          label={labels.canWorkRemotely}
          checked={canWorkRemotely}
          onChange={setCanWorkRemotely}
          error={errors.canWorkRemotely}
        />
        <p className="kern-hint">{t("pool.qualificationsHint")}</p>
        <QualificationFieldsets
          name="qualifications"
          errors={errors}
          catalogue={catalogue.data?.items ?? []}
          selected={held}
          onChange={setHeld}
          legend={labels.qualifications}
          validUntil={validUntil}
          onValidUntilChange={setValidUntil}
        />
        <AvailabilityFields windows={windows} onChange={setWindows} errors={errors} />
        <Checkbox
          name="recordsSevereDisability"
          label={labels.recordsSevereDisability}
          checked={severeDisability}
          onChange={setSevereDisability}
          error={errors.recordsSevereDisability}
        />
        <p className="kern-hint">{t("pool.severeDisabilityHint")}</p>
        <TextField
          name="languages"
          label={labels.languages}
          hint={t("pool.languagesHint")}
          value={languages}
          onChange={setLanguages}
          error={errors.languages}
        />
        <TextField
          name="notes"
          label={labels.notes}
          hint={t("pool.notesHint")}
          value={notes}
          onChange={setNotes}
          error={errors.notes}
          multiline
        />
        <div>
          <Button>{isMember ? t("pool.save") : t("pool.join")}</Button>
        </div>
      </Form>
      {isMember ? (
        <>
          <h2 className="kern-heading-medium" id="readers-heading">
            {t("pool.readers")}
          </h2>
          {readers.data?.items.length ? (
            <DataTable id="readers-table" labelledBy="readers-heading" columns={[{ label: t("pool.readAt") }, { label: t("pool.reader") }]}>
              {readers.data.items.map((r, i) => (
                <tr key={i} className="kern-table__row">
                  <td className="kern-table__cell">{f.dateTime(r.at)}</td>
                  <td className="kern-table__cell">{r.reader}</td>
                </tr>
              ))}
            </DataTable>
          ) : (
            <p className="kern-body">{t("pool.readersNone")}</p>
          )}
          <LoadMore query={readers} label={t("pool.readers")} />
          <p className="button-row">
            <a className="kern-btn kern-btn--secondary" href="/api/v1/me/export" download>
              <span className="kern-label">{t("pool.export")}</span>
            </a>
            <Button type="button" kind="tertiary" onClick={() => setAskingLeave(true)}>
              {t("pool.leave")}
            </Button>
          </p>
          <ConfirmDialog
            open={askingLeave}
            title={t("pool.leaveTitle")}
            body={t("pool.leaveBody")}
            confirmLabel={t("pool.leaveConfirm")}
            cancelLabel={t("pool.keep")}
            busy={leave.busy}
            onConfirm={() => void leave.run().finally(() => setAskingLeave(false))}
            onCancel={() => setAskingLeave(false)}
          />
        </>
      ) : null}
    </Page>
  );
}
