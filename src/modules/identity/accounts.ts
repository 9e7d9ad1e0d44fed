import { departmentProblem } from "../organizations";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import type { PageRequest } from "../../kernel/paging";
import { AppError, type FieldProblem } from "../../kernel/problems";
import { recordAudit } from "../audit";
import { departments, organizations } from "../organizations";
import type { Actor } from "../../kernel/actor";
import { accountPolicy, grantableRoles } from "./identity.policy";
import { byActor, lockRegionAdmins, notifyStaffCouncil, otherActiveRegionAdmins, rolesOf, writeAccountRoles } from "./account-roles";
import { accountIdentities, accountRoles, accounts, identityProviders } from "./identity.tables";
import {
  findOwnAccount,
  getVisibleAccount,
  getVisibleAccountForUpdate,
  listVisibleAccounts,
  unscopedAccountByLogin,
  type AccountRow,
} from "./account-scope";
import { HOLDER_LINKS_ONLY } from "./role-rules";
import { hashPassword } from "./passwords";
import type { Role } from "../../kernel/roles";
import { deleteSessionsOf } from "./sessions";

// Tenancy: every read goes through account-scope.ts (the HR office sees the accounts of its
// administration), so an account of another administration is never loaded — it is simply not
// found (404). Guarded by accounts.test.ts, test/tenant-isolation.test.ts and test/scope.test.ts.

async function present(db: Db | Tx, actor: Actor, rows: AccountRow[]) {
  // One query per part, whatever the number of rows.
  const ids = rows.map((a) => a.id);
  const roleRows = await db
    .select()
    .from(accountRoles)
    .where(and(eq(accountRoles.organizationId, actor.organizationId), inArray(accountRoles.accountId, ids)));
  const deps = await db.select().from(departments).where(eq(departments.organizationId, actor.organizationId));
  const rolesByAccount = new Map<string, Role[]>();
  for (const r of roleRows) rolesByAccount.set(r.accountId, [...(rolesByAccount.get(r.accountId) ?? []), r.role]);
  const depById = new Map(deps.map((d) => [d.id, { id: d.id, key: d.key, name: d.name }]));
  const identities = await db
    .select()
    .from(accountIdentities)
    .where(and(eq(accountIdentities.organizationId, actor.organizationId), inArray(accountIdentities.accountId, ids)))
    .orderBy(asc(accountIdentities.createdAt));
  const identityOf = new Map(identities.map((i) => [i.accountId, i]));
  const canUpdate = accountPolicy.can(actor, "update");
  const [provider] = await db
    .select({ id: identityProviders.id })
    .from(identityProviders)
    .where(and(eq(identityProviders.organizationId, actor.organizationId), eq(identityProviders.isEnabled, true)));
  const grantable = await grantableByActor(db, actor);
  return rows.map((a) => {
    const roles = (rolesByAccount.get(a.id) ?? []).sort();
    const identity = identityOf.get(a.id);
    // The reasons `adminLinkIdentity` refuses with, in its order.
    const linkRefusal =
      a.id === actor.accountId
        ? ("own_account" as const)
        : roles.some((r) => HOLDER_LINKS_ONLY.includes(r))
          ? ("holder_only" as const)
          : !provider
            ? ("no_provider" as const)
            : null;
    return {
      id: a.id,
      login: a.login,
      displayName: a.displayName,
      roles,
      department: a.departmentId ? (depById.get(a.departmentId) ?? null) : null,
      isActive: a.isActive,
      createdAt: a.createdAt.toISOString(),
      lastSignedInAt: a.lastSignedInAt?.toISOString() ?? null,
      identity: identity ? { issuer: identity.issuer, subject: identity.subject, linkedAt: identity.createdAt.toISOString() } : null,
      abilities: {
        update: canUpdate,
        // Nobody changes their own roles (four eyes).
        changeRoles: canUpdate && a.id !== actor.accountId,
        // Only with a provider in force; the holders of roles independent of the HR office link
        // their accounts themselves, and so does the HR officer.
        linkIdentity: accountPolicy.can(actor, "link") && linkRefusal === null,
        linkIdentityRefusal: linkRefusal,
        grantableRoles: grantable,
      },
    };
  });
}

/** The roles the actor may grant in its administration (what `checkGrant` allows), for the role checkboxes. */
export async function grantableByActor(db: Db | Tx, actor: Actor): Promise<Role[]> {
  const [org] = await db.select({ kind: organizations.kind }).from(organizations).where(eq(organizations.id, actor.organizationId));
  return grantableRoles(actor.roles, org.kind);
}

