import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "@tanstack/react-router";
import { api } from "../../api/client";
import { useMutation } from "../../api/hooks";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { Button, ErrorSummary, Form, Notice, ProblemAlert, TextField } from "../../components/forms";
import { formatters } from "../../i18n";
import type { Submission } from "./api";

/**
 * The right of reply at a published value of the own administration: the comment the public sees
 * beside the value, with "Stellungnahme schreiben/ändern" (one form on the page at a time) and
 * "Zurückziehen" (asks first). The answer of the server replaces the value shown (`onChanged`).
 */
export function SubmissionReply({
  value,
  title,
  editing,
  onEdit,
  onChanged,
}: {
  value: Submission;
  /** The standard and period, for the buttons' accessible names. */
  title: string;
  editing: boolean;
  onEdit(open: boolean): void;
  onChanged(next: Submission): void;
}) {
  const { t, i18n } = useTranslation();
  const f = formatters(i18n.language);
  const [text, setText] = useState(value.reply?.text ?? "");
  const [asking, setAsking] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const save = useMutation(
    (body: { text: string; basedOnVersion: number | null }) =>
      api.PUT("/api/v1/submissions/{id}/reply", { params: { path: { id: value.id } }, body }),
    {
      onSuccess(next) {
        onEdit(false);
        setNotice(t("reply.saved"));
        onChanged(next);
      },
    },
  );
  const withdraw = useMutation(
    (basedOnVersion: number) =>
      api.DELETE("/api/v1/submissions/{id}/reply", { params: { path: { id: value.id }, query: { basedOnVersion } } }),
    {
      onSuccess(next) {
        setAsking(false);
        setText("");
        setNotice(t("reply.withdrawn"));
        onChanged(next);
      },
    },
  );
  if (!value.reply && !value.abilities.reply) return null;
  return (
    <div className="kern-stack reply">
      {notice ? (
        <Notice focus>
          {notice}{" "}
          <Link className="kern-link" to="/transparenz/$id" params={{ id: value.organization.id }}>
            {t("reply.seePortal")}
          </Link>
        </Notice>
      ) : null}
      {value.reply ? (
        <div>
          <p className="kern-body kern-body--bold">{t("reply.heading")}</p>
          <p className="kern-body reply__text">{value.reply.text}</p>
          <p className="kern-body kern-body--small kern-body--muted">
            {t("reply.changedAt", { date: f.dateLong(value.reply.changedAt.slice(0, 10)) })}
          </p>
        </div>
      ) : null}
      {value.abilities.reply && editing ? (
        <>
          <ErrorSummary problem={save.problem} labels={{ text: t("reply.label") }} />
          <Form
            name="submission-reply"
            mutation={save}
            onSubmit={() => void save.run({ text, basedOnVersion: value.replyVersion })}
            className="kern-stack"
          >
            <TextField
              name="text"
              label={t("reply.label")}
              hint={t("reply.hint")}
              value={text}
              onChange={setText}
              error={save.errors.text}
              multiline
            />
            <p className="button-row">
              <Button disabled={save.busy}>{t("reply.save")}</Button>
              <Button kind="secondary" type="button" onClick={() => onEdit(false)}>
                {t("reply.cancel")}
              </Button>
            </p>
          </Form>
        </>
      ) : null}
      {value.abilities.reply && !editing ? (
        <p className="button-row">
          <Button
            kind="secondary"
            type="button"
            onClick={() => {
              setNotice(null);
              setText(value.reply?.text ?? "");
              onEdit(true);
            }}
            label={`${value.reply ? t("reply.change") : t("reply.write")}: ${title}`}
          >
            {value.reply ? t("reply.change") : t("reply.write")}
          </Button>
          {value.reply ? (
            <Button kind="tertiary" type="button" onClick={() => setAsking(true)} label={`${t("reply.withdraw")}: ${title}`}>
              {t("reply.withdraw")}
            </Button>
          ) : null}
        </p>
      ) : null}
      {withdraw.problem ? <ProblemAlert problem={withdraw.problem} /> : null}
      <ConfirmDialog
        open={asking}
        title={t("reply.withdrawTitle")}
        body={t("reply.withdrawBody")}
        confirmLabel={t("reply.withdraw")}
        cancelLabel={t("reply.keep")}
        busy={withdraw.busy}
        onConfirm={() => void withdraw.run(value.replyVersion!)}
        onCancel={() => setAsking(false)}
      />
    </div>
  );
}
