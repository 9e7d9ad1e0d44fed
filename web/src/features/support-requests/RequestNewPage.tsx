import { useEffect, useState, type FormEvent } from "react";
import { useNavigate, useParams } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { api, asProblem, type Problem } from "../../api/client";
import type { paths } from "../../api/schema";
import { Button, Checkbox, ErrorSummary, fieldErrors, SelectField, TextField } from "../../components/forms";
import { Page } from "../../components/Page";
import { useSession } from "../identity/session";
import { QualificationFieldsets } from "../pool/PoolFields";
import type { SupportRequest } from "./RequestsPage";

type Qualification = paths["/api/v1/qualifications"]["get"]["responses"][200]["content"]["application/json"]["items"][number];
type Crisis = paths["/api/v1/crises"]["get"]["responses"][200]["content"]["application/json"]["items"][number];

/** A department head or HR office posts a support request. */
export function RequestNewPage() {
  return <RequestForm />;
}

/** The same form changes an own draft or open request. */
export function RequestEditPage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const [existing, setExisting] = useState<SupportRequest | null | undefined>(undefined);
  useEffect(() => {
    void api.GET("/api/v1/support-requests/{id}", { params: { path: { id } } }).then((r) => setExisting(r.data ?? null));
  }, [id]);
  const { t } = useTranslation();
  if (existing === undefined) return <p className="kern-body">{t("errors.loading")}</p>;
  if (existing === null || !existing.abilities.update) return <Page title={t("errors.notFound")}>{null}</Page>;
  return <RequestForm existing={existing} />;
}

