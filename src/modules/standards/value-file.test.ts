import { readFileSync } from "node:fs";
import path from "node:path";
import { deflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { loadConfig, projectRoot } from "../../config";
import { decodeWindows1252, DEFAULT_VALUE_FILE_LIMITS, readValueFile, valueFileLimits } from "./value-file";
import { templateLines, valueTemplate, TEMPLATE_COLUMNS } from "./value-template";
import { deflatedZeros, zipArchive } from "../../../test/zip-bomb";

const fixture = (name: string) => new Uint8Array(readFileSync(path.join(projectRoot, "test", "fixtures", "standards", name)));
const utf8 = (text: string) => new TextEncoder().encode(text);
const positions = (problems: { line: number | null; column: string | null; rule: string }[]) =>
  problems.map((p) => [p.line, p.column, p.rule]);

describe("CSV in German conventions", () => {
  it("reads a German-Excel CSV: semicolons, decimal comma, thousands dots, byte order mark, CRLF, a quoted semicolon", async () => {
    const read = await readValueFile(fixture("excel-de-2026-q3.csv"), "excel-de-2026-q3.csv");
    expect(read.problems).toEqual([]);
    expect(read).toMatchObject({ format: "csv", encoding: "utf-8", skippedLines: [6] });
    expect(read.rows).toEqual([
      {
        line: 2,
        standardKey: "telefon-erreichbarkeit",
        period: "2026-Q3",
        value: 78.5,
        numerator: 1570,
        denominator: 2000,
        method: "Telefonanlage; Auswertung je Quartal",
        confidence: "high",
      },
      { line: 3, standardKey: "termin-buergerbuero", period: "2026-09", value: 9.25, method: "Terminsystem", confidence: "medium" },
      {
        line: 4,
        standardKey: "termin-buergerbuero",
        period: "2026-08",
        value: 12,
        method: "Terminsystem",
        confidence: "medium",
        reasons: { "*": "Urlaubszeit: weniger Personal im Bürgerbüro" },
      },
      {
        line: 5,
        standardKey: "bauantrag-vollstaendigkeit",
        period: "2026-Q3",
        value: 18,
        method: "Fachverfahren",
        confidence: "low",
        reasons: { "*": "Umstellung des Fachverfahrens" },
      },
    ]);
  });

  it("reads a Windows-1252 file with umlauts, ß and a dash", async () => {
    const bytes = fixture("windows-1252.csv");
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toThrow();
    const read = await readValueFile(bytes, "werte.csv");
    expect(read.problems).toEqual([]);
    expect(read.encoding).toBe("windows-1252");
    expect(read.rows[0]).toMatchObject({
      method: "Zählung im Bürgerbüro",
      reasons: { "*": "Straßenumbau – Bürgerbüro vier Wochen geschlossen" },
    });
    expect(read.rows[1]).toMatchObject({ value: 81.2, numerator: 812, denominator: 1000 });
    // The bytes where Windows-1252 and Latin-1 differ.
    expect(decodeWindows1252(new Uint8Array([0x80, 0x84, 0x93, 0x96, 0x9f, 0xe4, 0xdf]))).toBe("€„“–Ÿäß");
  });

  it("reports all 20 problems of a file at once, each with its line and column, in German and English", async () => {
    const read = await readValueFile(fixture("zwanzig-fehler.csv"), "zwanzig-fehler.csv");
    expect(read.rows).toEqual([]);
    expect(positions(read.problems)).toEqual([
      [2, "Standard", "required"],
      [3, "Zeitraum", "period"],
      [4, "Wert", "decimal_point"],
      [5, "Wert", "number"],
      [6, "Zeitraum", "required"],
      [7, "Nenner", "fraction_incomplete"],
      [8, "Zähler", "fraction_incomplete"],
      [9, "Zähler", "number"],
      [10, "Nenner", "number"],
      [11, "Verlässlichkeit", "confidence"],
      [12, "Zeitraum", "period"],
      [14, null, "duplicate_row"],
      [15, "Wert", "number"],
      [16, "Zeitraum", "period"],
      [17, "Wert", "decimal_point"],
      [18, "Verlässlichkeit", "confidence"],
      [19, "Standard", "required"],
      [19, "Zeitraum", "required"],
      [20, "Zeitraum", "period"],
      [21, "Zähler", "decimal_point"],
    ]);
    for (const problem of read.problems) {
      expect(problem.message.de).toMatch(/\S/);
      expect(problem.message.en).toMatch(/\S/);
      expect(problem.message.de).not.toBe(problem.message.en);
    }
    expect(read.problems[2].message.de).toBe("„78.5“: Schreiben Sie Dezimalzahlen mit Komma, z. B. 78,5.");
    expect(read.problems[11].message.de).toContain("schon in Zeile 13");
  });

  it("matches header names without regard to case, spaces, umlauts or a note in brackets", async () => {
    const read = await readValueFile(
      utf8(" STANDARD ;zeitraum;Wert (Prozent);ZAEHLER;nenner;Verlasslichkeit\nx;Q3 2026;50;1;2;Hoch\n"),
      "a.csv",
    );
    expect(read.problems).toEqual([]);
    expect(read.rows).toEqual([
      { line: 2, standardKey: "x", period: "2026-Q3", value: 50, numerator: 1, denominator: 2, confidence: "high" },
    ]);
  });

  it("skips comment lines, also when a spreadsheet saved them again in quotes", async () => {
    const read = await readValueFile(utf8('# Vorlage\nStandard;Zeitraum;Wert\n"# Hinweis; bitte ausfüllen";;\nx;2026;1\n'), "a.csv");
    expect(read).toMatchObject({ problems: [], skippedLines: [], rows: [{ line: 4, standardKey: "x", period: "2026", value: 1 }] });
  });

  it("refuses unknown, doubled and missing columns, naming them", async () => {
    const read = await readValueFile(utf8("Standard;Wert;Wert;Farbe\nx;1;2;rot\n"), "a.csv");
    expect(positions(read.problems)).toEqual([
      [1, "Wert", "duplicate_column"],
      [1, "Farbe", "unknown_column"],
      [1, null, "missing_column"],
    ]);
    expect(read.problems[2].message.de).toBe("Die Spalte „Zeitraum“ fehlt in der Kopfzeile.");
  });

  it("reads comma-separated files from programs with English settings with a decimal point, and says so when a comma appears", async () => {
    const read = await readValueFile(utf8('Standard,Zeitraum,Wert\nx,2026-09,78.5\ny,2026-09,"78,5"\n'), "export.csv");
    expect(positions(read.problems)).toEqual([[3, "Wert", "number"]]);
    expect(read.problems[0].message.de).toContain("Dezimalzahlen mit Punkt");
    const fine = await readValueFile(utf8("Standard,Zeitraum,Wert\nx,2026-09,78.5\n"), "export.csv");
    expect(fine.rows).toEqual([{ line: 2, standardKey: "x", period: "2026-09", value: 78.5 }]);
  });

  it("reports a line it cannot parse (an open quote) with its line number", async () => {
    const read = await readValueFile(utf8('Standard;Zeitraum;Wert\nx;2026;1\ny;2026;"2"x\n'), "a.csv");
    expect(positions(read.problems)).toEqual([[3, null, "csv_syntax"]]);
    expect(read.rows).toEqual([]);
  });

  it("refuses files over the size limit and the row limit, and files that are no table", async () => {
    const big = await readValueFile(fixture("excel-de-2026-q3.csv"), "a.csv", { ...DEFAULT_VALUE_FILE_LIMITS, maxBytes: 100 });
    expect(positions(big.problems)).toEqual([[null, null, "file_too_large"]]);
    const many = await readValueFile(fixture("zwanzig-fehler.csv"), "a.csv", { ...DEFAULT_VALUE_FILE_LIMITS, maxRows: 5 });
    expect(positions(many.problems)).toEqual([[null, null, "too_many_rows"]]);
    expect((await readValueFile(new Uint8Array(), "a.csv")).problems[0].rule).toBe("empty_file");
    expect((await readValueFile(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]), "alt.xls")).problems[0].rule).toBe(
      "old_excel",
    );
    expect((await readValueFile(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]), "bild.csv")).problems[0].rule).toBe("not_a_table");
    expect((await readValueFile(utf8("Standard;Zeitraum;Wert"), "kaputt.xlsx")).problems[0].rule).toBe("broken_archive");
    const ods = await readValueFile(fixture("libreoffice-2026-q3.ods"), "werte.ods");
    expect(ods.problems[0].message.de).toBe(
      "Das ist eine OpenDocument-Tabelle (.ods). Speichern Sie sie als .xlsx oder als CSV (Trennzeichen Semikolon).",
    );
  });

  it("takes its upload limit from the configuration (VERBUND_STANDARDS_UPLOAD_MB)", async () => {
    const limits = valueFileLimits(loadConfig({ VERBUND_STANDARDS_UPLOAD_MB: "0.0005" }));
    expect(limits.maxBytes).toBe(524);
    expect((await readValueFile(fixture("excel-de-2026-q3.csv"), "a.csv", limits)).problems[0].message.de).toBe(
      "Die Datei ist 0,000632 MB groß; erlaubt sind höchstens 0,0005 MB. Teilen Sie sie auf.",
    );
    expect(valueFileLimits(loadConfig({})).maxBytes).toBe(50 * 1024 * 1024);
  });

  it("lists the first problems of a file full of errors and counts the rest", async () => {
    const lines = Array.from({ length: 1500 }, (_, i) => `s${i};2026-Q3;kein Wert`).join("\n");
    const read = await readValueFile(utf8(`Standard;Zeitraum;Wert\n${lines}\n`), "a.csv");
    expect(read.problems).toHaveLength(1001);
    expect(read.problems.at(-1)).toMatchObject({ rule: "more_problems", message: { de: expect.stringContaining("500 weitere Probleme") } });
  });
});

