import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays } from "../../kernel/dates";
import {
  dayProblem,
  ENTRY_STATES,
  minutesProblem,
  monthBounds,
  receiptTypeOf,
  RECORDABLE_SECONDMENT_STATES,
  stepProblem,
  totalsOf,
  type EntryState,
} from "./timesheet-rules";

const isoDay = fc.integer({ min: 0, max: 3000 }).map((n) => addDays("2025-01-01", n));

describe("hours of a day", () => {
  it("examples: 7,75 h and 10 h are fine; 0, 10,25 h and 7,3 h are not", () => {
    expect(minutesProblem(465)).toBeNull();
    expect(minutesProblem(600)).toBeNull();
    expect(minutesProblem(0)?.de).toContain("über 0");
    expect(minutesProblem(615)?.de).toContain("Höchstens 10 Stunden");
    expect(minutesProblem(438)?.de).toContain("Viertelstunden");
  });

  it("property: minutes are accepted exactly when they are whole quarter hours from 15 to 600", () => {
    fc.assert(
      fc.property(fc.integer({ min: -100, max: 2000 }), (m) => {
        expect(minutesProblem(m) === null).toBe(m > 0 && m <= 600 && m % 15 === 0);
      }),
    );
  });
});

describe("days that may carry hours", () => {
  it("property: a day is recordable exactly when the secondment runs (or ran), the day is not in the future and lies in the period", () => {
    fc.assert(
      fc.property(
        isoDay,
        isoDay,
        isoDay,
        fc.integer({ min: 0, max: 400 }),
        fc.constantFrom("active", "completed", "ended_early", "onboarding", "agreed", "proposed", "cancelled"),
        (day, now, startsOn, length, state) => {
          const endsOn = addDays(startsOn, length);
          const ok = (RECORDABLE_SECONDMENT_STATES as readonly string[]).includes(state) && day <= now && day >= startsOn && day <= endsOn;
          expect(dayProblem({ day, today: now, startsOn, endsOn, state }) === null).toBe(ok);
        },
      ),
    );
  });

  it("names the period in German dates when the day lies outside", () => {
    const p = dayProblem({ day: "2026-11-01", today: "2026-12-03", startsOn: "2026-11-12", endsOn: "2027-01-31", state: "active" });
    expect(p?.de).toBe("Der Tag liegt außerhalb der Abordnung (12.11.2026 bis 31.01.2027).");
  });
});

describe("states and totals", () => {
  it("confirm and return start from an open entry only, a correction from a confirmed one only", () => {
    for (const state of ENTRY_STATES) {
      expect(stepProblem("confirm", state) === null).toBe(state === "recorded");
      expect(stepProblem("return", state) === null).toBe(state === "recorded");
      expect(stepProblem("correct", state) === null).toBe(state === "confirmed");
    }
  });

  it("property: replaced entries count nowhere; the rest count once, under their state", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ state: fc.constantFrom<EntryState>(...ENTRY_STATES), minutes: fc.integer({ min: 15, max: 600 }) })),
        (entries) => {
          const t = totalsOf(entries);
          const sum = (s: EntryState) => entries.filter((e) => e.state === s).reduce((a, e) => a + e.minutes, 0);
          expect(t).toEqual({ confirmedMinutes: sum("confirmed"), openMinutes: sum("recorded"), returnedMinutes: sum("returned") });
          // A correction (confirmed → replaced, new recorded entry) moves the day from confirmed to open.
          const confirmed = entries.findIndex((e) => e.state === "confirmed");
          if (confirmed >= 0) {
            const corrected = entries.map((e, i) => (i === confirmed ? { ...e, state: "replaced" as const } : e));
            corrected.push({ state: "recorded", minutes: 300 });
            const after = totalsOf(corrected);
            expect(after.confirmedMinutes).toBe(t.confirmedMinutes - entries[confirmed].minutes);
            expect(after.openMinutes).toBe(t.openMinutes + 300);
          }
        },
      ),
    );
  });

  it("property: a month runs from its first to its last day, and the next day is the next month's first", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2199 }), fc.integer({ min: 1, max: 12 }), (y, m) => {
        const month = `${y}-${String(m).padStart(2, "0")}`;
        const { from, to } = monthBounds(month);
        expect(from).toBe(`${month}-01`);
        expect(to.slice(0, 7)).toBe(month);
        expect(addDays(to, 1).slice(8)).toBe("01");
      }),
    );
  });
});

describe("receipt types by content", () => {
  const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d];
  const JPEG = [0xff, 0xd8, 0xff];
  const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

  it("property: PDF, JPEG and PNG are recognised by their first bytes whatever follows", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (rest) => {
        expect(receiptTypeOf(Uint8Array.from([...PDF, ...rest]))).toBe("application/pdf");
        expect(receiptTypeOf(Uint8Array.from([...JPEG, ...rest]))).toBe("image/jpeg");
        expect(receiptTypeOf(Uint8Array.from([...PNG, ...rest]))).toBe("image/png");
      }),
    );
  });

  it("property: anything else is no receipt (text, HTML, a PDF header that is cut off)", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const starts = (sig: number[]) => sig.every((b, i) => bytes[i] === b);
        fc.pre(!starts(PDF) && !starts(JPEG) && !starts(PNG));
        expect(receiptTypeOf(bytes)).toBeNull();
      }),
    );
    expect(receiptTypeOf(new TextEncoder().encode("<html>%PDF-"))).toBeNull();
    expect(receiptTypeOf(Uint8Array.from([0x25, 0x50, 0x44]))).toBeNull();
  });
});
