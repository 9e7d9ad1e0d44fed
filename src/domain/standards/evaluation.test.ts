import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  aggregate,
  bestPracticeOf,
  distributionOf,
  evaluate,
  latestPeriod,
  needsSupport,
  rollUp,
  sizeClassPeers,
  trendOf,
  type EvaluatedAdministration,
  type EvaluatedVersion,
  type ReportedValue,
} from "./evaluation";

// Telephone reachability: 75 % ± 5 pp, higher is better; appointment: 14 ± 3 days, lower is better.
const reach1: EvaluatedVersion = { id: "r1", version: 1, direction: "higher_is_better", target: 75, tolerance: 5, aggregation: "ratio" };
const reach2: EvaluatedVersion = { ...reach1, id: "r2", version: 2, target: 80 };
const appointment: EvaluatedVersion = { id: "a1", version: 1, direction: "lower_is_better", target: 14, tolerance: 3, aggregation: "mean" };

const admins: EvaluatedAdministration[] = [
  { id: "w", name: "Wunstorf", population: 41_000 },
  { id: "g", name: "Garbsen", population: 60_000 },
  { id: "u", name: "Uetze", population: 19_000 },
  { id: "a", name: "Arnum", population: 15_000 },
  { id: "b", name: "Barsinghausen", population: 34_000 },
  { id: "ä", name: "Ägidien", population: 8_000 },
];

const v = (organizationId: string, period: string, value: number, version = reach1, extra: Partial<ReportedValue> = {}): ReportedValue => ({
  organizationId,
  period,
  value,
  version,
  ...extra,
});

describe("evaluation of a period", () => {
  it("statuses with tolerance bands, distances, trend and no data — hand-worked", () => {
    const values = [
      v("w", "2026-Q2", 72),
      v("w", "2026-Q3", 69.9), // below 70: missed, and worse than 72
      v("g", "2026-Q2", 80),
      v("g", "2026-Q3", 80), // met, same
      v("u", "2026-Q3", 70), // the band's edge: within tolerance
      v("b", "2026-Q2", 60),
      v("b", "2026-Q3", 75), // met, better
    ];
    const e = evaluate({ period: "2026-Q3", administrations: admins, values });
    const by = Object.fromEntries(e.administrations.map((a) => [a.organizationId, a]));
    expect(by.w).toMatchObject({ status: "missed", value: 69.9, trend: "worse", previousValue: 72, previousStatus: "within_tolerance" });
    expect(by.w.distance).toBeCloseTo(-5.1);
    expect(by.g).toMatchObject({ status: "met", distance: 5, trend: "same" });
    expect(by.u).toMatchObject({ status: "within_tolerance", distance: -5, trend: null });
    expect(by.b).toMatchObject({ status: "met", trend: "better" });
    expect(by.a).toMatchObject({ status: "no_data", value: null, distance: null, trend: null });
    expect(e.statusCounts).toEqual({ met: 2, within_tolerance: 1, missed: 1, no_data: 2 });
    // 69.9, 70, 75, 80: four values — shown, but too few for a comparison.
    expect(e.distribution).toMatchObject({ n: 4, min: 69.9, median: 72.5, max: 80, tooFew: true });
    expect(e.previousPeriod).toBe("2026-Q2");
  });

  it("lists the administrations by name (German order), not by value: no league table", () => {
    const e = evaluate({ period: "2026-09", administrations: admins, values: [v("w", "2026-09", 99), v("a", "2026-09", 1)] });
    expect(e.administrations.map((a) => a.name)).toEqual(["Ägidien", "Arnum", "Barsinghausen", "Garbsen", "Uetze", "Wunstorf"]);
  });

  it("lower is better: fewer days is the better trend and a positive distance", () => {
    const e = evaluate({
      period: "2026-09",
      administrations: admins,
      values: [v("w", "2026-08", 20, appointment), v("w", "2026-09", 16, appointment), v("g", "2026-09", 18, appointment)],
    });
    const [w, g] = ["w", "g"].map((id) => e.administrations.find((a) => a.organizationId === id)!);
    expect(w).toMatchObject({ status: "within_tolerance", distance: -2, trend: "better" });
    expect(g).toMatchObject({ status: "missed", distance: -4 });
  });

  it("a value is measured against its own version: 77 % met under version 1, within tolerance under version 2", () => {
    const e = evaluate({
      period: "2026-Q3",
      administrations: admins,
      values: [v("w", "2026-Q2", 77, reach1), v("w", "2026-Q3", 77, reach2)],
    });
    const w = e.administrations.find((a) => a.organizationId === "w")!;
    expect(w).toMatchObject({ status: "within_tolerance", previousStatus: "met", version: 2, distance: -3, trend: "same" });
  });

  it("peer groups: the distribution is the group's; five values make a comparison", () => {
    const values = admins.map((a, i) => v(a.id, "2026-Q3", 70 + i));
    const all = evaluate({ period: "2026-Q3", administrations: admins, values });
    expect(all.distribution).toMatchObject({ n: 6, median: 72.5, q1: 71.25, q3: 73.75, tooFew: false });
    const small = sizeClassPeers(admins, "small");
    expect(small.sort()).toEqual(["a", "u", "ä"].sort());
    const group = evaluate({ period: "2026-Q3", administrations: admins, values, peerGroup: small });
    expect(group.distribution).toMatchObject({ n: 3, tooFew: true });
    expect(group.administrations.filter((a) => a.inPeerGroup).map((a) => a.name)).toEqual(["Ägidien", "Arnum", "Uetze"]);
    expect(group.administrations.find((a) => a.organizationId === "g")!.sizeClass).toBe("large");
  });
});

