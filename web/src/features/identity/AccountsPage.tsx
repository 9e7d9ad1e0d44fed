import { useCallback, useEffect, useState, type FormEvent } from "react";
import { Link } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { api, asProblem, type Problem } from "../../api/client";
import type { paths } from "../../api/schema";
import { Button, Checkbox, ErrorSummary, fieldErrors, Notice, SelectField, TextField } from "../../components/forms";
import { DataTable } from "../../components/DataTable";
import { Page } from "../../components/Page";
import { useSession } from "./session";

export type Account = paths["/api/v1/accounts"]["get"]["responses"][200]["content"]["application/json"]["items"][number];
export type Role = Account["roles"][number];
export type Department = { id: string; key: string; name: string };

/** Roles an HR office may grant (region_admin is the region's to grant). */
export const GRANTABLE: Role[] = [
  "org_admin",
  "department_head",
  "clerk",
  "employee",
  "staff_council",
  "finance",
  "reporter",
  "climate_manager",
  "moderator",
  "management",
];

/** The departments of the signed-in account's administration. */
export function useDepartments(organizationId: string | undefined): Department[] {
  const [deps, setDeps] = useState<Department[]>([]);
  useEffect(() => {
    if (!organizationId) return;
    void api
      .GET("/api/v1/organizations/{id}", { params: { path: { id: organizationId } } })
      .then((r) => setDeps(r.data?.departments ?? []));
  }, [organizationId]);
  return deps;
}

/** The department of an account: a select of the administration's departments or none. */
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

/** Checkboxes for the roles, as one fieldset. */
export function RoleFieldset({
  roles,
  onChange,
  error,
  disabledHint,
}: {
  roles: Role[];
  onChange(r: Role[]): void;
  error?: string;
  /** Why the roles cannot be changed here (own account); the boxes are then read-only. */
  disabledHint?: string;
}) {
  const { t } = useTranslation();
  const available = roles.includes("region_admin") ? (["region_admin", ...GRANTABLE] as Role[]) : GRANTABLE;
  return (
    <fieldset
      className={`kern-fieldset${error ? " kern-fieldset--error" : ""}`}
      id="field-roles"
      aria-describedby={[error ? "field-roles-error" : "", disabledHint ? "field-roles-hint" : ""].filter(Boolean).join(" ") || undefined}
    >
      <legend className="kern-label">{t("accounts.roles")}</legend>
      {disabledHint ? (
        <div className="kern-hint" id="field-roles-hint">
          {disabledHint}
        </div>
      ) : null}
      {error ? (
        <p className="kern-error" id="field-roles-error">
          <span className="kern-body">{error}</span>
        </p>
      ) : null}
      <div className="kern-fieldset__body role-grid">
        {available.map((role) => (
          <Checkbox
            key={role}
            name={`role-${role}`}
            label={t(`roles.${role}`)}
            checked={roles.includes(role)}
            disabled={!!disabledHint}
            onChange={(on) => onChange(on ? [...roles, role] : roles.filter((r) => r !== role))}
          />
        ))}
      </div>
    </fieldset>
  );
}

/** Account management of the HR office: the accounts of its administration and a form for new ones. */
export function AccountsPage() {
  const { t, i18n } = useTranslation();
  const { me } = useSession();
  const [items, setItems] = useState<Account[] | null>(null);
  const departments = useDepartments(me?.organization.id);
  const [login, setLogin] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [roles, setRoles] = useState<Role[]>(["employee"]);
  const [departmentId, setDepartmentId] = useState("");
  const [initialPassword, setInitialPassword] = useState("");
  const [problem, setProblem] = useState<Problem | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const errors = fieldErrors(problem, i18n.language);

  const load = useCallback(() => api.GET("/api/v1/accounts").then((r) => setItems(r.data?.items ?? [])), []);
  useEffect(() => {
    void load();
  }, [load]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setCreated(null);
    const res = await api.POST("/api/v1/accounts", {
      body: { login, displayName, roles, departmentId: departmentId || null, initialPassword },
    });
    if (!res.data) {
      setProblem(asProblem(res.error, res.response.status));
      return;
    }
    setProblem(null);
    setCreated(res.data.login);
    setLogin("");
    setDisplayName("");
    setInitialPassword("");
    setRoles(["employee"]);
    setDepartmentId("");
    await load();
  };

  const labels = {
    login: t("accounts.login"),
    displayName: t("accounts.name"),
    roles: t("accounts.roles"),
    departmentId: t("accounts.department"),
    initialPassword: t("accounts.initialPassword"),
  };
  return (
    <Page title={t("accounts.title")} intro={t("accounts.intro")}>
      <p className="kern-body">
        <Link to="/konten/anmeldung" className="kern-link">
          {t("sso.settingsLink")}
        </Link>
      </p>
      {items === null ? (
        <p className="kern-body">{t("errors.loading")}</p>
      ) : (
        <DataTable
          id="accounts-caption"
          caption={t("accounts.caption", { organization: me?.organization.name })}
          columns={[
            { label: t("accounts.name") },
            { label: t("accounts.login") },
            { label: t("accounts.roles") },
            { label: t("accounts.department") },
            { label: t("accounts.status") },
            { label: t("accounts.actions"), action: true },
          ]}
        >
          {items.map((a) => (
            <tr key={a.id} className="kern-table__row">
              <th scope="row" className="kern-table__cell">
                {a.displayName}
              </th>
              <td className="kern-table__cell">{a.login}</td>
              <td className="kern-table__cell">{a.roles.map((r) => t(`roles.${r}`)).join(", ")}</td>
              <td className="kern-table__cell">{a.department?.name ?? "–"}</td>
              <td className="kern-table__cell">
                <span className={`kern-badge ${a.isActive ? "kern-badge--success" : "kern-badge--warning"}`}>
                  <span className="kern-label">{a.isActive ? t("accounts.active") : t("accounts.inactive")}</span>
                </span>
              </td>
              <td className="kern-table__cell kern-table__cell--action">
                {a.abilities.update ? (
                  <Link
                    to="/konten/$id"
                    params={{ id: a.id }}
                    className="kern-link"
                    aria-label={t("accounts.editNamed", { name: a.displayName })}
                  >
                    {t("accounts.edit")}
                  </Link>
                ) : null}
              </td>
            </tr>
          ))}
        </DataTable>
      )}

      <h2 className="kern-heading-medium" id="create-heading">
        {t("accounts.createTitle")}
      </h2>
      {created ? <Notice>{t("accounts.created", { login: created })}</Notice> : null}
      <ErrorSummary problem={problem} labels={labels} />
      <form className="kern-stack form-narrow" aria-labelledby="create-heading" onSubmit={(e) => void submit(e)} noValidate>
        <TextField
          name="displayName"
          label={labels.displayName}
          value={displayName}
          onChange={setDisplayName}
          error={errors.displayName}
          autoComplete="off"
        />
        <TextField
          name="login"
          label={labels.login}
          value={login}
          onChange={setLogin}
          type="email"
          error={errors.login}
          autoComplete="off"
        />
        <DepartmentSelect departments={departments} value={departmentId} onChange={setDepartmentId} error={errors.departmentId} />
        <RoleFieldset roles={roles} onChange={setRoles} error={errors.roles} />
        <TextField
          name="initialPassword"
          label={labels.initialPassword}
          hint={t("accounts.initialPasswordHint")}
          value={initialPassword}
          onChange={setInitialPassword}
          type="password"
          autoComplete="new-password"
          error={errors.initialPassword}
        />
        <div>
          <Button>{t("accounts.create")}</Button>
        </div>
      </form>
    </Page>
  );
}
