import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Locator, Page } from "playwright-core";
import { expectAccessible, expectFitsWidth, launch, newPage, screenshots, signInWithKeyboard } from "./browser";

// The start page below "Ihre Aufgaben" (#15): each role's overview — the mayor's and the HR
// office's exchange per partner administration and the crisis, the HR office's queue, the
// employee's pool entry and secondments — an honest note for roles whose capability is not built,
// counts in the navigation, and the crisis board at 390 px.

const hasBrowser = inject("e2eHasBrowser");
let browser: Browser;

beforeAll(async () => {
  if (hasBrowser) browser = await launch();
});
afterAll(async () => browser?.close());

const heading = (page: Page, name: string | RegExp) => page.getByRole("heading", { level: 2, name });
/** The section a heading of the start page opens. */
const section = (page: Page, name: string | RegExp) => page.getByRole("region", { name });

/** With `E2E_SCREENSHOTS`, also saves one part of the page at 390 px (a whole page that long is hard to read). */
async function detail(part: Locator, name: string) {
  const dir = process.env.E2E_SCREENSHOTS;
  if (dir) await part.screenshot({ path: `${dir}/${name}-390.png` });
}

/** The visible figure of a navigation entry, or 0. */
async function navCount(link: Locator): Promise<number> {
  const badge = link.locator(".nav-count");
  return (await badge.count()) ? Number(await badge.textContent()) : 0;
}

