import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { buildStatement } from "./statement";
import { casesFromDays, type RatedDay } from "./statement-cases";

const S1 = { id: "s1", model: "reimbursement" as const, label: "Gesundheitsamt" };
const S2 = { id: "s2", model: "reimbursement" as const, label: "Bürgerbüro" };
const day = (secondmentId: string, d: string, minutes: number, rateCentsPerHour = 5114, rateLabel = "E 9b"): RatedDay => ({
  secondmentId,
  day: d,
  minutes,
  rateCentsPerHour,
  rateLabel,
});

describe("casesFromDays", () => {
  it("adds a secondment's days at one rate into one line, priced once (5 × 7,75 h at 51,14 € = 1.981,68 €)", () => {
    const days = ["2026-11-02", "2026-11-03", "2026-11-04", "2026-11-05", "2026-11-06"].map((d) => day("s1", d, 465));
    const st = buildStatement({
      lenderOrganizationId: "w",
      borrowerOrganizationId: "r",
      month: "2026-11",
      vat: "none",
      cases: casesFromDays([S1], days, []),
    });
    expect(st.lines).toHaveLength(1);
    expect(st.lines[0]).toMatchObject({ minutes: 2325, amountCents: 198168 });
    expect(st.netCents).toBe(198168);
  });

  it("starts a second line where the rate changes within the month", () => {
    const cases = casesFromDays(
      [S1],
      [day("s1", "2026-04-30", 60, 5000), day("s1", "2026-04-29", 60, 5000), day("s1", "2026-05-01", 60, 5200)],
      [],
    );
    expect(cases[0].hours).toEqual([
      { minutes: 120, rateCentsPerHour: 5000, rateLabel: "E 9b" },
      { minutes: 60, rateCentsPerHour: 5200, rateLabel: "E 9b" },
    ]);
  });

  it("leaves out secondments without days or expenses and keeps expenses with their secondment", () => {
    const cases = casesFromDays([S1, S2], [], [{ secondmentId: "s2", kind: "travel", amountCents: 1160, description: "Fahrkarte" }]);
    expect(cases.map((c) => c.secondmentId)).toEqual(["s2"]);
    expect(cases[0].expenses).toEqual([{ kind: "travel", amountCents: 1160, description: "Fahrkarte" }]);
  });

  it("net = Σ over (secondment, rate) of round(Σ minutes × rate ÷ 60), half up, for any days in any order", () => {
    const arbDay = fc.record({
      secondmentId: fc.constantFrom("s1", "s2"),
      day: fc.integer({ min: 1, max: 28 }).map((d) => `2026-11-${String(d).padStart(2, "0")}`),
      minutes: fc.integer({ min: 1, max: 600 }),
      rateCentsPerHour: fc.constantFrom(4321, 5114, 6789),
      rateLabel: fc.constant("E"),
    });
    fc.assert(
      fc.property(fc.array(arbDay, { maxLength: 40 }), (days) => {
        const st = buildStatement({
          lenderOrganizationId: "w",
          borrowerOrganizationId: "r",
          month: "2026-11",
          vat: "none",
          cases: casesFromDays([S1, S2], days, []),
        });
        const groups = new Map<string, { minutes: number; rate: number }>();
        for (const d of days) {
          const key = `${d.secondmentId}|${d.rateCentsPerHour}`;
          const g = groups.get(key) ?? { minutes: 0, rate: d.rateCentsPerHour };
          g.minutes += d.minutes;
          groups.set(key, g);
        }
        // Half up on integers: floor((2·m·r + 60) / 120).
        const expected = [...groups.values()].reduce((sum, g) => sum + Math.floor((2 * g.minutes * g.rate + 60) / 120), 0);
        expect(st.netCents).toBe(expected);
        expect(st.lines.reduce((sum, l) => sum + (l.kind === "hours" ? l.minutes : 0), 0)).toBe(days.reduce((s, d) => s + d.minutes, 0));
        // Shuffled input gives the same statement.
        const reversed = buildStatement({
          lenderOrganizationId: "w",
          borrowerOrganizationId: "r",
          month: "2026-11",
          vat: "none",
          cases: casesFromDays([S1, S2], [...days].reverse(), []),
        });
        expect(reversed.netCents).toBe(st.netCents);
      }),
    );
  });
});
