import { useState } from "react";
import { Link } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { useMutation, usePagedApi } from "../../api/hooks";
import { Button, ErrorSummary, Form, Notice, TextField } from "../../components/forms";
import { DataTable } from "../../components/DataTable";
import { LoadMore } from "../../components/LoadMore";
import { Page } from "../../components/Page";
import { QueryState } from "../../components/QueryState";
import { DepartmentSelect, useDepartments } from "../organizations/Departments";
import type { Accounts, NewAccount, Role } from "./api";
import { RoleFieldset } from "./RoleFieldset";
import { useSession } from "./session";

/** Account management of the HR office: the accounts of its administration and a form for new ones. */
export function AccountsPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const accounts = usePagedApi<Accounts>((cursor) => api.GET("/api/v1/accounts", { params: { query: { cursor } } }), []);
  const departments = useDepartments(me?.organization.id);
  const [login, setLogin] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [roles, setRoles] = useState<Role[]>(["employee"]);
  const [departmentId, setDepartmentId] = useState("");
  const [initialPassword, setInitialPassword] = useState("");
  const [created, setCreated] = useState<string | null>(null);
  const create = useMutation((body: NewAccount) => api.POST("/api/v1/accounts", { body }), {
    async onSuccess(account) {
      setCreated(account.login);
      setLogin("");
      setDisplayName("");
      setInitialPassword("");
      setRoles(["employee"]);
      setDepartmentId("");
      await accounts.reload();
    },
  });
  const errors = create.errors;

  const submit = () => {
    setCreated(null);
    void create.run({ login, displayName, roles, departmentId: departmentId || null, initialPassword });
  };

  const labels = {
    login: t("accounts.login"),
    displayName: t("accounts.name"),
    roles: t("accounts.roles"),
    departmentId: t("accounts.department"),
    initialPassword: t("accounts.initialPassword"),
  };
  // Refused (or unreachable): the page says why and offers no form the server would refuse too.
  if (accounts.problem) return <QueryState query={accounts} title={t("accounts.title")} />;
  const items = accounts.data?.items;
  return (
    <Page title={t("accounts.title")} intro={t("accounts.intro")}>
      <p className="kern-body">
        <Link to="/konten/anmeldung" className="kern-link">
          {t("sso.settingsLink")}
        </Link>
      </p>
      {!items ? (
        <QueryState query={accounts} inline />
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
      <LoadMore query={accounts} />

      <h2 className="kern-heading-medium" id="create-heading">
        {t("accounts.createTitle")}
      </h2>
      {created ? <Notice>{t("accounts.created", { login: created })}</Notice> : null}
      <ErrorSummary problem={create.problem} labels={labels} />
      <Form name="account-new" labelledBy="create-heading" mutation={create} onSubmit={submit}>
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
        <RoleFieldset roles={roles} held={[]} grantable={accounts.data?.grantableRoles ?? []} onChange={setRoles} error={errors.roles} />
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
      </Form>
    </Page>
  );
}
