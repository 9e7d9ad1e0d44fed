/**
 * The audit page says what it logs (web/src/features/audit/i18n.de.ts › intro); this test makes each
 * claim true: sign-ins with a password and through the administration's provider, failed attempts
 * on an account of the administration with their reason (wrong password, deactivated account,
 * locked after too many failures, password sign-in switched off, a failed single sign-on),
 * sign-outs. Changes and reads are covered by audit-log.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type Client, type TestApp } from "../../../test/app";
import { TEST_PASSWORD } from "../../../test/constants";
import { startOidcProvider, type OidcFixture } from "../../../test/oidc-fixture";
import { providerPayload, setProvider, ssoSignIn } from "../../../test/sso";
import { de } from "../../../web/src/features/audit/i18n.de";
import { MAX_FAILURES_PER_LOGIN } from "../identity/login";

const BASE = "http://localhost:3000";
let t: TestApp;
let idp: OidcFixture;
let hr: Client;
let coordination: Client;
let wunstorfId: string;

interface Entry {
  action: string;
  entityId: string | null;
  actor: { label: { de: string } };
  sentence: { de: string };
  object: { title: string | null };
}

const signIns = async (): Promise<Entry[]> =>
  (await hr.request({ method: "GET", url: "/api/v1/audit-events?objectType=account&limit=200" }))
    .json()
    .items.filter((e: Entry) => ["login", "login_failed", "logout"].includes(e.action));

const passwordLogin = (login: string, password: string) =>
  t.anonymous().request({ method: "POST", url: "/api/v1/session", payload: { login, password } });

beforeAll(async () => {
  t = await buildTestApp({ config: { baseUrl: BASE } });
  idp = await startOidcProvider({
    redirectUri: `${BASE}/api/v1/sso/callback`,
    postLogoutRedirectUri: `${BASE}/anmelden?abgemeldet=1`,
    users: {
      "w-neu": { email: "neu@wunstorf.de", email_verified: true, name: "Nele Neumann" },
      "w-katrin": { email: "mitarbeiterin@wunstorf.demo", email_verified: true, name: "Katrin Schulze" },
    },
  });
  hr = await t.signIn("personal@wunstorf.demo");
  coordination = await t.signIn("koordination@region-hannover.demo");
  wunstorfId = (await hr.request({ method: "GET", url: "/api/v1/me" })).json().organization.id;
}, 60_000);
afterAll(async () => {
  await t?.close();
  await idp?.close();
});

describe("sign-ins are logged as the audit page says", () => {
  it("the page says what is logged", () => {
    expect(de.audit.intro).toContain("jede Anmeldung – mit Passwort oder über den Anmeldedienst Ihrer Verwaltung –");
    expect(de.audit.intro).toContain("jeder fehlgeschlagene Anmeldeversuch bei einem Konto Ihrer Verwaltung mit seinem Grund");
    expect(de.audit.intro).toContain("jede Abmeldung");
  });

  it("a sign-in with a password, and a sign-out", async () => {
    const katrin = await t.signIn("mitarbeiterin@wunstorf.demo");
    await katrin.request({ method: "DELETE", url: "/api/v1/session" });
    const [logout, login] = await signIns();
    expect(login).toMatchObject({ sentence: { de: "hat sich angemeldet" }, actor: { label: { de: "Katrin Schulze" } } });
    expect(logout).toMatchObject({ sentence: { de: "hat sich abgemeldet" }, actor: { label: { de: "Katrin Schulze" } } });
  });

  it("a wrong password, and a deactivated account, with their reasons", async () => {
    expect((await passwordLogin("mitarbeiterin@wunstorf.demo", "falsch-falsch-falsch")).statusCode).toBe(401);
    let [failed] = await signIns();
    expect(failed).toMatchObject({
      action: "login_failed",
      sentence: { de: "Anmeldung fehlgeschlagen: falsches Passwort" },
      actor: { label: { de: "unbekannt" } },
      object: { title: "Katrin Schulze" },
    });
    const created = await hr.request({
      method: "POST",
      url: "/api/v1/accounts",
      payload: {
        login: "gesperrt@wunstorf.demo",
        displayName: "Gero Gesperrt",
        roles: ["employee"],
        initialPassword: "gesperrt-test-2026",
      },
    });
    await hr.request({ method: "PATCH", url: `/api/v1/accounts/${created.json().id}`, payload: { isActive: false } });
    expect((await passwordLogin("gesperrt@wunstorf.demo", "gesperrt-test-2026")).statusCode).toBe(401);
    [failed] = await signIns();
    expect(failed).toMatchObject({
      sentence: { de: "Anmeldung fehlgeschlagen: das Konto ist gesperrt" },
      object: { title: "Gero Gesperrt" },
    });
  });

  it("attempts on a locked login are logged too, though no password is checked", async () => {
    const login = "bauamt@wunstorf.demo";
    for (let i = 0; i < MAX_FAILURES_PER_LOGIN; i++) await passwordLogin(login, `falsch-${i}`);
    expect((await passwordLogin(login, "noch-einmal-falsch")).statusCode).toBe(429);
    const [locked, lastWrong] = await signIns();
    expect(locked.sentence.de).toBe("Anmeldung fehlgeschlagen: nach zu vielen Fehlversuchen vorübergehend gesperrt");
    expect(lastWrong.sentence.de).toBe("Anmeldung fehlgeschlagen: falsches Passwort");
    expect(locked.object.title).toBe("Thomas Meyer");
  });

  it("an unknown login is in no administration's log", async () => {
    const before = (await signIns()).length;
    expect((await passwordLogin("niemand@wunstorf.demo", "irgendwas-2026")).statusCode).toBe(401);
    expect((await signIns()).length).toBe(before);
  });

  it("single sign-on: a sign-in, a failed one with its reason, and a refused password sign-in", async () => {
    await setProvider(hr, coordination, idp);
    const signedIn = await ssoSignIn(t, BASE, wunstorfId, idp, "w-neu");
    expect(signedIn.cookie).not.toBe("");
    let [entry] = await signIns();
    expect(entry).toMatchObject({
      sentence: { de: "hat sich über den Anmeldedienst der Verwaltung angemeldet" },
      actor: { label: { de: "Nele Neumann" } },
    });
    // Katrin has used Verbund before: only she (or the HR office) links her account.
    const refused = await ssoSignIn(t, BASE, wunstorfId, idp, "w-katrin");
    expect(refused.location).toBe("/anmelden?sso=link_required");
    [entry] = await signIns();
    expect(entry.sentence.de).toBe("Anmeldung fehlgeschlagen: das Konto ist noch nicht mit dem Anmeldedienst verbunden");
    // The administration switches password sign-in off: a right password is refused and logged.
    // (Narrowing the trust takes effect at once, without the coordination.)
    const narrowed = await hr.request({
      method: "PUT",
      url: "/api/v1/identity-provider",
      payload: providerPayload(idp, { isPasswordLoginEnabled: false }),
    });
    expect(narrowed.statusCode, narrowed.body).toBe(200);
    expect((await passwordLogin("mitarbeiterin@wunstorf.demo", TEST_PASSWORD)).statusCode).toBe(403);
    [entry] = await signIns();
    expect(entry).toMatchObject({
      sentence: { de: "Anmeldung fehlgeschlagen: die Verwaltung meldet sich über ihren Anmeldedienst an, nicht mit Passwort" },
      object: { title: "Katrin Schulze" },
    });
  });
});
