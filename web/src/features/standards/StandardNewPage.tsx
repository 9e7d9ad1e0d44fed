import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { useMutation } from "../../api/hooks";
import { Notice } from "../../components/forms";
import { Page } from "../../components/Page";
import { formatters } from "../../i18n";
import type { NewStandard, StandardDetail } from "./api";
import { bodyOf, EMPTY_FORM, StandardForm } from "./StandardForm";

/** The region's coordination adds a service standard with its first version. */
export function StandardNewPage() {
  const { t, i18n } = useTranslation();
  const f = formatters(i18n.language);
  const [values, setValues] = useState(EMPTY_FORM);
  const [created, setCreated] = useState<StandardDetail | null>(null);
  const create = useMutation((body: NewStandard) => api.POST("/api/v1/standards", { body }), {
    onSuccess(standard) {
      setCreated(standard);
      setValues(EMPTY_FORM);
    },
  });
  return (
    <Page title={t("standards.form.newTitle")} intro={t("standards.form.newIntro")}>
      <p>
        <Link to="/leistungsstandards">{t("standards.detail.back")}</Link>
      </p>
      {created ? (
        <Notice focus>
          {t("standards.form.created", { title: created.current.title, from: f.dateLong(created.current.validFrom) })}{" "}
          <Link to="/leistungsstandards/$id" params={{ id: created.id }}>
            {t("standards.form.open")}
          </Link>
        </Notice>
      ) : null}
      <StandardForm
        values={values}
        onChange={setValues}
        onSubmit={() => {
          setCreated(null);
          void create.run(bodyOf(values));
        }}
        problem={create.problem}
        errors={create.errors}
        mutation={create}
        submitLabel={t("standards.form.save")}
      />
    </Page>
  );
}
