import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { expectAccessible, launch, newPage, screenshots, signInWithKeyboard } from "./browser";

const hasBrowser = inject("e2eHasBrowser");
let browser: Browser;

beforeAll(async () => {
  if (hasBrowser) browser = await launch();
});
afterAll(async () => browser?.close());

describe.skipIf(!hasBrowser)("secondment settings, framework agreement and request editing in the browser", () => {
  it("Wunstorf's HR office sets a cap for Bauordnung and names a deputy", async () => {
    const { context, page } = await newPage(browser);
    await signInWithKeyboard(page, "personal@wunstorf.demo");
    await page.goto("/abordnungen/einstellungen");
    await page.getByRole("heading", { level: 1, name: "Einstellungen für Abordnungen" }).waitFor();
    await page.getByLabel("Bauordnung", { exact: true }).waitFor();
    await expectAccessible(page, "secondment settings");
    await page.getByLabel("Frist des Personalrats (Arbeitstage)").fill("0");
    await page.getByRole("button", { name: "Einstellungen speichern" }).click();
    expect(await page.getByRole("alert").textContent()).toContain("Frist des Personalrats");
    await page.getByLabel("Frist des Personalrats (Arbeitstage)").fill("10");
    await page.getByLabel("Bauordnung", { exact: true }).fill("3");
    await page.getByRole("button", { name: "Einstellungen speichern" }).click();
    await page.getByRole("status").filter({ hasText: "gespeichert" }).waitFor();
    await page.reload();
    await page.getByLabel("Bauordnung", { exact: true }).waitFor();
    await expect.poll(() => page.getByLabel("Bauordnung", { exact: true }).inputValue()).toBe("3");
    await page.getByLabel("Vertretung", { exact: true }).selectOption({ label: "Aylin Demir" });
    await page.getByLabel("Von", { exact: true }).fill("2027-01-04");
    await page.getByLabel("Bis", { exact: true }).fill("2027-01-15");
    await page.getByRole("button", { name: "Vertretung eintragen" }).click();
    await page.locator("tbody tr", { hasText: "Aylin Demir" }).waitFor();
    expect(await page.locator("tbody tr", { hasText: "Aylin Demir" }).textContent()).toContain("04.01.2027–15.01.2027");
    await expectAccessible(page, "deputies");
    await context.close();
  });

  it("the coordination office reads the framework agreement", async () => {
    const { context, page } = await newPage(browser);
    await signInWithKeyboard(page, "koordination@region-hannover.demo");
    await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Rahmenvereinbarung" }).click();
    await page.getByRole("heading", { level: 2, name: /Rahmenvereinbarung Personalunterstützung/ }).waitFor();
    expect(await page.locator("main").textContent()).toContain("Fassung 1");
    await expectAccessible(page, "framework agreement");
    await context.close();
  });

  it("the Gesundheitsamt changes its request; nothing entered is lost on an error", async () => {
    const { context, page } = await newPage(browser);
    await signInWithKeyboard(page, "gesundheitsamt@region-hannover.demo");
    await page.goto("/anfragen");
    await page.getByRole("link", { name: "Bürgertelefon Infektionsschutz" }).click();
    await page.getByRole("link", { name: "Ändern" }).click();
    await page.getByRole("heading", { level: 1, name: /Anfrage ändern/ }).waitFor();
    await expectAccessible(page, "edit request");
    await page.getByLabel("Personen", { exact: true }).fill("0");
    await page.getByLabel("Telefon der Ansprechperson").fill("0511 616-22000");
    await page.getByRole("button", { name: "Änderungen speichern" }).click();
    expect(await page.getByRole("alert").textContent()).toContain("Personen");
    expect(await page.getByLabel("Telefon der Ansprechperson").inputValue()).toBe("0511 616-22000");
    await page.getByLabel("Personen", { exact: true }).fill("8");
    await page.getByRole("button", { name: "Änderungen speichern" }).click();
    await page.getByRole("heading", { level: 1, name: "Bürgertelefon Infektionsschutz" }).waitFor();
    expect(await page.locator("dl").textContent()).toContain("8 (");
    await context.close();
  });

  it("the Region's HR office proposes a person from the region's pool without seeing a name", async () => {
    const { context, page } = await newPage(browser);
    await signInWithKeyboard(page, "personal@region-hannover.demo");
    await page.goto("/anfragen");
    await page.getByRole("link", { name: "Bürgertelefon Infektionsschutz" }).click();
    // One heading per list: the heading names the table, no caption beside it.
    const table = page.getByRole("table", { name: "Aus dem Pool der Region vorschlagen" });
    await table.waitFor();
    expect(await page.locator("caption").count()).toBe(0);
    // The distance keeps its unit on the same line.
    expect(await table.locator("tbody tr").first().textContent()).toMatch(/\d+,\d\u00a0km/);
    // At 390 px the candidates are stacked rows, not a table wider than the phone.
    await page.setViewportSize({ width: 390, height: 900 });
    const area = await page
      .locator(".kern-table-responsive", { has: table })
      .evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(area.scroll).toBeLessThanOrEqual(area.client + 1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1280, height: 900 });
    await expectAccessible(page, "request with region candidates");
    await screenshots(page, "request-region");
    const first = table.locator("tbody tr").first();
    const label = (await first.locator("th").textContent())!;
    expect(label).toMatch(/^Person 1 \(.+\)$/);
    await first.getByRole("button", { name: /^Vorschlagen/ }).click();
    await page.getByRole("heading", { level: 1, name: /Abordnung: Person aus dem Pool/ }).waitFor();
    expect(await page.locator("dl").first().textContent()).toContain("Vorgeschlagen");
    await expectAccessible(page, "proposal by the borrower");
    await context.close();
  });
});
