import ExcelJS from "exceljs";
import { parse as parseCsv } from "csv-parse/sync";
import type { Bilingual } from "../../kernel/problems";
import {
  isHeaderLine,
  ProblemList,
  readValueRows,
  type CellLine,
  type CellValue,
  type FileProblem,
  type ValueRow,
} from "../../domain/standards/value-rows";
import { inspectZip } from "./zip-guard";

// Reading a file of reported values (Meldungen), CSV or XLSX in German conventions, into rows and
// the file's problems — all of them at once, each with line and column (docs/STANDARDS.md,
// "Dateien (CSV/XLSX)"). No database: the import use case writes the rows when there is no problem.
//
//   const { rows, problems } = await readValueFile(bytes, "wunstorf-2026-q3.csv", valueFileLimits(config));
//   if (problems.length === 0) … write rows …

/** Limits of a value file. */
export interface ValueFileLimits {
  /** Size of the uploaded file (`VERBUND_STANDARDS_UPLOAD_MB`, 50 MB by default). */
  maxBytes: number;
  /** Lines of values below the header. */
  maxRows: number;
  /** Unpacked size of an XLSX archive, all parts together (zip-bomb defence). */
  maxUncompressedBytes: number;
  /** Problems listed one by one; more are counted in one last problem. */
  maxProblems: number;
}

/** The limits in force unless configured otherwise. */
export const DEFAULT_VALUE_FILE_LIMITS: ValueFileLimits = {
  maxBytes: 50 * 1024 * 1024,
  maxRows: 200_000,
  maxUncompressedBytes: 200 * 1024 * 1024,
  maxProblems: 1_000,
};

/** The limits for an upload limit in bytes (from the configuration). */
export function valueFileLimits(config: { standardsUploadLimitBytes: number }): ValueFileLimits {
  return {
    ...DEFAULT_VALUE_FILE_LIMITS,
    maxBytes: config.standardsUploadLimitBytes,
    maxUncompressedBytes: Math.max(DEFAULT_VALUE_FILE_LIMITS.maxUncompressedBytes, 4 * config.standardsUploadLimitBytes),
  };
}

/** What a file held: its values when it has no problem, else its problems (and no values). */
export interface ValueFileReading {
  format: "csv" | "xlsx" | null;
  /** How a CSV file's text was encoded: `utf-8`, `windows-1252` or `utf-16le`. */
  encoding?: string;
  rows: ValueRow[];
  problems: FileProblem[];
  /** Lines without a value (a template left blank there); they are not read. */
  skippedLines: number[];
}

/**
 * Reads a value file. The format is told by the bytes, not the name: a ZIP archive is XLSX (checked
 * against zip bombs before it is unpacked), text is CSV. Never throws for any input; every problem
 * comes back in `problems`, and a file with a problem yields no rows.
 */
export async function readValueFile(
  bytes: Uint8Array,
  fileName: string,
  limits: ValueFileLimits = DEFAULT_VALUE_FILE_LIMITS,
): Promise<ValueFileReading> {
  const refuse = (format: ValueFileReading["format"], rule: string, message: Bilingual): ValueFileReading => ({
    format,
    rows: [],
    problems: [{ line: null, column: null, field: null, rule, message }],
    skippedLines: [],
  });
  if (bytes.length > limits.maxBytes) return refuse(null, "file_too_large", tooLarge(bytes.length, limits.maxBytes));
  if (bytes.length === 0) return refuse(null, "empty_file", EMPTY);
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    const refusal = inspectZip(bytes, { maxUncompressedBytes: limits.maxUncompressedBytes, maxRatio: 500, maxEntries: 10_000 });
    if (refusal) return refuse("xlsx", refusal.rule, refusal.message);
    // An OpenDocument file (LibreOffice's own format) names its type in its first entry.
    if (new TextDecoder().decode(bytes.subarray(30, 100)).includes("opendocument")) return refuse(null, "opendocument", OPENDOCUMENT);
    return readXlsx(bytes, limits).then(
      (read) => ({ format: "xlsx" as const, ...read }),
      () => refuse("xlsx", "broken_archive", NOT_A_WORKBOOK),
    );
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) return refuse(null, "old_excel", OLD_EXCEL);
  if (/\.xls[xm]?$/i.test(fileName)) return refuse("xlsx", "broken_archive", NOT_A_WORKBOOK);
  const decoded = decode(bytes);
  if (decoded === null) return refuse(null, "not_a_table", NOT_A_TABLE);
  return { format: "csv", encoding: decoded.encoding, ...readCsv(decoded.text, limits) };
}

// ---- CSV ----

