/** Every table of Verbund, for Drizzle's query API and drizzle-kit. */
export * from "../modules/organizations/organizations.tables";
export * from "../modules/identity/identity.tables";
export * from "../modules/audit/audit.tables";
export * from "../modules/pool/pool.tables";
export * from "../modules/support-requests/support-requests.tables";
export * from "../modules/notifications/outbox.tables";
export * from "../modules/secondments/secondments.tables";
export * from "../modules/allocation/allocation.tables";
export * from "../modules/settlement/cost-rates.tables";
export * from "../modules/settlement/timesheets.tables";
export * from "../modules/settlement/statements.tables";
export * from "../modules/settlement/balances.tables";
export * from "../modules/standards/standards.tables";
