import { Link, useParams } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { useApi, useMutation } from "../../api/hooks";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { DataTable } from "../../components/DataTable";
import { Button, Notice } from "../../components/forms";
import { Page } from "../../components/Page";
import { QueryState } from "../../components/QueryState";
import { formatters } from "../../i18n";
import { useSession } from "../identity/session";
import type { NewStandardVersion, StandardDetail, StandardVersions } from "./api";
import { ProposalBadge } from "./ProposalBadge";
import { bodyOf, fieldLabels, formOf, StandardForm, type StandardFormValues } from "./StandardForm";
import { targetWords, toleranceInUnit } from "./words";

/** One service standard: its definition, basis and applicability, its version history, and for the coordination a new version. */
export function StandardPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const f = formatters(lang);
  const { id } = useParams({ strict: false }) as { id: string };
  const { me } = useSession();
  const detail = useApi<StandardDetail>(() => api.GET("/api/v1/standards/{id}", { params: { path: { id } } }), [id]);
  const versions = useApi<StandardVersions>(() => api.GET("/api/v1/standards/{id}/versions", { params: { path: { id } } }), [id]);
  const [editing, setEditing] = useState<StandardFormValues | null>(null);
  const [asking, setAsking] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const save = useMutation((body: NewStandardVersion) => api.POST("/api/v1/standards/{id}/versions", { params: { path: { id } }, body }), {
    async onSuccess(_saved, body) {
      // The answer's current version is the one in force today; the notice names the new one.
      setAsking(false);
      setEditing(null);
      setNotice(t("standards.form.versionSaved", { version: body.basedOnVersion + 1, from: f.dateLong(body.validFrom) }));
      await Promise.all([detail.reload(), versions.reload()]);
    },
  });
  const s = detail.data;
  if (!s) return <QueryState query={detail} title={t("standards.title")} />;
  const v = s.current;
  const latest = versions.data?.items[0]?.version ?? s.versionCount;
  const labels = fieldLabels(t);
  // A newer version that starts later: said above the definition, which is the one in force.
  const announced = versions.data?.items.find((h) => h.version > v.version && h.validFrom > v.validFrom);
  const send = () => {
    if (!editing) return;
    void save.run({ ...bodyOf(editing), basedOnVersion: latest, changeNote: editing.changeNote } as NewStandardVersion).then((refused) => {
      // A refusal closes the dialog; the summary above the form takes the focus.
      if (refused) setAsking(false);
    });
  };
  const item = (key: string, value: React.ReactNode) => (
    <div className="kern-description-list-item">
      <dt className="kern-description-list-item__key">{key}</dt>
      <dd className="kern-description-list-item__value">{value}</dd>
    </div>
  );
  return (
    <Page title={lang === "en" ? v.titleEn : v.title}>
      <p>
        <Link to="/leistungsstandards">{t("standards.detail.back")}</Link>
      </p>
      {notice ? <Notice focus>{notice}</Notice> : null}
      {me ? (
        <p>
          <Link to="/leistungsstandards/$id/auswertung" params={{ id }} className="kern-btn kern-btn--secondary">
            <span className="kern-label">{t("evaluation.open")}</span>
          </Link>
        </p>
      ) : null}
      <p className="kern-body">
        {t("standards.detail.version", { version: v.version })} · {t(`standards.themes.${v.theme}`)}{" "}
        {v.isProposal ? <ProposalBadge /> : null}
      </p>
      {announced ? (
        <p className="kern-body">
          {t("standards.detail.announced", { version: announced.version, from: f.dateLong(announced.validFrom), current: v.version })}
        </p>
      ) : null}
      <dl className="kern-description-list">
        {item(t("standards.detail.definition"), v.indicatorDefinition)}
        {item(t("standards.detail.measurement"), v.measurement)}
        {item(t("standards.target"), targetWords(t, lang, v))}
        {item(t("standards.tolerance"), toleranceInUnit(t, lang, v))}
        {item(t("standards.detail.unit"), t(`standards.units.${v.unit}`))}
        {item(t("standards.detail.aggregation"), t(`standards.aggregations.${v.aggregation}`))}
        {item(t("standards.periodicity"), t(`standards.periodicities.${v.periodicity}`))}
        {item(
          t("standards.detail.validity"),
          v.validTo
            ? t("standards.detail.validFromTo", { from: f.dateLong(v.validFrom), to: f.dateLong(v.validTo) })
            : t("standards.detail.validFromOnly", { from: f.dateLong(v.validFrom) }),
        )}
        {item(
          t("standards.detail.service"),
          v.service ? (
            <>
              {v.service.leikaKey ? t("standards.detail.leika", { key: v.service.leikaKey, name: v.service.name }) : null}
              {v.service.leikaKey && v.service.ozgId ? <br /> : null}
              {v.service.ozgId ? t("standards.detail.ozg", { id: v.service.ozgId, name: v.service.ozgService }) : null}
            </>
          ) : (
            t("standards.detail.noService")
          ),
        )}
        {item(t("standards.detail.anchor"), v.anchor)}
        {v.referenceModel ? item(t("standards.detail.referenceModel"), v.referenceModel) : null}
        {item(
          t("standards.appliesTo"),
          t("standards.detail.appliesToCount", {
            applicability: t(`standards.applicabilities.${v.appliesTo}`),
            count: s.appliesToAdministrations.length,
          }),
        )}
      </dl>
      <details className="kern-body applies-to-list">
        <summary>{t("standards.detail.administrationsTitle")}</summary>
        <ul className="kern-list">
          {s.appliesToAdministrations.map((o) => (
            <li key={o.id}>{o.name}</li>
          ))}
        </ul>
      </details>

      {s.abilities.createVersion && !editing ? (
        <p>
          <Button
            type="button"
            kind="secondary"
            onClick={() => {
              setNotice(null);
              save.reset();
              setEditing(formOf(v));
            }}
          >
            {t("standards.form.versionTitle")}
          </Button>
        </p>
      ) : null}
      {editing ? (
        <section aria-labelledby="standard-version-title">
          <h2 className="kern-heading-medium" id="standard-version-title">
            {t("standards.form.versionTitle")}
          </h2>
          <p className="kern-body">{t("standards.form.versionIntro", { version: latest })}</p>
          <StandardForm
            values={editing}
            onChange={setEditing}
            onSubmit={() => {
              save.reset();
              setAsking(true);
            }}
            problem={asking ? null : save.problem}
            errors={save.errors}
            mutation={save}
            withChangeNote
            submitLabel={t("standards.form.versionSave", { version: latest + 1 })}
            after={
              <Button type="button" kind="tertiary" onClick={() => setEditing(null)}>
                {t("standards.form.cancel")}
              </Button>
            }
          />
        </section>
      ) : null}
      <ConfirmDialog
        open={asking}
        title={t("standards.form.confirmTitle", { version: latest + 1, title: editing?.title ?? v.title })}
        body={
          <p className="kern-body">{t("standards.form.confirmBody", { from: editing?.validFrom ? f.dateLong(editing.validFrom) : "…" })}</p>
        }
        confirmLabel={t("standards.form.versionSave", { version: latest + 1 })}
        cancelLabel={t("standards.form.keep")}
        onConfirm={send}
        onCancel={() => setAsking(false)}
        busy={save.busy}
      />

      <section aria-labelledby="standard-history">
        <h2 className="kern-heading-medium" id="standard-history">
          {t("standards.detail.historyTitle")}
        </h2>
        <p className="kern-body">{t("standards.detail.historyIntro")}</p>
        {versions.data ? (
          <DataTable
            id="standard-history-table"
            labelledBy="standard-history"
            stacked
            columns={[
              { label: t("standards.detail.historyVersion") },
              { label: t("standards.detail.historyFrom") },
              { label: t("standards.detail.historyWhen") },
              { label: t("standards.detail.historyBy") },
              { label: t("standards.detail.historyChanged") },
              { label: t("standards.detail.historyNote") },
            ]}
          >
            {versions.data.items.map((h) => (
              <tr key={h.id} className="kern-table__row">
                <th scope="row" className="kern-table__cell">
                  {t("standards.detail.version", { version: h.version })}
                </th>
                <td className="kern-table__cell">{f.date(h.validFrom)}</td>
                <td className="kern-table__cell">{f.date(h.createdAt)}</td>
                <td className="kern-table__cell">
                  {h.createdBy ? (lang === "en" ? h.createdBy.en : h.createdBy.de) : t("standards.detail.starterSet")}
                </td>
                <td className="kern-table__cell">
                  {h.changedFields.length ? h.changedFields.map((k) => labels[k] ?? k).join(", ") : t("standards.detail.first")}
                </td>
                <td className="kern-table__cell">{h.changeNote || t("standards.detail.noNote")}</td>
              </tr>
            ))}
          </DataTable>
        ) : (
          <QueryState query={versions} inline />
        )}
      </section>
    </Page>
  );
}
