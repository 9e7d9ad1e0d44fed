import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import type { paths } from "../../api/schema";
import { DataTable } from "../../components/DataTable";
import { Notice } from "../../components/forms";
import { Page } from "../../components/Page";
import { formatters } from "../../i18n";

type Outbox = paths["/api/v1/outbox"]["get"]["responses"][200]["content"]["application/json"];

/** The coordination office's Postausgang. */
export function OutboxPage() {
  const { t, i18n } = useTranslation();
  const f = formatters(i18n.language);
  const [data, setData] = useState<Outbox | null>(null);
  useEffect(() => {
    void api.GET("/api/v1/outbox").then((r) => setData(r.data ?? null));
  }, []);
  if (!data) return <p className="kern-body">{t("errors.loading")}</p>;
  return (
    <Page title={t("outbox.title")} intro={t("outbox.intro")}>
      {!data.smtpConfigured ? <Notice kind="info">{t("outbox.noSmtp")}</Notice> : null}
      {data.items.length ? (
        <DataTable
          id="outbox-caption"
          caption={t("outbox.caption")}
          columns={[
            { label: t("outbox.createdAt") },
            { label: t("outbox.to") },
            { label: t("outbox.subject") },
            { label: t("outbox.status") },
          ]}
        >
          {data.items.map((m) => (
            <tr key={m.id} className="kern-table__row">
              <td className="kern-table__cell">{f.dateTime(m.createdAt)}</td>
              <td className="kern-table__cell">{m.to}</td>
              <td className="kern-table__cell">
                <details>
                  <summary>{m.subject}</summary>
                  <pre className="mail-text">{m.text}</pre>
                </details>
              </td>
              <td className="kern-table__cell">{t(`outbox.statuses.${m.status}`)}</td>
            </tr>
          ))}
        </DataTable>
      ) : (
        <p className="kern-body">{t("outbox.none")}</p>
      )}
    </Page>
  );
}
