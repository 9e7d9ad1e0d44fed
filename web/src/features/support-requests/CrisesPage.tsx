import { useState } from "react";
import { Link } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { useMutation, usePagedApi } from "../../api/hooks";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { Button, ErrorSummary, Form, Notice, TextField } from "../../components/forms";
import { LoadMore } from "../../components/LoadMore";
import { Page } from "../../components/Page";
import { QueryState } from "../../components/QueryState";
import { formatters, todayInGermany } from "../../i18n";
import { useSession } from "../identity/session";
import type { Crises, NewCrisis } from "./api";

/** The region's crises; the coordination office declares one here. */
export function CrisesPage() {
  const { t, i18n } = useTranslation();
  const f = formatters(i18n.language);
  const { me } = useSession();
  const crises = usePagedApi<Crises>((cursor) => api.GET("/api/v1/crises", { params: { query: { cursor } } }), []);
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [startsOn, setStartsOn] = useState(todayInGermany);
  const [notice, setNotice] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const declaration = useMutation((body: NewCrisis) => api.POST("/api/v1/crises", { body }), {
    async onSuccess(declared) {
      setAsking(false);
      setNotice(t("crises.declared", { count: declared.notified }));
      setName("");
      setDescription("");
      await crises.reload();
    },
  });
  const problem = declaration.problem;
  const errors = declaration.errors;
  const declare = () => {
    setNotice(null);
    setAsking(true);
  };
  const items = crises.data?.items;
  if (!items) return <QueryState query={crises} title={t("crises.title")} />;
  return (
    <Page title={t("crises.title")} intro={t("crises.intro")}>
      {notice ? <Notice focus>{notice}</Notice> : null}
      <ul className="kern-list tiles">
        {items.map((c) => (
          <li key={c.id} className="kern-card">
            <div className="kern-card__container">
              <div className="kern-card__header">
                <h2 className="kern-heading-small">
                  <Link to="/krisen/$id" params={{ id: c.id }} className="kern-link">
                    {c.name}
                  </Link>
                </h2>
              </div>
              <div className="kern-card__body">
                <p className="kern-body">{t("crises.since", { date: f.dateLong(c.startsOn) })}</p>
                <p>
                  <span className={`kern-badge ${c.isActive ? "kern-badge--danger" : "kern-badge--info"}`}>
                    <span className="kern-label">{c.isActive ? t("crises.active") : t("crises.ended")}</span>
                  </span>
                </p>
              </div>
            </div>
          </li>
        ))}
      </ul>
      <LoadMore query={crises} />
      {me?.abilities.declareCrisis ? (
        <>
          <h2 className="kern-heading-medium" id="declare-heading">
            {t("crises.declare")}
          </h2>
          <ErrorSummary
            problem={problem}
            labels={{ name: t("crises.name"), description: t("crises.description"), startsOn: t("crises.startsOn") }}
          />
          <Form name="crisis-declare" labelledBy="declare-heading" mutation={declaration} onSubmit={declare}>
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
          </Form>
          <ConfirmDialog
            open={asking}
            title={t("crises.confirmTitle", { name: name.trim() })}
            body={t("crises.confirmBody")}
            confirmLabel={t("crises.declare")}
            cancelLabel={t("crises.keep")}
            busy={declaration.busy}
            onConfirm={() => void declaration.run({ name, description, startsOn }).finally(() => setAsking(false))}
            onCancel={() => setAsking(false)}
          />
        </>
      ) : null}
    </Page>
  );
}
