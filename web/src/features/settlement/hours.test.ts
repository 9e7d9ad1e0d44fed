import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { germanHours } from "../../../../src/domain/settlement/money";
import { hoursText, monthName } from "./hours";

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
