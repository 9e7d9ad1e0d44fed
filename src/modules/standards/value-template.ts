import ExcelJS from "exceljs";
import { BOM, csvRow } from "../../kernel/csv";
import { periodsDue } from "../../domain/standards/period";
import { readPeriod } from "../../domain/standards/report-period";
import type { IndicatorUnit, Periodicity } from "../../domain/standards/standard";

// The template of a value file (Vorlage) for one administration and one reporting period: a line for
// every standard that applies to it and every period due, with the value columns left empty. Filled
// in and uploaded, it reads back through readValueFile (value-file.ts).
//
//   const bytes = await valueTemplate("xlsx", { organizationName: "Stadt Wunstorf", standards, period: "2026-Q3" });

/** What a template lists. */
export interface ValueTemplateInput {
  /** The administration the template is for; it stands in the explanation and the file's title. */
  organizationName: string;
  /** The standards that apply to the administration, with their current title. */
  standards: { key: string; title: string; unit: IndicatorUnit; periodicity: Periodicity }[];
  /** The reporting period, canonical or as people write it (`2026-Q3`, `2026-09`, `2026`). */
  period: string;
  /**
   * Values already submitted (or later), as `key|period`: left out, since a file cannot change them
   * (the import would refuse each line as `already_submitted`); the template says how many and why.
   */
  submitted?: ReadonlySet<string>;
}

/** The columns of a value file, in the template's order (German header names). */
export const TEMPLATE_COLUMNS = [
  "Standard",
  "Bezeichnung",
  "Einheit",
  "Zeitraum",
  "Wert",
  "Zähler",
  "Nenner",
  "Methode",
  "Verlässlichkeit",
  "Begründung",
] as const;

const UNIT_WORDS: Record<IndicatorUnit, string> = {
  percent: "Prozent",
  days: "Tage",
  hours: "Stunden",
  minutes: "Minuten",
  count: "Anzahl",
  euro: "Euro",
};

/** How to fill in the columns: the explanation sheet of the XLSX, the comment lines of the CSV. */
export const TEMPLATE_EXPLANATION: [string, string][] = [
  ["Standard", "Kürzel des Leistungsstandards, nicht ändern."],
  ["Bezeichnung, Einheit", "Nur zum Lesen; sie werden nicht eingelesen."],
  ["Zeitraum", "Meldezeitraum: 2026-09 oder 09/2026 (Monat), 2026-Q3 oder 3. Quartal 2026 (Quartal), 2026 (Jahr)."],
  ["Wert", "Die Kennzahl in der Einheit des Standards, mit Dezimalkomma: 78,5 (Prozent als 78,5, nicht 0,785)."],
  ["Zähler, Nenner", "Freiwillig, nur beide zusammen: z. B. 1.570 beantwortete von 2.000 Anrufen."],
  ["Methode", "Wie der Wert erhoben wurde, z. B. Auswertung der Telefonanlage."],
  ["Verlässlichkeit", "hoch, mittel oder niedrig."],
  ["Begründung", "Erklärt eine Warnung der Plausibilitätsprüfung, z. B. einen Sprung zum Vorzeitraum."],
  ["Leere Zeilen", "Zeilen ohne Wert werden übersprungen."],
  ["Format", "CSV mit Semikolon (UTF-8 oder Windows-1252) oder XLSX; in der Voreinstellung höchstens 50 MB und 200.000 Zeilen."],
];

/** The template as bytes: CSV (UTF-8 with byte order mark, semicolons, CRLF) or XLSX. */
export async function valueTemplate(format: "csv" | "xlsx", input: ValueTemplateInput): Promise<Uint8Array> {
  const lines = templateLines(input);
  return format === "csv" ? csvTemplate(input, lines) : xlsxTemplate(input, lines);
}

/** The template's lines: each standard with each of its periods that fall into (or end with) the period. */
export function templateLines(input: ValueTemplateInput): string[][] {
  const period = readPeriod(input.period);
  if (!period) throw new RangeError(`valueTemplate: "${input.period}" is not a period`);
  return input.standards.flatMap((s) =>
    periodsDue(period, s.periodicity)
      .filter((p) => !input.submitted?.has(`${s.key}|${p.text}`))
      .map((p) => [s.key, s.title, UNIT_WORDS[s.unit], p.text, "", "", "", "", "", ""]),
  );
}

/** The note on values left out because they are submitted already, or null when none are. */
function submittedNote(input: ValueTemplateInput): string | null {
  const n = input.submitted?.size ?? 0;
  if (!n) return null;
  return n === 1
    ? "Ein Wert dieses Zeitraums ist schon eingereicht und fehlt deshalb in der Vorlage. Geändert wird er nach der Validierung mit einer Korrektur auf der Seite Meldungen."
    : `${n} Werte dieses Zeitraums sind schon eingereicht und fehlen deshalb in der Vorlage. Geändert werden sie nach der Validierung mit einer Korrektur auf der Seite Meldungen.`;
}

function csvTemplate(input: ValueTemplateInput, lines: string[][]): Uint8Array {
  const comments = [
    `# Vorlage für die Meldung von ${input.organizationName}, Zeitraum ${input.period}. Zeilen mit # werden nicht eingelesen.`,
    ...TEMPLATE_EXPLANATION.map(([column, text]) => `# ${column} – ${text}`.replace(/;/g, ",")),
    ...[submittedNote(input)].flatMap((note) => (note ? [`# ${note}`.replace(/;/g, ",")] : [])),
  ];
  const text = BOM + comments.map((c) => `${c}\r\n`).join("") + csvRow([...TEMPLATE_COLUMNS]) + lines.map((l) => csvRow(l)).join("");
  return new TextEncoder().encode(text);
}

async function xlsxTemplate(input: ValueTemplateInput, lines: string[][]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Verbund";
  workbook.title = `Meldung ${input.organizationName} ${input.period}`;
  const sheet = workbook.addWorksheet("Werte", {
    views: [{ state: "frozen", ySplit: 1 }],
    pageSetup: { orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: "1:1" },
  });
  sheet.columns = TEMPLATE_COLUMNS.map((header, i) => ({
    header,
    key: `c${i}`,
    width: [28, 44, 10, 12, 12, 12, 12, 36, 16, 44][i],
    // Number formats are written without locale; a German Excel shows 1.234,5.
    style: i >= 4 && i <= 6 ? { numFmt: "#,##0.0##" } : { numFmt: "@" },
  }));
  // The header cells only (a styled row would colour the sheet's whole width).
  sheet.getRow(1).eachCell((cell) => {
    cell.font = { bold: true, color: { argb: "FFFFFFFF" } };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF1D4E89" } };
  });
  for (const line of lines) sheet.addRow(line.map((cell, i) => (i >= 4 && i <= 6 ? null : cell)));
  const explanation = workbook.addWorksheet("Erläuterungen", {
    pageSetup: { orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  explanation.columns = [
    { key: "column", width: 24 },
    { key: "text", width: 90, style: { alignment: { wrapText: true, vertical: "top" } } },
  ];
  explanation.addRow([`Vorlage für ${input.organizationName}, Meldezeitraum ${input.period}`]).font = { bold: true, size: 13 };
  explanation.addRow([]);
  explanation.addRow(["Spalte", "Erläuterung"]).font = { bold: true };
  for (const [column, text] of TEMPLATE_EXPLANATION) explanation.addRow([column, text]).alignment = { wrapText: true, vertical: "top" };
  const note = submittedNote(input);
  if (note) explanation.addRow(["Schon eingereicht", note]).alignment = { wrapText: true, vertical: "top" };
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
