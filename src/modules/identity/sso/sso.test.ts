import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { buildTestApp, type Client, type TestApp } from "../../../../test/app";
import { TEST_PASSWORD } from "../../../../test/constants";
import { startOidcProvider, type OidcFixture } from "../../../../test/oidc-fixture";
import { me as me_, providerPayload, setProvider, ssoSignIn as ssoSignIn_ } from "../../../../test/sso";

const BASE = "http://localhost:3000";
let t: TestApp;
let wunstorfIdp: OidcFixture;
let garbsenIdp: OidcFixture;
let wunstorfHr: Client;
let garbsenHr: Client;
let coordination: Client;
let wunstorfId: string;
let garbsenId: string;

const users = {
  "w-001": { email: "jana.neu@wunstorf.de", email_verified: true, name: "Jana Neu" },
  "w-002": { email: "mitarbeiterin@wunstorf.demo", email_verified: false, name: "Katrin Schulze" },
  "w-003": { email: "mitarbeiterin@wunstorf.demo", email_verified: true, name: "Katrin Schulze" },
  "g-001": { email: "bauamt@wunstorf.demo", email_verified: true, name: "Eindringling" },
  "g-002": { email: "piotr.nowak@garbsen.de", email_verified: true, name: "Piotr Nowak" },
};

const ssoSignIn = (organizationId: string, idp: OidcFixture, subject: string) => ssoSignIn_(t, BASE, organizationId, idp, subject);
const me = (cookie: string) => me_(t, cookie);

const countAccounts = async () => ((await t.database.db.execute(sql`SELECT count(*)::int AS n FROM accounts`)).rows[0] as { n: number }).n;

beforeAll(async () => {
  t = await buildTestApp({ config: { baseUrl: BASE } });
  const common = { users, redirectUri: `${BASE}/api/v1/sso/callback`, postLogoutRedirectUri: `${BASE}/anmelden?abgemeldet=1` };
  wunstorfIdp = await startOidcProvider(common);
  garbsenIdp = await startOidcProvider(common);
  wunstorfHr = await t.signIn("personal@wunstorf.demo");
  garbsenHr = await t.signIn("personal@garbsen.demo");
  wunstorfId = (await wunstorfHr.request({ method: "GET", url: "/api/v1/me" })).json().organization.id;
  garbsenId = (await garbsenHr.request({ method: "GET", url: "/api/v1/me" })).json().organization.id;
  coordination = await t.signIn("koordination@region-hannover.demo");
  await setProvider(wunstorfHr, coordination, wunstorfIdp);
  await setProvider(garbsenHr, coordination, garbsenIdp);
}, 60_000);
afterAll(async () => {
  await t?.close();
  await wunstorfIdp?.close();
  await garbsenIdp?.close();
});

