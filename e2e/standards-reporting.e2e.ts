import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { expectAccessible, expectFitsWidth, launch, newPage, screenshots, signInWithKeyboard, press } from "./browser";

const hasBrowser = inject("e2eHasBrowser");
let browser: Browser;

beforeAll(async () => {
  if (!hasBrowser) return;
  browser = await launch();
});
afterAll(async () => browser?.close());

const MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"];
/** The last closed month as the pages name it ("November 2026"): the demo leaves Wunstorf's value for it due. */
function lastClosedMonth(): string {
  const [y, m] = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin", year: "numeric", month: "2-digit" })
    .format(new Date())
    .split("-")
    .map(Number);
  return m === 1 ? `Dezember ${y - 1}` : `${MONTHS[m - 2]} ${y}`;
}

/** The months of the last closed quarter as the pages name them ("Juli 2026", …). */
function lastClosedQuarterMonths(): string[] {
  const [y, m] = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin", year: "numeric", month: "2-digit" })
    .format(new Date())
    .split("-")
    .map(Number);
  const quarter = Math.ceil(m / 3);
  const [year, q] = quarter === 1 ? [y - 1, 4] : [y, quarter - 1];
  return [0, 1, 2].map((i) => `${MONTHS[(q - 1) * 3 + i]} ${year}`);
}

/** Types into the control with this accessible name inside the standard's group. */
async function typeIn(page: Page, group: string, label: string | RegExp, text: string) {
  const field = page.getByRole("group", { name: group }).getByLabel(label);
  await field.focus();
  await field.fill("");
  await page.keyboard.type(text);
}

/**
 * Reporting in the browser, keyboard only (#17): Wunstorf's controlling chooses the last closed
 * month and enters its values by form (the telephone and appointment standards are monthly), is told at the field that the telephone figure stands out, gives the reasons,
 * saves the draft and submits after being asked; the region's coordination sees the values with
 * the reasons and the region's median and validates one, the dialog naming the publication day.
 */
