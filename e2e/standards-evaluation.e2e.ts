import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { expectAccessible, expectFitsWidth, launch, newPage, screenshots, signInWithKeyboard, press } from "./browser";
import { formatPeriod, lastClosedPeriod, shiftPeriod } from "../src/domain/standards/period";
import { today } from "../src/kernel/dates";

const hasBrowser = inject("e2eHasBrowser");
let browser: Browser;

beforeAll(async () => {
  if (!hasBrowser) return;
  browser = await launch();
});
afterAll(async () => browser?.close());

/** From the catalogue to the evaluation of a standard, by keyboard. */
async function openEvaluation(page: Page, standard: RegExp) {
  await press(page, page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Leistungsstandards" }));
  await press(page, page.getByRole("link", { name: standard }).first());
  await press(page, page.getByRole("link", { name: "Auswertung ansehen" }));
  await page.getByRole("heading", { level: 1, name: /^Auswertung: / }).waitFor();
}

/**
 * The evaluation of service standards in the browser (#18), keyboard only: the region's
 * coordination sees the distribution with its table, the best practice and the map, and a peer
 * group too small for a comparison; Wunstorf's mayor is told that the building-permit standard was
 * missed twice, and Wunstorf's building department asks for support from there with a form that
 * arrives filled in.
 */
describe.skipIf(!hasBrowser)("the evaluation of a service standard in the browser", () => {
  it("the coordination sees distribution, table, best practice and map; a small peer group is too few to compare", async () => {
    const { context, page } = await newPage(browser);
    await signInWithKeyboard(page, "koordination@region-hannover.demo");
    await openEvaluation(page, /^Telefonische Erreichbarkeit/);
    await page.getByRole("img", { name: /^Verteilung der Werte/ }).waitFor();
    // The month before the last closed one: standards-reporting.e2e.ts reports Wunstorf's last month.
    const month = formatPeriod(shiftPeriod(lastClosedPeriod("month", today()), 1));
    const period = page.getByRole("combobox", { name: "Zeitraum", exact: true });
    await period.focus();
    await period.selectOption({ label: month });
    await press(page, page.getByRole("button", { name: "Anzeigen" }));
    await page.getByRole("heading", { level: 2, name: new RegExp(`^Verteilung – ganze Region, ${month}$`) }).waitFor();
    const table = page.getByRole("table", { name: /^Verwaltungen im Zeitraum/ });
    await table.waitFor();
    // Every administration is there, in alphabetical order (no league table).
    const names = await table.getByRole("rowheader").allTextContents();
    expect(names).toHaveLength(22);
    expect(names).toEqual([...names].sort(new Intl.Collator("de").compare));
    // The demo makes Garbsen the model; a browser test that reports better values before this one may make another.
    await page.getByText(/^\S.* hat den Standard von .* in jedem Zeitraum erfüllt/).waitFor();
    expect(await page.getByRole("link", { name: /^leistungsstandards@[a-z-]+\.demo$/ }).getAttribute("href")).toMatch(
      /^mailto:leistungsstandards@[a-z-]+\.demo$/,
    );
    await page.getByRole("img", { name: /^Status der Gemeinden/ }).waitFor();
    expect(await page.getByRole("table", { name: "Verwaltungen nach Status" }).getByRole("row").count()).toBe(5);
    await expectAccessible(page, "evaluation: the region");
    await screenshots(page, "evaluation-region");
    await expectFitsWidth(page, 390);
    await page.setViewportSize({ width: 1280, height: 900 });

    const peer = page.getByRole("combobox", { name: "Vergleichsgruppe" });
    await peer.focus();
    await peer.selectOption({ label: "Verwaltungen über 50.000 Einwohnern" });
    await press(page, page.getByRole("button", { name: "Anzeigen" }));
    await page.getByText(/^Zu wenige Werte für einen Vergleich/).waitFor();
    expect(await table.getByRole("rowheader").count()).toBeLessThan(22);
    await expectAccessible(page, "evaluation: a small peer group");
    await context.close();
  });

  it("Wunstorf's mayor is told the building-permit standard was missed twice", async () => {
    const { context, page } = await newPage(browser);
    await signInWithKeyboard(page, "buergermeister@wunstorf.demo");
    await openEvaluation(page, /^Vollständigkeitsprüfung/);
    await page.getByRole("heading", { level: 2, name: "Ihre Verwaltung braucht hier Unterstützung" }).waitFor();
    await page.getByRole("img", { name: /^Verteilung der Werte/ }).waitFor();
    await page.getByRole("rowheader", { name: "Wunstorf (Ihre Verwaltung)" }).waitFor();
    // The mayor makes no support requests: the page says who does.
    await page.getByText(/^Eine Unterstützungsanfrage stellen die Personalstelle oder eine Fachbereichsleitung/).waitFor();
    await expectAccessible(page, "evaluation: needs support (management)");
    await screenshots(page, "evaluation-needs-support");
    await context.close();
  });

  it("Wunstorf's building department asks for support and finds the request form filled in", async () => {
    const { context, page } = await newPage(browser);
    await signInWithKeyboard(page, "bauamt@wunstorf.demo");
    await openEvaluation(page, /^Vollständigkeitsprüfung/);
    await press(page, page.getByRole("link", { name: "Unterstützung anfragen" }));
    await page.getByRole("heading", { level: 1, name: "Neue Unterstützungsanfrage" }).waitFor();
    expect(await page.getByLabel("Anfrage", { exact: true }).inputValue()).toBe(
      "Unterstützung: Vollständigkeitsprüfung des Bauantrags innerhalb von 3 Wochen",
    );
    expect(await page.getByLabel("Aufgaben", { exact: true }).inputValue()).toMatch(/^Wunstorf hat den Leistungsstandard/);
    const department = page.getByRole("combobox", { name: "Fachbereich" });
    expect(await department.locator("option:checked").textContent()).toBe("Bauordnung");
    expect(
      await page
        .getByRole("group", { name: /^Erforderliche Qualifikationen/ })
        .getByRole("checkbox", { name: "Bauantragsprüfung" })
        .isChecked(),
    ).toBe(true);
    await expectAccessible(page, "support request filled from the evaluation");
    await screenshots(page, "evaluation-support-form");
    await context.close();
  });
});
