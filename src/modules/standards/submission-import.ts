import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { Actor } from "../../kernel/actor";
import type { Bilingual, FieldProblem } from "../../kernel/problems";
import { parsePeriod, periodsDue } from "../../domain/standards/period";
import { WARNING_RULES } from "../../domain/standards/plausibility";
import type { FileProblem } from "../../domain/standards/value-rows";
import { recordAudit } from "../audit";
import { submissionImports } from "./standards.tables";
import { getOwnImport, unscopedFailAbandonedImports, type SubmissionImportRow } from "./submission-import-scope";
import { organizationNames, ownCurrentSubmissions } from "./submission-scope";
import { applicableStandards, standardIdsByKey, writeSubmissions, type SubmissionInput } from "./submissions";
import { readValueFile, type ValueFileLimits } from "./value-file";
import { valueTemplate } from "./value-template";

// Value files (Meldungen als Datei): the template to fill in, and the import of a filled file as a
// job with progress. The import reads the file (`readValueFile`), checks and writes its values with
// the one writer of values (`writeSubmissions`: the same rules as the form and the API) in ONE
// transaction — all or nothing — and records the outcome on its `submission_imports` row.
//
// Progress: the write transaction holds its rows until it commits, and on the embedded database
// (PGlite, one connection) no other statement runs beside it. So the progress of an import
// running in this process is kept in memory (`running` below) and read from there; the row holds
// the outcome. A server killed during an import leaves the row `running` and no value (the
// transaction never committed): `failAbandonedImports` marks it failed when the server starts.

/** The template of the actor's administration for a period, as bytes with a file name. */
export async function submissionTemplate(db: Db, actor: Actor, periodText: string, format: "csv" | "xlsx") {
  const period = parsePeriod(periodText)!;
  const standards = await applicableStandards(db, actor, period);
  const names = await organizationNames(db, [actor.organizationId]);
  const organizationName = names.get(actor.organizationId) ?? "";
  // Values submitted already are left out: a file cannot change them (`already_submitted`).
  const periods = [...new Set(standards.flatMap((s) => periodsDue(period, s.periodicity).map((p) => p.text)))];
  const keyOf = new Map(standards.map((s) => [s.id, s.key]));
  const submitted = new Set(
    (await ownCurrentSubmissions(db, actor, periods))
      .filter((s) => s.state !== "draft" && keyOf.has(s.standardId))
      .map((s) => `${keyOf.get(s.standardId)}|${s.period}`),
  );
  const bytes = await valueTemplate(format, { organizationName, standards, period: period.text, submitted });
  return { bytes, fileName: `Meldung-${fileNamePart(organizationName)}-${period.text}.${format}` };
}

/** A name as a part of a file name: umlauts spelt out, no spaces or punctuation (`Stadt Wunstorf` → `Stadt-Wunstorf`). */
export function fileNamePart(name: string): string {
  const spelt = name.replace(/[äÄöÖüÜß]/g, (c) => ({ ä: "ae", Ä: "Ae", ö: "oe", Ö: "Oe", ü: "ue", Ü: "Ue", ß: "ss" })[c]!);
  return (
    spelt
      .normalize("NFKD")
      .replace(/[^\w-]+/g, "-")
      .replace(/-+/g, "-")
      .replace(/^-|-$/g, "") || "Verwaltung"
  );
}

// ---------------------------------------------------------------------------------------------
// The import

/** Progress of the imports running in this process (see above), by id. */
const running = new Map<string, { regionId: string; organizationId: string; phase: ImportPhase; rowsTotal: number; rowsDone: number }>();

/** What an import is doing: reading the file, checking the values, writing them. */
export type ImportPhase = "reading" | "checking" | "writing";

/** When this process started: imports left running from before were abandoned by a stopped server. */
const PROCESS_STARTED = new Date();

const ABANDONED: FileProblem = {
  line: null,
  column: null,
  field: null,
  rule: "import_interrupted",
  message: {
    de: "Der Import wurde unterbrochen, weil der Server neu gestartet wurde. Es wurde nichts übernommen; bitte laden Sie die Datei erneut hoch.",
    en: "The import was interrupted because the server restarted. Nothing was saved; please upload the file again.",
  },
};