describe("single sign-on per administration", () => {
  it("the HR office sees its settings without the secret, and the redirect URI to register", async () => {
    const res = await wunstorfHr.request({ method: "GET", url: "/api/v1/identity-provider" });
    expect(res.json()).toMatchObject({
      redirectUri: `${BASE}/api/v1/sso/callback`,
      settings: { issuer: wunstorfIdp.issuer, hasClientSecret: true },
    });
    expect(res.body).not.toContain(wunstorfIdp.clientSecret);
    const list = await t.anonymous().request({ method: "GET", url: "/api/v1/sso/organizations" });
    expect(list.json().items.map((i: { name: string }) => i.name)).toEqual(["Garbsen", "Wunstorf"]);
  });

  it("refuses settings under which nobody could sign in", async () => {
    const res = await wunstorfHr.request({
      method: "PUT",
      url: "/api/v1/identity-provider",
      payload: { issuer: "http://127.0.0.1:9/realms/keiner", clientId: "x", isEnabled: true, isPasswordLoginEnabled: true },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ field: "issuer", rule: "discovery" });
    const plain = await wunstorfHr.request({
      method: "PUT",
      url: "/api/v1/identity-provider",
      payload: { issuer: "http://login.wunstorf.de/", clientId: "x", isEnabled: true, isPasswordLoginEnabled: true },
    });
    expect(plain.json().errors[0]).toMatchObject({ field: "issuer", rule: "https" });
  });

  it("a first login creates an account with the employee role only, in the provider's administration", async () => {
    const before = await countAccounts();
    const result = await ssoSignIn(wunstorfId, wunstorfIdp, "w-001");
    expect(result.status).toBe(302);
    expect(result.location).toBe("/konten");
    const account = await me(result.cookie);
    expect(account).toMatchObject({
      login: "jana.neu@wunstorf.de",
      displayName: "Jana Neu",
      roles: ["employee"],
      organization: { name: "Wunstorf" },
    });
    expect(await countAccounts()).toBe(before + 1);
    const again = await ssoSignIn(wunstorfId, wunstorfIdp, "w-001");
    expect((await me(again.cookie)).id).toBe(account.id); // bound by issuer + subject
    expect(await countAccounts()).toBe(before + 1);
  });

  it("refuses to match an existing account by an unverified e-mail", async () => {
    const result = await ssoSignIn(wunstorfId, wunstorfIdp, "w-002");
    expect(result.location).toBe("/anmelden?sso=unverified_email");
    expect(result.cookie).toBe("");
    const { rows } = await t.database.db.execute(sql`SELECT count(*)::int AS n FROM account_identities WHERE subject = 'w-002'`);
    expect((rows[0] as { n: number }).n).toBe(0);
  });

  it("binds an existing employee account nobody has signed in to yet when the provider asserts email_verified", async () => {
    const result = await ssoSignIn(wunstorfId, wunstorfIdp, "w-003");
    const account = await me(result.cookie);
    expect(account).toMatchObject({ login: "mitarbeiterin@wunstorf.demo", roles: ["employee"] });
  });

  it("the holder removes the own link, unless it is the account's only way in", async () => {
    const jana = await ssoSignIn(wunstorfId, wunstorfIdp, "w-001");
    const status = await t.app.inject({ method: "GET", url: "/api/v1/session", headers: { cookie: jana.cookie } });
    const headers = { cookie: jana.cookie, "x-csrf-token": status.json().csrfToken };
    const mine = await t.app.inject({ method: "GET", url: "/api/v1/me/identity", headers });
    expect(mine.json()).toMatchObject({ identity: { subject: "w-001" }, abilities: { link: true, unlink: false } });
    const refused = await t.app.inject({ method: "DELETE", url: "/api/v1/me/identity", headers });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0]).toMatchObject({ field: "identity", rule: "last_sign_in" });
    const katrin = await t.signIn("mitarbeiterin@wunstorf.demo");
    expect((await katrin.request({ method: "GET", url: "/api/v1/me/identity" })).json().abilities.unlink).toBe(true);
    expect((await katrin.request({ method: "DELETE", url: "/api/v1/me/identity" })).statusCode).toBe(204);
    expect((await katrin.request({ method: "GET", url: "/api/v1/me/identity" })).json().identity).toBeNull();
    // Signed in since, the account is no longer matched by e-mail: its holder links it again.
    expect((await ssoSignIn(wunstorfId, wunstorfIdp, "w-003")).location).toBe("/anmelden?sso=link_required");
  });

  it("another administration's provider cannot sign in to Wunstorf's accounts", async () => {
    const foreign = await ssoSignIn(garbsenId, garbsenIdp, "g-001");
    expect(foreign.location).toBe("/anmelden?sso=login_taken");
    expect(foreign.cookie).toBe("");
    // Even with the same issuer and subject that Wunstorf trusts, Garbsen's configuration does not
    // reach Wunstorf's bound account: bindings are per administration.
    await setProvider(garbsenHr, coordination, wunstorfIdp);
    const shared = await ssoSignIn(garbsenId, wunstorfIdp, "w-001");
    expect(shared.location).toBe("/anmelden?sso=login_taken");
    await setProvider(garbsenHr, coordination, garbsenIdp);
    const own = await ssoSignIn(garbsenId, garbsenIdp, "g-002");
    expect(await me(own.cookie)).toMatchObject({ login: "piotr.nowak@garbsen.de", organization: { name: "Garbsen" } });
  });

  it("a callback without this browser's cookie, or replayed, is refused", async () => {
    wunstorfIdp.signInAs("w-001");
    const result = await ssoSignIn(wunstorfId, wunstorfIdp, "w-001");
    const replay = await t.app.inject({ method: "GET", url: result.callbackPath });
    expect(replay.headers.location).toBe("/anmelden?sso=expired");
  });

  it("password login can be switched off per administration; single sign-on goes on", async () => {
    const res = await wunstorfHr.request({
      method: "PUT",
      url: "/api/v1/identity-provider",
      payload: { issuer: wunstorfIdp.issuer, clientId: wunstorfIdp.clientId, isEnabled: true, isPasswordLoginEnabled: false },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().settings.hasClientSecret).toBe(true); // omitted secret is kept
    const refused = await t.app.inject({
      method: "POST",
      url: "/api/v1/session",
      payload: { login: "bauamt@wunstorf.demo", password: TEST_PASSWORD },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().messages.de).toContain("über ihr eigenes Konto");
    const wrong = await t.app.inject({
      method: "POST",
      url: "/api/v1/session",
      payload: { login: "bauamt@wunstorf.demo", password: "falsches-passwort" },
    });
    expect(wrong.statusCode).toBe(401); // a wrong password learns nothing more
    expect(
      (await t.app.inject({ method: "POST", url: "/api/v1/session", payload: { login: "personal@garbsen.demo", password: TEST_PASSWORD } }))
        .statusCode,
    ).toBe(200);
    const sso = await ssoSignIn(wunstorfId, wunstorfIdp, "w-001");
    expect((await me(sso.cookie)).login).toBe("jana.neu@wunstorf.de");
  });

  it("logout ends the Verbund session and points to the provider's logout (RP-initiated)", async () => {
    const sso = await ssoSignIn(wunstorfId, wunstorfIdp, "w-001");
    const status = await t.app.inject({ method: "GET", url: "/api/v1/session", headers: { cookie: sso.cookie } });
    const out = await t.app.inject({
      method: "DELETE",
      url: "/api/v1/session",
      headers: { cookie: sso.cookie, "x-csrf-token": status.json().csrfToken },
    });
    expect(out.statusCode).toBe(200);
    const logoutUrl = new URL(out.json().logoutUrl);
    expect(logoutUrl.origin).toBe(wunstorfIdp.issuer);
    expect(logoutUrl.searchParams.get("post_logout_redirect_uri")).toBe(`${BASE}/anmelden?abgemeldet=1`);
    expect(logoutUrl.searchParams.get("id_token_hint")).toBeTruthy();
    expect((await t.app.inject({ method: "GET", url: "/api/v1/me", headers: { cookie: sso.cookie } })).statusCode).toBe(401);
    const atProvider = await fetch(logoutUrl, { redirect: "manual" });
    expect(atProvider.status).toBeLessThan(500);
  });

  it("switching off takes effect at once; switching on again, or another client, waits for the coordination", async () => {
    const off = await garbsenHr.request({
      method: "PUT",
      url: "/api/v1/identity-provider",
      payload: providerPayload(garbsenIdp, { isEnabled: false }),
    });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json().settings.isEnabled).toBe(false);
    expect((await t.app.inject({ method: "GET", url: `/api/v1/sso/${garbsenId}/start` })).statusCode).toBe(404);
    const on = await garbsenHr.request({ method: "PUT", url: "/api/v1/identity-provider", payload: providerPayload(garbsenIdp) });
    expect(on.statusCode).toBe(202);
    expect(on.json()).toMatchObject({ settings: { isEnabled: false }, change: { status: "pending", isEnabled: true } });
    // The coordination is told by e-mail, and sees it in its list with the count.
    const { rows } = await t.database.db.execute(
      sql`SELECT subject FROM outbox_messages WHERE to_address = 'koordination@region-hannover.demo' ORDER BY created_at DESC LIMIT 1`,
    );
    expect((rows[0] as { subject: string }).subject).toBe("Anmeldung über das Konto der Verwaltung: Garbsen bittet um Bestätigung");
    expect((await coordination.request({ method: "GET", url: "/api/v1/identity-provider-changes" })).json().pending).toBe(1);
    // The HR office withdraws it; nothing is pending, the provider stays off.
    expect((await garbsenHr.request({ method: "DELETE", url: "/api/v1/identity-provider/change" })).statusCode).toBe(204);
    const state = (await garbsenHr.request({ method: "GET", url: "/api/v1/identity-provider" })).json();
    expect(state).toMatchObject({ settings: { isEnabled: false }, change: { status: "withdrawn" } });
    expect((await coordination.request({ method: "GET", url: "/api/v1/identity-provider-changes" })).json().pending).toBe(0);
    // A new secret alone takes effect at once.
    await setProvider(garbsenHr, coordination, garbsenIdp);
    const secret = await garbsenHr.request({
      method: "PUT",
      url: "/api/v1/identity-provider",
      payload: providerPayload(garbsenIdp, { clientSecret: garbsenIdp.clientSecret }),
    });
    expect(secret.statusCode).toBe(200);
    const other = await garbsenHr.request({
      method: "PUT",
      url: "/api/v1/identity-provider",
      payload: providerPayload(garbsenIdp, { clientId: "ein-anderer-client" }),
    });
    expect(other.statusCode).toBe(202);
    await garbsenHr.request({ method: "DELETE", url: "/api/v1/identity-provider/change" });
  });

  it("the Region's HR office does not read Garbsen's provider settings in its log, though the coordination (a Region account) applied them", async () => {
    const regionHr = await t.signIn("personal@region-hannover.demo");
    const res = await regionHr.request({ method: "GET", url: "/api/v1/audit-events?objectType=identity_provider&limit=100" });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items).toEqual([]);
    expect(res.body).not.toContain(garbsenIdp.issuer);
    const csv = await regionHr.request({ method: "GET", url: "/api/v1/audit-events.csv?objectType=identity_provider" });
    expect(csv.body).not.toContain(garbsenIdp.issuer);
    expect(csv.body).not.toContain(wunstorfIdp.issuer);
    // Garbsen's HR office, whose settings they are, reads the entry the coordination's confirmation wrote.
    const own = (await garbsenHr.request({ method: "GET", url: "/api/v1/audit-events?objectType=identity_provider&limit=100" })).json();
    expect(JSON.stringify(own.items)).toContain(garbsenIdp.issuer);
  });

  it("only the region's coordination lists and decides provider changes", async () => {
    expect((await garbsenHr.request({ method: "GET", url: "/api/v1/identity-provider-changes" })).statusCode).toBe(403);
    const employee = await t.signIn("mitarbeiter@garbsen.demo");
    expect((await employee.request({ method: "GET", url: "/api/v1/identity-provider-changes" })).statusCode).toBe(403);
    expect((await t.anonymous().request({ method: "GET", url: "/api/v1/identity-provider-changes" })).statusCode).toBe(401);
  });

  it("other roles cannot read or change the settings", async () => {
    const employee = await t.signIn("mitarbeiter@garbsen.demo");
    expect((await employee.request({ method: "GET", url: "/api/v1/identity-provider" })).statusCode).toBe(403);
    const put = await employee.request({
      method: "PUT",
      url: "/api/v1/identity-provider",
      payload: { issuer: "https://evil.example", clientId: "x", isEnabled: true, isPasswordLoginEnabled: true },
    });
    expect(put.statusCode).toBe(403);
  });
});
