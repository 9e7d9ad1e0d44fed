import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { useApi, useMutation } from "../../api/hooks";
import { DataTable } from "../../components/DataTable";
import { Button, ErrorSummary, Form, Notice, SelectField, TextField } from "../../components/forms";
import { Page } from "../../components/Page";
import { QueryState } from "../../components/QueryState";
import { useSession } from "../identity/session";
import type { NewQualification, QualificationCategory, Qualifications } from "./api";
import { loadCatalogue } from "./api";

/** The region's qualification catalogue; the coordination office adds entries. */
export function QualificationsPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const catalogue = useApi<Qualifications>(loadCatalogue, []);
  const [name, setName] = useState("");
  const [key, setKey] = useState("");
  const [category, setCategory] = useState<QualificationCategory>("Verwaltung");
  const [notice, setNotice] = useState<string | null>(null);
  const add = useMutation((body: NewQualification) => api.POST("/api/v1/qualifications", { body }), {
    async onSuccess(created) {
      await catalogue.reload();
      setNotice(t("catalogue.added", { name: created.name }));
      setName("");
      setKey("");
    },
  });
  const errors = add.errors;
  const submit = () => {
    void add.run({ key, name, category });
  };
  const data = catalogue.data;
  if (!data) return <QueryState query={catalogue} title={t("catalogue.title")} />;
  const items = data.items;
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
            problem={add.problem}
            labels={{ name: t("catalogue.name"), key: t("catalogue.key"), category: t("catalogue.category") }}
          />
          <Form name="qualification" labelledBy="add-heading" mutation={add} onSubmit={submit}>
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
              error={errors.category}
              onChange={(v) => setCategory(v as QualificationCategory)}
              options={data.categories.map((c) => ({ value: c, label: c }))}
            />
            <div>
              <Button>{t("catalogue.add")}</Button>
            </div>
          </Form>
        </>
      ) : null}
    </Page>
  );
}
