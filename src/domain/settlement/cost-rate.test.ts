import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_COST_RATE_PARAMETERS,
  PAY_GROUPS,
  computeCostRate,
  scaleOf,
  type CostRate,
  type CostRateParameters,
  type CostRateResult,
  type ManualRate,
  type OverheadChoice,
} from "./cost-rate";
import { divideRoundedExact } from "./money";
import { payTables } from "../../modules/settlement/pay-table-files";
import { euroStringToCents } from "./pay-tables";

// The shipped files, read as the server reads them (the test may do I/O; the domain does not).
const tables = payTables();

/** The seeded defaults (docs/SETTLEMENT.md › Kostensätze). */
const DEFAULTS = DEFAULT_COST_RATE_PARAMETERS;

const rate = (
  payGroup: string,
  on: string,
  overhead: OverheadChoice = "office",
  extra: Partial<CostRateParameters> = {},
  manualRates: ManualRate[] = [],
) =>
  computeCostRate({
    payGroup,
    employmentStatus: scaleOf(payGroup).status,
    on,
    overhead,
    parameters: [{ ...DEFAULTS, ...extra }],
    tables,
    manualRates,
  });

function expectRate(result: CostRateResult): CostRate {
  if (result.kind !== "rate") throw new Error(`no rate: ${result.message.en}`);
  return result;
}

const amounts = (r: CostRate) => Object.fromEntries(r.breakdown.map((l) => [l.key, l.amountCents]));

