import { afterEach, describe, expect, it } from "vitest";
import { monthName } from "./hours";

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
