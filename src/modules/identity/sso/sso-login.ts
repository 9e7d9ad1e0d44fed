import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { recordAudit } from "../../audit";
import type { Actor } from "../../../kernel/actor";
import { rolesOf, writeAccountRoles } from "../account-roles";
import { accountIdentities, accounts, identityProviders, ssoLogins } from "../identity.tables";
import { findOwnAccount, unscopedAccountByIdentity, unscopedAccountByLogin } from "../account-scope";
import { createSession, type NewSession } from "../sessions";
import { bindIdentity } from "./link-identity";
import { finishAuthorization, providerConfiguration, startAuthorization, type SsoClaims } from "./oidc-client";

/** Why a single sign-on (or a link) did not succeed; the login and profile pages explain each in words. */
export type SsoFailure =
  | "no_provider"
  | "expired"
  | "provider_error"
  | "unverified_email"
  | "login_taken"
  | "inactive"
  /** An account with this e-mail exists, but only its holder (or the HR office) links it. */
  | "link_required"
  /** Link: the provider's identity is linked to another account already. */
  | "identity_taken"
  /** Link: the callback did not come with the session that started the link. */
  | "link_session";

/** A single sign-on that ended without a session, or a link that ended without a binding. */
export class SsoError extends Error {
  constructor(
    readonly reason: SsoFailure,
    /** Where the browser goes to read the reason: the login page, or the profile for a link. */
    readonly intent: "login" | "link" = "login",
    /** The account the sign-on was for, where known (recorded with the failure). */
    readonly accountId: string | null = null,
  ) {
    super(reason);
  }
}

const LOGIN_MINUTES = 10;

/** The redirect URI registered at every provider. */
export function ssoRedirectUri(baseUrl: string): string {
  return `${baseUrl.replace(/\/$/, "")}/api/v1/sso/callback`;
}

/** The administration's provider in force, when it is switched on. */
export async function enabledProvider(db: Db, organizationId: string) {
  const [provider] = await db
    .select()
    .from(identityProviders)
    .where(and(eq(identityProviders.organizationId, organizationId), eq(identityProviders.isEnabled, true)));
  return provider;
}

type Provider = typeof identityProviders.$inferSelect;

async function start(
  db: Db,
  baseUrl: string,
  provider: Provider,
  pending: { returnTo: string; intent: "login" | "link"; accountId?: string; sessionId?: string },
) {
  let auth;
  try {
    auth = await startAuthorization(await providerConfiguration(provider), ssoRedirectUri(baseUrl), provider.scopes);
  } catch {
    throw new SsoError("provider_error", pending.intent);
  }
  await db.delete(ssoLogins).where(sql`${ssoLogins.createdAt} < now() - make_interval(mins => ${LOGIN_MINUTES})`);
  await db.insert(ssoLogins).values({
    id: auth.state,
    providerId: provider.id,
    regionId: provider.regionId,
    organizationId: provider.organizationId,
    nonce: auth.nonce,
    codeVerifier: auth.codeVerifier,
    returnTo: pending.returnTo.startsWith("/") && !pending.returnTo.startsWith("//") ? pending.returnTo : "/",
    intent: pending.intent,
    accountId: pending.accountId ?? null,
    sessionId: pending.sessionId ?? null,
  });
  return { url: auth.url.toString(), loginId: auth.state };
}

/**
 * Starts the sign-on at the administration's provider: stores state, nonce and PKCE verifier
 * server-side (the returned `loginId` goes into a short-lived cookie that binds the flow to this
 * browser) and returns the provider's authorization URL.
 */
export async function startSsoLogin(db: Db, baseUrl: string, organizationId: string, returnTo: string) {
  const provider = await enabledProvider(db, organizationId);
  if (!provider) throw new SsoError("no_provider");
  return start(db, baseUrl, provider, { returnTo, intent: "login" });
}

/**
 * Starts the holder's own link: the signed-in account runs the sign-on at its administration's
 * provider, and the callback binds the identity it returns to this account. The flow is bound to
 * the account and to this session (and, by the cookie, to this browser).
 */
