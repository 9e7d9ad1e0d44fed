import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { todayInGermany } from "../web/src/i18n/dates";
import { formatPeriod, lastClosedPeriod, periodOf, shiftPeriod } from "../src/domain/standards/period";
import { expectAccessible, expectFitsWidth, launch, newPage, screenshots, signInWithKeyboard } from "./browser";

const hasBrowser = inject("e2eHasBrowser");
let browser: Browser;

beforeAll(async () => {
  if (hasBrowser) browser = await launch();
});
afterAll(async () => browser?.close());

/**
 * The demo's periods: Wunstorf's telephone values are published for the quarters before the last
 * closed one; those of the last closed quarter's months are validated and embargoed until the 15th.
 */
const day = todayInGermany();
const lastQuarter = lastClosedPeriod("quarter", day);
const quarterBefore = shiftPeriod(lastQuarter, 1);
const monthOf = (q: typeof lastQuarter, i: number) => periodOf("month", q.year, (q.index - 1) * 3 + 1 + i);
/** The month the demo's comment of Wunstorf is on (the middle month of the quarter before). */
const commentedMonth = formatPeriod(monthOf(quarterBefore, 1));
/** A month under embargo: the last closed quarter's first month (validated, published on the 15th). */
const embargoedMonth = formatPeriod(monthOf(lastQuarter, 0));
const PHONE = "Telefonische Erreichbarkeit";

describe.skipIf(!hasBrowser)("the transparency portal in the browser", () => {
  it("an anonymous visitor finds Wunstorf, sees published values with method and the administration's comment, not the embargoed one", async () => {
    const { context, page } = await newPage(browser);
    await page.goto("/");
    await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Transparenz" }).click();
    await page.getByRole("heading", { level: 1, name: "Transparenzportal" }).waitFor();
    await page.getByRole("link", { name: "Wunstorf" }).waitFor();
    await expectAccessible(page, "transparency portal");
    await screenshots(page, "transparency-start");
    await expectFitsWidth(page, 390);
    await page.setViewportSize({ width: 1280, height: 900 });

    // The citizen types the start of the town's name, by keyboard; the list narrows and says how many.
    await page.getByLabel("Name Ihrer Stadt oder Gemeinde").focus();
    await page.keyboard.type("wunst");
    await page.getByRole("status").filter({ hasText: "1 Verwaltung gefunden." }).waitFor();
    expect(await page.getByRole("link", { name: "Garbsen" }).count()).toBe(0);
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: "Wunstorf: veröffentlichte Werte" }).waitFor();

    const phone = page.getByRole("table", { name: new RegExp(PHONE) });
    const commented = phone.getByRole("row", { name: new RegExp(commentedMonth) });
    const text = (await commented.textContent()) ?? "";
    expect(text).toContain("Auswertung der Telefonanlage");
    expect(text).toContain("In diesem Monat fiel die Telefonanlage an zwei Tagen aus.");
    expect(text).toMatch(/erfüllt|im Toleranzbereich|verfehlt/);
    const main = (await page.locator("main").textContent()) ?? "";
    expect(main).toContain("115");
    // Embargoed: not before its publication day.
    expect(await phone.getByRole("row", { name: new RegExp(embargoedMonth) }).count()).toBe(0);
    expect(main).not.toContain(embargoedMonth);
    await expectAccessible(page, "transparency: Wunstorf");
    await screenshots(page, "transparency-wunstorf");
    await expectFitsWidth(page, 390);
    await context.close();
  });

  it("Wunstorf's controlling writes a comment at a published value; the public sees it in the portal", async () => {
    const { context, page } = await newPage(browser);
    await signInWithKeyboard(page, "controlling@wunstorf.demo");
    await page.goto(`/meldungen?zeitraum=${quarterBefore.text}`);
    const write = page.getByRole("button", { name: /^Stellungnahme schreiben: Vollständigkeitsprüfung/ });
    await write.click();
    const form = page.locator('form[name="submission-reply"]');
    await form
      .getByLabel("Stellungnahme zum veröffentlichten Wert")
      .fill("Zwei Stellen der Bauaufsicht waren in diesem Quartal unbesetzt.");
    await expectAccessible(page, "reply form");
    await page.getByRole("button", { name: "Stellungnahme veröffentlichen" }).click();
    await page.getByText("Ihre Stellungnahme ist gespeichert").waitFor();
    await screenshots(page, "reply-saved");
    await expectAccessible(page, "reply saved");
    await page.getByRole("link", { name: "Im Transparenzportal ansehen" }).click();
    await page.getByRole("heading", { level: 1, name: "Wunstorf: veröffentlichte Werte" }).waitFor();
    const permit = page.getByRole("table", { name: /Vollständigkeitsprüfung/ });
    const row = permit.getByRole("row", { name: new RegExp(formatPeriod(quarterBefore)) });
    expect(await row.textContent()).toContain("Zwei Stellen der Bauaufsicht waren in diesem Quartal unbesetzt.");
    await context.close();
  });
});
