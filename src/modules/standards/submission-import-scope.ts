import { and, eq, lt } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { AppError } from "../../kernel/problems";
import { submissionImports } from "./standards.tables";
import type { ReportingAdministration } from "./submission-scope";

// What may be read of the imports of value files — the one place that says so
// (test/scope.test.ts keeps every other file from reading `submission_imports`).
//
// An import is tenant data of the administration that uploaded it: its reporters (and whoever
// reports for it) follow its progress and read its problems; another administration's import
// answers like a missing one. `unscoped…` serves the start of the server.

export type SubmissionImportRow = typeof submissionImports.$inferSelect;

/** The administration's own import; another's (or none) is 404. */
export async function getOwnImport(db: Db | Tx, actor: ReportingAdministration, id: string): Promise<SubmissionImportRow> {
  const [row] = await db
    .select()
    .from(submissionImports)
    .where(
      and(
        eq(submissionImports.id, id),
        eq(submissionImports.regionId, actor.regionId),
        eq(submissionImports.organizationId, actor.organizationId),
      ),
    );
  if (!row) throw new AppError("not_found");
  return row;
}

/**
 * Imports a server left `running` when it stopped (killed, crashed) before `startedBefore`: their
 * transaction never committed, so nothing of them was written. They are marked failed with a
 * problem that says so; the ids come back.
 */
export async function unscopedFailAbandonedImports(db: Db, startedBefore: Date, problem: unknown): Promise<string[]> {
  const rows = await db
    .update(submissionImports)
    .set({ state: "failed", problems: [problem], rowsDone: 0, finishedAt: new Date() })
    .where(and(eq(submissionImports.state, "running"), lt(submissionImports.createdAt, startedBefore)))
    .returning({ id: submissionImports.id });
  return rows.map((r) => r.id);
}
