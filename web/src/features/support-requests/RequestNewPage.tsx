import { useState, type FormEvent } from "react";
import { useNavigate, useParams, useSearch } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { useApi, useMutation } from "../../api/hooks";
import { Button, Checkbox, ErrorSummary, Form, Notice, SelectField, TextField } from "../../components/forms";
import { Page } from "../../components/Page";
import { QueryState } from "../../components/QueryState";
import { useSession } from "../identity/session";
import type { OrganizationDetail } from "../organizations/api";
import { loadCatalogue, type Qualifications } from "../pool/api";
import { QualificationFieldsets } from "../pool/PoolFields";
import { loadCrises, type Crises, type NewSupportRequest, type SupportRequest, type SupportRequestChange } from "./api";

/**
 * What a page that sends here may fill in (the evaluation of a service standard, for a standard the
 * administration missed twice): title, tasks, department and a required qualification.
 */
export interface RequestPrefill {
  titel?: string;
  aufgaben?: string;
  abteilung?: string;
  qualifikation?: string;
}

/** A department head or HR office posts a support request, pre-filled when a page sent them here with a need. */
export function RequestNewPage() {
  const search = useSearch({ strict: false }) as RequestPrefill;
  const text = (v: unknown) => (typeof v === "string" ? v : undefined);
  return (
    <RequestForm
      prefill={{
        titel: text(search.titel),
        aufgaben: text(search.aufgaben),
        abteilung: text(search.abteilung),
        qualifikation: text(search.qualifikation),
      }}
    />
  );
}

/** The same form changes an own draft or open request. */
export function RequestEditPage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const query = useApi<SupportRequest>(() => api.GET("/api/v1/support-requests/{id}", { params: { path: { id } } }), [id]);
  const { t } = useTranslation();
  const existing = query.data;
  if (!existing) return <QueryState query={query} />;
  if (!existing.abilities.update) return <Page title={t("errors.notFound")}>{null}</Page>;
  return <RequestForm existing={existing} />;
}

function RequestForm({ existing, prefill = {} }: { existing?: SupportRequest; prefill?: RequestPrefill }) {
  const { t } = useTranslation();
  const { me } = useSession();
  const navigate = useNavigate();
  const catalogue = useApi<Qualifications>(loadCatalogue, []);
  const crises = useApi<Crises>(loadCrises, []);
  const activeCrises = (crises.data?.items ?? []).filter((c) => c.isActive);
  const qualifications = catalogue.data?.items ?? [];
  const ownOrganizationId = existing?.organization.id ?? me?.organization.id;
  const organization = useApi<OrganizationDetail>(
    ownOrganizationId ? () => api.GET("/api/v1/organizations/{id}", { params: { path: { id: ownOrganizationId } } }) : null,
    [ownOrganizationId],
  );
  const ownDepartments = organization.data?.departments ?? [];
  const [form, setForm] = useState({
    title: existing?.title ?? prefill.titel ?? "",
    tasks: existing?.tasks ?? prefill.aufgaben ?? "",
    departmentId: existing?.department?.id ?? prefill.abteilung ?? "",
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
  const [required, setRequired] = useState<string[]>(
    existing?.requiredQualifications.map((q) => q.id) ?? (prefill.qualifikation ? [prefill.qualifikation] : []),
  );
  const [preferred, setPreferred] = useState<string[]>(existing?.preferredQualifications.map((q) => q.id) ?? []);
  const save = useMutation(
    (change: { create: NewSupportRequest } | { update: SupportRequestChange; id: string }) =>
      "create" in change
        ? api.POST("/api/v1/support-requests", { body: change.create })
        : api.PATCH("/api/v1/support-requests/{id}", { params: { path: { id: change.id } }, body: change.update }),
    { onSuccess: (saved) => navigate({ to: "/anfragen/$id", params: { id: saved.id } }) },
  );
  const errors = save.errors;
  const set = (key: keyof typeof form) => (value: string | boolean) => setForm({ ...form, [key]: value });

  const fields = () => ({
    title: form.title,
    tasks: form.tasks,
    departmentId: form.departmentId || null,
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
  /** "Entwurf speichern" keeps the request a draft; the form's own button publishes it. */
  const submit = (event: FormEvent<HTMLFormElement>) => {
    const status = (event.nativeEvent as SubmitEvent).submitter?.getAttribute("value") === "draft" ? "draft" : "open";
    void save.run(existing ? { update: fields(), id: existing.id } : { create: { ...fields(), status } });
  };

  const labels: Record<string, string> = {
    title: t("requests.titleCol"),
    tasks: t("requests.tasks"),
    departmentId: t("requests.department"),
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
    preferredQualificationIds: t("requests.preferred"),
    isRemotePossible: t("requests.remote"),
  };
  return (
    <Page title={existing ? t("requests.editTitle", { title: existing.title }) : t("requests.createTitle")}>
      {!existing && (prefill.titel || prefill.aufgaben) ? <Notice kind="info">{t("requests.prefilled")}</Notice> : null}
      <ErrorSummary problem={save.problem} labels={labels} />
      <Form name="support-request" mutation={save} onSubmit={submit}>
        <TextField name="title" label={labels.title} value={form.title} onChange={set("title")} error={errors.title} />
        <TextField name="tasks" label={labels.tasks} value={form.tasks} onChange={set("tasks")} error={errors.tasks} multiline />
        {ownDepartments.length ? (
          <SelectField
            name="departmentId"
            label={labels.departmentId}
            value={form.departmentId}
            onChange={set("departmentId")}
            error={errors.departmentId}
            options={[{ value: "", label: t("requests.noDepartment") }, ...ownDepartments.map((d) => ({ value: d.id, label: d.name }))]}
          />
        ) : null}
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
          options={[{ value: "", label: t("requests.noCrisis") }, ...activeCrises.map((c) => ({ value: c.id, label: c.name }))]}
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
        <Checkbox
          name="isRemotePossible"
          label={labels.isRemotePossible}
          checked={form.isRemotePossible}
          onChange={set("isRemotePossible")}
          error={errors.isRemotePossible}
        />
        <SelectField
          name="settlementModel"
          label={labels.settlementModel}
          value={form.settlementModel}
          onChange={set("settlementModel")}
          error={errors.settlementModel}
          options={(["reimbursement", "reciprocity", "waiver"] as const).map((m) => ({ value: m, label: t(`requests.models.${m}`) }))}
        />
        <QualificationFieldsets
          name="requiredQualificationIds"
          errors={errors}
          catalogue={qualifications}
          selected={required}
          onChange={setRequired}
          legend={labels.requiredQualificationIds}
        />
        <QualificationFieldsets
          name="preferredQualificationIds"
          errors={errors}
          catalogue={qualifications}
          selected={preferred}
          onChange={setPreferred}
          legend={labels.preferredQualificationIds}
        />
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
            <Button kind="secondary" value="draft">
              {t("requests.saveDraft")}
            </Button>
          </div>
        )}
      </Form>
    </Page>
  );
}
