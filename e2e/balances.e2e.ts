import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { expectAccessible, expectFitsWidth, launch, newPage, screenshots, signInWithKeyboard } from "./browser";

const hasBrowser = inject("e2eHasBrowser");
let browser: Browser;

beforeAll(async () => {
  if (hasBrowser) browser = await launch();
});
afterAll(async () => browser?.close());

describe.skipIf(!hasBrowser)("balances in the browser", () => {
  it("Wunstorf's finance opens Salden with the keyboard and reads its lent and borrowed hours per month (chart and table) and its reciprocity balance", async () => {
    const { context, page } = await newPage(browser);
    await signInWithKeyboard(page, "kaemmerei@wunstorf.demo");
    await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Salden" }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: "Salden" }).waitFor();
    await page.getByRole("heading", { level: 2, name: /^Wunstorf im Jahr \d{4}$/ }).waitFor();
    const api = await page.evaluate(async () => (await fetch("/api/v1/balances")).json());
    const january = api.months[0] as { lent: { value: number }; borrowed: { value: number } };
    expect(january.lent.value).toBeGreaterThan(0);
    const hours = (minutes: number) =>
      new Intl.NumberFormat("de-DE", { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(minutes / 60);
    const row = page.getByRole("table", { name: "Stunden je Monat" }).getByRole("row", { name: /^Januar/ });
    const text = (await row.textContent()) ?? "";
    expect(text).toContain(hours(january.lent.value));
    expect(text).toContain(hours(january.borrowed.value));
    // The same figure stands at January's bar.
    expect(await page.getByRole("img", { name: "Verliehene Stunden je Monat" }).textContent()).toContain(hours(january.lent.value));
    const total = (await page.locator("#balances-total").textContent()) ?? "";
    expect(total).toMatch(/^Gegenseitigkeitskonto am Jahresende: [\d.,]+ Stunden (Guthaben|im Soll)/);
    expect(total).toContain(hours(Math.abs(api.balance.value)));
    expect(await page.locator("main").textContent()).toContain("Gutschrift und Belastung: Stunden bei Gegenseitigkeit.");
    expect(await page.locator("main").textContent()).not.toContain("balances.");
    // The coordination office's part is not on finance's page.
    expect(await page.getByRole("heading", { name: /Ausgleich in der Region/ }).count()).toBe(0);
    await expectAccessible(page, "balances (finance)");
    await screenshots(page, "balances-finance");
    await expectFitsWidth(page, 390);
    await context.close();
  });

  it("the Region's HR office reads its money per month from issued statements (chart and table), the same figures as the API, hidden ones with the reason", async () => {
    const { context, page } = await newPage(browser);
    await signInWithKeyboard(page, "personal@region-hannover.demo");
    await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Salden" }).click();
    await page.getByRole("heading", { level: 3, name: "Geld je Monat" }).waitFor();
    const api = await page.evaluate(async () => (await fetch("/api/v1/balances")).json());
    const money = api.money as Array<{
      month: number;
      invoicedCents: { value: number | null; reason: { de: string } | null };
      owedCents: { value: number | null; reason: { de: string } | null };
    }>;
    expect(money.length, "the demo has an issued statement to the Region").toBeGreaterThan(0);
    const euro = (cents: number) => new Intl.NumberFormat("de-DE", { style: "currency", currency: "EUR" }).format(cents / 100);
    const shown = (f: { value: number | null; reason: { de: string } | null }) => (f.value === null ? f.reason!.de : euro(f.value));
    const table = page.getByRole("table", { name: "Geld je Monat" });
    const monthName = (m: number) =>
      new Intl.DateTimeFormat("de-DE", { month: "long", timeZone: "UTC" }).format(Date.UTC(api.year, m - 1, 1));
    for (const m of money) {
      const cells = await table
        .getByRole("row", { name: new RegExp(`^${monthName(m.month)}`) })
        .getByRole("cell")
        .allTextContents();
      expect(cells.map((c) => c.replace(/\u00a0/g, " "))).toEqual(
        [shown(m.invoicedCents), shown(m.owedCents)].map((c) => c.replace(/\u00a0/g, " ")),
      );
    }
    const chart = (await page.getByRole("img", { name: /^In Rechnung gestellt bekommen je Monat/ }).textContent()) ?? "";
    expect(chart).toContain(monthName(money[0].month));
    if (money.some((m) => m.owedCents.value === null || m.invoicedCents.value === null))
      expect(await page.locator("main").textContent()).toContain("beruht auf weniger als 5 Personen");
    await expectAccessible(page, "balances (HR office, money)");
    await screenshots(page, "balances-money");
    await expectFitsWidth(page, 390);
    await context.close();
  });

  it("the coordination office reads the region's balances, the transfers in plain words and the flows (a pair of fewer than 5 people not shown), and changes the year-end rule after being asked", async () => {
    const { context, page } = await newPage(browser);
    await signInWithKeyboard(page, "koordination@region-hannover.demo");
    await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Salden" }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 2, name: /^Ausgleich in der Region \d{4}$/ }).waitFor();
    const transfers = page.getByRole("list", { name: "So gleichen sich die Salden aus" }).getByRole("listitem");
    expect(await transfers.count()).toBeGreaterThan(0);
    expect(await transfers.first().textContent()).toMatch(/^[\p{L} .]+ gleicht [\d.,]+ Stunden an [\p{L} .]+ aus\.$/u);
    const flows = page.getByRole("table", { name: "Wer wem Stunden geliehen hat" });
    expect(
      await flows
        .getByRole("row", { name: /^Wunstorf/ })
        .filter({ hasText: "Region Hannover" })
        .textContent(),
    ).toContain("weniger als 5 Personen");
    expect(await flows.getByRole("row", { name: /^Seelze/ }).textContent()).toContain("Garbsen");
    // At 390 px the stacked table's caption runs across the table, not down a narrow column.
    await page.setViewportSize({ width: 390, height: 900 });
    const caption = await flows.locator("caption").boundingBox();
    const table = await flows.boundingBox();
    expect(caption!.width, "caption of the flows table at 390 px").toBeGreaterThan(table!.width * 0.9);
    await page.setViewportSize({ width: 1280, height: 900 });
    await expectAccessible(page, "balances (coordination)");
    await screenshots(page, "balances-region");

    // A refused rule: the dialog closes and the summary above the form says why (the answer faked once).
    await page.route("**/api/v1/balances/region/year-end-rule", (route) =>
      route.fulfill({
        status: 409,
        contentType: "application/problem+json",
        body: JSON.stringify({
          type: "urn:verbund:problem:conflict",
          title: "Konflikt",
          status: 409,
          detail: "",
          code: "conflict",
          messages: { de: "Die Regel hat sich gerade geändert.", en: "The rule has just changed." },
        }),
      }),
    );
    await page.getByLabel("Regel zum Jahresende", { exact: true }).selectOption("convert");
    await page.getByRole("button", { name: "Regel speichern" }).first().click();
    await page.getByRole("dialog", { name: "Regel zum Jahresende ändern?" }).getByRole("button", { name: "Regel speichern" }).click();
    await page.getByRole("alert").filter({ hasText: "Die Regel hat sich gerade geändert." }).waitFor();
    expect(await page.getByRole("dialog").count(), "the dialog closes so the summary is seen").toBe(0);
    await page.unrouteAll();
    await page.getByLabel("Regel zum Jahresende", { exact: true }).selectOption("carry_over");

    // The year-end rule: chosen and saved with the keyboard; the page asks first.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByLabel("Regel zum Jahresende", { exact: true }).focus();
    await page.getByLabel("Regel zum Jahresende", { exact: true }).selectOption("convert");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: "Regel zum Jahresende ändern?" });
    await dialog.waitFor();
    await expectAccessible(page, "year-end rule dialog");
    await dialog.getByRole("button", { name: "Regel speichern" }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("status").filter({ hasText: "Gespeichert: Die Salden werden zum Jahresende in Geld umgerechnet." }).waitFor();
    const amounts = page.getByRole("table", { name: "Salden in Geld" });
    await amounts.waitFor();
    expect(await amounts.textContent()).toMatch(/€/);
    expect(await page.locator("main").textContent()).toMatch(/zahlt [\d.,]+\s€ an/);
    await screenshots(page, "balances-region-convert");
    await expectFitsWidth(page, 390);
    // Back to carrying over, so the demo stays as it was.
    await page.getByLabel("Regel zum Jahresende", { exact: true }).selectOption("carry_over");
    await page.getByRole("button", { name: "Regel speichern" }).first().click();
    await dialog.getByRole("button", { name: "Regel speichern" }).click();
    await page.getByRole("status").filter({ hasText: "ins nächste Jahr übertragen" }).waitFor();
    await context.close();
  });

  it('the coordination office closes last year after being asked (rule, what happens, cannot be undone); this year opens with "Übertrag" per administration, also on Wunstorf\'s page', async () => {
    const last = Number(new Intl.DateTimeFormat("en-CA", { year: "numeric", timeZone: "Europe/Berlin" }).format(new Date())) - 1;
    const { context, page } = await newPage(browser);
    await signInWithKeyboard(page, "koordination@region-hannover.demo");
    await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Salden" }).click();
    await page.getByLabel("Jahr", { exact: true }).selectOption(String(last));
    await page.getByRole("button", { name: "Anzeigen" }).click();
    await page.getByRole("heading", { level: 2, name: `Ausgleich in der Region ${last}` }).waitFor();
    expect(await page.locator("main").textContent()).toContain(`Das Jahr ${last} ist zu Ende und noch nicht abgeschlossen.`);
    await page.getByRole("button", { name: `Jahr ${last} abschließen` }).focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: `Jahr ${last} abschließen?` });
    await dialog.waitFor();
    const asked = (await dialog.textContent()) ?? "";
    expect(asked).toContain("Regel: ins nächste Jahr übertragen.");
    expect(asked).toContain(`„Übertrag aus ${last}“ ins Jahr ${last + 1}`);
    expect(asked).toContain("kann nicht rückgängig gemacht werden");
    await expectAccessible(page, "year closing dialog");
    await screenshots(page, "balances-close-dialog");
    await dialog.getByRole("button", { name: `Jahr ${last} abschließen` }).click();
    await page
      .getByRole("status")
      .filter({ hasText: `Das Jahr ${last} ist abgeschlossen.` })
      .waitFor();
    await page
      .locator("#year-closed")
      .filter({ hasText: `Das Jahr ${last} wurde am` })
      .waitFor();
    expect(await page.getByRole("button", { name: `Jahr ${last} abschließen` }).count(), "a closed year is not closed twice").toBe(0);
    await expectAccessible(page, "closed year");
    await screenshots(page, "balances-closed");

    // This year: the balances table shows what was carried over, the same figures as the API.
    await page.getByLabel("Jahr", { exact: true }).selectOption(String(last + 1));
    await page.getByRole("button", { name: "Anzeigen" }).click();
    await page.getByRole("heading", { level: 2, name: `Ausgleich in der Region ${last + 1}` }).waitFor();
    const region = await page.evaluate(async (y) => (await fetch(`/api/v1/balances/region?year=${y}`)).json(), last + 1);
    const openings = region.openings as Array<{ organization: { name: string }; minutes: { value: number } }>;
    expect(openings.length).toBeGreaterThan(1);
    const hours = (minutes: number) =>
      new Intl.NumberFormat("de-DE", { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(Math.abs(minutes) / 60);
    const table = page.getByRole("table", { name: "Salden der Verwaltungen (Stunden)" });
    expect(await table.getByRole("columnheader", { name: `davon Übertrag aus ${last} (Std.)` }).count()).toBe(1);
    for (const o of openings) {
      const row = (await table.getByRole("row", { name: new RegExp(`^${o.organization.name}`) }).textContent()) ?? "";
      expect(row).toContain(`${o.minutes.value > 0 ? "+" : "−"}${hours(o.minutes.value)}`);
    }
    await screenshots(page, "balances-region-opening");
    await expectFitsWidth(page, 390);
    await context.close();

    const finance = await newPage(browser);
    await signInWithKeyboard(finance.page, "kaemmerei@wunstorf.demo");
    await finance.page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Salden" }).click();
    await finance.page.locator("#balances-opening").waitFor();
    const own = await finance.page.evaluate(async () => (await fetch("/api/v1/balances")).json());
    expect(own.opening.fromYear).toBe(last);
    const wunstorf = openings.find((o) => o.organization.name === "Wunstorf")!.minutes.value;
    expect(own.opening.minutes.value).toBe(wunstorf);
    expect(await finance.page.locator("#balances-opening").textContent()).toContain(
      `Übertrag aus ${last}: ${wunstorf > 0 ? "+" : "−"}${hours(wunstorf)} Stunden`,
    );
    await expectAccessible(finance.page, "balances with opening (finance)");
    await screenshots(finance.page, "balances-finance-opening");
    await finance.context.close();
  });
});
