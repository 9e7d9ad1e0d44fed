import type { Db } from "../../db/client";
import { lockFor } from "../../db/locks";
import { BLOCKING_STATES, decide, type Action } from "../../domain/secondment/workflow";
import { AppError } from "../../kernel/problems";
import type { Actor } from "../../kernel/actor";
import { loadFacts } from "./facts";
import { workflowRoles } from "./who-acts";
import { assertNoOverlap, assertWithinCaps } from "./guards";
import { present } from "./present";
import { applyStep } from "./step";
import { unscopedOverlappingProposals } from "./secondment-scope";
import { getVisibleSecondmentForUpdate } from "./secondment-scope";

// A workflow step taken by an actor.

/** Performs a workflow step on a secondment the actor can see. */
export async function transitionSecondment(
  db: Db,
  actor: Actor,
  id: string,
  input: { action: Action; reason?: string | null },
  baseUrl: string,
) {
  return db.transaction(async (tx) => {
    const { s, m } = await getVisibleSecondmentForUpdate(tx, actor, id);
    const { roles, onBehalfOf, councilExcluded } = await workflowRoles(tx, actor, s, m);
    if (councilExcluded && (input.action === "council_consent" || input.action === "council_refuse")) {
      throw new AppError("forbidden", {
        fields: [
          {
            field: "action",
            in: "body",
            rule: "council_independence",
            message: {
              de: "Sie haben in diesem Verfahren für den Arbeitgeber gehandelt oder sind selbst betroffen. Der Personalrat entscheidet ohne Sie.",
              en: "You acted for the employer in this case or are concerned yourself. The staff council decides without you.",
            },
          },
        ],
      });
    }
    const facts = await loadFacts(tx, s, m);
    const decision = decide(s.state, input.action, roles, facts, input.reason);
    if (!decision.ok) {
      const { code, de, en } = decision.refusal;
      throw new AppError(code === "not_your_step" ? "forbidden" : "conflict", {
        // A missing reason is the reason field's error (the dialog shows it there); every other refusal is the step's.
        fields: [{ field: code === "reason_required" ? "reason" : "action", in: "body", rule: code, message: { de, en } }],
      });
    }
    if (BLOCKING_STATES.has(decision.to) && !BLOCKING_STATES.has(s.state)) {
      await assertNoOverlap(tx, m.id, s, s.id);
      // Counting who is lent is serialised per lending administration: two releases never both
      // count the people lent before the other's release.
      await lockFor(tx, "lending", s.organizationId);
      await assertWithinCaps(tx, s, m);
    }
    const role = [...roles].find((r) => decide(s.state, input.action, new Set([r]), facts, input.reason).ok);
    // Where a department has no head in Verbund the HR office releases: the history names the HR office.
    const actingAs = role === "lender_department_head" && roles.has("lender_org_admin") ? "lender_org_admin" : role;
    const after = await applyStep(
      tx,
      s,
      m,
      {
        action: input.action,
        to: decision.to,
        actor,
        actingAs,
        onBehalfOf: role ? onBehalfOf.get(role) : undefined,
        reason: input.reason,
        facts,
      },
      baseUrl,
    );
    if (input.action === "accept") {
      // Accepting one secondment withdraws the person's other pending proposals that overlap it.
      const others = await unscopedOverlappingProposals(tx, s);
      for (const other of others) {
        const otherFacts = await loadFacts(tx, other, m);
        await applyStep(
          tx,
          other,
          m,
          { action: "withdraw", to: "withdrawn", actor: null, reason: "Andere Abordnung im selben Zeitraum angenommen", facts: otherFacts },
          baseUrl,
        );
      }
    }
    return present(tx, actor, after, m, true);
  });
}
