import { and, eq } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import type { FieldProblem } from "../../kernel/problems";
import { departments } from "./organizations.tables";

/**
 * The field problem for a `departmentId` that is not a department of the given administration
 * (another administration's department is as unknown as a made-up one); undefined when it is fine.
 */
export async function departmentProblem(
  db: Db | Tx,
  organizationId: string,
  departmentId: string | null | undefined,
): Promise<FieldProblem | undefined> {
  if (!departmentId) return undefined;
  const [dep] = await db
    .select({ id: departments.id })
    .from(departments)
    .where(and(eq(departments.id, departmentId), eq(departments.organizationId, organizationId)));
  if (dep) return undefined;
  return {
    field: "departmentId",
    in: "body",
    rule: "unknown_department",
    message: { de: "Diesen Fachbereich gibt es in Ihrer Verwaltung nicht.", en: "Your administration has no such department." },
  };
}
