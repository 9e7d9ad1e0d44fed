/**
 * CSV for Excel in Germany, one rule for every export: UTF-8 with a byte order mark (so Excel reads
 * the umlauts), semicolons between cells, CRLF between rows. A cell that starts with = + - @ (or a
 * tab or carriage return) gets a leading apostrophe, so a spreadsheet never runs a value as a
 * formula (CSV injection); a cell holding a separator, a quote or a line break is quoted.
 *
 * Used by the audit log's CSV (`modules/audit/audit-csv.ts`) and the settlement statement's
 * (`domain/settlement/statement-csv.ts`), the value template and the open data. Pure: no I/O.
 */

/** The byte order mark that tells Excel the file is UTF-8. */
export const BOM = "\uFEFF";

/**
 * One cell: formulas neutralised, quoted when it holds a separator, a quote or a line break. The
 * separator is the semicolon of German Excel; the open data's international CSV passes a comma.
 */
export function csvCell(value: string, separator: ";" | "," = ";"): string {
  // Also a value that already starts with apostrophes before such a sign, so that a reader who takes
  // one apostrophe off (`modules/standards/value-file.ts`) gets the value back as it was. A negative
  // number alone ("-230,21", a credit's amount) is no formula and stays a number for the spreadsheet.
  const isNegativeNumber = /^-\d+(,\d+)?$/.test(value);
  const safe = !isNegativeNumber && /^'*[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  const needsQuotes = safe.includes(separator) || /["\r\n]/.test(safe);
  return needsQuotes ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One row: the cells joined by semicolons, ended by CRLF. */
export function csvRow(cells: readonly string[]): string {
  return cells.map((cell) => csvCell(cell)).join(";") + "\r\n";
}
