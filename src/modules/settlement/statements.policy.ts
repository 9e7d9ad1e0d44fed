import { definePolicy } from "../../kernel/policy";
import type { Role } from "../../kernel/roles";

/**
 * Actions on statements between administrations (Abrechnungen) and on billing details
 * (Rechnungsdaten). The role table opens the routes; which statement a caller sees and which step
 * it may take is decided per statement by the caller's side (`statement-scope.ts`,
 * `statementAbilities`): the lender's finance creates, recomputes, issues and records payment, the
 * borrower's finance acknowledges; the HR offices (org_admin) of both read. Nobody else sees a
 * statement — not the staff council, not the coordination office.
 */
export type StatementAction = "list" | "settle" | "billing";

const STATEMENT_TABLE = {
  region_admin: [],
  org_admin: ["list", "billing"],
  finance: ["list", "settle", "billing"],
  department_head: [],
  clerk: [],
  employee: [],
  staff_council: [],
  reporter: [],
  climate_manager: [],
  moderator: [],
  management: [],
} as const satisfies Record<Role, readonly StatementAction[]>;

/** Statements and billing details: `party` and `tenant` data, read through `statement-scope.ts`. */
export const statementPolicy = definePolicy<StatementAction>("statement", ["list", "settle", "billing"], STATEMENT_TABLE);

/** The roles that see a statement of their administration. */
export const STATEMENT_VIEW_ROLES: readonly Role[] = ["org_admin", "finance"];
