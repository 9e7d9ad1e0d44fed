import { useCallback, useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { api, asProblem, type Problem } from "../../api/client";
import type { paths } from "../../api/schema";
import { Button, ErrorSummary, fieldErrors, Notice, TextField } from "../../components/forms";
import { Page } from "../../components/Page";
import { formatters } from "../../i18n";
import { useSession } from "../identity/session";

type Version = paths["/api/v1/framework-agreements"]["get"]["responses"][200]["content"]["application/json"]["items"][number];

/** The region's framework agreement: every version; the coordination office adds new ones. */
export function FrameworkPage() {
  const { t, i18n } = useTranslation();
  const f = formatters(i18n.language);
  const { me } = useSession();
  const [items, setItems] = useState<Version[] | null>(null);
  const [form, setForm] = useState({ title: "", body: "", validFrom: "" });
  const [problem, setProblem] = useState<Problem | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const errors = fieldErrors(problem, i18n.language);
  const load = useCallback(async () => {
    const r = await api.GET("/api/v1/framework-agreements");
    setItems(r.data?.items ?? []);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const res = await api.POST("/api/v1/framework-agreements", { body: form });
    if (!res.data) return setProblem(asProblem(res.error, res.response.status));
    setProblem(null);
    setNotice(t("framework.saved", { version: res.data.version }));
    setForm({ title: "", body: "", validFrom: "" });
    await load();
  };
  if (!items) return <p className="kern-body">{t("errors.loading")}</p>;
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
          <ErrorSummary problem={problem} labels={labels} />
          <form className="kern-stack form-narrow" onSubmit={(e) => void submit(e)} noValidate>
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
          </form>
        </section>
      ) : null}
    </Page>
  );
}
