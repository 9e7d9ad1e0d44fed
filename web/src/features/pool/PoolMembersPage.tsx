import { useState } from "react";
import { Link } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { useMutation, usePagedApi } from "../../api/hooks";
import { DataTable } from "../../components/DataTable";
import { Button, ErrorSummary, Notice } from "../../components/forms";
import { LoadMore, shownCount } from "../../components/LoadMore";
import { Page } from "../../components/Page";
import { formatters } from "../../i18n";
import { QueryState } from "../../components/QueryState";
import { useSession } from "../identity/session";
import type { PoolMember, PoolMembers } from "./api";

/** The HR office's list of its pool members; it confirms qualifications the members entered. */
export function PoolMembersPage() {
  const { t, i18n } = useTranslation();
  const f = formatters(i18n.language);
  const { me } = useSession();
  const members = usePagedApi<PoolMembers>((cursor) => api.GET("/api/v1/pool-members", { params: { query: { cursor } } }), []);
  const [notice, setNotice] = useState<string | null>(null);
  // Confirms every qualification the member entered, as it stands.
  const confirm = useMutation(
    (m: PoolMember) =>
      api.PATCH("/api/v1/pool-members/{id}", {
        params: { path: { id: m.id } },
        body: { qualifications: m.qualifications.map((q) => ({ qualificationId: q.qualificationId, validUntil: q.validUntil })) },
      }),
    {
      onSuccess(member, m) {
        // The changed member in place: the pages loaded so far stay.
        if (members.data) members.setData({ ...members.data, items: members.data.items.map((x) => (x.id === member.id ? member : x)) });
        setNotice(t("pool.confirmedAll", { name: m.name }));
      },
    },
  );
  const items = members.data?.items;
  if (!items) return <QueryState query={members} title={t("pool.membersTitle")} />;
  return (
    <Page title={t("pool.membersTitle")} intro={t("pool.membersIntro")}>
      {notice ? <Notice>{notice}</Notice> : null}
      <ErrorSummary problem={confirm.problem} labels={{}} />
      <p className="button-row">
        <Link to="/pool/mitglieder/neu" className="kern-btn kern-btn--primary">
          <span className="kern-label">{t("pool.register")}</span>
        </Link>
        <Link to="/pool" className="kern-btn kern-btn--secondary">
          <span className="kern-label">{t("pool.member")}</span>
        </Link>
      </p>
      <DataTable
        id="members-caption"
        stacked
        caption={t("pool.membersCaption", { organization: me?.organization.name, count: shownCount(members) })}
        columns={[
          { label: t("pool.name") },
          { label: t("pool.department") },
          { label: t("pool.payGroup") },
          { label: t("pool.qualifications") },
          { label: t("pool.availability") },
          { label: t("accounts.actions"), action: true },
        ]}
      >
        {items.map((m) => (
          <tr key={m.id} className="kern-table__row">
            <th scope="row" className="kern-table__cell">
              {m.name}
              <br />
              <span className="kern-body--muted">{m.jobTitle}</span>
            </th>
            <td className="kern-table__cell">{m.department?.name ?? t("pool.noDepartment")}</td>
            <td className="kern-table__cell">{m.payGroup}</td>
            <td className="kern-table__cell">
              {m.qualifications
                .map((q) => `${q.name} (${!q.isConfirmed ? t("pool.unconfirmed") : q.counts ? t("pool.confirmed") : t("pool.expired")})`)
                .join(", ")}
            </td>
            <td className="kern-table__cell">
              {m.availability.map((w) => `${f.date(w.startsOn)}–${f.date(w.endsOn)} (${w.hoursPerWeek}\u00a0h)`).join(", ")}
            </td>
            <td className="kern-table__cell kern-table__cell--action">
              {m.qualifications.some((q) => !q.isConfirmed) ? (
                <Button type="button" kind="secondary" onClick={() => void confirm.run(m)} label={t("pool.confirmNamed", { name: m.name })}>
                  {t("pool.confirm")}
                </Button>
              ) : null}
            </td>
          </tr>
        ))}
      </DataTable>
      <LoadMore query={members} />
    </Page>
  );
}
