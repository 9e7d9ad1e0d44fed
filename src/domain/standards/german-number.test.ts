import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatGerman, readEnglish, readGerman } from "./german-number";

describe("readGerman", () => {
  it.each([
    ["78,5", 78.5],
    ["1.234,5", 1234.5],
    ["1.234", 1234],
    ["12.000.000", 12_000_000],
    ["1 234,5", 1234.5],
    ["1\u00a0234", 1234],
    ["-3", -3],
    ["+0,25", 0.25],
    [" 78,5 % ", 78.5],
    ["0", 0],
    ["007", 7],
  ])("reads %j as %d", (text, value) => {
    expect(readGerman(text)).toEqual({ ok: true, value });
  });

  it("refuses a decimal point instead of guessing (1.234 is one thousand … in a German file)", () => {
    expect(readGerman("78.5")).toEqual({ ok: false, rule: "decimal_point" });
    expect(readGerman("0.785")).toEqual({ ok: false, rule: "decimal_point" });
  });

  it.each(["", " ", "abc", "1,2,3", "1.23", "12.34,5", "1..234", "--1", "1e5", "∞", "NaN", ",5", "5,", "1.234.56", "1 234.5"])(
    "refuses %j",
    (text) => {
      expect(readGerman(text).ok).toBe(false);
    },
  );

  it("reads back what formatGerman writes, for every finite number", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const read = readGerman(formatGerman(x));
        expect(read).toEqual({ ok: true, value: x === 0 ? 0 : x });
      }),
      { numRuns: 2000 },
    );
  });

  it("writes groups of three with dots and a decimal comma", () => {
    expect(formatGerman(1234567.5)).toBe("1.234.567,5");
    expect(formatGerman(-0.000001)).toBe("-0,000001");
    expect(formatGerman(1e21)).toBe("1.000.000.000.000.000.000.000");
    expect(formatGerman(100)).toBe("100");
  });

  it("never throws on any text, and answers a value or a rule", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[-+0-9., %]{0,12}$/)), (text) => {
        const read = readGerman(text);
        if (read.ok) expect(Number.isFinite(read.value)).toBe(true);
        else expect(["number", "decimal_point"]).toContain(read.rule);
        const english = readEnglish(text);
        if (english.ok) expect(Number.isFinite(english.value)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});

describe("readEnglish (comma-separated files)", () => {
  it("reads a decimal point and refuses a decimal comma", () => {
    expect(readEnglish("78.5")).toEqual({ ok: true, value: 78.5 });
    expect(readEnglish("-3")).toEqual({ ok: true, value: -3 });
    expect(readEnglish("78,5").ok).toBe(false);
  });
});
