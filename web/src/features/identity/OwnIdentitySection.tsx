import { useCallback, useEffect, useState } from "react";
import { useSearch } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { api, asProblem, type Problem } from "../../api/client";
import type { paths } from "../../api/schema";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { Button, ErrorSummary, Notice } from "../../components/forms";
import { formatters } from "../../i18n";
import { useSession } from "./session";

type MyIdentity = paths["/api/v1/me/identity"]["get"]["responses"][200]["content"]["application/json"];

const LINK_FAILURES = ["no_provider", "expired", "provider_error", "identity_taken", "link_session"];

/**
 * The profile's part on single sign-on: whether the own account is linked to the administration's
 * provider, the button that runs the provider's sign-in with a link intent bound to this session,
 * and removing the link (asked first). The callback comes back here with `?sso=linked` or a reason.
 */
export function OwnIdentitySection() {
  const { t, i18n } = useTranslation();
  const f = formatters(i18n.language);
  const { me } = useSession();
  const search = useSearch({ strict: false }) as { sso?: string };
  const [state, setState] = useState<MyIdentity | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [notice, setNotice] = useState<string | null>(search.sso === "linked" ? t("profile.sso.linkedDone") : null);
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const load = useCallback(() => api.GET("/api/v1/me/identity").then((r) => setState(r.data ?? null)), []);
  useEffect(() => {
    void load();
  }, [load]);
  const failure = search.sso && LINK_FAILURES.includes(search.sso) ? search.sso : null;

  const link = async () => {
    setBusy(true);
    const res = await api.POST("/api/v1/me/identity/link");
    if (!res.data) {
      setBusy(false);
      return setProblem(asProblem(res.error, res.response.status));
    }
    window.location.assign(res.data.url);
  };
  const unlink = async () => {
    setBusy(true);
    const res = await api.DELETE("/api/v1/me/identity");
    setBusy(false);
    setAsking(false);
    if (res.response.status !== 204) return setProblem(asProblem(res.error, res.response.status));
    setProblem(null);
    setNotice(t("profile.sso.unlinked"));
    await load();
  };

  if (!state) return null;
  return (
    <section aria-labelledby="sso-heading" className="form-narrow">
      <h2 className="kern-heading-medium" id="sso-heading">
        {t("profile.sso.heading")}
      </h2>
      {notice ? <Notice>{notice}</Notice> : null}
      {failure ? (
        <div className="kern-alert kern-alert--danger" role="alert">
          <div className="kern-alert__header">
            <span className="kern-icon kern-icon--danger" aria-hidden="true" />
            <span className="kern-title">{t(`sso.errors.${failure}`)}</span>
          </div>
        </div>
      ) : null}
      <ErrorSummary problem={problem} labels={{ identity: t("profile.sso.heading") }} />
      {state.identity ? (
        <p className="kern-body">{t("profile.sso.linked", { issuer: state.identity.issuer, date: f.date(state.identity.linkedAt) })}</p>
      ) : (
        <p className="kern-body">{t("profile.sso.notLinked")}</p>
      )}
      {!state.provider ? <p className="kern-body">{t("profile.sso.noProvider")}</p> : null}
      {state.provider && !state.identity ? (
        <>
          <p className="kern-body">{t("profile.sso.linkIntro", { organization: me?.organization.name ?? "" })}</p>
          <p>
            <Button type="button" onClick={() => void link()} disabled={busy}>
              {t("profile.sso.link")}
            </Button>
          </p>
        </>
      ) : null}
      {state.identity && state.abilities.unlink ? (
        <p>
          <Button type="button" kind="secondary" onClick={() => setAsking(true)}>
            {t("profile.sso.unlink")}
          </Button>
        </p>
      ) : null}
      {state.identity && !state.abilities.unlink ? <p className="kern-body">{t("profile.sso.cannotUnlink")}</p> : null}
      <ConfirmDialog
        open={asking}
        title={t("profile.sso.unlinkTitle")}
        body={<p className="kern-body">{t("profile.sso.unlinkBody")}</p>}
        confirmLabel={t("profile.sso.unlink")}
        onConfirm={() => void unlink()}
        onCancel={() => setAsking(false)}
        busy={busy}
      />
    </section>
  );
}