describe("XLSX", () => {
  it("reads an XLSX written by exceljs: numbers, text with decimal comma, dates, percentages, formulas, rich text", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Meldung");
    sheet.addRow(["Standard", "Zeitraum", "Wert", "Zähler", "Nenner", "Methode", "Verlässlichkeit", "Begründung Sprung"]);
    sheet.addRow(["telefon-erreichbarkeit", "2026-Q3", 0.785, 1570, 2000, "Telefonanlage", "hoch", null]);
    sheet.getCell("C2").numFmt = "0.0%";
    sheet.addRow([
      "termin-buergerbuero",
      new Date(Date.UTC(2026, 8, 1)),
      "9,25",
      null,
      null,
      { richText: [{ text: "Termin" }, { text: "system" }] },
      "mittel",
      "Neue Software",
    ]);
    sheet.addRow(["bauantrag-vollstaendigkeit", "3. Quartal 2026", { formula: "36/2", result: 18 }, null, null, null, null, null]);
    const read = await readValueFile(new Uint8Array(await workbook.xlsx.writeBuffer()), "werte.xlsx");
    expect(read.problems).toEqual([]);
    expect(read.rows).toEqual([
      {
        line: 2,
        standardKey: "telefon-erreichbarkeit",
        period: "2026-Q3",
        value: 78.5,
        numerator: 1570,
        denominator: 2000,
        method: "Telefonanlage",
        confidence: "high",
      },
      {
        line: 3,
        standardKey: "termin-buergerbuero",
        period: "2026-09",
        value: 9.25,
        method: "Terminsystem",
        confidence: "medium",
        reasons: { jump: "Neue Software" },
      },
      { line: 4, standardKey: "bauantrag-vollstaendigkeit", period: "2026-Q3", value: 18 },
    ]);
  });

  it("names problems in a sheet by row and column letter", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Werte");
    sheet.addRow(["Standard", "Zeitraum", "Wert"]);
    sheet.addRow(["x", "2026-Q3", { formula: "1/0", result: { error: "#DIV/0!" } }]);
    sheet.addRow(["y", "2026-Q3", new Date(Date.UTC(2026, 0, 5))]);
    sheet.addRow(["z", "Herbst", "78.5"]);
    const read = await readValueFile(new Uint8Array(await workbook.xlsx.writeBuffer()), "werte.xlsx");
    expect(positions(read.problems)).toEqual([
      [2, "C", "formula_error"],
      [3, "C", "date"],
      [4, "B", "period"],
      [4, "C", "decimal_point"],
    ]);
    expect(read.problems[0].message.de).toBe("Die Formel in dieser Zelle ergibt einen Fehler (#DIV/0!).");
  });

  it("reads a small .xlsx saved by LibreOffice Calc (committed fixture)", async () => {
    const read = await readValueFile(fixture("libreoffice-2026-q3.xlsx"), "libreoffice-2026-q3.xlsx");
    expect(read.problems).toEqual([]);
    expect(read.rows.map((r) => [r.line, r.standardKey, r.period, r.value, r.numerator, r.denominator, r.confidence])).toEqual([
      [2, "telefon-erreichbarkeit", "2026-Q3", 78.5, 1570, 2000, "high"],
      [3, "termin-buergerbuero", "2026-Q3", 9.25, undefined, undefined, "medium"],
      [4, "bauantrag-vollstaendigkeit", "2026-Q3", 18, undefined, undefined, "low"],
    ]);
    expect(read.rows[2].reasons).toEqual({ "*": "Umstellung des Fachverfahrens im August" });
  });
});

