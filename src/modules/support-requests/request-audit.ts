import { and, eq, inArray } from "drizzle-orm";
import { auditLinks, type AuditSource } from "../../kernel/audit-sources";
import { crisisPolicy, supportRequestPolicy } from "./support-requests.policy";
import { listVisibleSupportRequests } from "./support-request-scope";
import { crises } from "./support-requests.tables";

/** Links of the audit log to requests (through their scope) and crises (the region's). */
export const requestAuditSource: AuditSource = {
  titles: {
    // The request's title, where the viewer may see the request.
    async support_request({ db, actor }, ids) {
      if (!supportRequestPolicy.can(actor, "list")) return new Map();
      return new Map((await listVisibleSupportRequests(db, actor, { ids })).map((r) => [r.id, r.title]));
    },
  },
  links: {
    support_request: auditLinks({
      mayOpen: (actor) => supportRequestPolicy.can(actor, "list"),
      openable: ({ db, actor }, ids) => listVisibleSupportRequests(db, actor, { ids }),
      path: (id) => `/anfragen/${id}`,
    }),
    crisis: auditLinks({
      mayOpen: (actor) => crisisPolicy.can(actor, "list"),
      openable: ({ db, actor }, ids) =>
        db
          .select({ id: crises.id })
          .from(crises)
          .where(and(inArray(crises.id, ids), eq(crises.regionId, actor.regionId))),
      path: (id) => `/krisen/${id}`,
    }),
  },
};
