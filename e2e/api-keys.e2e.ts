import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { expectAccessible, expectFitsWidth, launch, newPage, screenshots, signInWithKeyboard } from "./browser";

const hasBrowser = inject("e2eHasBrowser");
let browser: Browser;

beforeAll(async () => {
  if (hasBrowser) browser = await launch();
});
afterAll(async () => browser?.close());

/** Wunstorf's HR office issues an API key for a specialist application, sees it once, and revokes it after being asked. */
describe.skipIf(!hasBrowser)("API keys", () => {
  it("issues a key shown once with a copy button, and revokes it after asking", async () => {
    const { context, page } = await newPage(browser);
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    // The counts of the navigation come late (here after 1 s, three tasks more than whatever earlier
    // browser tests left): the links wait for them, so no count moves the link away under the pointer.
    const task = (n: number) => ({
      kind: "secondment_step",
      object: { type: "secondment", id: `00000000-0000-4000-8000-00000000000${n}`, title: `Probe ${n}` },
      step: { de: "Genehmigen", en: "Approve" },
      dueOn: null,
      link: `/abordnungen/00000000-0000-4000-8000-00000000000${n}`,
    });
    await page.route("**/api/v1/me/tasks", async (route) => {
      const response = await route.fetch();
      const answer = await response.json();
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await route.fulfill({ response, json: { ...answer, items: [...answer.items, task(1), task(2), task(3)] } });
    });
    await signInWithKeyboard(page, "personal@wunstorf.demo");
    const link = page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "API-Schlüssel" });
    await link.waitFor();
    const placed = await link.boundingBox();
    await page.waitForLoadState("networkidle");
    expect(await link.boundingBox()).toEqual(placed);
    await page.unroute("**/api/v1/me/tasks");
    await link.click();
    await page.getByRole("heading", { level: 1, name: "API-Schlüssel" }).waitFor();
    // The demo keys: one in use, one revoked.
    const table = page.getByRole("table", { name: "Schlüssel Ihrer Verwaltung" });
    await table.getByRole("rowheader", { name: "Fachverfahren Bürgeramt" }).waitFor();
    expect(await table.getByRole("row", { name: /Alte Schnittstelle Einwohnermeldeamt/ }).textContent()).toContain("Widerrufen am");
    await expectAccessible(page, "api keys: list");
    await screenshots(page, "api-keys-list");
    expect(await expectFitsWidth(page, 390)).toBeGreaterThan(0);
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.getByLabel("Wofür der Schlüssel ist").fill("Fachverfahren Standesamt");
    await page.getByRole("button", { name: "Schlüssel ausstellen" }).click();
    const issued = page.getByRole("status").filter({ hasText: "Ausgestellt: Der Schlüssel „Fachverfahren Standesamt“" });
    await issued.waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute("role"))).toBe("status");
    const secret = await page.getByLabel("API-Schlüssel „Fachverfahren Standesamt“").inputValue();
    expect(secret).toMatch(/^vbk_[A-Za-z0-9_-]{43}$/);
    expect(await page.getByText("Er wird nicht noch einmal angezeigt.").count()).toBe(1);
    await page.getByRole("button", { name: "Schlüssel kopieren" }).click();
    await page.getByText("Der Schlüssel ist in der Zwischenablage.").waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await expectAccessible(page, "api keys: issued");
    await screenshots(page, "api-keys-issued");

    // The key works for a machine client …
    const self = await context.request.get("/api/v1/api-keys/self", { headers: { authorization: `Bearer ${secret}` } });
    expect(self.status()).toBe(200);
    expect((await self.json()).organization.name).toBe("Wunstorf");
    // … and is never shown again.
    await page.reload();
    await page.getByRole("heading", { level: 1, name: "API-Schlüssel" }).waitFor();
    await table.getByRole("rowheader", { name: "Fachverfahren Standesamt" }).waitFor();
    expect(await page.content()).not.toContain(secret.slice(12));

    // Revoking asks first; "Nicht jetzt" keeps the key valid.
    await page.getByRole("button", { name: "Schlüssel widerrufen: Fachverfahren Standesamt" }).click();
    const dialog = page.getByRole("dialog", { name: "API-Schlüssel „Fachverfahren Standesamt“ widerrufen?" });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain("kann ab sofort nichts mehr melden");
    await expectAccessible(page, "api keys: asked first");
    await screenshots(page, "api-keys-revoke-dialog");
    await dialog.getByRole("button", { name: "Nicht jetzt" }).click();
    await dialog.waitFor({ state: "hidden" });
    expect((await context.request.get("/api/v1/api-keys/self", { headers: { authorization: `Bearer ${secret}` } })).status()).toBe(200);

    await page.getByRole("button", { name: "Schlüssel widerrufen: Fachverfahren Standesamt" }).click();
    await dialog.getByRole("button", { name: "Schlüssel widerrufen" }).click();
    const revoked = page.getByRole("status").filter({ hasText: "Widerrufen: Der Schlüssel „Fachverfahren Standesamt“ gilt nicht mehr." });
    await revoked.waitFor();
    expect(await table.getByRole("row", { name: /Fachverfahren Standesamt/ }).textContent()).toContain("Widerrufen am");
    expect(await page.getByRole("button", { name: "Schlüssel widerrufen: Fachverfahren Standesamt" }).count()).toBe(0);
    expect((await context.request.get("/api/v1/api-keys/self", { headers: { authorization: `Bearer ${secret}` } })).status()).toBe(401);
    await expectAccessible(page, "api keys: revoked");
    await screenshots(page, "api-keys-revoked");
    await context.close();
  });
});
