import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { useApi, useMutation } from "../../api/hooks";
import { Button, ErrorSummary, Form, Notice, TextField } from "../../components/forms";
import { Page } from "../../components/Page";
import { QueryState } from "../../components/QueryState";
import { formatters } from "../../i18n";
import { useSession } from "../identity/session";
import type { FrameworkAgreements, NewFrameworkVersion } from "./api";

/** The region's framework agreement: every version; the coordination office adds new ones. */
export function FrameworkPage() {
  const { t, i18n } = useTranslation();
  const f = formatters(i18n.language);
  const { me } = useSession();
  const versions = useApi<FrameworkAgreements>(() => api.GET("/api/v1/framework-agreements"), []);
  const [form, setForm] = useState({ title: "", body: "", validFrom: "" });
  const [notice, setNotice] = useState<string | null>(null);
  const add = useMutation((body: NewFrameworkVersion) => api.POST("/api/v1/framework-agreements", { body }), {
    async onSuccess(version) {
      setNotice(t("framework.saved", { version: version.version }));
      setForm({ title: "", body: "", validFrom: "" });
      await versions.reload();
    },
  });
  const errors = add.errors;
  const submit = () => {
    void add.run(form);
  };
  const items = versions.data?.items;
  if (!items) return <QueryState query={versions} title={t("framework.title")} />;
  const labels = { title: t("framework.titleField"), body: t("framework.body"), validFrom: t("framework.validFrom") };
  return (
    <Page title={t("framework.title")} intro={t("framework.intro")}>
      {notice ? <Notice>{notice}</Notice> : null}
      {items.length === 0 ? <p className="kern-body">{t("framework.none")}</p> : null}
      {items.map((v) => (
        <article key={v.id} className="framework-version">
          <h2 className="kern-heading-medium">
            {v.title}{" "}
            {v.isInForce ? (
              <span className="kern-badge kern-badge--success">
                <span className="kern-label">{t("framework.inForce")}</span>
              </span>
            ) : null}
          </h2>
          <p className="kern-hint">{t("framework.version", { version: v.version, date: f.date(v.validFrom) })}</p>
          <p className="kern-body consent-text framework-text">{v.body}</p>
        </article>
      ))}
      {me?.abilities.manageFramework ? (
        <section aria-labelledby="framework-new">
          <h2 className="kern-heading-medium" id="framework-new">
            {t("framework.add")}
          </h2>
          <ErrorSummary problem={add.problem} labels={labels} />
          <Form name="framework-version" mutation={add} onSubmit={submit}>
            <TextField
              name="title"
              label={labels.title}
              value={form.title}
              onChange={(v) => setForm({ ...form, title: v })}
              error={errors.title}
            />
            <TextField
              name="body"
              label={labels.body}
              value={form.body}
              onChange={(v) => setForm({ ...form, body: v })}
              error={errors.body}
              multiline
            />
            <TextField
              name="validFrom"
              label={labels.validFrom}
              type="date"
              value={form.validFrom}
              onChange={(v) => setForm({ ...form, validFrom: v })}
              error={errors.validFrom}
            />
            <div>
              <Button>{t("framework.save")}</Button>
            </div>
          </Form>
        </section>
      ) : null}
    </Page>
  );
}
