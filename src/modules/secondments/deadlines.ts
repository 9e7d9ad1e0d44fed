import { and, eq, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { decide, type Action, type WorkflowRole } from "../../domain/secondment/workflow";
import { secondments } from "./secondments.tables";
import { today, loadFacts } from "./facts";
import { lockSecondment } from "./secondment-scope";
import { applyStep } from "./step";

// Verbund's own steps: deemed consent after the staff council's deadline, completion after the period.

/**
 * Verbund's own steps: deemed consent of the staff council once its deadline has passed, and
 * completion of active secondments whose period has ended. Run by the server's scheduler.
 */
export async function runSecondmentDeadlines(db: Db, baseUrl: string, day = today()) {
  let changed = 0;
  const due = await db
    .select({ id: secondments.id })
    .from(secondments)
    .where(
      or(
        and(eq(secondments.state, "staff_council"), sql`${secondments.councilDeadline} < ${day}`),
        and(eq(secondments.state, "active"), sql`${secondments.endsOn} < ${day}`),
      ),
    );
  for (const { id: dueId } of due) {
    await db.transaction(async (tx) => {
      // Another run of the job or a person's step may have moved it meanwhile: decide on it as it is now.
      const { s, m } = await lockSecondment(tx, dueId);
      const isDue =
        (s.state === "staff_council" && !!s.councilDeadline && s.councilDeadline < day) || (s.state === "active" && s.endsOn < day);
      if (!isDue) return;
      const facts = { ...(await loadFacts(tx, s, m)), councilDeadlinePassed: true };
      const action: Action = s.state === "staff_council" ? "council_deemed" : "complete";
      const decision = decide(s.state, action, new Set<WorkflowRole>(["system"]), facts);
      if (!decision.ok) return;
      await applyStep(
        tx,
        s,
        m,
        {
          action,
          to: decision.to,
          actor: null,
          facts,
          reason: action === "council_deemed" ? "Frist des Personalrats ohne Entscheidung abgelaufen (Zustimmung gilt als erteilt)" : null,
        },
        baseUrl,
      );
      changed++;
    });
  }
  return changed;
}
