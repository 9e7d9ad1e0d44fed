import { and, eq, gte, inArray } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { lockFor } from "../../db/locks";
import { today as todayInGermany } from "../../kernel/dates";
import { AppError } from "../../kernel/problems";
import { recordAudit } from "../audit";
import { enqueueMail } from "../notifications";
import { organizations } from "../organizations";
import { deputies } from "./identity.tables";
import type { Actor } from "../../kernel/actor";
import { accountRoles } from "./identity.tables";
import { EMPLOYER_ROLES, actsForEmployer, roleSetProblem } from "./role-rules";
import type { Role } from "../../kernel/roles";

import { unscopedActiveHolders, unscopedLockAccounts, type AccountRow } from "./account-scope";

/** Who writes roles: a signed-in account, or the operator and Verbund itself (CLI, seeds, single sign-on). */
export interface RoleWriter {
  /** The signed-in account, null for the operator's command line, seeds and single sign-on. */
  actor: Actor | null;
  /** How audit entries and e-mails name the writer (the actor's login, `verbund admin create`, …). */
  name: string;
}

/** The writer for a signed-in actor. */
export const byActor = (actor: Actor): RoleWriter => ({ actor, name: actor.displayName || actor.login });

/** The roles an account holds now, sorted. */
export async function rolesOf(tx: Tx, accountId: string): Promise<Role[]> {
  const rows = await tx.select({ role: accountRoles.role }).from(accountRoles).where(eq(accountRoles.accountId, accountId));
  return rows.map((r) => r.role).sort();
}

const deputyProblem = (de: string, en: string) =>
  new AppError("validation", { fields: [{ field: "roles", in: "body", rule: "staff_council_deputy", message: { de, en } }] });

/**
 * A staff council member does not stand in for the employer: refuses `staff_council` for an account
 * that is (today or later) the deputy of a department head or HR officer, and an employer role for
 * an account whose deputy (today or later) is a staff council member.
 */
async function checkDeputyships(tx: Tx, accountId: string, roles: readonly Role[]) {
  const today = todayInGermany();
  if (roles.includes("staff_council")) {
    const [deputyOfEmployer] = await tx
      .select({ endsOn: deputies.endsOn })
      .from(deputies)
      .innerJoin(accountRoles, eq(accountRoles.accountId, deputies.principalAccountId))
      .where(and(eq(deputies.deputyAccountId, accountId), gte(deputies.endsOn, today), inArray(accountRoles.role, [...EMPLOYER_ROLES])))
      .limit(1);
    if (deputyOfEmployer) {
      throw deputyProblem(
        "Dieses Konto ist als Vertretung einer Fachbereichsleitung oder des Personalamts eingetragen. Beenden Sie zuerst die Vertretung; dann kann es die Rolle „Personalrat“ erhalten.",
        "This account is named deputy of a head of department or HR officer. End the deputyship first; then it can hold staff_council.",
      );
    }
  }
  if (actsForEmployer(roles)) {
    const [councilDeputy] = await tx
      .select({ endsOn: deputies.endsOn })
      .from(deputies)
      .innerJoin(accountRoles, eq(accountRoles.accountId, deputies.deputyAccountId))
      .where(and(eq(deputies.principalAccountId, accountId), gte(deputies.endsOn, today), eq(accountRoles.role, "staff_council")))
      .limit(1);
    if (councilDeputy) {
      throw deputyProblem(
        "Die Vertretung dieses Kontos ist Mitglied des Personalrats. Beenden Sie zuerst die Vertretung; dann kann es diese Rolle erhalten.",
        "This account's deputy is a staff council member. End the deputyship first; then it can hold this role.",
      );
    }
  }
}

/**
 * The one function every write of an account's roles passes (accounts, `verbund admin create`,
 * the demo seed, single sign-on's new accounts). Within the caller's transaction it
 *
 * - refuses a set of roles that breaks the separation of duties (`staff_council` with an employer
 *   role; the database refuses it too) and a staff council member as deputy of the employer;
 * - locks the account row, so role writes of one account run one after the other;
 * - writes only the difference, and tells the administration's staff council by e-mail (outbox)
 *   when somebody gains or loses `staff_council`, with an audit entry.
 *
 * Who may grant what (region_admin only by region_admin, nobody their own roles, the last
 * region_admin) is the caller's check: it depends on who acts.
 */
