import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { el, escapeAttribute, escapeText, renderXml } from "./xml";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "xml-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** What libxml2 reads from the document: the text of `<t>` and its attribute `a`, separated by U+E000. */
function readBack(xml: string): string {
  const file = path.join(dir, "t.xml");
  fs.writeFileSync(file, xml);
  return execFileSync("xmllint", ["--xpath", "concat(string(/t/@a), '\uE000', string(/t))", file], { encoding: "utf8" }).replace(/\n$/, "");
}

/** What XML 1.0 can carry of a string: the rest becomes U+FFFD. */
const carried = (s: string) =>
  s.replace(
    /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    "\uFFFD",
  );

/** Strings rich in what XML treats specially: markup, white space, controls, half surrogate pairs, emoji. */
const tricky = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        "\r",
        "\n",
        "\t",
        "&",
        "<",
        ">",
        '"',
        "'",
        "]]>",
        "\u0000",
        "\u001F",
        "\uD800",
        "\uDC00",
        "\uFFFE",
        "😀",
        "ß",
        "ẞ",
        "&amp;",
      ),
      fc.string({ unit: "binary", maxLength: 3 }),
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(""));

describe("XML writer", () => {
  it("escapes markup and keeps everything else", () => {
    expect(escapeText(`a & b < c > d "e" 'f'`)).toBe(`a &amp; b &lt; c &gt; d "e" 'f'`);
    expect(escapeAttribute(`"x"\n`)).toBe("&quot;x&quot;&#10;");
    expect(escapeText("ü\u0000")).toBe("ü\uFFFD");
    expect(renderXml(el("a", {}, [el("b", { c: "1" }, "x"), el("d", {}, [])]))).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<a>\n  <b c="1">x</b>\n  <d/>\n</a>\n',
    );
  });

  it("any string in a text or an attribute is read back by libxml2 as written (or U+FFFD where XML cannot carry it)", () => {
    fc.assert(
      fc.property(tricky, (value) => {
        fc.pre(!value.includes("\uE000"));
        expect(readBack(renderXml(el("t", { a: value }, value)))).toBe(`${carried(value)}\uE000${carried(value)}`);
      }),
      { numRuns: 60 },
    );
  });
});
