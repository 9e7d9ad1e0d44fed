import { useCallback, useEffect, useState, type FormEvent } from "react";
import { Link } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { api, asProblem, type Problem } from "../../api/client";
import type { paths } from "../../api/schema";
import { Button, ErrorSummary, fieldErrors, Notice, TextField } from "../../components/forms";
import { Page } from "../../components/Page";
import { formatters } from "../../i18n";
import { useSession } from "../identity/session";

type Crisis = paths["/api/v1/crises"]["get"]["responses"][200]["content"]["application/json"]["items"][number];

/** The region's crises; the coordination office declares one here. */
export function CrisesPage() {
  const { t, i18n } = useTranslation();
  const f = formatters(i18n.language);
  const { me } = useSession();
  const [items, setItems] = useState<Crisis[] | null>(null);
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [startsOn, setStartsOn] = useState(new Date().toISOString().slice(0, 10));
  const [problem, setProblem] = useState<Problem | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const errors = fieldErrors(problem, i18n.language);
  const load = useCallback(() => api.GET("/api/v1/crises").then((r) => setItems(r.data?.items ?? [])), []);
  useEffect(() => {
    void load();
  }, [load]);
  const declare = async (event: FormEvent) => {
    event.preventDefault();
    const res = await api.POST("/api/v1/crises", { body: { name, description, startsOn } });
    if (!res.data) return setProblem(asProblem(res.error, res.response.status));
    setProblem(null);
    setNotice(t("crises.declared", { count: res.data.notified }));
    setName("");
    setDescription("");
    await load();
  };
  if (!items) return <p className="kern-body">{t("errors.loading")}</p>;
  return (
    <Page title={t("crises.title")} intro={t("crises.intro")}>
      {notice ? <Notice>{notice}</Notice> : null}
      <ul className="kern-list tiles">
        {items.map((c) => (
          <li key={c.id} className="kern-card">
            <div className="kern-card__body">
              <Link to="/krisen/$id" params={{ id: c.id }} className="kern-link">
                {c.name}
              </Link>
              <p className="kern-body">
                {f.date(c.startsOn)} ·{" "}
                <span className={`kern-badge ${c.isActive ? "kern-badge--danger" : ""}`}>
                  <span className="kern-label">{c.isActive ? t("crises.active") : t("crises.ended")}</span>
                </span>
              </p>
            </div>
          </li>
        ))}
      </ul>
      {me?.abilities.declareCrisis ? (
        <>
          <h2 className="kern-heading-medium" id="declare-heading">
            {t("crises.declare")}
          </h2>
          <ErrorSummary
            problem={problem}
            labels={{ name: t("crises.name"), description: t("crises.description"), startsOn: t("crises.startsOn") }}
          />
          <form className="kern-stack form-narrow" aria-labelledby="declare-heading" onSubmit={(e) => void declare(e)} noValidate>
            <TextField name="name" label={t("crises.name")} value={name} onChange={setName} error={errors.name} />
            <TextField
              name="description"
              label={t("crises.description")}
              value={description}
              onChange={setDescription}
              error={errors.description}
            />
            <TextField
              name="startsOn"
              label={t("crises.startsOn")}
              type="date"
              value={startsOn}
              onChange={setStartsOn}
              error={errors.startsOn}
            />
            <div>
              <Button>{t("crises.declare")}</Button>
            </div>
          </form>
        </>
      ) : null}
    </Page>
  );
}
