import * as client from "openid-client";

/** What Verbund needs of a provider row to talk to it. */
export interface ProviderSettings {
  id: string;
  issuer: string;
  clientId: string;
  clientSecret: string | null;
  updatedAt: Date;
}

const cache = new Map<string, { key: string; config: client.Configuration; at: number }>();
const CACHE_MS = 10 * 60 * 1000;

/** Plain HTTP is accepted only for a provider on this machine (tests, local development). */
export function isLocalHttp(url: URL): boolean {
  return url.protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
}

/**
 * The provider's configuration from its discovery document, cached for ten minutes and
 * renewed as soon as the administration changes its settings.
 */
export async function providerConfiguration(provider: ProviderSettings): Promise<client.Configuration> {
  const key = `${provider.issuer}|${provider.clientId}|${provider.updatedAt.getTime()}`;
  const hit = cache.get(provider.id);
  if (hit && hit.key === key && Date.now() - hit.at < CACHE_MS) return hit.config;
  const issuer = new URL(provider.issuer);
  const config = await client.discovery(
    issuer,
    provider.clientId,
    provider.clientSecret ?? undefined,
    provider.clientSecret ? client.ClientSecretBasic(provider.clientSecret) : client.None(),
    { execute: isLocalHttp(issuer) ? [client.allowInsecureRequests] : [], timeout: 10 },
  );
  cache.set(provider.id, { key, config, at: Date.now() });
  return config;
}

/** Everything the authorization request needs, kept server-side until the callback. */
export interface AuthorizationStart {
  url: URL;
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** Builds the authorization URL (authorization code flow with PKCE S256, state and nonce). */
export async function startAuthorization(config: client.Configuration, redirectUri: string, scopes: string): Promise<AuthorizationStart> {
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: scopes,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    state,
    nonce,
  });
  return { url, state, nonce, codeVerifier };
}

/** Claims Verbund uses from the ID token. */
export interface SsoClaims {
  issuer: string;
  subject: string;
  email?: string;
  emailVerified: boolean;
  name?: string;
  idToken?: string;
}

/** Exchanges the code for tokens, checking state, nonce and PKCE; returns the ID token's claims. */
export async function finishAuthorization(
  config: client.Configuration,
  callbackUrl: URL,
  checks: { state: string; nonce: string; codeVerifier: string },
): Promise<SsoClaims> {
  const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
    pkceCodeVerifier: checks.codeVerifier,
    expectedState: checks.state,
    expectedNonce: checks.nonce,
    idTokenExpected: true,
  });
  const idToken = tokens.claims();
  if (!idToken) throw new Error("no ID token");
  // Many providers put e-mail and name only into the userinfo answer (OIDC Core 5.4).
  let claims: Record<string, unknown> = idToken;
  if (idToken.email === undefined && config.serverMetadata().userinfo_endpoint) {
    claims = { ...(await client.fetchUserInfo(config, tokens.access_token, idToken.sub)), ...idToken };
  }
  return {
    issuer: idToken.iss,
    subject: idToken.sub,
    email: typeof claims.email === "string" ? claims.email.toLowerCase() : undefined,
    emailVerified: claims.email_verified === true,
    name: typeof claims.name === "string" ? claims.name : undefined,
    idToken: tokens.id_token,
  };
}

/** The provider's logout URL (RP-initiated logout), when it offers one. */
export function endSessionUrl(config: client.Configuration, idToken: string | null, postLogoutRedirectUri: string): string | null {
  if (!config.serverMetadata().end_session_endpoint) return null;
  const params: Record<string, string> = { post_logout_redirect_uri: postLogoutRedirectUri };
  if (idToken) params.id_token_hint = idToken;
  return client.buildEndSessionUrl(config, params).toString();
}
