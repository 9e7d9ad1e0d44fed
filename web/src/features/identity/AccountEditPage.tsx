import { useState } from "react";
import { Link, useParams } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { useApi, useMutation } from "../../api/hooks";
import { Button, Checkbox, ErrorSummary, Form, Notice, TextField } from "../../components/forms";
import { Page } from "../../components/Page";
import { QueryState } from "../../components/QueryState";
import { formatters } from "../../i18n";
import { DepartmentSelect, useDepartments } from "../organizations/Departments";
import { AccountIdentitySection } from "./AccountIdentitySection";
import type { Account, AccountChange, Role } from "./api";
import { RoleFieldset } from "./RoleFieldset";
import { useSession } from "./session";

/** Edit one account of the own administration: name, department, roles, active state. */
export function AccountEditPage() {
  const { t, i18n } = useTranslation();
  const { me } = useSession();
  const { id } = useParams({ strict: false }) as { id: string };
  const departments = useDepartments(me?.organization.id);
  const [displayName, setDisplayName] = useState("");
  const [roles, setRoles] = useState<Role[]>([]);
  const [departmentId, setDepartmentId] = useState("");
  const [isActive, setIsActive] = useState(true);
  const [saved, setSaved] = useState(false);
  const f = formatters(i18n.language);

  const account = useApi<Account>(async () => {
    const res = await api.GET("/api/v1/accounts/{id}", { params: { path: { id } } });
    if (res.data) fill(res.data);
    return res;
  }, [id]);
  /** Shows an account as the server answered and puts its values into the form. */
  const apply = (a: Account) => {
    account.setData(a);
    fill(a);
  };
  const fill = (a: Account) => {
    setDisplayName(a.displayName);
    setRoles(a.roles);
    setDepartmentId(a.department?.id ?? "");
    setIsActive(a.isActive);
  };
  const save = useMutation((body: AccountChange) => api.PATCH("/api/v1/accounts/{id}", { params: { path: { id } }, body }), {
    onSuccess(a) {
      setSaved(true);
      apply(a);
    },
  });
  const errors = save.errors;

  const submit = () => {
    setSaved(false);
    void save.run({ displayName, roles, departmentId: departmentId || null, isActive });
  };

  const a = account.data;
  if (!a) return <QueryState query={account} />;
  const labels = {
    displayName: t("accounts.name"),
    roles: t("accounts.roles"),
    departmentId: t("accounts.department"),
    isActive: t("accounts.status"),
  };
  return (
    <Page title={t("accounts.editNamed", { name: a.displayName })} intro={a.login}>
      <p className="kern-body">
        {t("accounts.lastSignIn")}: {a.lastSignedInAt ? f.dateTime(a.lastSignedInAt) : t("accounts.never")}
      </p>
      {saved ? <Notice>{t("accounts.saved")}</Notice> : null}
      <ErrorSummary problem={save.problem} labels={labels} />
      <Form name="account" mutation={save} onSubmit={submit}>
        <TextField name="displayName" label={labels.displayName} value={displayName} onChange={setDisplayName} error={errors.displayName} />
        <DepartmentSelect departments={departments} value={departmentId} onChange={setDepartmentId} error={errors.departmentId} />
        <RoleFieldset
          roles={roles}
          held={a.roles}
          grantable={a.abilities.grantableRoles}
          onChange={setRoles}
          error={errors.roles}
          disabledHint={a.abilities.changeRoles ? undefined : t("accounts.ownRoles")}
        />
        <Checkbox name="isActive" label={t("accounts.isActive")} checked={isActive} onChange={setIsActive} error={errors.isActive} />
        <div className="button-row">
          <Button>{t("accounts.save")}</Button>
          <Link to="/konten" className="kern-btn kern-btn--secondary">
            <span className="kern-label">{t("accounts.cancel")}</span>
          </Link>
        </div>
      </Form>
      <AccountIdentitySection account={a} onChanged={apply} />
    </Page>
  );
}
