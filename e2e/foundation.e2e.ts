import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Locator } from "playwright-core";
import { baseUrl, demoPassword, expectAccessible, launch, newPage, signInWithKeyboard } from "./browser";

const hasBrowser = inject("e2eHasBrowser");
let browser: Browser;

beforeAll(async () => {
  if (hasBrowser) browser = await launch();
});
afterAll(async () => browser?.close());

/** The navigation's entries without the figures of open tasks beside them (e2e/start.e2e.ts checks those). */
/** The navigation's link labels without counts, once the links show (they wait for their first counts). */
const navLabels = async (nav: Locator) => {
  await nav.getByRole("link").first().waitFor();
  return (await nav.getByRole("link").allTextContents()).map((text) => text.replace(/\d+$/, ""));
};

describe.skipIf(!hasBrowser)("foundation in the browser", () => {
  it("the HR officer of Wunstorf signs in with the keyboard and sees a start page for the role", async () => {
    const { context, page } = await newPage(browser);
    await signInWithKeyboard(page, "personal@wunstorf.demo");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Guten Tag, Sabine Köhler");
    await expect.poll(() => page.title()).toBe("Guten Tag, Sabine Köhler – Verbund");
    const nav = page.getByRole("navigation", { name: "Hauptnavigation" });
    expect(await navLabels(nav)).toEqual([
      "Start",
      "Chefsache",
      "Verwaltungen",
      "Leistungsstandards",
      "Transparenz",
      "Anfragen",
      "Krisen",
      "Abordnungen",
      "Kostensätze",
      "Abrechnungen",
      "Meldungen",
      "Salden",
      "Unterstützungspool",
      "Postausgang",
      "Konten",
      "API-Schlüssel",
      "Protokoll",
      "Mein Profil",
    ]);
    // The next steps are KERN cards: each with its container.
    const cards = await page
      .locator(".kern-card")
      .evaluateAll((els) => els.map((el) => !!el.querySelector(":scope > .kern-card__container")));
    expect(cards.length).toBeGreaterThan(0);
    expect(cards.every(Boolean)).toBe(true);
    await expectAccessible(page, "start page");
    await context.close();
  });

  it("an employee's start page offers no account management", async () => {
    const { context, page } = await newPage(browser);
    await signInWithKeyboard(page, "mitarbeiterin@wunstorf.demo");
    const nav = page.getByRole("navigation", { name: "Hauptnavigation" });
    expect(await navLabels(nav)).toEqual([
      "Start",
      "Verwaltungen",
      "Leistungsstandards",
      "Transparenz",
      "Abordnungen",
      "Unterstützungspool",
      "Mein Profil",
    ]);
    await expectAccessible(page, "employee start page");
    await page.goto("/konten");
    await expect.poll(() => page.locator("table").count()).toBe(0);
    await context.close();
  });

  it("reflows at 320 CSS pixels without horizontal scrolling (WCAG 1.4.10)", async () => {
    const { context, page } = await newPage(browser);
    await page.setViewportSize({ width: 320, height: 640 });
    await signInWithKeyboard(page, "personal@wunstorf.demo");
    for (const path of ["/", "/verwaltungen", "/konten", "/profil"]) {
      await page.goto(path);
      await page.getByRole("heading", { level: 1 }).waitFor();
      await page.waitForLoadState("networkidle");
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(320);
    }
    await context.close();
  });

  it("the map and the table show the 22 administrations; Wunstorf opens from the map by keyboard", async () => {
    const { context, page } = await newPage(browser);
    await signInWithKeyboard(page, "personal@wunstorf.demo");
    await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Verwaltungen" }).click();
    const map = page.locator("figure.region-map svg");
    await map.locator("a").first().waitFor();
    expect(await map.locator("a").count()).toBe(22);
    expect(await map.locator("a path").count()).toBe(21);
    const rows = page.locator("table tbody tr");
    expect(await rows.count()).toBe(22);
    expect(await rows.first().locator("th").textContent()).toContain("Region Hannover");
    expect(await page.locator("table").textContent()).toContain("1.157.624");
    await expectAccessible(page, "organizations");

    const wunstorf = map.getByRole("link", { name: "Wunstorf" });
    await wunstorf.focus();
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: "Wunstorf" }).waitFor();
    expect(await page.locator("dl").textContent()).toContain("03241021");
    const departments = await page.locator("h2:has-text('Fachbereiche') + ul li").allTextContents();
    expect(departments).toEqual(["Bauordnung", "Bürgerservice", "Finanzen", "IT", "Ordnung", "Personal"]);
    await expectAccessible(page, "Wunstorf");
    await context.close();
  });

  it("creates an account with the keyboard only; errors are named and focused first", async () => {
    const { context, page } = await newPage(browser);
    await signInWithKeyboard(page, "personal@wunstorf.demo");
    await page.goto("/konten");
    await page.getByRole("heading", { name: "Neues Konto" }).waitFor();
    await page.getByLabel("Name", { exact: true }).focus();
    await page.keyboard.type("Jörg Übermann");
    await page.keyboard.press("Tab");
    await page.keyboard.type("kein-mail");
    await page.getByRole("button", { name: "Konto anlegen" }).focus();
    await page.keyboard.press("Enter");
    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toContain("Anmeldename: Geben Sie eine E-Mail-Adresse im Format name@beispiel.de ein.");
    expect(await alert.textContent()).toContain("Startpasswort (mindestens 12 Zeichen): Geben Sie mindestens 12 Zeichen ein.");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("role"))).toBe("alert");
    expect(await page.getByLabel("Name", { exact: true }).inputValue()).toBe("Jörg Übermann"); // nothing entered is lost
    await expectAccessible(page, "accounts with errors");

    await page.getByLabel("Anmeldename", { exact: true }).fill("");
    await page.getByLabel("Anmeldename", { exact: true }).focus();
    await page.keyboard.type("joerg.uebermann@wunstorf.demo");
    await page.getByLabel("Fachbereich", { exact: true }).focus();
    await page.keyboard.press("ArrowDown");
    await page.getByLabel("Sachbearbeitung").focus();
    await page.keyboard.press("Space");
    await page.getByLabel("Startpasswort (mindestens 12 Zeichen)").focus();
    await page.keyboard.type("ein-startpasswort-26");
    await page.keyboard.press("Enter");
    await page.getByRole("status").filter({ hasText: "joerg.uebermann@wunstorf.demo" }).waitFor();
    const row = page.locator("tbody tr", { hasText: "joerg.uebermann@wunstorf.demo" });
    expect(await row.textContent()).toContain("Sachbearbeitung");

    await row.getByRole("link", { name: "Jörg Übermann bearbeiten" }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: "Jörg Übermann bearbeiten" }).waitFor();
    await expectAccessible(page, "edit account");
    await page.getByLabel("Konto ist aktiv (Anmelden möglich)").focus();
    await page.keyboard.press("Space");
    await page.getByRole("button", { name: "Speichern" }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("status").filter({ hasText: "Gespeichert." }).waitFor();
    await page.goto("/konten");
    expect(await page.locator("tbody tr", { hasText: "joerg.uebermann@wunstorf.demo" }).textContent()).toContain("gesperrt");
    await context.close();
  });

  it("warns before the idle timeout and extends the session with one action (WCAG 2.2.1)", async () => {
    const { context, page } = await newPage(browser);
    await page.clock.install();
    await signInWithKeyboard(page, "kaemmerei@wunstorf.demo");
    const dialog = page.getByRole("dialog", { name: "Ihre Sitzung läuft bald ab" });
    expect(await dialog.isVisible()).toBe(false);
    // A quiet page (the start page of the finance office loads in several rounds under load), every
    // request answered first: a late answer carries the server's idle time (the server's clock does
    // not jump) and rightly restarts the countdown, closing the warning again.
    await page.getByRole("contentinfo").getByRole("link", { name: "Impressum" }).click();
    await page.getByRole("heading", { level: 1, name: "Impressum" }).waitFor();
    await page.waitForLoadState("networkidle");
    await page.clock.fastForward("28:30");
    await dialog.waitFor();
    expect(await dialog.textContent()).toMatch(/endet in 1:\d\d/);
    await expectAccessible(page, "idle dialog");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Angemeldet bleiben");
    await page.keyboard.press("Enter");
    await dialog.waitFor({ state: "hidden" });
    await page.clock.fastForward("10:00");
    expect(await dialog.isVisible()).toBe(false);
    await context.close();
  });

  it("profile, audit log and language switch work and are accessible", async () => {
    const { context, page } = await newPage(browser);
    await signInWithKeyboard(page, "personal@wunstorf.demo");
    // More than a page of entries: 55 sign-ins of a colleague.
    for (let i = 0; i < 55; i++) {
      const res = await fetch(`${baseUrl()}/api/v1/session`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ login: "sachbearbeitung@wunstorf.demo", password: demoPassword() }),
      });
      expect(res.status).toBe(200);
    }
    await page.goto("/protokoll");
    await page.locator("tbody tr").first().waitFor();
    expect(await page.locator("tbody").textContent()).toContain("hat sich angemeldet");
    expect(await page.locator("tbody tr").count()).toBe(50);
    expect(await page.getByRole("status").textContent()).toBe("50 Einträge angezeigt, weitere vorhanden.");
    await expectAccessible(page, "audit log");
    // The next page with the keyboard: the button keeps the focus, the rows grow.
    await page.getByRole("button", { name: "Ältere Einträge" }).focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator("tbody tr").count()).toBeGreaterThan(50);
    // On the last page the button goes; the focus moves to the count, not back to the top.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toMatch(/Ältere Einträge|Wird geladen|Einträge angezeigt/);
    await expectAccessible(page, "audit log, second page");
    await page.goto("/profil");
    await page.getByRole("heading", { name: "Ihre Angaben" }).waitFor();
    await expectAccessible(page, "profile");
    await page.getByRole("button", { name: "Switch to English" }).click();
    await page.getByRole("heading", { level: 1, name: "My profile" }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    await expectAccessible(page, "profile in English");
    await page.getByRole("button", { name: "Auf Deutsch umschalten" }).click();
    await page.getByRole("heading", { level: 1, name: "Mein Profil" }).waitFor();
    await context.close();
  });

  it("public pages: login, administrations, imprint, privacy, accessibility statement, 404 — axe clean", async () => {
    const { context, page } = await newPage(browser);
    for (const [path, heading] of [
      ["/", "Verbund"],
      ["/anmelden", "Anmelden"],
      ["/verwaltungen", "Verwaltungen der Region"],
      ["/impressum", "Impressum"],
      ["/datenschutz", "Datenschutzhinweise"],
      ["/barrierefreiheit", "Erklärung zur Barrierefreiheit"],
      ["/gibt-es-nicht", "Diese Seite gibt es nicht."],
    ] as const) {
      await page.goto(path);
      await page.getByRole("heading", { level: 1, name: heading }).waitFor();
      await expectAccessible(page, path);
    }
    expect(await page.locator("footer").textContent()).toContain("© GeoBasis-DE / BKG 2019 (Daten verändert)");
    expect(await page.locator("footer").textContent()).toContain("Destatis");
    await page.goto("/barrierefreiheit");
    await page.getByRole("heading", { level: 1, name: "Erklärung zur Barrierefreiheit" }).waitFor();
    expect(await page.locator("main").textContent()).toContain("Schlichtungsstelle");
    await context.close();
  });

  it("a wrong password shows the error and keeps the login; the skip link leads to the content", async () => {
    const { context, page } = await newPage(browser);
    await page.goto("/anmelden");
    await page.getByRole("heading", { level: 1, name: "Anmelden" }).waitFor();
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Zum Inhalt springen");
    await page.getByLabel("Anmeldename (E-Mail-Adresse)").fill("personal@wunstorf.demo");
    await page.getByLabel("Passwort").fill("falsch");
    await page.keyboard.press("Enter");
    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toContain("Anmeldename oder Passwort ist falsch.");
    expect(await page.getByLabel("Anmeldename (E-Mail-Adresse)").inputValue()).toBe("personal@wunstorf.demo");
    await expectAccessible(page, "login error");
    await context.close();
  });
});
