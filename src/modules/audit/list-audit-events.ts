import { and, desc, eq, inArray, lt, or, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { Actor } from "../../kernel/actor";
import { hasRole } from "../../kernel/actor";
import { auditEvents } from "./audit.tables";

/** Paging of {@link listAuditEvents}. */
export interface AuditQuery {
  /** Entries older than this id (the last id of the previous page). */
  before?: number;
  /** Page size, 1–200. */
  limit: number;
}

/**
 * The audit entries the actor may read, newest first. The filter is part of the query:
 * org_admin gets its administration's entries; region_admin additionally the region's entries on
 * `region` and `public` objects. An actor with neither role gets nothing.
 */
export async function listAuditEvents(db: Db, actor: Actor, query: AuditQuery) {
  const scopes: SQL[] = [];
  if (hasRole(actor, "org_admin")) scopes.push(eq(auditEvents.organizationId, actor.organizationId));
  if (hasRole(actor, "region_admin")) {
    scopes.push(and(eq(auditEvents.regionId, actor.regionId), inArray(auditEvents.visibility, ["region", "public"]))!);
  }
  if (scopes.length === 0) return [];
  const where = and(or(...scopes), query.before ? lt(auditEvents.id, query.before) : undefined);
  return db.select().from(auditEvents).where(where).orderBy(desc(auditEvents.id)).limit(query.limit);
}
