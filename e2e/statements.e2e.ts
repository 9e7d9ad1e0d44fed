import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { expectAccessible, expectFitsWidth, launch, newPage, screenshots, signInWithKeyboard, press } from "./browser";
import { apiSignIn, ensureRunningSecondment } from "./running-secondment";

const hasBrowser = inject("e2eHasBrowser");
/** A person of her own, so this walk does not touch the hours of the timesheet walk. */
const PERSON = { login: "mara.lindner@wunstorf.demo", name: "Mara Lindner" };
let browser: Browser;
let id: string;
let statementId: string;
let number: string;
let grossCents: number;

beforeAll(async () => {
  if (!hasBrowser) return;
  browser = await launch();
  id = await ensureRunningSecondment(PERSON);
});
afterAll(async () => browser?.close());

const euros = (cents: number) => new Intl.NumberFormat("de-DE", { style: "currency", currency: "EUR" }).format(cents / 100);

/**
 * Statements in the browser, keyboard only (#16): Mara Lindner (Wunstorf, at the Gesundheitsamt)
 * records last week, the Gesundheitsamt's head confirms it, Wunstorf's finance computes and issues
 * the month's statement to the Region — its PDF's total is the API's — and the Region's finance
 * acknowledges it from its task list. Afterwards Mara records one more day of that month, the head
 * confirms it, and Wunstorf's finance finds "Nachtrag … möglich" in its tasks, creates the Nachtrag
 * on the statement's page and issues it — its PDF's total is the API's.
 */
