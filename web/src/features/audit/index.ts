/** The audit log: its page, loaded when first visited. */
export { AuditPage } from "./AuditPage";
