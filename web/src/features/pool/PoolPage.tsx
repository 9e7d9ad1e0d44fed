import { useCallback, useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { api, asProblem, type Problem } from "../../api/client";
import type { paths } from "../../api/schema";
import { DataTable } from "../../components/DataTable";
import { Button, Checkbox, ErrorSummary, fieldErrors, Notice, SelectField, TextField } from "../../components/forms";
import {
  AvailabilityFields,
  availabilityBody,
  availabilityLabels,
  emptyWindow,
  heldBody,
  PAY_GROUPS,
  parseLanguages,
  QualificationFieldsets,
  type WindowInput,
} from "./PoolFields";
import { Page } from "../../components/Page";
import { formatters } from "../../i18n";

type Membership = paths["/api/v1/me/pool-membership"]["get"]["responses"][200]["content"]["application/json"];
type Qualification = paths["/api/v1/qualifications"]["get"]["responses"][200]["content"]["application/json"]["items"][number];
/** An employee's own entry in the support pool: join by consent, keep availability, see who read it, leave. */
export function PoolPage() {
  const { t, i18n } = useTranslation();
  const f = formatters(i18n.language);
  const [data, setData] = useState<Membership | null>(null);
  const [catalogue, setCatalogue] = useState<Qualification[]>([]);
  const [readers, setReaders] = useState<Array<{ at: string; reader: string }>>([]);
  const [consent, setConsent] = useState(false);
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
  const [problem, setProblem] = useState<Problem | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const errors = fieldErrors(problem, i18n.language);

  const load = useCallback(async () => {
    const res = await api.GET("/api/v1/me/pool-membership");
    if (!res.data) return;
    setData(res.data);
    setSevereDisability(res.data.recordsSevereDisability);
    const m = res.data.member;
    if (m && m.isActive) {
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
      const r = await api.GET("/api/v1/me/pool-membership/readers");
      setReaders(r.data?.items ?? []);
    }
  }, []);
  useEffect(() => {
    void load();
    void api.GET("/api/v1/qualifications").then((r) => setCatalogue(r.data?.items ?? []));
  }, [load]);

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
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setNotice(null);
    const res = isMember
      ? await api.PATCH("/api/v1/me/pool-membership", { body: body() })
      : await api.POST("/api/v1/me/pool-membership", {
          body: { ...body(), hasConsent: consent as true, consentVersion: data!.consent.version },
        });
    if (!res.data) return setProblem(asProblem(res.error, res.response.status));
    setProblem(null);
    setNotice(isMember ? t("pool.saved") : t("pool.joined"));
    await load();
  };
  const leave = async () => {
    await api.DELETE("/api/v1/me/pool-membership");
    setNotice(t("pool.left"));
    setConsent(false);
    await load();
  };

  if (!data) return <p className="kern-body">{t("errors.loading")}</p>;
  const labels: Record<string, string> = {
    hasConsent: t("pool.consentHeading"),
    jobTitle: t("pool.jobTitle"),
    payGroup: t("pool.payGroup"),
    phone: t("pool.phone"),
    travelRadiusKm: t("pool.travelRadiusKm"),
    qualifications: t("pool.qualifications"),
    languages: t("pool.languages"),
    notes: t("pool.notes"),
    ...availabilityLabels(windows, t),
  };
  const status = (q: { isConfirmed: boolean; counts: boolean }) =>
    !q.isConfirmed ? t("pool.unconfirmed") : q.counts ? t("pool.confirmed") : t("pool.expired");
  return (
    <Page title={t("pool.title")} intro={t("pool.intro")}>
      {notice ? <Notice>{notice}</Notice> : null}
      <ErrorSummary problem={problem} labels={labels} />
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
          <p className="kern-body consent-text">{i18n.language === "en" ? data.consent.text.en : data.consent.text.de}</p>
        </section>
      )}
      <form className="kern-stack form-narrow" onSubmit={(e) => void submit(e)} noValidate>
        {!isMember ? (
          <Checkbox
            name="hasConsent"
            label={t("pool.consent", { version: data.consent.version })}
            checked={consent}
            onChange={setConsent}
          />
        ) : null}
        <TextField name="jobTitle" label={labels.jobTitle} value={jobTitle} onChange={setJobTitle} error={errors.jobTitle} />
        <SelectField
          name="employmentStatus"
          label={t("pool.employmentStatus")}
          value={employmentStatus}
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
        <Checkbox name="canWorkRemotely" label={t("pool.canWorkRemotely")} checked={canWorkRemotely} onChange={setCanWorkRemotely} />
        <p className="kern-hint">{t("pool.qualificationsHint")}</p>
        <QualificationFieldsets
          catalogue={catalogue}
          selected={held}
          onChange={setHeld}
          legend={labels.qualifications}
          validUntil={validUntil}
          onValidUntilChange={setValidUntil}
        />
        <AvailabilityFields windows={windows} onChange={setWindows} errors={errors} />
        <Checkbox
          name="recordsSevereDisability"
          label={t("pool.severeDisability")}
          checked={severeDisability}
          onChange={setSevereDisability}
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
      </form>
      {isMember ? (
        <>
          <h2 className="kern-heading-medium">{t("pool.readers")}</h2>
          {readers.length ? (
            <DataTable
              id="readers-caption"
              caption={t("pool.readers")}
              columns={[{ label: t("pool.readAt") }, { label: t("pool.reader") }]}
            >
              {readers.map((r, i) => (
                <tr key={i} className="kern-table__row">
                  <td className="kern-table__cell">{f.dateTime(r.at)}</td>
                  <td className="kern-table__cell">{r.reader}</td>
                </tr>
              ))}
            </DataTable>
          ) : (
            <p className="kern-body">{t("pool.readersNone")}</p>
          )}
          <p className="button-row">
            <a className="kern-btn kern-btn--secondary" href="/api/v1/me/export" download>
              <span className="kern-label">{t("pool.export")}</span>
            </a>
            <Button type="button" kind="tertiary" onClick={() => void leave()}>
              {t("pool.leave")}
            </Button>
          </p>
        </>
      ) : null}
    </Page>
  );
}
