import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { expectAccessible, launch, newPage, signInWithKeyboard } from "./browser";

const hasBrowser = inject("e2eHasBrowser");
let browser: Browser;

beforeAll(async () => {
  if (hasBrowser) browser = await launch();
});
afterAll(async () => browser?.close());

/** What every page shows when its data cannot be loaded (one hook, `useApi`, for all of them). */
describe.skipIf(!hasBrowser)("pages that cannot load say why", () => {
  it("a page the account may not use names the reason instead of showing an empty list", async () => {
    const { context, page } = await newPage(browser);
    await signInWithKeyboard(page, "mitarbeiterin@wunstorf.demo");
    await page.goto("/postausgang");
    await page.getByRole("heading", { level: 1, name: "Postausgang" }).waitFor();
    expect(await page.getByRole("alert").textContent()).toContain("Dazu sind Sie nicht berechtigt.");
    await expectAccessible(page, "outbox refused");
    await page.goto("/konten");
    expect(await page.getByRole("alert").textContent()).toContain("Dazu sind Sie nicht berechtigt.");
    expect(await page.locator("table").count()).toBe(0);
    expect(await page.getByRole("button", { name: "Konto anlegen" }).count()).toBe(0); // no form the server would refuse
    await context.close();
  });

  it("a secondment that does not exist (or is another administration's) is a page that does not exist", async () => {
    const { context, page } = await newPage(browser);
    await signInWithKeyboard(page, "personal@wunstorf.demo");
    await page.goto("/abordnungen/00000000-0000-4000-8000-000000000000");
    await page.getByRole("heading", { level: 1, name: "Diese Seite gibt es nicht." }).waitFor();
    await expectAccessible(page, "missing secondment");
    await context.close();
  });

  it("when the server cannot be reached, the page says so in plain words and loads once it can", async () => {
    const { context, page } = await newPage(browser);
    await signInWithKeyboard(page, "personal@wunstorf.demo");
    await page.route("**/api/v1/support-requests", (route) => route.abort("connectionrefused"));
    await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Anfragen" }).click();
    await page.getByRole("heading", { level: 1, name: "Unterstützungsanfragen" }).waitFor();
    expect(await page.getByRole("alert").textContent()).toBe(
      "Der Server ist nicht erreichbar. Bitte laden Sie die Seite gleich noch einmal.",
    );
    await expectAccessible(page, "requests unreachable");
    await page.unroute("**/api/v1/support-requests");
    await page.reload();
    await page.locator("tbody tr").first().waitFor();
    expect(await page.getByRole("alert").count()).toBe(0);
    await context.close();
  });
});