function decode(bytes: Uint8Array): { text: string; encoding: string } | null {
  if (startsWith(bytes, [0xff, 0xfe])) return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "utf-16le" };
  const body = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? bytes.subarray(3) : bytes;
  // Binary data (a picture, a PDF, a UTF-16 file without mark) has NUL bytes; text never has.
  if (body.subarray(0, 8192).includes(0)) return null;
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(body), encoding: "utf-8" };
  } catch {
    return { text: decodeWindows1252(body), encoding: "windows-1252" };
  }
}

// Windows-1252 differs from Latin-1 in 0x80–0x9F (€, „, “, –, …). Node 20's TextDecoder("windows-1252")
// decodes as Latin-1 there, so the table is spelled out (five bytes are unassigned and stay as they are).
const WINDOWS_1252_HIGH =
  "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f" +
  "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

/** Text in Windows-1252, the encoding of "CSV (Trennzeichen-getrennt)" from Excel on German Windows. */
export function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let start = 0; start < bytes.length; start += 8192) {
    const chunk = bytes.subarray(start, start + 8192);
    parts.push(String.fromCharCode(...Array.from(chunk, (b) => (b >= 0x80 && b < 0xa0 ? WINDOWS_1252_HIGH.charCodeAt(b - 0x80) : b))));
  }
  return parts.join("");
}

/**
 * The separator of a CSV file, told by its first line that is no comment: a semicolon (German
 * Excel), a tab (Excel's "Unicode text"), else a comma (programs with English settings, whose
 * numbers then carry a decimal point).
 */
function separatorOf(text: string): ";" | "\t" | "," {
  const first = text.split(/\r?\n/).find((l) => l.trim() !== "" && !l.startsWith("#")) ?? "";
  if (first.includes(";")) return ";";
  if (first.includes("\t")) return "\t";
  return ",";
}

function readCsv(text: string, limits: ValueFileLimits): Omit<ValueFileReading, "format" | "encoding"> {
  const delimiter = separatorOf(text);
  const syntax = new ProblemList(limits.maxProblems);
  const syntaxLines = new Set<number | null>();
  const records = parseCsv(text, {
    delimiter,
    comment: "#",
    comment_no_infix: true,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (error) => {
      // An open quote may be reported again where the text ends; one problem per line.
      const line = typeof error?.lines === "number" ? error.lines : null;
      if (!syntaxLines.has(line)) syntax.add({ line, column: null, field: null, rule: "csv_syntax", message: CSV_SYNTAX });
      syntaxLines.add(line);
      return undefined;
    },
  }) as unknown as { record: string[]; info: { lines: number } }[];
  // A comment line that a spreadsheet saved again comes back quoted (`"# …";;;`): still a comment.
  const content = records.filter(({ record }) => !record[0]?.trimStart().startsWith("#"));
  const lines: CellLine[] = content.map(({ record, info }) => ({
    // info.lines is the line a record ends on; a quoted cell may span lines.
    line: info.lines - record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0),
    // A leading apostrophe before = + - @ (after any further apostrophes) is how CSV exports (ours:
    // kernel/csv.ts) keep a cell from being run as a formula; one is taken off again.
    cells: record.map((cell) => (/^''*[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell)),
  }));
  return readLines(lines, delimiter === "," ? "english" : "german", (index, header) => header || String(index + 1), limits, syntax);
}

// ---- XLSX ----

async function readXlsx(bytes: Uint8Array, limits: ValueFileLimits): Promise<Omit<ValueFileReading, "format">> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  // The sheet with the values: the first whose first rows hold a header (a template's second sheet explains).
  for (const sheet of workbook.worksheets) {
    if (sheet.rowCount > limits.maxRows + 20) return { rows: [], problems: [tooManyRows(limits.maxRows)], skippedLines: [] };
    const lines: CellLine[] = [];
    sheet.eachRow({ includeEmpty: false }, (row) => {
      const cells: CellValue[] = [];
      for (let column = 1; column <= row.cellCount; column++) {
        const cell = row.getCell(column);
        cells.push(cellValue(cell.value, cell.numFmt));
      }
      lines.push({ line: row.number, cells });
    });
    if (lines.slice(0, 20).some((l) => isHeaderLine(l.cells))) {
      return readLines(lines, "german", (index) => columnLetter(index), limits, new ProblemList(limits.maxProblems));
    }
  }
  return { rows: [], problems: [{ line: null, column: null, field: null, rule: "missing_column", message: NO_HEADER }], skippedLines: [] };
}

