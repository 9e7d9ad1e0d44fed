import { createHash, randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { writesOf, type Db, type Tx } from "../../db/client";
import { OWN_ACCOUNT_COLUMNS } from "../../db/data-version";
import { sessions } from "./identity.tables";
import { unscopedSessionLookup } from "./account-scope";
import type { Actor } from "../../kernel/actor";
import type { Role } from "../../kernel/roles";

/** A session ends after 30 minutes without a request (WCAG 2.2.1: the UI warns and extends). */
export const IDLE_TIMEOUT_SECONDS = 30 * 60;
/** A session ends 12 hours after login, whatever happens. */
export const ABSOLUTE_TIMEOUT_SECONDS = 12 * 60 * 60;

/** Name of the session cookie. */
export const SESSION_COOKIE = "verbund_session";

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

/** A newly created session: the token goes into the cookie, only its hash into the database. */
export interface NewSession {
  token: string;
  csrfToken: string;
}

/** Creates a session for an account; `replacing` (an old token) is deleted at the same time. */
export async function createSession(
  tx: Db | Tx,
  account: { id: string; regionId: string; organizationId: string },
  meta: { ip: string; userAgent?: string; replacing?: string; providerId?: string; idToken?: string },
): Promise<NewSession> {
  if (meta.replacing) await tx.delete(sessions).where(eq(sessions.id, sha256(meta.replacing)));
  const token = randomBytes(32).toString("base64url");
  const csrfToken = randomBytes(32).toString("base64url");
  await tx.insert(sessions).values({
    id: sha256(token),
    accountId: account.id,
    regionId: account.regionId,
    organizationId: account.organizationId,
    csrfToken,
    ip: meta.ip,
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
    providerId: meta.providerId ?? null,
    idToken: meta.idToken ?? null,
  });
  return { token, csrfToken };
}

/**
 * Activity is written to the session (`last_seen_at`) at most this often: a request within this
 * many seconds of the last write reads the session and writes nothing. The idle limit therefore
 * runs from at most this long before the latest request, and the web app counts down from
 * `IDLE_TIMEOUT_SECONDS − SESSION_TOUCH_INTERVAL_SECONDS` after a request, so it never promises
 * more time than the server gives (WCAG 2.2.1: the warning is at most a minute early, never late)
 * — where it does not know better: every answer to a signed-in request carries the exact remaining
 * seconds in the header {@link IDLE_REMAINING_HEADER}.
 */
export const SESSION_TOUCH_INTERVAL_SECONDS = 60;

/** Response header with the seconds until the session's idle limit (by the database clock), after the request. */
export const IDLE_REMAINING_HEADER = "verbund-idle-remaining";

/** The account row's field of each of {@link OWN_ACCOUNT_COLUMNS}. */
const OWN_ACCOUNT_FIELD = { locale: "locale" } as const satisfies Record<(typeof OWN_ACCOUNT_COLUMNS)[number], string>;

/** The state of a session token presented by a request. */
export type SessionLookup =
  | {
      status: "valid";
      actor: Actor;
      lastSeenAt: Date;
      createdAt: Date;
      /** `last_seen_at` is older than {@link SESSION_TOUCH_INTERVAL_SECONDS}: a request should record its activity. */
      isTouchDue: boolean;
      /** Seconds until the idle limit by the database clock, as the session stands before this request writes anything. */
      idleRemainingSeconds: number;
      /** The data version as this statement saw it (migration 0016; the read cache's key). */
      dataVersion: string;
      /** The own account's columns the data version leaves alone ({@link OWN_ACCOUNT_COLUMNS}), as one string: the read cache's key. */
      ownAccountFields: string;
    }
  | { status: "expired" }
  | { status: "unknown" };

/**
 * The statement of {@link findSession}, built once per database (every request runs it; building
 * a Drizzle query each time cost about a sixth of a cached read's CPU, see docs/BENCHMARKS.md).
 */
const sessionQueries = new WeakMap<Db, ReturnType<typeof unscopedSessionLookup>>();

function sessionQuery(db: Db) {
  let query = sessionQueries.get(db);
  if (!query) {
    query = unscopedSessionLookup(db, {
      idleSeconds: IDLE_TIMEOUT_SECONDS,
      absoluteSeconds: ABSOLUTE_TIMEOUT_SECONDS,
      touchIntervalSeconds: SESSION_TOUCH_INTERVAL_SECONDS,
    });
    sessionQueries.set(db, query);
  }
  return query;
}

type SessionRow = Awaited<ReturnType<ReturnType<typeof sessionQuery>["execute"]>>[number];

/** Valid sessions remembered per embedded database, with the write count they were read at. */
const rememberedSessions = new WeakMap<Db, Map<string, { writes: number; row: SessionRow; at: Clock }>>();
/** At most this many sessions are remembered per database (the oldest go first). */
const REMEMBERED_SESSIONS = 10_000;

/**
 * On the embedded database, the session row read at a write count holds while the count stays
 * (see `writesOf`): nothing — no sign-out, role change, deactivation or activity — was written
 * since. The limits are then counted on from what the database said, by whichever of the monotonic
 * and the wall clock ran further (the monotonic clock stands still while the machine sleeps; the
 * database's now() does not); a remembered row that has run out is asked of the database again.
 */
async function sessionRow(db: Db, id: string): Promise<SessionRow | undefined> {
  const writes = writesOf(db);
  if (writes === undefined) return (await sessionQuery(db).execute({ id }))[0];
  let memo = rememberedSessions.get(db);
  if (!memo) rememberedSessions.set(db, (memo = new Map()));
  const known = memo.get(id);
  if (known && known.writes === writes) {
    const row = timed(known.row, known.at);
    if (!row.isIdle && !row.isTooOld) return row;
  }
  memo.delete(id);
  const at = clock();
  const [row] = await sessionQuery(db).execute({ id });
  if (row && !row.isIdle && !row.isTooOld && row.account.isActive && writesOf(db) === writes) {
    memo.set(id, { writes, row, at });
    if (memo.size > REMEMBERED_SESSIONS) memo.delete(memo.keys().next().value!);
  }
  return row;
}

/** Both clocks at one moment: monotonic (never goes back) and wall (runs on while the machine sleeps). */
interface Clock {
  monotonic: number;
  wall: number;
}

const clock = (): Clock => ({ monotonic: performance.now(), wall: Date.now() });

/**
 * A remembered row with its clock-dependent fields as of now: what the statement computed from
 * `now()` at `at`, less the seconds passed since (to the second, as the statement rounds) by the
 * clock that ran further.
 */
function timed(row: SessionRow, at: Clock): SessionRow {
  const passed = Math.max(performance.now() - at.monotonic, Date.now() - at.wall) / 1000;
  const idleRemaining = Number(row.idleRemainingSeconds) - passed;
  return {
    ...row,
    isIdle: idleRemaining <= 0,
    isTooOld: Number(row.absoluteRemainingSeconds) - passed <= 0,
    isTouchDue: row.isTouchDue || IDLE_TIMEOUT_SECONDS - idleRemaining >= SESSION_TOUCH_INTERVAL_SECONDS,
    idleRemainingSeconds: Math.floor(idleRemaining),
  };
}

/**
 * Loads the actor behind a session token — session, account, roles and the data version in one
 * statement (the version first, so that whatever the request reads later is at least as new). The idle
 * and absolute limits are checked by the database clock, so every app server agrees; an expired
 * session is deleted on sight.
 */
export async function findSession(db: Db, token: string): Promise<SessionLookup> {
  const id = sha256(token);
  const row = await sessionRow(db, id);
  if (!row) return { status: "unknown" };
  if (row.isIdle || row.isTooOld || !row.account.isActive) {
    await db.delete(sessions).where(eq(sessions.id, id));
    return { status: "expired" };
  }
  return {
    status: "valid",
    lastSeenAt: row.session.lastSeenAt,
    createdAt: row.session.createdAt,
    isTouchDue: row.isTouchDue,
    idleRemainingSeconds: Number(row.idleRemainingSeconds),
    dataVersion: String(row.dataVersion),
    ownAccountFields: OWN_ACCOUNT_COLUMNS.map((column) => row.account[OWN_ACCOUNT_FIELD[column]]).join("\n"),
    actor: {
      accountId: row.account.id,
      regionId: row.account.regionId,
      organizationId: row.account.organizationId,
      departmentId: row.account.departmentId,
      login: row.account.login,
      displayName: row.account.displayName,
      roles: row.roles ? (row.roles.split(",") as Role[]).sort() : [],
      sessionId: id,
      csrfToken: row.session.csrfToken,
    },
  };
}

/**
 * Marks the session as used now (extends the idle limit); returns the new last-seen time. Requests
 * call it only when the last write is older than {@link SESSION_TOUCH_INTERVAL_SECONDS}; an
 * explicit extension (`POST /api/v1/session/extend`) always.
 */
export async function touchSession(db: Db, sessionId: string): Promise<Date> {
  const [row] = await db
    .update(sessions)
    .set({ lastSeenAt: sql`now()` })
    .where(eq(sessions.id, sessionId))
    .returning({ lastSeenAt: sessions.lastSeenAt });
  return row?.lastSeenAt ?? new Date();
}

/** Ends one session. */
export async function deleteSession(db: Db | Tx, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Ends every session of an account (deactivation, password change elsewhere). */
export async function deleteSessionsOf(db: Db | Tx, accountId: string, except?: string): Promise<void> {
  await db.delete(sessions).where(and(eq(sessions.accountId, accountId), except ? sql`${sessions.id} <> ${except}` : undefined));
}
