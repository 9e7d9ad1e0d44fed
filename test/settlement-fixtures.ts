/**
 * Settlement test data shared by the tests of `src/domain/settlement`: fast-check arbitraries of
 * statement inputs (statement, XRechnung, CSV property tests) and one complete example of a
 * statement with the parties' master data (XRechnung tests).
 */
import fc from "fast-check";
import {
  buildStatement,
  EXPENSE_KINDS,
  SETTLEMENT_MODELS,
  type StatementCase,
  type StatementInput,
} from "../src/domain/settlement/statement";
import type { XRechnungInput } from "../src/domain/settlement/xrechnung";

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

/** A month of Wunstorf lending to the Region: 37,5 h and 20 min at 52,30 €, 44,80 € travel. */
export const statementInput: StatementInput = {
  lenderOrganizationId: "wunstorf",
  borrowerOrganizationId: "region",
  month: "2027-01",
  vat: "none",
  cases: [
    {
      secondmentId: "s1",
      model: "reimbursement",
      label: "Abordnung Gesundheitsamt, Kontaktnachverfolgung",
      hours: [
        { minutes: 2250, rateCentsPerHour: 5230, rateLabel: "Entgeltgruppe E 9b, Stufe 3" },
        { minutes: 20, rateCentsPerHour: 5230, rateLabel: "Entgeltgruppe E 9b, Stufe 3" },
      ],
      expenses: [{ kind: "travel", amountCents: 4480, description: "Fahrtkosten Wunstorf–Hannover, 8 Fahrten" }],
    },
  ],
};

/** Wunstorf (seller) and the Region (buyer) with complete master data; the invoice's facts. */
export const parties: Omit<XRechnungInput, "statement"> = {
  seller: {
    name: "Stadt Wunstorf",
    identifier: "03241021",
    address: { street: "Südstraße 1", city: "Wunstorf", postalCode: "31515", countryCode: "DE" },
    contact: { name: "Kämmerei, Erstattungen", phone: "05031 101-0", email: "kaemmerei@wunstorf.example" },
    taxNumber: "24/200/12345",
    iban: "DE89 3704 0044 0532 0130 00",
    accountName: "Stadtkasse Wunstorf",
  },
  buyer: {
    name: "Region Hannover",
    leitwegId: "03241000-ERSTATTUNG-42",
    address: { street: "Hildesheimer Straße 18", city: "Hannover", postalCode: "30169", countryCode: "DE" },
  },
  invoice: { number: "WUN-2027-0001", issueDate: "2027-02-03", dueDate: "2027-03-05" },
};

/** An XRechnung input from the example statement, with changes. */
export const example = (more: Partial<StatementInput> = {}, over: Partial<XRechnungInput> = {}): XRechnungInput => ({
  statement: buildStatement({ ...statementInput, ...more }),
  ...parties,
  ...over,
});
