import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { arbitraryStatementInput } from "../../../test/settlement-fixtures";
import { buildStatement } from "./statement";
import {
  averageHourlyRate,
  lendingsOf,
  balancesOf,
  convertToCents,
  net,
  postLending,
  postOpening,
  totalOf,
  yearEnd,
  type Balances,
  type Lending,
  type Transfer,
} from "./ledger";

/** Some of the region's 22 administrations (ids as the database would hold them). */
const ORGS = ["region", "hannover", "wunstorf", "garbsen", "laatzen", "lehrte", "seelze", "uetze"];

const lending = fc.record<Lending>({
  lenderOrganizationId: fc.constantFrom(...ORGS),
  borrowerOrganizationId: fc.constantFrom(...ORGS),
  minutes: fc.integer({ min: 0, max: 200_000 }),
});

/** Balances that sum to zero: any ledger's. */
const ledgerBalances = fc.array(lending, { maxLength: 60 }).map((ls) => balancesOf(ls.flatMap(postLending)));

/** What each administration receives minus what it gives. */
function settled(transfers: Transfer[]): Map<string, number> {
  const result = new Map<string, number>();
  for (const t of transfers) {
    result.set(t.to, (result.get(t.to) ?? 0) + t.amount);
    result.set(t.from, (result.get(t.from) ?? 0) - t.amount);
  }
  return result;
}
const nonZero = (b: Balances) => new Map([...b].filter(([, a]) => a !== 0));

describe("reciprocity ledger", () => {
  it("credits the lender and debits the borrower by the same minutes", () => {
    expect(postLending({ lenderOrganizationId: "wunstorf", borrowerOrganizationId: "region", minutes: 2400 })).toEqual([
      { organizationId: "wunstorf", amount: 2400 },
      { organizationId: "region", amount: -2400 },
    ]);
    expect(postLending({ lenderOrganizationId: "wunstorf", borrowerOrganizationId: "wunstorf", minutes: 2400 })).toEqual([]);
    expect(() => postLending({ lenderOrganizationId: "a", borrowerOrganizationId: "b", minutes: -1 })).toThrow(RangeError);
  });

  it("sums to zero across the region for any postings", () => {
    fc.assert(
      fc.property(fc.array(lending, { maxLength: 80 }), (ls) => {
        const postings = ls.flatMap(postLending);
        expect(postings.reduce((a, p) => a + p.amount, 0)).toBe(0);
        expect(totalOf(balancesOf(postings))).toBe(0);
      }),
    );
  });

  it("nets a hand-computed example: Wunstorf lent 40 h to the Region, the Region 10 h to Garbsen", () => {
    const balances = balancesOf(
      [
        { lenderOrganizationId: "wunstorf", borrowerOrganizationId: "region", minutes: 2400 },
        { lenderOrganizationId: "region", borrowerOrganizationId: "garbsen", minutes: 600 },
      ].flatMap(postLending),
    );
    expect(Object.fromEntries(balances)).toEqual({ wunstorf: 2400, region: -1800, garbsen: -600 });
    expect(net(balances)).toEqual([
      { from: "region", to: "wunstorf", amount: 1800 },
      { from: "garbsen", to: "wunstorf", amount: 600 },
    ]);
  });

  it("netting preserves every administration's balance exactly, with at most n − 1 transfers", () => {
    fc.assert(
      fc.property(ledgerBalances, (balances) => {
        const transfers = net(balances);
        const n = nonZero(balances).size;
        expect(transfers.length).toBeLessThanOrEqual(Math.max(0, n - 1));
        expect(settled(transfers)).toEqual(nonZero(balances));
        for (const t of transfers) {
          expect(t.amount).toBeGreaterThan(0);
          expect(balances.get(t.from)!).toBeLessThan(0); // only debtors pay
          expect(balances.get(t.to)!).toBeGreaterThan(0); // only creditors receive
        }
      }),
    );
  });

  it("nets the same balances to the same transfers whatever their order", () => {
    fc.assert(
      fc.property(ledgerBalances, (balances) => {
        const reversed = new Map([...balances].reverse());
        expect(net(reversed)).toEqual(net(balances));
      }),
    );
  });

  it("takes a statement's reciprocity hours as lendings: exactly the minutes of its reciprocity cases between different administrations", () => {
    fc.assert(
      fc.property(arbitraryStatementInput, (i) => {
        const statement = buildStatement(i);
        const posted = balancesOf(lendingsOf(statement).flatMap(postLending)).get(i.lenderOrganizationId) ?? 0;
        const reciprocityMinutes = i.cases
          .filter((c) => c.model === "reciprocity")
          .flatMap((c) => c.hours)
          .reduce((a, h) => a + h.minutes, 0);
        expect(posted).toBe(i.lenderOrganizationId === i.borrowerOrganizationId ? 0 : reciprocityMinutes);
      }),
    );
  });

  it("refuses balances that do not sum to zero", () => {
    expect(() => net(new Map([["a", 5]]))).toThrow(RangeError);
  });
});

