import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { launch, newPage, signInWithKeyboard } from "./browser";

const hasBrowser = inject("e2eHasBrowser");
let browser: Browser;

beforeAll(async () => {
  if (hasBrowser) browser = await launch();
});
afterAll(async () => browser?.close());

/** The budget of issue #14: the first signed-in load of the start page transfers at most 400 KB. */
const BUDGET_BYTES = 400 * 1024;

describe.skipIf(!hasBrowser)("the first load", () => {
  it("a fresh browser signs in and sees the start page within 400 KB transferred", async () => {
    const { context, page } = await newPage(browser);
    // What the network really carried (headers and compressed bodies), per response, as
    // Chromium's DevTools count it.
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    const urls = new Map<string, { url: string; type: string }>();
    const transferred: Array<{ url: string; type: string; bytes: number }> = [];
    cdp.on("Network.responseReceived", (e) => urls.set(e.requestId, { url: e.response.url, type: e.type }));
    cdp.on("Network.loadingFinished", (e) => {
      const r = urls.get(e.requestId);
      if (r) transferred.push({ ...r, bytes: e.encodedDataLength });
    });

    await signInWithKeyboard(page, "personal@wunstorf.demo");
    await page.waitForLoadState("networkidle");
    await expect.poll(() => page.evaluate(() => document.fonts.status)).toBe("loaded");
    await page.waitForLoadState("networkidle");

    const total = transferred.reduce((s, r) => s + r.bytes, 0);
    const byType = new Map<string, number>();
    for (const r of transferred) byType.set(r.type, (byType.get(r.type) ?? 0) + r.bytes);
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
    console.log(
      `First signed-in load of the start page: ${kb(total)} transferred in ${transferred.length} responses (${[...byType]
        .map(([type, bytes]) => `${type} ${kb(bytes)}`)
        .join(", ")})\n` +
        transferred
          .sort((a, b) => b.bytes - a.bytes)
          .map((r) => `  ${kb(r.bytes).padStart(9)}  ${new URL(r.url).pathname}`)
          .join("\n"),
    );
    expect(transferred.length).toBeGreaterThan(5); // the count saw the page, its assets and the API
    expect(total).toBeLessThanOrEqual(BUDGET_BYTES);
    await context.close();
  });

  it("scripts and styles arrive Brotli-compressed and are kept for a year; a reload fetches none of them again", async () => {
    const { context, page } = await newPage(browser);
    const assets: Array<{ path: string; encoding?: string; cacheControl?: string }> = [];
    let document: Record<string, string> = {};
    page.on("response", (response) => {
      const path = new URL(response.url()).pathname;
      if (path.startsWith("/assets/"))
        assets.push({ path, encoding: response.headers()["content-encoding"], cacheControl: response.headers()["cache-control"] });
      if (response.request().resourceType() === "document") document = response.headers();
    });
    await signInWithKeyboard(page, "personal@wunstorf.demo");
    await page.waitForLoadState("networkidle");
    const textAssets = assets.filter((a) => /\.(js|css)$/.test(a.path));
    expect(textAssets.length).toBeGreaterThanOrEqual(3);
    for (const a of textAssets) expect(a, a.path).toMatchObject({ encoding: "br", cacheControl: "public, max-age=31536000, immutable" });
    for (const a of assets.filter((x) => x.path.endsWith(".woff2")))
      expect(a.cacheControl, a.path).toBe("public, max-age=31536000, immutable");
    expect(document["cache-control"]).toBe("no-cache"); // index.html: a new release is seen at once

    // A new visit asks the server again only for the page itself (index.html) and the API: not
    // even a revalidation (304) for the hashed files.
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    const askedServer: string[] = [];
    const fromCache = new Set<string>();
    cdp.on("Network.requestServedFromCache", (e) => fromCache.add(e.requestId));
    cdp.on("Network.responseReceived", (e) => {
      if (!fromCache.has(e.requestId) && !e.response.fromDiskCache && !e.response.fromPrefetchCache && !e.response.fromServiceWorker)
        askedServer.push(new URL(e.response.url).pathname);
    });
    await page.goto("/");
    await page.getByRole("heading", { level: 1, name: /Guten Tag/ }).waitFor();
    await page.waitForLoadState("networkidle");
    expect(askedServer).toContain("/"); // the count did see the visit
    expect(askedServer.filter((p) => p.startsWith("/assets/"))).toEqual([]);
    await context.close();
  });
});
