import { defineModule } from "../../kernel/module";
import { auditPolicy } from "./audit.policy";
import { auditRoutes } from "./audit.routes";

/** Audit: the append-only log of changes, logins and reads of personal data. */
export const auditModule = defineModule({
  name: "audit",
  routes: [auditRoutes],
  abilities: { readAuditLog: (actor) => auditPolicy.can(actor, "list") },
});
