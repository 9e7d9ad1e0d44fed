import { and, asc, eq, gte, ilike, inArray, lte, ne, or, sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import type { Actor } from "../../kernel/actor";
import { afterCursor, cursorColumn, orderBy, pageOf, type PageRequest, type SortKey } from "../../kernel/paging";
import { AppError } from "../../kernel/problems";
import type { Role } from "../../kernel/roles";
import { departments, organizations } from "../organizations";
import { accountPolicy } from "./identity.policy";
import { accountIdentities, accountRoles, accounts, deputies, sessions } from "./identity.tables";

// What may be read of accounts — the one place that says so (test/scope.test.ts keeps every other
// file from reading the table). Accounts are `tenant` data (DESIGN.md › Visibility). Three parts:
//
// 1. What an actor may see: a whole account (login, roles, department, sign-ins, linked
//    identity) only the HR office of its administration (`read` of accounts) and its holder —
//    `visibleAccountsWhere`, `listVisibleAccounts`, `getVisibleAccount(ForUpdate)`,
//    `findOwnAccount`, `getOwnAccountWithOrganization`; the accounts an actor stands in for today
//    (`listAccountsActorStandsInFor`).
// 2. Field rules: display names are shown within the administration (`listAccountNames`: who is
//    whose deputy, whom one can name deputy); nothing of an account is shown to another
//    administration.
// 3. `unscoped…`: Verbund's own work, which shows nobody an account — sign-in by login, the
//    session behind a cookie, single sign-on (the account bound to an identity), the uniqueness of
//    logins, the locks role writes take, the recipients of e-mails (who acts next, who is told),
//    and who acts in a workflow (a department's heads, a feed holder's role).

/** An account's row. */
export type AccountRow = typeof accounts.$inferSelect;

// ---------------------------------------------------------------------------------------------
// 1. What an actor may see

/** Accounts the actor may see whole: the HR office those of its administration, everyone else their own. */
export function visibleAccountsWhere(actor: Actor): SQL | undefined {
  return accountPolicy.can(actor, "read") ? eq(accounts.organizationId, actor.organizationId) : eq(accounts.id, actor.accountId);
}

/** Of `ids`, the accounts whose page the actor opens: the HR office's of its administration (the audit log's links). */
export async function listOpenableAccountIds(db: Db | Tx, actor: Actor, ids: string[]): Promise<string[]> {
  if (!accountPolicy.can(actor, "read") || ids.length === 0) return [];
  const rows = await db
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(inArray(accounts.id, ids), eq(accounts.organizationId, actor.organizationId)));
  return rows.map((r) => r.id);
}

/**
 * SQL selecting the ids (as text) of the accounts of the actor's own administration whose name or
 * login matches the LIKE `pattern` (the audit log's person filter).
 */
export function ownOrganizationAccountIdsMatchingSql(actor: Actor, pattern: string): SQL {
  return sql`select ${accounts.id}::text from ${accounts} where ${and(
    eq(accounts.organizationId, actor.organizationId),
    or(ilike(accounts.displayName, pattern), ilike(accounts.login, pattern)),
  )}`;
}

/** The order of the account list: by name (German order, whatever the database's collation), then id. */
const ACCOUNT_ORDER: SortKey[] = [
  { sql: accounts.displayNameSort, type: "text" },
  { sql: accounts.id, type: "uuid" },
];

/** A page of the accounts the actor may see, by name (German order). */
export async function listVisibleAccounts(
  db: Db | Tx,
  actor: Actor,
  page: PageRequest,
): Promise<{ rows: AccountRow[]; nextCursor: string | null }> {
  const rows = await db
    .select({ a: accounts, cursor: cursorColumn(ACCOUNT_ORDER) })
    .from(accounts)
    .where(and(visibleAccountsWhere(actor), afterCursor(ACCOUNT_ORDER, page.cursor)))
    .orderBy(...orderBy(ACCOUNT_ORDER))
    .limit(page.limit + 1);
  const shown = pageOf(rows, page.limit);
  return { rows: shown.rows.map((r) => r.a), nextCursor: shown.nextCursor };
}

/** One account the actor may see; 404 otherwise (an account of another administration does not exist for the actor). */
export async function getVisibleAccount(db: Db | Tx, actor: Actor, id: string): Promise<AccountRow> {
  const [row] = await db
    .select()
    .from(accounts)
    .where(and(visibleAccountsWhere(actor), eq(accounts.id, id)));
  if (!row) throw new AppError("not_found");
  return row;
}

/** One account the actor may see, locked for a change (role writes of one account run one after the other); 404 otherwise. */
export async function getVisibleAccountForUpdate(tx: Tx, actor: Actor, id: string): Promise<AccountRow> {
  const [row] = await tx
    .select()
    .from(accounts)
    .where(and(visibleAccountsWhere(actor), eq(accounts.id, id)))
    .for("update");
  if (!row) throw new AppError("not_found");
  return row;
}