function RequestForm({ existing }: { existing?: SupportRequest }) {
  const { t, i18n } = useTranslation();
  const { me } = useSession();
  const navigate = useNavigate();
  const [catalogue, setCatalogue] = useState<Qualification[]>([]);
  const [crises, setCrises] = useState<Crisis[]>([]);
  const [form, setForm] = useState({
    title: existing?.title ?? "",
    tasks: existing?.tasks ?? "",
    placeAddress: existing?.placeAddress ?? "",
    isRemotePossible: existing?.isRemotePossible ?? false,
    headcount: String(existing?.headcount ?? 1),
    startsOn: existing?.startsOn ?? "",
    endsOn: existing?.endsOn ?? "",
    hoursPerWeek: String(existing?.hoursPerWeek ?? 20),
    urgency: existing?.urgency ?? "normal",
    settlementModel: existing?.settlementModel ?? "reimbursement",
    crisisId: existing?.crisis?.id ?? "",
    contactName: existing?.contactName ?? me?.displayName ?? "",
    contactEmail: existing?.contactEmail ?? me?.login ?? "",
    contactPhone: existing?.contactPhone ?? "",
  });
  const [required, setRequired] = useState<string[]>(existing?.requiredQualifications.map((q) => q.id) ?? []);
  const [preferred, setPreferred] = useState<string[]>(existing?.preferredQualifications.map((q) => q.id) ?? []);
  const [problem, setProblem] = useState<Problem | null>(null);
  const errors = fieldErrors(problem, i18n.language);
  const set = (key: keyof typeof form) => (value: string | boolean) => setForm({ ...form, [key]: value });

  useEffect(() => {
    void api.GET("/api/v1/qualifications").then((r) => setCatalogue(r.data?.items ?? []));
    void api.GET("/api/v1/crises").then((r) => setCrises((r.data?.items ?? []).filter((c) => c.isActive)));
  }, []);

  const fields = () => ({
    title: form.title,
    tasks: form.tasks,
    placeAddress: form.placeAddress || null,
    isRemotePossible: form.isRemotePossible,
    headcount: Number(form.headcount),
    startsOn: form.startsOn,
    endsOn: form.endsOn,
    hoursPerWeek: Number(form.hoursPerWeek),
    urgency: form.urgency as "normal",
    settlementModel: form.settlementModel as "reimbursement",
    crisisId: form.crisisId || null,
    contactName: form.contactName,
    contactEmail: form.contactEmail,
    contactPhone: form.contactPhone || null,
    requiredQualificationIds: required,
    preferredQualificationIds: preferred,
  });
  const submit = (status: "draft" | "open") => async (event?: FormEvent) => {
    event?.preventDefault();
    const res = existing
      ? await api.PATCH("/api/v1/support-requests/{id}", { params: { path: { id: existing.id } }, body: fields() })
      : await api.POST("/api/v1/support-requests", { body: { ...fields(), status } });
    if (!res.data) return setProblem(asProblem(res.error, res.response.status));
    setProblem(null);
    await navigate({ to: "/anfragen/$id", params: { id: res.data.id } });
  };

  const labels: Record<string, string> = {
    title: t("requests.titleCol"),
    tasks: t("requests.tasks"),
    placeAddress: t("requests.place"),
    headcount: t("requests.headcount"),
    startsOn: t("requests.startsOn"),
    endsOn: t("requests.endsOn"),
    hoursPerWeek: t("requests.hoursPerWeek"),
    urgency: t("requests.urgency"),
    settlementModel: t("requests.settlementModel"),
    crisisId: t("requests.crisis"),
    contactName: t("requests.contactName"),
    contactEmail: t("requests.contactEmail"),
    contactPhone: t("requests.contactPhone"),
    requiredQualificationIds: t("requests.required"),
  };
  return (
    <Page title={existing ? t("requests.editTitle", { title: existing.title }) : t("requests.createTitle")}>
      <ErrorSummary problem={problem} labels={labels} />
      <form className="kern-stack form-narrow" onSubmit={(e) => void submit("open")(e)} noValidate>
        <TextField name="title" label={labels.title} value={form.title} onChange={set("title")} error={errors.title} />
        <TextField name="tasks" label={labels.tasks} value={form.tasks} onChange={set("tasks")} error={errors.tasks} multiline />
        <SelectField
          name="urgency"
          label={labels.urgency}
          value={form.urgency}
          onChange={set("urgency")}
          error={errors.urgency}
          options={(["normal", "urgent", "crisis"] as const).map((u) => ({ value: u, label: t(`requests.urgencies.${u}`) }))}
        />
        <SelectField
          name="crisisId"
          label={labels.crisisId}
          value={form.crisisId}
          onChange={set("crisisId")}
          error={errors.crisisId}
          options={[{ value: "", label: t("requests.noCrisis") }, ...crises.map((c) => ({ value: c.id, label: c.name }))]}
        />
        <TextField
          name="headcount"
          label={labels.headcount}
          type="number"
          value={form.headcount}
          onChange={set("headcount")}
          error={errors.headcount}
        />
        <TextField
          name="startsOn"
          label={labels.startsOn}
          type="date"
          value={form.startsOn}
          onChange={set("startsOn")}
          error={errors.startsOn}
        />
        <TextField name="endsOn" label={labels.endsOn} type="date" value={form.endsOn} onChange={set("endsOn")} error={errors.endsOn} />
        <TextField
          name="hoursPerWeek"
          label={labels.hoursPerWeek}
          type="number"
          value={form.hoursPerWeek}
          onChange={set("hoursPerWeek")}
          error={errors.hoursPerWeek}
        />
        <TextField
          name="placeAddress"
          label={labels.placeAddress}
          hint={t("requests.placeHint")}
          value={form.placeAddress}
          onChange={set("placeAddress")}
          error={errors.placeAddress}
        />
        <Checkbox name="isRemotePossible" label={t("requests.remote")} checked={form.isRemotePossible} onChange={set("isRemotePossible")} />
        <SelectField
          name="settlementModel"
          label={labels.settlementModel}
          value={form.settlementModel}
          onChange={set("settlementModel")}
          options={(["reimbursement", "reciprocity", "waiver"] as const).map((m) => ({ value: m, label: t(`requests.models.${m}`) }))}
        />
        <QualificationFieldsets catalogue={catalogue} selected={required} onChange={setRequired} legend={labels.requiredQualificationIds} />
        <QualificationFieldsets catalogue={catalogue} selected={preferred} onChange={setPreferred} legend={t("requests.preferred")} />
        <TextField
          name="contactName"
          label={labels.contactName}
          value={form.contactName}
          onChange={set("contactName")}
          error={errors.contactName}
        />
        <TextField
          name="contactEmail"
          label={labels.contactEmail}
          type="email"
          value={form.contactEmail}
          onChange={set("contactEmail")}
          error={errors.contactEmail}
        />
        <TextField
          name="contactPhone"
          label={labels.contactPhone}
          value={form.contactPhone}
          onChange={set("contactPhone")}
          error={errors.contactPhone}
        />
        {existing ? (
          <div className="button-row">
            <Button>{t("requests.saveChanges")}</Button>
          </div>
        ) : (
          <div className="button-row">
            <Button>{t("requests.publish")}</Button>
            <Button type="button" kind="secondary" onClick={() => void submit("draft")()}>
              {t("requests.saveDraft")}
            </Button>
          </div>
        )}
      </form>
    </Page>
  );
}
