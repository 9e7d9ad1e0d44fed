import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { expectAccessible, launch, newPage, signInWithKeyboard } from "./browser";

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
    await page.waitForURL((url) => !url.toString().startsWith(`http://127.0.0.1:${process.env.E2E_PORT ?? 3917}/`));
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
    expect(await page.locator("code.redirect-uri").textContent()).toBe(
      `http://127.0.0.1:${process.env.E2E_PORT ?? 3917}/api/v1/sso/callback`,
    );
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
});
