import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkValue, JUMP_THRESHOLD, median, unexplainedWarnings, type PlausibilityContext } from "./plausibility";
import { INDICATOR_UNITS, PERIODICITIES } from "./standard";

const quarterly: PlausibilityContext = { unit: "percent", periodicity: "quarter" };
const rules = (problems: ReturnType<typeof checkValue>) => problems.map((p) => p.rule);

describe("plausibility checks", () => {
  it("a share above 100 % is an error in plain words", () => {
    const [p] = checkValue({ period: "2026-Q3", value: 104 }, quarterly);
    expect(p).toMatchObject({ rule: "range_percent", field: "value", severity: "error" });
    expect(p.message.de).toBe("Der Anteil kann nicht über 100 % liegen.");
  });

  it("a period that does not match the standard's periodicity or format is an error at the period", () => {
    expect(rules(checkValue({ period: "2026-09", value: 80 }, quarterly))).toEqual(["period_periodicity"]);
    expect(rules(checkValue({ period: "Q3/2026", value: 80 }, quarterly))).toEqual(["period_format"]);
    expect(checkValue({ period: "Q3/2026", value: 80 }, quarterly)[0].message.de).toBe("Geben Sie den Zeitraum im Format 2026-Q3 ein.");
  });

  it("numerator above denominator, a missing half and a value that does not match the fraction are errors", () => {
    expect(rules(checkValue({ period: "2026-Q3", value: 80, numerator: 90, denominator: 80 }, quarterly))).toEqual(["fraction_order"]);
    expect(rules(checkValue({ period: "2026-Q3", value: 80, numerator: 90 }, quarterly))).toEqual(["fraction_incomplete"]);
    expect(rules(checkValue({ period: "2026-Q3", value: 80, numerator: 70, denominator: 100 }, quarterly))).toEqual(["fraction_value"]);
    // 2 of 3 rounded to one decimal is fine.
    expect(checkValue({ period: "2026-Q3", value: 66.7, numerator: 2, denominator: 3 }, quarterly)).toEqual([]);
  });

  it("days, hours and counts cannot be negative", () => {
    expect(rules(checkValue({ period: "2026-Q3", value: -1 }, { unit: "days", periodicity: "quarter" }))).toEqual(["range_not_negative"]);
  });

  it("a jump of more than 50 % against the previous period and a value far from the region's median only warn", () => {
    const problems = checkValue({ period: "2026-Q3", value: 30 }, { ...quarterly, previousValue: 80, peerValues: [78, 80, 82, 75] });
    expect(problems.map((p) => [p.rule, p.severity])).toEqual([
      ["jump", "warning"],
      ["median_distance", "warning"],
    ]);
    expect(problems[0].message.de).toContain("2. Quartal 2026");
    expect(unexplainedWarnings(problems, { jump: "Umstellung der Telefonanlage im August" })).toEqual([problems[1]]);
    // Fewer than three peers: no median check.
    expect(rules(checkValue({ period: "2026-Q3", value: 30 }, { ...quarterly, peerValues: [80, 82] }))).toEqual([]);
  });

  it("property: any value within the unit's range, without history and peers, passes; any error has a German and English message", () => {
    fc.assert(
      fc.property(fc.constantFrom(...INDICATOR_UNITS), fc.double({ min: -1e6, max: 1e6, noNaN: true }), (unit, value) => {
        const problems = checkValue({ period: "2026", value }, { unit, periodicity: "year" });
        const inRange = unit === "percent" ? value >= 0 && value <= 100 : value >= 0;
        expect(problems.length === 0).toBe(inRange);
        for (const p of problems) expect(p.message.de.length * p.message.en.length).toBeGreaterThan(0);
      }),
    );
  });

  it("property: the jump check warns exactly when the relative change exceeds the threshold", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 1000, noNaN: true }), fc.double({ min: 0, max: 1000, noNaN: true }), (previous, value) => {
        const warned = rules(
          checkValue({ period: "2026", value }, { unit: "count", periodicity: "year", previousValue: previous }),
        ).includes("jump");
        expect(warned).toBe(Math.abs(value - previous) / previous > JUMP_THRESHOLD);
      }),
    );
  });

  it("property: a value equal to the region's median never gets the median warning; a consistent fraction never errs", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 3, maxLength: 21 }),
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        (peers, den, rawNum) => {
          const m = median(peers);
          expect(
            rules(checkValue({ period: "2026", value: m }, { unit: "percent", periodicity: "year", peerValues: peers })),
          ).not.toContain("median_distance");
          const num = rawNum % (den + 1);
          const value = Math.round((num / den) * 1000) / 10;
          expect(checkValue({ period: "2026", value, numerator: num, denominator: den }, { unit: "percent", periodicity: "year" })).toEqual(
            [],
          );
        },
      ),
    );
  });
});
