import { and, eq, inArray } from "drizzle-orm";
import { auditLinks, type AuditSource } from "../../kernel/audit-sources";
import { qualificationPolicy } from "./pool.policy";
import { qualifications } from "./pool.tables";

/**
 * Links of the audit log to the qualification catalogue. A pool member has no page of its own (the
 * HR office's list holds every member), so its entries have no link.
 */
export const poolAuditSource: AuditSource = {
  links: {
    qualification: auditLinks({
      mayOpen: (actor) => qualificationPolicy.can(actor, "list"),
      openable: ({ db, actor }, ids) =>
        db
          .select({ id: qualifications.id })
          .from(qualifications)
          .where(and(inArray(qualifications.id, ids), eq(qualifications.regionId, actor.regionId))),
      path: () => "/qualifikationen",
    }),
  },
};
