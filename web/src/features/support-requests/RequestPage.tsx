import { useState } from "react";
import { Link, useNavigate, useParams } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { useApi, useMutation } from "../../api/hooks";
import { DataTable } from "../../components/DataTable";
import { DescriptionList } from "../../components/DescriptionList";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { Button, ErrorSummary, Notice } from "../../components/forms";
import { Page } from "../../components/Page";
import { QueryState } from "../../components/QueryState";
import { formatters } from "../../i18n";
import type { Candidates, RegionCandidates, RequestStatusChange, SupportRequest } from "./api";

/** How each status change is offered: "Veröffentlichen" first, withdrawing last. */
const STATUS_BUTTONS: Record<RequestStatusChange, { label: string; kind: "primary" | "secondary" | "tertiary" }> = {
  open: { label: "requests.publish", kind: "primary" },
  closed: { label: "requests.close", kind: "secondary" },
  cancelled: { label: "requests.cancel", kind: "tertiary" },
};

/** One request; a lending HR office offers eligible members of its pool here. */
export function RequestPage() {
  const { t, i18n } = useTranslation();
  const f = formatters(i18n.language);
  const { id } = useParams({ strict: false }) as { id: string };
  const navigate = useNavigate();
  const [notice, setNotice] = useState<string | null>(null);
  const [asking, setAsking] = useState<"closed" | "cancelled" | null>(null);
  const query = useApi<SupportRequest>(() => api.GET("/api/v1/support-requests/{id}", { params: { path: { id } } }), [id]);
  const request = query.data;
  const canOffer = !!request?.abilities.offer;
  const canPropose = !!request?.abilities.proposeFromRegion;
  // The lender's own fitting members, named; the requester's fitting people of the region, pseudonymised.
  const candidates = useApi<Candidates>(
    canOffer ? () => api.GET("/api/v1/support-requests/{id}/candidates", { params: { path: { id } } }) : null,
    [id, canOffer],
  );
  const regionCandidates = useApi<RegionCandidates>(
    canPropose ? () => api.GET("/api/v1/support-requests/{id}/region-candidates", { params: { path: { id } } }) : null,
    [id, canPropose],
  );
  const offering = useMutation(
    (member: Candidates["items"][number]) =>
      api.POST("/api/v1/support-requests/{id}/offers", { params: { path: { id } }, body: { memberId: member.id } }),
    {
      async onSuccess(_offer, member) {
        await Promise.all([query.reload(), candidates.reload()]);
        setNotice(t("requests.offeredDone", { name: member.name }));
      },
    },
  );
  const proposal = useMutation((memberId: string) => api.POST("/api/v1/secondments", { body: { requestId: id, memberId } }), {
    onSuccess: (secondment) => navigate({ to: "/abordnungen/$id", params: { id: secondment.id } }),
  });
  const statusChange = useMutation(
    (status: RequestStatusChange) => api.POST("/api/v1/support-requests/{id}/status", { params: { path: { id } }, body: { status } }),
    {
      async onSuccess(_request, status) {
        await query.reload();
        setNotice(t("requests.statusChanged", { status: t(`requests.statuses.${status}`) }));
      },
    },
  );
  if (!request) return <QueryState query={query} />;
  const facts: Array<[string, string]> = [
    [t("requests.from"), `${request.organization.name}${request.department ? `, ${request.department.name}` : ""}`],
    [t("requests.urgency"), `${t(`requests.urgencies.${request.urgency}`)}${request.crisis ? ` – ${request.crisis.name}` : ""}`],
    [
      t("requests.period"),
      `${t("requests.periodLong", { from: f.dateLong(request.startsOn), to: f.dateLong(request.endsOn) })}, ${t("requests.hours", { hours: request.hoursPerWeek })}`,
    ],
    [
      t("requests.headcount"),
      `${request.headcount} (${t("requests.offered")}: ${request.offered}, ${t("requests.filledCount")}: ${request.filled})`,
    ],
    [t("requests.tasks"), request.tasks],
    [t("requests.required"), request.requiredQualifications.map((q) => q.name).join(", ") || t("requests.none")],
    [t("requests.preferred"), request.preferredQualifications.map((q) => q.name).join(", ") || t("requests.none")],
    [t("requests.remote"), request.isRemotePossible ? t("requests.yes") : t("requests.no")],
    [t("requests.settlementModel"), t(`requests.models.${request.settlementModel}`)],
    [t("requests.contactName"), `${request.contactName}, ${request.contactEmail}`],
    [t("requests.status"), t(`requests.statuses.${request.status}`)],
  ];
  return (
    <Page title={request.title}>
      {notice ? <Notice focus>{notice}</Notice> : null}
      <ErrorSummary problem={offering.problem ?? proposal.problem ?? statusChange.problem} labels={{}} />
      <DescriptionList items={facts} />
      {request.abilities.update ? (
        <p className="button-row">
          <Link to="/anfragen/$id/bearbeiten" params={{ id }} className="kern-btn kern-btn--secondary">
            <span className="kern-label">{t("requests.edit")}</span>
          </Link>
          {request.abilities.changeStatusTo.map((status) => (
            <Button
              key={status}
              type="button"
              kind={STATUS_BUTTONS[status].kind}
              onClick={() => (status === "open" ? void statusChange.run(status) : setAsking(status))}
            >
              {t(STATUS_BUTTONS[status].label)}
            </Button>
          ))}
        </p>
      ) : null}
      {asking ? (
        <ConfirmDialog
          open
          title={t(`requests.confirm.${asking}.title`)}
          body={t(`requests.confirm.${asking}.body`)}
          confirmLabel={t(STATUS_BUTTONS[asking].label)}
          cancelLabel={t("requests.confirm.keep")}
          busy={statusChange.busy}
          onConfirm={() => void statusChange.run(asking).finally(() => setAsking(null))}
          onCancel={() => setAsking(null)}
        />
      ) : null}
      {request.abilities.proposeFromRegion ? (
        <section aria-labelledby="region-heading">
          <h2 className="kern-heading-medium" id="region-heading">
            {t("requests.regionHeading")}
          </h2>
          <p className="kern-body">{t("requests.regionIntro")}</p>
          {regionCandidates.data?.items.length ? (
            <DataTable
              id="region-table"
              labelledBy="region-heading"
              stacked
              columns={[
                { label: t("requests.from") },
                { label: t("pool.payGroup") },
                { label: t("pool.qualifications") },
                { label: t("requests.distance"), numeric: true },
                { label: t("accounts.actions"), action: true },
              ]}
            >
              {regionCandidates.data.items.map((c, i) => (
                <tr key={c.memberId} className="kern-table__row">
                  <th scope="row" className="kern-table__cell">
                    {t("requests.pseudonym", { n: i + 1, organization: c.organization })}
                  </th>
                  <td className="kern-table__cell">{c.payGroup}</td>
                  <td className="kern-table__cell">{c.qualifications.join(", ")}</td>
                  <td className="kern-table__cell kern-table__cell--numeric">{t("requests.km", { km: f.number(c.distanceKm, 1) })}</td>
                  <td className="kern-table__cell kern-table__cell--action">
                    {c.isInOtherProcess ? (
                      t("requests.inOtherProcess")
                    ) : (
                      <Button
                        type="button"
                        kind="secondary"
                        onClick={() => void proposal.run(c.memberId)}
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
          {candidates.data?.items.length ? (
            <DataTable
              id="candidates-table"
              labelledBy="offer-heading"
              stacked
              columns={[{ label: t("pool.name") }, { label: t("pool.jobTitle") }, { label: t("accounts.actions"), action: true }]}
            >
              {candidates.data.items.map((c) => (
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
                        onClick={() => void offering.run(c)}
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
