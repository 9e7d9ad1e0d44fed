import type { Db } from "../../db/client";
import { decide, type Action, type WorkflowRole } from "../../domain/secondment/workflow";
import { today } from "../../kernel/dates";
import { loadFacts } from "./facts";
import { applyStep } from "./step";
import { unscopedDueSecondmentIds, unscopedLockSecondment } from "./secondment-scope";

// Verbund's own steps: deemed consent after the staff council's deadline, completion after the period.

/**
 * Verbund's own steps: deemed consent of the staff council once its deadline has passed, and
 * completion of active secondments whose period has ended. Run by the server's scheduler.
 */
export async function runSecondmentDeadlines(db: Db, baseUrl: string, day = today()) {
  let changed = 0;
  const due = await unscopedDueSecondmentIds(db, day);
  for (const dueId of due) {
    await db.transaction(async (tx) => {
      // Another run of the job or a person's step may have moved it meanwhile: decide on it as it is now.
      const { s, m } = await unscopedLockSecondment(tx, dueId);
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