describe("aggregation over sub-periods", () => {
  const months = [
    { period: "2026-01", value: 50, numerator: 50, denominator: 100 },
    { period: "2026-02", value: 100, numerator: 300, denominator: 300 },
    { period: "2026-03", value: 75, numerator: 75, denominator: 100 },
  ];
  it("mean, sum, ratio (Σ numerators / Σ denominators) and last", () => {
    expect(aggregate("mean", months)).toBe(75);
    expect(aggregate("sum", months)).toBe(225);
    expect(aggregate("ratio", months)).toBe(85); // 425 / 500
    expect(aggregate("last", [...months].reverse())).toBe(75);
    expect(aggregate("ratio", [{ period: "2026-01", value: 60 }, ...months.slice(1)])).toBeCloseTo(78.333, 3); // no fraction: mean
    expect(aggregate("mean", [])).toBeNull();
  });

  it("a quarter from months, with the latest month's version", () => {
    const rolled = rollUp(
      [
        v("w", "2026-07", 70, reach1, { numerator: 70, denominator: 100 }),
        v("w", "2026-08", 80, reach1, { numerator: 160, denominator: 200 }),
        v("w", "2026-09", 90, reach2, { numerator: 90, denominator: 100 }),
        v("g", "2026-10", 50, reach2),
      ],
      "quarter",
    );
    const w = rolled.find((r) => r.organizationId === "w")!;
    expect(w).toMatchObject({ period: "2026-Q3", value: 80, subPeriods: 3, version: reach2 });
    expect(rolled.find((r) => r.organizationId === "g")).toMatchObject({ period: "2026-Q4", value: 50, subPeriods: 1 });
    // A year cannot be split into quarters.
    expect(rollUp([v("w", "2026", 1)], "quarter")).toEqual([]);
  });
});

describe("best practice and needs support", () => {
  const four = ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"];
  it("met in each of the last four periods, best average; ties by the latest value, then the name", () => {
    const values = [
      ...four.map((p) => v("g", p, 90)), // average 90
      ...four.map((p, i) => v("b", p, [95, 95, 95, 74][i])), // once within tolerance: not a candidate
      ...four.map((p, i) => v("u", p, [84, 86, 88, 92][i])), // average 87.5
    ];
    expect(bestPracticeOf(admins, values, "2026-Q4")).toMatchObject({ organizationId: "g", average: 90, periods: four });
    // Arnum's average is also 90, with the better latest value.
    const tie = [...values, ...four.map((p, i) => v("a", p, [88, 90, 90, 92][i]))];
    expect(bestPracticeOf(admins, tie, "2026-Q4")!.organizationId).toBe("a");
    // The same average and latest value: the name decides (Ägidien before Garbsen).
    const sameAll = [...values, ...four.map((p) => v("ä", p, 90))];
    expect(bestPracticeOf(admins, sameAll, "2026-Q4")!.name).toBe("Ägidien");
    // Three periods are not four.
    expect(bestPracticeOf(admins, values, "2026-Q3")).toBeNull();
  });

  it("lower is better: the lowest average wins", () => {
    const values = [...four.map((p) => v("w", p, 10, appointment)), ...four.map((p) => v("g", p, 12, appointment))];
    expect(bestPracticeOf(admins, values, "2026-Q4")!.organizationId).toBe("w");
  });

  it("needs support: missed twice in a row — in the period and the one before, or the two before while the period's value is due", () => {
    const s = (entries: Array<[string, number]>) => new Map(entries.map(([p, x]) => [p, v("w", p, x)]));
    expect(
      needsSupport(
        s([
          ["2026-Q2", 60],
          ["2026-Q3", 60],
        ]),
        "2026-Q3",
      ),
    ).toBe(true);
    expect(
      needsSupport(
        s([
          ["2026-Q1", 60],
          ["2026-Q2", 60],
        ]),
        "2026-Q3",
      ),
    ).toBe(true);
    expect(
      needsSupport(
        s([
          ["2026-Q1", 60],
          ["2026-Q2", 60],
          ["2026-Q3", 80],
        ]),
        "2026-Q3",
      ),
    ).toBe(false);
    expect(
      needsSupport(
        s([
          ["2026-Q1", 60],
          ["2026-Q3", 60],
        ]),
        "2026-Q3",
      ),
    ).toBe(false);
    expect(
      needsSupport(
        s([
          ["2026-Q2", 72],
          ["2026-Q3", 60],
        ]),
        "2026-Q3",
      ),
    ).toBe(false); // within tolerance is not missed
    expect(
      needsSupport(
        s([
          ["2025-Q4", 60],
          ["2026-Q1", 60],
        ]),
        "2026-Q3",
      ),
    ).toBe(false); // too long ago
  });

  it("trend needs both values", () => {
    expect(trendOf(undefined, v("w", "2026-Q2", 1))).toBeNull();
    expect(latestPeriod([{ period: "2026-Q2" }, { period: "2026-Q3" }, { period: "2025-Q4" }])).toBe("2026-Q3");
    expect(distributionOf([])).toMatchObject({ n: 0, median: null, tooFew: true });
  });
});

