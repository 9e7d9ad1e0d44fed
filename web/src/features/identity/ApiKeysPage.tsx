import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { useMutation, usePagedApi } from "../../api/hooks";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { DataTable } from "../../components/DataTable";
import { Button, ErrorSummary, Form, Notice, TextField } from "../../components/forms";
import { LoadMore } from "../../components/LoadMore";
import { Page } from "../../components/Page";
import { QueryState } from "../../components/QueryState";
import { formatters } from "../../i18n";
import type { ApiKey, ApiKeys, CreatedApiKey, NewApiKey } from "./api";
import { useSession } from "./session";

/**
 * The API keys of an administration (HR office and controlling): the list with name, prefix,
 * issue, last use and state; a form that issues a key and shows its secret once, with a copy
 * button; revoking asks first.
 */
export function ApiKeysPage() {
  const { t, i18n } = useTranslation();
  const f = formatters(i18n.language);
  const { me } = useSession();
  const keys = usePagedApi<ApiKeys>((cursor) => api.GET("/api/v1/api-keys", { params: { query: { cursor } } }), []);
  const [name, setName] = useState("");
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [asking, setAsking] = useState<ApiKey | null>(null);

  const create = useMutation((body: NewApiKey) => api.POST("/api/v1/api-keys", { body }), {
    async onSuccess(answer) {
      setNotice(null);
      setCreated(answer);
      setName("");
      await keys.reload();
    },
  });
  const revoke = useMutation((key: ApiKey) => api.POST("/api/v1/api-keys/{id}/revoke", { params: { path: { id: key.id } } }), {
    async onSuccess(key) {
      setAsking(null);
      setCreated(null);
      // The list first, then the notice: "Widerrufen" never stands beside a row still "Gültig".
      await keys.reload();
      setNotice(t("apiKeys.revoked", { name: key.name }));
    },
  });

  if (keys.problem) return <QueryState query={keys} title={t("apiKeys.title")} />;
  const items = keys.data?.items;
  const labels = { name: t("apiKeys.name") };
  return (
    <Page title={t("apiKeys.title")} intro={t("apiKeys.intro", { organization: me?.organization.name ?? "" })}>
      {created ? <CreatedKey created={created} /> : null}
      {notice ? <Notice focus>{notice}</Notice> : null}
      <ErrorSummary problem={revoke.problem} labels={{}} />

      <h2 className="kern-heading-medium" id="api-keys-heading">
        {t("apiKeys.listHeading")}
      </h2>
      {!items ? (
        <QueryState query={keys} inline />
      ) : items.length === 0 ? (
        <p className="kern-body">{t("apiKeys.none")}</p>
      ) : (
        <DataTable
          id="api-keys-table"
          labelledBy="api-keys-heading"
          stacked
          columns={[
            { label: t("apiKeys.name") },
            { label: t("apiKeys.prefix") },
            { label: t("apiKeys.issued") },
            { label: t("apiKeys.lastUsed") },
            { label: t("apiKeys.state") },
            { label: t("apiKeys.actions"), action: true },
          ]}
        >
          {items.map((k) => (
            <tr key={k.id} className="kern-table__row">
              <th scope="row" className="kern-table__cell">
                {k.name}
              </th>
              <td className="kern-table__cell">
                <code>{k.prefix}…</code>
              </td>
              <td className="kern-table__cell">
                {k.createdBy ? t("apiKeys.issuedBy", { date: f.date(k.createdAt), name: k.createdBy }) : f.date(k.createdAt)}
              </td>
              <td className="kern-table__cell">
                {k.lastUsedAt ? t("apiKeys.at", { date: f.date(k.lastUsedAt), time: f.time(k.lastUsedAt) }) : t("apiKeys.neverUsed")}
              </td>
              <td className="kern-table__cell">
                {k.revokedAt ? (
                  <span className="kern-badge kern-badge--warning">
                    <span className="kern-label">{t("apiKeys.revokedOn", { date: f.date(k.revokedAt) })}</span>
                  </span>
                ) : (
                  <span className="kern-badge kern-badge--success">
                    <span className="kern-label">{t("apiKeys.valid")}</span>
                  </span>
                )}
              </td>
              <td className="kern-table__cell kern-table__cell--action">
                {k.abilities.revoke ? (
                  <Button type="button" kind="secondary" onClick={() => setAsking(k)} label={t("apiKeys.revokeNamed", { name: k.name })}>
                    {t("apiKeys.revoke")}
                  </Button>
                ) : null}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <LoadMore query={keys} />

      {keys.data?.canCreate ? (
        <>
          <h2 className="kern-heading-medium" id="api-key-new-heading">
            {t("apiKeys.createHeading")}
          </h2>
          <p className="kern-body">{t("apiKeys.createIntro")}</p>
          <ErrorSummary problem={create.problem} labels={labels} />
          <Form
            name="api-key-new"
            labelledBy="api-key-new-heading"
            mutation={create}
            onSubmit={() => {
              setCreated(null);
              void create.run({ name, scopes: ["submissions"] });
            }}
          >
            <TextField
              name="name"
              label={labels.name}
              hint={t("apiKeys.nameHint")}
              value={name}
              onChange={setName}
              error={create.errors.name}
              autoComplete="off"
            />
            <div>
              <Button>{t("apiKeys.create")}</Button>
            </div>
          </Form>
        </>
      ) : null}

      <ConfirmDialog
        open={!!asking}
        title={t("apiKeys.revokeTitle", { name: asking?.name ?? "" })}
        body={<p className="kern-body">{t("apiKeys.revokeBody")}</p>}
        confirmLabel={t("apiKeys.revoke")}
        cancelLabel={t("apiKeys.notNow")}
        onConfirm={() => asking && void revoke.run(asking)}
        onCancel={() => setAsking(null)}
        busy={revoke.busy}
      />
    </Page>
  );
}

/** The secret of a key just issued: shown once, with a copy button and what to do next. */
function CreatedKey({ created }: { created: CreatedApiKey }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(created.secret);
      setCopied("yes");
    } catch {
      setCopied("no");
    }
  };
  return (
    <>
      <Notice focus>{t("apiKeys.created", { name: created.apiKey.name })}</Notice>
      <section className="api-key-secret" aria-labelledby="api-key-secret-heading">
        <h2 className="kern-heading-medium" id="api-key-secret-heading">
          {t("apiKeys.secretHeading")}
        </h2>
        <p className="kern-body">
          <strong>{t("apiKeys.secretWarning")}</strong>
        </p>
        <div className="kern-form-input">
          <label className="kern-label" htmlFor="api-key-secret">
            {t("apiKeys.secretLabel", { name: created.apiKey.name })}
          </label>
          <textarea
            id="api-key-secret"
            className="kern-form-input__input textarea api-key-secret__value"
            readOnly
            rows={2}
            value={created.secret}
            onFocus={(e) => e.currentTarget.select()}
            spellCheck={false}
            autoComplete="off"
          />
        </div>
        <p>
          <Button type="button" onClick={() => void copy()}>
            {t("apiKeys.copy")}
          </Button>
        </p>
        <p className="kern-body" role="status">
          {copied === "yes" ? t("apiKeys.copied") : copied === "no" ? t("apiKeys.copyFailed") : ""}
        </p>
        <p className="kern-body">{t("apiKeys.next")}</p>
        <pre className="api-key-secret__example">
          <code>{`curl -H "Authorization: Bearer ${created.apiKey.prefix}…" ${window.location.origin}/api/v1/api-keys/self`}</code>
        </pre>
      </section>
    </>
  );
}
