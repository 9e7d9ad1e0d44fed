import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { expectAccessible, expectFitsWidth, launch, newPage, screenshots, signInWithKeyboard } from "./browser";

const hasBrowser = inject("e2eHasBrowser");
let browser: Browser;

beforeAll(async () => {
  if (hasBrowser) browser = await launch();
});
afterAll(async () => browser?.close());

describe.skipIf(!hasBrowser)("cost rates in the browser", () => {
  it("Wunstorf's finance opens Kostensätze from the navigation and reads E 9b's rate and its breakdown on 1 December 2026", async () => {
    const { context, page } = await newPage(browser);
    await signInWithKeyboard(page, "kaemmerei@wunstorf.demo");
    await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Kostensätze" }).click();
    await page.getByRole("heading", { level: 1, name: "Kostensätze" }).waitFor();
    await page.getByLabel("Gültig am").fill("2026-12-01");
    await page.getByLabel("Gültig am").press("Enter");
    await page.getByText("Sätze am 1. Dezember 2026").waitFor();
    const e9b = page.getByRole("table", { name: "Tarifbeschäftigte (TVöD-VKA)" }).getByRole("row", { name: /^E 9b/ });
    expect(await e9b.textContent()).toContain("51,14\u00a0€");
    expect(await e9b.textContent()).toContain("Stufe 3");
    expect(await page.locator("main").textContent()).toContain("Tabelle gültig ab 1. Mai 2026, Referenzstufe 3.");
    expect(await page.getByRole("table", { name: "Aufschlüsselung für E 9b" }).isVisible()).toBe(true);
    expect(await page.locator("main dl").first().textContent()).toContain("TVöD-VKA, Stufe 3, Tabelle ab 01.05.2026");
    const breakdown = page.getByRole("table", { name: "Aufschlüsselung für E 9b" });
    const text = await breakdown.textContent();
    for (const part of [
      "4.203,56 € × 12 = 50.442,72 € ÷ 1.591,20 h",
      "31,70\u00a0€",
      "Jahressonderzahlung",
      "1,86\u00a0€",
      "7,05\u00a0€",
      "2,01\u00a0€",
      "8,52\u00a0€",
      "51,14\u00a0€",
    ])
      expect(text).toContain(part);
    // A B grade shows the rate the region entered (demo seed: B 2, 72,90 € + 20 % = 87,48 €).
    expect(
      await page
        .getByRole("table", { name: /Besoldungsordnung B/ })
        .getByRole("row", { name: /^B 2/ })
        .textContent(),
    ).toContain("87,48");
    // Groups without a table or a rate are named in one sentence, not as rows of "no rate".
    expect(await page.locator("main").textContent()).toContain("Ohne Tabelle und ohne Satz der Region (10 Gruppen): B 1, B 3");
    // Finance reads the parameters but cannot add a version.
    expect(await page.getByRole("heading", { name: "Neue Fassung der Parameter" }).count()).toBe(0);
    await expectAccessible(page, "cost rates (finance)");
    await screenshots(page, "cost-rates-finance");
    await expectFitsWidth(page, 390);
    await context.close();
  });

  it("the coordination office adds a version of the parameters with the keyboard; from its day the rate follows it", async () => {
    const { context, page } = await newPage(browser);
    await signInWithKeyboard(page, "koordination@region-hannover.demo");
    await page.goto("/kostensaetze");
    await page.getByRole("heading", { level: 3, name: "Neue Fassung der Parameter" }).waitFor();
    await expectAccessible(page, "cost rates (coordination)");
    // Prefilled with the version in force; a comma is read as the decimal separator.
    expect(await page.getByLabel("Gemeinkostenzuschlag Büroarbeitsplatz (%)").inputValue()).toBe("20");
    await page.locator('form[name="cost-rate-parameters"]').getByLabel("Gültig ab").fill("2027-01-01");
    await page.getByLabel("Gemeinkostenzuschlag Büroarbeitsplatz (%)").fill("22,5");
    await page.getByLabel("Gemeinkostenzuschlag Büroarbeitsplatz (%)").press("Enter");
    // A saved version cannot be changed: the page asks first, naming its day.
    const ask = page.getByRole("dialog", { name: "Neue Fassung der Parameter speichern?" });
    await ask.waitFor();
    expect(await ask.textContent()).toContain("Ab 1. Januar 2027 werden alle Kostensätze der Region mit dieser Fassung berechnet.");
    await expectAccessible(page, "new parameter version dialog");
    await ask.getByRole("button", { name: "Fassung speichern" }).focus();
    await page.keyboard.press("Enter");
    const notice = page.getByRole("status").filter({ hasText: "Gespeichert" });
    await notice.waitFor();
    expect(await notice.textContent()).toContain("1. Januar 2027");
    expect(await page.evaluate(() => document.activeElement?.closest("[role=status]") !== null)).toBe(true);
    const versions = page.getByRole("table", { name: "Alle Fassungen der Parameter" });
    expect(await versions.textContent()).toContain("01.01.2027");
    expect(await versions.textContent()).toContain("22,50\u00a0%");
    await screenshots(page, "cost-rates-coordination");
    // From 1 January 2027: 42,62 € + 22,5 % (9,5895 → 9,59 €) = 52,21 €.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByLabel("Gültig am").fill("2027-01-01");
    await page.getByRole("button", { name: "Anzeigen" }).click();
    await page.getByText("Sätze am 1. Januar 2027").waitFor();
    expect(
      await page.getByRole("table", { name: "Tarifbeschäftigte (TVöD-VKA)" }).getByRole("row", { name: /^E 9b/ }).textContent(),
    ).toContain("52,21\u00a0€");
    // A rate for B 3, which has no table: from 1 January 2027, 75,00 € + 22,5 % (16,875 → 16,88 €) = 91,88 €.
    await page.getByRole("link", { name: "Satz eintragen" }).click();
    await page.getByRole("heading", { level: 1, name: "Sätze für Gruppen ohne Tabelle" }).waitFor();
    await expectAccessible(page, "manual rates");
    await page.getByLabel("Gruppe", { exact: true }).selectOption("B 3");
    await page.getByLabel("Gültig ab").fill("2027-01-01");
    await page.getByLabel("Satz je Stunde (Euro)").fill("75,00");
    await page.getByRole("button", { name: "Satz speichern" }).click();
    const askRate = page.getByRole("dialog", { name: "Satz für B 3 speichern?" });
    expect(await askRate.textContent()).toContain("Ab 1. Januar 2027 gilt für B 3 der eingegebene Satz je Stunde");
    await askRate.getByRole("button", { name: "Satz speichern" }).click();
    await page.getByRole("status").filter({ hasText: "Für B 3 gilt ab 1. Januar 2027" }).waitFor();
    expect(await page.getByRole("table", { name: "Eingetragene Sätze" }).textContent()).toContain("75,00\u00a0€");
    await screenshots(page, "cost-rates-manual");
    await page.getByRole("link", { name: "Zurück zu den Kostensätzen" }).click();
    await page.getByLabel("Gültig am").fill("2027-01-01");
    await page.getByRole("button", { name: "Anzeigen" }).click();
    await page.getByText("Sätze am 1. Januar 2027").waitFor();
    expect(
      await page
        .getByRole("table", { name: /Besoldungsordnung B/ })
        .getByRole("row", { name: /^B 3/ })
        .textContent(),
    ).toContain("91,88\u00a0€");
    await expectAccessible(page, "cost rates after a manual rate");
    await context.close();
  });
});
