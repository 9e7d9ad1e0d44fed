import { definePolicy } from "../../kernel/policy";
import type { Role } from "../../kernel/roles";

/**
 * Actions on hours and expenses. The role table opens the routes; whose hours a caller sees and
 * what it may do with them is decided per secondment in `timesheet-scope.ts` (the person, the
 * borrowing head and HR office, the lending HR office, finance). Anyone with an account may be a
 * seconded person, so every role of the administrations' staff may list and record — except the
 * staff council, which sees nothing of single days (no per-person performance figures).
 */
export type TimesheetAction = "list" | "record" | "decide";

const TIMESHEET_TABLE = {
  region_admin: [],
  org_admin: ["list", "record", "decide"],
  department_head: ["list", "record", "decide"],
  clerk: ["list", "record"],
  employee: ["list", "record"],
  staff_council: [],
  finance: ["list", "record"],
  reporter: ["list", "record"],
  climate_manager: ["list", "record"],
  moderator: ["list", "record"],
  management: [],
} as const satisfies Record<Role, readonly TimesheetAction[]>;

/** Hours and expenses of a secondment: `party` data, read through `timesheet-scope.ts`. */
export const timesheetPolicy = definePolicy<TimesheetAction>("timesheet", ["list", "record", "decide"], TIMESHEET_TABLE);
