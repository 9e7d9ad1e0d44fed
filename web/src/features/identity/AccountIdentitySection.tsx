import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { useMutation } from "../../api/hooks";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { Button, ErrorSummary, Form, Notice, TextField } from "../../components/forms";
import { formatters } from "../../i18n";
import type { Account } from "./api";

/**
 * The HR office's explicit link of one account to a subject at the administration's provider, and
 * removing it; both asked first, because the holder is told by e-mail and whoever holds the
 * subject signs in as this account. Not offered for the own account and for the coordination's
 * and the staff council's accounts (their holders link them in the profile).
 */
export function AccountIdentitySection({ account, onChanged }: { account: Account; onChanged(a: Account): void }) {
  const { t, i18n } = useTranslation();
  const f = formatters(i18n.language);
  const [subject, setSubject] = useState("");
  const [asking, setAsking] = useState<"link" | "unlink" | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const name = account.displayName;
  // Why the HR office may not link this account, as the server would refuse it.
  const refusal = account.abilities.linkIdentityRefusal;
  const isSelf = refusal === "own_account";
  const params = { path: { id: account.id } };
  const change = useMutation(
    (what: "link" | "unlink") =>
      what === "link"
        ? api.PUT("/api/v1/accounts/{id}/identity", { params, body: { subject: subject.trim() } })
        : api.DELETE("/api/v1/accounts/{id}/identity", { params }),
    {
      onSuccess(changed, what) {
        setSubject("");
        setNotice(what === "link" ? t("accounts.linked", { name }) : t("accounts.unlinked", { name }));
        onChanged(changed);
      },
    },
  );
  const errors = change.errors;

  const run = async () => {
    if (!asking) return;
    await change.run(asking);
    setAsking(null);
  };

  return (
    <section aria-labelledby="identity-heading" className="form-narrow">
      <h2 className="kern-heading-medium" id="identity-heading">
        {t("accounts.identityHeading")}
      </h2>
      {notice ? <Notice>{notice}</Notice> : null}
      <ErrorSummary problem={change.problem} labels={{ subject: t("accounts.subject") }} />
      <p className="kern-body">
        {account.identity
          ? t("accounts.identityLinked", {
              issuer: account.identity.issuer,
              subject: account.identity.subject,
              date: f.date(account.identity.linkedAt),
            })
          : t("accounts.identityNone")}
      </p>
      {isSelf ? <p className="kern-body">{t("accounts.identityOwn")}</p> : null}
      {refusal === "holder_only" ? <p className="kern-body">{t("accounts.identityHolderOnly")}</p> : null}
      {refusal === "no_provider" && !account.identity ? <p className="kern-body">{t("profile.sso.noProvider")}</p> : null}
      {account.abilities.linkIdentity && !account.identity ? (
        <Form name="identity-link" className="kern-stack" mutation={change} onSubmit={() => setAsking("link")}>
          <TextField
            name="subject"
            label={t("accounts.subject")}
            hint={t("accounts.subjectHint")}
            value={subject}
            onChange={setSubject}
            error={errors.subject}
            autoComplete="off"
          />
          <div>
            <Button kind="secondary">{t("accounts.link")}</Button>
          </div>
        </Form>
      ) : null}
      {!isSelf && account.abilities.update && account.identity ? (
        <p>
          <Button type="button" kind="secondary" onClick={() => setAsking("unlink")}>
            {t("accounts.unlink")}
          </Button>
        </p>
      ) : null}
      <ConfirmDialog
        open={asking !== null}
        title={asking === "link" ? t("accounts.linkTitle", { name }) : t("accounts.unlinkTitle", { name })}
        body={
          <p className="kern-body">
            {asking === "link" ? t("accounts.linkBody", { name, subject: subject.trim() }) : t("accounts.unlinkBody", { name })}
          </p>
        }
        confirmLabel={asking === "link" ? t("accounts.link") : t("accounts.unlink")}
        onConfirm={() => void run()}
        onCancel={() => setAsking(null)}
        busy={change.busy}
      />
    </section>
  );
}
