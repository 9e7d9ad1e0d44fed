/**
 * Issue #13, part 2: an HR office must not be able to sign in as anyone of its administration by
 * pointing the administration's provider at one it controls. Two real OpenID providers: the
 * Region's own (`regionIdp`) and one run by the Region's HR office (`evilIdp`), which asserts
 * other people's e-mail addresses as verified.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { buildTestApp, type Client, type TestApp } from "../../../../test/app";
import { startOidcProvider, type OidcFixture } from "../../../../test/oidc-fixture";
import { linkOwnAccount, me, providerPayload, setProvider, ssoSignIn } from "../../../../test/sso";
import { createAdministrator } from "../../../cli/create-admin";
import { syncIdentityProvidersFromEnv } from "./identity-provider";

const BASE = "http://localhost:3000";
let t: TestApp;
let regionIdp: OidcFixture;
let evilIdp: OidcFixture;
let garbsenIdp: OidcFixture;
let regionHr: Client;
let coordination: Client;
let regionId: string;

const evilUsers = {
  "evil-koordination": { email: "koordination@region-hannover.demo", email_verified: true, name: "Eindringling" },
  "evil-leitung": { email: "leitung@region-hannover.test", email_verified: true, name: "Eindringling" },
  "evil-gesundheitsamt": { email: "gesundheitsamt@region-hannover.demo", email_verified: true, name: "Eindringling" },
  "evil-personal": { email: "personal@region-hannover.demo", email_verified: true, name: "Eindringling" },
  "evil-benutzt": { email: "benutzt@region-hannover.test", email_verified: true, name: "Eindringling" },
  "evil-neu": { email: "neu@region-hannover.test", email_verified: true, name: "Neu Angelegt" },
  "evil-personalrat": { email: "personalrat@wunstorf.demo", email_verified: true, name: "Eindringling" },
};
const regionUsers = {
  "r-koordination": { email: "k.koordination@region-hannover.de", email_verified: true, name: "Koordination" },
  "r-other": { email: "jemand@region-hannover.de", email_verified: true, name: "Jemand" },
};
const garbsenUsers = { "g-piotr": { email: "p.nowak@garbsen.de", email_verified: true, name: "Piotr Nowak" } };

async function accountId(login: string) {
  const { rows } = await t.database.db.execute(sql`SELECT id FROM accounts WHERE login = ${login}`);
  return (rows[0] as { id: string }).id;
}
async function identitiesOf(login: string) {
  const { rows } = await t.database.db.execute(
    sql`SELECT i.issuer, i.subject FROM account_identities i JOIN accounts a ON a.id = i.account_id WHERE a.login = ${login}`,
  );
  return rows as Array<{ issuer: string; subject: string }>;
}
const count = async (query: ReturnType<typeof sql>) => ((await t.database.db.execute(query)).rows[0] as { n: number }).n;

beforeAll(async () => {
  t = await buildTestApp({ config: { baseUrl: BASE } });
  const common = { redirectUri: `${BASE}/api/v1/sso/callback`, postLogoutRedirectUri: `${BASE}/anmelden?abgemeldet=1` };
  regionIdp = await startOidcProvider({ ...common, users: regionUsers });
  evilIdp = await startOidcProvider({ ...common, users: evilUsers });
  garbsenIdp = await startOidcProvider({ ...common, users: garbsenUsers });
  regionHr = await t.signIn("personal@region-hannover.demo");
  coordination = await t.signIn("koordination@region-hannover.demo");
  regionId = (await regionHr.request({ method: "GET", url: "/api/v1/me" })).json().organization.id;
  // A second coordinator who has never signed in, and an employee who has.
  await createAdministrator(t.database.db, {
    ags: "03241",
    login: "leitung@region-hannover.test",
    password: "leitung-test-2026",
    roles: ["org_admin", "region_admin"],
  });
  for (const login of ["benutzt@region-hannover.test", "neu@region-hannover.test"]) {
    const created = await regionHr.request({
      method: "POST",
      url: "/api/v1/accounts",
      payload: { login, displayName: login, roles: ["employee"], initialPassword: "region-test-2026" },
    });
    expect(created.statusCode, created.body).toBe(201);
  }
  await t.signIn("benutzt@region-hannover.test", "region-test-2026");
}, 60_000);
afterAll(async () => {
  await t?.close();
  await regionIdp?.close();
  await evilIdp?.close();
  await garbsenIdp?.close();
});

describe("no account takeover through single sign-on", () => {
  it("a provider the HR office sets up has no effect until the coordination confirms it", async () => {
    const put = await regionHr.request({ method: "PUT", url: "/api/v1/identity-provider", payload: providerPayload(evilIdp) });
    expect(put.statusCode, put.body).toBe(202);
    expect(put.json()).toMatchObject({ settings: null, change: { status: "pending", issuer: evilIdp.issuer } });
    // Nothing signs in through it: not listed, no start, no row in force.
    const listed = (await t.anonymous().request({ method: "GET", url: "/api/v1/sso/organizations" })).json().items;
    expect(listed.map((o: { name: string }) => o.name)).not.toContain("Region Hannover");
    expect((await t.app.inject({ method: "GET", url: `/api/v1/sso/${regionId}/start` })).statusCode).toBe(404);
    expect(await count(sql`SELECT count(*)::int AS n FROM identity_providers WHERE organization_id = ${regionId}`)).toBe(0);
    // The HR office cannot confirm it, and the change's requester is never its confirmer.
    const changeId = put.json().change.id;
    expect((await regionHr.request({ method: "POST", url: `/api/v1/identity-provider-changes/${changeId}/confirm` })).statusCode).toBe(404);
    const leitung = await t.signIn("leitung@region-hannover.test", "leitung-test-2026");
    const own = await leitung.request({ method: "PUT", url: "/api/v1/identity-provider", payload: providerPayload(evilIdp) });
    expect(own.statusCode).toBe(202);
    const ownConfirm = await leitung.request({ method: "POST", url: `/api/v1/identity-provider-changes/${own.json().change.id}/confirm` });
    expect(ownConfirm.statusCode).toBe(403);
    expect(ownConfirm.json().messages.de).toContain("Vier-Augen-Prinzip");
    // Still nothing in force; the coordination rejects it with a reason.
    expect(await count(sql`SELECT count(*)::int AS n FROM identity_providers WHERE organization_id = ${regionId}`)).toBe(0);
    const rejected = await coordination.request({
      method: "POST",
      url: `/api/v1/identity-provider-changes/${own.json().change.id}/reject`,
      payload: { reason: "Der Anmeldedienst gehört nicht der Regionsverwaltung." },
    });
    expect(rejected.json()).toMatchObject({ status: "rejected", decidedBy: "Koordinierungsstelle Region" });
    // The first request was superseded by the second, so nothing is pending any more.
    const state = (await regionHr.request({ method: "GET", url: "/api/v1/identity-provider" })).json();
    expect(state).toMatchObject({
      settings: null,
      change: { status: "rejected", reason: "Der Anmeldedienst gehört nicht der Regionsverwaltung." },
    });
  });

  it("the holder links the own account from the profile; the link needs the session that started it", async () => {
    await setProvider(regionHr, coordination, regionIdp);
    // Not from another session (e.g. the HR office's browser), not without one.
    const foreign = await linkOwnAccount(t, BASE, coordination, regionIdp, "r-koordination", { callbackSession: regionHr.cookie });
    expect(foreign.location).toBe("/profil?sso=link_session");
    const none = await linkOwnAccount(t, BASE, coordination, regionIdp, "r-koordination", { callbackSession: "" });
    expect(none.location).toBe("/profil?sso=link_session");
    expect(await identitiesOf("koordination@region-hannover.demo")).toEqual([]);

    const linked = await linkOwnAccount(t, BASE, coordination, regionIdp, "r-koordination");
    expect(linked.location).toBe("/profil?sso=linked");
    expect(linked.cookie).toBe(""); // the session stays the same
    expect(await identitiesOf("koordination@region-hannover.demo")).toEqual([{ issuer: regionIdp.issuer, subject: "r-koordination" }]);
    const mine = (await coordination.request({ method: "GET", url: "/api/v1/me/identity" })).json();
    expect(mine).toMatchObject({ identity: { issuer: regionIdp.issuer, subject: "r-koordination" }, abilities: { unlink: true } });
    const signedIn = await ssoSignIn(t, BASE, regionId, regionIdp, "r-koordination");
    expect((await me(t, signedIn.cookie)).login).toBe("koordination@region-hannover.demo");
    // Another person's subject cannot be linked to a second account.
    const hrLink = await linkOwnAccount(t, BASE, regionHr, regionIdp, "r-koordination");
    expect(hrLink.location).toBe("/profil?sso=identity_taken");
    const log = (await regionHr.request({ method: "GET", url: "/api/v1/audit-events" })).json().items;
    expect(log.find((e: { entityId: string; after: { linkedBy?: string } }) => e.after?.linkedBy === "holder")).toMatchObject({
      entityId: await accountId("koordination@region-hannover.demo"),
      actorLogin: "koordination@region-hannover.demo",
    });
  });

  it("a confirmed change of issuer drops the administration's bindings and the sessions opened through the old provider", async () => {
    const viaOld = await ssoSignIn(t, BASE, regionId, regionIdp, "r-koordination");
    const put = await regionHr.request({ method: "PUT", url: "/api/v1/identity-provider", payload: providerPayload(evilIdp) });
    expect(put.statusCode).toBe(202);
    const pending = (await coordination.request({ method: "GET", url: "/api/v1/identity-provider-changes" })).json();
    expect(pending.pending).toBe(1);
    expect(pending.items[0]).toMatchObject({
      organization: { name: "Region Hannover" },
      issuer: evilIdp.issuer,
      current: { issuer: regionIdp.issuer },
      bindingsDropped: 1,
      abilities: { confirm: true, reject: true },
    });
    // Until confirmed, the Region still signs in through its own provider.
    const start = await t.app.inject({ method: "GET", url: `/api/v1/sso/${regionId}/start` });
    expect(String(start.headers.location).startsWith(regionIdp.issuer)).toBe(true);
    const confirmed = await coordination.request({
      method: "POST",
      url: `/api/v1/identity-provider-changes/${put.json().change.id}/confirm`,
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(await count(sql`SELECT count(*)::int AS n FROM account_identities WHERE organization_id = ${regionId}`)).toBe(0);
    // A secret is kept only while a change is pending.
    expect(await count(sql`SELECT count(*)::int AS n FROM identity_provider_changes WHERE client_secret IS NOT NULL`)).toBe(0);
    expect((await t.app.inject({ method: "GET", url: "/api/v1/me", headers: { cookie: viaOld.cookie } })).statusCode).toBe(401);
    // The HR office is told, in the transaction of the decision.
    const { rows } = await t.database.db.execute(
      sql`SELECT subject, text_body FROM outbox_messages WHERE to_address = 'personal@region-hannover.demo' ORDER BY created_at DESC LIMIT 1`,
    );
    expect(rows[0]).toMatchObject({ subject: expect.stringContaining("bestätigt") });
    expect((rows[0] as { text_body: string }).text_body).toContain("1 Verknüpfungen");
  });

  it("even confirmed, the HR office's provider binds no account by e-mail beyond an unused employee account", async () => {
    const refused = {
      "evil-koordination": "koordination@region-hannover.demo", // region_admin, has signed in
      "evil-leitung": "leitung@region-hannover.test", // region_admin who never signed in
      "evil-gesundheitsamt": "gesundheitsamt@region-hannover.demo", // department_head who never signed in
      "evil-personal": "personal@region-hannover.demo", // org_admin
      "evil-benutzt": "benutzt@region-hannover.test", // employee who has signed in before
    };
    for (const [subject, login] of Object.entries(refused)) {
      const attempt = await ssoSignIn(t, BASE, regionId, evilIdp, subject);
      expect(attempt.location, subject).toBe("/anmelden?sso=link_required");
      expect(attempt.cookie, subject).toBe("");
      expect(await identitiesOf(login), subject).toEqual([]);
    }
    // What is left of matching by e-mail: an employee account nobody has used yet (the HR office
    // creates those and hands out their first password anyway).
    const fresh = await ssoSignIn(t, BASE, regionId, evilIdp, "evil-neu");
    expect(await me(t, fresh.cookie)).toMatchObject({ login: "neu@region-hannover.test", roles: ["employee"] });
  });

  it("the HR office cannot link the coordination's or the staff council's account either", async () => {
    const koordination = await accountId("koordination@region-hannover.demo");
    const res = await regionHr.request({
      method: "PUT",
      url: `/api/v1/accounts/${koordination}/identity`,
      payload: { subject: "evil-koordination" },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().errors[0]).toMatchObject({ field: "subject", rule: "holder_only" });
    const listed = (await regionHr.request({ method: "GET", url: `/api/v1/accounts/${koordination}` })).json();
    expect(listed.abilities.linkIdentity).toBe(false);

    // Wunstorf's HR office, with the same provider confirmed for Wunstorf: its staff council neither.
    const wunstorfHr = await t.signIn("personal@wunstorf.demo");
    await setProvider(wunstorfHr, coordination, evilIdp);
    const wunstorfId = (await wunstorfHr.request({ method: "GET", url: "/api/v1/me" })).json().organization.id;
    const council = await ssoSignIn(t, BASE, wunstorfId, evilIdp, "evil-personalrat");
    expect(council.location).toBe("/anmelden?sso=link_required");
    const councilId = await accountId("personalrat@wunstorf.demo");
    const link = await wunstorfHr.request({
      method: "PUT",
      url: `/api/v1/accounts/${councilId}/identity`,
      payload: { subject: "evil-personalrat" },
    });
    expect(link.statusCode).toBe(403);
    expect(await identitiesOf("personalrat@wunstorf.demo")).toEqual([]);
  });

  it("the HR office links one ordinary account explicitly: audited, and the holder is told by e-mail", async () => {
    const wunstorfHr = await t.signIn("personal@wunstorf.demo");
    const katrin = await accountId("mitarbeiterin@wunstorf.demo");
    const res = await wunstorfHr.request({ method: "PUT", url: `/api/v1/accounts/${katrin}/identity`, payload: { subject: "evil-neu" } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().identity).toMatchObject({ issuer: evilIdp.issuer, subject: "evil-neu" });
    const { rows } = await t.database.db.execute(
      sql`SELECT text_body FROM outbox_messages WHERE to_address = 'mitarbeiterin@wunstorf.demo' ORDER BY created_at DESC LIMIT 1`,
    );
    expect((rows[0] as { text_body: string }).text_body).toContain("Kennung evil-neu");
    const log = (await wunstorfHr.request({ method: "GET", url: "/api/v1/audit-events" })).json().items;
    expect(log.find((e: { after: { linkedBy?: string } }) => e.after?.linkedBy === "org_admin")).toMatchObject({ entityId: katrin });
    // Not the own account, not another administration's.
    const own = (await wunstorfHr.request({ method: "GET", url: "/api/v1/me" })).json().id;
    expect(
      (await wunstorfHr.request({ method: "PUT", url: `/api/v1/accounts/${own}/identity`, payload: { subject: "x" } })).statusCode,
    ).toBe(403);
    const garbsen = await accountId("mitarbeiter@garbsen.demo");
    expect(
      (await wunstorfHr.request({ method: "PUT", url: `/api/v1/accounts/${garbsen}/identity`, payload: { subject: "x" } })).statusCode,
    ).toBe(404);
    const unlinked = await wunstorfHr.request({ method: "DELETE", url: `/api/v1/accounts/${katrin}/identity` });
    expect(unlinked.json().identity).toBeNull();
  });

  it("an issuer changed by the operator's environment drops bindings too, but an unchanged one keeps them", async () => {
    await syncIdentityProvidersFromEnv(t.database.db, {
      VERBUND_OIDC_03241005_ISSUER: garbsenIdp.issuer,
      VERBUND_OIDC_03241005_CLIENT_ID: garbsenIdp.clientId,
      VERBUND_OIDC_03241005_CLIENT_SECRET: garbsenIdp.clientSecret,
    });
    const garbsenId = (await (await t.signIn("personal@garbsen.demo")).request({ method: "GET", url: "/api/v1/me" })).json().organization
      .id;
    const first = await ssoSignIn(t, BASE, garbsenId, garbsenIdp, "g-piotr");
    expect((await me(t, first.cookie)).login).toBe("p.nowak@garbsen.de");
    const garbsenBindings = sql`SELECT count(*)::int AS n FROM account_identities WHERE organization_id = ${garbsenId}`;
    expect(await count(garbsenBindings)).toBe(1);
    // The next start with the same environment changes nothing.
    await syncIdentityProvidersFromEnv(t.database.db, {
      VERBUND_OIDC_03241005_ISSUER: garbsenIdp.issuer,
      VERBUND_OIDC_03241005_CLIENT_ID: garbsenIdp.clientId,
      VERBUND_OIDC_03241005_CLIENT_SECRET: garbsenIdp.clientSecret,
    });
    expect(await count(garbsenBindings)).toBe(1);
    // Another issuer: every binding of Garbsen is gone, and the session opened through it ends.
    await syncIdentityProvidersFromEnv(t.database.db, {
      VERBUND_OIDC_03241005_ISSUER: regionIdp.issuer,
      VERBUND_OIDC_03241005_CLIENT_ID: regionIdp.clientId,
    });
    expect(await count(garbsenBindings)).toBe(0);
    expect((await t.app.inject({ method: "GET", url: "/api/v1/me", headers: { cookie: first.cookie } })).statusCode).toBe(401);
  });
});