export async function writeAccountRoles(
  tx: Tx,
  account: AccountRow,
  roles: readonly Role[],
  writer: RoleWriter,
): Promise<{ before: Role[]; after: Role[] }> {
  const after = [...new Set(roles)].sort();
  const problem = roleSetProblem(after);
  if (problem) throw new AppError("validation", { fields: [problem] });
  await unscopedLockAccounts(tx, [account.id]);
  const before = await rolesOf(tx, account.id);
  await checkDeputyships(tx, account.id, after);
  const removed = before.filter((r) => !after.includes(r));
  const added = after.filter((r) => !before.includes(r));
  if (removed.length) {
    await tx.delete(accountRoles).where(and(eq(accountRoles.accountId, account.id), inArray(accountRoles.role, removed)));
  }
  if (added.length) {
    await tx
      .insert(accountRoles)
      .values(added.map((role) => ({ accountId: account.id, regionId: account.regionId, organizationId: account.organizationId, role })));
  }
  if (account.isActive && added.includes("staff_council")) await notifyStaffCouncil(tx, account, "granted", writer);
  if (account.isActive && removed.includes("staff_council")) await notifyStaffCouncil(tx, account, "revoked", writer);
  return { before, after };
}

/** A change to who acts for the staff council. */
export type StaffCouncilChange = "granted" | "revoked" | "deactivated" | "reactivated";

const CHANGE_TEXT: Record<StaffCouncilChange, { de: string; en: string }> = {
  granted: { de: "hat die Rolle „Personalrat“ erhalten", en: "was granted the role staff_council" },
  revoked: { de: "hat die Rolle „Personalrat“ nicht mehr", en: "no longer holds the role staff_council" },
  deactivated: {
    de: "wurde gesperrt und handelt damit nicht mehr für den Personalrat",
    en: "was deactivated and no longer acts for the staff council",
  },
  reactivated: {
    de: "wurde wieder freigeschaltet und handelt damit wieder für den Personalrat",
    en: "was reactivated and acts for the staff council again",
  },
};

/**
 * Tells the other active staff council members of the account's administration, in the
 * transaction of the change (outbox), who now acts for the council, and audits it. The council
 * learns of every change to its own membership, whoever made it.
 */
export async function notifyStaffCouncil(tx: Tx, account: AccountRow, change: StaffCouncilChange, writer: RoleWriter) {
  const members = await unscopedActiveHolders(tx, "staff_council", { organizationId: account.organizationId, exceptAccountId: account.id });
  const [org] = await tx.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, account.organizationId));
  const text = CHANGE_TEXT[change];
  for (const member of members) {
    await enqueueMail(tx, {
      regionId: account.regionId,
      organizationId: account.organizationId,
      to: member.login,
      subject: `Personalrat ${org?.name ?? ""}: ${account.displayName} ${text.de}`,
      text:
        `Guten Tag ${member.displayName},\n\n` +
        `in Verbund hat sich geändert, wer für den Personalrat Ihrer Verwaltung (${org?.name}) handelt:\n` +
        `${account.displayName} (${account.login}) ${text.de}.\n` +
        `Geändert von: ${writer.name}.\n\n` +
        `Wenn Sie diese Änderung nicht erwartet haben, wenden Sie sich bitte an Ihr Personalamt.\n\n` +
        `English: ${account.displayName} (${account.login}) ${text.en}; changed by ${writer.name}.\n\n` +
        `Diese Nachricht wurde von Verbund verschickt.`,
    });
  }
  await recordAudit(tx, writer.actor, {
    action: "update",
    entity: "staff_council",
    entityId: account.id,
    regionId: account.regionId,
    organizationId: account.organizationId,
    visibility: "tenant",
    actorLogin: writer.name,
    after: { change, login: account.login, notified: members.map((m) => m.login) },
  });
}

/**
 * Serialises every change that could leave a region without an active region_admin (a
 * transaction-scoped advisory lock per region): two coordinators who strip each other at the
 * same moment run one after the other, and the second one sees the first one's result.
 */
export async function lockRegionAdmins(tx: Tx, regionId: string): Promise<void> {
  await lockFor(tx, "region_admins", regionId);
}

/** Active region_admins of the region other than `accountId`; call under {@link lockRegionAdmins}. */
export async function otherActiveRegionAdmins(tx: Tx, regionId: string, accountId: string): Promise<number> {
  return (await unscopedActiveHolders(tx, "region_admin", { regionId, exceptAccountId: accountId })).length;
}
