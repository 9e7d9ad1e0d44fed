import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { useApi, useMutation } from "../../api/hooks";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { DataTable } from "../../components/DataTable";
import { Button, ErrorSummary, Notice, TextField } from "../../components/forms";
import { Page } from "../../components/Page";
import { QueryState } from "../../components/QueryState";
import { formatters } from "../../i18n";
import type { ProviderChange, ProviderChanges } from "./api";
import { publishProviderChangeCount } from "./providerChangeCount";

/**
 * The region's coordination confirms or rejects the provider changes the HR offices requested
 * (four eyes: never its own request). Both are asked first; a rejection needs a reason, which the
 * HR office receives by e-mail.
 */
export function ProviderChangesPage() {
  const { t, i18n } = useTranslation();
  const f = formatters(i18n.language);
  const changes = useApi<ProviderChanges>(async () => {
    const res = await api.GET("/api/v1/identity-provider-changes");
    if (res.data) publishProviderChangeCount(res.data.pending); // the navigation's count
    return res;
  }, []);
  const [asking, setAsking] = useState<{ change: ProviderChange; decision: "confirm" | "reject" } | null>(null);
  const [reason, setReason] = useState("");
  const [notice, setNotice] = useState<string | null>(null);
  const decision = useMutation(
    ({ change, decision }: { change: ProviderChange; decision: "confirm" | "reject" }) => {
      const params = { path: { id: change.id } };
      return decision === "confirm"
        ? api.POST("/api/v1/identity-provider-changes/{id}/confirm", { params })
        : api.POST("/api/v1/identity-provider-changes/{id}/reject", { params, body: { reason } });
    },
    {
      async onSuccess(_decided, { change, decision }) {
        setAsking(null);
        setReason("");
        const organization = change.organization.name;
        setNotice(
          decision === "confirm" ? t("providerChanges.confirmed", { organization }) : t("providerChanges.rejected", { organization }),
        );
        await changes.reload();
      },
    },
  );
  const problem = decision.problem;
  const errors = decision.errors;

  const decide = async () => {
    if (!asking) return;
    const failed = await decision.run(asking);
    // A missing reason is shown at the field inside the dialog; anything else above the list.
    if (failed && !(asking.decision === "reject" && failed.errors?.some((e) => e.field === "reason"))) setAsking(null);
  };

  const items = changes.data?.items;
  if (!items) return <QueryState query={changes} title={t("providerChanges.title")} />;
  const pending = items.filter((c) => c.status === "pending");
  const decided = items.filter((c) => c.status !== "pending" && c.status !== "superseded");
  const enabled = (on: boolean) => (on ? t("sso.on") : t("sso.off"));
  return (
    <Page title={t("providerChanges.title")} intro={t("providerChanges.intro")}>
      {notice ? <Notice>{notice}</Notice> : null}
      {!asking ? <ErrorSummary problem={problem} labels={{ reason: t("providerChanges.reason") }} /> : null}
      <h2 className="kern-heading-medium">{t("providerChanges.pending")}</h2>
      {pending.length === 0 ? <p className="kern-body">{t("providerChanges.none")}</p> : null}
      <ul className="kern-list tiles change-list">
        {pending.map((c) => (
          <li key={c.id} className="kern-card">
            <div className="kern-card__container">
              <div className="kern-card__body">
                <h3 className="kern-heading-small">{c.organization.name}</h3>
                <p className="kern-body">{t("sso.changeWho", { name: c.requestedBy, date: f.dateTime(c.requestedAt) })}</p>
                <dl className="kern-description-list">
                  <div className="kern-description-list-item">
                    <dt className="kern-description-list-item__key">{t("providerChanges.current")}</dt>
                    <dd className="kern-description-list-item__value">
                      {c.current ? `${enabled(c.current.isEnabled)} · ${c.current.issuer} · ${c.current.clientId}` : t("sso.none")}
                    </dd>
                  </div>
                  <div className="kern-description-list-item">
                    <dt className="kern-description-list-item__key">{t("providerChanges.proposed")}</dt>
                    <dd className="kern-description-list-item__value">{`${enabled(c.isEnabled)} · ${c.issuer} · ${c.clientId}`}</dd>
                  </div>
                </dl>
                {c.bindingsDropped ? <p className="kern-body">{t("providerChanges.bindings", { count: c.bindingsDropped })}</p> : null}
                {!c.abilities.confirm ? <p className="kern-body">{t("providerChanges.ownRequest")}</p> : null}
                <p className="button-row">
                  {c.abilities.confirm ? (
                    <Button
                      type="button"
                      onClick={() => setAsking({ change: c, decision: "confirm" })}
                      label={`${t("providerChanges.confirm")}: ${c.organization.name}`}
                    >
                      {t("providerChanges.confirm")}
                    </Button>
                  ) : null}
                  {c.abilities.reject ? (
                    <Button
                      type="button"
                      kind="secondary"
                      onClick={() => setAsking({ change: c, decision: "reject" })}
                      label={`${t("providerChanges.reject")}: ${c.organization.name}`}
                    >
                      {t("providerChanges.reject")}
                    </Button>
                  ) : null}
                </p>
              </div>
            </div>
          </li>
        ))}
      </ul>
      {decided.length ? (
        <>
          <h2 className="kern-heading-medium">{t("providerChanges.decided")}</h2>
          <DataTable
            id="decided-caption"
            caption={t("providerChanges.decidedCaption")}
            columns={[
              { label: t("providerChanges.organization") },
              { label: t("providerChanges.issuer") },
              { label: t("providerChanges.state") },
              { label: t("sso.reason") },
            ]}
          >
            {decided.map((c) => (
              <tr key={c.id} className="kern-table__row">
                <th scope="row" className="kern-table__cell">
                  {c.organization.name}
                </th>
                <td className="kern-table__cell">{`${enabled(c.isEnabled)} · ${c.issuer}`}</td>
                <td className="kern-table__cell">
                  {t("providerChanges.decidedBy", {
                    status: t(`sso.status.${c.status}`),
                    name: c.decidedBy ?? c.requestedBy,
                    date: f.date(c.decidedAt ?? c.requestedAt),
                  })}
                </td>
                <td className="kern-table__cell">{c.reason ?? "–"}</td>
              </tr>
            ))}
          </DataTable>
        </>
      ) : null}
      <ConfirmDialog
        open={asking !== null}
        title={
          asking?.decision === "reject"
            ? t("providerChanges.rejectTitle", { organization: asking.change.organization.name })
            : t("providerChanges.confirmTitle", { organization: asking?.change.organization.name ?? "" })
        }
        body={
          asking?.decision === "reject" ? (
            <p className="kern-body">{t("providerChanges.rejectBody")}</p>
          ) : asking ? (
            <p className="kern-body">
              {t("providerChanges.confirmBody", { organization: asking.change.organization.name, issuer: asking.change.issuer })}
              {asking.change.bindingsDropped ? ` ${t("providerChanges.confirmBindings", { count: asking.change.bindingsDropped })}` : ""}
            </p>
          ) : null
        }
        confirmLabel={asking?.decision === "reject" ? t("providerChanges.reject") : t("providerChanges.confirm")}
        onConfirm={() => void decide()}
        onCancel={() => {
          setAsking(null);
          decision.reset();
        }}
        busy={decision.busy}
      >
        {asking?.decision === "reject" ? (
          <TextField
            name="reason"
            label={t("providerChanges.reason")}
            value={reason}
            onChange={setReason}
            error={errors.reason}
            multiline
          />
        ) : undefined}
      </ConfirmDialog>
    </Page>
  );
}