describe("properties", () => {
  const periods = ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"];
  const arbValue = fc.record({
    organizationId: fc.constantFrom(...admins.map((a) => a.id)),
    period: fc.constantFrom(...periods),
    value: fc.double({ min: 0, max: 100, noNaN: true }),
    numerator: fc.integer({ min: 0, max: 50 }),
    denominator: fc.integer({ min: 50, max: 100 }),
    version: fc.constantFrom(reach1, reach2, appointment),
  });

  it("the evaluation, the best practice and the roll-up never depend on the order of the values", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(arbValue, { selector: (x) => `${x.organizationId} ${x.period}`, maxLength: 36 }),
        fc.integer(),
        (values, seed) => {
          const shuffled = [...values].sort((a, b) => ((a.value * 1e6 + seed) % 7) - ((b.value * 1e6 + seed) % 7)).reverse();
          for (const period of ["2026-05", "2026-06"]) {
            expect(evaluate({ period, administrations: [...admins].reverse(), values: shuffled })).toEqual(
              evaluate({ period, administrations: admins, values }),
            );
          }
          const byKey = (rs: ReportedValue[]) =>
            [...rs].sort((a, b) => `${a.organizationId}${a.period}`.localeCompare(`${b.organizationId}${b.period}`));
          expect(byKey(rollUp(shuffled, "quarter"))).toEqual(byKey(rollUp(values, "quarter")));
        },
      ),
    );
  });

  it("an aggregate is exactly the same whatever the order of the sub-periods (sums run in one order)", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ month: fc.integer({ min: 1, max: 12 }), value: fc.double({ min: 0, max: 1e6, noNaN: true }) }), {
          selector: (x) => x.month,
          minLength: 2,
        }),
        fc.constantFrom("mean" as const, "sum" as const, "ratio" as const, "last" as const),
        (months, aggregation) => {
          const values = months.map(({ month, value }) => ({
            period: `2026-${String(month).padStart(2, "0")}`,
            value,
            numerator: value / 3,
            denominator: value + 1,
          }));
          expect(aggregate(aggregation, [...values].reverse())).toBe(aggregate(aggregation, values));
        },
      ),
    );
  });

  it("quartiles are ordered and lie within the values; aggregates lie within their values", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 30 }), (xs) => {
        const d = distributionOf(xs);
        expect(d.min! <= d.q1! && d.q1! <= d.median! && d.median! <= d.q3! && d.q3! <= d.max!).toBe(true);
        expect(d.tooFew).toBe(xs.length < 5);
        const sub = xs.map((value, i) => ({ period: `2026-${String((i % 12) + 1).padStart(2, "0")}`, value }));
        const mean = aggregate("mean", sub)!;
        expect(mean).toBeGreaterThanOrEqual(d.min! - 1e-6);
        expect(mean).toBeLessThanOrEqual(d.max! + 1e-6);
      }),
    );
  });
});

describe("support for a theme", () => {
  it("names only departments and qualifications the seed has", async () => {
    const { SUPPORT_FOR_THEME } = await import("./evaluation");
    const { QUALIFICATION_CATALOGUE } = await import("../../db/seed/qualifications");
    const { DEFAULT_DEPARTMENTS } = await import("../../db/seed/reference");
    const departments = new Set([...DEFAULT_DEPARTMENTS.map(([k]) => k), "bauordnung"]);
    const qualifications = new Set(QUALIFICATION_CATALOGUE.map(([k]) => k));
    for (const { department, qualification } of Object.values(SUPPORT_FOR_THEME)) {
      if (department) expect(departments).toContain(department);
      if (qualification) expect(qualifications).toContain(qualification);
    }
  });
});
