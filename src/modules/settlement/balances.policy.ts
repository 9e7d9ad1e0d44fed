import { definePolicy } from "../../kernel/policy";
import type { Role } from "../../kernel/roles";

/**
 * Actions on balances: an administration's finance office, HR office and management read their
 * own administration's hours and reciprocity ledger (`read`); the coordination office reads the
 * region's balances, flows and netting (`readRegion`) and sets the year-end rule (`setYearEndRule`).
 * The staff council is not given figures of the employer's ledger; no one gets figures per person.
 */
export type BalanceAction = "read" | "readRegion" | "setYearEndRule";

const BALANCE_TABLE = {
  region_admin: ["readRegion", "setYearEndRule"],
  org_admin: ["read"],
  finance: ["read"],
  management: ["read"],
  department_head: [],
  clerk: [],
  employee: [],
  staff_council: [],
  reporter: [],
  climate_manager: [],
  moderator: [],
} as const satisfies Record<Role, readonly BalanceAction[]>;

/** Who may read an administration's balances and the region's, and who sets the year-end rule. */
export const balancePolicy = definePolicy<BalanceAction>("balance", ["read", "readRegion", "setYearEndRule"], BALANCE_TABLE);
