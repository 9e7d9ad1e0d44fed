import type { paths } from "../../api/schema";
import type { ResponseOf } from "../../api/types";

/** One page of the audit log, newest first, with the cursor of the next. */
export type AuditPage = ResponseOf<"/api/v1/audit-events">;
/** One entry of the audit log. */
export type AuditEvent = AuditPage["items"][number];
/** The filters of the log as the query names them. */
export type AuditQuery = NonNullable<paths["/api/v1/audit-events"]["get"]["parameters"]["query"]>;
/** The filter form's fields (empty text: not filtered). */
export interface AuditFilter {
  person: string;
  objectType: string;
  from: string;
  to: string;
}
