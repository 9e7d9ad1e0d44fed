import { definePolicy } from "../../kernel/policy";
import type { Role } from "../../kernel/roles";

/** Actions on support requests. `offer` is the lender's: propose an own pool member. */
export type SupportRequestAction = "list" | "create" | "update" | "offer";

const READ: readonly SupportRequestAction[] = ["list"];
const REQUEST_TABLE = {
  region_admin: READ,
  org_admin: ["list", "create", "update", "offer"],
  department_head: ["list", "create", "update"],
  clerk: [],
  employee: [],
  staff_council: READ,
  finance: READ,
  reporter: [],
  climate_manager: [],
  moderator: [],
  management: READ,
} as const satisfies Record<Role, readonly SupportRequestAction[]>;

/**
 * Open requests are `region` data: every administration's HR office, department heads,
 * management, staff council and finance see them. Drafts are seen by their own administration
 * only (the filter is in the query). Department heads and the HR office post requests; the HR
 * office offers people.
 */
export const supportRequestPolicy = definePolicy<SupportRequestAction>(
  "support_request",
  ["list", "create", "update", "offer"],
  REQUEST_TABLE,
);

/** Actions on crises. */
export type CrisisAction = "list" | "declare";

const CRISIS_TABLE = {
  region_admin: ["list", "declare"],
  org_admin: ["list"],
  department_head: ["list"],
  clerk: [],
  employee: [],
  staff_council: ["list"],
  finance: ["list"],
  reporter: [],
  climate_manager: [],
  moderator: [],
  management: ["list"],
} as const satisfies Record<Role, readonly CrisisAction[]>;

/** The coordination office declares and ends a crisis; the region's staff see it and its board. */
export const crisisPolicy = definePolicy<CrisisAction>("crisis", ["list", "declare"], CRISIS_TABLE);