describe.skipIf(!hasBrowser)("reporting values and their review in the browser", () => {
  it("a period that has not ended (opened by its link) offers no field and no upload, and says from which day it can be reported", async () => {
    const { context, page } = await newPage(browser);
    await signInWithKeyboard(page, "controlling@wunstorf.demo");
    const [y, m] = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin", year: "numeric", month: "2-digit" })
      .format(new Date())
      .split("-")
      .map(Number);
    const q = Math.ceil(m / 3);
    const from = q === 4 ? `1. Januar ${y + 1}` : `1. ${MONTHS[q * 3]} ${y}`;
    await page.goto(`/meldungen?zeitraum=${y}-Q${q}`);
    await page.getByRole("heading", { level: 2, name: `Werte für ${q}. Quartal ${y}` }).waitFor();
    await page
      .getByText(`${q}. Quartal ${y} ist noch nicht vorbei. Werte für diesen Zeitraum können ab dem ${from} gemeldet werden`)
      .waitFor();
    expect(await page.getByRole("textbox").count()).toBe(0);
    expect(await page.getByRole("heading", { name: "Als Datei melden" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Einreichen" }).count()).toBe(0);
    // The picker offers the periods that can be reported; the running quarter is not among them.
    const options = await page.getByRole("combobox", { name: "Zeitraum", exact: true }).locator("option").allTextContents();
    expect(options).not.toContain(`${q}. Quartal ${y}`);
    expect(await page.getByRole("combobox", { name: "Zeitraum", exact: true }).inputValue()).toMatch(/^\d{4}-Q[1-4]$/);
    await expectAccessible(page, "reporting: a period that has not ended");
    await screenshots(page, "reporting-not-ended");
    await context.close();
  });

  it("the controlling enters the month, fixes a warning with a reason, saves and submits", async () => {
    const { context, page } = await newPage(browser);
    await signInWithKeyboard(page, "controlling@wunstorf.demo");
    const due = page.getByRole("link", { name: /^Meldung für \d\. Quartal \d{4} fällig/ }).first();
    await due.waitFor();
    await press(page, page.getByRole("link", { name: /^Meldungen/ }));
    await page.getByRole("heading", { level: 1, name: "Meldungen" }).waitFor();
    await page.getByRole("heading", { level: 2, name: /^Werte für \d\. Quartal \d{4}$/ }).waitFor();
    // The quarter's sheet asks the monthly telephone standard for each of its three months.
    for (const m of lastClosedQuarterMonths())
      expect(await page.getByText(`Telefonische Erreichbarkeit (115-Serviceversprechen) – ${m}`, { exact: true }).count(), m).toBe(1);
    await expectAccessible(page, "reporting: the quarter's sheet");
    await screenshots(page, "reporting-quarter");
    const month = lastClosedMonth();
    const period = page.getByRole("combobox", { name: "Zeitraum", exact: true });
    await period.focus();
    await period.selectOption({ label: month });
    await press(page, page.getByRole("button", { name: "Anzeigen" }));
    await page.getByRole("heading", { level: 2, name: `Werte für ${month}` }).waitFor();

    await typeIn(page, "Telefonische Erreichbarkeit", "Wert (%)", "30");
    await typeIn(page, "Telefonische Erreichbarkeit", "Zähler", "1.200");
    await typeIn(page, "Telefonische Erreichbarkeit", "Nenner", "4.000");
    await typeIn(page, "Termin im Bürgeramt", "Wert (Tage)", "11");
    await press(page, page.getByRole("button", { name: "Entwurf speichern" }));

    // Both warnings come back at reason fields under the value; everything typed is still there.
    const summary = page.getByRole("alert");
    await summary.waitFor();
    expect(await summary.textContent()).toContain(
      "Telefonische Erreichbarkeit (115-Serviceversprechen): Begründung: Veränderung zum Vorzeitraum",
    );
    const phone = page.getByRole("group", { name: "Telefonische Erreichbarkeit" });
    expect(await phone.getByLabel("Wert (%)").inputValue()).toBe("30");
    expect(await phone.getByText(/Der Wert ist um \d+ % niedriger als im Zeitraum davor/).count()).toBe(1);
    await expectAccessible(page, "reporting: warnings at the fields");
    await screenshots(page, "reporting-warnings");

    await typeIn(page, "Telefonische Erreichbarkeit", /Begründung: Veränderung/, "Umstellung der Telefonanlage im August");
    await typeIn(page, "Telefonische Erreichbarkeit", /Begründung: Abstand/, "Zwei Stellen im Bürgerbüro waren unbesetzt");
    await press(page, page.getByRole("button", { name: "Entwurf speichern" }));
    await page
      .getByRole("status")
      .filter({ hasText: `Gespeichert: 2 Werte als Entwurf für ${month}` })
      .waitFor();

    // Submitting asks first; "Nicht jetzt" changes nothing.
    await press(page, page.getByRole("button", { name: "Einreichen" }));
    const dialog = page.getByRole("dialog", { name: `2 Werte für ${month} einreichen?` });
    await dialog.waitFor();
    await screenshots(page, "reporting-confirm");
    await press(page, dialog.getByRole("button", { name: "Nicht jetzt" }));
    await dialog.waitFor({ state: "hidden" });
    expect(await page.getByRole("button", { name: "Einreichen" }).count()).toBe(1);
    await press(page, page.getByRole("button", { name: "Einreichen" }));
    await press(page, dialog.getByRole("button", { name: "Einreichen" }));
    await page
      .getByRole("status")
      .filter({ hasText: `Eingereicht: 2 Werte für ${month}` })
      .waitFor();
    // The sheet is read again: each standard now says its value waits for review.
    await page.getByText("eingereicht, wartet auf die Prüfung").nth(1).waitFor();
    expect(await page.getByText("eingereicht, wartet auf die Prüfung").count()).toBe(2);
    await expectAccessible(page, "reporting: submitted");
    await screenshots(page, "reporting-submitted");
    await expectFitsWidth(page, 390);
    await context.close();
  });

  it("the controlling downloads the quarter's template, fills it, uploads it, fixes a warning in the file and submits; the coordination validates it", async () => {
    const { context, page } = await newPage(browser);
    await signInWithKeyboard(page, "controlling@wunstorf.demo");
    await press(page, page.getByRole("link", { name: /^Meldungen/ }));
    const quarterHeading = page.getByRole("heading", { level: 2, name: /^Werte für \d\. Quartal \d{4}$/ });
    await quarterHeading.waitFor();
    const navBefore = await page
      .getByRole("navigation")
      .getByRole("link", { name: /^Meldungen/ })
      .getAttribute("aria-label");
    await page.getByRole("heading", { level: 2, name: "Als Datei melden" }).waitFor();

    // The template of the quarter, as CSV: a line per standard and period, the values empty.
    const link = page.getByRole("link", { name: "Vorlage herunterladen (CSV)" });
    const [download] = await Promise.all([page.waitForEvent("download"), press(page, link)]);
    expect(download.suggestedFilename()).toMatch(/^Meldung-Wunstorf-\d{4}-Q[1-4]\.csv$/);
    const quarter = /(\d{4}-Q[1-4])/.exec(download.suggestedFilename())![1];
    const text = fs.readFileSync((await download.path())!, "utf8");
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.split("\r\n");
    const header = lines.findIndex((l) => l.startsWith("Standard;"));
    expect(lines[header]).toBe("Standard;Bezeichnung;Einheit;Zeitraum;Wert;Zähler;Nenner;Methode;Verlässlichkeit;Begründung");
    // Fill the quarter's lines (the monthly ones of the quarter were reported already and stay empty):
    // the building-permit check far below its last value, without a reason at first.
    const fill = (withReason: boolean) =>
      lines
        .map((line, i) => {
          const cells = line.split(";");
          if (i <= header || cells[3] !== quarter) return line;
          const permit = cells[0] === "bauantrag-vollstaendigkeit";
          cells[4] = permit ? "18" : cells[2] === "Prozent" ? "85,5" : cells[2] === "Tage" ? "20" : "10";
          cells[7] = "Auswertung des Fachverfahrens";
          cells[8] = "hoch";
          cells[9] = permit && !withReason ? "" : "Umstellung des Fachverfahrens im Sommer";
          return cells.join(";");
        })
        .join("\r\n");
    const filled = lines.filter((l) => l.split(";")[3] === quarter).length;
    expect(filled).toBeGreaterThan(1);
    const problemLine = lines.findIndex((l) => l.startsWith(`bauantrag-vollstaendigkeit;`) && l.split(";")[3] === quarter) + 1;

    const upload = async (content: string) => {
      await page
        .locator("#field-file")
        .setInputFiles({ name: `wunstorf-${quarter}.csv`, mimeType: "text/csv", buffer: Buffer.from(content) });
      await press(page, page.getByRole("button", { name: "Datei hochladen" }));
    };
    await upload(fill(false));
    const failed = page.getByRole("alert").filter({ hasText: "Die Datei wurde nicht übernommen" });
    await failed.waitFor();
    expect(await failed.textContent()).toContain(`Zeile ${problemLine}, Spalte Begründung: Der Wert ist um`);
    expect(await failed.textContent()).toContain("Es wurde nichts gespeichert");
    await expectAccessible(page, "reporting: a file with a warning");
    await screenshots(page, "reporting-file-failed");

    await upload(fill(true));
    await page
      .getByRole("status")
      .filter({ hasText: `${filled} Werte übernommen — bitte prüfen und einreichen` })
      .waitFor();
    // The values are drafts in the form now, the reason with them.
    const permit = page.getByRole("group", { name: /^Vollständigkeitsprüfung/ });
    await expect.poll(() => permit.getByLabel("Wert (%)").inputValue()).toBe("18");
    await expectAccessible(page, "reporting: a file taken over");
    await screenshots(page, "reporting-file-done");

    await press(page, page.getByRole("button", { name: "Einreichen" }));
    const dialog = page.getByRole("dialog", { name: new RegExp(`^${filled} Werte für \\d\\. Quartal \\d{4} einreichen\\?$`) });
    await dialog.waitFor();
    await press(page, dialog.getByRole("button", { name: "Einreichen" }));
    await page
      .getByRole("status")
      .filter({ hasText: new RegExp(`^Eingereicht: ${filled} Werte für`) })
      .waitFor();
    // The navigation's count follows at once, without a change of page.
    await expect
      .poll(() =>
        page
          .getByRole("navigation")
          .getByRole("link", { name: /^Meldungen/ })
          .getAttribute("aria-label"),
      )
      .not.toBe(navBefore);
    const quarterLabel = (await quarterHeading.textContent())!.replace(/^Werte für /, "");
    await context.close();

    // The region's coordination finds the uploaded value with the reason from the file and validates it.
    const coordination = await newPage(browser);
    const review = coordination.page;
    await signInWithKeyboard(review, "koordination@region-hannover.demo");
    await press(review, review.getByRole("link", { name: `Meldungen für ${quarterLabel} prüfen` }).first());
    await review.getByRole("heading", { level: 1, name: "Prüfung der Meldungen" }).waitFor();
    const card = review.getByRole("listitem").filter({ has: review.getByRole("heading", { name: /^Wunstorf: Vollständigkeitsprüfung/ }) });
    await card.waitFor();
    expect(await card.textContent()).toContain("Begründung: Umstellung des Fachverfahrens im Sommer");
    await press(review, card.getByRole("button", { name: /^Validieren/ }));
    const validate = review.getByRole("dialog", { name: `Wert von Wunstorf für ${quarterLabel} validieren?` });
    await validate.waitFor();
    await press(review, validate.getByRole("button", { name: "Validieren" }));
    await review
      .getByRole("status")
      .filter({ hasText: /^Validiert: Vollständigkeitsprüfung.* von Wunstorf/ })
      .waitFor();
    await expectAccessible(review, "review: the uploaded value validated");
    await coordination.context.close();
  });

  it("the coordination sees the reasons and the median, and validates after being told the publication day", async () => {
    const { context, page } = await newPage(browser);
    await signInWithKeyboard(page, "koordination@region-hannover.demo");
    await press(page, page.getByRole("link", { name: new RegExp(`Meldungen für ${lastClosedMonth()} prüfen`) }).first());
    await page.getByRole("heading", { level: 1, name: "Prüfung der Meldungen" }).waitFor();
    const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: /^Wunstorf: Telefonische Erreichbarkeit/ }) });
    await card.waitFor();
    expect(await card.textContent()).toContain("Begründung: Umstellung der Telefonanlage im August");
    expect(await card.textContent()).toMatch(/Median der Region\s*\d+(,\d+)? % \(\d+ Verwaltungen\)/);
    await expectAccessible(page, "review: the list");
    await screenshots(page, "review-list");

    await press(page, card.getByRole("button", { name: /^Validieren/ }));
    const dialog = page.getByRole("dialog", { name: `Wert von Wunstorf für ${lastClosedMonth()} validieren?` });
    await dialog.waitFor();
    // "Nicht jetzt" changes nothing.
    await press(page, dialog.getByRole("button", { name: "Nicht jetzt" }));
    await dialog.waitFor({ state: "hidden" });
    await card.waitFor();
    await press(page, card.getByRole("button", { name: /^Validieren/ }));
    await dialog.waitFor();
    expect(await dialog.textContent()).toMatch(/wird am 15\. \S+ \d{4} veröffentlicht/);
    await screenshots(page, "review-confirm");
    await press(page, dialog.getByRole("button", { name: "Validieren" }));
    await page
      .getByRole("status")
      .filter({ hasText: /^Validiert: Telefonische Erreichbarkeit \(115-Serviceversprechen\) von Wunstorf/ })
      .waitFor();
    // The value leaves the list of what waits.
    await page.getByRole("heading", { name: /^Wunstorf: Telefonische Erreichbarkeit/ }).waitFor({ state: "detached" });
    await expectAccessible(page, "review: validated");

    // Sending back asks for the comment inside the dialog; the value goes back to Garbsen as a draft.
    const garbsen = page
      .getByRole("listitem")
      .filter({ has: page.getByRole("heading", { name: /^Garbsen: Telefonische Erreichbarkeit/ }) });
    await press(page, garbsen.getByRole("button", { name: /^Zurückgeben/ }));
    const back = page.getByRole("dialog", { name: `Wert von Garbsen für ${lastClosedMonth()} zurückgeben?` });
    await back.waitFor();
    await press(page, back.getByRole("button", { name: "Zurückgeben" }));
    await back.locator(".kern-error").waitFor();
    await back.getByLabel("Anmerkung für Garbsen").focus();
    await page.keyboard.type("Bitte die Zahl der Anrufe im September prüfen.");
    await screenshots(page, "review-send-back");
    await press(page, back.getByRole("button", { name: "Zurückgeben" }));
    await page
      .getByRole("status")
      .filter({ hasText: /^Zurückgegeben an Garbsen/ })
      .waitFor();
    await garbsen.waitFor({ state: "detached" });
    await context.close();
  });
});
