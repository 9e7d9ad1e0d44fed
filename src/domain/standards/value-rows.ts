// From the cells of a value file (CSV or XLSX, already unpacked) to reported values (Meldungen) and
// the problems of the file, each with its line and column. Pure: no I/O; the file formats live in
// src/modules/standards/value-file.ts. Every problem of the file is collected; nothing throws.

import type { Bilingual } from "../../kernel/problems";
import { readEnglish, readGerman, type NumberRule } from "./german-number";
import {
  REQUIRED,
  FRACTION_INCOMPLETE,
  numberMessage,
  periodMessage,
  confidenceMessage,
  duplicateMessage,
  unknownColumnMessage,
  duplicateColumnMessage,
  missingColumnMessage,
  moreProblemsMessage,
  tooLongMessage,
} from "./value-messages";
import { periodIn } from "./period";
import { readPeriod } from "./report-period";
import { TEXT_LIMITS, type ConfidenceLevel } from "./standard";

/** One value of a file, as its reporter wrote it (checks of plausibility come later). */
export interface ValueRow {
  /** Line of the file (CSV) or row of the sheet (XLSX), counted from 1. */
  line: number;
  standardKey: string;
  /** Canonical period: `2026-09`, `2026-Q3` or `2026`. */
  period: string;
  value: number;
  numerator?: number;
  denominator?: number;
  method?: string;
  confidence?: ConfidenceLevel;
  /**
   * Written reasons for plausibility warnings, by rule (`jump`, `median_distance`); the reason of
   * the general column `Begründung` stands under `*` and answers every warning of the row.
   */
  reasons?: Record<string, string>;
}

/** A problem of a file, at its position. Any problem refuses the whole file. */
export interface FileProblem {
  /** Line (CSV) or row (XLSX) counted from 1; `null` for the file as a whole. */
  line: number | null;
  /** Column letter (XLSX, `C`) or header name (CSV, `Wert`); `null` for a whole line or file. */
  column: string | null;
  /** The field of a value (`value`, `period`, …); `null` when the problem is not about one field. */
  field: string | null;
  /** Machine-readable rule, e.g. `number`, `period`, `missing_column`, `zip_bomb`. */
  rule: string;
  message: Bilingual;
}

/** A cell as the file formats hand it over: text, a number, a date (XLSX), a formula error, or empty. */
export type CellValue = string | number | Date | { error: string } | null;

/** A line of cells, with the labels of its columns as the user sees them. */
export interface CellLine {
  line: number;
  cells: CellValue[];
}

/** How to read the cells of a file. */
export interface CellReadOptions {
  /** `german` (decimal comma, thousands dots) or `english` (decimal point), for numbers written as text. */
  numbers: "german" | "english";
  /** Label of a column for problems: a letter for XLSX, the header name for CSV. */
  columnLabel: (index: number, header: string) => string;
  /** At most this many problems are listed; the rest are counted in one last problem. */
  maxProblems: number;
}

type Field = keyof Omit<ValueRow, "line" | "reasons"> | "reason" | "reason_jump" | "reason_median" | "ignored";

/** Header names a column is recognised by (compared after `normalizeHeader`). */
export const HEADER_NAMES: Record<Exclude<Field, "ignored">, string[]> = {
  standardKey: ["Standard", "Kürzel", "Standardkürzel", "Leistungsstandard", "Schlüssel"],
  period: ["Zeitraum", "Meldezeitraum", "Periode", "Period"],
  value: ["Wert", "Kennzahl", "Istwert", "Value"],
  numerator: ["Zähler", "Numerator"],
  denominator: ["Nenner", "Denominator"],
  method: ["Methode", "Messmethode", "Erhebungsmethode", "Method"],
  confidence: ["Verlässlichkeit", "Konfidenz", "Confidence"],
  reason: ["Begründung", "Reason"],
  reason_jump: ["Begründung Sprung", "Reason jump"],
  reason_median: ["Begründung Median", "Reason median"],
};

/** Columns that may stand in a file for the reader's eyes and are not read. */
const IGNORED_HEADERS = [
  "Bezeichnung",
  "Titel",
  "Title",
  "Einheit",
  "Unit",
  "Zielwert",
  "Target",
  "Bemerkung",
  "Kommentar",
  "Hinweis",
  "Verwaltung",
];

const FIELD_NAMES: Record<Exclude<Field, "ignored">, string> = {
  standardKey: "standardKey",
  period: "period",
  value: "value",
  numerator: "numerator",
  denominator: "denominator",
  method: "method",
  confidence: "confidence",
  reason: "reasons",
  reason_jump: "reasons",
  reason_median: "reasons",
};

