import fs from "node:fs";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import AxeBuilder from "@axe-core/playwright";
import { expect, inject } from "vitest";

/** Where Debian's Chromium is, or `CHROME_PATH`; undefined when there is none. */
export function findChromium(): string | undefined {
  const candidates = [process.env.CHROME_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(Boolean) as string[];
  return candidates.find((p) => fs.existsSync(p));
}

/** Base URL of the production build started by the global setup. */
export const baseUrl = (): string => inject("e2eBaseUrl");
/** Password of the demo accounts in the browser tests. */
export const demoPassword = (): string => inject("e2eDemoPassword");

/** Starts Chromium with the flags this machine needs (no sandbox as root, no background network). */
export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: findChromium(),
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** A fresh context (axe needs a page from `browser.newContext()`), in German. */
export async function newPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "de-DE", baseURL: baseUrl() });
  const page = await context.newPage();
  return { context, page };
}

/** Runs axe with the WCAG 2.1 A/AA rules and expects no violation. */
export async function expectAccessible(page: Page, where: string) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const violations = results.violations.map(
    (v) =>
      `${where}: ${v.id} (${v.impact}) ${v.nodes
        .map((n) => n.target.join(" "))
        .slice(0, 3)
        .join(", ")}`,
  );
  expect(violations).toEqual([]);
}

/**
 * Sets the page `width` px wide (it stays so) and expects the page and every visible table area
 * to fit it: stacked rows, not a table wider than the screen (WCAG 1.4.10). Returns how many table
 * areas it measured, for a page that must have some.
 */
export async function expectFitsWidth(page: Page, width: number): Promise<number> {
  const size = page.viewportSize() ?? { width: 1280, height: 900 };
  await page.setViewportSize({ width, height: size.height });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  const areas = await page
    .locator(".kern-table-responsive")
    .evaluateAll((els) =>
      els
        .filter((el) => el.getClientRects().length > 0)
        .map((el) => ({ scroll: el.scrollWidth, client: el.clientWidth, id: el.getAttribute("aria-labelledby") })),
    );
  for (const a of areas) expect(a.scroll, `${a.id}: ${a.scroll} px wide in ${a.client} px`).toBeLessThanOrEqual(a.client + 1);
  return areas.length;
}

/** Signs in through the login form with the keyboard only. */
export async function signInWithKeyboard(page: Page, login: string) {
  await page.goto("/anmelden");
  await page.getByRole("heading", { level: 1, name: "Anmelden" }).waitFor();
  await page.getByLabel("Anmeldename (E-Mail-Adresse)").focus();
  await page.keyboard.type(login);
  await page.keyboard.press("Tab");
  await page.keyboard.type(demoPassword());
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { level: 1, name: /Guten Tag/ }).waitFor();
}

/**
 * When `E2E_SCREENSHOTS` names a folder, saves the page at 1280 and at 390 pixels wide
 * (`<name>-1280.png`, `<name>-390.png`) for a person to look at; otherwise does nothing.
 */
export async function screenshots(page: Page, name: string) {
  const dir = process.env.E2E_SCREENSHOTS;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  const size = page.viewportSize() ?? { width: 1280, height: 900 };
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: size.height });
    await page.screenshot({ path: `${dir}/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize(size);
}

/** Focuses a control and presses Enter: a keyboard user's click. */
export async function press(page: Page, locator: ReturnType<Page["getByRole"]>) {
  await locator.focus();
  await page.keyboard.press("Enter");
}
