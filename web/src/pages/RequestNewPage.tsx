import { useEffect, useState, type FormEvent } from "react";
import { useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { api, asProblem, type Problem } from "../api/client";
import type { paths } from "../api/schema";
import { Button, Checkbox, ErrorSummary, fieldErrors, SelectField, TextField } from "../components/forms";
import { Page } from "../components/Page";
import { useSession } from "../session";
import { QualificationFieldsets } from "./PoolPage";

type Qualification = paths["/api/v1/qualifications"]["get"]["responses"][200]["content"]["application/json"]["items"][number];
type Crisis = paths["/api/v1/crises"]["get"]["responses"][200]["content"]["application/json"]["items"][number];

/** A department head or HR office posts a support request. */
export function RequestNewPage() {
  const { t, i18n } = useTranslation();
  const { me } = useSession();
  const navigate = useNavigate();
  const [catalogue, setCatalogue] = useState<Qualification[]>([]);
  const [crises, setCrises] = useState<Crisis[]>([]);
  const [form, setForm] = useState({
    title: "",
    tasks: "",
    placeAddress: "",
    isRemotePossible: false,
    headcount: "1",
    startsOn: "",
    endsOn: "",
    hoursPerWeek: "20",
    urgency: "normal",
    settlementModel: "reimbursement",
    crisisId: "",
    contactName: me?.displayName ?? "",
    contactEmail: me?.login ?? "",
  });
  const [required, setRequired] = useState<string[]>([]);
  const [preferred, setPreferred] = useState<string[]>([]);
  const [problem, setProblem] = useState<Problem | null>(null);
  const errors = fieldErrors(problem, i18n.language);
  const set = (key: keyof typeof form) => (value: string | boolean) => setForm({ ...form, [key]: value });

  useEffect(() => {
    void api.GET("/api/v1/qualifications").then((r) => setCatalogue(r.data?.items ?? []));
    void api.GET("/api/v1/crises").then((r) => setCrises((r.data?.items ?? []).filter((c) => c.isActive)));
  }, []);

  const submit = (status: "draft" | "open") => async (event?: FormEvent) => {
    event?.preventDefault();
    const res = await api.POST("/api/v1/support-requests", {
      body: {
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
        requiredQualificationIds: required,
        preferredQualificationIds: preferred,
        status,
      },
    });
    if (!res.data) return setProblem(asProblem(res.error, res.response.status));
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
    requiredQualificationIds: t("requests.required"),
  };
  return (
    <Page title={t("requests.createTitle")}>
      <ErrorSummary problem={problem} labels={labels} />
      <form className="kern-stack form-narrow" onSubmit={(e) => void submit("open")(e)} noValidate>
        <TextField name="title" label={labels.title} value={form.title} onChange={set("title")} error={errors.title} />
        <TextField name="tasks" label={labels.tasks} value={form.tasks} onChange={set("tasks")} error={errors.tasks} />
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
        <div className="button-row">
          <Button>{t("requests.publish")}</Button>
          <Button type="button" kind="secondary" onClick={() => void submit("draft")()}>
            {t("requests.saveDraft")}
          </Button>
        </div>
      </form>
    </Page>
  );
}
