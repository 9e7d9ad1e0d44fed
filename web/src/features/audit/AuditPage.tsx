import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import type { paths } from "../../api/schema";
import { Button } from "../../components/forms";
import { DataTable } from "../../components/DataTable";
import { Page } from "../../components/Page";
import { formatters } from "../../i18n";

type AuditEvent = paths["/api/v1/audit-events"]["get"]["responses"][200]["content"]["application/json"]["items"][number];

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
  const [items, setItems] = useState<AuditEvent[] | null>(null);
  const [nextBefore, setNextBefore] = useState<number | null>(null);

  const load = async (before?: number) => {
    const res = await api.GET("/api/v1/audit-events", { params: { query: { limit: 50, before } } });
    if (!res.data) return;
    setItems((prev) => [...(before ? (prev ?? []) : []), ...res.data.items]);
    setNextBefore(res.data.nextBefore);
  };
  useEffect(() => {
    void load();
  }, []);

  return (
    <Page title={t("audit.title")} intro={t("audit.intro")}>
      {items === null ? (
        <p className="kern-body">{t("errors.loading")}</p>
      ) : items.length === 0 ? (
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
      {nextBefore ? (
        <p>
          <Button type="button" kind="secondary" onClick={() => void load(nextBefore)}>
            {t("audit.more")}
          </Button>
        </p>
      ) : null}
    </Page>
  );
}