const CONFIDENCE_WORDS: Record<string, ConfidenceLevel> = {
  hoch: "high",
  high: "high",
  mittel: "medium",
  medium: "medium",
  niedrig: "low",
  gering: "low",
  low: "low",
};

/**
 * Header names compare without case, spaces, punctuation, a note in brackets, and with `ä`, `ae`
 * and `a` alike: `Zähler`, `ZAEHLER`, `zahler` and `Zähler (Anzahl)` are one column.
 */
export function normalizeHeader(text: string): string {
  return text
    .toLowerCase()
    .replace(/\(.*?\)/g, "")
    .replace(/ä/g, "a")
    .replace(/ö/g, "o")
    .replace(/ü/g, "u")
    .replace(/ß/g, "ss")
    .replace(/ae/g, "a")
    .replace(/oe/g, "o")
    .replace(/ue/g, "u")
    .replace(/[^a-z0-9]/g, "");
}

const HEADER_INDEX = new Map<string, Field>([
  ...Object.entries(HEADER_NAMES).flatMap(([field, names]) => names.map((n) => [normalizeHeader(n), field as Field] as const)),
  ...IGNORED_HEADERS.map((n) => [normalizeHeader(n), "ignored" as Field] as const),
]);

/** Whether a line looks like the header of a value file (it names the standard and the value column). */
export function isHeaderLine(cells: CellValue[]): boolean {
  const fields = new Set(cells.map((c) => (typeof c === "string" ? HEADER_INDEX.get(normalizeHeader(c)) : undefined)));
  return fields.has("standardKey") && fields.has("value");
}

/**
 * Reads the values of a file from its header line and the lines below it. Lines without any value,
 * numerator or denominator (a template left blank there) are skipped and listed in `skippedLines`.
 */
export function readValueRows(
  header: CellLine,
  lines: CellLine[],
  options: CellReadOptions,
): { rows: ValueRow[]; problems: FileProblem[]; skippedLines: number[] } {
  const problems = new ProblemList(options.maxProblems);
  const columns = readHeader(header, options, problems);
  const rows: ValueRow[] = [];
  const skippedLines: number[] = [];
  const seen = new Map<string, number>();
  if (!columns) return { rows, problems: problems.list(), skippedLines };
  for (const { line, cells } of lines) {
    if (cells.every(isEmpty)) continue;
    const cell = (field: Field) => (columns.has(field) ? (cells[columns.get(field)!.index] ?? null) : null);
    if (isEmpty(cell("value")) && isEmpty(cell("numerator")) && isEmpty(cell("denominator"))) {
      skippedLines.push(line);
      continue;
    }
    const at = (field: Exclude<Field, "ignored">) => ({ line, column: columns.get(field)?.label ?? null, field: FIELD_NAMES[field] });
    const before = problems.count;
    const standardKey = text(cell("standardKey"));
    if (!standardKey) problems.add({ ...at("standardKey"), rule: "required", message: REQUIRED.standardKey });
    const period = readPeriodCell(cell("period"));
    if (!period) {
      const raw = display(cell("period"));
      problems.add({ ...at("period"), rule: raw ? "period" : "required", message: raw ? periodMessage(raw) : REQUIRED.period });
    }
    const number = (field: "value" | "numerator" | "denominator") => {
      const read = readNumberCell(cell(field), options.numbers);
      if (read.ok) return read.value;
      if (read.rule !== "empty")
        problems.add({ ...at(field), rule: read.rule, message: numberMessage(read.rule, display(cell(field)), options.numbers) });
      else if (field === "value") problems.add({ ...at(field), rule: "required", message: REQUIRED.value });
      return undefined;
    };
    const value = number("value");
    const numerator = number("numerator");
    const denominator = number("denominator");
    if (isEmpty(cell("numerator")) !== isEmpty(cell("denominator"))) {
      const missing = isEmpty(cell("numerator")) ? "numerator" : "denominator";
      problems.add({ ...at(missing), rule: "fraction_incomplete", message: FRACTION_INCOMPLETE });
    }
    const confidenceText = text(cell("confidence"));
    const confidence = confidenceText ? CONFIDENCE_WORDS[confidenceText.toLowerCase()] : undefined;
    if (confidenceText && !confidence)
      problems.add({ ...at("confidence"), rule: "confidence", message: confidenceMessage(confidenceText) });
    const tooLong = (field: "method" | "reason" | "reason_jump" | "reason_median", limit: number) => {
      const length = text(cell(field)).length;
      if (length > limit) problems.add({ ...at(field), rule: "too_long", message: tooLongMessage(limit, length) });
    };
    tooLong("method", TEXT_LIMITS.method);
    for (const field of ["reason", "reason_jump", "reason_median"] as const) tooLong(field, TEXT_LIMITS.reason);
    const key = `${standardKey}\u0000${period?.text}`;
    if (standardKey && period && seen.has(key)) {
      problems.add({
        line,
        column: null,
        field: null,
        rule: "duplicate_row",
        message: duplicateMessage(standardKey, period.text, seen.get(key)!),
      });
    } else if (standardKey && period) seen.set(key, line);
    if (problems.count > before || value === undefined || !period) continue;
    const reasons = Object.fromEntries(
      (
        [
          ["*", "reason"],
          ["jump", "reason_jump"],
          ["median_distance", "reason_median"],
        ] as const
      )
        .map(([rule, field]) => [rule, text(cell(field))] as const)
        .filter(([, reason]) => reason),
    );
    const method = text(cell("method"));
    rows.push({
      line,
      standardKey,
      period: period.text,
      value,
      ...(numerator !== undefined && denominator !== undefined ? { numerator, denominator } : {}),
      ...(method ? { method } : {}),
      ...(confidence ? { confidence } : {}),
      ...(Object.keys(reasons).length ? { reasons } : {}),
    });
  }
  return { rows: problems.count ? [] : rows, problems: problems.list(), skippedLines };
}

