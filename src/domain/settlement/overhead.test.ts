import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_COST_RATE_PARAMETERS, PAY_GROUPS, computeCostRate, scaleOf, type CostRateParameters } from "./cost-rate";
import { hoursAmountCents } from "./money";
import { agreedOverheadOf, overheadChoiceOf, overheadWords, type AgreedOverhead } from "./overhead";
import { payTables } from "../../modules/settlement/pay-table-files";

const tables = payTables();

/** What `minutes` of `payGroup` on `on` cost with an agreement's overhead, or null without a rate. */
function priced(payGroup: string, on: string, overhead: AgreedOverhead, minutes: number, parameters: CostRateParameters) {
  const r = computeCostRate({
    payGroup,
    employmentStatus: scaleOf(payGroup).status,
    on,
    overhead: overheadChoiceOf(overhead),
    parameters: [parameters],
    tables,
    manualRates: [{ payGroup, validFrom: "2020-01-01", centsPerHour: 6543, note: "" }],
  });
  return r.kind === "rate" ? { cents: hoursAmountCents(minutes, r.centsPerHour), rate: r } : null;
}

describe("an agreement's overhead, by hand", () => {
  it("E 9b on 1 December 2026 with 12 % agreed: 4 262 ct + 12 % = 511,44 → 511 ct, 4 773 ct per hour; the line says so", () => {
    // Personnel lines as in cost-rate.test.ts: 3 170 + 186 + 705 + 201 = 4 262 ct.
    const p = priced("E 9b", "2026-12-01", { kind: "agreed", basisPoints: 1200 }, 90, DEFAULT_COST_RATE_PARAMETERS)!;
    const line = p.rate.breakdown.find((l) => l.key === "overhead")!;
    expect(line.amountCents).toBe(511);
    expect(line.label.de).toBe("Gemeinkostenzuschlag, abweichend vereinbart");
    expect(line.basis.de).toBe("12 % von 42,62 €");
    expect(p.rate.centsPerHour).toBe(4773);
    // 90 minutes at 47,73 €/h = 71,595 € → 71,60 €
    expect(p.cents).toBe(7160);
  });

  it("none: the borrower provides the workplace, 0 % and a line that says why", () => {
    const p = priced("E 9b", "2026-12-01", { kind: "none" }, 60, DEFAULT_COST_RATE_PARAMETERS)!;
    const line = p.rate.breakdown.find((l) => l.key === "overhead")!;
    expect(line.amountCents).toBe(0);
    expect(line.label.de).toBe("Gemeinkostenzuschlag, Arbeitsplatz stellt die aufnehmende Verwaltung");
    expect(p.cents).toBe(4262);
  });

  it("words for the agreement, the statement line and the exports", () => {
    expect(overheadWords({ kind: "office" }, 2000).de).toBe("20 % (Büroarbeitsplatz, Rahmenvereinbarung)");
    expect(overheadWords({ kind: "other" }, 1500).en).toBe("15 % (other workplace, framework agreement)");
    expect(overheadWords({ kind: "agreed", basisPoints: 1250 }, 2000).de).toBe("12,5 % (abweichend vereinbart)");
    expect(overheadWords({ kind: "none" }, 2000).de).toBe("0 % (Arbeitsplatz stellt die aufnehmende Verwaltung)");
    expect(overheadWords({ kind: "office" }, null).de).toBe("Büroarbeitsplatz, Rahmenvereinbarung");
  });

  it("reads its columns; anything incomplete is the framework agreement's office rate", () => {
    expect(agreedOverheadOf("agreed", 1234)).toEqual({ kind: "agreed", basisPoints: 1234 });
    expect(agreedOverheadOf("agreed", null)).toEqual({ kind: "office" });
    expect(agreedOverheadOf("agreed", 10001)).toEqual({ kind: "office" });
    expect(agreedOverheadOf("none", null)).toEqual({ kind: "none" });
  });
});

const day = fc
  .date({ min: new Date("2022-04-01T00:00:00Z"), max: new Date("2027-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const parameters = fc.record({
  ...Object.fromEntries(Object.entries(DEFAULT_COST_RATE_PARAMETERS).map(([k, v]) => [k, fc.constant(v)])),
  validFrom: fc.constant("2022-01-01"),
  overheadOfficeBasisPoints: fc.integer({ min: 0, max: 10000 }),
  overheadOtherBasisPoints: fc.integer({ min: 0, max: 10000 }),
}) as fc.Arbitrary<CostRateParameters>;

describe("overhead properties", () => {
  it("for the same hours: none ≤ any agreed percentage ≤ 100 %, and office and other are the region's parameters", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PAY_GROUPS),
        day,
        parameters,
        fc.integer({ min: 0, max: 10000 }),
        fc.integer({ min: 1, max: 600 * 23 }),
        (group, on, p, bp, minutes) => {
          const at = (o: AgreedOverhead) => priced(group, on, o, minutes, p)!.cents;
          const none = at({ kind: "none" });
          const agreed = at({ kind: "agreed", basisPoints: bp });
          const full = at({ kind: "agreed", basisPoints: 10000 });
          expect(none).toBeLessThanOrEqual(agreed);
          expect(agreed).toBeLessThanOrEqual(full);
          expect(at({ kind: "agreed", basisPoints: 0 })).toBe(none);
          expect(at({ kind: "office" })).toBe(at({ kind: "agreed", basisPoints: p.overheadOfficeBasisPoints }));
          expect(at({ kind: "other" })).toBe(at({ kind: "agreed", basisPoints: p.overheadOtherBasisPoints }));
        },
      ),
      { numRuns: 150 },
    );
  });
});
