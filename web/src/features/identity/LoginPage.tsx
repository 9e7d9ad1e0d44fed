import { useEffect, useState, type FormEvent } from "react";
import { useNavigate, useSearch } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { api, asProblem, type Problem } from "../../api/client";
import { Button, ErrorSummary, fieldErrors, Notice, SelectField, TextField } from "../../components/forms";
import { Page } from "../../components/Page";
import { useSession } from "./session";

/** Login with login name and password. */
export function LoginPage() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const search = useSearch({ strict: false }) as { weiter?: string; sso?: string; abgemeldet?: string };
  const [ssoOrganizations, setSsoOrganizations] = useState<Array<{ organizationId: string; name: string }>>([]);
  const [ssoOrganization, setSsoOrganization] = useState("");
  useEffect(() => {
    void api.GET("/api/v1/sso/organizations").then((r) => {
      const items = r.data?.items ?? [];
      setSsoOrganizations(items);
      setSsoOrganization(items[0]?.organizationId ?? "");
    });
  }, []);
  const ssoReason =
    search.sso &&
    ["no_provider", "expired", "provider_error", "unverified_email", "login_taken", "inactive", "link_required"].includes(search.sso)
      ? search.sso
      : null;
  const startSso = (event: FormEvent) => {
    event.preventDefault();
    const target = search.weiter && search.weiter.startsWith("/") && !search.weiter.startsWith("//") ? search.weiter : "/";
    window.location.assign(`/api/v1/sso/${ssoOrganization}/start?returnTo=${encodeURIComponent(target)}`);
  };
  const [login, setLogin] = useState("");
  const [password, setPassword] = useState("");
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrors(problem, i18n.language);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const res = await api
      .POST("/api/v1/session", { body: { login, password } })
      .catch((e) => ({ data: undefined, error: e, response: undefined }));
    setBusy(false);
    if (!res.data) {
      setProblem(asProblem(res.error, res.response?.status));
      setPassword("");
      return;
    }
    session.signIn(res.data);
    const target = search.weiter && search.weiter.startsWith("/") && !search.weiter.startsWith("//") ? search.weiter : "/";
    await navigate({ to: target });
  };

  return (
    <Page title={t("login.title")} intro={t("login.intro")}>
      {session.endedBecause === "expired" && !problem ? <Notice kind="info">{t("login.expired")}</Notice> : null}
      {(session.endedBecause === "signedOut" || search.abgemeldet) && !problem ? <Notice kind="info">{t("login.signedOut")}</Notice> : null}
      {ssoReason ? (
        <div className="kern-alert kern-alert--danger" role="alert">
          <div className="kern-alert__header">
            <span className="kern-icon kern-icon--danger" aria-hidden="true" />
            <span className="kern-title">{t(`sso.errors.${ssoReason}`)}</span>
          </div>
        </div>
      ) : null}
      {ssoOrganizations.length ? (
        <section aria-labelledby="sso-heading" className="form-narrow">
          <h2 className="kern-heading-medium" id="sso-heading">
            {t("sso.heading")}
          </h2>
          <p className="kern-body">{t("sso.intro")}</p>
          <form className="kern-stack" onSubmit={startSso}>
            <SelectField
              name="ssoOrganization"
              label={t("sso.organization")}
              value={ssoOrganization}
              onChange={setSsoOrganization}
              options={ssoOrganizations.map((o) => ({ value: o.organizationId, label: o.name }))}
            />
            <div>
              <Button kind="secondary">{t("sso.submit")}</Button>
            </div>
          </form>
          <h2 className="kern-heading-medium">{t("sso.or")}</h2>
        </section>
      ) : null}
      <ErrorSummary problem={problem} labels={{ login: t("login.login"), password: t("login.password") }} />
      <form className="kern-stack form-narrow" onSubmit={(e) => void submit(e)} noValidate>
        <TextField
          name="login"
          label={t("login.login")}
          value={login}
          onChange={setLogin}
          type="email"
          autoComplete="username"
          error={errors.login}
          required
        />
        <TextField
          name="password"
          label={t("login.password")}
          value={password}
          onChange={setPassword}
          type="password"
          autoComplete="current-password"
          error={errors.password}
          required
        />
        <div>
          <Button disabled={busy}>{t("login.submit")}</Button>
        </div>
      </form>
    </Page>
  );
}
