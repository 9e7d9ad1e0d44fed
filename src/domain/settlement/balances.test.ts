/** The rule of 5 people on balances and flows, for any hours (fast-check). */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { administrationMonths, flowsOf, MIN_PEOPLE, moneyMonths, regionBalances, type HoursRow, type StatementMoneyRow } from "./balances";
import { SETTLEMENT_MODELS } from "./statement";

const ORGS = ["a", "b", "c", "d"];
const row = fc.record<HoursRow>({
  lenderOrganizationId: fc.constantFrom(...ORGS),
  borrowerOrganizationId: fc.constantFrom(...ORGS),
  month: fc.integer({ min: 1, max: 12 }),
  settlementModel: fc.constantFrom(...SETTLEMENT_MODELS),
  personId: fc.constantFrom("p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8"),
  minutes: fc.integer({ min: 1, max: 20_000 }),
});
const rows = fc.array(row, { maxLength: 80 });
const people = (list: HoursRow[]) => new Set(list.map((r) => r.personId)).size;

describe("balances", () => {
  it("an administration's month is shown exactly when it rests on at least 5 people, with the exact sum", () => {
    fc.assert(
      fc.property(rows, fc.constantFrom(...ORGS), (list, org) => {
        const months = administrationMonths(list, org);
        let allShown = true;
        let running = 0;
        for (const m of months) {
          const lent = list.filter((r) => r.month === m.month && r.lenderOrganizationId === org && r.borrowerOrganizationId !== org);
          const credited = lent.filter((r) => r.settlementModel === "reciprocity");
          const debited = list.filter(
            (r) =>
              r.month === m.month &&
              r.borrowerOrganizationId === org &&
              r.lenderOrganizationId !== org &&
              r.settlementModel === "reciprocity",
          );
          const sum = (l: HoursRow[]) => l.reduce((a, r) => a + r.minutes, 0);
          const expectFigure = (l: HoursRow[], f: { value: number | null; reason: unknown }) => {
            if (l.length > 0 && people(l) < MIN_PEOPLE)
              expect(f).toEqual({ value: null, reason: expect.objectContaining({ de: "weniger als 5 Personen" }) });
            else expect(f).toEqual({ value: sum(l), reason: null });
          };
          expectFigure(lent, m.lent);
          expectFigure(credited, m.credited);
          expectFigure(debited, m.debited);
          allShown &&= m.credited.value !== null && m.debited.value !== null;
          running += sum(credited) - sum(debited);
          // A running balance never shows once a month before it was hidden (its difference would reveal it).
          expect(m.balance.value).toBe(allShown ? running : null);
        }
      }),
    );
  });

  it("the region's balances: the hidden ones together rest on at least 5 people or none is shown; transfers only when all are shown, and then they settle every balance", () => {
    fc.assert(
      fc.property(rows, (list) => {
        const region = regionBalances(list);
        let total = 0;
        for (const v of region.exact.values()) total += v;
        expect(total).toBe(0);
        const hidden = region.balances.filter((b) => b.minutes.value === null);
        if (hidden.length > 0 && hidden.length < region.balances.length) {
          const hiddenPeople = new Set(
            list
              .filter(
                (r) =>
                  r.settlementModel === "reciprocity" &&
                  r.lenderOrganizationId !== r.borrowerOrganizationId &&
                  hidden.some((h) => h.organizationId === r.lenderOrganizationId || h.organizationId === r.borrowerOrganizationId),
              )
              .map((r) => r.personId),
          );
          expect(hiddenPeople.size).toBeGreaterThanOrEqual(MIN_PEOPLE);
        }
        if (hidden.length > 0) expect(region.transfers).toBeNull();
        else {
          for (const b of region.balances) {
            const got = region.transfers!.reduce(
              (a, x) => a + (x.to === b.organizationId ? x.amount : 0) - (x.from === b.organizationId ? x.amount : 0),
              0,
            );
            expect(got).toBe(b.minutes.value);
          }
        }
      }),
    );
  });

  it("a carried-over opening balance starts the running balance; a hidden one hides every running balance and the region's transfers", () => {
    const five = (lender: string, borrower: string, minutes: number): HoursRow[] =>
      ["p1", "p2", "p3", "p4", "p5"].map((personId) => ({
        lenderOrganizationId: lender,
        borrowerOrganizationId: borrower,
        month: 1,
        settlementModel: "reciprocity",
        personId: `${lender}-${personId}`,
        minutes,
      }));
    const january = five("a", "b", 60);
    const shown = administrationMonths(january, "a", { value: 1000, reason: null });
    expect(shown[0].balance.value).toBe(1300);
    expect(shown[11].balance.value).toBe(1300);
    const hidden = administrationMonths(january, "a", { value: null, reason: { code: "fewer_than_5_people", de: "", en: "" } as never });
    expect(hidden.every((m) => m.balance.value === null)).toBe(true);
    expect(hidden[0].credited.value).toBe(300);
    // The region: a's opening +1000, c's −1000; January adds a +300, b −300. Sums to zero and is netted.
    const region = regionBalances(
      january,
      new Map([
        ["a", { minutes: 1000, isShown: true }],
        ["c", { minutes: -1000, isShown: true }],
      ]),
    );
    expect(Object.fromEntries(region.exact)).toEqual({ a: 1300, b: -300, c: -1000 });
    expect(region.transfers).toEqual([
      { from: "c", to: "a", amount: 1000 },
      { from: "b", to: "a", amount: 300 },
    ]);
    const withHidden = regionBalances(
      january,
      new Map([
        ["a", { minutes: 1000, isShown: true }],
        ["c", { minutes: -1000, isShown: false }],
      ]),
    );
    expect(withHidden.balances.find((b) => b.organizationId === "c")!.minutes.value).toBeNull();
    expect(withHidden.transfers).toBeNull();
  });

  it("a flow is shown only when it rests on at least 5 people", () => {
    fc.assert(
      fc.property(rows, (list) => {
        for (const f of flowsOf(list)) {
          const pair = list.filter(
            (r) => r.lenderOrganizationId === f.lenderOrganizationId && r.borrowerOrganizationId === f.borrowerOrganizationId,
          );
          expect(f.all.value === null).toBe(people(pair) < MIN_PEOPLE);
        }
      }),
    );
  });
});

