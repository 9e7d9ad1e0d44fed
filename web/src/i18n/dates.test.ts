import { afterEach, describe, expect, it } from "vitest";
import { formatDate, todayInGermany } from "./dates";

const savedZone = process.env.TZ;
afterEach(() => {
  if (savedZone === undefined) delete process.env.TZ;
  else process.env.TZ = savedZone;
});

describe("dates in the web app", () => {
  it("a date is the day it names in a browser west of UTC, a timestamp its day in Germany", () => {
    for (const zone of ["America/Los_Angeles", "UTC", "Europe/Berlin", "Pacific/Kiritimati"]) {
      process.env.TZ = zone;
      expect(formatDate("de-DE", "2026-11-25"), zone).toBe("25.11.2026");
      expect(formatDate("en-GB", "2026-11-25"), zone).toBe("25/11/2026");
      expect(formatDate("de-DE", "2026-12-31T23:30:00.000Z"), zone).toBe("01.01.2027");
      expect(formatDate("de-DE", "2026-11-01", "long"), zone).toBe("1. November 2026");
    }
  });

  it("today is the date in Germany: at 23:30 UTC on 31 December the date field starts on 1 January", () => {
    process.env.TZ = "America/New_York";
    expect(todayInGermany(new Date("2026-12-31T23:30:00Z"))).toBe("2027-01-01");
    expect(todayInGermany(new Date("2027-06-30T21:59:00Z"))).toBe("2027-06-30");
  });
});