const CONCURRENT: FileProblem = {
  line: null,
  column: null,
  field: null,
  rule: "concurrent_change",
  message: {
    de: "Während des Imports wurden Werte derselben Zeiträume gespeichert (etwa ein zweiter Import). Es wurde nichts übernommen; bitte laden Sie die Datei erneut hoch.",
    en: "Values of the same periods were saved while the file was imported (a second import, say). Nothing was saved; please upload the file again.",
  },
};

/** Marks imports a stopped server left running as failed (nothing of them was written). */
export async function failAbandonedImports(db: Db): Promise<string[]> {
  return unscopedFailAbandonedImports(db, PROCESS_STARTED, ABANDONED);
}

/** An import as the API shows it. */
export function presentImport(row: SubmissionImportRow) {
  const live = row.state === "running" ? running.get(row.id) : undefined;
  return {
    id: row.id,
    fileName: row.fileName,
    size: row.size,
    state: row.state,
    phase: live?.phase ?? null,
    rowsTotal: live?.rowsTotal ?? row.rowsTotal,
    rowsDone: live?.rowsDone ?? row.rowsDone,
    problems: row.problems as FileProblem[],
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

/**
 * Starts the import of a file of the actor's administration: records it (`running`) and returns it
 * at once; the work goes on in the background (`runImport`). `done` settles when the work is over
 * (tests and the benchmark wait for it; the route does not).
 */
export async function startImport(
  db: Db,
  actor: Actor,
  file: { bytes: Uint8Array; fileName: string },
  limits: ValueFileLimits,
  log?: { error(obj: unknown, msg: string): void },
) {
  const [row] = await db
    .insert(submissionImports)
    .values({
      regionId: actor.regionId,
      organizationId: actor.organizationId,
      fileName: file.fileName.slice(0, 255),
      size: file.bytes.length,
      createdBy: actor.accountId,
    })
    .returning();
  running.set(row.id, { regionId: actor.regionId, organizationId: actor.organizationId, phase: "reading", rowsTotal: 0, rowsDone: 0 });
  const done = runImport(db, actor, row.id, file, limits)
    .catch(async (err: unknown) => {
      if (!uniqueViolation(err)) log?.error({ err, importId: row.id }, "import of a value file failed");
      // The database may be gone (a server shutting down): then the next start marks the import failed.
      await finish(db, row.id, { state: "failed", problems: [uniqueViolation(err) ? CONCURRENT : FAILED] }).catch(() => undefined);
    })
    .finally(() => running.delete(row.id));
  return { import: presentImport(row), done };
}

const FAILED: FileProblem = {
  line: null,
  column: null,
  field: null,
  rule: "import_failed",
  message: {
    de: "Der Import ist an einem Fehler des Servers gescheitert. Es wurde nichts übernommen; bitte versuchen Sie es später noch einmal.",
    en: "The import failed on an error of the server. Nothing was saved; please try again later.",
  },
};

function uniqueViolation(err: unknown): boolean {
  for (let e = err as { code?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) if (e.code === "23505") return true;
  return false;
}

/** Reads an import of the actor's administration: the progress of a running one, the outcome of a finished one. */
export async function getImport(db: Db, actor: Actor, id: string) {
  // A running import's progress is answered from memory after the owner is compared: on the
  // embedded database a query would wait for the import's own transaction.
  const live = running.get(id);
  if (live && live.regionId === actor.regionId && live.organizationId === actor.organizationId) {
    return {
      id,
      fileName: null,
      size: null,
      state: "running" as const,
      phase: live.phase,
      rowsTotal: live.rowsTotal,
      rowsDone: live.rowsDone,
      problems: [],
      createdAt: null,
      finishedAt: null,
    };
  }
  return presentImport(await getOwnImport(db, actor, id));
}

async function finish(db: Db, id: string, outcome: { state: "done" | "failed"; problems?: FileProblem[]; rows?: number }) {
  await db
    .update(submissionImports)
    .set({
      state: outcome.state,
      problems: outcome.problems ?? [],
      rowsTotal: outcome.rows ?? 0,
      rowsDone: outcome.state === "done" ? (outcome.rows ?? 0) : 0,
      finishedAt: new Date(),
    })
    .where(eq(submissionImports.id, id));
}

/** The columns of a file named by the writer's fields (a problem of the checks points there). */
const COLUMN_OF: Record<string, string> = {
  standardId: "Standard",
  period: "Zeitraum",
  value: "Wert",
  numerator: "Zähler",
  denominator: "Nenner",
  method: "Methode",
  confidence: "Verlässlichkeit",
  "reasons.jump": "Begründung",
  "reasons.median_distance": "Begründung",
};

const UNKNOWN_KEY = (key: string): Bilingual => ({
  de: `Einen Standard „${key}“ gibt es nicht. Nehmen Sie das Kürzel aus der Vorlage.`,
  en: `There is no standard "${key}". Take the key from the template.`,
});

async function runImport(db: Db, actor: Actor, id: string, file: { bytes: Uint8Array; fileName: string }, limits: ValueFileLimits) {
  const progress = running.get(id)!;
  const reading = await readValueFile(file.bytes, file.fileName, limits);
  if (reading.problems.length) return finish(db, id, { state: "failed", problems: reading.problems });
  progress.phase = "checking";
  progress.rowsTotal = reading.rows.length;
  const ids = await standardIdsByKey(db, actor.regionId);
  const problems: FileProblem[] = [];
  const items: SubmissionInput[] = [];
  for (const row of reading.rows) {
    const standardId = ids.get(row.standardKey);
    if (!standardId) {
      problems.push({
        line: row.line,
        column: "Standard",
        field: "standardKey",
        rule: "unknown_standard",
        message: UNKNOWN_KEY(row.standardKey),
      });
      continue;
    }
    const general = row.reasons?.["*"];
    items.push({
      standardId,
      period: row.period,
      value: row.value,
      numerator: row.numerator ?? null,
      denominator: row.denominator ?? null,
      method: row.method ?? "",
      confidence: row.confidence ?? "high",
      reasons: Object.fromEntries(
        WARNING_RULES.flatMap((rule) => ((row.reasons?.[rule] ?? general) ? [[rule, row.reasons?.[rule] ?? general]] : [])),
      ),
    });
  }
  if (problems.length) return finish(db, id, { state: "failed", problems, rows: reading.rows.length });
  const lines = reading.rows.map((r) => r.line);
  const outcome = await db.transaction(async (tx) => {
    const written = await writeSubmissions(tx, actor, items, {
      submit: false,
      source: "upload",
      importId: id,
      prefix: (i) => `${i}.`,
      onProgress: (n) => {
        progress.phase = "writing";
        progress.rowsDone = n;
      },
    });
    if ("problems" in written) return written;
    await tx
      .update(submissionImports)
      .set({ state: "done", rowsTotal: items.length, rowsDone: items.length, problems: [], finishedAt: new Date() })
      .where(eq(submissionImports.id, id));
    const periods = [...new Set(items.map((i) => i.period))].sort();
    await recordAudit(tx, actor, {
      action: "create",
      entity: "submission_import",
      entityId: id,
      visibility: "tenant",
      after: {
        fileName: file.fileName,
        values: items.length,
        periods: periods.length > 12 ? `${periods[0]} – ${periods.at(-1)}` : periods,
      },
    });
    return written;
  });
  if ("problems" in outcome) {
    return finish(db, id, { state: "failed", problems: outcome.problems.map((p) => fileProblemOf(p, lines)), rows: items.length });
  }
}

/** A problem of the checks (`3.value`) at its line and column of the file. */
function fileProblemOf(p: FieldProblem, lines: number[]): FileProblem {
  const dot = p.field.indexOf(".");
  const index = Number(p.field.slice(0, dot));
  const field = p.field.slice(dot + 1);
  return { line: lines[index] ?? null, column: COLUMN_OF[field] ?? null, field, rule: p.rule, message: p.message };
}
