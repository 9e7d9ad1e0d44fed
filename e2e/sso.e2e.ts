import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { readMails } from "../test/smtp-fixture";
import { baseUrl, expectAccessible, launch, newPage, screenshots, signInWithKeyboard } from "./browser";

const hasBrowser = inject("e2eHasBrowser");
let browser: Browser;

beforeAll(async () => {
  if (hasBrowser) browser = await launch();
});
afterAll(async () => browser?.close());

describe.skipIf(!hasBrowser)("single sign-on in the browser", () => {
  it("an employee of Garbsen signs in with the administration's own provider, keyboard only", async () => {
    const { context, page } = await newPage(browser);
    await page.goto("/anmelden");
    const section = page.getByRole("region", { name: "Mit dem Konto Ihrer Verwaltung anmelden" });
    await section.getByLabel("Ihre Verwaltung").waitFor();
    expect(await section.getByLabel("Ihre Verwaltung").locator("option").allTextContents()).toEqual(["Garbsen"]);
    await expectAccessible(page, "login with single sign-on");
    await section.getByRole("button", { name: "Weiter zur Anmeldung Ihrer Verwaltung" }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: "Guten Tag, Lea Kraft" }).waitFor();
    expect(await page.locator(".badge-list").textContent()).toContain("Beschäftigte/r");
    await page.getByRole("button", { name: "Abmelden" }).click();
    await page.waitForURL((url) => !url.toString().startsWith(`${baseUrl()}/`));
    expect(page.url()).toContain("/session/end");
    await context.close();
  });

  it("the HR office sees the operator's settings and the redirect URI; axe clean", async () => {
    const { context, page } = await newPage(browser);
    await signInWithKeyboard(page, "personal@garbsen.demo");
    await page.goto("/konten");
    await page.getByRole("link", { name: "Anmeldung über das Konto der Verwaltung (Single Sign-on) einrichten" }).click();
    await page.getByRole("heading", { level: 1, name: "Anmeldung über das Konto der Verwaltung" }).waitFor();
    await page.getByLabel("Adresse des Anmeldedienstes (Issuer-URL)").waitFor();
    expect(await page.getByLabel("Adresse des Anmeldedienstes (Issuer-URL)").inputValue()).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await page.locator("code.redirect-uri").textContent()).toBe(`${baseUrl()}/api/v1/sso/callback`);
    expect(await page.locator("main").textContent()).toContain("über die Umgebung gesetzt");
    await expectAccessible(page, "single sign-on settings");
    await page.getByLabel("Adresse des Anmeldedienstes (Issuer-URL)").fill("http://login.garbsen.de");
    await page.getByRole("button", { name: "Speichern" }).click();
    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toContain("https://");
    await expectAccessible(page, "single sign-on settings with errors");
    await context.close();
  });

  it("an employee links the own account from the profile, then signs in with it; removing the link asks first", async () => {
    const { context, page } = await newPage(browser);
    await fetch(`${inject("e2eOidcIssuer")}/test/sign-in-as/p.nowak`, { method: "POST" });
    await signInWithKeyboard(page, "mitarbeiter@garbsen.demo");
    await page.goto("/profil");
    const section = page.getByRole("region", { name: "Anmeldung über das Konto Ihrer Verwaltung" });
    await section.getByText("noch nicht mit dem Konto Ihrer Verwaltung verbunden").waitFor();
    await expectAccessible(page, "profile, not linked");
    await section.getByRole("button", { name: "Mit dem Konto meiner Verwaltung verbinden" }).focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/profil\?sso=linked$/);
    await page.getByRole("status").filter({ hasText: "Ihr Konto ist jetzt mit dem Konto Ihrer Verwaltung verbunden" }).waitFor();
    expect(await section.textContent()).toMatch(
      /ist mit Ihrem Konto beim Anmeldedienst Ihrer Verwaltung verbunden \(http:\/\/127\.0\.0\.1:\d+, seit/,
    );
    await expectAccessible(page, "profile, linked");
    await screenshots(page, "profile-linked");

    // Signed out, the provider's sign-in now leads to this account.
    await context.clearCookies({ domain: "127.0.0.1" });
    await page.goto("/anmelden");
    await page.getByRole("button", { name: "Weiter zur Anmeldung Ihrer Verwaltung" }).click();
    await page.getByRole("heading", { level: 1, name: "Guten Tag, Piotr Nowak" }).waitFor();

    await page.goto("/profil");
    await section.getByRole("button", { name: "Verbindung lösen" }).click();
    const dialog = page.getByRole("dialog", { name: "Verbindung lösen?" });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain("Verbund-Passwort");
    await expectAccessible(page, "profile, unlink dialog");
    await screenshots(page, "profile-unlink-dialog");
    await dialog.getByRole("button", { name: "Verbindung lösen" }).click();
    await page.getByRole("status").filter({ hasText: "Die Verbindung ist gelöst" }).waitFor();
    await section.getByRole("button", { name: "Mit dem Konto meiner Verwaltung verbinden" }).waitFor();
    await fetch(`${inject("e2eOidcIssuer")}/test/sign-in-as/lea-kraft`, { method: "POST" });
    await context.close();
  });

  it("the HR office's provider change waits for the coordination, which sees it with a count and rejects it with a reason", async () => {
    const hr = await newPage(browser);
    await signInWithKeyboard(hr.page, "personal@garbsen.demo");
    await hr.page.goto("/konten/anmeldung");
    await hr.page.getByLabel("Client-ID").fill("verbund-neu");
    await hr.page.getByRole("button", { name: "Speichern" }).click();
    await hr.page.getByRole("status").filter({ hasText: "Ihre Änderung ist beantragt" }).waitFor();
    const box = hr.page.getByRole("region", { name: "Beantragte Änderung" });
    expect(await box.textContent()).toContain("wartet auf Bestätigung durch die Koordination der Region");
    expect(await box.textContent()).toContain("eine andere Person als die, die beantragt hat");
    expect(await hr.page.locator("main").textContent()).toMatch(/Derzeit gültig: eingeschaltet · http:\/\/127\.0\.0\.1:\d+ · verbund/);
    await expectAccessible(hr.page, "single sign-on settings, change pending");
    await screenshots(hr.page, "sso-settings-pending");

    const co = await newPage(browser);
    await signInWithKeyboard(co.page, "koordination@region-hannover.demo");
    await co.page.getByRole("link", { name: "Anmeldedienste (1 offen)" }).click();
    await co.page.getByRole("heading", { level: 1, name: "Anmeldedienste der Verwaltungen" }).waitFor();
    const card = co.page.locator(".kern-card", { hasText: "Garbsen" });
    expect(await card.textContent()).toContain("verbund-neu");
    await expectAccessible(co.page, "provider changes");
    await screenshots(co.page, "provider-changes");
    await card.getByRole("button", { name: "Ablehnen: Garbsen" }).click();
    const dialog = co.page.getByRole("dialog", { name: "Änderung für Garbsen ablehnen?" });
    await dialog.waitFor();
    await dialog.getByRole("button", { name: "Ablehnen" }).click();
    await dialog.getByText("Geben Sie mindestens 3 Zeichen ein.").waitFor(); // the reason is required, shown at the field
    await dialog.getByLabel("Begründung (für das Personalamt)").fill("Die Client-ID ist beim Anmeldedienst nicht registriert.");
    await expectAccessible(co.page, "provider changes, reject dialog");
    await screenshots(co.page, "provider-changes-reject-dialog");
    await dialog.getByRole("button", { name: "Ablehnen" }).click();
    await co.page.getByRole("status").filter({ hasText: "Die Änderung für Garbsen ist abgelehnt" }).waitFor();
    await co.page.getByRole("link", { name: "Anmeldedienste", exact: true }).waitFor();
    expect(await co.page.getByRole("table").textContent()).toContain("Die Client-ID ist beim Anmeldedienst nicht registriert.");
    await expectAccessible(co.page, "provider changes, decided");
    await screenshots(co.page, "provider-changes-decided");

    await hr.page.reload();
    expect(await hr.page.getByRole("region", { name: "Beantragte Änderung" }).textContent()).toContain("abgelehnt");
    await screenshots(hr.page, "sso-settings-rejected");
    const deadline = Date.now() + 20_000;
    while (!readMails(inject("e2eMailFile")).some((m) => m.to === "personal@garbsen.demo" && m.subject.endsWith("abgelehnt"))) {
      if (Date.now() > deadline) throw new Error("no mail to the HR office about the rejection");
      await new Promise((r) => setTimeout(r, 500));
    }
    await hr.context.close();
    await co.context.close();
  });

  it("on an account's page the HR office links that account after confirming; its own roles are read-only; role errors in plain words", async () => {
    const { context, page } = await newPage(browser);
    await signInWithKeyboard(page, "personal@garbsen.demo");
    await page.goto("/konten");
    await page.getByRole("link", { name: "Markus Lange bearbeiten" }).click();
    await page.getByRole("heading", { level: 1, name: "Markus Lange bearbeiten" }).waitFor();
    expect(await page.getByLabel("Personalamt", { exact: true }).isDisabled()).toBe(true);
    expect(await page.getByRole("group", { name: "Rollen" }).textContent()).toContain("Ihre eigenen Rollen ändert eine andere Person");
    await expectAccessible(page, "own account");
    await screenshots(page, "account-own");

    await page.goto("/konten");
    await page.getByRole("link", { name: "Piotr Nowak bearbeiten" }).click();
    await page.getByRole("heading", { level: 1, name: "Piotr Nowak bearbeiten" }).waitFor();
    await page.getByLabel("Kennung beim Anmeldedienst (subject)").fill("p.nowak");
    await page.getByRole("button", { name: "Konto verbinden" }).click();
    const dialog = page.getByRole("dialog", { name: "Konto von Piotr Nowak verbinden?" });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain("mit der Kennung p.nowak anmeldet, ist in Verbund dann Piotr Nowak");
    await expectAccessible(page, "account, link dialog");
    await screenshots(page, "account-link-dialog");
    await dialog.getByRole("button", { name: "Konto verbinden" }).click();
    await page.getByRole("status").filter({ hasText: "Das Konto ist verbunden. Piotr Nowak wurde per E-Mail informiert." }).waitFor();
    expect(await page.locator("main").textContent()).toMatch(/Verbunden mit http:\/\/127\.0\.0\.1:\d+, Kennung p\.nowak/);

    await page.getByLabel("Personalrat", { exact: true }).check();
    await page.getByLabel("Fachbereichsleitung", { exact: true }).check();
    await page.getByRole("button", { name: "Speichern" }).click();
    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toContain("Der Personalrat ist unabhängig");
    await expectAccessible(page, "account with a role error");
    await screenshots(page, "account-role-error");
    await context.close();
  });
});
