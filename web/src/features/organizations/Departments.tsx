import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { useApi } from "../../api/hooks";
import { SelectField } from "../../components/forms";
import type { Department, OrganizationDetail } from "./api";

/** The departments of an administration (the signed-in account's own); empty until loaded. */
export function useDepartments(organizationId: string | undefined): Department[] {
  const detail = useApi<OrganizationDetail>(
    organizationId ? () => api.GET("/api/v1/organizations/{id}", { params: { path: { id: organizationId } } }) : null,
    [organizationId],
  );
  return detail.data?.departments ?? [];
}

/** The department of an account or pool member: a select of the administration's departments or none. */
export function DepartmentSelect({
  departments,
  value,
  onChange,
  error,
}: {
  departments: Department[];
  value: string;
  onChange(v: string): void;
  error?: string;
}) {
  const { t } = useTranslation();
  return (
    <SelectField
      name="departmentId"
      label={t("accounts.department")}
      value={value}
      onChange={onChange}
      error={error}
      options={[{ value: "", label: t("accounts.noDepartment") }, ...departments.map((d) => ({ value: d.id, label: d.name }))]}
    />
  );
}
