import { and, eq, inArray } from "drizzle-orm";
import { uuidsOf, type AuditSource } from "../../kernel/audit-sources";
import { crisisPolicy, supportRequestPolicy } from "./support-requests.policy";
import { listVisibleSupportRequests } from "./support-request-scope";
import { crises } from "./support-requests.tables";

/** Links of the audit log to requests (through their scope) and crises (the region's). */
export const requestAuditSource: AuditSource = {
  links: {
    async support_request({ db, actor }, ids) {
      const wanted = uuidsOf(ids);
      if (!supportRequestPolicy.can(actor, "list") || wanted.length === 0) return new Map();
      const rows = await listVisibleSupportRequests(db, actor, { ids: wanted });
      return new Map(rows.map((r) => [r.id, `/anfragen/${r.id}`]));
    },
    async crisis({ db, actor }, ids) {
      const wanted = uuidsOf(ids);
      if (!crisisPolicy.can(actor, "list") || wanted.length === 0) return new Map();
      const rows = await db
        .select({ id: crises.id })
        .from(crises)
        .where(and(inArray(crises.id, wanted), eq(crises.regionId, actor.regionId)));
      return new Map(rows.map((r) => [r.id, `/krisen/${r.id}`]));
    },
  },
};
