import type { ResponseOf } from "../../api/types";

/** One page of the audit log, newest first, with the cursor of the next. */
export type AuditPage = ResponseOf<"/api/v1/audit-events">;
/** One entry of the audit log. */
export type AuditEvent = AuditPage["items"][number];