describe("cost rates from the pay tables, computed by hand", () => {
  it("E 9b on 1 December 2026, office: 51,14 € per hour", () => {
    // Table from 1 May 2026, E 9b step 3: 4.203,56 € = 420 356 ct; net annual hours 1.591,20.
    // Base:   420 356 × 12 = 5 044 272 ct ÷ 1 591,20 h = 3 170,1056 → 3 170 ct
    // Bonus:  70,28 % of 420 356 = 295 426,20 ct ÷ 1 591,20 h = 185,6625 → 186 ct
    // Gross:  5 044 272 + 295 426,2 = 5 339 698,2 ct
    // Social security 21 %: 1 121 336,622 ÷ 1 591,20 = 704,7113 → 705 ct
    // Supplementary pension 6 %: 320 381,892 ÷ 1 591,20 = 201,3461 → 201 ct
    // Subtotal 3 170 + 186 + 705 + 201 = 4 262 ct; overhead 20 % = 852,4 → 852 ct; rate 5 114 ct
    const r = expectRate(rate("E 9b", "2026-12-01"));
    expect(r.monthlyCents).toBe(420356);
    expect(r.step).toBe(3);
    expect(r.validFrom).toBe("2026-05-01");
    expect(amounts(r)).toEqual({ base_pay: 3170, annual_bonus: 186, social_security: 705, supplementary_pension: 201, overhead: 852 });
    expect(r.centsPerHour).toBe(5114);
    expect(r.breakdown.find((l) => l.key === "base_pay")!.basis.de).toBe("4.203,56 € × 12 = 50.442,72 € ÷ 1.591,20 h");
    expect(r.breakdown.find((l) => l.key === "social_security")!.basisCents).toBe(5339698);
  });

  it("A 11 (civil servant) on 1 December 2026, other workplace: 45,82 € per hour", () => {
    // Lower Saxony A 11 step 3: 4.167,99 € = 416 799 ct; net annual hours 1.632,00.
    // Base:    416 799 × 12 = 5 001 588 ct ÷ 1 632 h = 3 064,6985 → 3 065 ct
    // Pension surcharge 30 % of 5 001 588 = 1 500 476,4 ÷ 1 632 = 919,4096 → 919 ct
    // Subtotal 3 984 ct; overhead 15 % = 597,6 → 598 ct; rate 4 582 ct
    const r = expectRate(rate("A 11", "2026-12-01", "other"));
    expect(amounts(r)).toEqual({ base_pay: 3065, civil_servant_pension: 919, overhead: 598 });
    expect(r.centsPerHour).toBe(4582);
  });

  it("E 9b on 1 June 2024 uses the table of 1 March 2024; without overhead the overhead line is 0", () => {
    // 1 March 2024, E 9b step 3: 3.969,97 € = 396 997 ct.
    // Base 396 997 × 12 × 100 ÷ 159 120 = 2 993,9443 → 2 994; bonus 70,28 %: 396 997 × 7 028 ÷ 10 000 × 100 ÷ 159 120 = 175,3441 → 175
    const r = expectRate(rate("E 9b", "2024-06-01", "none"));
    expect(r.validFrom).toBe("2024-03-01");
    expect(r.monthlyCents).toBe(396997);
    expect(amounts(r).base_pay).toBe(2994);
    expect(amounts(r).annual_bonus).toBe(175);
    expect(amounts(r).overhead).toBe(0);
  });

  it("E 1 starts at step 2: a reference step 1 takes the nearest step above", () => {
    const r = expectRate(rate("E 1", "2026-12-01", "office", { referenceStep: 1 }));
    expect(r.step).toBe(2);
    expect(r.monthlyCents).toBe(253455);
  });

  it("an agreement's own overhead percentage applies: 12,5 % of 4 262 ct = 532,75 → 533 ct", () => {
    const r = expectRate(rate("E 9b", "2026-12-01", { percent: 12.5 }));
    expect(amounts(r).overhead).toBe(533);
    expect(r.centsPerHour).toBe(4262 + 533);
  });

  it("B grades, and S groups before the SuE table, need a manual rate; the one in force applies", () => {
    expect(rate("B 3", "2026-12-01")).toMatchObject({ kind: "no_rate", reason: "no_table" });
    expect(rate("S 8a", "2025-12-01")).toMatchObject({ kind: "no_rate", reason: "no_table" });
    const manual: ManualRate[] = [
      { payGroup: "B 3", validFrom: "2026-01-01", centsPerHour: 7000, note: "Schätzung" },
      { payGroup: "B 3", validFrom: "2026-07-01", centsPerHour: 7400, note: "Besoldungsanpassung" },
    ];
    const r = expectRate(rate("B 3", "2026-12-01", "office", {}, manual));
    expect(r.source).toBe("manual");
    // 7 400 ct + 20 % = 1 480 ct → 8 880 ct
    expect(amounts(r)).toEqual({ manual: 7400, overhead: 1480 });
    expect(r.centsPerHour).toBe(8880);
    expect(expectRate(rate("B 3", "2026-03-01", "office", {}, manual)).centsPerHour).toBe(8400);
  });

  it("no rate before the first parameters, and none for a pay group of the other employment status", () => {
    expect(rate("E 9b", "2021-12-31")).toMatchObject({ kind: "no_rate", reason: "no_parameters" });
    const mismatch = computeCostRate({
      payGroup: "E 9b",
      employmentStatus: "civil_servant",
      on: "2026-12-01",
      overhead: "office",
      parameters: [DEFAULTS],
      tables,
      manualRates: [],
    });
    expect(mismatch).toMatchObject({ kind: "no_rate", reason: "status_mismatch" });
  });

  it("the parameter version in force is the latest one that has begun", () => {
    const later = { ...DEFAULTS, validFrom: "2027-01-01", overheadOfficeBasisPoints: 0 };
    const on = (day: string) =>
      expectRate(
        computeCostRate({
          payGroup: "E 9b",
          employmentStatus: "employee",
          on: day,
          overhead: "office",
          parameters: [later, DEFAULTS],
          tables,
          manualRates: [],
        }),
      );
    expect(on("2026-12-31").centsPerHour).toBe(5114);
    expect(on("2027-01-01").centsPerHour).toBe(4262);
    expect(on("2027-01-01").parametersValidFrom).toBe("2027-01-01");
  });

  it("reads euro amounts without floating point and the annual bonus as yearly percentages", () => {
    expect(euroStringToCents("4203.56")).toBe(420356);
    expect(euroStringToCents("2791.00")).toBe(279100);
    expect(euroStringToCents("0.1")).toBe(10);
    expect(tables.annualBonusBasisPoints.get("E 8")).toBe(8451);
    expect(tables.annualBonusBasisPoints.get("E 9b")).toBe(7028);
    expect(tables.annualBonusBasisPoints.get("E 13")).toBe(5178);
  });

  it("rounds half up: 0,5 ct up, 0,4999 ct down", () => {
    expect(divideRoundedExact(1n, 2n)).toBe(1n);
    expect(divideRoundedExact(4999n, 10000n)).toBe(0n);
    expect(divideRoundedExact(5n, 2n)).toBe(3n);
  });
});

// ---- Properties ---------------------------------------------------------------------------------

