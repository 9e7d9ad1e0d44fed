import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { expectAccessible, launch, newPage, screenshots, signInWithKeyboard } from "./browser";

// The management dashboard (Chefsache, issue 18): the mayor of Wunstorf opens it from the start
// page, reads first what needs attention — the building-permit check missed twice in a row — then
// the standards by theme and the secondments; the print view is clean A4 pages without navigation.

const hasBrowser = inject("e2eHasBrowser");
let browser: Browser;

beforeAll(async () => {
  if (hasBrowser) browser = await launch();
});
afterAll(async () => browser?.close());

describe.skipIf(!hasBrowser)("the management dashboard in the browser", () => {
  it("the mayor opens it from the start page, sees what needs attention first, the themes in tables, and prints it on A4", async () => {
    const { context, page } = await newPage(browser);
    await signInWithKeyboard(page, "buergermeister@wunstorf.demo");
    await page.getByRole("link", { name: "Chefsache Wunstorf öffnen" }).click();
    await page.getByRole("heading", { level: 1, name: "Chefsache: Wunstorf" }).waitFor();

    const attention = page.getByRole("region", { name: "Was Ihre Aufmerksamkeit braucht" });
    expect(await attention.textContent()).toContain(
      "„Vollständigkeitsprüfung des Bauantrags innerhalb von 3 Wochen“ ist in zwei Zeiträumen nacheinander verfehlt.",
    );
    // What is still due depends on what other browser tests reported before: the page says the server's count.
    const me = await (await page.request.get("/api/v1/me")).json();
    const served = await (await page.request.get(`/api/v1/dashboards/management/${me.organization.id}`)).json();
    const due = (served.standards.themes as Array<{ standards: Array<{ due: boolean }> }>)
      .flatMap((th) => th.standards)
      .filter((x) => x.due).length;
    if (due > 0)
      expect(await attention.textContent()).toContain(
        `Für ${due} ${due === 1 ? "Standard fehlt" : "Standards fehlt"} noch die Meldung des letzten abgeschlossenen Zeitraums`,
      );
    else expect(await attention.textContent()).not.toContain("fehlt noch die Meldung");

    const summary = page.getByRole("table", { name: "Leistungsstandards nach Themen" });
    const themes = await summary.locator("tbody th").allTextContents();
    expect(themes).toEqual(expect.arrayContaining(["Bürgerservice", "Bauen", "Digitalisierung", "Klimaschutz", "Beteiligung", "Personal"]));
    const bauen = page.getByRole("table", { name: "Bauen" });
    const permit = bauen.getByRole("row", { name: /Vollständigkeitsprüfung des Bauantrags/ });
    expect(await permit.textContent()).toMatch(/verfehlt – zweimal nacheinander verfehlt/);
    expect(await page.getByRole("region", { name: "Abordnungen von und nach Wunstorf" }).count()).toBe(1);
    await expectAccessible(page, "management dashboard");
    await screenshots(page, "management-dashboard");

    // A standard's title leads to its evaluation, where the support can be requested.
    await permit.getByRole("link").click();
    await page.getByRole("heading", { level: 1, name: /^Auswertung: / }).waitFor();
    await page.goBack();
    await page.getByRole("heading", { level: 1, name: "Chefsache: Wunstorf" }).waitFor();

    // The print view: A4 pages from the browser, without navigation, buttons or footer.
    await page.emulateMedia({ media: "print" });
    expect(await page.locator(".site-nav").isVisible()).toBe(false);
    expect(await page.getByRole("button", { name: "Drucken oder als PDF speichern" }).isVisible()).toBe(false);
    const pdf = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "chefsache-")), "chefsache.pdf");
    await page.pdf({ path: pdf, format: "A4", preferCSSPageSize: true });
    const info = spawnSync("pdfinfo", [pdf], { encoding: "utf8" });
    if (info.status === 0) {
      expect(info.stdout).toMatch(/Page size:.* pts \(A4\)/);
      const text = spawnSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" }).stdout;
      expect(text).toContain("Chefsache: Wunstorf");
      expect(text).toContain("Was Ihre Aufmerksamkeit braucht");
      expect(text).not.toContain("Abmelden");
      expect(text).not.toContain("Drucken oder als PDF speichern");
    }
    const dir = process.env.E2E_SCREENSHOTS;
    if (dir) {
      fs.mkdirSync(dir, { recursive: true });
      await page.screenshot({ path: `${dir}/management-dashboard-print.png`, fullPage: true });
    }
    await context.close();
  });
});
