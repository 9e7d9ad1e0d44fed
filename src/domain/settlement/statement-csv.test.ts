import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parse } from "csv-parse/sync";
import { arbitraryStatementInput } from "../../../test/settlement-fixtures";
import { buildStatement, type StatementInput } from "./statement";
import { STATEMENT_CSV_HEADERS, statementCsv } from "./statement-csv";

const input: StatementInput = {
  lenderOrganizationId: "wunstorf",
  borrowerOrganizationId: "region",
  month: "2027-01",
  vat: "section_2b",
  cases: [
    {
      secondmentId: "s1",
      model: "reimbursement",
      label: "Abordnung Gesundheitsamt",
      hours: [{ minutes: 2250, rateCentsPerHour: 5230, rateLabel: "Entgeltgruppe E 9b, Stufe 3" }],
      expenses: [{ kind: "travel", amountCents: 4480, description: "Fahrtkosten; 8 Fahrten" }],
    },
    {
      secondmentId: "s2",
      model: "waiver",
      label: '=HYPERLINK("http://x")',
      hours: [{ minutes: 600, rateCentsPerHour: 0, rateLabel: "" }],
      expenses: [{ kind: "per_diem", amountCents: 2000, description: "Tagegeld" }],
    },
  ],
};

/** The file as a spreadsheet reads it: rows of cells, without the BOM. */
const cells = (csv: string): string[][] => parse(csv.slice(1), { delimiter: ";", relax_column_count: false });
/** German decimal → cents. */
const cents = (s: string) => Number(s.replace(",", ""));

describe("statement as CSV", () => {
  it("is CSV for Excel in Germany: BOM, semicolons, CRLF, decimal commas, German headers", () => {
    const csv = statementCsv(buildStatement(input));
    expect(csv.startsWith("\uFEFFPos.;Art;Abordnung;Beschreibung;Stunden;Satz je Stunde (€);Betrag (€)\r\n")).toBe(true);
    expect(csv.replace(/\r\n/g, "")).not.toMatch(/\n/);
    expect(cells(csv)).toEqual([
      [...STATEMENT_CSV_HEADERS],
      ["1", "Personalkosten", "Abordnung Gesundheitsamt", "Entgeltgruppe E 9b, Stufe 3", "37,50", "52,30", "1961,25"],
      ["2", "Fahrtkosten", "Abordnung Gesundheitsamt", "Fahrtkosten; 8 Fahrten", "", "", "44,80"],
      ["", "Nicht abgerechnet: Kostenverzicht, keine Personalkosten", '\'=HYPERLINK("http://x")', "10,00 Std.", "10,00", "", ""],
      [
        "",
        "Nicht abgerechnet: Kostenverzicht, Auslagen des Falls nicht über 35 €",
        '\'=HYPERLINK("http://x")',
        "Auslagen 20,00 €",
        "",
        "",
        "",
      ],
      ["", "Summe", "", "Personalkosten", "", "", "1961,25"],
      ["", "Summe", "", "Auslagen", "", "", "44,80"],
      ["", "Summe", "", "Nettobetrag", "", "", "2006,05"],
      ["", "Summe", "", "Umsatzsteuer 19 %", "", "", "381,15"],
      ["", "Summe", "", "Bruttobetrag", "", "", "2387,20"],
    ]);
  });

  it("for any statement: every row has all columns, the line amounts add up to the net total, and the totals are the statement's", () => {
    fc.assert(
      fc.property(arbitraryStatementInput, (i) => {
        const statement = buildStatement(i);
        const rows = cells(statementCsv(statement));
        for (const row of rows) expect(row).toHaveLength(STATEMENT_CSV_HEADERS.length);
        const lineRows = rows.filter((r) => /^\d+$/.test(r[0]));
        expect(lineRows).toHaveLength(statement.lines.length);
        const total = (label: string) => cents(rows.find((r) => r[1] === "Summe" && r[3].startsWith(label))![6]);
        expect(lineRows.reduce((a, r) => a + cents(r[6]), 0)).toBe(total("Nettobetrag"));
        expect(total("Nettobetrag")).toBe(statement.netCents);
        expect(total("Umsatzsteuer")).toBe(statement.vat.amountCents);
        expect(total("Bruttobetrag")).toBe(statement.grossCents);
      }),
    );
  });
});
