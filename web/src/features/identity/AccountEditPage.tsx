import { useEffect, useState, type FormEvent } from "react";
import { Link, useParams } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { api, asProblem, type Problem } from "../../api/client";
import { Button, Checkbox, ErrorSummary, fieldErrors, Notice, TextField } from "../../components/forms";
import { Page } from "../../components/Page";
import { useSession } from "./session";
import { formatters } from "../../i18n";
import { AccountIdentitySection } from "./AccountIdentitySection";
import { DepartmentSelect, RoleFieldset, useDepartments, type Account, type Role } from "./AccountsPage";

/** Edit one account of the own administration: name, department, roles, active state. */
export function AccountEditPage() {
  const { t, i18n } = useTranslation();
  const { me } = useSession();
  const { id } = useParams({ strict: false }) as { id: string };
  const departments = useDepartments(me?.organization.id);
  const [account, setAccount] = useState<Account | null | undefined>(undefined);
  const [displayName, setDisplayName] = useState("");
  const [roles, setRoles] = useState<Role[]>([]);
  const [departmentId, setDepartmentId] = useState("");
  const [isActive, setIsActive] = useState(true);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saved, setSaved] = useState(false);
  const errors = fieldErrors(problem, i18n.language);
  const f = formatters(i18n.language);

  const apply = (a: Account) => {
    setAccount(a);
    setDisplayName(a.displayName);
    setRoles(a.roles);
    setDepartmentId(a.department?.id ?? "");
    setIsActive(a.isActive);
  };
  useEffect(() => {
    void api.GET("/api/v1/accounts/{id}", { params: { path: { id } } }).then((r) => (r.data ? apply(r.data) : setAccount(null)));
  }, [id]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const res = await api.PATCH("/api/v1/accounts/{id}", {
      params: { path: { id } },
      body: { displayName, roles, departmentId: departmentId || null, isActive },
    });
    if (!res.data) {
      setProblem(asProblem(res.error, res.response.status));
      return;
    }
    setProblem(null);
    setSaved(true);
    apply(res.data);
  };

  if (account === undefined) return <p className="kern-body">{t("errors.loading")}</p>;
  if (account === null) return <Page title={t("errors.notFound")}>{null}</Page>;
  const labels = {
    displayName: t("accounts.name"),
    roles: t("accounts.roles"),
    departmentId: t("accounts.department"),
    isActive: t("accounts.status"),
  };
  return (
    <Page title={t("accounts.editNamed", { name: account.displayName })} intro={account.login}>
      <p className="kern-body">
        {t("accounts.lastSignIn")}: {account.lastSignedInAt ? f.dateTime(account.lastSignedInAt) : t("accounts.never")}
      </p>
      {saved ? <Notice>{t("accounts.saved")}</Notice> : null}
      <ErrorSummary problem={problem} labels={labels} />
      <form className="kern-stack form-narrow" onSubmit={(e) => void submit(e)} noValidate>
        <TextField name="displayName" label={labels.displayName} value={displayName} onChange={setDisplayName} error={errors.displayName} />
        <DepartmentSelect departments={departments} value={departmentId} onChange={setDepartmentId} error={errors.departmentId} />
        <RoleFieldset
          roles={roles}
          onChange={setRoles}
          error={errors.roles}
          disabledHint={account.abilities.changeRoles ? undefined : t("accounts.ownRoles")}
        />
        <Checkbox name="isActive" label={t("accounts.isActive")} checked={isActive} onChange={setIsActive} />
        {errors.isActive ? (
          <p className="kern-error">
            <span className="kern-body">{errors.isActive}</span>
          </p>
        ) : null}
        <div className="button-row">
          <Button>{t("accounts.save")}</Button>
          <Link to="/konten" className="kern-btn kern-btn--secondary">
            <span className="kern-label">{t("accounts.cancel")}</span>
          </Link>
        </div>
      </form>
      <AccountIdentitySection account={account} isSelf={account.id === me?.id} onChanged={apply} />
    </Page>
  );
}