/** What an account looks like in the audit log (never the password hash). */
function snapshot(a: AccountRow, roles: readonly Role[]) {
  return { login: a.login, displayName: a.displayName, departmentId: a.departmentId, isActive: a.isActive, roles: [...roles].sort() };
}

/** The accounts of the actor's administration, sorted by name (German order), a page at a time. */
export async function listAccounts(db: Db, actor: Actor, page: PageRequest) {
  const { rows, nextCursor } = await listVisibleAccounts(db, actor, page);
  return { items: await present(db, actor, rows), nextCursor };
}

/** One account of the actor's administration; 404 for any other. */
export async function getAccount(db: Db | Tx, actor: Actor, id: string) {
  const row = await getVisibleAccount(db, actor, id);
  return (await present(db, actor, [row]))[0];
}

const fieldError = (field: string, rule: string, de: string, en: string): FieldProblem => ({
  field,
  in: "body",
  rule,
  message: { de, en },
});

const REGION_ADMIN_BY_REGION_ADMIN = fieldError(
  "roles",
  "not_grantable",
  "Die Rolle „Koordination der Region“ vergibt und entzieht nur die Koordination der Region.",
  "Only the regional coordination grants or revokes the role region_admin.",
);

/**
 * The actor as it stands now, read under the transaction's locks: the roles loaded with the
 * session may be stale when two requests race (a coordinator stripped a moment ago must not
 * strip someone else). Null when the actor may no longer manage accounts.
 */
async function actorNow(tx: Tx, actor: Actor): Promise<Role[] | null> {
  const row = await findOwnAccount(tx, actor);
  if (!row?.isActive) return null;
  const roles = await rolesOf(tx, actor.accountId);
  return roles.includes("org_admin") ? roles : null;
}

/** Who may grant which role: region_admin only by a region_admin of the regional administration. */
async function checkGrant(tx: Tx, actor: Actor, actorRoles: readonly Role[], roles: readonly Role[], previousRoles: readonly Role[] = []) {
  const [org] = await tx.select().from(organizations).where(eq(organizations.id, actor.organizationId));
  const allowed = new Set<Role>(grantableRoles(actorRoles, org.kind));
  const refused = roles.filter((r) => !allowed.has(r) && !previousRoles.includes(r));
  const removedRegionAdmin =
    previousRoles.includes("region_admin") && !roles.includes("region_admin") && !actorRoles.includes("region_admin");
  if (refused.length > 0 || removedRegionAdmin) throw new AppError("validation", { fields: [REGION_ADMIN_BY_REGION_ADMIN] });
}

async function checkDepartment(tx: Tx, actor: Actor, departmentId: string | null | undefined) {
  const department = await departmentProblem(tx, actor.organizationId, departmentId);
  if (department) throw new AppError("validation", { fields: [department] });
}

/** Input of {@link createAccount}. */
export interface CreateAccountInput {
  login: string;
  displayName: string;
  roles: Role[];
  departmentId?: string | null;
  initialPassword: string;
}

/** Creates an account in the actor's administration, with its roles, and audits it. */
export async function createAccount(db: Db, actor: Actor, input: CreateAccountInput) {
  const passwordHash = await hashPassword(input.initialPassword);
  const login = input.login.trim().toLowerCase();
  return db.transaction(async (tx) => {
    const actorRoles = await actorNow(tx, actor);
    if (!actorRoles) throw new AppError("forbidden");
    await checkGrant(tx, actor, actorRoles, input.roles);
    await checkDepartment(tx, actor, input.departmentId);
    const existing = await unscopedAccountByLogin(tx, login);
    if (existing) {
      throw new AppError("conflict", {
        fields: [
          {
            field: "login",
            in: "body",
            rule: "unique",
            message: { de: "Dieser Anmeldename ist bereits vergeben.", en: "This login is already taken." },
          },
        ],
      });
    }
    const [row] = await tx
      .insert(accounts)
      .values({
        regionId: actor.regionId,
        organizationId: actor.organizationId,
        departmentId: input.departmentId ?? null,
        login,
        displayName: input.displayName,
        passwordHash,
      })
      .returning();
    const { after: roles } = await writeAccountRoles(tx, row, input.roles, byActor(actor));
    await recordAudit(tx, actor, {
      action: "create",
      entity: "account",
      entityId: row.id,
      visibility: "tenant",
      after: snapshot(row, roles),
    });
    return getAccount(tx, actor, row.id);
  });
}