describe("year end", () => {
  it("averages the year's rates weighted by hours, rounded half up to the cent", () => {
    // 10 h at 50,00 € and 30 h at 60,01 € → (500 + 1800,30) / 40 = 57,5075 → 57,51 €
    expect(
      averageHourlyRate([
        { minutes: 600, rateCentsPerHour: 5000 },
        { minutes: 1800, rateCentsPerHour: 6001 },
      ]),
    ).toBe(5751);
    expect(averageHourlyRate([])).toBeNull();
  });

  it("a year opened with the closed year's balances (carry_over) still sums to zero, and each balance is the old one plus the new year's", () => {
    fc.assert(
      fc.property(fc.array(lending, { maxLength: 60 }), fc.array(lending, { maxLength: 60 }), (lastYear, thisYear) => {
        const closed = balancesOf(lastYear.flatMap(postLending));
        const end = yearEnd(closed, "carry_over", 5000);
        if (end.rule !== "carry_over") throw new Error("carry_over expected");
        const opening = postOpening(end.openingMinutes);
        const postings = [...opening, ...thisYear.flatMap(postLending)];
        expect(postings.reduce((a, p) => a + p.amount, 0)).toBe(0);
        const next = balancesOf(postings);
        expect(totalOf(next)).toBe(0);
        const onlyThisYear = balancesOf(thisYear.flatMap(postLending));
        for (const id of ORGS) expect(next.get(id) ?? 0).toBe((closed.get(id) ?? 0) + (onlyThisYear.get(id) ?? 0));
        // Netting the opened year settles old and new balances together with at most n − 1 transfers.
        const transfers = net(next);
        expect(nonZero(settled(transfers))).toEqual(nonZero(next));
      }),
    );
  });

  it("refuses opening balances that do not sum to zero", () => {
    expect(() => postOpening(new Map([["wunstorf", 60]]))).toThrow(RangeError);
    expect(
      postOpening(
        new Map([
          ["wunstorf", 60],
          ["region", -60],
          ["garbsen", 0],
        ]),
      ),
    ).toEqual([
      { organizationId: "wunstorf", amount: 60 },
      { organizationId: "region", amount: -60 },
    ]);
  });

  it("carries the balances over unchanged", () => {
    const balances = new Map([
      ["wunstorf", 90],
      ["region", -90],
      ["garbsen", 0],
    ]);
    const end = yearEnd(balances, "carry_over", 5000);
    expect(end).toEqual({
      rule: "carry_over",
      openingMinutes: new Map([
        ["wunstorf", 90],
        ["region", -90],
      ]),
    });
  });

  it("converts into cents that still sum to zero (largest remainder): 3 × 20 min at 52,31 €", () => {
    // exact: +34,873… €, −17,436… €, −17,436… €; rounding each would lose a cent
    const cents = convertToCents(
      new Map([
        ["wunstorf", 40],
        ["region", -20],
        ["garbsen", -20],
      ]),
      5231,
    );
    expect(Object.fromEntries(cents)).toEqual({ wunstorf: 3487, region: -1744, garbsen: -1743 });
    const end = yearEnd(
      new Map([
        ["wunstorf", 40],
        ["region", -20],
        ["garbsen", -20],
      ]),
      "convert",
      5231,
    );
    expect(end.rule === "convert" && end.transfers).toEqual([
      { from: "region", to: "wunstorf", amount: 1744 },
      { from: "garbsen", to: "wunstorf", amount: 1743 },
    ]);
  });

  it("conversion sums to zero and keeps each amount within a cent of its exact value", () => {
    fc.assert(
      fc.property(ledgerBalances, fc.integer({ min: 0, max: 20_000 }), (balances, rate) => {
        const cents = convertToCents(balances, rate);
        expect(totalOf(cents)).toBe(0);
        for (const [id, minutes] of balances) {
          const exactTimesSixty = minutes * rate;
          expect(Math.abs(cents.get(id)! * 60 - exactTimesSixty)).toBeLessThan(60);
        }
        const end = yearEnd(balances, "convert", rate);
        if (end.rule === "convert") expect(settled(end.transfers)).toEqual(nonZero(end.cents));
      }),
    );
  });
});
