import { useEffect, useState, type FormEvent } from "react";
import { Link } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { api, asProblem, type Problem } from "../api/client";
import type { paths } from "../api/schema";
import { Button, Checkbox, ErrorSummary, fieldErrors, Notice, TextField } from "../components/forms";
import { Page } from "../components/Page";

type Settings = paths["/api/v1/identity-provider"]["get"]["responses"][200]["content"]["application/json"];

/** The HR office sets up single sign-on with its administration's OpenID Connect provider. */
export function SsoSettingsPage() {
  const { t, i18n } = useTranslation();
  const [loaded, setLoaded] = useState<Settings | null>(null);
  const [issuer, setIssuer] = useState("");
  const [clientId, setClientId] = useState("");
  const [clientSecret, setClientSecret] = useState("");
  const [scopes, setScopes] = useState("openid email profile");
  const [isEnabled, setIsEnabled] = useState(true);
  const [isPasswordLoginEnabled, setIsPasswordLoginEnabled] = useState(true);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saved, setSaved] = useState(false);
  const errors = fieldErrors(problem, i18n.language);

  const apply = (data: Settings) => {
    setLoaded(data);
    if (data.settings) {
      setIssuer(data.settings.issuer);
      setClientId(data.settings.clientId);
      setScopes(data.settings.scopes);
      setIsEnabled(data.settings.isEnabled);
      setIsPasswordLoginEnabled(data.settings.isPasswordLoginEnabled);
    }
    setClientSecret("");
  };
  useEffect(() => {
    void api.GET("/api/v1/identity-provider").then((r) => r.data && apply(r.data));
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const res = await api.PUT("/api/v1/identity-provider", {
      body: { issuer, clientId, scopes, isEnabled, isPasswordLoginEnabled, ...(clientSecret ? { clientSecret } : {}) },
    });
    if (!res.data) return setProblem(asProblem(res.error, res.response.status));
    setProblem(null);
    setSaved(true);
    apply(res.data);
  };

  if (!loaded) return <p className="kern-body">{t("errors.loading")}</p>;
  const labels = {
    issuer: t("sso.issuer"),
    clientId: t("sso.clientId"),
    clientSecret: t("sso.clientSecret"),
    scopes: t("sso.scopes"),
    isEnabled: t("sso.isEnabled"),
    isPasswordLoginEnabled: t("sso.isPasswordLoginEnabled"),
  };
  return (
    <Page title={t("sso.settingsTitle")} intro={t("sso.settingsIntro")}>
      <p className="kern-body">{t("sso.redirectUri")}</p>
      <p className="kern-body">
        <code className="redirect-uri">{loaded.redirectUri}</code>
      </p>
      {loaded.settings?.source === "env" ? <Notice kind="info">{t("sso.fromEnv")}</Notice> : null}
      {saved ? <Notice>{t("sso.saved")}</Notice> : null}
      <ErrorSummary problem={problem} labels={labels} />
      <form className="kern-stack form-narrow" onSubmit={(e) => void submit(e)} noValidate>
        <TextField
          name="issuer"
          label={labels.issuer}
          hint={t("sso.issuerHint")}
          value={issuer}
          onChange={setIssuer}
          error={errors.issuer}
          autoComplete="off"
        />
        <TextField
          name="clientId"
          label={labels.clientId}
          value={clientId}
          onChange={setClientId}
          error={errors.clientId}
          autoComplete="off"
        />
        <TextField
          name="clientSecret"
          label={labels.clientSecret}
          hint={loaded.settings?.hasClientSecret ? t("sso.clientSecretKept") : undefined}
          value={clientSecret}
          onChange={setClientSecret}
          type="password"
          autoComplete="new-password"
          error={errors.clientSecret}
        />
        <TextField name="scopes" label={labels.scopes} value={scopes} onChange={setScopes} error={errors.scopes} autoComplete="off" />
        <Checkbox name="isEnabled" label={labels.isEnabled} checked={isEnabled} onChange={setIsEnabled} />
        <Checkbox
          name="isPasswordLoginEnabled"
          label={labels.isPasswordLoginEnabled}
          checked={isPasswordLoginEnabled}
          onChange={setIsPasswordLoginEnabled}
        />
        {errors.isPasswordLoginEnabled ? (
          <p className="kern-error" id="field-isPasswordLoginEnabled-error">
            <span className="kern-body">{errors.isPasswordLoginEnabled}</span>
          </p>
        ) : null}
        <div className="button-row">
          <Button>{t("sso.save")}</Button>
          <Link to="/konten" className="kern-btn kern-btn--secondary">
            <span className="kern-label">{t("accounts.cancel")}</span>
          </Link>
        </div>
      </form>
    </Page>
  );
}
