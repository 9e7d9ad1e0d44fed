import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import fc from "fast-check";
import { isHoliday } from "feiertagejs";
import {
  addDays,
  addWorkingDays,
  dateInGermany,
  GERMAN_STATES,
  germanDate,
  isWorkingDay,
  publicHolidays,
  stateOfAgs,
  today,
  workingDaysBetween,
} from "./dates";

afterEach(() => {
  vi.useRealTimers();
});

describe("today() is the date in Germany", () => {
  it("at 23:30 UTC on 31 December it is already 1 January in Berlin (the server's clock, no argument)", () => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-12-31T23:30:00Z") });
    expect(today()).toBe("2027-01-01");
  });

  it("follows summer time: 22:30 UTC on 30 June is 1 July, 22:30 UTC on 31 January still 31 January", () => {
    expect(today(new Date("2027-06-30T22:30:00Z"))).toBe("2027-07-01");
    expect(today(new Date("2027-01-31T22:30:00Z"))).toBe("2027-01-31");
    expect(today(new Date("2027-01-31T23:00:00Z"))).toBe("2027-02-01");
  });

  it("does not depend on the server's time zone", () => {
    const saved = process.env.TZ;
    try {
      for (const zone of ["Pacific/Kiritimati", "Pacific/Pago_Pago", "UTC", "Europe/Berlin"]) {
        process.env.TZ = zone;
        expect(today(new Date("2026-12-31T23:30:00Z")), zone).toBe("2027-01-01");
        expect([...publicHolidays(2026, "NI")], zone).toContain("2026-10-31");
        expect(addWorkingDays("2026-10-30", 1, "NI"), zone).toBe("2026-11-02");
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});

describe("one today()", () => {
  it("no file of the server or the web app works out today's date by itself (in UTC, or as a second today())", () => {
    const root = path.join(import.meta.dirname, "..", "..");
    const files = ["src", "web/src"].flatMap((dir) =>
      (fs.readdirSync(path.join(root, dir), { recursive: true }) as string[])
        .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f))
        .map((f) => path.join(dir, f)),
    );
    const allowed = new Set(["src/kernel/dates.ts", "web/src/i18n/dates.ts"]);
    const offending = files.filter((file) => {
      if (allowed.has(file.split(path.sep).join("/"))) return false;
      const text = fs.readFileSync(path.join(root, file), "utf8");
      // "Now" sliced into a UTC date, or a today() of its own.
      return (
        /new Date\(\)\s*\.toISOString\(\)\s*\.slice\(0,\s*10\)/.test(text) ||
        /Date\.now\(\)[^;\n]*\.toISOString\(\)\s*\.slice\(0,\s*10\)/.test(text) ||
        /(function\s+today\s*\(|const\s+today\s*=\s*\(|todayInGermany\s*=)/.test(text)
      );
    });
    expect(files.length).toBeGreaterThan(100);
    expect(offending).toEqual([]);
  });
});

describe("germanDate", () => {
  it("writes an ISO date the German way", () => {
    expect(germanDate("2026-11-25")).toBe("25.11.2026");
  });

  it("writes a timestamp as its day in Germany: a step recorded at 00:30 in Hanover is not dated the day before", () => {
    expect(germanDate("2026-12-31T23:30:00.000Z")).toBe("01.01.2027");
    expect(germanDate(new Date("2026-12-31T23:30:00.000Z"))).toBe("01.01.2027");
    expect(germanDate("2026-12-31T22:30:00.000Z")).toBe("31.12.2026");
    expect(dateInGermany(new Date("2027-03-28T00:30:00Z"))).toBe("2027-03-28");
  });
});

describe("the state of an administration comes from its AGS key", () => {
  it("names the Land by the key's first two digits", () => {
    expect(stateOfAgs("03241")).toBe("NI"); // Region Hannover
    expect(stateOfAgs("03241001")).toBe("NI"); // Hannover
    expect(stateOfAgs("09162000")).toBe("BY"); // München
    expect(stateOfAgs("11000000")).toBe("BE");
    expect(stateOfAgs("16055000")).toBe("TH"); // Erfurt
    expect(() => stateOfAgs("17000000")).toThrow(/no German state/);
    expect(() => stateOfAgs("0a241")).toThrow(/no German state/);
  });
});

describe("working days without the state's public holidays", () => {
  it("Lower Saxony 2026/2027: Good Friday, Easter Monday, Whit Monday, Reformationstag, Christmas", () => {
    const ni2026 = publicHolidays(2026, "NI");
    for (const day of ["2026-04-03", "2026-04-06", "2026-05-14", "2026-05-25", "2026-10-03", "2026-10-31", "2026-12-25", "2026-12-26"]) {
      expect(ni2026.has(day), day).toBe(true);
    }
    expect(publicHolidays(2027, "NI").has("2027-10-31")).toBe(true);
    // Easter 2026: Thursday 2.4. → Tuesday 7.4. (Good Friday 3.4., Easter Monday 6.4.)
    expect(addWorkingDays("2026-04-02", 1, "NI")).toBe("2026-04-07");
    // Whit Monday 2026 (25.5.)
    expect(addWorkingDays("2026-05-22", 1, "NI")).toBe("2026-05-26");
    // 10 working days from Friday 18.12.2026: 21.–24., 28.–31. (25./26. holidays), 4., 5. → 05.01.2027
    expect(addWorkingDays("2026-12-18", 10, "NI")).toBe("2027-01-05");
    // Good Friday and Easter Monday 2027 (26.03. and 29.03.), Whit Monday 2027 (17.5.)
    expect(addWorkingDays("2027-03-25", 1, "NI")).toBe("2027-03-30");
    expect(addWorkingDays("2027-05-14", 1, "NI")).toBe("2027-05-18");
    // Reformationstag on a Tuesday (2028): no working day in Lower Saxony, one in Bavaria
    expect(addWorkingDays("2028-10-30", 1, "NI")).toBe("2028-11-01");
    expect(addWorkingDays("2028-10-30", 1, "BY")).toBe("2028-10-31");
  });

  it("Bavaria has other holidays: Heilige Drei Könige, Fronleichnam, Allerheiligen", () => {
    expect(isWorkingDay("2027-01-06", "BY")).toBe(false);
    expect(isWorkingDay("2027-01-06", "NI")).toBe(true);
    expect(addWorkingDays("2027-01-05", 1, "BY")).toBe("2027-01-07");
    expect(addWorkingDays("2027-01-05", 1, "NI")).toBe("2027-01-06");
    expect(isWorkingDay("2027-05-27", "BY")).toBe(false); // Fronleichnam
    expect(isWorkingDay("2027-11-01", "BY")).toBe(false); // Allerheiligen, a Monday
    expect(isWorkingDay("2027-11-01", "NI")).toBe(true);
    // Saxony's Buß- und Bettag (17.11.2027), Berlin's Frauentag (8.3.2027), Thuringia's Weltkindertag (20.9.2027)
    expect(isWorkingDay("2027-11-17", "SN")).toBe(false);
    expect(isWorkingDay("2027-03-08", "BE")).toBe(false);
    expect(isWorkingDay("2027-09-20", "TH")).toBe(false);
    expect(isWorkingDay("2027-11-17", "NI")).toBe(true);
  });

  it("Lower Saxony keeps exactly the holidays Verbund computed by hand before (2018–2100)", () => {
    for (let year = 2018; year <= 2100; year++) {
      expect([...publicHolidays(year, "NI")].sort(), String(year)).toEqual([...handWrittenLowerSaxony(year)].sort());
    }
  });

  it("agrees with the library's own day-by-day answer (2027, Lower Saxony and Bavaria)", () => {
    for (const state of ["NI", "BY"] as const) {
      for (let d = "2027-01-01"; d <= "2027-12-31"; d = addDays(d, 1)) {
        const date = new Date(`${d}T12:00:00Z`);
        const isOff = date.getUTCDay() === 0 || date.getUTCDay() === 6 || isHoliday(date, state);
        expect(isWorkingDay(d, state), `${state} ${d}`).toBe(!isOff);
      }
    }
  });

  it("lands on a working day of the state and counts exactly n working days (property)", () => {
    const day = fc.integer({ min: 0, max: 365 * 15 }).map((n) => addDays("2020-01-01", n));
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 80 }), fc.constantFrom(...GERMAN_STATES), (from, n, state) => {
        const to = addWorkingDays(from, n, state);
        // Counted day by day from the holiday list, not through isWorkingDay.
        const isOff = (iso: string) =>
          [0, 6].includes(new Date(`${iso}T00:00:00Z`).getUTCDay()) || publicHolidays(Number(iso.slice(0, 4)), state).has(iso);
        let counted = 0;
        for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (!isOff(d)) counted++;
        expect(counted).toBe(n);
        expect(workingDaysBetween(from, to, state)).toBe(n);
        if (n > 0) {
          expect(isOff(to)).toBe(false);
          expect(workingDaysBetween(from, addDays(to, -1), state)).toBe(n - 1);
        } else {
          expect(to).toBe(from);
        }
      }),
      { numRuns: 500 },
    );
  });
});

/** The holidays as `src/domain/secondment/workflow.ts` computed them until December 2026 (Gauss's Easter). */
function handWrittenLowerSaxony(year: number): Set<string> {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const h = (19 * a + b - Math.floor(b / 4) - Math.floor((b - Math.floor((b + 8) / 25) + 1) / 3) + 15) % 30;
  const l = (32 + 2 * (b % 4) + 2 * Math.floor(c / 4) - h - (c % 4)) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const easter = `${year}-${String(month).padStart(2, "0")}-${String(((h + l - 7 * m + 114) % 31) + 1).padStart(2, "0")}`;
  return new Set([
    `${year}-01-01`,
    addDays(easter, -2),
    addDays(easter, 1),
    `${year}-05-01`,
    addDays(easter, 39),
    addDays(easter, 50),
    `${year}-10-03`,
    `${year}-10-31`,
    `${year}-12-25`,
    `${year}-12-26`,
  ]);
}
