import { definePolicy } from "../../kernel/policy";
import type { Role } from "../../kernel/roles";

/**
 * Actions on balances: an administration's finance office, HR office and management read their
 * own administration's hours and reciprocity ledger (`read`); the coordination office reads the
 * region's balances, flows and netting (`readRegion`), sets the year-end rule (`setYearEndRule`) and
 * closes a finished year (`closeYear`).
 * The staff council is not given figures of the employer's ledger; no one gets figures per person.
 */
export type BalanceAction = "read" | "readRegion" | "setYearEndRule" | "closeYear";

const BALANCE_TABLE = {
  region_admin: ["readRegion", "setYearEndRule", "closeYear"],
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

/** Who may read an administration's balances and the region's, who sets the year-end rule and who closes a year. */
export const balancePolicy = definePolicy<BalanceAction>("balance", ["read", "readRegion", "setYearEndRule", "closeYear"], BALANCE_TABLE);
