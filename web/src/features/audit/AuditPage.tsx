import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { usePagedApi } from "../../api/hooks";
import { LoadMore } from "../../components/LoadMore";
import { DataTable } from "../../components/DataTable";
import { Page } from "../../components/Page";
import { QueryState } from "../../components/QueryState";
import { formatters } from "../../i18n";
import type { AuditEvent, AuditPage as AuditEventsPage } from "./api";

function describeChange(e: AuditEvent): string {
  const before = (e.before ?? {}) as Record<string, unknown>;
  const after = (e.after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys
    .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .map((k) => (k in before ? `${k}: ${JSON.stringify(before[k])} → ${JSON.stringify(after[k])}` : `${k}: ${JSON.stringify(after[k])}`))
    .join("; ");
}

/** The audit log the caller may read, newest first, paged. */
export function AuditPage() {
  const { t, i18n } = useTranslation();
  const f = formatters(i18n.language);
  const events = usePagedApi<AuditEventsPage>(
    (cursor) => api.GET("/api/v1/audit-events", { params: { query: { limit: 50, cursor } } }),
    [],
  );
  if (!events.data) return <QueryState query={events} title={t("audit.title")} />;
  const items = events.data.items;

  return (
    <Page title={t("audit.title")} intro={t("audit.intro")}>
      {items.length === 0 ? (
        <p className="kern-body">{t("audit.none")}</p>
      ) : (
        <DataTable
          id="audit-caption"
          caption={t("audit.caption")}
          columns={[
            { label: t("audit.at") },
            { label: t("audit.who") },
            { label: t("audit.action") },
            { label: t("audit.object") },
            { label: t("audit.change") },
          ]}
        >
          {items.map((e) => (
            <tr key={e.id} className="kern-table__row">
              <td className="kern-table__cell">{f.dateTime(e.at)}</td>
              <td className="kern-table__cell">{e.actorLogin ?? t("audit.unknownLogin")}</td>
              <td className="kern-table__cell">{t(`audit.actions.${e.action}`, { defaultValue: e.action })}</td>
              <td className="kern-table__cell">{t(`audit.entities.${e.entity}`, { defaultValue: e.entity })}</td>
              <td className="kern-table__cell audit-change">{describeChange(e)}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <LoadMore query={events} text={t("audit.more")} />
    </Page>
  );
}