describe("money of statements per month", () => {
  const statement = fc.record<StatementMoneyRow>({
    lenderOrganizationId: fc.constantFrom(...ORGS),
    borrowerOrganizationId: fc.constantFrom(...ORGS),
    month: fc.integer({ min: 1, max: 12 }),
    // A Nachtrag that is a credit (Gutschrift) counts negative in its month.
    grossCents: fc.integer({ min: -1_000_000, max: 10_000_000 }),
    personIds: fc.uniqueArray(fc.constantFrom("p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8"), { maxLength: 6 }),
  });

  it("each side of a month is its gross sum (Nachträge and credits included), shown exactly when its statements bill at least 5 people; only months with a statement", () => {
    fc.assert(
      fc.property(fc.array(statement, { maxLength: 30 }), fc.constantFrom(...ORGS), (list, org) => {
        const months = moneyMonths(list, org);
        expect(months.map((m) => m.month)).toEqual([...new Set(list.map((r) => r.month))].sort((a, b) => a - b));
        for (const m of months) {
          const sides = [
            [m.invoicedCents, list.filter((r) => r.month === m.month && r.lenderOrganizationId === org)],
            [m.owedCents, list.filter((r) => r.month === m.month && r.borrowerOrganizationId === org)],
          ] as const;
          for (const [figure, of] of sides) {
            const sum = of.reduce((a, r) => a + r.grossCents, 0);
            const billed = new Set(of.flatMap((r) => r.personIds)).size;
            if (of.length === 0) expect(figure).toEqual({ value: 0, reason: null });
            else if (billed >= MIN_PEOPLE) expect(figure).toEqual({ value: sum, reason: null });
            else expect(figure).toMatchObject({ value: null, reason: { code: "fewer_than_5_people" } });
          }
        }
      }),
    );
  });
});