// ---- Zip bombs ----

const XLSX_NAMES = ["[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"];

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number; rssGrowth: number }> {
  const rss = process.memoryUsage().rss;
  const start = performance.now();
  const result = await work();
  return { result, ms: performance.now() - start, rssGrowth: process.memoryUsage().rss - rss };
}

describe("zip bombs disguised as XLSX", () => {
  const kernel = deflatedZeros(1024); // 1 GB of zeros in about 1 MB

  it("refuses an archive that declares 1 GB unpacked, within 2 s, and returns no rows", async () => {
    const bomb = zipArchive(XLSX_NAMES.map((name) => ({ name, data: kernel, declared: 1024 * 1024 * 1024 })));
    const { result, ms } = await timed(() => readValueFile(bomb, "werte.xlsx"));
    expect(ms).toBeLessThan(2000);
    expect(result.rows).toEqual([]);
    expect(positions(result.problems)).toEqual([[null, null, "zip_bomb"]]);
    expect(result.problems[0].message.de).toContain("entpackt sich aber ungewöhnlich groß");
  });

  it("refuses an archive that lies about its sizes, stopping the unpacking at the declared size, within 2 s and bounded memory", async () => {
    const liar = zipArchive(XLSX_NAMES.map((name) => ({ name, data: kernel, declared: 2048 })));
    const { result, ms, rssGrowth } = await timed(() => readValueFile(liar, "werte.xlsx"));
    expect(ms).toBeLessThan(2000);
    expect(rssGrowth).toBeLessThan(200 * 1024 * 1024);
    expect(result.rows).toEqual([]);
    expect(result.problems.map((p) => p.rule)).toEqual(["zip_bomb"]);
    expect(result.problems[0].message.en).toContain("unpacks to more than it declares");
  });

  it("refuses entries that share their bytes (the overlapping construction) and densely packed entries", async () => {
    const small = deflateRawSync(Buffer.from("<x/>"));
    const overlapping = zipArchive(
      XLSX_NAMES.map((name) => ({ name, data: small, declared: 4 })),
      { shareData: true },
    );
    expect((await readValueFile(overlapping, "werte.xlsx")).problems[0].message.en).toContain("entries overlap");
    const dense = zipArchive([{ name: "xl/worksheets/sheet1.xml", data: deflatedZeros(64), declared: 64 * 1024 * 1024 }]);
    expect((await readValueFile(dense, "werte.xlsx")).problems[0].message.en).toMatch(/packed \d+ : 1/);
  });
});

