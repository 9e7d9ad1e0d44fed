import { useCallback, useEffect, useState } from "react";
import { Link, useNavigate, useParams } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { DataTable } from "../../components/DataTable";
import { Button, Notice } from "../../components/forms";
import { Page } from "../../components/Page";
import { formatters } from "../../i18n";
import type { SupportRequest } from "./RequestsPage";
import type { paths } from "../../api/schema";

type RegionCandidate =
  paths["/api/v1/support-requests/{id}/region-candidates"]["get"]["responses"][200]["content"]["application/json"]["items"][number];

/** One request; a lending HR office offers eligible members of its pool here. */
export function RequestPage() {
  const { t, i18n } = useTranslation();
  const f = formatters(i18n.language);
  const { id } = useParams({ strict: false }) as { id: string };
  const navigate = useNavigate();
  const [request, setRequest] = useState<SupportRequest | null | undefined>(undefined);
  const [candidates, setCandidates] = useState<Array<{ id: string; name: string; jobTitle: string; isOffered: boolean }>>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [regionCandidates, setRegionCandidates] = useState<RegionCandidate[]>([]);
  const load = useCallback(async () => {
    const r = await api.GET("/api/v1/support-requests/{id}", { params: { path: { id } } });
    setRequest(r.data ?? null);
    if (r.data?.abilities.proposeFromRegion) {
      const c = await api.GET("/api/v1/support-requests/{id}/region-candidates", { params: { path: { id } } });
      setRegionCandidates(c.data?.items ?? []);
    }
    if (r.data?.abilities.offer) {
      const c = await api.GET("/api/v1/support-requests/{id}/candidates", { params: { path: { id } } });
      setCandidates(c.data?.items ?? []);
    }
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);
  const offer = async (member: { id: string; name: string }) => {
    const res = await api.POST("/api/v1/support-requests/{id}/offers", { params: { path: { id } }, body: { memberId: member.id } });
    if (res.data) {
      await load();
      setNotice(t("requests.offeredDone", { name: member.name }));
    }
  };
  const propose = async (memberId: string) => {
    const res = await api.POST("/api/v1/secondments", { body: { requestId: id, memberId } });
    if (res.data) await navigate({ to: "/abordnungen/$id", params: { id: res.data.id } });
  };
  const transition = async (status: "open" | "closed" | "cancelled") => {
    const res = await api.POST("/api/v1/support-requests/{id}/status", { params: { path: { id } }, body: { status } });
    if (res.data) {
      await load();
      setNotice(t("requests.statusChanged", { status: t(`requests.statuses.${status}`) }));
    }
  };
  if (request === undefined) return <p className="kern-body">{t("errors.loading")}</p>;
  if (request === null) return <Page title={t("errors.notFound")}>{null}</Page>;
  const facts: Array<[string, string]> = [
    [t("requests.from"), `${request.organization.name}${request.department ? `, ${request.department.name}` : ""}`],
    [t("requests.urgency"), `${t(`requests.urgencies.${request.urgency}`)}${request.crisis ? ` – ${request.crisis.name}` : ""}`],
    [
      t("requests.period"),
      `${f.date(request.startsOn)}–${f.date(request.endsOn)}, ${request.hoursPerWeek} h/${i18n.language === "en" ? "week" : "Woche"}`,
    ],
    [
      t("requests.headcount"),
      `${request.headcount} (${t("requests.offered")}: ${request.offered}, ${t("requests.filledCount")}: ${request.filled})`,
    ],
    [t("requests.tasks"), request.tasks],
    [t("requests.required"), request.requiredQualifications.map((q) => q.name).join(", ") || "–"],
    [t("requests.preferred"), request.preferredQualifications.map((q) => q.name).join(", ") || "–"],
    [t("requests.remote"), request.isRemotePossible ? "✓" : "–"],
    [t("requests.settlementModel"), t(`requests.models.${request.settlementModel}`)],
    [t("requests.contactName"), `${request.contactName}, ${request.contactEmail}`],
    [t("requests.status"), t(`requests.statuses.${request.status}`)],
  ];
  return (
    <Page title={request.title}>
      {notice ? <Notice>{notice}</Notice> : null}
      <dl className="kern-description-list">
        {facts.map(([k, v]) => (
          <div key={k} className="kern-description-list-item">
            <dt className="kern-description-list-item__key">{k}</dt>
            <dd className="kern-description-list-item__value">{v}</dd>
          </div>
        ))}
      </dl>
      {request.abilities.update ? (
        <p className="button-row">
          <Link to="/anfragen/$id/bearbeiten" params={{ id }} className="kern-btn kern-btn--secondary">
            <span className="kern-label">{t("requests.edit")}</span>
          </Link>
          {request.status === "draft" ? (
            <Button type="button" onClick={() => void transition("open")}>
              {t("requests.publish")}
            </Button>
          ) : (
            <Button type="button" kind="secondary" onClick={() => void transition("closed")}>
              {t("requests.close")}
            </Button>
          )}
          <Button type="button" kind="tertiary" onClick={() => void transition("cancelled")}>
            {t("requests.cancel")}
          </Button>
        </p>
      ) : null}
      {request.abilities.proposeFromRegion ? (
        <section aria-labelledby="region-heading">
          <h2 className="kern-heading-medium" id="region-heading">
            {t("requests.regionHeading")}
          </h2>
          <p className="kern-body">{t("requests.regionIntro")}</p>
          {regionCandidates.length ? (
            <DataTable
              id="region-caption"
              caption={t("requests.regionCaption", { count: regionCandidates.length })}
              columns={[
                { label: t("requests.from") },
                { label: t("pool.payGroup") },
                { label: t("pool.qualifications") },
                { label: t("requests.distance"), numeric: true },
                { label: t("accounts.actions"), action: true },
              ]}
            >
              {regionCandidates.map((c, i) => (
                <tr key={c.memberId} className="kern-table__row">
                  <th scope="row" className="kern-table__cell">
                    {t("requests.pseudonym", { n: i + 1, organization: c.organization })}
                  </th>
                  <td className="kern-table__cell">{c.payGroup}</td>
                  <td className="kern-table__cell">{c.qualifications.join(", ")}</td>
                  <td className="kern-table__cell kern-table__cell--numeric">{f.number(c.distanceKm)} km</td>
                  <td className="kern-table__cell kern-table__cell--action">
                    {c.isInOtherProcess ? (
                      t("requests.inOtherProcess")
                    ) : (
                      <Button
                        type="button"
                        kind="secondary"
                        onClick={() => void propose(c.memberId)}
                        label={`${t("requests.propose")}: ${t("requests.pseudonym", { n: i + 1, organization: c.organization })}`}
                      >
                        {t("requests.propose")}
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </DataTable>
          ) : (
            <p className="kern-body">{t("requests.noCandidates")}</p>
          )}
        </section>
      ) : null}
      {request.abilities.offer ? (
        <section aria-labelledby="offer-heading">
          <h2 className="kern-heading-medium" id="offer-heading">
            {t("requests.offerHeading")}
          </h2>
          <p className="kern-body">{t("requests.offerIntro")}</p>
          {candidates.length ? (
            <DataTable
              id="candidates-caption"
              caption={t("requests.candidates")}
              columns={[{ label: t("pool.name") }, { label: t("pool.jobTitle") }, { label: t("accounts.actions"), action: true }]}
            >
              {candidates.map((c) => (
                <tr key={c.id} className="kern-table__row">
                  <th scope="row" className="kern-table__cell">
                    {c.name}
                  </th>
                  <td className="kern-table__cell">{c.jobTitle}</td>
                  <td className="kern-table__cell kern-table__cell--action">
                    {c.isOffered ? (
                      t("requests.isOffered")
                    ) : (
                      <Button
                        type="button"
                        kind="secondary"
                        onClick={() => void offer(c)}
                        label={t("requests.offerNamed", { name: c.name })}
                      >
                        {t("requests.offer")}
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </DataTable>
          ) : (
            <p className="kern-body">{t("requests.noCandidates")}</p>
          )}
        </section>
      ) : null}
    </Page>
  );
}
