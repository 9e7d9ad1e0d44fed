import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { readMails } from "../test/smtp-fixture";
import { expectAccessible, expectFitsWidth, launch, newPage, screenshots, signInWithKeyboard } from "./browser";
import { addDays, today } from "../src/kernel/dates";

const hasBrowser = inject("e2eHasBrowser");
let browser: Browser;
const day = (offset: number) => addDays(today(), offset);
const TITLE = "Kontaktnachverfolgung Winterwelle (Browsertest)";

/** The facts of the first description list, term → value. */
async function facts(page: Page): Promise<Record<string, string>> {
  const pairs = await page
    .locator("dl")
    .first()
    .locator(".kern-description-list-item")
    .evaluateAll((items) =>
      items.map((item) => [item.querySelector("dt")?.textContent ?? "", item.querySelector("dd")?.textContent ?? ""]),
    );
  return Object.fromEntries(pairs);
}

/** Every card is a KERN card with its container (not a body straight inside the card). */
async function expectKernCards(page: Page) {
  const cards = await page
    .locator(".kern-card")
    .evaluateAll((els) => els.map((el) => !!el.querySelector(":scope > .kern-card__container")));
  expect(cards.length).toBeGreaterThan(0);
  expect(cards.every(Boolean)).toBe(true);
}

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
    expect(await page.locator("dl").first().textContent()).toContain("Krise – Infektionswelle Winter 2026/27");
    // The facts read as words: the period with long dates, the unit kept with its number, "Ja" and "keine" rather than "–".
    const request = await facts(page);
    expect(request["Zeitraum"]).toMatch(/^\d{1,2}\. [A-ZÄÖÜ][a-zäöü]+ \d{4} bis \d{1,2}\. [A-ZÄÖÜ][a-zäöü]+ \d{4}, 20\u00a0Std\.\/Woche$/);
    expect(request["Mobiles Arbeiten ist möglich"]).toBe("Ja");
    expect(request["Erwünschte Qualifikationen"]).toBe("keine");
    expect(Object.values(request).filter((v) => v.trim() === "–" || v.trim() === "✓")).toEqual([]);
    expect(await page.locator("caption").count()).toBe(0);
    await expectFitsWidth(page, 390);
    await expectAccessible(page, "request");
    await screenshots(page, "request-requester");
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
    expect(await page.locator("tbody td").evaluateAll((cells) => cells.filter((c) => c.textContent?.trim() === "–").length)).toBe(0);
    await expectFitsWidth(page, 390);
    await expectAccessible(page, "requests");
    await screenshots(page, "requests-lender");
    await row.getByRole("link", { name: TITLE }).click();
    await page.getByRole("heading", { level: 2, name: "Personen anbieten" }).waitFor();
    await page.getByRole("button", { name: "Anbieten: Katrin Schulze" }).click();
    await page.getByRole("status").filter({ hasText: "Katrin Schulze wurde angeboten." }).waitFor();
    // The candidates are named by the heading "Personen anbieten", no second caption.
    expect(await page.getByRole("table", { name: "Personen anbieten" }).textContent()).toContain("Katrin Schulze");
    expect(await page.locator("caption").count()).toBe(0);
    await expectFitsWidth(page, 390);
    await expectAccessible(page, "request with offer");
    await screenshots(page, "request-lender");
    await page.goto("/krisen");
    // Each crisis is a KERN card with its name as heading and its start as a long date.
    await page.getByRole("heading", { level: 2, name: "Infektionswelle Winter 2026/27" }).waitFor();
    await expectKernCards(page);
    expect(await page.locator(".kern-card").first().textContent()).toMatch(/Beginn: \d{1,2}\. [A-ZÄÖÜ][a-zäöü]+ \d{4}/);
    expect(await page.locator(".kern-card").first().textContent()).not.toMatch(/·\s*$/);
    await expectFitsWidth(page, 390);
    await screenshots(page, "crises");
    await page.getByRole("link", { name: "Infektionswelle Winter 2026/27" }).click();
    await page.getByRole("heading", { level: 1, name: /Krisenlage/ }).waitFor();
    const boardRow = page.locator("tbody tr", { hasText: TITLE });
    // The unit stays with its number (a no-break space).
    expect(await boardRow.textContent()).toContain("12,5\u00a0%");
    expect(await page.locator("main").textContent()).not.toContain("Katrin");
    // Two charts, each one image for screen readers (the tables beside hold the figures).
    expect(await page.locator("figure [role=img]").count()).toBe(2);
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

  /** Opens Katrin's secondment from the list of the signed-in account. */
  async function openSecondment(page: Page, todo = true) {
    await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Abordnungen" }).click();
    await page.getByRole("heading", { level: 1, name: "Abordnungen" }).waitFor();
    const table = page.getByRole("table", { name: todo ? /Bei Ihnen zu erledigen/ : /zuletzt geändert/ });
    await table.getByRole("link", { name: "Katrin Schulze" }).click();
    await page.getByRole("heading", { level: 1, name: "Abordnung: Katrin Schulze" }).waitFor();
  }

  async function takeStep(login: string, button: string, expectedState: string) {
    const { context, page } = await newPage(browser);
    await signInWithKeyboard(page, login);
    await openSecondment(page);
    await expectAccessible(page, `secondment before "${button}" (${login})`);
    await page.getByRole("button", { name: button, exact: true }).click();
    await page
      .getByRole("status")
      .filter({ hasText: `Gespeichert: ${expectedState}` })
      .waitFor();
    expect(await page.locator("dl").first().textContent()).toContain(expectedState);
    await context.close();
  }

  /**
   * Takes a step the way a person finds it: signed in, the start page's "Ihre Aufgaben" lists the
   * step for Katrin's secondment, the link opens it, and once it is taken the task is gone.
   */
  async function takeStepFromTasks(login: string, task: string, button: string, expectedState: string) {
    const { context, page } = await newPage(browser);
    await signInWithKeyboard(page, login);
    const tasks = page.getByRole("region", { name: "Ihre Aufgaben" });
    const katrinsTask = () =>
      tasks
        .getByRole("listitem")
        .filter({ hasText: "Katrin Schulze" })
        .filter({ has: page.getByRole("link", { name: task, exact: true }) });
    await katrinsTask().waitFor();
    await expectAccessible(page, `start page with tasks (${login})`);
    await screenshots(page, `start-tasks-${login.split("@")[0]}-${login.split("@")[1].split(".")[0]}`);
    await katrinsTask().getByRole("link", { name: task, exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Abordnung: Katrin Schulze" }).waitFor();
    await page.getByRole("button", { name: button, exact: true }).click();
    await page
      .getByRole("status")
      .filter({ hasText: `Gespeichert: ${expectedState}` })
      .waitFor();
    await page.getByRole("link", { name: "Start" }).first().click();
    await tasks.getByText(/Aufgaben? warte|Zurzeit wartet nichts/).waitFor();
    expect(await katrinsTask().count()).toBe(0);
    await context.close();
  }

  /**
   * Before Katrin accepts, nobody has asked the staff council: the page says it will be asked and
   * why (Wunstorf asks it for every secondment), never "nicht erforderlich"; her list names her step.
   */
  async function councilAheadIsTruthful() {
    const { context, page } = await newPage(browser);
    await signInWithKeyboard(page, "mitarbeiterin@wunstorf.demo");
    await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Abordnungen" }).click();
    const todo = page.getByRole("table", { name: /Bei Ihnen zu erledigen/ });
    await todo.locator("tbody tr", { hasText: "Katrin Schulze" }).filter({ hasText: "Ihre Zustimmung zur Abordnung" }).waitFor();
    await expectAccessible(page, "secondments with the step named");
    await screenshots(page, "secondments-todo-step");
    await openSecondment(page);
    const council = page.locator(".kern-description-list-item", { hasText: "Personalrat" });
    expect(await council.textContent()).toContain(
      "wird voraussichtlich beteiligt, sobald die beschäftigte Person zugestimmt hat, weil Wunstorf den Personalrat bei jeder Abordnung beteiligt",
    );
    expect(await page.locator("main").textContent()).not.toContain("nicht erforderlich");
    expect(await page.locator("main").textContent()).toContain("Bei Ihnen zu erledigen: Ihre Zustimmung zur Abordnung");
    await screenshots(page, "secondment-council-ahead");
    await context.close();
  }

  /**
   * Wunstorf's HR office states the agreement's overhead surcharge before approving: a percentage
   * outside 0–100 is refused at the field, 12,5 % agreed in deviation is saved and shown.
   */
  async function stateOverhead() {
    const { context, page } = await newPage(browser);
    await signInWithKeyboard(page, "personal@wunstorf.demo");
    await openSecondment(page);
    const form = page.getByRole("region", { name: "Verwaltungskostenzuschlag der Vereinbarung" });
    expect(await page.locator("dl").first().textContent()).toContain("20 % (Büroarbeitsplatz, Rahmenvereinbarung)");
    await form.getByLabel("Zuschlag", { exact: true }).selectOption("agreed");
    await form.getByLabel("Vereinbarter Zuschlag in Prozent").fill("100,5");
    await form.getByLabel("Vereinbarter Zuschlag in Prozent").press("Enter");
    await form.getByText("Geben Sie einen Prozentsatz von 0 bis 100 mit höchstens zwei Nachkommastellen ein").first().waitFor();
    await expectAccessible(page, "overhead refused");
    await form.getByLabel("Vereinbarter Zuschlag in Prozent").fill("12,5");
    await form.getByRole("button", { name: "Zuschlag speichern" }).click();
    await page.getByRole("status").filter({ hasText: "Gespeichert: Verwaltungskostenzuschlag 12,5 % (abweichend vereinbart)" }).waitFor();
    expect(await page.locator("dl").first().textContent()).toContain("12,5 % (abweichend vereinbart)");
    await expectAccessible(page, "overhead stated by the lending HR office");
    await screenshots(page, "secondment-overhead-lender");
    await context.close();
  }

  /** Before confirming, the Region's HR office reads the surcharge; it cannot change it. */
  async function borrowerReadsOverhead() {
    const { context, page } = await newPage(browser);
    await signInWithKeyboard(page, "personal@region-hannover.demo");
    await openSecondment(page);
    expect(await page.locator("dl").first().textContent()).toContain("Verwaltungskostenzuschlag12,5 % (abweichend vereinbart)");
    expect(await page.getByRole("button", { name: "Zuschlag speichern" }).count()).toBe(0);
    await screenshots(page, "secondment-overhead-borrower");
    await context.close();
  }

  /** Once the agreement is confirmed, Wunstorf's HR office no longer finds the form. */
  async function overheadFixed() {
    const { context, page } = await newPage(browser);
    await signInWithKeyboard(page, "personal@wunstorf.demo");
    await openSecondment(page, false);
    expect(await page.locator("dl").first().textContent()).toContain("12,5 % (abweichend vereinbart)");
    expect(await page.getByRole("region", { name: "Verwaltungskostenzuschlag der Vereinbarung" }).count()).toBe(0);
    await context.close();
  }

  it("the secondment runs its course, each step found in the right account's task list", async () => {
    await takeStepFromTasks("bauamt@wunstorf.demo", "Freigeben (Fachbereichsleitung)", "Freigeben", "Vom Fachbereich freigegeben");
    await stateOverhead();
    await takeStepFromTasks("personal@wunstorf.demo", "Genehmigen (Personalamt)", "Genehmigen", "Vom Personalamt genehmigt");
    await councilAheadIsTruthful();
    await takeStepFromTasks("mitarbeiterin@wunstorf.demo", "Zustimmen oder ablehnen", "Annehmen", "Beim Personalrat");
    await takeStepFromTasks(
      "personalrat@wunstorf.demo",
      "Über die Zustimmung entscheiden (Personalrat)",
      "Zustimmen (Personalrat)",
      "Zugestimmt – Bestätigung ausstehend",
    );
    await borrowerReadsOverhead();
    await takeStepFromTasks("personal@region-hannover.demo", "Vereinbarung bestätigen", "Vereinbarung bestätigen", "Vereinbart");
    await overheadFixed();
    await takeStep("personal@region-hannover.demo", "Einarbeitung beginnen", "Einarbeitung");
  }, 150_000);

  it("onboarding is ticked off by both sides; the page says what the start waits for; starting early asks for the reason", async () => {
    const { context, page } = await newPage(browser);
    await signInWithKeyboard(page, "personal@region-hannover.demo");
    await openSecondment(page);
    // While required items are open, the assignment cannot start, and the page says what it waits for.
    expect(await page.getByRole("button", { name: "Einsatz beginnen", exact: true }).count()).toBe(0);
    for (const item of ["IT-Zugang und Fachverfahren", "Arbeitsplatz", "Einweisung und Schulung"]) {
      await page.getByRole("button", { name: `Erledigt: ${item}` }).click();
      await page.locator("tbody tr", { hasText: item }).filter({ hasText: "erledigt" }).waitFor();
    }
    await page.getByText("„Einsatz beginnen“ ist möglich, sobald Wunstorf das Dienstgerät abgehakt hat.").waitFor();
    await expectAccessible(page, "onboarding checklist");
    await screenshots(page, "secondment-waiting-for");

    const lender = await newPage(browser);
    await signInWithKeyboard(lender.page, "personal@wunstorf.demo");
    await openSecondment(lender.page);
    await lender.page.getByRole("button", { name: "Erledigt: Dienstgerät" }).click();
    await lender.page.locator("tbody tr", { hasText: "Dienstgerät" }).filter({ hasText: "erledigt" }).waitFor();
    await lender.context.close();

    // The agreed start lies ahead: starting now is the exception, with a reason.
    await page.reload();
    await page.getByText(/„Einsatz beginnen“ ist ab dem vereinbarten Beginn am \d+\. \p{L}+ \d{4} möglich\./u).waitFor();
    expect(await page.getByRole("button", { name: "Einsatz beginnen", exact: true }).count()).toBe(0);
    await page.getByRole("button", { name: "Einsatz vor dem vereinbarten Beginn beginnen", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Einsatz vor dem vereinbarten Beginn beginnen?" });
    await dialog.waitFor();
    await expectAccessible(page, "early start: asked for the reason");
    await screenshots(page, "secondment-early-start-dialog");
    await dialog.getByRole("button", { name: "Einsatz vor dem vereinbarten Beginn beginnen" }).click();
    await dialog.getByText("Bitte geben Sie einen Grund an.").first().waitFor();
    await dialog.getByLabel("Begründung").fill("Die Infektionswelle duldet keinen Aufschub.");
    await dialog.getByRole("button", { name: "Einsatz vor dem vereinbarten Beginn beginnen" }).click();
    await page.getByRole("status").filter({ hasText: "Gespeichert: Im Einsatz" }).waitFor();
    const timeline = await page.locator("ol.timeline").textContent();
    for (const event of [
      "Die Fachbereichsleitung in Wunstorf hat freigegeben",
      "Personalamt Wunstorf hat genehmigt",
      "Katrin Schulze hat zugestimmt",
      "Der Personalrat der Stadt Wunstorf hat zugestimmt",
      "Personalamt Region Hannover hat die Vereinbarung bestätigt",
      "Personalamt Region Hannover hat den Einsatz vor dem vereinbarten Beginn am",
      "Grund: Die Infektionswelle duldet keinen Aufschub.",
    ]) {
      expect(timeline).toContain(event);
    }
    for (const who of ["Thomas Meyer", "Sabine Köhler", "Katrin Schulze", "Personalrat Wunstorf", "Personalamt Region Hannover"]) {
      expect(timeline).toContain(who);
    }
    expect(timeline).not.toMatch(/Freigeben|Genehmigen|→/);

    // The receiving HR office tells her when and where to report.
    const card = page.getByRole("region", { name: "Einsatzort und erster Arbeitstag" });
    await card.getByLabel("Uhrzeit").fill("8 Uhr");
    await card.getByRole("button", { name: "Angaben speichern" }).click();
    await card.getByRole("alert").filter({ hasText: "Uhrzeit: Geben Sie die Uhrzeit im Format 08:30 ein." }).waitFor();
    await card.getByLabel("Uhrzeit").fill("08:30");
    await card.getByLabel("Treffpunkt").fill("Weinstraße 2, Empfang im Erdgeschoss");
    await card.getByLabel("Hinweise für den ersten Tag").fill("Bitte den Dienstausweis mitbringen.");
    await card.getByRole("button", { name: "Angaben speichern" }).click();
    await card.getByRole("status").filter({ hasText: "Gespeichert" }).waitFor();
    await expectAccessible(page, "secondment running, first day set");
    await screenshots(page, "secondment-borrower-active");

    // The agreement as a PDF, read back with pdftotext.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Abordnungsvereinbarung (PDF)" }).click(),
    ]);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "verbund-e2e-pdf-")), "vereinbarung.pdf");
    await download.saveAs(file);
    const text = execFileSync("pdftotext", [file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
    for (const expected of [
      "Abordnungsvereinbarung",
      "Katrin Schulze",
      "Wunstorf",
      "Region Hannover",
      "§ 4 Abs. 1 TVöD",
      "Fassung 1",
      "zugestimmt",
      "Wöchentliche",
      // The overhead the lending HR office stated and the borrower confirmed.
      "Verwaltungskostenzuschlag 12,5 % (abweichend vereinbart)",
    ]) {
      expect(text).toContain(expected);
    }
    await context.close();
  });

  it("the employee sees where she goes and when and where to report; no link she cannot open", async () => {
    const { context, page } = await newPage(browser);
    await signInWithKeyboard(page, "mitarbeiterin@wunstorf.demo");
    await openSecondment(page, false);
    const card = page.getByRole("region", { name: "Wohin Sie gehen" });
    const text = (await card.textContent()) ?? "";
    for (const expected of [
      "Aufnehmende Verwaltung",
      "Region Hannover",
      "Ansprechperson",
      "Erster Arbeitstag",
      "08:30",
      "Uhr",
      "Weinstraße 2, Empfang im Erdgeschoss",
      "Bitte den Dienstausweis mitbringen.",
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).toMatch(/\d+\. \p{L}+ \d{4}, 08:30\u00a0Uhr/u);
    // She cannot open the request, so there is no link to it; she cannot edit the first day.
    expect(await page.getByRole("link", { name: /^Anfrage:/ }).count()).toBe(0);
    expect(await card.getByRole("button").count()).toBe(0);
    await expectAccessible(page, "employee's secondment");
    await screenshots(page, "secondment-employee-destination");
    await context.close();
  });

  it("every step was announced by e-mail to whoever acts next, through a real SMTP server", async () => {
    const file = inject("e2eMailFile");
    const expected = [
      "bauamt@wunstorf.demo",
      "personal@wunstorf.demo",
      "mitarbeiterin@wunstorf.demo",
      "personalrat@wunstorf.demo",
      "personal@region-hannover.demo",
    ];
    const deadline = Date.now() + 20_000;
    let mails = readMails(file).filter((m) => m.subject.startsWith("Abordnung Wunstorf → Region Hannover"));
    while (expected.some((to) => !mails.some((m) => m.to === to)) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      mails = readMails(file).filter((m) => m.subject.startsWith("Abordnung Wunstorf → Region Hannover"));
    }
    for (const to of expected) expect(mails.map((m) => m.to)).toContain(to);
    const toCouncil = mails.find((m) => m.to === "personalrat@wunstorf.demo")!;
    expect(toCouncil.subject).toContain("beim Personalrat");
    expect(toCouncil.text).toMatch(/http:\/\/127\.0\.0\.1:\d+\/abordnungen\/[0-9a-f-]{36}/);
    // Her own administration knows her from the start.
    const first = mails.find((m) => m.to === "bauamt@wunstorf.demo")!;
    expect(first.text).toContain("Katrin Schulze");
  });

  it('ending early asks first and says the consequence; "Nicht jetzt" changes nothing; confirming says what happened', async () => {
    const { context, page } = await newPage(browser);
    await signInWithKeyboard(page, "personal@region-hannover.demo");
    await openSecondment(page, false);
    const end = page.getByRole("button", { name: "Abordnung vorzeitig beenden", exact: true });
    await end.click();
    const dialog = page.getByRole("dialog", { name: "Abordnung vorzeitig beenden?" });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain("Alle Beteiligten erfahren es mit Ihrer Begründung per E-Mail.");
    expect(await dialog.getByRole("button", { name: "Abbrechen", exact: true }).count()).toBe(0); // never a bare "Abbrechen"
    await expectAccessible(page, "end early: asked first");
    await screenshots(page, "secondment-end-early-dialog");
    await dialog.getByRole("button", { name: "Nicht jetzt" }).click();
    await dialog.waitFor({ state: "hidden" });
    await page.reload();
    await page.getByRole("heading", { level: 1, name: "Abordnung: Katrin Schulze" }).waitFor();
    expect(await page.locator("dl").first().textContent()).toContain("Im Einsatz");

    await end.click();
    await dialog.getByLabel("Begründung").fill("Das Hochwasser ist vorüber; Frau Schulze wird in Wunstorf gebraucht.");
    await dialog.getByRole("button", { name: "Abordnung vorzeitig beenden" }).click();
    const notice = page.getByRole("status").filter({ hasText: "Gespeichert: Vorzeitig beendet" });
    await notice.waitFor();
    expect(await notice.textContent()).toContain("Alle Beteiligten wurden per E-Mail benachrichtigt.");
    // The confirmation is where the person looks: focus moved to it; the step is gone.
    expect(await page.evaluate(() => document.activeElement?.getAttribute("role"))).toBe("status");
    expect(await end.count()).toBe(0);
    await expectAccessible(page, "end early: done");
    await screenshots(page, "secondment-ended-early");
    await context.close();
  });
});