/** A cell's value as the row reader takes it: formulas by their result, rich text as text, percentages ×100. */
function cellValue(value: ExcelJS.CellValue, numFmt: string | undefined): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return numFmt?.includes("%") ? Number((value * 100).toPrecision(15)) : value;
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "WAHR" : "FALSCH";
  if (value instanceof Date) return value;
  if ("error" in value) return { error: String(value.error) };
  if ("richText" in value) return value.richText.map((r) => r.text).join("");
  if ("result" in value) return cellValue(value.result as ExcelJS.CellValue, numFmt);
  if ("formula" in value || "sharedFormula" in value) return null;
  if ("text" in value) return typeof value.text === "string" ? value.text : cellValue(value.text as ExcelJS.CellValue, numFmt);
  return null;
}

/** `A`, `B`, … `Z`, `AA` for a column index counted from 0. */
export function columnLetter(index: number): string {
  let letters = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

// ---- Both ----

function readLines(
  lines: CellLine[],
  numbers: "german" | "english",
  columnLabel: (index: number, header: string) => string,
  limits: ValueFileLimits,
  earlier: ProblemList,
) {
  const headerAt = lines.slice(0, 20).findIndex((l) => isHeaderLine(l.cells));
  const header = lines[headerAt >= 0 ? headerAt : 0];
  if (!header)
    return { rows: [], problems: [{ line: null, column: null, field: null, rule: "empty_file", message: EMPTY }], skippedLines: [] };
  const body = lines.slice(lines.indexOf(header) + 1);
  if (body.length > limits.maxRows) return { rows: [], problems: [tooManyRows(limits.maxRows)], skippedLines: [] };
  const read = readValueRows(header, body, { numbers, columnLabel, maxProblems: limits.maxProblems });
  const rank = (p: FileProblem) => (p.rule === "more_problems" ? Infinity : (p.line ?? 0));
  const problems = earlier.count ? [...earlier.list(), ...read.problems].sort((a, b) => rank(a) - rank(b)) : read.problems;
  return { rows: problems.length ? [] : read.rows, problems, skippedLines: read.skippedLines };
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

// ---- Messages ----

const EMPTY: Bilingual = { de: "Die Datei ist leer.", en: "The file is empty." };
const OLD_EXCEL: Bilingual = {
  de: "Das ist eine Datei im alten Excel-Format (.xls). Speichern Sie sie als .xlsx oder als CSV (Trennzeichen Semikolon).",
  en: "This is a file in the old Excel format (.xls). Save it as .xlsx or as CSV (semicolon separated).",
};
const OPENDOCUMENT: Bilingual = {
  de: "Das ist eine OpenDocument-Tabelle (.ods). Speichern Sie sie als .xlsx oder als CSV (Trennzeichen Semikolon).",
  en: "This is an OpenDocument spreadsheet (.ods). Save it as .xlsx or as CSV (semicolon separated).",
};
const NOT_A_WORKBOOK: Bilingual = {
  de: "Die Datei ist keine lesbare XLSX-Arbeitsmappe. Speichern Sie die Tabelle neu als .xlsx oder .csv.",
  en: "The file is no readable XLSX workbook. Save the sheet again as .xlsx or .csv.",
};
const NOT_A_TABLE: Bilingual = {
  de: "Die Datei ist weder eine CSV-Datei noch eine XLSX-Arbeitsmappe. Laden Sie die ausgefüllte Vorlage hoch.",
  en: "The file is neither a CSV file nor an XLSX workbook. Upload the filled-in template.",
};
const NO_HEADER: Bilingual = {
  de: "In der Arbeitsmappe fehlt die Kopfzeile mit den Spalten Standard, Zeitraum und Wert. Nutzen Sie die Vorlage.",
  en: "The workbook lacks the header row with the columns Standard, Zeitraum and Wert. Use the template.",
};
const CSV_SYNTAX: Bilingual = {
  de: "Diese Zeile lässt sich nicht lesen: Ein Anführungszeichen ist nicht geschlossen oder steht mitten in einer Zelle.",
  en: "This line cannot be read: a quotation mark is not closed or stands inside a cell.",
};

function tooLarge(size: number, max: number): Bilingual {
  const mb = (n: number, lang: string) => (n / (1024 * 1024)).toLocaleString(lang, { maximumSignificantDigits: 3 });
  return {
    de: `Die Datei ist ${mb(size, "de-DE")} MB groß; erlaubt sind höchstens ${mb(max, "de-DE")} MB. Teilen Sie sie auf.`,
    en: `The file has ${mb(size, "en-GB")} MB; at most ${mb(max, "en-GB")} MB are allowed. Split it up.`,
  };
}

function tooManyRows(max: number): FileProblem {
  return {
    line: null,
    column: null,
    field: null,
    rule: "too_many_rows",
    message: {
      de: `Die Datei hat mehr als ${max.toLocaleString("de-DE")} Zeilen. Teilen Sie sie auf.`,
      en: `The file has more than ${max.toLocaleString("en-GB")} lines. Split it up.`,
    },
  };
}
