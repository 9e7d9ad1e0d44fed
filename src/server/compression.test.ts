import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LightMyRequestResponse } from "fastify";
import { buildTestApp, type TestApp } from "../../test/app";
import { precompressDir } from "../../web/build/precompress";

/**
 * What the network carries: the web app's files compressed once at build time and cached for a
 * year when their name carries a content hash; index.html asked for again each time; API answers
 * compressed for browsers that accept it.
 */
let t: TestApp;
let webDir: string;
const script = `export const texts = ${JSON.stringify(Array.from({ length: 300 }, (_, i) => `Abordnung Nummer ${i}`))};\n`;
const page = `<!doctype html><html lang="de"><head><title>Verbund</title>${"<meta name='x' content='y'>".repeat(60)}</head><body><div id="root"></div></body></html>`;

beforeAll(async () => {
  webDir = fs.mkdtempSync(path.join(os.tmpdir(), "verbund-web-"));
  fs.mkdirSync(path.join(webDir, "assets"));
  fs.writeFileSync(path.join(webDir, "index.html"), page);
  fs.writeFileSync(path.join(webDir, "assets", "index-C0ffee12.js"), script);
  fs.writeFileSync(path.join(webDir, "assets", "fira-sans-400-latin-Ab12Cd34.woff2"), Buffer.alloc(4000, 7));
  fs.writeFileSync(path.join(webDir, "favicon.svg"), "<svg xmlns='http://www.w3.org/2000/svg'/>");
  precompressDir(webDir); // what `npm run build:web` does after bundling
  t = await buildTestApp({ webDir });
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(webDir, { recursive: true, force: true });
});

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: "GET", url, headers });
const decoded = (res: LightMyRequestResponse): string => {
  const encoding = res.headers["content-encoding"];
  if (encoding === "br") return zlib.brotliDecompressSync(res.rawPayload).toString();
  if (encoding === "gzip") return zlib.gunzipSync(res.rawPayload).toString();
  return res.body;
};

describe("the web app's files", () => {
  it("are sent Brotli- or gzip-compressed as the browser accepts, and the same file unpacked otherwise", async () => {
    const br = await get("/assets/index-C0ffee12.js", { "accept-encoding": "gzip, deflate, br, zstd" });
    expect(br.statusCode).toBe(200);
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers["content-type"]).toMatch(/javascript/);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.rawPayload.length).toBeLessThan(script.length / 3);
    expect(decoded(br)).toBe(script);

    const gzip = await get("/assets/index-C0ffee12.js", { "accept-encoding": "gzip" });
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(decoded(gzip)).toBe(script);

    const plain = await get("/assets/index-C0ffee12.js");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body).toBe(script);
  });

  it("with a content hash in their name are cached for a year without asking again", async () => {
    for (const [url, encoding] of [
      ["/assets/index-C0ffee12.js", "br"],
      ["/assets/index-C0ffee12.js", ""],
      ["/assets/fira-sans-400-latin-Ab12Cd34.woff2", "br"],
    ]) {
      const res = await get(url, encoding ? { "accept-encoding": encoding } : {});
      expect(res.statusCode, url).toBe(200);
      expect(res.headers["cache-control"], url).toBe("public, max-age=31536000, immutable");
    }
    // Fonts are compressed already: sent as they are.
    expect(
      (await get("/assets/fira-sans-400-latin-Ab12Cd34.woff2", { "accept-encoding": "br" })).headers["content-encoding"],
    ).toBeUndefined();
  });

  it("index.html (for every page of the app) and unhashed files are asked for again each time, answered 304 while unchanged", async () => {
    const first = await get("/abordnungen/123", { accept: "text/html", "accept-encoding": "br" });
    expect(first.statusCode).toBe(200);
    expect(first.headers["cache-control"]).toBe("no-cache");
    expect(first.headers["content-encoding"]).toBe("br");
    expect(decoded(first)).toBe(page);
    const again = await get("/abordnungen/123", {
      accept: "text/html",
      "accept-encoding": "br",
      "if-none-match": String(first.headers.etag),
    });
    expect(again.statusCode).toBe(304);
    expect((await get("/favicon.svg")).headers["cache-control"]).toBe("no-cache");
  });
});

describe("API answers", () => {
  it("are compressed for browsers that accept it; small ones (the session and its CSRF token) are not", async () => {
    const plain = await get("/api/v1/organizations");
    const br = await get("/api/v1/organizations", { "accept-encoding": "br, gzip" });
    expect(br.statusCode).toBe(200);
    expect(br.headers["content-encoding"]).toBe("br");
    expect(JSON.parse(decoded(br))).toEqual(plain.json());
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 4);
    const gzip = await get("/api/v1/organizations", { "accept-encoding": "gzip" });
    expect(gzip.headers["content-encoding"]).toBe("gzip");

    const client = await t.signIn("personal@wunstorf.demo");
    const session = await client.request({ method: "GET", url: "/api/v1/session", headers: { "accept-encoding": "br, gzip" } });
    expect(session.json().csrfToken).toBeTruthy();
    expect(session.headers["content-encoding"]).toBeUndefined();
  });

  it("only answers are compressed: a compressed request body is not inflated but refused", async () => {
    const body = zlib.gzipSync(JSON.stringify({ login: "personal@wunstorf.demo", password: "falsches-passwort" }));
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/session",
      headers: { "content-type": "application/json", "content-encoding": "gzip" },
      payload: body,
    });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect(res.statusCode).not.toBe(401); // never read as a sign-in
  });
});
