import { useState } from "react";
import { Link } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { useApi, useMutation } from "../../api/hooks";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { DescriptionList } from "../../components/DescriptionList";
import { Button, Checkbox, ErrorSummary, Form, Notice, TextField } from "../../components/forms";
import { Page } from "../../components/Page";
import { QueryState } from "../../components/QueryState";
import { formatters } from "../../i18n";
import type { ProviderChangeRequest, ProviderSettings, ProviderState } from "./api";

/** The latest requested change: what, who asked, its state, and who must confirm it. */
function ChangeBox({ change, onWithdraw }: { change: ProviderChangeRequest; onWithdraw(): void }) {
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
          <DescriptionList items={rows} />
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
  const { t } = useTranslation();
  const [issuer, setIssuer] = useState("");
  const [clientId, setClientId] = useState("");
  const [clientSecret, setClientSecret] = useState("");
  const [scopes, setScopes] = useState("openid email profile");
  const [isEnabled, setIsEnabled] = useState(true);
  const [isPasswordLoginEnabled, setIsPasswordLoginEnabled] = useState(true);
  const [notice, setNotice] = useState<string | null>(null);
  const [asking, setAsking] = useState<"switchOff" | "withdraw" | null>(null);

  /** Puts the settings in force into the form (the secret is never sent back). */
  const fill = (data: ProviderState) => {
    if (data.settings) {
      setIssuer(data.settings.issuer);
      setClientId(data.settings.clientId);
      setScopes(data.settings.scopes);
      setIsEnabled(data.settings.isEnabled);
      setIsPasswordLoginEnabled(data.settings.isPasswordLoginEnabled);
    }
    setClientSecret("");
  };
  const provider = useApi<ProviderState>(async () => {
    const res = await api.GET("/api/v1/identity-provider");
    if (res.data) fill(res.data);
    return res;
  }, []);
  const save = useMutation(
    async (body: ProviderSettings) => {
      const res = await api.PUT("/api/v1/identity-provider", { body });
      // 202: only requested, the coordination confirms it; 200: in force at once.
      return { ...res, data: res.data && { state: res.data, isRequested: res.response.status === 202 } };
    },
    {
      onSuccess({ state, isRequested }) {
        setNotice(isRequested ? t("sso.requested") : t("sso.saved"));
        provider.setData(state);
        fill(state);
      },
    },
  );
  const withdrawal = useMutation(() => api.DELETE("/api/v1/identity-provider/change"), {
    async onSuccess() {
      setNotice(t("sso.withdrawn"));
      await provider.reload();
    },
  });
  const problem = save.problem ?? withdrawal.problem;
  const errors = save.errors;

  const send = () => {
    setAsking(null);
    setNotice(null);
    void save.run({ issuer, clientId, scopes, isEnabled, isPasswordLoginEnabled, ...(clientSecret ? { clientSecret } : {}) });
  };
  const submit = () => {
    if (provider.data?.settings?.isEnabled && !isEnabled) return setAsking("switchOff");
    send();
  };
  const withdraw = () => {
    setAsking(null);
    void withdrawal.run();
  };

  const loaded = provider.data;
  if (!loaded) return <QueryState query={provider} title={t("sso.settingsTitle")} />;
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
      <Form name="sso-settings" mutation={save} onSubmit={submit}>
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
        <Checkbox name="isEnabled" label={labels.isEnabled} checked={isEnabled} onChange={setIsEnabled} error={errors.isEnabled} />
        <Checkbox
          name="isPasswordLoginEnabled"
          label={labels.isPasswordLoginEnabled}
          checked={isPasswordLoginEnabled}
          onChange={setIsPasswordLoginEnabled}
          error={errors.isPasswordLoginEnabled}
        />
        <div className="button-row">
          <Button>{t("sso.save")}</Button>
          <Link to="/konten" className="kern-btn kern-btn--secondary">
            <span className="kern-label">{t("accounts.cancel")}</span>
          </Link>
        </div>
      </Form>
      <ConfirmDialog
        open={asking !== null}
        title={asking === "withdraw" ? t("sso.withdrawTitle") : t("sso.switchOffTitle")}
        body={<p className="kern-body">{asking === "withdraw" ? t("sso.withdrawBody") : t("sso.switchOffBody")}</p>}
        confirmLabel={asking === "withdraw" ? t("sso.withdraw") : t("sso.switchOff")}
        onConfirm={() => (asking === "withdraw" ? withdraw() : send())}
        onCancel={() => setAsking(null)}
      />
    </Page>
  );
}
