import type { FieldProblem } from "../../kernel/problems";
import type { Role } from "../../kernel/roles";

/**
 * Which side of the co-determination a role acts for (DESIGN.md › Users, separation of duties).
 * The staff council (Personalrat) exists to be independent of the employer, so nobody holds both
 * a role of the `employer` side and `staff_council`. Written `satisfies Record<Role, …>`: a new
 * role breaks the build until someone decides its side. The database enforces the same pairs
 * (constraint trigger `account_roles_staff_council_independent`, migration 0010); the test in
 * `role-rules.test.ts` checks that both agree.
 */
export const ROLE_SIDE = {
  region_admin: "employer",
  org_admin: "employer",
  department_head: "employer",
  staff_council: "staff_council",
  clerk: "neutral",
  employee: "neutral",
  finance: "neutral",
  reporter: "neutral",
  climate_manager: "neutral",
  moderator: "neutral",
  management: "neutral",
} as const satisfies Record<Role, "employer" | "staff_council" | "neutral">;

/** The roles that act for the employer and may not be held together with `staff_council`. */
export const EMPLOYER_ROLES: readonly Role[] = (Object.keys(ROLE_SIDE) as Role[]).filter((r) => ROLE_SIDE[r] === "employer");

/** Whether a set of roles acts for the employer. */
export const actsForEmployer = (roles: readonly Role[]) => roles.some((r) => ROLE_SIDE[r] === "employer");

/** The problem with a set of roles one account is to hold, or null when they may go together. */
export function roleSetProblem(roles: readonly Role[]): FieldProblem | null {
  if (!roles.includes("staff_council") || !actsForEmployer(roles)) return null;
  return {
    field: "roles",
    in: "body",
    rule: "staff_council_independent",
    message: {
      de: "Der Personalrat ist unabhängig: Die Rolle „Personalrat“ kann nicht zusammen mit „Personalamt“, „Fachbereichsleitung“ oder „Koordination der Region“ vergeben werden.",
      en: "The staff council is independent: the role staff_council cannot be held together with org_admin, department_head or region_admin.",
    },
  };
}

/**
 * Roles whose accounts only their holders link to an external identity (never the HR office, never
 * an e-mail match): otherwise the HR office, which runs its administration's provider, could bind
 * an identity it controls to the region's coordination or to the staff council.
 */
export const HOLDER_LINKS_ONLY: readonly Role[] = ["region_admin", "staff_council"];
