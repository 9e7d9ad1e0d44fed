import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { expectAccessible, launch, newPage, screenshots, signInWithKeyboard } from "./browser";

const hasBrowser = inject("e2eHasBrowser");
let browser: Browser;

beforeAll(async () => {
  if (hasBrowser) browser = await launch();
});
afterAll(async () => browser?.close());

describe.skipIf(!hasBrowser)("the readable audit log in the browser", () => {
  it("the HR office narrows the log to accounts, reads the sentence and follows the link", async () => {
    const { context, page } = await newPage(browser);
    await signInWithKeyboard(page, "personal@wunstorf.demo");
    await page.goto("/protokoll");
    await page.getByRole("heading", { level: 1, name: "Protokoll" }).waitFor();
    await page.locator("tbody tr").first().waitFor();
    expect(await page.locator("main").textContent()).toContain("jeder fehlgeschlagene Anmeldeversuch");

    // Object type "Konto", applied with the button (keyboard: focus, choose, Enter).
    await page.getByLabel("Objektart").selectOption({ label: "Konto" });
    await page.getByRole("button", { name: "Anzeigen" }).focus();
    await page.keyboard.press("Enter");
    await expect
      .poll(() => page.getByRole("link", { name: "Als CSV herunterladen" }).getAttribute("href"))
      .toBe("/api/v1/audit-events.csv?objectType=account");
    const row = page.locator("tbody tr", { hasText: "hat sich angemeldet" }).first();
    await row.waitFor();
    expect(await row.textContent()).toContain("Sabine Köhler");
    expect(await page.locator("tbody tr").evaluateAll((rows) => rows.every((r) => r.textContent!.includes("Konto")))).toBe(true);
    await expectAccessible(page, "audit log, accounts");
    await screenshots(page, "audit-accounts");

    // No entry matches: the page says so.
    await page.getByLabel("Person").fill("niemand-heisst-so");
    await page.getByLabel("Person").press("Enter");
    await page.getByText("Keine Einträge passen zu dieser Auswahl.").waitFor();
    await expectAccessible(page, "audit log, nothing found");

    // A period that ends before it starts: the error at the field, in plain words.
    await page.getByLabel("Person").fill("");
    await page.getByLabel("Von", { exact: true }).fill("2026-12-10");
    await page.getByLabel("Bis", { exact: true }).fill("2026-12-01");
    await page.getByRole("button", { name: "Anzeigen" }).click();
    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toContain("Bis: Das Datum „Bis“ liegt vor dem Datum „Von“.");
    expect(await page.getByLabel("Bis", { exact: true }).getAttribute("aria-invalid")).toBe("true");
    await expectAccessible(page, "audit log, invalid period");
    await screenshots(page, "audit-invalid-period");

    // Back to all accounts; the object link opens the account.
    await page.getByRole("button", { name: "Alle Einträge" }).click();
    await page.getByLabel("Objektart").selectOption({ label: "Konto" });
    await page.getByRole("button", { name: "Anzeigen" }).click();
    const link = page.locator("tbody tr", { hasText: "hat sich angemeldet" }).first().getByRole("link", { name: "Konto: Sabine Köhler" });
    await link.focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/konten\/[0-9a-f-]{36}$/);
    await page.getByRole("heading", { level: 1, name: /Sabine Köhler/ }).waitFor();
    await context.close();
  });
});
