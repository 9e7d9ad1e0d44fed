import { useCallback, useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { api, asProblem, type Problem } from "../../api/client";
import type { paths } from "../../api/schema";
import { DataTable } from "../../components/DataTable";
import { Button, ErrorSummary, fieldErrors, Notice, SelectField, TextField } from "../../components/forms";
import { Page } from "../../components/Page";
import { useSession } from "../identity/session";

type Qualification = paths["/api/v1/qualifications"]["get"]["responses"][200]["content"]["application/json"]["items"][number];
const CATEGORIES = ["Verwaltung", "Gesundheit", "Bauordnung", "IT", "Soziales", "Ordnung", "Sprachen"] as const;

/** The region's qualification catalogue; the coordination office adds entries. */
export function QualificationsPage() {
  const { t, i18n } = useTranslation();
  const { me } = useSession();
  const [items, setItems] = useState<Qualification[] | null>(null);
  const [name, setName] = useState("");
  const [key, setKey] = useState("");
  const [category, setCategory] = useState<(typeof CATEGORIES)[number]>("Verwaltung");
  const [problem, setProblem] = useState<Problem | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const errors = fieldErrors(problem, i18n.language);
  const load = useCallback(() => api.GET("/api/v1/qualifications").then((r) => setItems(r.data?.items ?? [])), []);
  useEffect(() => {
    void load();
  }, [load]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const res = await api.POST("/api/v1/qualifications", { body: { key, name, category } });
    if (!res.data) return setProblem(asProblem(res.error, res.response.status));
    setProblem(null);
    await load();
    setNotice(t("catalogue.added", { name: res.data.name }));
    setName("");
    setKey("");
  };
  if (!items) return <p className="kern-body">{t("errors.loading")}</p>;
  return (
    <Page title={t("catalogue.title")} intro={t("catalogue.intro")}>
      {notice ? <Notice>{notice}</Notice> : null}
      <DataTable
        id="catalogue-caption"
        caption={t("catalogue.caption", { count: items.length })}
        columns={[{ label: t("catalogue.category") }, { label: t("catalogue.name") }, { label: t("catalogue.key") }]}
      >
        {items.map((q) => (
          <tr key={q.id} className="kern-table__row">
            <td className="kern-table__cell">{q.category}</td>
            <th scope="row" className="kern-table__cell">
              {q.name}
            </th>
            <td className="kern-table__cell">
              <code>{q.key}</code>
            </td>
          </tr>
        ))}
      </DataTable>
      {me?.abilities.declareCrisis ? (
        <>
          <h2 className="kern-heading-medium" id="add-heading">
            {t("catalogue.add")}
          </h2>
          <ErrorSummary
            problem={problem}
            labels={{ name: t("catalogue.name"), key: t("catalogue.key"), category: t("catalogue.category") }}
          />
          <form className="kern-stack form-narrow" aria-labelledby="add-heading" onSubmit={(e) => void submit(e)} noValidate>
            <TextField name="name" label={t("catalogue.name")} value={name} onChange={setName} error={errors.name} />
            <TextField
              name="key"
              label={t("catalogue.key")}
              hint={t("catalogue.keyHint")}
              value={key}
              onChange={setKey}
              error={errors.key}
            />
            <SelectField
              name="category"
              label={t("catalogue.category")}
              value={category}
              onChange={(v) => setCategory(v as (typeof CATEGORIES)[number])}
              options={CATEGORIES.map((c) => ({ value: c, label: c }))}
            />
            <div>
              <Button>{t("catalogue.add")}</Button>
            </div>
          </form>
        </>
      ) : null}
    </Page>
  );
}
