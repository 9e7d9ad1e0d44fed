import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { arbitraryCase, arbitraryStatementInput } from "../../../test/settlement-fixtures";
import { decimalEuros, divideRounded, exactHours, germanEuros, germanHours, hoursAmountCents } from "./money";
import {
  buildStatement,
  EXPENSE_KINDS,
  monthPeriod,
  SETTLEMENT_MODELS,
  statementTotals,
  WAIVER_EXPENSE_THRESHOLD_CENTS,
  type StatementLine,
  type StatementCase,
  type StatementInput,
} from "./statement";

const WUNSTORF = "org-wunstorf";
const REGION = "org-region";

const hours = (minutes: number, rateCentsPerHour = 5230) => ({ minutes, rateCentsPerHour, rateLabel: "Entgeltgruppe E 9b, Stufe 3" });
const expense = (amountCents: number, kind: (typeof EXPENSE_KINDS)[number] = "travel") => ({
  kind,
  amountCents,
  description: "Fahrtkosten",
});
const aCase = (c: Partial<StatementCase> & Pick<StatementCase, "model">): StatementCase => ({
  secondmentId: "s1",
  label: "Abordnung Gesundheitsamt",
  hours: [],
  expenses: [],
  ...c,
});
const input = (cases: StatementCase[], more: Partial<StatementInput> = {}): StatementInput => ({
  lenderOrganizationId: WUNSTORF,
  borrowerOrganizationId: REGION,
  month: "2027-01",
  vat: "none",
  cases,
  ...more,
});

describe("money in cents", () => {
  it("rounds a half away from zero and everything else to the nearest whole", () => {
    expect(divideRounded(5, 2)).toBe(3);
    expect(divideRounded(-5, 2)).toBe(-3);
    expect(divideRounded(149, 100)).toBe(1);
    expect(divideRounded(150, 100)).toBe(2);
    expect(divideRounded(0, 7)).toBe(0);
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 1, max: 1e6 }), (n, d) => {
        const q = divideRounded(n, d);
        // |n - q·d| ≤ d/2, and a tie goes away from zero
        expect(Math.abs(n - q * d) * 2).toBeLessThanOrEqual(d);
        if (Math.abs(n - q * d) * 2 === d) expect(Math.abs(q * d)).toBeGreaterThan(Math.abs(n));
      }),
    );
  });

  it("prices minutes at an hourly rate once per line: 45 min at 52,30 € is 39,23 €", () => {
    expect(hoursAmountCents(45, 5230)).toBe(3923); // 39,225 € → 39,23 €
    expect(hoursAmountCents(60, 5230)).toBe(5230);
    expect(hoursAmountCents(0, 5230)).toBe(0);
    expect(() => hoursAmountCents(1.5, 5230)).toThrow(RangeError);
  });

  it("writes amounts as decimal strings without floating point", () => {
    expect(decimalEuros(123456)).toBe("1234.56");
    expect(decimalEuros(5)).toBe("0.05");
    expect(decimalEuros(-5)).toBe("-0.05");
    expect(germanEuros(123456)).toBe("1234,56");
    expect(germanHours(450)).toBe("7,50");
    expect(germanHours(20)).toBe("0,33");
    expect(exactHours(450)).toBe("7.5");
    expect(exactHours(459)).toBe("7.65");
    expect(exactHours(20)).toBeNull();
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), (cents) => {
        const [euros, rest] = decimalEuros(cents).split(".");
        expect(rest).toHaveLength(2);
        expect(BigInt(euros) * 100n + (cents < 0 ? -1n : 1n) * BigInt(rest)).toBe(BigInt(cents));
      }),
    );
  });

  it("knows the days of a month, leap years included", () => {
    expect(monthPeriod("2027-01")).toEqual({ start: "2027-01-01", end: "2027-01-31" });
    expect(monthPeriod("2028-02")).toEqual({ start: "2028-02-01", end: "2028-02-29" });
    expect(monthPeriod("2027-02").end).toBe("2027-02-28");
    expect(() => monthPeriod("2027-13")).toThrow(RangeError);
  });
});