// ---- Templates ----

const TEMPLATE_INPUT = {
  organizationName: "Stadt Wunstorf",
  period: "2026-Q3",
  standards: [
    { key: "telefon-erreichbarkeit", title: "Telefonische Erreichbarkeit", unit: "percent" as const, periodicity: "quarter" as const },
    { key: "termin-buergerbuero", title: "Termin im Bürgerbüro", unit: "days" as const, periodicity: "month" as const },
    { key: "ratsvorlagen-klimacheck", title: "Ratsvorlagen mit Klimacheck", unit: "percent" as const, periodicity: "year" as const },
  ],
};

describe("templates", () => {
  it("lists every applicable standard once per period due: the months of a quarter, a yearly standard only with the last quarter", () => {
    expect(templateLines(TEMPLATE_INPUT).map((l) => [l[0], l[3]])).toEqual([
      ["telefon-erreichbarkeit", "2026-Q3"],
      ["termin-buergerbuero", "2026-07"],
      ["termin-buergerbuero", "2026-08"],
      ["termin-buergerbuero", "2026-09"],
    ]);
    expect(templateLines({ ...TEMPLATE_INPUT, period: "4. Quartal 2026" }).map((l) => l[3])).toContain("2026");
  });

  it("leaves out values submitted already and says so in good German, for one value and for several", async () => {
    const one = { ...TEMPLATE_INPUT, submitted: new Set(["termin-buergerbuero|2026-08"]) };
    expect(templateLines(one).map((l) => l[3])).toEqual(["2026-Q3", "2026-07", "2026-09"]);
    const csv = new TextDecoder().decode(await valueTemplate("csv", one));
    expect(csv).toContain("# Ein Wert dieses Zeitraums ist schon eingereicht und fehlt deshalb in der Vorlage. Geändert wird er");
    const two = { ...TEMPLATE_INPUT, submitted: new Set(["termin-buergerbuero|2026-08", "telefon-erreichbarkeit|2026-Q3"]) };
    expect(new TextDecoder().decode(await valueTemplate("csv", two))).toContain(
      "# 2 Werte dieses Zeitraums sind schon eingereicht und fehlen deshalb in der Vorlage. Geändert werden sie",
    );
    expect(new TextDecoder().decode(await valueTemplate("csv", TEMPLATE_INPUT))).not.toContain("eingereicht");
  });

  it("writes a CSV template with a byte order mark and explanations, and reads it back once filled in", async () => {
    const bytes = await valueTemplate("csv", TEMPLATE_INPUT);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain("# Vorlage für die Meldung von Stadt Wunstorf, Zeitraum 2026-Q3");
    expect(text).toContain(`${TEMPLATE_COLUMNS.join(";")}\r\n`);
    const blank = await readValueFile(bytes, "vorlage.csv");
    expect(blank).toMatchObject({ rows: [], problems: [], skippedLines: [13, 14, 15, 16] });
    const filled = text.replace("2026-Q3;;;", "2026-Q3;78,5;1.570;2.000").replace("2026-08;;", "2026-08;12,5;");
    const read = await readValueFile(utf8(filled), "vorlage.csv");
    expect(read.problems).toEqual([]);
    expect(read.rows).toEqual([
      { line: 13, standardKey: "telefon-erreichbarkeit", period: "2026-Q3", value: 78.5, numerator: 1570, denominator: 2000 },
      { line: 15, standardKey: "termin-buergerbuero", period: "2026-08", value: 12.5 },
    ]);
  });

  it("reads back the CSV template filled in and saved again by LibreOffice Calc (German settings): as CSV in Windows-1252 with every text quoted, and as XLSX", async () => {
    const expected = [
      {
        standardKey: "telefon-erreichbarkeit",
        period: "2026-Q3",
        value: 78.5,
        numerator: 1570,
        denominator: 2000,
        method: "Telefonanlage",
        confidence: "high",
      },
      {
        standardKey: "buergeramt-termin",
        period: "2026-08",
        value: 12.5,
        method: "Terminsystem",
        confidence: "medium",
        reasons: { "*": "Urlaubszeit" },
      },
    ];
    const csv = await readValueFile(fixture("vorlage-libreoffice-1252.csv"), "vorlage.csv");
    expect(csv).toMatchObject({ encoding: "windows-1252", problems: [], skippedLines: [14, 16] });
    expect(csv.rows).toEqual(expected.map((row, i) => ({ line: [13, 15][i], ...row })));
    const xlsx = await readValueFile(fixture("vorlage-libreoffice.xlsx"), "vorlage.xlsx");
    expect(xlsx.problems).toEqual([]);
    expect(xlsx.rows).toEqual(expected.map((row, i) => ({ line: [13, 15][i], ...row })));
  });

  it("writes an XLSX template with a styled header, number formats and an explanation sheet, and reads it back once filled in", async () => {
    const bytes = await valueTemplate("xlsx", TEMPLATE_INPUT);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["Werte", "Erläuterungen"]);
    const sheet = workbook.getWorksheet("Werte")!;
    expect(sheet.getRow(1).values).toEqual([undefined, ...TEMPLATE_COLUMNS]);
    expect(sheet.getCell("A1").font?.bold).toBe(true);
    expect(sheet.getCell("E2").numFmt).toBe("#,##0.0##");
    expect(sheet.getColumn(2).width).toBeGreaterThan(30);
    sheet.getCell("E2").value = 78.5;
    sheet.getCell("F2").value = 1570;
    sheet.getCell("G2").value = 2000;
    sheet.getCell("E4").value = "12,5";
    sheet.getCell("I4").value = "niedrig";
    const read = await readValueFile(new Uint8Array(await workbook.xlsx.writeBuffer()), "vorlage.xlsx");
    expect(read.problems).toEqual([]);
    expect(read.skippedLines).toEqual([3, 5]);
    expect(read.rows).toEqual([
      { line: 2, standardKey: "telefon-erreichbarkeit", period: "2026-Q3", value: 78.5, numerator: 1570, denominator: 2000 },
      { line: 4, standardKey: "termin-buergerbuero", period: "2026-08", value: 12.5, confidence: "low" },
    ]);
  });
});
