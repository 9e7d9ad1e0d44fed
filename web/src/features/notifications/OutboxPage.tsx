import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { usePagedApi } from "../../api/hooks";
import { DataTable } from "../../components/DataTable";
import { LoadMore } from "../../components/LoadMore";
import { Notice } from "../../components/forms";
import { Page } from "../../components/Page";
import { QueryState } from "../../components/QueryState";
import { formatters } from "../../i18n";
import type { Outbox } from "./api";

/** The coordination office's Postausgang. */
export function OutboxPage() {
  const { t, i18n } = useTranslation();
  const f = formatters(i18n.language);
  const outbox = usePagedApi<Outbox>((cursor) => api.GET("/api/v1/outbox", { params: { query: { cursor } } }), []);
  const data = outbox.data;
  if (!data) return <QueryState query={outbox} title={t("outbox.title")} />;
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
      <LoadMore query={outbox} />
    </Page>
  );
}
