import { and, eq, inArray } from "drizzle-orm";
import { auditLinks, type AuditSource } from "../../kernel/audit-sources";
import { listNamedPoolMembers } from "./pool-member-scope";
import { poolMemberPolicy, qualificationPolicy } from "./pool.policy";
import { qualifications } from "./pool.tables";

/**
 * Links of the audit log to the qualification catalogue, and the names of pool members for their
 * HR office. A pool member has no page of its own (the HR office's list holds every member), so its
 * entries have no link.
 */
export const poolAuditSource: AuditSource = {
  titles: {
    // The member's name, for the HR office of the member's own administration (whose log it is).
    async pool_member({ db, actor }, ids) {
      if (!poolMemberPolicy.can(actor, "read")) return new Map();
      return new Map((await listNamedPoolMembers(db, actor, { ids })).map((m) => [m.id, m.name]));
    },
  },
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
