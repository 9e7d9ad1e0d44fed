import { expect } from "vitest";
import type { LightMyRequestResponse } from "fastify";
import type { Client, TestApp } from "./app";
import { CookieJar, type OidcFixture } from "./oidc-fixture";

/** What Verbund answered at the end of a single sign-on or link flow. */
export interface SsoResult {
  status: number;
  /** Where Verbund sent the browser (`/konten`, `/anmelden?sso=…`, `/profil?sso=…`). */
  location: string;
  /** The new session cookie (`verbund_session=…`), empty when none was set. */
  cookie: string;
  callbackPath: string;
}

/** Follows the provider's redirects as a browser would, until it sends the browser back to Verbund. */
async function throughProvider(idp: OidcFixture, start: string, base: string): Promise<URL> {
  let location = start;
  expect(location.startsWith(idp.issuer), `the flow goes to ${location}, not to ${idp.issuer}`).toBe(true);
  const jar = new CookieJar();
  for (let hops = 0; hops < 10 && location.startsWith(idp.issuer); hops++) {
    const res = await fetch(location, { redirect: "manual", headers: { cookie: jar.header() } });
    jar.store(res.headers);
    location = new URL(res.headers.get("location")!, location).toString();
  }
  expect(location.startsWith(`${base}/api/v1/sso/callback`)).toBe(true);
  return new URL(location);
}

function result(done: LightMyRequestResponse, callback: URL): SsoResult {
  const session = done.cookies.find((c) => c.name === "verbund_session");
  return {
    status: done.statusCode,
    location: String(done.headers.location),
    cookie: session ? `verbund_session=${session.value}` : "",
    callbackPath: callback.pathname + callback.search,
  };
}

/** Signs in at an administration's provider as `subject`, the whole authorization code flow. */
export async function ssoSignIn(t: TestApp, base: string, organizationId: string, idp: OidcFixture, subject: string): Promise<SsoResult> {
  idp.signInAs(subject);
  const start = await t.app.inject({ method: "GET", url: `/api/v1/sso/${organizationId}/start?returnTo=/konten` });
  expect(start.statusCode, start.body).toBe(302);
  const ssoCookie = start.cookies.find((c) => c.name === "verbund_sso")!;
  const url = new URL(String(start.headers.location));
  expect(url.searchParams.get("code_challenge_method")).toBe("S256");
  expect(url.searchParams.get("nonce")).toBeTruthy();
  const callback = await throughProvider(idp, url.toString(), base);
  const done = await t.app.inject({
    method: "GET",
    url: callback.pathname + callback.search,
    headers: { cookie: `verbund_sso=${ssoCookie.value}` },
  });
  return result(done, callback);
}

/**
 * The holder's own link from the profile: the signed-in client starts it, signs in at the provider
 * as `subject`, and the browser comes back with `callbackCookie` (by default the same session).
 */
export async function linkOwnAccount(
  t: TestApp,
  base: string,
  client: Client,
  idp: OidcFixture,
  subject: string,
  options: { callbackSession?: string } = {},
): Promise<SsoResult> {
  idp.signInAs(subject);
  const start = await client.request({ method: "POST", url: "/api/v1/me/identity/link" });
  expect(start.statusCode, start.body).toBe(200);
  const ssoCookie = start.cookies.find((c) => c.name === "verbund_sso")!;
  const callback = await throughProvider(idp, start.json().url, base);
  const session = options.callbackSession ?? client.cookie;
  const done = await t.app.inject({
    method: "GET",
    url: callback.pathname + callback.search,
    headers: { cookie: [`verbund_sso=${ssoCookie.value}`, session].filter(Boolean).join("; ") },
  });
  return result(done, callback);
}

/** Provider settings as the HR office enters them. */
export const providerPayload = (idp: OidcFixture, extra: Record<string, unknown> = {}) => ({
  issuer: idp.issuer,
  clientId: idp.clientId,
  clientSecret: idp.clientSecret,
  scopes: "openid email profile",
  isEnabled: true,
  isPasswordLoginEnabled: true,
  ...extra,
});

/** The HR office requests a provider (202) and the region's coordination confirms it. */
export async function setProvider(hr: Client, coordination: Client, idp: OidcFixture, extra: Record<string, unknown> = {}) {
  const put = await hr.request({ method: "PUT", url: "/api/v1/identity-provider", payload: providerPayload(idp, extra) });
  expect(put.statusCode, put.body).toBe(202);
  const changeId = put.json().change.id as string;
  const confirmed = await coordination.request({ method: "POST", url: `/api/v1/identity-provider-changes/${changeId}/confirm` });
  expect(confirmed.statusCode, confirmed.body).toBe(200);
  return confirmed.json();
}

/** The account behind a session cookie. */
export async function me(t: TestApp, cookie: string) {
  return (await t.app.inject({ method: "GET", url: "/api/v1/me", headers: { cookie } })).json();
}