/** The actor's own account as it stands now (optionally locked for a change); undefined when it is gone. */
export async function findOwnAccount(db: Db | Tx, actor: Actor, options: { forUpdate?: boolean } = {}): Promise<AccountRow | undefined> {
  const query = db.select().from(accounts).where(eq(accounts.id, actor.accountId));
  const [row] = options.forUpdate ? await query.for("update") : await query;
  return row;
}

/** The actor's own account with its administration and department (`/me`); 404 when it is gone. */
export async function getOwnAccountWithOrganization(db: Db | Tx, actor: Actor) {
  const [row] = await db
    .select({ account: accounts, organization: organizations, department: departments })
    .from(accounts)
    .innerJoin(organizations, eq(organizations.id, accounts.organizationId))
    .leftJoin(departments, eq(departments.id, accounts.departmentId))
    .where(eq(accounts.id, actor.accountId));
  if (!row) throw new AppError("not_found");
  return row;
}

/**
 * The active accounts of the actor's administration that named the actor their deputy for `day`,
 * each with each of its roles (one row per role).
 */
export async function listAccountsActorStandsInFor(
  db: Db | Tx,
  actor: Actor,
  day: string,
): Promise<Array<{ principal: AccountRow; role: Role }>> {
  return db
    .select({ principal: accounts, role: accountRoles.role })
    .from(deputies)
    .innerJoin(accounts, eq(accounts.id, deputies.principalAccountId))
    .innerJoin(accountRoles, eq(accountRoles.accountId, accounts.id))
    .where(
      and(
        eq(deputies.deputyAccountId, actor.accountId),
        eq(deputies.organizationId, actor.organizationId),
        lte(deputies.startsOn, day),
        gte(deputies.endsOn, day),
        eq(accounts.isActive, true),
      ),
    );
}

// ---------------------------------------------------------------------------------------------
// 2. Field rules

/**
 * Display names of accounts of the viewer's administration (names are shown within it): those of
 * `ids`, or all; with `activeWithRole` only active accounts that hold a role.
 */
export async function listAccountNames(
  db: Db | Tx,
  viewer: { organizationId: string },
  filter: { ids?: string[]; activeWithRole?: boolean } = {},
): Promise<Array<{ id: string; name: string }>> {
  const where = and(eq(accounts.organizationId, viewer.organizationId), filter.ids ? inArray(accounts.id, filter.ids) : undefined);
  if (filter.ids && filter.ids.length === 0) return [];
  if (!filter.activeWithRole) return db.select({ id: accounts.id, name: accounts.displayName }).from(accounts).where(where);
  return db
    .selectDistinct({ id: accounts.id, name: accounts.displayName })
    .from(accounts)
    .innerJoin(accountRoles, eq(accountRoles.accountId, accounts.id))
    .where(and(where, eq(accounts.isActive, true)));
}

// ---------------------------------------------------------------------------------------------
// 3. Unscoped: sign-in, sessions, single sign-on, locks, mail recipients, who acts

/** An account as a person in a mail or a log: login (the e-mail address), name and administration. */
const PERSON = { id: accounts.id, login: accounts.login, displayName: accounts.displayName, organizationId: accounts.organizationId };

/**
 * The audit log: who the accounts of its entries are (name, login, administration). The log's
 * presenter shows a name only within the viewer's administration.
 */
export async function unscopedAccountsForAudit(db: Db | Tx, ids: string[]) {
  if (ids.length === 0) return [];
  return db.select(PERSON).from(accounts).where(inArray(accounts.id, ids));
}

/** Sign-in, single sign-on and the uniqueness of logins (across administrations): the account of a login (lower-case), optionally locked. */
export async function unscopedAccountByLogin(
  db: Db | Tx,
  login: string,
  options: { forUpdate?: boolean } = {},
): Promise<AccountRow | undefined> {
  const query = db.select().from(accounts).where(eq(accounts.login, login));
  const [row] = options.forUpdate ? await query.for("update") : await query;
  return row;
}

/**
 * The session behind a cookie with its account, roles and the data version, in one statement, as
 * a prepared statement to run with `{ id }` (the session id, the hash of the cookie's token) —
 * built once per database by its caller. The idle and absolute limits are judged by the database
 * clock, so every app server agrees.
 */
