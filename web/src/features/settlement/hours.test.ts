import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { germanHours } from "../../../../src/domain/settlement/money";
import { firstDayToRecordAgain, hoursText, monthName, waitsToBeRecordedAgain } from "./hours";

const savedZone = process.env.TZ;
afterEach(() => {
  if (savedZone === undefined) delete process.env.TZ;
  else process.env.TZ = savedZone;
});

describe("months as people read them", () => {
  it("names the month it is given in every time zone, with or without the year", () => {
    for (const zone of ["America/Los_Angeles", "UTC", "Pacific/Kiritimati"]) {
      process.env.TZ = zone;
      expect(monthName("2026-11", "de"), zone).toBe("November 2026");
      expect(monthName("2026-03", "de", { withYear: false }), zone).toBe("März");
      expect(monthName("2026-12", "en"), zone).toBe("December 2026");
    }
  });
});

describe("hours as people read them", () => {
  it("reads like the statement: two decimals, the same figure as the PDF, the CSV and a correction's note", () => {
    expect(hoursText(390, "de")).toBe("6,50");
    expect(hoursText(360, "de")).toBe("6,00");
    expect(hoursText(465, "en")).toBe("7.75");
    expect(hoursText(2325, "de")).toBe("38,75");
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 600_000 }), (minutes) => {
        expect(hoursText(minutes, "de").replace(/\./g, "")).toBe(germanHours(minutes));
      }),
    );
  });
});

describe("returned days recorded anew", () => {
  it("opens the earliest returned day that has no newer entry, and none once all are recorded again", () => {
    const month = [
      { day: "2026-11-12", state: "returned" },
      { day: "2026-11-05", state: "returned" },
      { day: "2026-11-05", state: "recorded" },
      { day: "2026-11-03", state: "confirmed" },
      { day: "2026-11-20", state: "returned" },
    ];
    expect(firstDayToRecordAgain(month)).toBe("2026-11-12");
    expect(waitsToBeRecordedAgain(month[1], month)).toBe(false);
    expect(firstDayToRecordAgain([...month, { day: "2026-11-12", state: "confirmed" }, { day: "2026-11-20", state: "recorded" }])).toBe(
      undefined,
    );
  });

  it("is the earliest waiting day, whatever the order of the entries", () => {
    const entry = fc.record({
      day: fc.integer({ min: 1, max: 28 }).map((d) => `2026-11-${String(d).padStart(2, "0")}`),
      state: fc.constantFrom("recorded", "confirmed", "returned", "corrected"),
    });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 30 }), (month) => {
        const first = firstDayToRecordAgain(month);
        const waiting = month.filter((e) => waitsToBeRecordedAgain(e, month)).map((e) => e.day);
        expect(first).toBe(waiting.length ? waiting.reduce((a, b) => (a < b ? a : b)) : undefined);
        expect(firstDayToRecordAgain([...month].reverse())).toBe(first);
      }),
    );
  });
});
