import { and, eq, inArray, ne, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { afterCursor, cursorColumn, orderBy, pageOf, type PageRequest, type SortKey } from "../../kernel/paging";
import type { Actor } from "../../kernel/actor";
import { hasRole } from "../../kernel/actor";
import type { AuditSource } from "../../kernel/audit-sources";
import { TIME_ZONE } from "../../kernel/dates";
import { auditEvents } from "./audit.tables";
import type { ObjectType } from "./audit-words";
import { presentAuditEvents, type AuditRow, type PresentedAuditEvent } from "./present-audit";

/** Newest first: the id grows with every entry. */
const AUDIT_ORDER: SortKey[] = [{ sql: auditEvents.id, type: "integer", desc: true }];

/** What the log is narrowed to; every filter is optional and they combine (AND). */
export interface AuditFilter {
  /** Part of the name or login of a person of the viewer's own administration: the entries that person acted in. */
  person?: string;
  /** One object type (`secondment`, `account`, …). */
  objectType?: ObjectType;
  /** First day (ISO date, a day in Germany). */
  from?: string;
  /** Last day (ISO date, a day in Germany, inclusive). */
  to?: string;
}

/**
 * What the actor may read of the log — the audit log's scope, part of every query: org_admin reads
 * its administration's entries and its own people's actions on objects of others it is a party to
 * (`source.sharedWith`, never `tenant` objects); region_admin the region's entries on `region` and
 * `public` objects. Null for anyone else (no entries). Filters only narrow what this allows.
 */
export function visibleAuditEventsWhere(actor: Actor, source: AuditSource): SQL | null {
  const scopes: SQL[] = [];
  if (hasRole(actor, "org_admin")) {
    scopes.push(eq(auditEvents.organizationId, actor.organizationId));
    // What its own people did to objects of another administration it is a party to (a borrowing
    // office's steps on a lender's secondment) — never another administration's tenant data, and
    // nothing of objects it has no part in (the coordination office proposing between two towns).
    const shared = Object.entries(source.sharedWith ?? {}).map(([type, ids]) =>
      and(eq(auditEvents.entity, type), sql`${auditEvents.entityId} in (${ids(actor)})`)!,
    );
    if (shared.length) {
      scopes.push(and(eq(auditEvents.actorOrganizationId, actor.organizationId), ne(auditEvents.visibility, "tenant"), or(...shared))!);
    }
  }
  if (hasRole(actor, "region_admin")) {
    scopes.push(and(eq(auditEvents.regionId, actor.regionId), inArray(auditEvents.visibility, ["region", "public"]))!);
  }
  return scopes.length ? or(...scopes)! : null;
}

/** The start of a day in Germany as an instant (00:00 in Europe/Berlin, summer or winter time). */
const startOfGermanDay = (iso: string, plusDays = 0) =>
  sql`((${iso}::date + ${plusDays}::int)::timestamp at time zone ${sql.raw(`'${TIME_ZONE}'`)})`;

function filterWhere(actor: Actor, filter: AuditFilter, source: AuditSource): SQL | undefined {
  const parts: Array<SQL | undefined> = [];
  if (filter.objectType) parts.push(eq(auditEvents.entity, filter.objectType));
  if (filter.from) parts.push(sql`${auditEvents.at} >= ${startOfGermanDay(filter.from)}`);
  if (filter.to) parts.push(sql`${auditEvents.at} < ${startOfGermanDay(filter.to, 1)}`);
  if (filter.person) {
    if (!source.peopleMatching) return sql`false`;
    // The person who acted; for sign-ins recorded without an actor, the account signed in to.
    const who = sql`coalesce(${auditEvents.actorAccountId}::text, case when ${auditEvents.action} = 'login' and ${auditEvents.entity} = 'account' then ${auditEvents.entityId} end)`;
    parts.push(sql`${who} in (${source.peopleMatching(actor, filter.person)})`);
  }
  return and(...parts);
}

/**
 * The entries the actor may read, narrowed by the filter, newest first, a page at a time: the rows
 * as stored. The scope ({@link visibleAuditEventsWhere}) is part of the query, so no filter and no
 * cursor reaches another administration's entries.
 */
export async function listAuditEventRows(db: Db, actor: Actor, page: PageRequest & AuditFilter, source: AuditSource) {
  const visible = visibleAuditEventsWhere(actor, source);
  if (!visible) return { items: [] as AuditRow[], nextCursor: null };
  const narrowed = filterWhere(actor, page, source);
  const rows = await db
    .select({ e: auditEvents, cursor: cursorColumn(AUDIT_ORDER) })
    .from(auditEvents)
    .where(and(visible, narrowed, afterCursor(AUDIT_ORDER, page.cursor)))
    .orderBy(...orderBy(AUDIT_ORDER))
    .limit(page.limit + 1);
  const { rows: shown, nextCursor } = pageOf(rows, page.limit);
  return { items: shown.map((r) => r.e), nextCursor };
}

/** A page of the log as people read it (see `present-audit.ts`). */
export async function listAuditEvents(
  db: Db,
  actor: Actor,
  page: PageRequest & AuditFilter,
  source: AuditSource,
): Promise<{ items: PresentedAuditEvent[]; nextCursor: string | null }> {
  const rows = await listAuditEventRows(db, actor, page, source);
  return { items: await presentAuditEvents({ db, actor }, rows.items, source), nextCursor: rows.nextCursor };
}

/** Entries read at once by {@link eachAuditEventBatch}. */
export const EXPORT_BATCH = 500;

/**
 * Every entry of the filtered log, newest first, in batches of {@link EXPORT_BATCH} read one after
 * another (keyset paging): a large log is never held in memory at once.
 */
export async function* eachAuditEventBatch(db: Db, actor: Actor, filter: AuditFilter, source: AuditSource) {
  let cursor: string | undefined;
  do {
    const page = await listAuditEvents(db, actor, { ...filter, limit: EXPORT_BATCH, cursor }, source);
    yield page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}
