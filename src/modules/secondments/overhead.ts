import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { Actor } from "../../kernel/actor";
import { AppError } from "../../kernel/problems";
import { recordAudit } from "../audit";
import { OVERHEAD_OPEN_STATES } from "./framework-overhead";
import { present } from "./present";
import { getVisibleSecondmentForUpdate } from "./secondment-scope";
import { secondments } from "./secondments.tables";
import { workflowRoles } from "./who-acts";

// The overhead surcharge of the single agreement (Abordnungsvereinbarung): the lending HR office
// states it with the agreement's terms, the borrowing HR office sees it before it confirms the
// agreement; once confirmed it is fixed.

/** What the lender's HR office sets: a kind, and for `agreed` the percentage (0–100, two decimals). */
export type OverheadInput = { kind: "office" | "other" | "none" } | { kind: "agreed"; percent: number };

/**
 * Sets the overhead of a secondment's agreement. Only the lending HR office, and only until the
 * borrower confirms the agreement (`abilities.editOverhead` says the same). The state is read under
 * the row lock, so a change and the confirmation never both succeed on an older state.
 */
export async function updateOverhead(db: Db, actor: Actor, id: string, input: OverheadInput) {
  return db.transaction(async (tx) => {
    const { s, m } = await getVisibleSecondmentForUpdate(tx, actor, id);
    const { roles } = await workflowRoles(tx, actor, s, m);
    if (!roles.has("lender_org_admin")) {
      throw new AppError("forbidden", {
        message: {
          de: "Den Verwaltungskostenzuschlag der Vereinbarung trägt das Personalamt der abgebenden Verwaltung ein.",
          en: "The lending administration's HR office enters the agreement's overhead surcharge.",
        },
      });
    }
    if (!(OVERHEAD_OPEN_STATES as readonly string[]).includes(s.state)) {
      throw new AppError("conflict", {
        message: {
          de: "Die Vereinbarung ist abgeschlossen: Der Verwaltungskostenzuschlag lässt sich nicht mehr ändern.",
          en: "The agreement has been concluded: its overhead surcharge can no longer be changed.",
        },
      });
    }
    const patch =
      input.kind === "agreed"
        ? { overhead: input.kind, overheadBasisPoints: Math.round(input.percent * 100) }
        : { overhead: input.kind, overheadBasisPoints: null };
    const [after] = await tx
      .update(secondments)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(secondments.id, s.id))
      .returning();
    await recordAudit(tx, actor, {
      action: "update",
      entity: "secondment_overhead",
      entityId: s.id,
      regionId: s.regionId,
      organizationId: s.organizationId,
      visibility: "party",
      before: { overhead: s.overhead, overheadPercent: s.overheadBasisPoints === null ? null : s.overheadBasisPoints / 100 },
      after: { overhead: patch.overhead, overheadPercent: patch.overheadBasisPoints === null ? null : patch.overheadBasisPoints / 100 },
    });
    return present(tx, actor, after, m, true);
  });
}
