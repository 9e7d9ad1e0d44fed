import { and, eq, inArray, or, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { afterCursor, cursorColumn, orderBy, pageOf, type PageRequest, type SortKey } from "../../kernel/paging";
import type { Actor } from "../../kernel/actor";
import { hasRole } from "../../kernel/actor";
import { auditEvents } from "./audit.tables";

/** Newest first: the id grows with every entry. */
const AUDIT_ORDER: SortKey[] = [{ sql: auditEvents.id, type: "integer", desc: true }];

/**
 * The audit entries the actor may read, newest first, a page at a time. The filter is part of the
 * query: org_admin gets its administration's entries; region_admin additionally the region's
 * entries on `region` and `public` objects. An actor with neither role gets nothing.
 */
export async function listAuditEvents(db: Db, actor: Actor, page: PageRequest) {
  const scopes: SQL[] = [];
  if (hasRole(actor, "org_admin")) scopes.push(eq(auditEvents.organizationId, actor.organizationId));
  if (hasRole(actor, "region_admin")) {
    scopes.push(and(eq(auditEvents.regionId, actor.regionId), inArray(auditEvents.visibility, ["region", "public"]))!);
  }
  if (scopes.length === 0) return { items: [], nextCursor: null };
  const rows = await db
    .select({ e: auditEvents, cursor: cursorColumn(AUDIT_ORDER) })
    .from(auditEvents)
    .where(and(or(...scopes), afterCursor(AUDIT_ORDER, page.cursor)))
    .orderBy(...orderBy(AUDIT_ORDER))
    .limit(page.limit + 1);
  const { rows: shown, nextCursor } = pageOf(rows, page.limit);
  return { items: shown.map((r) => r.e), nextCursor };
}
