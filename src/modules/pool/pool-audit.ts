import { and, eq, inArray } from "drizzle-orm";
import { uuidsOf, type AuditSource } from "../../kernel/audit-sources";
import { qualificationPolicy } from "./pool.policy";
import { qualifications } from "./pool.tables";

/**
 * Links of the audit log to the qualification catalogue. A pool member has no page of its own (the
 * HR office's list holds every member), so its entries have no link.
 */
export const poolAuditSource: AuditSource = {
  links: {
    async qualification({ db, actor }, ids) {
      const wanted = uuidsOf(ids);
      if (!qualificationPolicy.can(actor, "list") || wanted.length === 0) return new Map();
      const rows = await db
        .select({ id: qualifications.id })
        .from(qualifications)
        .where(and(inArray(qualifications.id, wanted), eq(qualifications.regionId, actor.regionId)));
      return new Map(rows.map((r) => [r.id, "/qualifikationen"]));
    },
  },
};