export async function startSsoLink(db: Db, baseUrl: string, actor: Actor) {
  const provider = await enabledProvider(db, actor.organizationId);
  if (!provider) throw new SsoError("no_provider", "link");
  return start(db, baseUrl, provider, { returnTo: "/profil", intent: "link", accountId: actor.accountId, sessionId: actor.sessionId });
}

/**
 * Finds or creates the account for verified claims, only ever within the provider's own
 * administration:
 * 1. the account bound to this issuer + subject (linked by its holder, by the HR office, or at
 *    its first sign-on);
 * 2. else an account whose login is the e-mail — bound automatically only when the provider
 *    asserts `email_verified`, nobody has ever signed in to it, and it holds no role beyond
 *    `employee`. Anyone else links the account themselves (profile), or the HR office links it:
 *    a provider run by the administration is not trusted to say who the coordination, the staff
 *    council, the HR office or a person who already uses Verbund is;
 * 3. else a new account with the role `employee` (other roles are granted in Verbund).
 */
async function resolveAccount(db: Db, provider: Provider, claims: SsoClaims) {
  return db.transaction(async (tx) => {
    const bound = await unscopedAccountByIdentity(tx, {
      organizationId: provider.organizationId,
      issuer: claims.issuer,
      subject: claims.subject,
    });
    if (bound) return bound;

    if (claims.email) {
      const byEmail = await unscopedAccountByLogin(tx, claims.email, { forUpdate: true });
      if (byEmail) {
        if (byEmail.organizationId !== provider.organizationId) throw new SsoError("login_taken");
        if (!claims.emailVerified) throw new SsoError("unverified_email");
        const roles = await rolesOf(tx, byEmail.id);
        const [linked] = await tx
          .select({ id: accountIdentities.id })
          .from(accountIdentities)
          .where(eq(accountIdentities.accountId, byEmail.id));
        if (byEmail.lastSignedInAt || roles.some((r) => r !== "employee") || linked) throw new SsoError("link_required");
        await bindIdentity(tx, provider, byEmail, claims.subject, { actor: null, name: byEmail.login, via: "email" });
        return byEmail;
      }
    }

    // A new account. An unverified e-mail is not used as the login (it could claim someone else's).
    const login = claims.email && claims.emailVerified ? claims.email : `${claims.subject}@${new URL(claims.issuer).host}`.toLowerCase();
    const taken = await unscopedAccountByLogin(tx, login);
    if (taken) throw new SsoError("login_taken");
    const [account] = await tx
      .insert(accounts)
      .values({
        regionId: provider.regionId,
        organizationId: provider.organizationId,
        login,
        displayName: claims.name ?? claims.email ?? claims.subject,
        passwordHash: null,
      })
      .returning();
    await writeAccountRoles(tx, account, ["employee"], { actor: null, name: login });
    await tx.insert(accountIdentities).values({
      accountId: account.id,
      regionId: provider.regionId,
      organizationId: provider.organizationId,
      issuer: provider.issuer,
      subject: claims.subject,
    });
    await recordAudit(tx, null, {
      action: "create",
      entity: "account",
      entityId: account.id,
      regionId: account.regionId,
      organizationId: account.organizationId,
      visibility: "tenant",
      actorLogin: login,
      after: { login, displayName: account.displayName, roles: ["employee"], identity: { issuer: claims.issuer, subject: claims.subject } },
    });
    return account;
  });
}

/** What a completed callback did: opened a session, or linked the signed-in holder's account. */
export type SsoOutcome =
  ({ intent: "login"; accountId: string } & NewSession & { returnTo: string }) | { intent: "link"; returnTo: string };

/**
 * Completes the flow at the callback: the cookie must name the pending flow (no login CSRF), the
 * code is exchanged with state, nonce and PKCE checked. A login opens a new session; a link binds
 * the identity to the account that started it — only when the callback comes with that account's
 * session, so nobody can slip their own provider identity into another person's account.
 */
