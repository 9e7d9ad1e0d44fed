import { useEffect, useState, type FormEvent } from "react";
import { Link } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { api, asProblem, type Problem } from "../../api/client";
import type { paths } from "../../api/schema";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { Button, Checkbox, ErrorSummary, fieldErrors, Notice, TextField } from "../../components/forms";
import { Page } from "../../components/Page";
import { formatters } from "../../i18n";

type State = paths["/api/v1/identity-provider"]["get"]["responses"][200]["content"]["application/json"];
type Change = NonNullable<State["change"]>;

/** The latest requested change: what, who asked, its state, and who must confirm it. */
function ChangeBox({ change, onWithdraw }: { change: Change; onWithdraw(): void }) {
  const { t, i18n } = useTranslation();
  const f = formatters(i18n.language);
  const rows: Array<[string, string]> = [
    [t("sso.changeState"), t(`sso.status.${change.status}`)],
    [t("providerChanges.issuer"), change.issuer],
    [t("sso.clientId"), change.clientId],
    [t("sso.enabledShort"), change.isEnabled ? t("sso.on") : t("sso.off")],
  ];
  if (change.reason) rows.push([t("sso.reason"), change.reason]);
  return (
    <section aria-labelledby="change-heading" className={`kern-card change-box change-box--${change.status}`}>
      <div className="kern-card__container">
        <div className="kern-card__body">
          <h2 className="kern-heading-small" id="change-heading">
            {t("sso.changeHeading")}
          </h2>
          <p className="kern-body">
            {t("sso.changeWho", { name: change.requestedBy, date: f.dateTime(change.requestedAt) })}
            {change.decidedBy && change.decidedAt ? (
              <>
                <br />
                {t("sso.changeDecided", { name: change.decidedBy, date: f.dateTime(change.decidedAt) })}
              </>
            ) : null}
          </p>
          <dl className="kern-description-list">
            {rows.map(([k, v]) => (
              <div key={k} className="kern-description-list-item">
                <dt className="kern-description-list-item__key">{k}</dt>
                <dd className="kern-description-list-item__value">{v}</dd>
              </div>
            ))}
          </dl>
          {change.status === "pending" ? (
            <>
              <p className="kern-body">{t("sso.mustConfirm")}</p>
              <p>
                <Button type="button" kind="secondary" onClick={onWithdraw}>
                  {t("sso.withdraw")}
                </Button>
              </p>
            </>
          ) : null}
        </div>
      </div>
    </section>
  );
}

/**
 * The HR office sets up single sign-on with its administration's OpenID Connect provider. What
 * widens trust is only requested and shown as pending until the region's coordination confirms it;
 * switching off applies at once and is asked first.
 */
export function SsoSettingsPage() {
  const { t, i18n } = useTranslation();
  const [loaded, setLoaded] = useState<State | null>(null);
  const [issuer, setIssuer] = useState("");
  const [clientId, setClientId] = useState("");
  const [clientSecret, setClientSecret] = useState("");
  const [scopes, setScopes] = useState("openid email profile");
  const [isEnabled, setIsEnabled] = useState(true);
  const [isPasswordLoginEnabled, setIsPasswordLoginEnabled] = useState(true);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [asking, setAsking] = useState<"switchOff" | "withdraw" | null>(null);
  const errors = fieldErrors(problem, i18n.language);

  const apply = (data: State) => {
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
  const load = () => api.GET("/api/v1/identity-provider").then((r) => r.data && apply(r.data));
  useEffect(() => {
    void load();
  }, []);

  const save = async () => {
    setAsking(null);
    setNotice(null);
    const res = await api.PUT("/api/v1/identity-provider", {
      body: { issuer, clientId, scopes, isEnabled, isPasswordLoginEnabled, ...(clientSecret ? { clientSecret } : {}) },
    });
    if (!res.data) return setProblem(asProblem(res.error, res.response.status));
    setProblem(null);
    setNotice(res.response.status === 202 ? t("sso.requested") : t("sso.saved"));
    apply(res.data);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (loaded?.settings?.isEnabled && !isEnabled) return setAsking("switchOff");
    void save();
  };
  const withdraw = async () => {
    setAsking(null);
    const res = await api.DELETE("/api/v1/identity-provider/change");
    if (res.response.status !== 204) return setProblem(asProblem(res.error, res.response.status));
    setNotice(t("sso.withdrawn"));
    await load();
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
  const inForce = loaded.settings;
  return (
    <Page title={t("sso.settingsTitle")} intro={t("sso.settingsIntro")}>
      <p className="kern-body">{t("sso.redirectUri")}</p>
      <p className="kern-body">
        <code className="redirect-uri">{loaded.redirectUri}</code>
      </p>
      {inForce?.source === "env" ? <Notice kind="info">{t("sso.fromEnv")}</Notice> : null}
      {notice ? <Notice>{notice}</Notice> : null}
      <p className="kern-body">
        <strong>{t("sso.inForce")}:</strong>{" "}
        {inForce ? `${inForce.isEnabled ? t("sso.on") : t("sso.off")} · ${inForce.issuer} · ${inForce.clientId}` : t("sso.none")}
      </p>
      {loaded.change ? <ChangeBox change={loaded.change} onWithdraw={() => setAsking("withdraw")} /> : null}
      <ErrorSummary problem={problem} labels={labels} />
      <p className="kern-body form-narrow">{t("sso.fourEyes")}</p>
      <form className="kern-stack form-narrow" onSubmit={submit} noValidate>
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
          hint={inForce?.hasClientSecret ? t("sso.clientSecretKept") : undefined}
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
      <ConfirmDialog
        open={asking !== null}
        title={asking === "withdraw" ? t("sso.withdrawTitle") : t("sso.switchOffTitle")}
        body={<p className="kern-body">{asking === "withdraw" ? t("sso.withdrawBody") : t("sso.switchOffBody")}</p>}
        confirmLabel={asking === "withdraw" ? t("sso.withdraw") : t("sso.switchOff")}
        onConfirm={() => void (asking === "withdraw" ? withdraw() : save())}
        onCancel={() => setAsking(null)}
      />
    </Page>
  );
}
