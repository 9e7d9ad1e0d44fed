import { definePolicy } from "../../kernel/policy";
import type { Role } from "../../kernel/roles";

/**
 * Actions on reported values (Meldungen). Reading is open to every staff account of the region
 * (region data once submitted; `submission-scope.ts` decides which values) and, for published
 * values, to the public. The administration's controlling (reporter) and HR office report; the
 * region's coordination validates or sends back. Nobody else changes a value. The same two
 * answer publicly for their administration (`reply`: the right of reply on a published value).
 */
export type SubmissionAction = "read" | "report" | "validate" | "reply";

const SUBMISSION_TABLE = {
  region_admin: ["read", "validate"],
  org_admin: ["read", "report", "reply"],
  reporter: ["read", "report", "reply"],
  management: ["read"],
  department_head: ["read"],
  clerk: ["read"],
  employee: ["read"],
  staff_council: ["read"],
  finance: ["read"],
  climate_manager: ["read"],
  moderator: ["read"],
} as const satisfies Record<Role, readonly SubmissionAction[]>;

export const submissionPolicy = definePolicy<SubmissionAction>("submission", ["read", "report", "validate", "reply"], SUBMISSION_TABLE);
