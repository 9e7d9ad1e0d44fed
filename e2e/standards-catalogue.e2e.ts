import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { expectAccessible, expectFitsWidth, launch, newPage, screenshots, signInWithKeyboard } from "./browser";

const hasBrowser = inject("e2eHasBrowser");
let browser: Browser;

beforeAll(async () => {
  if (hasBrowser) browser = await launch();
});
afterAll(async () => browser?.close());

describe.skipIf(!hasBrowser)("the catalogue of service standards in the browser", () => {
  it("Wunstorf's reporter reads the catalogue by theme and a standard's detail, without a way to change it", async () => {
    const { context, page } = await newPage(browser);
    await signInWithKeyboard(page, "controlling@wunstorf.demo");
    await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Leistungsstandards" }).click();
    await page.getByRole("heading", { level: 1, name: "Leistungsstandards" }).waitFor();
    const citizens = page.getByRole("table", { name: "Bürgerservice (2)" });
    const phone = citizens.getByRole("row", { name: /Telefonische Erreichbarkeit/ });
    const text = await phone.textContent();
    for (const part of ["Vorschlag", "75\u00a0%\u00a0(höher ist besser)", "±\u00a05\u00a0Prozentpunkte", "monatlich", "alle Verwaltungen"])
      expect(text).toContain(part);
    const building = page.getByRole("table", { name: "Bauen (1)" });
    expect(await building.textContent()).toContain("die unteren Bauaufsichtsbehörden");
    expect(await page.getByRole("link", { name: "Leistungsstandard anlegen" }).count()).toBe(0);
    await expectAccessible(page, "standards catalogue (reporter)");
    await screenshots(page, "standards-catalogue-reporter");
    await expectFitsWidth(page, 390);

    await page.setViewportSize({ width: 1280, height: 900 });
    await building.getByRole("link", { name: /Vollständigkeitsprüfung/ }).click();
    await page.getByRole("heading", { level: 1, name: /Vollständigkeitsprüfung des Bauantrags/ }).waitFor();
    const main = (await page.locator("main").textContent()) ?? "";
    expect(main).toContain("die unteren Bauaufsichtsbehörden – 14 Verwaltungen");
    expect(main).toContain("LeiKa 99012008000000: Baugenehmigung");
    expect(main).toContain("OZG-Leistung 10519: Bauvorbescheid und Baugenehmigung");
    expect(main).toContain("§ 69 Niedersächsische Bauordnung");
    expect(await page.getByRole("table", { name: "Versionsgeschichte" }).textContent()).toContain("Startpaket (Vorschlag)");
    expect(await page.getByRole("button", { name: "Neue Fassung erstellen" }).count()).toBe(0);
    await expectAccessible(page, "standard detail (reporter)");
    await screenshots(page, "standard-detail-reporter");
    await context.close();
  });

  it("the region's coordination makes a new version with a change note; it asks first and the history shows it", async () => {
    const { context, page } = await newPage(browser);
    await signInWithKeyboard(page, "koordination@region-hannover.demo");
    await page.goto("/leistungsstandards");
    await page.getByRole("link", { name: "Leistungsstandard anlegen" }).waitFor();
    await page.getByRole("link", { name: "Termin im Bürgeramt innerhalb von 14 Tagen" }).click();
    await page.getByRole("heading", { level: 1, name: "Termin im Bürgeramt innerhalb von 14 Tagen" }).waitFor();
    await page.getByRole("button", { name: "Neue Fassung erstellen" }).click();
    const form = page.locator('form[name="standard-version"]');
    // Prefilled from the current version.
    expect(await form.getByLabel("Zielwert").inputValue()).toBe("14");
    await form.getByLabel("Zielwert").fill("10");
    await form.getByLabel("Gültig ab").fill("2027-01-01");
    // Without a change note the server names the field.
    await page.getByRole("button", { name: "Fassung 2 einstellen" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Fassung 2 einstellen" }).click();
    await page.getByRole("link", { name: /Begründung der Änderung: Bitte schreiben Sie/ }).waitFor();
    await expectAccessible(page, "new version refused");
    await form.getByLabel("Begründung der Änderung").fill("Ziel nach Auswertung 2026 verschärft: Termin binnen 10 Tagen.");
    // "Nicht jetzt" keeps everything as it is.
    await page.getByRole("button", { name: "Fassung 2 einstellen" }).first().click();
    const dialog = page.getByRole("dialog", { name: /Fassung 2 von „Termin im Bürgeramt/ });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(
      "Ab dem 1. Januar 2027 werden alle Meldungen zu diesem Standard an der neuen Fassung gemessen",
    );
    await expectAccessible(page, "new version dialog");
    await screenshots(page, "standard-version-dialog");
    await page.setViewportSize({ width: 1280, height: 900 });
    await dialog.getByRole("button", { name: "Nicht jetzt" }).click();
    expect(await page.getByRole("table", { name: "Versionsgeschichte" }).getByRole("row").count()).toBe(2);
    await page.getByRole("button", { name: "Fassung 2 einstellen" }).first().click();
    await dialog.getByRole("button", { name: "Fassung 2 einstellen" }).click();
    const notice = page.getByRole("status").filter({ hasText: "Gespeichert: Fassung 2 gilt ab 1. Januar 2027" });
    await notice.waitFor();
    expect(await page.evaluate(() => document.activeElement?.closest("[role=status]") !== null)).toBe(true);
    const history = page.getByRole("table", { name: "Versionsgeschichte" });
    const newest = history.getByRole("row").filter({ hasText: "01.01.2027" });
    await newest.waitFor();
    const row = (await newest.textContent()) ?? "";
    expect(await page.locator("main").textContent()).toContain("Fassung 2 gilt ab 1. Januar 2027; bis dahin gilt Fassung 1");
    for (const part of [
      "Fassung 2",
      "01.01.2027",
      "Koordination der Region",
      "Zielwert, Gültig ab",
      "Ziel nach Auswertung 2026 verschärft",
    ])
      expect(row).toContain(part);
    await expectAccessible(page, "standard after a new version");
    await screenshots(page, "standard-detail-coordination");
    await context.close();
  });
});
