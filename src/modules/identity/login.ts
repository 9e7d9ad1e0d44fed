import { and, count, eq, gt, max, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { lockFor } from "../../db/locks";
import { AppError } from "../../kernel/problems";
import { recordAudit } from "../audit";
import { accounts, identityProviders, loginAttempts, loginLocks } from "./identity.tables";
import { unscopedAccountByLogin } from "./account-scope";
import { verifyPassword } from "./passwords";
import { createSession, type NewSession } from "./sessions";

/** Failed logins of one login name within the window that lock it. */
export const MAX_FAILURES_PER_LOGIN = 10;
/** Failed logins from one IP address within the window that throttle it. */
export const MAX_FAILURES_PER_IP = 30;
/** The window and the lock duration, in minutes. */
export const LOCK_WINDOW_MINUTES = 15;

const window = sql`now() - make_interval(mins => ${LOCK_WINDOW_MINUTES})`;

/** Input of {@link login}. */
export interface LoginInput {
  login: string;
  password: string;
  ip: string;
  userAgent?: string;
  /** The session token the browser still had, replaced by a new one (session fixation). */
  previousToken?: string;
}

/**
 * Checks login and password and opens a new session.
 *
 * - A login name with 10 failures in 15 minutes is locked for 15 minutes whatever the IP (429);
 *   an IP address with 30 failures in 15 minutes is throttled (429).
 * - An unknown login gets exactly the answer of a wrong password, after the same argon2 work.
 * - The session id is always new; the old one is deleted.
 */
export async function login(db: Db, input: LoginInput): Promise<NewSession & { accountId: string }> {
  const name = input.login.trim().toLowerCase();
  let attemptId: number;
  try {
    attemptId = await reserveAttempt(db, name, input.ip);
  } catch (err) {
    // Refused before the password is checked: the account's administration still sees the attempt.
    if (err instanceof AppError && (err.code === "login_locked" || err.code === "rate_limited")) {
      const locked = await unscopedAccountByLogin(db, name);
      if (locked)
        await db.transaction((tx) => recordFailedLogin(tx, locked, input.ip, err.code === "login_locked" ? "locked" : "rate_limited"));
    }
    throw err;
  }

  const account = await unscopedAccountByLogin(db, name);
  const usable = account && account.isActive ? account : undefined;
  const isValid = await verifyPassword(usable?.passwordHash, input.password);

  if (!usable || !isValid) {
    await db.transaction(async (tx) => {
      await lockFor(tx, "login", name);
      const failures = await failuresSinceLastSuccess(tx, name);
      if (failures >= MAX_FAILURES_PER_LOGIN) {
        const until = sql`now() + make_interval(mins => ${LOCK_WINDOW_MINUTES})`;
        await tx
          .insert(loginLocks)
          .values({ login: name, lockedUntil: until })
          .onConflictDoUpdate({ target: loginLocks.login, set: { lockedUntil: until } });
      }
      await recordFailedLogin(tx, account, input.ip, account && !account.isActive ? "inactive" : "password");
    });
    throw new AppError("invalid_credentials");
  }

  // The password was right; only now may the answer say that this administration signs in elsewhere.
  const [provider] = await db
    .select()
    .from(identityProviders)
    .where(and(eq(identityProviders.organizationId, usable.organizationId), eq(identityProviders.isEnabled, true)));
  if (provider && !provider.isPasswordLoginEnabled) {
    await db.transaction((tx) => recordFailedLogin(tx, usable, input.ip, "sso_required"));
    throw new AppError("forbidden", {
      message: {
        de: "Ihre Verwaltung meldet sich über ihr eigenes Konto an. Bitte wählen Sie „Mit dem Konto Ihrer Verwaltung anmelden“.",
        en: "Your administration signs in with its own account. Please choose “Sign in with your administration's account”.",
      },
    });
  }

  return db.transaction(async (tx) => {
    await tx.update(loginAttempts).set({ succeeded: true }).where(eq(loginAttempts.id, attemptId));
    await tx
      .update(accounts)
      .set({ lastSignedInAt: sql`now()` })
      .where(eq(accounts.id, usable.id));
    const session = await createSession(tx, usable, {
      ip: input.ip,
      userAgent: input.userAgent,
      replacing: input.previousToken,
    });
    await recordAudit(tx, null, {
      action: "login",
      entity: "account",
      entityId: usable.id,
      regionId: usable.regionId,
      organizationId: usable.organizationId,
      visibility: "tenant",
      actorLogin: usable.login,
      ip: input.ip,
    });
    return { ...session, accountId: usable.id };
  });
}

/** Why a sign-in failed, as the audit log names it (`audit-words.ts` › LOGIN_FAILURES). */
export type LoginFailure = "password" | "inactive" | "locked" | "rate_limited" | "sso_required";

/**
 * Records a failed sign-in for the account's administration (whose audit log shows it). An unknown
 * login is recorded without it: there is no administration to show it to, and a typed login that
 * names nobody may be a password typed into the wrong field.
 */
export async function recordFailedLogin(tx: Tx, account: typeof accounts.$inferSelect | undefined, ip: string, reason: LoginFailure) {
  await recordAudit(tx, null, {
    action: "login_failed",
    entity: "account",
    entityId: account?.id ?? null,
    regionId: account?.regionId ?? null,
    organizationId: account?.organizationId ?? null,
    visibility: "tenant",
    actorLogin: account ? account.login : null,
    ip,
    after: { method: "password", reason },
  });
}

/** Failed (or still running) attempts on a login name since its last success within the window. */
async function failuresSinceLastSuccess(tx: Tx, name: string): Promise<number> {
  const [lastSuccess] = await tx
    .select({ at: max(loginAttempts.at) })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.login, name), eq(loginAttempts.succeeded, true)));
  const since = lastSuccess?.at ? sql`greatest(${lastSuccess.at}::timestamptz, ${window})` : window;
  const [failures] = await tx
    .select({ n: count() })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.login, name), eq(loginAttempts.succeeded, false), gt(loginAttempts.at, since)));
  return failures.n;
}

/**
 * Counts an attempt before the password is checked: the attempt is written as failed under a lock
 * on the login name and turned into a success only when the password is right. So a burst of
 * guesses fired at the same moment is counted like guesses one after another — at most
 * {@link MAX_FAILURES_PER_LOGIN} passwords are ever checked in the window (test/concurrency.test.ts).
 */
async function reserveAttempt(db: Db, name: string, ip: string): Promise<number> {
  return db.transaction(async (tx) => {
    await lockFor(tx, "login", name);
    const retry = { headers: { "retry-after": String(LOCK_WINDOW_MINUTES * 60) } };
    const [lock] = await tx
      .select()
      .from(loginLocks)
      .where(and(eq(loginLocks.login, name), gt(loginLocks.lockedUntil, sql`now()`)));
    if (lock) throw new AppError("login_locked", retry);
    const [ipFailures] = await tx
      .select({ n: count() })
      .from(loginAttempts)
      .where(and(eq(loginAttempts.ip, ip), eq(loginAttempts.succeeded, false), gt(loginAttempts.at, window)));
    if (ipFailures.n >= MAX_FAILURES_PER_IP) throw new AppError("rate_limited", retry);
    if ((await failuresSinceLastSuccess(tx, name)) >= MAX_FAILURES_PER_LOGIN) throw new AppError("login_locked", retry);
    const [attempt] = await tx.insert(loginAttempts).values({ login: name, ip, succeeded: false }).returning({ id: loginAttempts.id });
    return attempt.id;
  });
}