const day = fc
  .date({ min: new Date("2022-04-01T00:00:00Z"), max: new Date("2027-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const parameters = fc.record({
  validFrom: fc.constant("2022-01-01"),
  referenceStep: fc.integer({ min: 1, max: 6 }),
  socialSecurityBasisPoints: fc.integer({ min: 0, max: 4000 }),
  supplementaryPensionBasisPoints: fc.integer({ min: 0, max: 1500 }),
  civilServantPensionBasisPoints: fc.integer({ min: 0, max: 6000 }),
  employeeNetAnnualHundredths: fc.integer({ min: 100000, max: 220000 }),
  civilServantNetAnnualHundredths: fc.integer({ min: 100000, max: 220000 }),
  overheadOfficeBasisPoints: fc.integer({ min: 0, max: 5000 }),
  overheadOtherBasisPoints: fc.integer({ min: 0, max: 5000 }),
});
const overhead: fc.Arbitrary<OverheadChoice> = fc.oneof(
  fc.constantFrom<OverheadChoice>("office", "other", "none"),
  fc.integer({ min: 0, max: 10000 }).map((bp) => ({ percent: bp / 100 })),
);
const tableGroups = PAY_GROUPS.filter((g) => !g.startsWith("B "));

describe("cost rate properties", () => {
  it("cents are integers and the breakdown lines add up to the rate, for any group, day, parameters and overhead", () => {
    fc.assert(
      fc.property(fc.constantFrom(...PAY_GROUPS), day, parameters, overhead, (group, on, p, o) => {
        const r = computeCostRate({
          payGroup: group,
          employmentStatus: scaleOf(group).status,
          on,
          overhead: o,
          parameters: [p],
          tables,
          manualRates: [{ payGroup: group, validFrom: "2020-01-01", centsPerHour: 6543, note: "" }],
        });
        expect(r.kind).toBe("rate");
        if (r.kind !== "rate") return;
        for (const line of r.breakdown) {
          expect(Number.isInteger(line.amountCents)).toBe(true);
          expect(line.amountCents).toBeGreaterThanOrEqual(0);
        }
        expect(r.breakdown.reduce((s, l) => s + l.amountCents, 0)).toBe(r.centsPerHour);
      }),
      { numRuns: 400 },
    );
  });

  it("a rate without overhead is never above the same rate with overhead", () => {
    fc.assert(
      fc.property(fc.constantFrom(...tableGroups), day, parameters, overhead, (group, on, p, o) => {
        const args = { payGroup: group, employmentStatus: scaleOf(group).status, on, parameters: [p], tables, manualRates: [] };
        const without = computeCostRate({ ...args, overhead: "none" });
        const withOverhead = computeCostRate({ ...args, overhead: o });
        if (without.kind !== "rate" || withOverhead.kind !== "rate") return;
        expect(without.centsPerHour).toBeLessThanOrEqual(withOverhead.centsPerHour);
      }),
    );
  });

  // The tables themselves are not monotone everywhere (TVöD-SuE 2026: S 12 step 5 = 5.290,81 € >
  // S 13 step 5 = 5.287,64 €), so across groups the property holds at the reference step 3.
  it("within a table, a higher step never costs less per hour, and at step 3 neither does a higher pay group", () => {
    fc.assert(
      fc.property(day, parameters, overhead, fc.constantFrom("E ", "S ", "A "), (on, p, o, prefix) => {
        const groups = PAY_GROUPS.filter((g) => g.startsWith(prefix));
        const at = (group: string, step: number) => {
          const r = computeCostRate({
            payGroup: group,
            employmentStatus: scaleOf(group).status,
            on,
            overhead: o,
            parameters: [{ ...p, referenceStep: step }],
            tables,
            manualRates: [],
          });
          return r.kind === "rate" && r.step === step ? r.centsPerHour : undefined;
        };
        for (const step of [3]) {
          const rates = groups.map((g) => at(g, step)).filter((x): x is number => x !== undefined);
          for (let i = 1; i < rates.length; i++) expect(rates[i]).toBeGreaterThanOrEqual(rates[i - 1]);
        }
        for (const group of groups) {
          const rates = Array.from({ length: 12 }, (_, i) => at(group, i + 1)).filter((x): x is number => x !== undefined);
          for (let i = 1; i < rates.length; i++) expect(rates[i]).toBeGreaterThanOrEqual(rates[i - 1]);
        }
      }),
      { numRuns: 60 },
    );
  });
});
