import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { expectAccessible, launch, newPage, screenshots, signInWithKeyboard } from "./browser";

const hasBrowser = inject("e2eHasBrowser");
let browser: Browser;

beforeAll(async () => {
  if (hasBrowser) browser = await launch();
});
afterAll(async () => browser?.close());

describe.skipIf(!hasBrowser)("allocation on the crisis board in the browser", () => {
  it("the coordination office computes the allocation, reads why, and commits a selection as proposals", async () => {
    const { context, page } = await newPage(browser);
    await signInWithKeyboard(page, "koordination@region-hannover.demo");
    await page.goto("/krisen");
    await page.getByRole("link", { name: "Infektionswelle Winter 2026/27" }).click();
    await page.getByRole("heading", { level: 2, name: "Zuteilung berechnen" }).waitFor();
    // Keyboard only: focus the button and press Enter.
    await page.getByRole("button", { name: "Zuteilung berechnen" }).focus();
    const [computed] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/api/v1/allocation-runs"),
      page.keyboard.press("Enter"),
    ]);
    const runId = ((await computed.json()) as { id: string }).id;
    // The board shows this run (another browser test may have computed one before on the same data).
    await page.locator(`a[href="/api/v1/allocation-runs/${runId}/snapshot"]`).waitFor();
    const assignments = page.getByRole("table", { name: /Vorgeschlagene Zuordnungen/ });
    await assignments.waitFor();
    // The run line names the run time with its unit on the same line (a no-break space between).
    expect(await page.getByText(/^Lauf vom/).textContent()).toMatch(/Rechenzeit \d+\u00a0ms\./);
    const rows = assignments.locator("tbody tr");
    const count = await rows.count();
    expect(count).toBeGreaterThan(2);
    // People of other administrations under a code of the run, never a name; the reason beside each.
    expect(await rows.first().textContent()).toMatch(/P-\d{4}/);
    expect(await rows.first().textContent()).toMatch(/1\. Person aus/);
    // The decision leads: the proposals and the action come before the supporting figures (#15).
    const commitButton = page.getByRole("button", { name: /^Alle \d+ übernehmen$/ });
    // (It started some 5,500 px down a 7,500 px page, after two chart-and-table pairs.)
    const top = (el: Element) => el.getBoundingClientRect().top + window.scrollY;
    expect(await assignments.evaluate(top)).toBeLessThan(1500);
    const decisionAt = await commitButton.evaluate(top);
    const background = page.getByText("Hintergrund: Ziele, Wege und Verteilung auf die Verwaltungen");
    expect(await background.evaluate(top)).toBeGreaterThan(decisionAt);
    await screenshots(page, "crisis-board-decision");
    // The map and the table of routes, the lent share as chart and table, the comparison with first
    // come: the background, after the decision and folded away until asked for.
    expect(await page.getByRole("table", { name: "Personen je Weg" }).count()).toBe(0);
    await page.getByText("Hintergrund: Ziele, Wege und Verteilung auf die Verwaltungen").click();
    await page.getByRole("img", { name: /Karte der Region mit Linien/ }).waitFor();
    expect(await page.getByRole("table", { name: "Personen je Weg" }).evaluate(top)).toBeGreaterThan(decisionAt);
    const routes = page.getByRole("table", { name: "Personen je Weg" }).locator("tbody tr");
    expect(await routes.count()).toBeGreaterThan(0);
    await page.getByRole("table", { name: "Abgegeben je Verwaltung" }).waitFor();
    expect(await page.getByRole("table", { name: /Ergebnis je Zielebene/ }).textContent()).toContain("Besetzte Krisenplätze");
    // An open slot names its binding reason: only the Region's own staff hold that qualification.
    const open = page.getByRole("table", { name: "Offene Plätze mit dem ausschlaggebenden Grund" });
    expect(await open.locator("tbody tr", { hasText: "Abstrichzentrum" }).textContent()).toContain(
      "Niemand außerhalb der anfragenden Verwaltung hat die verlangte Qualifikation.",
    );
    await expectAccessible(page, "allocation preview");
    // The download is the published JSON (stored compressed, unpacked by the browser).
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: /Eingaben und Ergebnis dieses Laufs herunterladen/ }).click(),
    ]);
    const published = JSON.parse(fs.readFileSync((await download.path())!, "utf8"));
    expect(published.snapshot.format).toBe("verbund-allocation/1");
    expect(published.result.assignments).toHaveLength(count);

    // Leave the second one out and commit the rest.
    await page.getByRole("checkbox").nth(1).focus();
    await page.keyboard.press("Space");
    const commit = page.getByRole("button", { name: `Auswahl übernehmen (${count - 1})` });
    await commit.focus();
    await page.keyboard.press("Enter");
    // Asked first, with the consequence: proposals and e-mails to the lending heads of department.
    const dialog = page.getByRole("dialog", { name: `${count - 1} Vorschläge übernehmen?` });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain("per E-Mail gebeten");
    await expectAccessible(page, "allocation commit asked first");
    await dialog.getByRole("button", { name: "Nicht jetzt" }).click();
    await dialog.waitFor({ state: "hidden" });
    expect(await page.getByRole("status").filter({ hasText: "Vorschläge angelegt" }).count()).toBe(0);
    await commit.click();
    await dialog.getByRole("button", { name: `${count - 1} Vorschläge anlegen` }).click();
    await page
      .getByRole("status")
      .filter({ hasText: `${count - 1} Vorschläge angelegt` })
      .waitFor();
    expect(await assignments.locator("tbody tr", { hasText: "vorgeschlagen" }).count()).toBe(count - 1);
    await expectAccessible(page, "allocation committed");
    // The confirmation is where the coordinator looks next: it has the focus.
    expect(await page.evaluate(() => document.activeElement?.getAttribute("role"))).toBe("status");

    await context.close();
  });
});
