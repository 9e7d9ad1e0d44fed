import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatGermanDate, readGermanDate, readPeriod } from "./report-period";

describe("readPeriod", () => {
  it.each([
    ["2026-09", "2026-09"],
    ["2026-9", "2026-09"],
    ["09/2026", "2026-09"],
    ["9.2026", "2026-09"],
    ["September 2026", "2026-09"],
    ["Sept. 2026", "2026-09"],
    ["Sep 26", "2026-09"],
    ["märz 2026", "2026-03"],
    ["01.09.2026", "2026-09"],
    ["2026-Q3", "2026-Q3"],
    ["2026 q3", "2026-Q3"],
    ["Q3 2026", "2026-Q3"],
    ["Q3/2026", "2026-Q3"],
    ["3. Quartal 2026", "2026-Q3"],
    ["3.Quartal 2026", "2026-Q3"],
    ["  2026  ", "2026"],
  ])("reads %j as %s", (text, period) => {
    expect(readPeriod(text)?.text).toBe(period);
  });

  it("gives each period its first and last day", () => {
    expect(readPeriod("2026-Q3")).toEqual({
      text: "2026-Q3",
      kind: "quarter",
      year: 2026,
      index: 3,
      start: "2026-07-01",
      end: "2026-09-30",
    });
    expect(readPeriod("02/2028")).toEqual({ text: "2028-02", kind: "month", year: 2028, index: 2, start: "2028-02-01", end: "2028-02-29" });
    expect(readPeriod("2026")).toEqual({ text: "2026", kind: "year", year: 2026, index: 1, start: "2026-01-01", end: "2026-12-31" });
  });

  it.each([
    "",
    "2026-13",
    "13/2026",
    "Q5 2026",
    "5. Quartal 2026",
    "1999",
    "2100-01",
    "Foo 2026",
    "2026-Q",
    "31.02.2026",
    "26",
    "2026-09-15x",
  ])("refuses %j", (text) => {
    expect(readPeriod(text)).toBeNull();
  });

  it("reads every month and quarter back from each way of writing it", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2099 }), fc.integer({ min: 1, max: 12 }), (year, month) => {
        const mm = String(month).padStart(2, "0");
        for (const text of [`${year}-${mm}`, `${mm}/${year}`, `${month}/${year}`, `01.${mm}.${year}`]) {
          expect(readPeriod(text)?.text).toBe(`${year}-${mm}`);
        }
        const q = Math.ceil(month / 3);
        for (const text of [`${year}-Q${q}`, `Q${q} ${year}`, `${q}. Quartal ${year}`]) {
          expect(readPeriod(text)?.text).toBe(`${year}-Q${q}`);
        }
        const read = readPeriod(`${year}-${mm}`)!;
        expect(read.start <= read.end).toBe(true);
      }),
    );
  });

  it("never throws on any text", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const read = readPeriod(text);
        if (read) expect(read.text).toMatch(/^\d{4}(-\d{2}|-Q[1-4])?$/);
      }),
      { numRuns: 3000 },
    );
  });
});

describe("readGermanDate", () => {
  it("reads 31.12.2026 and refuses days that do not exist", () => {
    expect(readGermanDate("31.12.2026")).toBe("2026-12-31");
    expect(readGermanDate("1.2.2026")).toBe("2026-02-01");
    expect(readGermanDate("29.02.2027")).toBeNull();
    expect(formatGermanDate("2026-12-31")).toBe("31.12.2026");
  });
});