function readHeader(header: CellLine, options: CellReadOptions, problems: ProblemList) {
  const columns = new Map<Field, { index: number; label: string }>();
  header.cells.forEach((cell, index) => {
    const name = display(cell);
    if (!name) return;
    const label = options.columnLabel(index, name);
    const field = HEADER_INDEX.get(normalizeHeader(name));
    if (!field) {
      problems.add({ line: header.line, column: label, field: null, rule: "unknown_column", message: unknownColumnMessage(name) });
    } else if (field !== "ignored" && columns.has(field)) {
      problems.add({
        line: header.line,
        column: label,
        field: FIELD_NAMES[field],
        rule: "duplicate_column",
        message: duplicateColumnMessage(name),
      });
    } else if (field !== "ignored") columns.set(field, { index, label });
  });
  for (const field of ["standardKey", "period", "value"] as const) {
    if (!columns.has(field)) {
      problems.add({
        line: header.line,
        column: null,
        field: FIELD_NAMES[field],
        rule: "missing_column",
        message: missingColumnMessage(HEADER_NAMES[field][0]),
      });
    }
  }
  return problems.count ? null : columns;
}

/** Collects problems up to a limit and counts the rest in one last problem. */
export class ProblemList {
  private readonly items: FileProblem[] = [];
  count = 0;
  constructor(private readonly max: number) {}
  add(problem: FileProblem): void {
    this.count += 1;
    if (this.items.length < this.max) this.items.push(problem);
  }
  list(): FileProblem[] {
    const more = this.count - this.items.length;
    if (more <= 0) return this.items;
    return [...this.items, { line: null, column: null, field: null, rule: "more_problems", message: moreProblemsMessage(more) }];
  }
}

function isEmpty(cell: CellValue): boolean {
  return cell === null || (typeof cell === "string" && cell.trim() === "");
}

function text(cell: CellValue): string {
  if (cell === null) return "";
  if (typeof cell === "string") return cell.trim();
  return display(cell);
}

/** A cell as the user would recognise it in a message. */
function display(cell: CellValue): string {
  if (cell === null) return "";
  if (typeof cell === "string") return cell.trim();
  if (typeof cell === "number") return String(cell).replace(".", ",");
  if (cell instanceof Date) return `${pad(cell.getUTCDate())}.${pad(cell.getUTCMonth() + 1)}.${cell.getUTCFullYear()}`;
  return cell.error;
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

function readPeriodCell(cell: CellValue) {
  if (cell instanceof Date) return periodIn("month", cell.getUTCFullYear(), cell.getUTCMonth() + 1);
  if (cell === null || typeof cell === "object") return null;
  return readPeriod(String(cell));
}

type CellNumber = { ok: true; value: number } | { ok: false; rule: NumberRule | "empty" | "date" | "formula_error" };

function readNumberCell(cell: CellValue, numbers: "german" | "english"): CellNumber {
  if (isEmpty(cell)) return { ok: false, rule: "empty" };
  if (typeof cell === "number") return Number.isFinite(cell) ? { ok: true, value: cell } : { ok: false, rule: "number" };
  if (cell instanceof Date) return { ok: false, rule: "date" };
  if (typeof cell === "object" && cell !== null) return { ok: false, rule: "formula_error" };
  return numbers === "german" ? readGerman(String(cell)) : readEnglish(String(cell));
}