describe("reimbursement statement", () => {
  it("bills hours × rate and expenses, without VAT by default (category O)", () => {
    const s = buildStatement(
      input([
        aCase({ model: "reimbursement", hours: [hours(450), hours(45, 6110)], expenses: [expense(1280), expense(2400, "per_diem")] }),
      ]),
    );
    // 7,5 h × 52,30 € = 392,25 €; 0,75 h × 61,10 € = 45,825 → 45,83 €; expenses 12,80 € + 24,00 €
    expect(s.lines.map((l) => l.amountCents)).toEqual([39225, 4583, 1280, 2400]);
    expect(s.personnelCents).toBe(43808);
    expect(s.expensesCents).toBe(3680);
    expect(s.netCents).toBe(47488);
    expect(s.vat).toEqual({ category: "O", percent: 0, amountCents: 0 });
    expect(s.grossCents).toBe(47488);
    expect(s.periodStart).toBe("2027-01-01");
    expect(s.periodEnd).toBe("2027-01-31");
  });

  it("rounds once per line, not per day: 2 × 45 min is 78,45 €, not 2 × 39,23 €", () => {
    const s = buildStatement(input([aCase({ model: "reimbursement", hours: [hours(90)] })]));
    expect(s.netCents).toBe(7845);
  });

  it("adds 19 % VAT on the whole net total when the lender opted into § 2b UStG, rounded half up once", () => {
    // net 100,50 € → VAT 19,095 € → 19,10 €
    const s = buildStatement(input([aCase({ model: "reimbursement", hours: [hours(60, 10050)] })], { vat: "section_2b" }));
    expect(s.vat).toEqual({ category: "S", percent: 19, amountCents: 1910 });
    expect(s.grossCents).toBe(11960);
    // expenses are part of the taxed consideration too
    const withExpenses = buildStatement(input([aCase({ model: "reimbursement", expenses: [expense(10000)] })], { vat: "section_2b" }));
    expect(withExpenses.vat.amountCents).toBe(1900);
  });

  it("refuses negative or fractional minutes and amounts (corrections are netted before)", () => {
    expect(() => buildStatement(input([aCase({ model: "reimbursement", hours: [hours(-1)] })]))).toThrow(RangeError);
    expect(() => buildStatement(input([aCase({ model: "reimbursement", expenses: [expense(12.5)] })]))).toThrow(RangeError);
  });
});

describe("waiver of costs (Kostenverzicht)", () => {
  it("never bills hours, and bills expenses only where the case's expenses exceed 35 €", () => {
    const at = (cents: number[]) =>
      buildStatement(input([aCase({ model: "waiver", hours: [hours(600)], expenses: cents.map((c) => expense(c)) })]));
    const exactly35 = at([2000, 1500]);
    expect(exactly35.lines).toEqual([]);
    expect(exactly35.grossCents).toBe(0);
    expect(exactly35.excluded.map((e) => e.reason)).toEqual(["waiver_personnel_costs", "waiver_expenses_within_threshold"]);
    expect(exactly35.excluded[0].minutes).toBe(600);

    const over = at([2000, 1501]); // 35,01 € — reimbursed in full, not only the cent above
    expect(over.lines.map((l) => l.kind)).toEqual(["expense", "expense"]);
    expect(over.grossCents).toBe(3501);
  });

  it("counts the threshold per case (one secondment in the month), not per statement", () => {
    const s = buildStatement(
      input([
        aCase({ secondmentId: "a", model: "waiver", expenses: [expense(3000)] }),
        aCase({ secondmentId: "b", model: "waiver", expenses: [expense(3000)] }),
      ]),
    );
    // 60 € together, but 30 € in each case: nothing
    expect(s.grossCents).toBe(0);
  });

  it("is never applied between offices of the same administration — nothing is billed in any model", () => {
    for (const model of SETTLEMENT_MODELS) {
      const s = buildStatement(
        input([aCase({ model, hours: [hours(480)], expenses: [expense(9000)] })], { borrowerOrganizationId: WUNSTORF, vat: "section_2b" }),
      );
      expect(s.lines).toEqual([]);
      expect(s.grossCents).toBe(0);
      expect(s.excluded).toEqual([
        { secondmentId: "s1", caseLabel: "Abordnung Gesundheitsamt", reason: "same_organization", minutes: 480, expenseCents: 9000 },
      ]);
    }
  });
});

describe("reciprocity in a statement", () => {
  it("leaves the hours to the ledger and bills the expenses", () => {
    const s = buildStatement(input([aCase({ model: "reciprocity", hours: [hours(300)], expenses: [expense(1000)] })]));
    expect(s.lines.map((l) => l.kind)).toEqual(["expense"]);
    expect(s.excluded).toEqual([expect.objectContaining({ reason: "reciprocity_to_ledger", minutes: 300 })]);
  });
});

