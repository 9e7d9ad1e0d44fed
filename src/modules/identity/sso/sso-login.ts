import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { recordAudit } from "../../audit/record-audit";
import { accountIdentities, accountRoles, accounts, identityProviders, ssoLogins } from "../identity.tables";
import { createSession, type NewSession } from "../sessions";
import { finishAuthorization, providerConfiguration, startAuthorization, type SsoClaims } from "./oidc-client";

/** Why a single sign-on did not end in a session; the login page explains each in words. */
export type SsoFailure = "no_provider" | "expired" | "provider_error" | "unverified_email" | "login_taken" | "inactive";

/** A single sign-on that ended without a session. */
export class SsoError extends Error {
  constructor(readonly reason: SsoFailure) {
    super(reason);
  }
}

const LOGIN_MINUTES = 10;

/** The redirect URI registered at every provider. */
export function ssoRedirectUri(baseUrl: string): string {
  return `${baseUrl.replace(/\/$/, "")}/api/v1/sso/callback`;
}

async function enabledProvider(db: Db, organizationId: string) {
  const [provider] = await db
    .select()
    .from(identityProviders)
    .where(and(eq(identityProviders.organizationId, organizationId), eq(identityProviders.isEnabled, true)));
  return provider;
}

/**
 * Starts the sign-on at the administration's provider: stores state, nonce and PKCE verifier
 * server-side (the returned `loginId` goes into a short-lived cookie that binds the flow to this
 * browser) and returns the provider's authorization URL.
 */
export async function startSsoLogin(db: Db, baseUrl: string, organizationId: string, returnTo: string) {
  const provider = await enabledProvider(db, organizationId);
  if (!provider) throw new SsoError("no_provider");
  let start;
  try {
    start = await startAuthorization(await providerConfiguration(provider), ssoRedirectUri(baseUrl), provider.scopes);
  } catch {
    throw new SsoError("provider_error");
  }
  await db.delete(ssoLogins).where(sql`${ssoLogins.createdAt} < now() - make_interval(mins => ${LOGIN_MINUTES})`);
  await db.insert(ssoLogins).values({
    id: start.state,
    providerId: provider.id,
    regionId: provider.regionId,
    organizationId: provider.organizationId,
    nonce: start.nonce,
    codeVerifier: start.codeVerifier,
    returnTo: returnTo.startsWith("/") && !returnTo.startsWith("//") ? returnTo : "/",
  });
  return { url: start.url.toString(), loginId: start.state };
}

type Provider = typeof identityProviders.$inferSelect;

/**
 * Finds or creates the account for verified claims, only ever within the provider's own
 * administration:
 * 1. an account bound to this issuer + subject;
 * 2. else an account whose login is the e-mail — bound only when the provider asserts
 *    `email_verified`;
 * 3. else a new account with the role `employee` (other roles are granted in Verbund).
 */
async function resolveAccount(db: Db, provider: Provider, claims: SsoClaims) {
  return db.transaction(async (tx) => {
    const [bound] = await tx
      .select({ account: accounts })
      .from(accountIdentities)
      .innerJoin(accounts, eq(accounts.id, accountIdentities.accountId))
      .where(
        and(
          eq(accountIdentities.organizationId, provider.organizationId),
          eq(accountIdentities.issuer, claims.issuer),
          eq(accountIdentities.subject, claims.subject),
        ),
      );
    if (bound) return { account: bound.account, created: false };

    const bind = (accountId: string) =>
      tx.insert(accountIdentities).values({
        accountId,
        regionId: provider.regionId,
        organizationId: provider.organizationId,
        issuer: claims.issuer,
        subject: claims.subject,
      });

    if (claims.email) {
      const [byEmail] = await tx.select().from(accounts).where(eq(accounts.login, claims.email));
      if (byEmail) {
        if (byEmail.organizationId !== provider.organizationId) throw new SsoError("login_taken");
        if (!claims.emailVerified) throw new SsoError("unverified_email");
        await bind(byEmail.id);
        await recordAudit(tx, null, {
          action: "update",
          entity: "account",
          entityId: byEmail.id,
          regionId: byEmail.regionId,
          organizationId: byEmail.organizationId,
          visibility: "tenant",
          actorLogin: byEmail.login,
          after: { identity: { issuer: claims.issuer, subject: claims.subject } },
        });
        return { account: byEmail, created: false };
      }
    }

    // A new account. An unverified e-mail is not used as the login (it could claim someone else's).
    const login = claims.email && claims.emailVerified ? claims.email : `${claims.subject}@${new URL(claims.issuer).host}`.toLowerCase();
    const [taken] = await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.login, login));
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
    await tx
      .insert(accountRoles)
      .values({ accountId: account.id, regionId: account.regionId, organizationId: account.organizationId, role: "employee" });
    await bind(account.id);
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
    return { account, created: true };
  });
}

/**
 * Completes the sign-on at the callback: the cookie must name the pending login (no login CSRF),
 * the code is exchanged with state, nonce and PKCE checked, and a new session is opened.
 */
export async function finishSsoLogin(
  db: Db,
  callbackUrl: URL,
  cookieLoginId: string | undefined,
  meta: { ip: string; userAgent?: string; previousToken?: string },
): Promise<NewSession & { returnTo: string; accountId: string }> {
  const state = callbackUrl.searchParams.get("state");
  if (!state || !cookieLoginId || state !== cookieLoginId) throw new SsoError("expired");
  const [pending] = await db
    .delete(ssoLogins)
    .where(and(eq(ssoLogins.id, state), sql`${ssoLogins.createdAt} > now() - make_interval(mins => ${LOGIN_MINUTES})`))
    .returning();
  if (!pending) throw new SsoError("expired");
  const [provider] = await db.select().from(identityProviders).where(eq(identityProviders.id, pending.providerId));
  if (!provider || !provider.isEnabled) throw new SsoError("no_provider");

  let claims: SsoClaims;
  try {
    claims = await finishAuthorization(await providerConfiguration(provider), callbackUrl, {
      state,
      nonce: pending.nonce,
      codeVerifier: pending.codeVerifier,
    });
  } catch {
    throw new SsoError("provider_error");
  }
  const { account } = await resolveAccount(db, provider, claims);
  if (!account.isActive) throw new SsoError("inactive");
  const session = await db.transaction(async (tx) => {
    const opened = await createSession(tx, account, {
      ...meta,
      replacing: meta.previousToken,
      providerId: provider.id,
      idToken: claims.idToken,
    });
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
  return { ...session, returnTo: pending.returnTo, accountId: account.id };
}
