import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { preferenceOf, prefersMinimal } from "./prefer";

describe("the Prefer header (RFC 7240)", () => {
  it.each([
    ["return=minimal", true],
    ["respond-async, return=minimal", true],
    ["RETURN=Minimal", true],
    ['return="minimal"', true],
    ["return=minimal; foo=bar", true],
    ["  return = minimal ", true],
    [",,return=minimal", true],
    [["respond-async", "return=minimal"], true],
    ["return=minimal-ish", false],
    ["return=minimalist", false],
    ["return=representation, return=minimal", false],
    ["handling=strict; return=minimal", false],
    ['foo="a,return=minimal"', false],
    ["xreturn=minimal", false],
    ["", false],
    [undefined, false],
  ] as Array<[string | string[] | undefined, boolean]>)("%j asks for the short answer: %s", (header, minimal) => {
    expect(prefersMinimal(header)).toBe(minimal);
  });

  it("reads a preference's value, quoted or not, and knows an absent one", () => {
    expect(preferenceOf("wait=10, respond-async", "wait")).toBe("10");
    expect(preferenceOf('x="a \\"b\\", c"', "x")).toBe('a "b", c');
    expect(preferenceOf("respond-async", "respond-async")).toBe("");
    expect(preferenceOf("respond-async", "wait")).toBeNull();
  });

  it("never throws and takes linear time on any header", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("r", "e", "t", "u", "n", "=", "m", '"', "\\\\", ",", ";", " ") }), (header) => {
        expect(typeof prefersMinimal(header)).toBe("boolean");
      }),
    );
    const started = performance.now();
    prefersMinimal(`return=${"a".repeat(16_000)}"${"\\\\".repeat(16_000)}`);
    prefersMinimal('"'.repeat(32_000));
    expect(performance.now() - started).toBeLessThan(500);
  });
});
