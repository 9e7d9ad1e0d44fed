import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  formatPeriod,
  formatPeriodText,
  lastClosedPeriod,
  parsePeriod,
  periodIn,
  periodOf,
  periodsDue,
  previousPeriod,
  shiftPeriod,
} from "./period";
import { monthName } from "../../kernel/dates";
import { readPeriod } from "./report-period";
import { PERIODICITIES } from "./standard";

const dayAfter = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

describe("periods", () => {
  it("parses months, quarters and years into first and last day and writes them out in German", () => {
    expect(parsePeriod("2026-Q3")).toMatchObject({ kind: "quarter", start: "2026-07-01", end: "2026-09-30" });
    expect(parsePeriod("2028-02")).toMatchObject({ kind: "month", start: "2028-02-01", end: "2028-02-29" });
    expect(parsePeriod("2026")).toMatchObject({ kind: "year", start: "2026-01-01", end: "2026-12-31" });
    expect(formatPeriod(parsePeriod("2026-Q3")!)).toBe("3. Quartal 2026");
    expect(formatPeriod(parsePeriod("2026-09")!)).toBe("September 2026");
    expect(formatPeriod(parsePeriod("2026-Q3")!, "en")).toBe("Q3 2026");
    for (const bad of ["2026-13", "2026-Q5", "26", "2026-9", "2026-q3", "", "2026-00", "1999"]) expect(parsePeriod(bad)).toBeNull();
  });

  it("the last closed quarter on 3 December 2026 is the third", () => {
    expect(lastClosedPeriod("quarter", "2026-12-03").text).toBe("2026-Q3");
    expect(lastClosedPeriod("month", "2027-01-10").text).toBe("2026-12");
    expect(lastClosedPeriod("year", "2026-12-03").text).toBe("2025");
  });

  it("every period's text parses back to itself, its days are in order and the next period starts the day after it ends", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PERIODICITIES),
        fc.integer({ min: 2001, max: 2098 }),
        fc.integer({ min: 1, max: 12 }),
        (kind, year, i) => {
          const index = kind === "month" ? i : kind === "quarter" ? ((i - 1) % 4) + 1 : 1;
          const p = periodOf(kind, year, index);
          expect(parsePeriod(p.text)).toEqual(p);
          expect(p.start <= p.end).toBe(true);
          const next = shiftPeriod(p, -1);
          const dayAfter = new Date(Date.parse(`${p.end}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
          expect(next.start).toBe(dayAfter);
          expect(previousPeriod(next)).toEqual(p);
        },
      ),
    );
  });
});

describe("periods built from numbers", () => {
  it("there is no 13th month, fifth quarter or year outside 2000–2099", () => {
    expect(periodIn("month", 2026, 13)).toBeNull();
    expect(periodIn("quarter", 2026, 5)).toBeNull();
    expect(periodIn("month", 1999, 12)).toBeNull();
    expect(periodIn("year", 2100, 1)).toBeNull();
    expect(periodIn("month", 2026, 2.5)).toBeNull();
    expect(periodIn("month", 2026, 9)?.text).toBe("2026-09");
    expect(formatPeriodText("2026-11", "en")).toBe("November 2026");
  });

  it("property: what people write is read into the same period the canonical text names", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PERIODICITIES),
        fc.integer({ min: 2000, max: 2099 }),
        fc.integer({ min: 1, max: 12 }),
        (kind, year, i) => {
          const p = periodIn(kind, year, kind === "month" ? i : kind === "quarter" ? ((i - 1) % 4) + 1 : 1)!;
          expect(readPeriod(p.text)).toEqual(p);
          expect(readPeriod(formatPeriod(p))).toEqual(p);
        },
      ),
    );
  });
});

describe("periods due in a sheet", () => {
  it("the third quarter asks for July, August and September of a monthly standard, itself of a quarterly one, nothing of a yearly one", () => {
    const q3 = parsePeriod("2026-Q3")!;
    expect(periodsDue(q3, "month").map((p) => p.text)).toEqual(["2026-07", "2026-08", "2026-09"]);
    expect(periodsDue(q3, "quarter").map((p) => p.text)).toEqual(["2026-Q3"]);
    expect(periodsDue(q3, "year")).toEqual([]);
    expect(periodsDue(parsePeriod("2026-Q4")!, "year").map((p) => p.text)).toEqual(["2026"]);
    expect(periodsDue(parsePeriod("2026-09")!, "quarter").map((p) => p.text)).toEqual(["2026-Q3"]);
    expect(periodsDue(parsePeriod("2026-08")!, "quarter")).toEqual([]);
  });

  it("property: the periods due of a finer or equal kind cover the period day by day, without gap or overlap", () => {
    const rank = { month: 0, quarter: 1, year: 2 } as const;
    fc.assert(
      fc.property(
        fc.constantFrom(...PERIODICITIES),
        fc.constantFrom(...PERIODICITIES),
        fc.integer({ min: 2000, max: 2099 }),
        fc.integer({ min: 1, max: 12 }),
        (outer, inner, year, i) => {
          const p = periodOf(outer, year, outer === "month" ? i : outer === "quarter" ? ((i - 1) % 4) + 1 : 1);
          const due = periodsDue(p, inner);
          if (rank[inner] > rank[outer]) {
            expect(due.length).toBeLessThanOrEqual(1);
            for (const d of due) expect(d.end).toBe(p.end);
            return;
          }
          expect(due[0].start).toBe(p.start);
          expect(due[due.length - 1].end).toBe(p.end);
          for (let k = 1; k < due.length; k++) expect(due[k].start).toBe(dayAfter(due[k - 1].end));
          for (const d of due) expect(d.kind).toBe(inner);
        },
      ),
    );
  });
});

describe("month names are written in one place", () => {
  it("a standard's reporting month reads as the kernel's monthName (which statements use too), in German and English", () => {
    for (let m = 1; m <= 12; m++) {
      const month = `2026-${String(m).padStart(2, "0")}`;
      const period = parsePeriod(month)!;
      expect(formatPeriod(period, "de")).toBe(monthName(month, "de"));
      expect(formatPeriod(period, "en")).toBe(monthName(month, "en"));
    }
    expect(monthName("2026-03", "de")).toBe("März 2026");
    expect(monthName("2026-12-31", "en")).toBe("December 2026");
  });
});