describe.skipIf(!hasBrowser)("the start page's overviews in the browser", () => {
  it("the mayor sees what Wunstorf lends and borrows, the crisis, and the way to the dashboard", async () => {
    const { context, page } = await newPage(browser);
    await signInWithKeyboard(page, "buergermeister@wunstorf.demo");
    await heading(page, "Ihre Aufgaben").waitFor();
    const exchange = section(page, "Abordnungen von und nach Wunstorf");
    await exchange.waitFor();
    expect(await exchange.textContent()).toMatch(/im Einsatz/);
    expect(await exchange.getByRole("link", { name: "Abordnungen im Einsatz ansehen" }).count()).toBe(1);
    const crisis = section(page, /^Krisenfall: /);
    expect(await crisis.first().textContent()).toMatch(/Angefragte Personen: \d+ \(\d+ Anfragen?\)\. Davon angeboten: \d+/);
    expect(await crisis.first().getByRole("link", { name: "Lagebild ansehen" }).count()).toBe(1);
    // The mayor's own dashboard is a link away (e2e/management-dashboard.e2e.ts opens it).
    const chefsache = section(page, "Chefsache");
    expect(await chefsache.getByRole("link", { name: "Chefsache Wunstorf öffnen" }).count()).toBe(1);
    expect(await heading(page, "Verwaltungsspitze: in Vorbereitung").count()).toBe(0);
    // The employer's queue is the HR office's, not the mayor's; the pool invites employees only.
    expect(await heading(page, "Warteschlange des Personalamts").count()).toBe(0);
    expect(await heading(page, "Ihr Eintrag im Unterstützungspool").count()).toBe(0);
    await expectAccessible(page, "mayor's start page");
    await screenshots(page, "start-mayor");
    await context.close();
  });

  it("the HR office sees its exchange per partner, its queue, and counts in the navigation that lead to the lists", async () => {
    const { context, page } = await newPage(browser);
    await signInWithKeyboard(page, "personal@region-hannover.demo");
    const exchange = section(page, "Abordnungen von und nach Region Hannover");
    const table = exchange.getByRole("table", { name: /Abordnungen je Partnerverwaltung/ });
    await table.waitFor();
    const overview = await (await page.request.get("/api/v1/me/overview")).json();
    expect(await table.locator("tbody tr").count()).toBe(overview.exchange.partners.length);
    expect(overview.exchange.partners.length).toBeGreaterThan(1);
    const queue = section(page, "Warteschlange des Personalamts");
    expect(await queue.textContent()).toMatch(/Abordnungen? warte[nt] auf einen Schritt des Personalamts/);
    for (const s of overview.hrQueue.steps) expect(await queue.textContent()).toContain(`${s.count} ${s.step.de}`);

    // The navigation counts what waits behind each entry, read out with its meaning, from the same tasks.
    const tasks = (await (await page.request.get("/api/v1/me/tasks")).json()).items as Array<{ link: string }>;
    const nav = page.getByRole("navigation", { name: "Hauptnavigation" });
    const secondments = nav.getByRole("link", { name: /^Abordnungen/ });
    const waiting = tasks.filter((task) => task.link.startsWith("/abordnungen")).length;
    expect(waiting).toBeGreaterThan(0);
    expect(await navCount(secondments)).toBe(waiting);
    expect(await secondments.getAttribute("aria-current")).toBeNull();
    expect(await nav.getByRole("link", { name: `Abordnungen, ${waiting} offen` }).count()).toBe(1);
    expect(await nav.getByRole("link", { name: new RegExp(`^Start, ${tasks.length} Aufgaben? warte`) }).count()).toBe(1);
    await expectAccessible(page, "HR office's start page");
    await screenshots(page, "start-hr-office");

    // At 390 px the exchange is stacked rows, not a table wider than the screen.
    expect(await expectFitsWidth(page, 390)).toBeGreaterThan(0);
    await detail(exchange, "start-hr-office-exchange");
    await detail(page.locator(".site-header"), "start-hr-office-navigation");
    await page.setViewportSize({ width: 1280, height: 900 });

    // The figure leads to the list filtered by state: as many rows as people deployed.
    await exchange.getByRole("link", { name: "Abordnungen im Einsatz ansehen" }).click();
    await heading(page, /Abordnungen im Stand „Im Einsatz“/).waitFor();
    const listed = page.getByRole("table", { name: /Abordnungen im Stand „Im Einsatz“/ });
    await listed.waitFor();
    expect(await listed.locator("tbody tr").count()).toBe(overview.exchange.lentOut + overview.exchange.borrowedIn);
    await expectAccessible(page, "secondments of one state");
    await context.close();
  });

  it("an employee sees her pool entry with the invitation and her secondments", async () => {
    const { context, page } = await newPage(browser);
    await signInWithKeyboard(page, "mitarbeiter@garbsen.demo");
    const pool = section(page, "Ihr Eintrag im Unterstützungspool");
    await pool.waitFor();
    expect(await pool.textContent()).toContain("Sie sind nicht im Unterstützungspool.");
    expect(await pool.getByRole("link", { name: "Im Unterstützungspool mitmachen" }).count()).toBe(1);
    const own = section(page, "Ihre Abordnungen");
    expect(await own.textContent()).toContain("Sie sind zurzeit nicht abgeordnet");
    expect(await heading(page, /Abordnungen von und nach/).count()).toBe(0);
    await expectAccessible(page, "employee's start page");
    await screenshots(page, "start-employee");
    await context.close();
  });

  it("a role whose capability is not built yet reads what will be there, not tiles", async () => {
    const { context, page } = await newPage(browser);
    await signInWithKeyboard(page, "klimaschutz@wunstorf.demo");
    const note = section(page, "Klimaschutzmanagement: in Vorbereitung");
    await note.waitFor();
    expect(await note.textContent()).toBe(
      "Klimaschutzmanagement: in VorbereitungHier prüfen Sie künftig die Klimachecks der Beschlussvorlagen Ihrer Verwaltung und schätzen ihre Wirkung aufs Klima ein. Diese Funktion ist in Vorbereitung.",
    );
    expect(await heading(page, "Was Sie hier tun können").count()).toBe(0);
    expect(await page.locator(".tiles").count()).toBe(0);
    await expectAccessible(page, "start page of a role not built yet");
    await screenshots(page, "start-planned");
    await context.close();
  });

  it("the crisis board at 390 px: measures in words, bars from zero with readable labels, stacked rows", async () => {
    const { context, page } = await newPage(browser);
    await signInWithKeyboard(page, "koordination@region-hannover.demo");
    await page.goto("/krisen");
    await page.getByRole("link", { name: "Infektionswelle Winter 2026/27" }).click();
    await page.getByRole("button", { name: "Zuteilung berechnen" }).click();
    await page.getByRole("table", { name: /Vorgeschlagene Zuordnungen/ }).waitFor();
    // A journey says what it measures, not only "85,4 km".
    expect(
      await page
        .getByRole("table", { name: /Vorgeschlagene Zuordnungen/ })
        .locator("tbody tr")
        .first()
        .textContent(),
    ).toMatch(/\d+,\d\u00a0km Luftlinie ab \S+/);
    await page.getByText("Hintergrund: Ziele, Wege und Verteilung auf die Verwaltungen").click();
    await page.getByText("Zahlen des Krisenfalls: Besetzung je Anfrage und je Verwaltung").click();
    const measures = page.locator(".measure-list");
    await measures.waitFor();
    const words = await measures.textContent();
    expect(words).toMatch(/Besetzt werden \d+ Krisenplätze/);
    expect(words).toMatch(/höchstens \d+\u00a0% eines Pools|mehr als \d+\u00a0% (ihres|eines) Pools/);
    expect(words).toMatch(/im Schnitt [\d,]+\u00a0km je Person – gemessen in Luftlinie vom Sitz der abgebenden Verwaltung/);
    // Bars start at zero and say what their full width means.
    expect(await page.getByText("Balken von 0 bis 100\u00a0% des Pools").count()).toBe(1);

    expect(await expectFitsWidth(page, 390)).toBeGreaterThan(0);
    // Chart labels and figures at least 12 px, never cut off.
    const labels = await page.locator(".bar-chart__label, .bar-chart__value, .bar-chart__title").evaluateAll((els) =>
      els.map((el) => ({
        size: parseFloat(getComputedStyle(el).fontSize),
        cut: el.scrollWidth > el.clientWidth + 1,
        text: el.textContent,
      })),
    );
    expect(labels.length).toBeGreaterThan(6);
    for (const l of labels) {
      expect(l.size, l.text ?? "").toBeGreaterThanOrEqual(12);
      expect(l.cut, l.text ?? "").toBe(false);
    }
    expect(labels.some((l) => (l.text ?? "").endsWith("…"))).toBe(false);
    // No caption is cut off.
    const captions = await page
      .locator("caption, figcaption")
      .evaluateAll((els) =>
        els
          .filter((el) => el.getClientRects().length > 0)
          .map((el) => ({ cut: el.scrollWidth > el.clientWidth + 1, text: el.textContent })),
      );
    for (const c of captions) expect(c.cut, c.text ?? "").toBe(false);
    await expectAccessible(page, "crisis board at 390 px");
    await detail(page.locator(".bar-chart").first(), "crisis-board-chart");
    await detail(page.getByRole("region", { name: /Vorgeschlagene Zuordnungen/ }), "crisis-board-assignments");
    await detail(page.locator(".measure-list"), "crisis-board-measures");
    await detail(page.getByRole("region", { name: /Abgegeben je Verwaltung/ }), "crisis-board-shares-table");
    await page.setViewportSize({ width: 1280, height: 900 });
    await screenshots(page, "crisis-board-stacked");
    await context.close();
  });
});
