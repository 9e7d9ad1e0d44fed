import { sql } from "drizzle-orm";
import type { Tx } from "../../db/client";
import type { Visibility } from "../../db/visibility";
import type { Actor, ApiKeyActor } from "../../kernel/actor";
import { auditEvents } from "./audit.tables";
import type { AuditActionName } from "./audit-words";

/** What happened, to be appended to the audit log. */
export interface AuditEntry {
  action: AuditActionName;
  entity: string;
  entityId?: string | null;
  /** Region and administration that own the object (default: the actor's). */
  regionId?: string | null;
  organizationId?: string | null;
  visibility: Visibility;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
  /** Login to record when there is no actor (failed logins). */
  actorLogin?: string | null;
  /** A deputy acted for this principal (login). */
  onBehalfOf?: string | null;
}

/**
 * Appends one entry to the audit log inside the transaction of the change it records, so that the
 * change and its entry are committed together or not at all. It takes only a transaction: the
 * type refuses a bare database handle, so an entry cannot be written beside its change.
 */
export async function recordAudit(tx: Tx, by: Actor | ApiKeyActor | null, entry: AuditEntry): Promise<void> {
  await tx.insert(auditEvents).values(auditRow(by, entry));
}

/**
 * Appends many entries of one actor at once (a batch of reported values): the same rows as
 * {@link recordAudit}, inserted as ONE JSON parameter per 5,000 entries — the query builder's cost
 * per parameter made 500 single inserts the larger part of a batch's time (docs/BENCHMARKS.md).
 */
export async function recordAudits(tx: Tx, by: Actor | ApiKeyActor | null, entries: AuditEntry[]): Promise<void> {
  for (let from = 0; from < entries.length; from += 5000) {
    const json = JSON.stringify(
      entries.slice(from, from + 5000).map((entry) => {
        const r = auditRow(by, entry);
        return {
          action: r.action,
          entity: r.entity,
          entity_id: r.entityId,
          region_id: r.regionId,
          organization_id: r.organizationId,
          actor_account_id: r.actorAccountId,
          actor_organization_id: r.actorOrganizationId,
          actor_login: r.actorLogin,
          visibility: r.visibility,
          before: r.before,
          after: r.after,
          ip: r.ip,
          on_behalf_of: r.onBehalfOf,
        };
      }),
    );
    await tx.execute(sql`
      INSERT INTO audit_events (action, entity, entity_id, region_id, organization_id, actor_account_id, actor_organization_id,
        actor_login, visibility, before, after, ip, on_behalf_of)
      SELECT action, entity, entity_id, region_id, organization_id, actor_account_id, actor_organization_id,
        actor_login, visibility, before, after, ip, on_behalf_of
      FROM jsonb_to_recordset(${json}::jsonb) AS x(action text, entity text, entity_id text, region_id uuid, organization_id uuid,
        actor_account_id uuid, actor_organization_id uuid, actor_login text, visibility text, before jsonb, after jsonb, ip text,
        on_behalf_of text)`);
  }
}

/** The row of an entry: an API key has no account — the entry names the key by its public prefix (never the secret) and belongs to the administration the key was issued to. */
function auditRow(by: Actor | ApiKeyActor | null, entry: AuditEntry): typeof auditEvents.$inferInsert {
  const key = by && "kind" in by ? by : null;
  const actor = key ? null : (by as Actor | null);
  if (key) entry = { regionId: key.regionId, organizationId: key.organizationId, ...entry, actorLogin: apiKeyActorLogin(key.prefix) };
  return {
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId ?? null,
    regionId: entry.regionId ?? actor?.regionId ?? null,
    organizationId: entry.organizationId === undefined ? (actor?.organizationId ?? null) : entry.organizationId,
    actorAccountId: actor?.accountId ?? null,
    actorOrganizationId: actor?.organizationId ?? key?.organizationId ?? null,
    actorLogin: actor?.login ?? entry.actorLogin ?? null,
    visibility: entry.visibility,
    before: entry.before ?? null,
    after: entry.after ?? null,
    ip: entry.ip ?? null,
    onBehalfOf: entry.onBehalfOf ?? null,
  };
}

/** How the log names an API key that acted: `api-key vbk_3f9aXq7L` (its public prefix). */
export function apiKeyActorLogin(prefix: string): string {
  return `${API_KEY_LOGIN}${prefix}`;
}

/** The start of an API key's actor login; `present-audit.ts` reads the prefix after it. */
export const API_KEY_LOGIN = "api-key ";
