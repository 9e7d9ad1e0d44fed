import { Link } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { usePagedApi } from "../../api/hooks";
import { DataTable } from "../../components/DataTable";
import { LoadMore, shownCount } from "../../components/LoadMore";
import { Page } from "../../components/Page";
import { QueryState } from "../../components/QueryState";
import { formatters } from "../../i18n";
import { useSession } from "../identity/session";
import type { SupportRequests } from "./api";

/** Open support requests of the region, crisis first; lenders see how many of their members fit. */
export function RequestsPage() {
  const { t, i18n } = useTranslation();
  const f = formatters(i18n.language);
  const { me } = useSession();
  const requests = usePagedApi<SupportRequests>((cursor) => api.GET("/api/v1/support-requests", { params: { query: { cursor } } }), []);
  const items = requests.data?.items;
  if (!items) return <QueryState query={requests} title={t("requests.title")} />;
  const lender = !!me?.abilities.offerMembers;
  return (
    <Page title={t("requests.title")} intro={t("requests.intro")}>
      {me?.abilities.createRequests ? (
        <p>
          <Link to="/anfragen/neu" className="kern-btn kern-btn--primary">
            <span className="kern-label">{t("requests.create")}</span>
          </Link>
        </p>
      ) : null}
      <DataTable
        id="requests-caption"
        caption={t("requests.caption", { count: shownCount(requests) })}
        stacked
        columns={[
          { label: t("requests.titleCol") },
          { label: t("requests.from") },
          { label: t("requests.period") },
          { label: t("requests.headcount"), numeric: true },
          { label: t("requests.urgency") },
          ...(lender ? [{ label: t("requests.eligible"), numeric: true }] : []),
          { label: t("requests.offered"), numeric: true },
          { label: t("requests.status") },
        ]}
      >
        {items.map((r) => (
          <tr key={r.id} className="kern-table__row">
            <th scope="row" className="kern-table__cell">
              <Link to="/anfragen/$id" params={{ id: r.id }} className="kern-link">
                {r.title}
              </Link>
            </th>
            <td className="kern-table__cell">{r.organization.name}</td>
            <td className="kern-table__cell">
              {f.date(r.startsOn)}–{f.date(r.endsOn)}
            </td>
            <td className="kern-table__cell kern-table__cell--numeric">{r.headcount}</td>
            <td className="kern-table__cell">
              <span
                className={`kern-badge ${r.urgency === "crisis" ? "kern-badge--danger" : r.urgency === "urgent" ? "kern-badge--warning" : "kern-badge--info"}`}
              >
                <span className="kern-label">{t(`requests.urgencies.${r.urgency}`)}</span>
              </span>
            </td>
            {lender ? (
              <td className="kern-table__cell kern-table__cell--numeric">{r.eligibleOwnMembers ?? t("requests.ownRequest")}</td>
            ) : null}
            <td className="kern-table__cell kern-table__cell--numeric">{r.offered}</td>
            <td className="kern-table__cell">{t(`requests.statuses.${r.status}`)}</td>
          </tr>
        ))}
      </DataTable>
      <LoadMore query={requests} />
    </Page>
  );
}
