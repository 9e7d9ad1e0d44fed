import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { useMutation } from "../../api/hooks";
import { Button, ErrorSummary, Form, Notice, SelectField, TextField } from "../../components/forms";
import { readNumber, typed } from "../settlement/format";
import type { OverheadChange, Secondment } from "./api";

type Kind = Secondment["overhead"]["kind"];
const KINDS: Kind[] = ["office", "other", "none", "agreed"];

/**
 * The agreement's overhead surcharge (Verwaltungskostenzuschlag): the lending HR office states it
 * here until the borrowing HR office confirms the agreement (`abilities.editOverhead`); both sides
 * read it in the facts above and in the agreement PDF.
 */
export function OverheadForm({ s, onChange }: { s: Secondment; onChange(changed: Secondment): void }) {
  const { t, i18n } = useTranslation();
  const [kind, setKind] = useState<Kind>(s.overhead.kind);
  const [percent, setPercent] = useState(
    s.overhead.kind === "agreed" && s.overhead.percent !== null ? typed(s.overhead.percent, i18n.language) : "",
  );
  const [saved, setSaved] = useState(false);
  const save = useMutation(
    (body: OverheadChange) => api.PUT("/api/v1/secondments/{id}/overhead", { params: { path: { id: s.id } }, body }),
    {
      onSuccess(changed) {
        setSaved(true);
        onChange(changed);
      },
    },
  );
  return (
    <section aria-labelledby="overhead-heading" className="form-narrow">
      <h2 className="kern-heading-medium" id="overhead-heading">
        {t("secondments.overhead.edit")}
      </h2>
      <p className="kern-body">{t("secondments.overhead.editIntro", { borrower: s.borrower.name })}</p>
      {saved ? (
        <Notice focus>{t("secondments.overhead.saved", { overhead: s.overhead.words[i18n.language === "en" ? "en" : "de"] })}</Notice>
      ) : null}
      <ErrorSummary problem={save.problem} labels={{ kind: t("secondments.overhead.kind"), percent: t("secondments.overhead.percent") }} />
      <Form
        name="overhead"
        labelledBy="overhead-heading"
        mutation={save}
        onSubmit={() => {
          setSaved(false);
          void save.run(kind === "agreed" ? { kind, percent: readNumber(percent) as number } : { kind });
        }}
      >
        <SelectField
          name="kind"
          label={t("secondments.overhead.kind")}
          value={kind}
          options={KINDS.map((k) => ({ value: k, label: t(`secondments.overhead.kinds.${k}`) }))}
          error={save.errors.kind}
          onChange={(value) => setKind(value as Kind)}
        />
        {kind === "agreed" ? (
          <TextField
            name="percent"
            label={t("secondments.overhead.percent")}
            hint={t("secondments.overhead.percentHint")}
            value={percent}
            error={save.errors.percent}
            onChange={setPercent}
          />
        ) : null}
        <p>
          <Button type="submit" kind="secondary">
            {t("secondments.overhead.save")}
          </Button>
        </p>
      </Form>
    </section>
  );
}