export function unscopedSessionLookup(db: Db, limits: { idleSeconds: number; absoluteSeconds: number; touchIntervalSeconds: number }) {
  return db
    .select({
      session: sessions,
      account: accounts,
      isIdle: sql<boolean>`${sessions.lastSeenAt} <= now() - make_interval(secs => ${limits.idleSeconds})`,
      isTooOld: sql<boolean>`${sessions.createdAt} <= now() - make_interval(secs => ${limits.absoluteSeconds})`,
      isTouchDue: sql<boolean>`${sessions.lastSeenAt} <= now() - make_interval(secs => ${limits.touchIntervalSeconds})`,
      idleRemainingSeconds: sql<number>`floor(extract(epoch from ${sessions.lastSeenAt} + make_interval(secs => ${limits.idleSeconds}) - now()))::int`,
      absoluteRemainingSeconds: sql<number>`floor(extract(epoch from ${sessions.createdAt} + make_interval(secs => ${limits.absoluteSeconds}) - now()))::int`,
      roles: sql<string>`coalesce((select string_agg(${accountRoles.role}, ',') from ${accountRoles} where ${accountRoles.accountId} = ${accounts.id}), '')`,
      dataVersion: sql<string>`(select version::text from data_version)`,
    })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .where(eq(sessions.id, sql.placeholder("id")))
    .prepare("verbund_find_session");
}

/** Single sign-on: the account bound to an external identity (issuer and subject) at an administration's provider. */
export async function unscopedAccountByIdentity(
  db: Db | Tx,
  identity: { organizationId: string; issuer: string; subject: string },
): Promise<AccountRow | undefined> {
  const [row] = await db
    .select({ account: accounts })
    .from(accountIdentities)
    .innerJoin(accounts, eq(accounts.id, accountIdentities.accountId))
    .where(
      and(
        eq(accountIdentities.organizationId, identity.organizationId),
        eq(accountIdentities.issuer, identity.issuer),
        eq(accountIdentities.subject, identity.subject),
      ),
    );
  return row?.account;
}

/**
 * Locks accounts (`FOR UPDATE`, in id order, so two writers never wait for each other): role
 * writes of one account run one after the other, and a check of two accounts' roles sees them as
 * they are. Reads nothing of them.
 */
export async function unscopedLockAccounts(tx: Tx, ids: string[]): Promise<void> {
  await tx.select({ id: accounts.id }).from(accounts).where(inArray(accounts.id, ids)).orderBy(asc(accounts.id)).for("update");
}

/** Where {@link unscopedActiveHolders} looks: an administration, a region, a department; and whom it leaves out. */
export interface HolderFilter {
  organizationId?: string;
  regionId?: string;
  departmentId?: string | null;
  exceptAccountId?: string;
}

/**
 * Active accounts holding `role` — of an administration, of a region, of a department: the
 * recipients of e-mails (who acts next in a secondment, the staff council told of a change, the
 * HR offices told of a crisis, the coordinators asked to confirm a provider) and the count of a
 * region's coordinators. Login (the e-mail address) and display name only.
 */
export async function unscopedActiveHolders(
  db: Db | Tx,
  role: Role,
  where: HolderFilter,
): Promise<Array<{ id: string; login: string; displayName: string; organizationId: string }>> {
  return db
    .select(PERSON)
    .from(accounts)
    .innerJoin(accountRoles, eq(accountRoles.accountId, accounts.id))
    .where(
      and(
        eq(accountRoles.role, role),
        eq(accounts.isActive, true),
        where.organizationId ? eq(accounts.organizationId, where.organizationId) : undefined,
        where.regionId ? eq(accounts.regionId, where.regionId) : undefined,
        where.departmentId ? eq(accounts.departmentId, where.departmentId) : undefined,
        where.exceptAccountId ? ne(accounts.id, where.exceptAccountId) : undefined,
      ),
    );
}

/** Who acts in a secondment: which of these departments have an active department head in Verbund (else the HR office releases). */
export async function unscopedDepartmentsWithActiveHead(
  db: Db | Tx,
  departmentIds: string[],
): Promise<Array<{ organizationId: string; departmentId: string | null }>> {
  if (departmentIds.length === 0) return [];
  return db
    .selectDistinct({ organizationId: accounts.organizationId, departmentId: accounts.departmentId })
    .from(accounts)
    .innerJoin(accountRoles, eq(accountRoles.accountId, accounts.id))
    .where(and(inArray(accounts.departmentId, departmentIds), eq(accountRoles.role, "department_head"), eq(accounts.isActive, true)));
}

/** A department's calendar feed: whether the account is active, of that department, and holds one of `roles` there. */
export async function unscopedHoldsDepartmentRole(db: Db | Tx, accountId: string, departmentId: string, roles: Role[]): Promise<boolean> {
  const rows = await db
    .select({ id: accounts.id })
    .from(accounts)
    .innerJoin(accountRoles, eq(accountRoles.accountId, accounts.id))
    .where(
      and(
        eq(accounts.id, accountId),
        eq(accounts.isActive, true),
        eq(accounts.departmentId, departmentId),
        inArray(accountRoles.role, roles),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/** The active accounts as SQL (`(SELECT id …)`), for a WHERE that keeps what belongs to a deactivated account out (a calendar feed). */
export function unscopedActiveAccountIdsSql(): SQL {
  return sql`(SELECT ${accounts.id} FROM ${accounts} WHERE ${accounts.isActive})`;
}
