import { useState } from "react";
import { Link } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { api, type Problem } from "../../api/client";
import { fieldErrors, usePagedApi } from "../../api/hooks";
import { LoadMore } from "../../components/LoadMore";
import { DataTable } from "../../components/DataTable";
import { Page } from "../../components/Page";
import { QueryState } from "../../components/QueryState";
import { Button, ErrorSummary, Form, SelectField, TextField } from "../../components/forms";
import { formatters, uiLanguage } from "../../i18n";
import type { AuditEvent, AuditFilter, AuditPage as AuditEventsPage, AuditQuery } from "./api";

const NO_FILTER: AuditFilter = { person: "", objectType: "", from: "", to: "" };

/** The filter as query parameters: only the fields that are set. */
function queryOf(filter: AuditFilter): Record<string, string> {
  return Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== ""));
}

/**
 * The audit log the caller may read, newest first: narrowed by person, object type and period
 * (applied with a button), each entry a sentence with its object as a link where the reader may
 * open it, "Weitere laden" for older entries and the current selection as a CSV download.
 */
export function AuditPage() {
  const { t, i18n } = useTranslation();
  const f = formatters(i18n.language);
  const lang = uiLanguage(i18n.language);
  const [draft, setDraft] = useState<AuditFilter>(NO_FILTER);
  const [applied, setApplied] = useState<AuditFilter>(NO_FILTER);
  // A date the browser could not read ("31.02.2026"): shown at its field, the filter not applied.
  const [unreadable, setUnreadable] = useState<Problem | null>(null);
  const events = usePagedApi<AuditEventsPage>(
    (cursor) =>
      api.GET("/api/v1/audit-events", {
        // The object type comes from the server's own list; a stale one is answered with a 400 at the field.
        params: { query: { limit: 50, cursor, ...(queryOf(applied) as Omit<AuditQuery, "limit" | "cursor">) } },
      }),
    [applied],
  );
  const isInvalid = events.problem?.status === 400;
  if (!events.data && !isInvalid) return <QueryState query={events} title={t("audit.title")} />;

  const labels = { person: t("audit.person"), objectType: t("audit.objectType"), from: t("audit.from"), to: t("audit.to") };
  const problem = unreadable ?? (isInvalid ? events.problem : null);
  const errors = fieldErrors(problem, i18n.language);
  const items = isInvalid ? [] : (events.data?.items ?? []);
  const objectTypes = events.data?.objectTypes ?? [];
  const isFiltered = Object.values(applied).some((v) => v !== "");
  const csv = `/api/v1/audit-events.csv?${new URLSearchParams(queryOf(applied)).toString()}`;
  const set = (key: keyof AuditFilter) => (value: string) => setDraft({ ...draft, [key]: value });
  const apply = () => {
    setUnreadable(null);
    setApplied({ ...draft, person: draft.person.trim() });
  };

  return (
    <Page title={t("audit.title")} intro={t("audit.intro")}>
      <h2 className="kern-heading-small" id="audit-filters-title">
        {t("audit.filters")}
      </h2>
      <ErrorSummary problem={problem} labels={labels} />
      <Form
        name="audit-filter"
        className="audit-filters"
        labelledBy="audit-filters-title"
        mutation={{ fail: setUnreadable }}
        onSubmit={apply}
      >
        <div className="audit-filters__fields">
          <TextField
            name="person"
            label={labels.person}

            value={draft.person}
            onChange={set("person")}
            error={errors.person}
          />
          <SelectField
            name="objectType"
            label={labels.objectType}
            value={draft.objectType}
            onChange={set("objectType")}
            error={errors.objectType}
            options={[{ value: "", label: t("audit.allObjectTypes") }, ...objectTypes.map((o) => ({ value: o.type, label: o.name[lang] }))]}
          />
          <TextField name="from" type="date" label={labels.from} value={draft.from} onChange={set("from")} error={errors.from} />
          <TextField name="to" type="date" label={labels.to} value={draft.to} onChange={set("to")} error={errors.to} />
        </div>
        <div className="audit-filters__actions">
          <Button type="submit">{t("audit.apply")}</Button>
          {isFiltered ? (
            <Button
              type="button"
              kind="secondary"
              onClick={() => {
                setDraft(NO_FILTER);
                setUnreadable(null);
                setApplied(NO_FILTER);
              }}
            >
              {t("audit.reset")}
            </Button>
          ) : null}
        </div>
      </Form>
      {isInvalid ? null : (
        <p className="kern-body audit-download">
          <a className="kern-link" href={csv} download>
            {t("audit.download")}
          </a>
          <span className="kern-hint"> {t("audit.downloadHint")}</span>
        </p>
      )}
      {isInvalid ? null : items.length === 0 ? (
        <p className="kern-body" role="status">
          {isFiltered ? t("audit.none") : t("audit.noneYet")}
        </p>
      ) : (
        <DataTable
          id="audit-caption"
          caption={t("audit.caption")}
          stacked
          columns={[{ label: t("audit.at") }, { label: t("audit.who") }, { label: t("audit.what") }, { label: t("audit.object") }]}
        >
          {items.map((e) => (
            <tr key={e.id} className="kern-table__row">
              <td className="kern-table__cell" data-label={t("audit.at")}>
                {f.dateTime(e.at)}
              </td>
              <td className="kern-table__cell" data-label={t("audit.who")}>
                {e.actor.label[lang]}
                {e.actor.name && e.actor.organization ? <span className="audit-organization">{e.actor.organization}</span> : null}
              </td>
              <td className="kern-table__cell" data-label={t("audit.what")}>
                {e.sentence[lang]}
                {e.changes.length ? (
                  <ul className="audit-changes">
                    {e.changes.map((c, i) => (
                      <li key={i}>{c[lang]}</li>
                    ))}
                  </ul>
                ) : null}
              </td>
              <td className="kern-table__cell" data-label={t("audit.object")}>
                <AuditObject event={e} lang={lang} />
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {isInvalid ? null : <LoadMore query={events} text={t("audit.more")} />}
    </Page>
  );
}

/** The object of an entry: its German name (and title), a link where the reader may open it. */
function AuditObject({ event, lang }: { event: AuditEvent; lang: "de" | "en" }) {
  const text = event.object.title ? `${event.object.typeName[lang]}: ${event.object.title}` : event.object.typeName[lang];
  return event.object.link ? (
    <Link to={event.object.link} className="kern-link">
      {text}
    </Link>
  ) : (
    <>{text}</>
  );
}
