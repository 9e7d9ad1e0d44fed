import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { expectAccessible, expectFitsWidth, launch, newPage, screenshots, signInWithKeyboard, press } from "./browser";
import { as, ensureRunningSecondment, PERSON } from "./running-secondment";

const hasBrowser = inject("e2eHasBrowser");
let browser: Browser;
let id: string;

beforeAll(async () => {
  if (!hasBrowser) return;
  browser = await launch();
  id = await ensureRunningSecondment();
});
afterAll(async () => browser?.close());

/**
 * Hours in the browser, keyboard only (#16): Jonas Weber (Wunstorf) records last week, the
 * Gesundheitsamt's head finds it in the task list and confirms it, Wunstorf's finance office sees
 * the confirmed hours.
 */
describe.skipIf(!hasBrowser)("hours of a secondment in the browser", () => {
  it("the seconded person records last week in hours like 7,75; a refused week keeps every value", async () => {
    const { context, page } = await newPage(browser);
    await signInWithKeyboard(page, PERSON.login);
    await page.goto(`/abordnungen/${id}`);
    await press(page, page.getByRole("link", { name: "Stunden und Auslagen", exact: true }));
    await page.getByRole("heading", { level: 1, name: `Stunden und Auslagen: ${PERSON.name}` }).waitFor();
    await press(page, page.getByRole("button", { name: "Vorherige Woche" }));
    const week = page.getByRole("group", { name: /^Woche vom/ });
    await week.getByLabel(/^Montag/).waitFor();
    const days = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag"];
    for (const [i, day] of days.entries()) {
      await week.getByLabel(new RegExp(`^${day}`)).focus();
      await page.keyboard.type(i === 0 ? "11" : "7,75");
    }
    await page.keyboard.press("Enter");
    const summary = page.getByRole("alert").filter({ hasText: "Höchstens 10 Stunden am Tag" });
    await summary.waitFor();
    expect(await week.getByLabel(/^Dienstag/).inputValue()).toBe("7,75");
    expect(await week.getByLabel(/^Montag/).inputValue()).toBe("11");
    await expectAccessible(page, "hours: a refused week");
    await week.getByLabel(/^Montag/).fill("");
    await week.getByLabel(/^Montag/).focus();
    await page.keyboard.type("7,75");
    await page.keyboard.press("Enter");
    const notice = page.getByRole("status").filter({ hasText: "Gespeichert: 5 Tage mit zusammen 38,75 Std. Als Nächstes" });
    await notice.waitFor();
    expect(await notice.textContent()).toContain("Als Nächstes bestätigt die Fachbereichsleitung in Region Hannover die Stunden");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("role"))).toBe("status");
    // The form now shows the days with their state instead of fields.
    await expect.poll(() => week.getByText(/7,75 Std\. – offen/).count()).toBe(5);
    await expectAccessible(page, "hours: a week recorded");
    await expectFitsWidth(page, 390);
    await screenshots(page, "timesheet-person");
    await context.close();
  });

  it("the Gesundheitsamt's head opens the task, returning asks first, and confirms the week's open days", async () => {
    const { context, page } = await newPage(browser);
    await signInWithKeyboard(page, "gesundheitsamt@region-hannover.demo");
    await press(page, page.getByRole("link", { name: `Stunden bestätigen: 5 Tage von ${PERSON.name}` }));
    await page.getByRole("heading", { level: 1, name: `Stunden und Auslagen: ${PERSON.name}` }).waitFor();
    await page.getByText(/Bestätigt: 0,00 Std\. · Offen: 38,75 Std\./).waitFor();

    await press(page, page.getByRole("button", { name: /^Zurückgeben: / }).first());
    const dialog = page.getByRole("dialog", { name: /^Stunden vom .* zurückgeben\?$/ });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(`${PERSON.name} sieht Ihre Anmerkung in den eigenen Aufgaben`);
    await expectAccessible(page, "hours: returning asks first");
    await screenshots(page, "timesheet-return-dialog");
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });

    await press(page, page.getByRole("button", { name: /^Offene Tage der Woche vom .* bestätigen$/ }));
    const notice = page.getByRole("status").filter({ hasText: "Bestätigt: 5 Tage." });
    await notice.waitFor();
    expect(await notice.textContent()).toContain("die abgebende Verwaltung sieht sie");
    await page.getByText(/Bestätigt: 38,75 Std\. · Offen: 0,00 Std\./).waitFor();
    expect(await page.getByRole("button", { name: /^Zurückgeben: / }).count()).toBe(0);
    await expectAccessible(page, "hours: confirmed");
    await expectFitsWidth(page, 390);
    await screenshots(page, "timesheet-head");

    await page.goto("/");
    await page.getByRole("heading", { level: 1, name: /Guten Tag/ }).waitFor();
    expect(await page.getByRole("link", { name: `Stunden bestätigen: 5 Tage von ${PERSON.name}` }).count()).toBe(0);
    await context.close();
  });

  it("Wunstorf's finance office sees the confirmed hours, and nothing to change", async () => {
    const { context, page } = await newPage(browser);
    await signInWithKeyboard(page, "kaemmerei@wunstorf.demo");
    await page.goto(`/abordnungen/${id}`);
    await press(page, page.getByRole("link", { name: "Stunden und Auslagen", exact: true }));
    await page.getByRole("heading", { level: 1, name: `Stunden und Auslagen: ${PERSON.name}` }).waitFor();
    // The page opens at the month of the latest confirmed day.
    const table = page.getByRole("table", { name: /^Stunden im/ });
    await table.waitFor();
    await page.getByText(/Bestätigt: 38,75 Std\./).waitFor();
    expect(await page.getByRole("status").filter({ hasText: "Sie sehen die bestätigten Stunden" }).count()).toBe(1);
    expect(await table.getByText("bestätigt").count()).toBe(5);
    expect(await page.getByRole("form").count()).toBe(0);
    expect(await page.getByRole("button", { name: /bestätigen|Zurückgeben|Korrigieren/ }).count()).toBe(0);
    await expectAccessible(page, "hours: the lender's finance office");
    await screenshots(page, "timesheet-finance");
    await context.close();
  });

  it("the person records travel costs with a receipt; the head returns them after being asked, told first that a comment is needed", async () => {
    const person = await newPage(browser);
    await signInWithKeyboard(person.page, PERSON.login);
    await person.page.goto(`/abordnungen/${id}/stunden`);
    const form = person.page.getByRole("form", { name: "Auslage erfassen" });
    await form.getByLabel("Betrag in Euro").fill("23,40");
    await form.getByLabel("Notiz").fill("Bahn Wunstorf–Hannover");
    await form.getByLabel("Beleg", { exact: true }).setInputFiles({
      name: "fahrkarte.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"),
    });
    await press(person.page, form.getByRole("button", { name: "Auslage speichern" }));
    const saved = person.page.getByRole("status").filter({ hasText: "Gespeichert: Fahrtkosten über 23,40" });
    await saved.waitFor();
    expect(await saved.textContent()).toContain("Als Nächstes bestätigt die Fachbereichsleitung in Region Hannover die Auslage.");
    await person.context.close();

    const { context, page } = await newPage(browser);
    await signInWithKeyboard(page, "gesundheitsamt@region-hannover.demo");
    await page.goto(`/abordnungen/${id}/stunden`);
    await press(page, page.getByRole("button", { name: /^Auslage zurückgeben: Fahrtkosten vom / }).last());
    const dialog = page.getByRole("dialog", { name: /^Auslage vom .* zurückgeben\?$/ });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(`${PERSON.name} sieht Ihre Anmerkung und erfasst die Auslage neu.`);
    await press(page, dialog.getByRole("button", { name: "Zurückgeben" }));
    // Without a comment: the dialog stays, its summary says why and links to the field.
    const summary = dialog.getByRole("alert");
    await summary.waitFor();
    expect(await summary.textContent()).toContain("Anmerkung für die Person");
    expect(await page.getByRole("alert").count(), "one summary, in the dialog").toBe(1);
    await expectAccessible(page, "expenses: returning without a comment");
    await dialog.getByLabel("Anmerkung für die Person").fill("Bitte die Rückfahrt als eigenen Beleg.");
    await press(page, dialog.getByRole("button", { name: "Zurückgeben" }));
    const notice = page.getByRole("status").filter({ hasText: /^Zurückgegeben: Fahrtkosten vom / });
    await notice.waitFor();
    expect(await page.getByRole("table", { name: /^Auslagen im/ }).textContent()).toContain("Bitte die Rückfahrt als eigenen Beleg.");
    await context.close();
  });

  it("a returned day: the person's task opens its week with the comment at the field; 'Neu erfassen' in the month leads there too", async () => {
    // The Monday two weeks back (the secondment runs since three weeks), recorded and returned through the API.
    const today = new Date().toLocaleDateString("sv-SE", { timeZone: "Europe/Berlin" });
    const monday = new Date(`${today}T00:00:00Z`);
    monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7) - 14);
    const day = monday.toISOString().slice(0, 10);
    const person = await as(PERSON.login);
    const recorded = await person("POST", `/api/v1/secondments/${id}/timesheets`, { days: [{ day, minutes: 480 }] });
    expect(recorded.status, recorded.body).toBe(201);
    const entry = (JSON.parse(recorded.body).entries as Array<{ id: string; day: string }>).find((e) => e.day === day)!;
    const head = await as("gesundheitsamt@region-hannover.demo");
    const returned = await head("POST", `/api/v1/secondments/${id}/timesheets/${entry.id}/return`, {
      comment: "Bitte nur 6 Stunden, ab Mittag Schulung.",
    });
    expect(returned.status, returned.body).toBe(200);

    const { context, page } = await newPage(browser);
    await signInWithKeyboard(page, PERSON.login);
    await press(page, page.getByRole("link", { name: "Zurückgegebene Stunden neu erfassen: 1 Tag" }));
    await page.getByRole("heading", { level: 1, name: `Stunden und Auslagen: ${PERSON.name}` }).waitFor();
    // The week form opens at the returned day, the head's comment beside its field.
    const field = page.getByRole("group", { name: /^Woche vom/ }).getByLabel(/^Montag/);
    await expect
      .poll(() => field.getAttribute("aria-describedby").then((ids) => page.locator(`[id="${ids?.split(" ")[0]}"]`).textContent()))
      .toContain("Bitte nur 6 Stunden, ab Mittag Schulung.");
    await press(page, page.getByRole("button", { name: "Nächste Woche" }));
    // From the month's table, the returned day leads back to its field.
    await press(page, page.getByRole("button", { name: /^Stunden vom .* neu erfassen$/ }));
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe(`field-hours-${day}`);
    await page.keyboard.type("6");
    await page.keyboard.press("Enter");
    await page.getByRole("status").filter({ hasText: "Gespeichert: 1 Tag mit 6,00 Std." }).waitFor();
    expect(await page.getByRole("button", { name: /^Stunden vom .* neu erfassen$/ }).count()).toBe(0);
    await expectAccessible(page, "hours: a returned day recorded anew");
    await screenshots(page, "timesheet-returned-anew");
    await context.close();
  });
});
