import { useCallback, useEffect, useState } from "react";
import { Link } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import type { paths } from "../../api/schema";
import { DataTable } from "../../components/DataTable";
import { Button, Notice } from "../../components/forms";
import { Page } from "../../components/Page";
import { useSession } from "../identity/session";

type Member = paths["/api/v1/pool-members"]["get"]["responses"][200]["content"]["application/json"]["items"][number];

/** The HR office's list of its pool members; it confirms qualifications the members entered. */
export function PoolMembersPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const [items, setItems] = useState<Member[] | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const load = useCallback(() => api.GET("/api/v1/pool-members").then((r) => setItems(r.data?.items ?? [])), []);
  useEffect(() => {
    void load();
  }, [load]);
  const confirm = async (m: Member) => {
    const res = await api.PATCH("/api/v1/pool-members/{id}", {
      params: { path: { id: m.id } },
      body: { qualifications: m.qualifications.map((q) => ({ qualificationId: q.qualificationId, validUntil: q.validUntil })) },
    });
    if (res.data) {
      await load();
      setNotice(t("pool.confirmedAll", { name: m.name }));
    }
  };
  if (!items) return <p className="kern-body">{t("errors.loading")}</p>;
  return (
    <Page title={t("pool.membersTitle")} intro={t("pool.membersIntro")}>
      {notice ? <Notice>{notice}</Notice> : null}
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
        caption={t("pool.membersCaption", { organization: me?.organization.name, count: items.length })}
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
            <td className="kern-table__cell">{m.department?.name ?? "–"}</td>
            <td className="kern-table__cell">{m.payGroup}</td>
            <td className="kern-table__cell">
              {m.qualifications
                .map((q) => `${q.name} (${!q.isConfirmed ? t("pool.unconfirmed") : q.counts ? t("pool.confirmed") : t("pool.expired")})`)
                .join(", ")}
            </td>
            <td className="kern-table__cell">
              {m.availability
                .map((w) => `${w.startsOn.split("-").reverse().join(".")}–${w.endsOn.split("-").reverse().join(".")} (${w.hoursPerWeek} h)`)
                .join(", ")}
            </td>
            <td className="kern-table__cell kern-table__cell--action">
              {m.qualifications.some((q) => !q.isConfirmed) ? (
                <Button type="button" kind="secondary" onClick={() => void confirm(m)} label={t("pool.confirmNamed", { name: m.name })}>
                  {t("pool.confirm")}
                </Button>
              ) : null}
            </td>
          </tr>
        ))}
      </DataTable>
    </Page>
  );
}
