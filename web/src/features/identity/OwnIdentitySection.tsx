import { useState } from "react";
import { useSearch } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { useApi, useMutation } from "../../api/hooks";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { Alert, Button, ErrorSummary, Notice } from "../../components/forms";
import { formatters } from "../../i18n";
import type { MyIdentity } from "./api";
import { useSession } from "./session";

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
  const [notice, setNotice] = useState<string | null>(search.sso === "linked" ? t("profile.sso.linkedDone") : null);
  const [asking, setAsking] = useState(false);
  const identity = useApi<MyIdentity>(() => api.GET("/api/v1/me/identity"), []);
  const failure = search.sso && LINK_FAILURES.includes(search.sso) ? search.sso : null;

  // Linking leaves Verbund for the provider's sign-in, which comes back here.
  const link = useMutation(() => api.POST("/api/v1/me/identity/link"), {
    onSuccess: (started) => window.location.assign(started.url),
  });
  const unlink = useMutation(() => api.DELETE("/api/v1/me/identity"), {
    async onSuccess() {
      setNotice(t("profile.sso.unlinked"));
      await identity.reload();
    },
  });
  const removeLink = async () => {
    await unlink.run();
    setAsking(false);
  };

  const state = identity.data;
  if (!state) return null;
  return (
    <section aria-labelledby="sso-heading" className="form-narrow">
      <h2 className="kern-heading-medium" id="sso-heading">
        {t("profile.sso.heading")}
      </h2>
      {notice ? <Notice>{notice}</Notice> : null}
      {failure ? <Alert>{t(`sso.errors.${failure}`)}</Alert> : null}
      <ErrorSummary problem={link.problem ?? unlink.problem} labels={{ identity: t("profile.sso.heading") }} />
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
            <Button type="button" onClick={() => void link.run()} disabled={link.busy}>
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
        onConfirm={() => void removeLink()}
        onCancel={() => setAsking(false)}
        busy={unlink.busy}
      />
    </section>
  );
}