describe.skipIf(!hasBrowser)("a statement between administrations in the browser", () => {
  it("the person records last week and the Gesundheitsamt's head confirms it", async () => {
    const { context, page } = await newPage(browser);
    await signInWithKeyboard(page, PERSON.login);
    await page.goto(`/abordnungen/${id}/stunden`);
    await page.getByRole("heading", { level: 1, name: `Stunden und Auslagen: ${PERSON.name}` }).waitFor();
    await press(page, page.getByRole("button", { name: "Vorherige Woche" }));
    const week = page.getByRole("group", { name: /^Woche vom/ });
    for (const day of ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag"]) {
      await week.getByLabel(new RegExp(`^${day}`)).focus();
      await page.keyboard.type("7,75");
    }
    await page.keyboard.press("Enter");
    await page.getByRole("status").filter({ hasText: "Gespeichert: 5 Tage" }).waitFor();
    await context.close();

    const head = await newPage(browser);
    await signInWithKeyboard(head.page, "gesundheitsamt@region-hannover.demo");
    await press(head.page, head.page.getByRole("link", { name: `Stunden bestätigen: 5 Tage von ${PERSON.name}` }));
    await press(head.page, head.page.getByRole("button", { name: /^Offene Tage der Woche vom .* bestätigen$/ }));
    await head.page.getByRole("status").filter({ hasText: "Bestätigt: 5 Tage." }).waitFor();
    await head.context.close();
  });

  it("Wunstorf's finance computes the month's draft, issues it after being asked, and the PDF's total is the API's", async () => {
    const { context, page } = await newPage(browser);
    await signInWithKeyboard(page, "kaemmerei@wunstorf.demo");
    await press(page, page.getByRole("link", { name: "Abrechnungen", exact: true }));
    await page.getByRole("heading", { level: 1, name: "Abrechnungen" }).waitFor();
    expect(await page.getByText("Stunden bei Gegenseitigkeit werden nicht abgerechnet").count()).toBe(1);
    await expectAccessible(page, "statements: the list");
    await screenshots(page, "statements-list-finance");
    const lastWeekMonday = await page.evaluate(() => {
      const now = new Date();
      const monday = new Date(now);
      monday.setDate(now.getDate() - ((now.getDay() + 6) % 7) - 7);
      return `${monday.getFullYear()}-${String(monday.getMonth() + 1).padStart(2, "0")}`;
    });
    await page.getByLabel("Zahlende Verwaltung").focus();
    await page.getByLabel("Zahlende Verwaltung").selectOption({ label: "Region Hannover" });
    // The month that is still running may be billed; the form says what that means before anything is computed.
    const thisMonth = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin" }).format(new Date()).slice(0, 7);
    await page.getByLabel("Monat", { exact: true }).focus();
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.type(thisMonth);
    await page.getByText("Dieser Monat ist noch nicht zu Ende", { exact: false }).waitFor();
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.type(lastWeekMonday);
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: /^Abrechnung / }).waitFor();
    await page.getByRole("status").filter({ hasText: "Der Entwurf ist berechnet" }).waitFor();
    const running = lastWeekMonday >= thisMonth;
    expect(await page.getByText(/ist noch nicht zu Ende\. Die Abrechnung enthält/).count()).toBe(running ? 1 : 0);
    statementId = page.url().split("/abrechnungen/")[1].split("?")[0];
    await page.getByRole("table", { name: "Positionen" }).waitFor();
    await expectAccessible(page, "statements: a draft");
    await screenshots(page, "statement-draft");

    await press(page, page.getByRole("button", { name: "Abrechnung stellen" }));
    const dialog = page.getByRole("dialog", { name: "Abrechnung stellen?" });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain("Region Hannover sieht sie dann");
    expect((await dialog.textContent())?.includes("was danach bestätigt wird, rechnen Sie mit einem Nachtrag ab")).toBe(running);
    await expectAccessible(page, "statements: issuing asks first");
    await press(page, dialog.getByRole("button", { name: "Abrechnung stellen" }));
    const notice = page.getByRole("status").filter({ hasText: /Die Abrechnung VB-\d{4}-\d\d-\d{4} ist gestellt/ });
    await notice.waitFor();
    expect(await notice.textContent()).toContain("Als Nächstes bestätigt die zahlende Verwaltung");

    const api = await page.request.get(`/api/v1/statements/${statementId}`);
    const body = (await api.json()) as { grossCents: number; number: string; state: string };
    expect(body.state).toBe("issued");
    grossCents = body.grossCents;
    number = body.number;
    expect(grossCents).toBeGreaterThan(0);
    await page.getByText(euros(grossCents)).first().waitFor();
    const pdf = await page.request.get(`/api/v1/statements/${statementId}.pdf`);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "statement-e2e-")), "abrechnung.pdf");
    fs.writeFileSync(file, await pdf.body());
    const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
    const total = /Gesamtbetrag\s+([\d.]+,\d\d)\s*€/.exec(text)?.[1];
    expect(total).toBe(
      euros(grossCents)
        .replace(/\s*€$/, "")
        .replace(/\u00a0/g, ""),
    );
    expect(text).toContain(number);
    await expectAccessible(page, "statements: issued");
    await expectFitsWidth(page, 390);
    await screenshots(page, "statement-issued");
    await context.close();
  });

  it("the Region's finance opens the waiting statement and acknowledges it", async () => {
    const { context, page } = await newPage(browser);
    await signInWithKeyboard(page, "kaemmerei@region-hannover.demo");
    await press(page, page.getByRole("link", { name: "Abrechnungen", exact: true }));
    await page.getByRole("heading", { level: 1, name: "Abrechnungen" }).waitFor();
    await press(page, page.getByRole("link", { name: new RegExp(`^Abrechnung ${number} von Wunstorf .* bestätigen$`) }));
    await page.getByRole("heading", { level: 1, name: /^Abrechnung / }).waitFor();
    await press(page, page.getByRole("button", { name: "Abrechnung bestätigen" }));
    const dialog = page.getByRole("dialog", { name: "Abrechnung bestätigen?" });
    await dialog.waitFor();
    await press(page, dialog.getByRole("button", { name: "Abrechnung bestätigen" }));
    await page
      .getByRole("status")
      .filter({ hasText: `Sie haben die Abrechnung ${number} bestätigt` })
      .waitFor();
    const after = (await (await page.request.get(`/api/v1/statements/${statementId}`)).json()) as { state: string; grossCents: number };
    expect(after).toMatchObject({ state: "acknowledged", grossCents });
    await expectAccessible(page, "statements: acknowledged");
    await expectFitsWidth(page, 390);
    await screenshots(page, "statement-acknowledged");

    // The billing details an XRechnung is written from: demo values, marked as such.
    await page.goto("/abrechnungen/rechnungsdaten");
    await page.getByRole("heading", { level: 1, name: "Rechnungsdaten" }).waitFor();
    expect(await page.getByLabel("Leitweg-ID").inputValue()).toMatch(/^03241000-0001-\d\d$/);
    await page.getByText("Dies sind Demo-Werte").waitFor();
    await expectAccessible(page, "statements: billing details");
    await screenshots(page, "billing-details");
    // Saved as they are: the page says what the details are now used for.
    await press(page, page.getByRole("button", { name: "Rechnungsdaten speichern" }));
    await page
      .getByRole("status")
      .filter({ hasText: "Die Rechnungsdaten sind gespeichert. Jede neue XRechnung wird mit ihnen geschrieben." })
      .waitFor();
    await context.close();
  });

  it("Wunstorf's finance records the payment after being asked; a second tab still offering it is told why not and shows the paid statement", async () => {
    const { context, page } = await newPage(browser);
    await signInWithKeyboard(page, "kaemmerei@wunstorf.demo");
    const stale = await context.newPage();
    for (const p of [page, stale]) {
      await p.goto(`/abrechnungen/${statementId}`);
      await p.getByRole("button", { name: "Zahlung vermerken" }).waitFor();
    }

    await press(page, page.getByRole("button", { name: "Zahlung vermerken" }));
    const dialog = page.getByRole("dialog", { name: "Zahlung vermerken?" });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain("der Gesamtbetrag von Region Hannover eingegangen ist");
    await press(page, dialog.getByRole("button", { name: "Zahlung vermerken" }));
    const notice = page.getByRole("status").filter({ hasText: `Die Zahlung zur Abrechnung ${number} ist vermerkt` });
    await notice.waitFor();
    expect(await notice.textContent()).toContain("Die Abrechnung ist erledigt.");
    expect(((await (await page.request.get(`/api/v1/statements/${statementId}`)).json()) as { state: string }).state).toBe("paid");

    await press(stale, stale.getByRole("button", { name: "Zahlung vermerken" }));
    const asked = stale.getByRole("dialog", { name: "Zahlung vermerken?" });
    await press(stale, asked.getByRole("button", { name: "Zahlung vermerken" }));
    const alert = stale.getByRole("alert");
    await alert.filter({ hasText: "Die Abrechnung ist bezahlt." }).waitFor();
    expect(await asked.isVisible(), "the dialog closes so the summary is seen").toBe(false);
    expect(await stale.evaluate(() => document.activeElement?.getAttribute("role"))).toBe("alert");
    await stale.getByRole("button", { name: "Zahlung vermerken" }).waitFor({ state: "detached" });
    await expectAccessible(stale, "statements: a step someone else took");
    await context.close();
  });

  it("one more day confirmed after the statement: finance sees the task, creates the Nachtrag after being asked, issues it, and its PDF's total is the API's", async () => {
    // A day of the statement's month not recorded yet: last week's Saturday, or the Sunday before it
    // (the week form offers working days; the API takes any day). Mara records it through the API.
    const { month, day } = await (async () => {
      const { page, context } = await newPage(browser);
      const answer = await page.evaluate(() => {
        const iso = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
        const now = new Date();
        const monday = new Date(now);
        monday.setDate(now.getDate() - ((now.getDay() + 6) % 7) - 7);
        const saturday = new Date(monday);
        saturday.setDate(monday.getDate() + 5);
        const sunday = new Date(monday);
        sunday.setDate(monday.getDate() - 1);
        const m = iso(monday).slice(0, 7);
        return { month: m, day: iso(saturday).slice(0, 7) === m ? iso(saturday) : iso(sunday) };
      });
      await context.close();
      return answer;
    })();
    const mara = await apiSignIn(PERSON.login);
    const recorded = await mara!("POST", `/api/v1/secondments/${id}/timesheets`, { days: [{ day, minutes: 240 }] });
    expect(recorded.status, recorded.body).toBe(201);

    const head = await newPage(browser);
    await signInWithKeyboard(head.page, "gesundheitsamt@region-hannover.demo");
    await press(head.page, head.page.getByRole("link", { name: `Stunden bestätigen: 1 Tag von ${PERSON.name}` }));
    await press(head.page, head.page.getByRole("button", { name: /^Offene Tage der Woche vom .* bestätigen$/ }));
    await head.page.getByRole("status").filter({ hasText: "Bestätigt: 1 Tag." }).waitFor();
    await head.context.close();

    const { context, page } = await newPage(browser);
    await signInWithKeyboard(page, "kaemmerei@wunstorf.demo");
    await press(page, page.getByRole("link", { name: "Abrechnungen", exact: true }));
    await page.getByRole("heading", { level: 1, name: "Abrechnungen" }).waitFor();
    const monthWords = new Intl.DateTimeFormat("de-DE", { month: "long", year: "numeric", timeZone: "UTC" }).format(
      new Date(`${month}-01T00:00:00Z`),
    );
    await press(
      page,
      page.getByRole("link", { name: `Nachtrag für Region Hannover, ${monthWords} möglich: 1 Tag bestätigt nach der Abrechnung` }),
    );
    await page.getByRole("heading", { level: 1, name: `Abrechnung ${monthWords}` }).waitFor();
    await page.getByText("Seit der Abrechnung: 1 Tag bestätigt nach der Abrechnung.").waitFor();
    await expectAccessible(page, "statements: a supplement is possible");
    await screenshots(page, "statement-supplement-possible");
    await press(page, page.getByRole("button", { name: "Nachtrag erstellen" }));
    const ask = page.getByRole("dialog", { name: "Nachtrag erstellen?" });
    await ask.waitFor();
    expect(await ask.textContent()).toContain("nur was seit der Abrechnung bestätigt wurde");
    await expectAccessible(page, "statements: creating a supplement asks first");
    await press(page, ask.getByRole("button", { name: "Nachtrag erstellen" }));
    await page.getByRole("heading", { level: 1, name: `Nachtrag ${monthWords}` }).waitFor();
    await page.getByRole("status").filter({ hasText: "Der Nachtrag ist berechnet" }).waitFor();
    await page.getByRole("link", { name: `Nachtrag zur Abrechnung Nr. ${number} vom`, exact: false }).waitFor();
    await page.getByText("nach der Abrechnung bestätigt").first().waitFor();
    await expectAccessible(page, "statements: a supplement's draft");
    await screenshots(page, "statement-supplement-draft");

    // A Nachtrag is issued by its name, and the page says so afterwards.
    await press(page, page.getByRole("button", { name: "Nachtrag stellen" }));
    const issue = page.getByRole("dialog", { name: "Nachtrag stellen?" });
    await press(page, issue.getByRole("button", { name: "Nachtrag stellen" }));
    await page
      .getByRole("status")
      .filter({ hasText: /Der Nachtrag VB-\d{4}-\d\d-\d{4} ist gestellt/ })
      .waitFor();
    const supplementId = page.url().split("/abrechnungen/")[1].split("?")[0];
    const body = (await (await page.request.get(`/api/v1/statements/${supplementId}`)).json()) as {
      grossCents: number;
      number: string;
      lines: Array<{ minutes: number }>;
      supplements: { number: string };
    };
    expect(body.lines.map((l) => l.minutes)).toEqual([240]);
    expect(body.supplements.number).toBe(number);
    const pdf = await page.request.get(`/api/v1/statements/${supplementId}.pdf`);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "statement-e2e-")), "nachtrag.pdf");
    fs.writeFileSync(file, await pdf.body());
    const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
    expect(text).toContain(`Nachtrag zur Abrechnung Nr. ${number}`);
    const total = /Gesamtbetrag\s+([\d.]+,\d\d)\s*€/.exec(text)?.[1];
    expect(total).toBe(
      euros(body.grossCents)
        .replace(/\s*€$/, "")
        .replace(/\u00a0/g, ""),
    );
    // The original lists its supplement; the list says which is which.
    await page.goto(`/abrechnungen/${statementId}`);
    await page.getByRole("link", { name: `Nachtrag zu ${number} ${body.number}, gestellt` }).waitFor();
    await page.goto("/abrechnungen");
    await page
      .getByRole("table", { name: /Abrechnungen Ihrer Verwaltung/ })
      .getByRole("link", { name: `Nachtrag zu ${number}` })
      .first()
      .waitFor();
    await expectAccessible(page, "statements: the list with a supplement");
    await expectFitsWidth(page, 390);
    await screenshots(page, "statements-list-with-supplement");

    // The demo's month four months back: a billed day was corrected downwards, so its Nachtrag is a credit.
    await press(page, page.getByRole("link", { name: /^Nachtrag für Region Hannover, .* möglich: 1 Korrektur$/ }));
    await press(page, page.getByRole("button", { name: "Nachtrag erstellen" }));
    const askCredit = page.getByRole("dialog", { name: "Nachtrag erstellen?" });
    await press(page, askCredit.getByRole("button", { name: "Nachtrag erstellen" }));
    await page.getByRole("heading", { level: 1, name: /^Gutschrift / }).waitFor();
    await page.getByText("Die Korrekturen verringern den Betrag: Dies ist eine Gutschrift.").waitFor();
    await page.getByText("Gesamtbetrag (Gutschrift)").waitFor();
    // The lender refunds the borrower: the parties are named so, and the refund goes to the borrower's account.
    await page.getByText("Erstattende Verwaltung", { exact: true }).waitFor();
    await page.getByText("Erstattung an", { exact: true }).waitFor();
    expect(await page.getByText("Zahlende Verwaltung", { exact: true }).count()).toBe(0);
    await page.getByText("Erstattung auf das Konto von Region Hannover", { exact: true }).waitFor();
    await page.getByText(/^IBAN DE\d{20}\b/).waitFor();
    await page
      .getByText(/^Korrektur vom \d\d\.\d\d\.\d{4}: 7,75 Std\. → 6,50 Std\.$/)
      .first()
      .waitFor();
    // A credit is issued as a Gutschrift: the button and the question say what the other side receives.
    await press(page, page.getByRole("button", { name: "Gutschrift stellen" }));
    await page.getByRole("dialog", { name: "Gutschrift stellen?" }).getByText("danach erstattet Ihre Verwaltung den Betrag").waitFor();
    await press(page, page.getByRole("dialog").getByRole("button", { name: "Abbrechen" }));
    await expectAccessible(page, "statements: a credit");
    await expectFitsWidth(page, 390);
    await screenshots(page, "statement-credit-draft");
    await context.close();
  });
});
