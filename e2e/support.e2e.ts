import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { expectAccessible, launch, newPage, signInWithKeyboard } from "./browser";

const hasBrowser = inject("e2eHasBrowser");
let browser: Browser;
const day = (offset: number) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);
const TITLE = "Kontaktnachverfolgung Winterwelle (Browsertest)";

beforeAll(async () => {
  if (hasBrowser) browser = await launch();
});
afterAll(async () => browser?.close());

describe.skipIf(!hasBrowser)("mutual support in the browser", () => {
  it("an employee joins the pool with consent and sets availability", async () => {
    const { context, page } = await newPage(browser);
    await signInWithKeyboard(page, "mitarbeiterin@wunstorf.demo");
    await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Unterstützungspool" }).click();
    await page.getByRole("heading", { level: 2, name: "Einwilligung" }).waitFor();
    expect(await page.locator(".consent-text").textContent()).toContain("widerrufen");
    await expectAccessible(page, "pool join form");
    await page.getByRole("button", { name: "Dem Pool beitreten" }).click();
    await page.getByRole("alert").waitFor();
    expect(await page.getByRole("alert").textContent()).toContain("Einwilligung");
    await page.getByLabel("Ich willige ein", { exact: false }).check();
    await page.getByLabel("Tätigkeit").fill("Sachbearbeiterin Bauordnung");
    await page.getByLabel("Kontaktnachverfolgung").check();
    await page.getByLabel("Verfügbarkeit 1: von").fill(day(1));
    await page.getByLabel("Verfügbarkeit 1: bis").fill(day(200));
    await page.getByLabel("Verfügbarkeit 1: Stunden pro Woche").fill("25");
    await page.getByRole("button", { name: "Dem Pool beitreten" }).click();
    await page.getByRole("status").filter({ hasText: "Sie sind jetzt im Unterstützungspool." }).waitFor();
    expect(await page.locator(".badge-list").textContent()).toContain("Kontaktnachverfolgung: noch nicht bestätigt");
    expect(await page.getByLabel("Verfügbarkeit 1: von").inputValue()).toBe(day(1));
    expect(await page.getByLabel("Verfügbarkeit 1: Stunden pro Woche").inputValue()).toBe("25");
    await expectAccessible(page, "pool member view");
    await context.close();
  });

  it("the HR office of Wunstorf confirms the qualification", async () => {
    const { context, page } = await newPage(browser);
    await signInWithKeyboard(page, "personal@wunstorf.demo");
    await page.goto("/pool/mitglieder");
    const row = page.locator("tbody tr", { hasText: "Katrin Schulze" });
    await row.waitFor();
    await expectAccessible(page, "pool members");
    await row.getByRole("button", { name: "Qualifikationen bestätigen: Katrin Schulze" }).click();
    await page.getByRole("status").filter({ hasText: "sind bestätigt" }).waitFor();
    expect(await page.locator("tbody tr", { hasText: "Katrin Schulze" }).textContent()).toContain("Kontaktnachverfolgung (bestätigt)");
    await page.getByRole("link", { name: "Poolmitglied erfassen" }).click();
    await page.getByRole("heading", { level: 1, name: "Poolmitglied erfassen" }).waitFor();
    await page.getByLabel("Dienstliche E-Mail-Adresse").waitFor();
    await expectAccessible(page, "register pool member");
    await page.getByLabel("Name", { exact: true }).fill("Ole Brandt");
    await page.getByLabel("Dienstliche E-Mail-Adresse").fill("ole.brandt@wunstorf.de");
    await page.getByLabel("Tätigkeit").fill("Sachbearbeiter Ordnungsamt");
    await page.getByRole("button", { name: "Poolmitglied speichern" }).click();
    await page.getByRole("alert").waitFor();
    expect(await page.getByRole("alert").textContent()).toContain("Einwilligung");
    expect(await page.getByLabel("Name", { exact: true }).inputValue()).toBe("Ole Brandt"); // nothing entered is lost
    await page.getByLabel("Die schriftliche Einwilligung", { exact: false }).check();
    await page.getByRole("button", { name: "Poolmitglied speichern" }).click();
    await page.locator("tbody tr", { hasText: "Ole Brandt" }).waitFor();
    await context.close();
  });

  it("the Gesundheitsamt posts a crisis request", async () => {
    const { context, page } = await newPage(browser);
    await signInWithKeyboard(page, "gesundheitsamt@region-hannover.demo");
    await page.goto("/anfragen/neu");
    await page.getByRole("heading", { level: 1, name: "Neue Unterstützungsanfrage" }).waitFor();
    await page.getByLabel("Krise", { exact: true }).locator("option").nth(1).waitFor({ state: "attached" });
    await expectAccessible(page, "new request");
    await page.getByLabel("Anfrage", { exact: true }).fill(TITLE);
    await page.getByLabel("Aufgaben", { exact: true }).fill("Kontaktpersonen anrufen und in SORMAS erfassen.");
    await page.getByLabel("Dringlichkeit", { exact: true }).selectOption("crisis");
    await page.getByLabel("Krise", { exact: true }).selectOption({ index: 1 });
    await page.getByLabel("Personen", { exact: true }).fill("8");
    await page.getByLabel("Beginn", { exact: true }).fill(day(3));
    await page.getByLabel("Ende", { exact: true }).fill(day(60));
    await page.getByLabel("Stunden pro Woche", { exact: true }).fill("20");
    await page.getByLabel("Mobiles Arbeiten ist möglich").check();
    await page.getByRole("group", { name: "Erforderliche Qualifikationen" }).getByLabel("Kontaktnachverfolgung").check();
    await page.getByRole("button", { name: "Veröffentlichen" }).click();
    await page.getByRole("heading", { level: 1, name: TITLE }).waitFor();
    expect(await page.locator("dl").textContent()).toContain("Krise – Infektionswelle Winter 2026/27");
    await expectAccessible(page, "request");
    await context.close();
  });

  it("Wunstorf's HR office sees that one of its members qualifies and offers her; the crisis board shows it", async () => {
    const { context, page } = await newPage(browser);
    await signInWithKeyboard(page, "personal@wunstorf.demo");
    await page.goto("/anfragen");
    const row = page.locator("tbody tr", { hasText: TITLE });
    await row.waitFor();
    expect(await page.locator("tbody tr").first().textContent()).toContain("Krise");
    expect(Number(await row.locator("td").nth(4).textContent())).toBeGreaterThanOrEqual(1);
    await expectAccessible(page, "requests");
    await row.getByRole("link", { name: TITLE }).click();
    await page.getByRole("heading", { level: 2, name: "Personen anbieten" }).waitFor();
    await page.getByRole("button", { name: "Anbieten: Katrin Schulze" }).click();
    await page.getByRole("status").filter({ hasText: "Katrin Schulze wurde angeboten." }).waitFor();
    await expectAccessible(page, "request with offer");
    await page.goto("/krisen");
    await page.getByRole("link", { name: "Infektionswelle Winter 2026/27" }).click();
    await page.getByRole("heading", { level: 1, name: /Krisenlage/ }).waitFor();
    const boardRow = page.locator("tbody tr", { hasText: TITLE });
    expect(await boardRow.textContent()).toContain("12,5 %");
    expect(await page.locator("main").textContent()).not.toContain("Katrin");
    expect(await page.locator("figure svg[role=img]").count()).toBe(2);
    await expectAccessible(page, "crisis board");
    await context.close();
  });

  it("the coordination office reads the outbox", async () => {
    const { context, page } = await newPage(browser);
    await signInWithKeyboard(page, "koordination@region-hannover.demo");
    await page.goto("/postausgang");
    await page.getByRole("heading", { level: 1, name: "Postausgang" }).waitFor();
    await expectAccessible(page, "outbox");
    await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Qualifikationen" }).click();
    await page.getByRole("heading", { level: 1, name: "Qualifikationskatalog" }).waitFor();
    await page.getByLabel("Bezeichnung").fill("Hochwasserschutz");
    await page.getByLabel("Schlüssel").fill("hochwasserschutz");
    await page.getByLabel("Bereich").selectOption("Ordnung");
    await page.getByRole("button", { name: "Qualifikation hinzufügen" }).click();
    await page.getByRole("status").filter({ hasText: "Hochwasserschutz" }).waitFor();
    expect(await page.locator("tbody").textContent()).toContain("hochwasserschutz");
    await expectAccessible(page, "qualification catalogue");
    await context.close();
  });
});
