import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { distanceToTarget, sizeClassOf, statusOf, type TargetRule } from "./status";

const reachability: TargetRule = { direction: "higher_is_better", target: 75, tolerance: 5 };
const appointment: TargetRule = { direction: "lower_is_better", target: 14, tolerance: 3 };

describe("status of a value against its standard", () => {
  it("higher is better: 75 % ± 5 pp of calls answered", () => {
    expect(statusOf(reachability, 80)).toBe("met");
    expect(statusOf(reachability, 75)).toBe("met");
    expect(statusOf(reachability, 74.9)).toBe("within_tolerance");
    expect(statusOf(reachability, 70)).toBe("within_tolerance");
    expect(statusOf(reachability, 69.9)).toBe("missed");
    expect(statusOf(reachability, 0)).toBe("missed");
  });

  it("lower is better: an appointment within 14 ± 3 days", () => {
    expect(statusOf(appointment, 9)).toBe("met");
    expect(statusOf(appointment, 14)).toBe("met");
    expect(statusOf(appointment, 15)).toBe("within_tolerance");
    expect(statusOf(appointment, 17)).toBe("within_tolerance");
    expect(statusOf(appointment, 17.5)).toBe("missed");
  });

  it("no tolerance: anything on the wrong side is missed; no value is no data", () => {
    const exact: TargetRule = { direction: "higher_is_better", target: 100, tolerance: 0 };
    expect(statusOf(exact, 100)).toBe("met");
    expect(statusOf(exact, 99.9)).toBe("missed");
    expect(statusOf(exact, null)).toBe("no_data");
    expect(statusOf(exact, undefined)).toBe("no_data");
    expect(statusOf(exact, Number.NaN)).toBe("no_data");
  });

  it("rounding is not a miss: 0.57 × 100 against a target of 57 %, 0.1 + 0.2 against 0.3", () => {
    expect(0.57 * 100).toBeLessThan(57); // 56.99999999999999
    expect(statusOf({ direction: "higher_is_better", target: 57, tolerance: 0 }, 0.57 * 100)).toBe("met");
    expect(statusOf({ direction: "lower_is_better", target: 0.3, tolerance: 0 }, 0.1 + 0.2)).toBe("met");
  });

  it("a better value never has a worse status, and the distance is positive exactly when the target is beaten", () => {
    const rank = { met: 0, within_tolerance: 1, missed: 2, no_data: 3 } as const;
    fc.assert(
      fc.property(
        fc.constantFrom("higher_is_better" as const, "lower_is_better" as const),
        fc.double({ min: 0, max: 1000, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: -1000, max: 2000, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (direction, target, tolerance, value, step) => {
          const rule = { direction, target, tolerance };
          const better = direction === "higher_is_better" ? value + step : value - step;
          expect(rank[statusOf(rule, better)]).toBeLessThanOrEqual(rank[statusOf(rule, value)]);
          if (distanceToTarget(rule, value) > 1e-6) expect(statusOf(rule, value)).toBe("met");
          if (statusOf(rule, value) === "missed") expect(distanceToTarget(rule, value)).toBeLessThan(-tolerance);
        },
      ),
    );
  });
});

describe("size classes", () => {
  it("under 20,000, 20,000 to 50,000 and over 50,000 inhabitants", () => {
    expect(sizeClassOf(19_999)).toBe("small");
    expect(sizeClassOf(20_000)).toBe("medium");
    expect(sizeClassOf(50_000)).toBe("medium");
    expect(sizeClassOf(50_001)).toBe("large");
    expect(sizeClassOf(1_150_000)).toBe("large");
  });
});