describe("statement properties", () => {
  it("the lines add up to the net total, net + VAT is the gross total, and VAT is 19 % of net only under § 2b", () => {
    fc.assert(
      fc.property(arbitraryStatementInput, (i) => {
        const s = buildStatement(i);
        expect(s.lines.reduce((a, l) => a + l.amountCents, 0)).toBe(s.netCents);
        expect(s.personnelCents + s.expensesCents).toBe(s.netCents);
        expect(s.grossCents).toBe(s.netCents + s.vat.amountCents);
        if (i.vat === "none") expect(s.vat.amountCents).toBe(0);
        else expect(Math.abs(s.vat.amountCents * 100 - s.netCents * 19) * 2).toBeLessThanOrEqual(100);
        for (const l of s.lines) {
          expect(Number.isSafeInteger(l.amountCents)).toBe(true);
          if (l.kind === "hours") expect(Math.abs(l.amountCents * 60 - l.minutes * l.rateCentsPerHour) * 2).toBeLessThanOrEqual(60);
        }
      }),
    );
  });

  it("every minute and cent of every case is either billed or named as not billed, with its reason", () => {
    fc.assert(
      fc.property(arbitraryStatementInput, (i) => {
        const s = buildStatement(i);
        for (const id of new Set(i.cases.map((c) => c.secondmentId))) {
          const cases = i.cases.filter((c) => c.secondmentId === id);
          const minutes = cases.flatMap((c) => c.hours).reduce((a, h) => a + h.minutes, 0);
          const cents = cases.flatMap((c) => c.expenses).reduce((a, e) => a + e.amountCents, 0);
          const lines = s.lines.filter((l) => l.secondmentId === id);
          const excluded = s.excluded.filter((e) => e.secondmentId === id);
          const billedMinutes = lines.reduce((a, l) => a + (l.kind === "hours" ? l.minutes : 0), 0);
          const billedExpenses = lines.reduce((a, l) => a + (l.kind === "expense" ? l.amountCents : 0), 0);
          expect(billedMinutes + excluded.reduce((a, e) => a + e.minutes, 0)).toBe(minutes);
          expect(billedExpenses + excluded.reduce((a, e) => a + e.expenseCents, 0)).toBe(cents);
        }
      }),
    );
  });

  it("waiver cases never bill hours and bill expenses exactly when the case's total exceeds 35 €", () => {
    fc.assert(
      fc.property(arbitraryCase, (c) => {
        const s = buildStatement(input([{ ...c, model: "waiver" }]));
        const total = c.expenses.reduce((a, e) => a + e.amountCents, 0);
        expect(s.personnelCents).toBe(0);
        expect(s.expensesCents).toBe(total > WAIVER_EXPENSE_THRESHOLD_CENTS ? total : 0);
      }),
    );
  });
});

describe("statement totals (one rule for an original and a Nachtrag)", () => {
  it("for any lines, also negative ones of a Gutschrift: the parts add up to the net, VAT is 19 % of it rounded once, gross = net + VAT", () => {
    const line = fc.record({
      kind: fc.constantFrom("hours" as const, "expense" as const),
      amountCents: fc.integer({ min: -1_000_000, max: 1_000_000 }),
    });
    fc.assert(
      fc.property(fc.array(line, { maxLength: 20 }), fc.constantFrom("none" as const, "section_2b" as const), (raw, setting) => {
        const lines = raw as unknown as StatementLine[];
        const t = statementTotals(lines, setting);
        expect(t.personnelCents + t.expensesCents).toBe(lines.reduce((a, l) => a + l.amountCents, 0));
        expect(t.netCents).toBe(t.personnelCents + t.expensesCents);
        expect(t.vat.amountCents).toBe(setting === "none" ? 0 : divideRounded(t.netCents * 19, 100));
        // A Gutschrift's VAT has the net's sign: never a positive tax on a negative net.
        if (setting === "section_2b") expect(Math.sign(t.vat.amountCents) * Math.sign(t.netCents)).toBeGreaterThanOrEqual(0);
        expect(t.grossCents).toBe(t.netCents + t.vat.amountCents);
      }),
    );
  });
});
