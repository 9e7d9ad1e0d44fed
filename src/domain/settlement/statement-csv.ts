/**
 * A statement as CSV for the finance office's spreadsheet (issue 16 › reimbursement: "German PDF
 * and CSV"): the rule of every Verbund CSV (`kernel/csv.ts`: UTF-8 with BOM, semicolons, CRLF,
 * formulas neutralised), German column headers, hours and euros with a decimal comma. One row per
 * billed line, then one per case or part of a case not billed (with the reason, amount empty), then
 * the totals — the same numbers as the PDF and the XRechnung, because all three present one
 * {@link Statement}. Legal basis of the numbers: `statement.ts`.
 *
 * @example
 * ```
 * Pos.;Art;Abordnung;Beschreibung;Stunden;Satz je Stunde (€);Betrag (€)
 * 1;Personalkosten;Abordnung Gesundheitsamt;Entgeltgruppe E 9b, Stufe 3;37,50;52,30;1961,25
 * 2;Fahrtkosten;Abordnung Gesundheitsamt;8 Fahrten;;;44,80
 * ;Summe;;Nettobetrag;;;2006,05
 * ```
 *
 * Pure: no I/O.
 */
import { BOM, csvRow } from "../../kernel/csv";
import { germanEuros, germanHours } from "./money";
import { EXPENSE_KIND_WORDS, type ExclusionReason, type Statement } from "./statement";

/** The column headers, in order. */
export const STATEMENT_CSV_HEADERS = ["Pos.", "Art", "Abordnung", "Beschreibung", "Stunden", "Satz je Stunde (€)", "Betrag (€)"] as const;

/** Why a part is not billed, in the words of the statement. */
export const EXCLUSION_WORDS: Record<ExclusionReason, string> = {
  same_organization: "Nicht abgerechnet: Abordnung innerhalb derselben Verwaltung",
  waiver_expenses_within_threshold: "Nicht abgerechnet: Kostenverzicht, Auslagen des Falls nicht über 35 €",
  waiver_personnel_costs: "Nicht abgerechnet: Kostenverzicht, keine Personalkosten",
  reciprocity_to_ledger: "Nicht abgerechnet: Gegenseitigkeit, Stunden im Stundenkonto der Region",
};

/** The whole statement as one CSV text (with BOM). */
export function statementCsv(statement: Statement): string {
  const rows: string[][] = [[...STATEMENT_CSV_HEADERS]];
  statement.lines.forEach((line, i) => {
    const position = String(i + 1);
    if (line.kind === "hours") {
      rows.push([
        position,
        "Personalkosten",
        line.caseLabel,
        line.note ? `${line.note}; ${line.rateLabel}` : line.rateLabel,
        germanHours(line.minutes),
        germanEuros(line.rateCentsPerHour),
        germanEuros(line.amountCents),
      ]);
    } else {
      const description = line.note ? `${line.note}; ${line.description}` : line.description;
      rows.push([position, EXPENSE_KIND_WORDS[line.expenseKind], line.caseLabel, description, "", "", germanEuros(line.amountCents)]);
    }
  });
  for (const e of statement.excluded) {
    const what = [
      e.minutes > 0 ? `${germanHours(e.minutes)} Std.` : "",
      e.expenseCents > 0 ? `Auslagen ${germanEuros(e.expenseCents)} €` : "",
    ]
      .filter(Boolean)
      .join(", ");
    rows.push(["", EXCLUSION_WORDS[e.reason], e.caseLabel, what, e.minutes > 0 ? germanHours(e.minutes) : "", "", ""]);
  }
  const vatWords = statement.vat.category === "S" ? `Umsatzsteuer ${statement.vat.percent} %` : "Umsatzsteuer: nicht steuerbar (§ 2b UStG)";
  const total = (label: string, cents: number) => ["", "Summe", "", label, "", "", germanEuros(cents)];
  rows.push(
    total("Personalkosten", statement.personnelCents),
    total("Auslagen", statement.expensesCents),
    total("Nettobetrag", statement.netCents),
    total(vatWords, statement.vat.amountCents),
    total("Bruttobetrag", statement.grossCents),
  );
  return BOM + rows.map(csvRow).join("");
}
