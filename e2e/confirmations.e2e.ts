import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { expectAccessible, launch, newPage, screenshots, signInWithKeyboard } from "./browser";

const hasBrowser = inject("e2eHasBrowser");
let browser: Browser;

beforeAll(async () => {
  if (hasBrowser) browser = await launch();
});
afterAll(async () => browser?.close());

/** Actions with consequences for others ask first and say the consequence (#15); "Nicht jetzt" changes nothing. */
describe.skipIf(!hasBrowser)("asked first", () => {
  it('declaring a crisis says who is told; "Nicht jetzt" declares nothing; confirming says how many were notified', async () => {
    const { context, page } = await newPage(browser);
    await signInWithKeyboard(page, "koordination@region-hannover.demo");
    await page.goto("/krisen");
    await page.getByRole("heading", { level: 1, name: "Krisen" }).waitFor();
    const before = await page.locator(".kern-card").count();
    await page.getByLabel("Bezeichnung").fill("Sturmschäden Deister");
    await page.getByLabel("Beschreibung").fill("Die Bauaufsicht braucht Verstärkung für die Begehungen.");
    await page.getByRole("button", { name: "Krise ausrufen" }).click();
    const dialog = page.getByRole("dialog", { name: "Krisenfall „Sturmschäden Deister“ ausrufen?" });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain("Alle Personalämter der Region werden sofort per E-Mail benachrichtigt");
    await expectAccessible(page, "crisis: asked first");
    await screenshots(page, "crisis-declare-dialog");
    await dialog.getByRole("button", { name: "Nicht jetzt" }).click();
    await dialog.waitFor({ state: "hidden" });
    await page.reload();
    await page.getByRole("heading", { level: 1, name: "Krisen" }).waitFor();
    expect(await page.locator(".kern-card").count()).toBe(before);

    await page.getByLabel("Bezeichnung").fill("Sturmschäden Deister");
    await page.getByLabel("Beschreibung").fill("Die Bauaufsicht braucht Verstärkung für die Begehungen.");
    await page.getByRole("button", { name: "Krise ausrufen" }).click();
    await dialog.getByRole("button", { name: "Krise ausrufen" }).click();
    const notice = page.getByRole("status").filter({ hasText: "Die Krise ist ausgerufen" });
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(/\d+ Personalämter wurden benachrichtigt/);
    expect(await page.evaluate(() => document.activeElement?.getAttribute("role"))).toBe("status");
    expect(await page.getByRole("link", { name: "Sturmschäden Deister" }).count()).toBe(1);
    await expectAccessible(page, "crisis declared");
    await context.close();
  });

  it('withdrawing a request says what others lose; "Nicht jetzt" leaves it open', async () => {
    const { context, page } = await newPage(browser);
    await signInWithKeyboard(page, "personal@region-hannover.demo");
    await page.goto("/anfragen");
    await page.getByRole("heading", { level: 1, name: "Unterstützungsanfragen" }).waitFor();
    await page.getByRole("link", { name: "Bürgertelefon Infektionsschutz" }).first().click();
    await page.getByRole("heading", { level: 1, name: /Bürgertelefon Infektionsschutz/ }).waitFor();
    await page.getByRole("button", { name: "Anfrage zurückziehen" }).click();
    const dialog = page.getByRole("dialog", { name: "Anfrage zurückziehen?" });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain("sehen die Anfrage nicht mehr");
    await expectAccessible(page, "request withdrawal asked first");
    await dialog.getByRole("button", { name: "Nicht jetzt" }).click();
    await dialog.waitFor({ state: "hidden" });
    await page.reload();
    await page.getByRole("heading", { level: 1, name: /Bürgertelefon Infektionsschutz/ }).waitFor();
    expect(await page.getByRole("button", { name: "Anfrage zurückziehen" }).count()).toBe(1);
    await context.close();
  });
});
