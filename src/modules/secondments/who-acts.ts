import { and, eq, inArray, notInArray } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { type Action, type WorkflowRole } from "../../domain/secondment/workflow";
import type { Actor } from "../../kernel/actor";
import { unscopedDepartmentsWithActiveHead } from "../identity";
import type { Role } from "../../kernel/roles";
import { secondmentTransitions } from "./secondments.tables";
import { principalsOf, type Principal } from "../identity";
import { MemberRow, SecondmentRow, unscopedChainOf } from "./secondment-scope";

// Who the actor is in a secondment: its workflow roles, for itself and as a deputy, and the staff
// council's independence.

export function rolesOfPrincipal(
  p: Principal,
  s: SecondmentRow,
  member: MemberRow,
  isSelf: boolean,
  departmentHasHead: boolean,
): WorkflowRole[] {
  const out: WorkflowRole[] = [];
  const has = (r: Role) => p.roles.includes(r);
  if (p.organizationId === s.organizationId) {
    if (has("org_admin")) out.push("lender_org_admin");
    if (has("department_head") && member.departmentId && p.departmentId === member.departmentId) out.push("lender_department_head");
    // Without a department, or where the department has no head in Verbund, the HR office releases.
    if (has("org_admin") && (!member.departmentId || !departmentHasHead)) out.push("lender_department_head");
    if (isSelf && has("staff_council")) out.push("lender_staff_council");
    // A member without an account gives the declaration in writing; the HR office records it.
    if (has("org_admin") && !member.accountId) out.push("employee");
  }
  if (isSelf && member.accountId === p.accountId) out.push("employee");
  if (p.organizationId === s.borrowerOrganizationId && has("org_admin")) out.push("borrower_org_admin");
  return out;
}

/** The workflow roles the actor holds in a secondment, and for each the principal when a deputy acts. */
export async function workflowRoles(db: Db | Tx, actor: Actor, s: SecondmentRow, member: MemberRow) {
  const roles = new Set<WorkflowRole>();
  const onBehalfOf = new Map<WorkflowRole, Principal>();
  // Whether the person's department has an active head in Verbund (else the HR office releases).
  const hasHead = member.departmentId
    ? (await unscopedDepartmentsWithActiveHead(db, [member.departmentId])).some((d) => d.organizationId === s.organizationId)
    : false;
  for (const p of await principalsOf(db, actor)) {
    for (const r of rolesOfPrincipal(p, s, member, !p.isDeputy, hasHead)) {
      if (!roles.has(r)) {
        roles.add(r);
        if (p.isDeputy) onBehalfOf.set(r, p);
      }
    }
  }
  const councilExcluded = roles.has("lender_staff_council") && (await isExcludedFromCouncil(db, actor, s, member));
  if (councilExcluded) roles.delete("lender_staff_council");
  return { roles, onBehalfOf, councilExcluded };
}

/** Steps that are not the employer's: the employee's own and the staff council's. */
export const NOT_FOR_THE_EMPLOYER: Action[] = ["accept", "decline", "council_consent", "council_refuse", "council_deemed", "withdraw"];

/**
 * The staff council decides independently of the employer (NPersVG): a council member who took a
 * step for the employer in this secondment (or the one it extends) — proposed, released,
 * approved, confirmed … — or whom the secondment concerns does not decide for the council.
 * Guarded by `council-independence.test.ts`.
 */
export async function isExcludedFromCouncil(db: Db | Tx, actor: Actor, s: SecondmentRow, member: MemberRow): Promise<boolean> {
  if (member.accountId === actor.accountId) return true;
  const chain = (await unscopedChainOf(db, s)).map((c) => c.id);
  const [acted] = await db
    .select({ id: secondmentTransitions.id })
    .from(secondmentTransitions)
    .where(
      and(
        inArray(secondmentTransitions.secondmentId, chain),
        eq(secondmentTransitions.actorAccountId, actor.accountId),
        notInArray(secondmentTransitions.action, NOT_FOR_THE_EMPLOYER),
      ),
    )
    .limit(1);
  return !!acted;
}
