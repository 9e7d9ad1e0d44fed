import { useState } from "react";
import { useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { useApi, useMutation } from "../../api/hooks";
import { Button, Checkbox, ErrorSummary, Form, SelectField, TextField } from "../../components/forms";
import { Page } from "../../components/Page";
import { useSession } from "../identity/session";
import { DepartmentSelect, useDepartments } from "../organizations/Departments";
import type { Membership, NewPoolMember, Qualifications } from "./api";
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

/** The HR office registers a pool member whose written consent it holds (no own account needed). */
export function PoolMemberNewPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const navigate = useNavigate();
  const departments = useDepartments(me?.organization.id);
  const catalogue = useApi<Qualifications>(loadCatalogue, []);
  // The consent text in force: its version is what the written consent refers to.
  const consent = useApi<Membership>(() => api.GET("/api/v1/me/pool-membership"), []);
  const consentVersion = consent.data?.consent.version ?? "";
  const [form, setForm] = useState({
    name: "",
    workEmail: "",
    phone: "",
    jobTitle: "",
    employmentStatus: "employee",
    payGroup: "E 9a",
    departmentId: "",
    travelRadiusKm: "25",
    languages: "",
    notes: "",
  });
  const [canWorkRemotely, setCanWorkRemotely] = useState(false);
  const [windows, setWindows] = useState<WindowInput[]>([emptyWindow()]);
  const [validUntil, setValidUntil] = useState<Record<string, string>>({});
  const [hasConsent, setHasConsent] = useState(false);
  const [held, setHeld] = useState<string[]>([]);
  const register = useMutation((body: NewPoolMember) => api.POST("/api/v1/pool-members", { body }), {
    onSuccess: () => navigate({ to: "/pool/mitglieder" }),
  });
  const errors = register.errors;
  const set = (key: keyof typeof form) => (value: string) => setForm({ ...form, [key]: value });

  const submit = () => {
    void register.run({
      hasConsent: hasConsent as true,
      consentVersion,
      name: form.name,
      workEmail: form.workEmail,
      phone: form.phone || null,
      jobTitle: form.jobTitle,
      employmentStatus: form.employmentStatus as "employee",
      payGroup: form.payGroup,
      departmentId: form.departmentId || null,
      travelRadiusKm: Number(form.travelRadiusKm),
      canWorkRemotely,
      languages: parseLanguages(form.languages),
      notes: form.notes.trim() || null,
      qualifications: heldBody(held, validUntil),
      availability: availabilityBody(windows),
    });
  };

  const labels: Record<string, string> = {
    hasConsent: t("pool.writtenConsent", { version: consentVersion }),
    name: t("pool.name"),
    workEmail: t("pool.workEmail"),
    phone: t("pool.phone"),
    jobTitle: t("pool.jobTitle"),
    payGroup: t("pool.payGroup"),
    departmentId: t("pool.department"),
    travelRadiusKm: t("pool.travelRadiusKm"),
    languages: t("pool.languages"),
    notes: t("pool.notes"),
    employmentStatus: t("pool.employmentStatus"),
    canWorkRemotely: t("pool.canWorkRemotely"),
    qualifications: t("pool.qualifications"),
    ...validUntilLabels("qualifications", held, catalogue.data?.items ?? [], t),
    ...availabilityLabels(windows, t),
  };
  return (
    <Page title={t("pool.register")} intro={t("pool.registerIntro")}>
      <ErrorSummary problem={register.problem} labels={labels} />
      <Form name="pool-member-new" mutation={register} onSubmit={submit}>
        <Checkbox name="hasConsent" label={labels.hasConsent} checked={hasConsent} onChange={setHasConsent} error={errors.hasConsent} />
        <TextField name="name" label={labels.name} value={form.name} onChange={set("name")} error={errors.name} autoComplete="off" />
        <TextField
          name="workEmail"
          label={labels.workEmail}
          type="email"
          value={form.workEmail}
          onChange={set("workEmail")}
          error={errors.workEmail}
          autoComplete="off"
        />
        <TextField name="phone" label={labels.phone} value={form.phone} onChange={set("phone")} error={errors.phone} autoComplete="off" />
        <TextField name="jobTitle" label={labels.jobTitle} value={form.jobTitle} onChange={set("jobTitle")} error={errors.jobTitle} />
        <SelectField
          name="employmentStatus"
          label={labels.employmentStatus}
          value={form.employmentStatus}
          error={errors.employmentStatus}
          onChange={set("employmentStatus")}
          options={[
            { value: "employee", label: t("pool.employee") },
            { value: "civil_servant", label: t("pool.civilServant") },
          ]}
        />
        <SelectField
          name="payGroup"
          label={labels.payGroup}
          value={form.payGroup}
          onChange={set("payGroup")}
          error={errors.payGroup}
          options={PAY_GROUPS.map((g) => ({ value: g, label: g }))}
        />
        <DepartmentSelect departments={departments} value={form.departmentId} onChange={set("departmentId")} error={errors.departmentId} />
        <TextField
          name="travelRadiusKm"
          label={labels.travelRadiusKm}
          type="number"
          value={form.travelRadiusKm}
          onChange={set("travelRadiusKm")}
          error={errors.travelRadiusKm}
        />
        <Checkbox
          name="canWorkRemotely"
          label={labels.canWorkRemotely}
          checked={canWorkRemotely}
          onChange={setCanWorkRemotely}
          error={errors.canWorkRemotely}
        />
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
        <TextField
          name="languages"
          label={labels.languages}
          hint={t("pool.languagesHint")}
          value={form.languages}
          onChange={set("languages")}
          error={errors.languages}
        />
        <TextField
          name="notes"
          label={labels.notes}
          hint={t("pool.notesHint")}
          value={form.notes}
          onChange={set("notes")}
          error={errors.notes}
          multiline
        />
        <div>
          <Button>{t("pool.registerSubmit")}</Button>
        </div>
      </Form>
    </Page>
  );
}
