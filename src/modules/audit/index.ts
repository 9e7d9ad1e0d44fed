import { defineModule } from "../../kernel/module";
import { auditPolicy } from "./audit.policy";
import { auditRoutes } from "./audit.routes";

/** Audit: the append-only log of changes, logins and reads of personal data. */
export const auditModule = defineModule({
  name: "audit",
  routes: [auditRoutes],
  abilities: { readAuditLog: (actor) => auditPolicy.can(actor, "list") },
});

// The capability's public interface: other capabilities import only what is listed here.
export { auditEvents } from "./audit.tables";
export { recordAudit, recordAudits, type AuditEntry } from "./record-audit";