/** Input of {@link updateAccount}: only the fields given change. */
export interface UpdateAccountInput {
  displayName?: string;
  roles?: Role[];
  departmentId?: string | null;
  isActive?: boolean;
}

const refuse = (field: string, rule: string, de: string, en: string, code: "validation" | "forbidden" | "conflict" = "validation") =>
  new AppError(code, { fields: [fieldError(field, rule, de, en)] });

/**
 * Changes an account of the actor's administration. Separation of duties (DESIGN.md › Users):
 *
 * - nobody changes their own roles or deactivates themselves;
 * - region_admin is granted and revoked only by a region_admin, and only a region_admin
 *   deactivates a region_admin;
 * - the last active region_admin of a region keeps the role and stays active. Every change that
 *   could reduce the region's region_admins takes the region's lock first
 *   (`lockRegionAdmins`) and reads the actor, the account and the count under it, so two
 *   coordinators stripping each other at the same moment cannot both succeed
 *   (`accounts-race.test.ts`).
 *
 * Deactivation ends the account's sessions at once; when the account acts for the staff council,
 * the council is told.
 */
export async function updateAccount(db: Db, actor: Actor, id: string, input: UpdateAccountInput) {
  return db.transaction(async (tx) => {
    if (input.roles !== undefined || input.isActive !== undefined) await lockRegionAdmins(tx, actor.regionId);
    const before = await getVisibleAccountForUpdate(tx, actor, id);
    const actorRoles = await actorNow(tx, actor);
    if (!actorRoles) throw new AppError("forbidden");
    const previousRoles = await rolesOf(tx, id);
    const nextRoles = input.roles ? [...new Set(input.roles)].sort() : previousRoles;
    const changesRoles = nextRoles.join() !== previousRoles.join();
    const deactivates = input.isActive === false && before.isActive;
    const isSelf = id === actor.accountId;
    if (isSelf && changesRoles) {
      throw refuse(
        "roles",
        "own_roles",
        "Ihre eigenen Rollen ändert eine andere Person des Personalamts (Vier-Augen-Prinzip).",
        "Your own roles are changed by another person of the HR office (four eyes).",
        "forbidden",
      );
    }
    if (isSelf && input.isActive === false) {
      throw refuse("isActive", "self_lockout", "Sie können sich nicht selbst sperren.", "You cannot deactivate yourself.");
    }
    if (changesRoles) await checkGrant(tx, actor, actorRoles, nextRoles, previousRoles);
    const holdsRegionAdmin = previousRoles.includes("region_admin");
    if (holdsRegionAdmin && deactivates && !actorRoles.includes("region_admin")) {
      throw refuse(
        "isActive",
        "region_admin_only",
        "Ein Konto der Koordination der Region sperrt nur die Koordination der Region.",
        "Only the regional coordination deactivates a region_admin account.",
        "forbidden",
      );
    }
    const losesRegionAdmin = holdsRegionAdmin && before.isActive && (deactivates || !nextRoles.includes("region_admin"));
    if (losesRegionAdmin && (await otherActiveRegionAdmins(tx, before.regionId, id)) === 0) {
      throw refuse(
        deactivates ? "isActive" : "roles",
        "last_region_admin",
        "Das ist das letzte aktive Konto der Koordination der Region. Vergeben Sie die Rolle zuerst an ein anderes Konto.",
        "This is the region's last active region_admin. Grant the role to another account first.",
        "conflict",
      );
    }
    await checkDepartment(tx, actor, input.departmentId);
    const [after] = await tx
      .update(accounts)
      .set({
        ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
        ...(input.departmentId !== undefined ? { departmentId: input.departmentId } : {}),
        ...(input.isActive !== undefined ? { isActive: input.isActive } : {}),
        updatedAt: new Date(),
      })
      .where(eq(accounts.id, before.id))
      .returning();
    const writer = byActor(actor);
    // Roles first (as the account was), then the council learns of a (de)activation.
    if (changesRoles) await writeAccountRoles(tx, { ...after, isActive: before.isActive }, nextRoles, writer);
    if (nextRoles.includes("staff_council") && before.isActive !== after.isActive) {
      await notifyStaffCouncil(tx, after, after.isActive ? "reactivated" : "deactivated", writer);
    }
    if (deactivates) await deleteSessionsOf(tx, id);
    await recordAudit(tx, actor, {
      action: "update",
      entity: "account",
      entityId: id,
      visibility: "tenant",
      before: snapshot(before, previousRoles),
      after: snapshot(after, nextRoles),
    });
    return getAccount(tx, actor, id);
  });
}
