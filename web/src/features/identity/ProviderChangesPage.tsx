import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, asProblem, type Problem } from "../../api/client";
import type { paths } from "../../api/schema";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { DataTable } from "../../components/DataTable";
import { Button, ErrorSummary, fieldErrors, Notice, TextField } from "../../components/forms";
import { Page } from "../../components/Page";
import { formatters } from "../../i18n";
import { useProviderChangeCount } from "./providerChangeCount";

type Change = paths["/api/v1/identity-provider-changes"]["get"]["responses"][200]["content"]["application/json"]["items"][number];

/**
 * The region's coordination confirms or rejects the provider changes the HR offices requested
 * (four eyes: never its own request). Both are asked first; a rejection needs a reason, which the
 * HR office receives by e-mail.
 */
export function ProviderChangesPage() {
  const { t, i18n } = useTranslation();
  const f = formatters(i18n.language);
  const { refresh } = useProviderChangeCount();
  const [items, setItems] = useState<Change[] | null>(null);
  const [asking, setAsking] = useState<{ change: Change; decision: "confirm" | "reject" } | null>(null);
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const errors = fieldErrors(problem, i18n.language);
  const load = useCallback(async () => {
    const r = await api.GET("/api/v1/identity-provider-changes");
    setItems(r.data?.items ?? []);
    await refresh();
  }, [refresh]);
  useEffect(() => {
    void load();
  }, [load]);

  const decide = async () => {
    if (!asking) return;
    const { change, decision } = asking;
    setBusy(true);
    const params = { path: { id: change.id } };
    const res =
      decision === "confirm"
        ? await api.POST("/api/v1/identity-provider-changes/{id}/confirm", { params })
        : await api.POST("/api/v1/identity-provider-changes/{id}/reject", { params, body: { reason } });
    setBusy(false);
    if (!res.data) {
      const failed = asProblem(res.error, res.response.status);
      // A missing reason is shown at the field inside the dialog; anything else above the list.
      if (!(decision === "reject" && failed.errors?.some((e) => e.field === "reason"))) setAsking(null);
      return setProblem(failed);
    }
    setAsking(null);
    setReason("");
    setProblem(null);
    const organization = change.organization.name;
    setNotice(decision === "confirm" ? t("providerChanges.confirmed", { organization }) : t("providerChanges.rejected", { organization }));
    await load();
  };

  if (!items) return <p className="kern-body">{t("errors.loading")}</p>;
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
          setProblem(null);
        }}
        busy={busy}
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
