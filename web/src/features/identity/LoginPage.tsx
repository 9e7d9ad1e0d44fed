import { useState } from "react";
import { useNavigate, useSearch } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { useApi, useMutation } from "../../api/hooks";
import { Alert, Button, ErrorSummary, Form, Notice, SelectField, TextField } from "../../components/forms";
import { Page } from "../../components/Page";
import type { Credentials, SsoOrganizations } from "./api";
import { useSession } from "./session";

/** Login with login name and password. */
export function LoginPage() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const search = useSearch({ strict: false }) as { weiter?: string; sso?: string; abgemeldet?: string };
  const sso = useApi<SsoOrganizations>(() => api.GET("/api/v1/sso/organizations"), []);
  const ssoOrganizations = sso.data?.items ?? [];
  const [chosenOrganization, setSsoOrganization] = useState("");
  const ssoOrganization = chosenOrganization || (ssoOrganizations[0]?.organizationId ?? "");
  const ssoReason =
    search.sso &&
    ["no_provider", "expired", "provider_error", "unverified_email", "login_taken", "inactive", "link_required"].includes(search.sso)
      ? search.sso
      : null;
  // Where to go after signing in: a path of this app only (never another site).
  const target = search.weiter && search.weiter.startsWith("/") && !search.weiter.startsWith("//") ? search.weiter : "/";
  const startSso = () => {
    window.location.assign(`/api/v1/sso/${ssoOrganization}/start?returnTo=${encodeURIComponent(target)}`);
  };
  const [login, setLogin] = useState("");
  const [password, setPassword] = useState("");
  const signIn = useMutation((body: Credentials) => api.POST("/api/v1/session", { body }), {
    async onSuccess(result) {
      session.signIn(result);
      await navigate({ to: target });
    },
  });
  const problem = signIn.problem;
  const errors = signIn.errors;

  const submit = async () => {
    if (await signIn.run({ login, password })) setPassword(""); // refused: type it again
  };

  return (
    <Page title={t("login.title")} intro={t("login.intro")}>
      {session.endedBecause === "expired" && !problem ? <Notice kind="info">{t("login.expired")}</Notice> : null}
      {(session.endedBecause === "signedOut" || search.abgemeldet) && !problem ? <Notice kind="info">{t("login.signedOut")}</Notice> : null}
      {ssoReason ? <Alert>{t(`sso.errors.${ssoReason}`)}</Alert> : null}
      {ssoOrganizations.length ? (
        <section aria-labelledby="sso-heading" className="form-narrow">
          <h2 className="kern-heading-medium" id="sso-heading">
            {t("sso.heading")}
          </h2>
          <p className="kern-body">{t("sso.intro")}</p>
          <Form name="sso-start" className="kern-stack" onSubmit={startSso}>
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
          </Form>
          <h2 className="kern-heading-medium">{t("sso.or")}</h2>
        </section>
      ) : null}
      <ErrorSummary problem={problem} labels={{ login: t("login.login"), password: t("login.password") }} />
      <Form name="sign-in" mutation={signIn} onSubmit={() => void submit()}>
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
          <Button disabled={signIn.busy}>{t("login.submit")}</Button>
        </div>
      </Form>
    </Page>
  );
}