export async function finishSso(
  db: Db,
  callbackUrl: URL,
  cookieLoginId: string | undefined,
  meta: { ip: string; userAgent?: string; previousToken?: string; actor: Actor | null },
): Promise<SsoOutcome> {
  const state = callbackUrl.searchParams.get("state");
  if (!state || !cookieLoginId || state !== cookieLoginId) throw new SsoError("expired");
  const [pending] = await db
    .delete(ssoLogins)
    .where(and(eq(ssoLogins.id, state), sql`${ssoLogins.createdAt} > now() - make_interval(mins => ${LOGIN_MINUTES})`))
    .returning();
  if (!pending) throw new SsoError("expired");
  const intent = pending.intent;
  const [provider] = await db.select().from(identityProviders).where(eq(identityProviders.id, pending.providerId));
  if (!provider || !provider.isEnabled) throw new SsoError("no_provider", intent);
  if (intent === "link") {
    const actor = meta.actor;
    if (!actor || actor.sessionId !== pending.sessionId || actor.accountId !== pending.accountId)
      throw new SsoError("link_session", "link");
  }

  try {
    return await completeSso(db, callbackUrl, state, pending, provider, meta);
  } catch (err) {
    // A failed sign-on at a known administration's provider is in that administration's audit log.
    if (err instanceof SsoError && intent === "login") {
      await db.transaction((tx) =>
        recordAudit(tx, null, {
          action: "login_failed",
          entity: "account",
          entityId: err.accountId,
          regionId: provider.regionId,
          organizationId: provider.organizationId,
          visibility: "tenant",
          ip: meta.ip,
          after: { method: "sso", reason: err.reason },
        }),
      );
    }
    throw err;
  }
}

/** The callback after the flow was found: the code exchanged, then the link bound or the session opened. */
async function completeSso(
  db: Db,
  callbackUrl: URL,
  state: string,
  pending: typeof ssoLogins.$inferSelect,
  provider: Provider,
  meta: { ip: string; userAgent?: string; previousToken?: string; actor: Actor | null },
): Promise<SsoOutcome> {
  const intent = pending.intent;
  let claims: SsoClaims;
  try {
    claims = await finishAuthorization(await providerConfiguration(provider), callbackUrl, {
      state,
      nonce: pending.nonce,
      codeVerifier: pending.codeVerifier,
    });
  } catch {
    throw new SsoError("provider_error", intent);
  }
  // The ID token was checked against the provider in force; its issuer is that provider's.
  if (claims.issuer !== provider.issuer) throw new SsoError("provider_error", intent);

  if (intent === "link") {
    const actor = meta.actor!;
    await db.transaction(async (tx) => {
      const account = await findOwnAccount(tx, actor, { forUpdate: true });
      if (!account?.isActive || account.organizationId !== provider.organizationId) throw new SsoError("link_session", "link");
      const result = await bindIdentity(tx, provider, account, claims.subject, { actor, name: actor.login, via: "holder" });
      if (result === "taken") throw new SsoError("identity_taken", "link");
    });
    return { intent: "link", returnTo: "/profil?sso=linked" };
  }

  const account = await resolveAccount(db, provider, claims);
  if (!account.isActive) throw new SsoError("inactive", "login", account.id);
  const session = await db.transaction(async (tx) => {
    const opened = await createSession(tx, account, {
      ...meta,
      replacing: meta.previousToken,
      providerId: provider.id,
      idToken: claims.idToken,
    });
    await tx
      .update(accounts)
      .set({ lastSignedInAt: sql`now()` })
      .where(eq(accounts.id, account.id));
    await recordAudit(tx, null, {
      action: "login",
      entity: "account",
      entityId: account.id,
      regionId: account.regionId,
      organizationId: account.organizationId,
      visibility: "tenant",
      actorLogin: account.login,
      ip: meta.ip,
      after: { method: "sso", issuer: claims.issuer },
    });
    return opened;
  });
  return { intent: "login", ...session, returnTo: pending.returnTo, accountId: account.id };
}
