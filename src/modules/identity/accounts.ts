import { departmentProblem } from "../organizations/department-problem";
import { and, asc, eq } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { AppError, type FieldProblem } from "../../server/problems";
import { recordAudit } from "../audit/record-audit";
import { departments, organizations } from "../organizations/organizations.tables";
import type { Actor } from "./actor";
import { accountPolicy, grantableRoles } from "./identity.policy";
import { accountRoles, accounts } from "./identity.tables";
import { hashPassword } from "./passwords";
import type { Role } from "./roles";
import { deleteSessionsOf } from "./sessions";

// Tenancy: every query below filters on the actor's administration (`ownAccount`), so an
// account of another administration is never loaded — it is simply not found (404).
// Guarded by src/modules/identity/accounts.test.ts and test/tenant-isolation.test.ts.
const ownAccount = (actor: Actor, id?: string) =>
  and(eq(accounts.organizationId, actor.organizationId), id ? eq(accounts.id, id) : undefined);

type AccountRow = typeof accounts.$inferSelect;

async function present(db: Db | Tx, actor: Actor, rows: AccountRow[]) {
  const roleRows = await db.select().from(accountRoles).where(eq(accountRoles.organizationId, actor.organizationId));
  const deps = await db.select().from(departments).where(eq(departments.organizationId, actor.organizationId));
  const rolesOf = new Map<string, Role[]>();
  for (const r of roleRows) rolesOf.set(r.accountId, [...(rolesOf.get(r.accountId) ?? []), r.role]);
  const depById = new Map(deps.map((d) => [d.id, { id: d.id, key: d.key, name: d.name }]));
  return rows.map((a) => ({
    id: a.id,
    login: a.login,
    displayName: a.displayName,
    roles: (rolesOf.get(a.id) ?? []).sort(),
    department: a.departmentId ? (depById.get(a.departmentId) ?? null) : null,
    isActive: a.isActive,
    createdAt: a.createdAt.toISOString(),
    abilities: { update: accountPolicy.can(actor, "update") },
  }));
}

/** What an account looks like in the audit log (never the password hash). */
function snapshot(a: AccountRow, roles: readonly Role[]) {
  return { login: a.login, displayName: a.displayName, departmentId: a.departmentId, isActive: a.isActive, roles: [...roles].sort() };
}

/** The accounts of the actor's administration, sorted by name (German collation). */
export async function listAccounts(db: Db, actor: Actor) {
  const rows = await db.select().from(accounts).where(ownAccount(actor)).orderBy(asc(accounts.login));
  const presented = await present(db, actor, rows);
  const collator = new Intl.Collator("de");
  return presented.sort((a, b) => collator.compare(a.displayName, b.displayName));
}

/** One account of the actor's administration; 404 for any other. */
export async function getAccount(db: Db | Tx, actor: Actor, id: string) {
  const [row] = await db.select().from(accounts).where(ownAccount(actor, id));
  if (!row) throw new AppError("not_found");
  return (await present(db, actor, [row]))[0];
}

async function checkRolesAndDepartment(
  tx: Tx,
  actor: Actor,
  roles: readonly Role[] | undefined,
  departmentId: string | null | undefined,
  previousRoles: readonly Role[] = [],
) {
  const fields: FieldProblem[] = [];
  if (roles) {
    const [org] = await tx.select().from(organizations).where(eq(organizations.id, actor.organizationId));
    const allowed = new Set<Role>([...grantableRoles(actor.roles, org.kind), ...previousRoles.filter((r) => r === "region_admin")]);
    const refused = roles.filter((r) => !allowed.has(r) && !previousRoles.includes(r));
    const removedRegionAdmin =
      previousRoles.includes("region_admin") && !roles.includes("region_admin") && !actor.roles.includes("region_admin");
    if (refused.length > 0 || removedRegionAdmin) {
      fields.push({
        field: "roles",
        in: "body",
        rule: "not_grantable",
        message: {
          de: "Die Rolle „Koordination der Region“ vergibt und entzieht nur die Koordination der Region.",
          en: "Only the regional coordination grants or revokes the role region_admin.",
        },
      });
    }
  }
  const department = await departmentProblem(tx, actor.organizationId, departmentId);
  if (department) fields.push(department);
  if (fields.length > 0) throw new AppError("validation", { fields });
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
    await checkRolesAndDepartment(tx, actor, input.roles, input.departmentId);
    const [existing] = await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.login, login));
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
    const roles = [...new Set(input.roles)];
    await tx
      .insert(accountRoles)
      .values(roles.map((role) => ({ accountId: row.id, regionId: row.regionId, organizationId: row.organizationId, role })));
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

/**
 * Changes an account of the actor's administration. An org_admin cannot take away its own
 * org_admin role or deactivate itself, so an administration never locks itself out.
 * Deactivation ends the account's sessions at once.
 */
export async function updateAccount(db: Db, actor: Actor, id: string, input: UpdateAccountInput) {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(accounts).where(ownAccount(actor, id));
    if (!before) throw new AppError("not_found");
    const previousRoles = (await tx.select().from(accountRoles).where(eq(accountRoles.accountId, id))).map((r) => r.role);
    if (id === actor.accountId && (input.isActive === false || (input.roles && !input.roles.includes("org_admin")))) {
      throw new AppError("validation", {
        fields: [
          {
            field: input.isActive === false ? "isActive" : "roles",
            in: "body",
            rule: "self_lockout",
            message: {
              de: "Sie können sich nicht selbst sperren oder die eigene Rolle „Personalamt“ entziehen.",
              en: "You cannot deactivate yourself or remove your own org_admin role.",
            },
          },
        ],
      });
    }
    await checkRolesAndDepartment(tx, actor, input.roles, input.departmentId, previousRoles);
    const [after] = await tx
      .update(accounts)
      .set({
        ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
        ...(input.departmentId !== undefined ? { departmentId: input.departmentId } : {}),
        ...(input.isActive !== undefined ? { isActive: input.isActive } : {}),
        updatedAt: new Date(),
      })
      .where(ownAccount(actor, id))
      .returning();
    let roles = previousRoles;
    if (input.roles) {
      roles = [...new Set(input.roles)];
      await tx.delete(accountRoles).where(eq(accountRoles.accountId, id));
      await tx
        .insert(accountRoles)
        .values(roles.map((role) => ({ accountId: id, regionId: after.regionId, organizationId: after.organizationId, role })));
    }
    if (input.isActive === false) await deleteSessionsOf(tx, id);
    await recordAudit(tx, actor, {
      action: "update",
      entity: "account",
      entityId: id,
      visibility: "tenant",
      before: snapshot(before, previousRoles),
      after: snapshot(after, roles),
    });
    return getAccount(tx, actor, id);
  });
}
