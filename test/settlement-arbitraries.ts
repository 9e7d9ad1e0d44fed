/**
 * fast-check arbitraries of settlement inputs, shared by the property tests of
 * `src/domain/settlement` (statement, XRechnung, CSV).
 */
import fc from "fast-check";
import { EXPENSE_KINDS, SETTLEMENT_MODELS, type StatementCase, type StatementInput } from "../src/domain/settlement/statement";

/** One secondment's month with random hours, rates and expenses. */
export const arbitraryCase = fc.record<StatementCase>({
  secondmentId: fc.constantFrom("s1", "s2", "s3", "s4"),
  model: fc.constantFrom(...SETTLEMENT_MODELS),
  label: fc.string({ maxLength: 20 }),
  hours: fc.array(
    fc.record({
      minutes: fc.integer({ min: 0, max: 15_000 }),
      rateCentsPerHour: fc.integer({ min: 0, max: 20_000 }),
      rateLabel: fc.string(),
    }),
    { maxLength: 3 },
  ),
  expenses: fc.array(
    fc.record({ kind: fc.constantFrom(...EXPENSE_KINDS), amountCents: fc.integer({ min: 0, max: 100_000 }), description: fc.string() }),
    { maxLength: 4 },
  ),
});
/** A statement's input: lender and borrower sometimes the same, VAT on or off. */
export const arbitraryStatementInput = fc.record<StatementInput>({
  lenderOrganizationId: fc.constantFrom("a", "b"),
  borrowerOrganizationId: fc.constantFrom("b", "c"),
  month: fc.constantFrom("2027-01", "2027-02", "2028-02", "2026-12"),
  vat: fc.constantFrom("none", "section_2b"),
  cases: fc.array(arbitraryCase, { maxLength: 6 }),
});
