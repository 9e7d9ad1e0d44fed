import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { AppError } from "../../kernel/problems";
import { recordAudit } from "../audit";
import type { Actor } from "../../kernel/actor";
import { onboardingItems, type OnboardingKey } from "./secondments.tables";
import { workflowRoles } from "./who-acts";
import { present } from "./present";
import { AGREED_OR_RUNNING } from "./secondment-rules";
import { getVisibleSecondmentForUpdate } from "./secondment-scope";

// Onboarding: the checklist of both sides from agreement to start.

/** Marks onboarding items done (or not needed) — each side its own items. */
export async function updateOnboarding(
  db: Db,
  actor: Actor,
  id: string,
  items: Array<{ key: OnboardingKey; status: "open" | "done" | "not_needed"; dueOn?: string | null }>,
) {
  return db.transaction(async (tx) => {
    const { s, m } = await getVisibleSecondmentForUpdate(tx, actor, id);
    if (!AGREED_OR_RUNNING.includes(s.state)) {
      throw new AppError("conflict", {
        message: { de: "Die Einarbeitung beginnt mit der Vereinbarung.", en: "Onboarding starts with the agreement." },
      });
    }
    const { roles } = await workflowRoles(tx, actor, s, m);
    const existing = await tx.select().from(onboardingItems).where(eq(onboardingItems.secondmentId, s.id));
    for (const change of items) {
      const item = existing.find((i) => i.key === change.key);
      if (!item) throw new AppError("not_found");
      const mayEdit = item.side === "borrower" ? roles.has("borrower_org_admin") : roles.has("lender_org_admin");
      if (!mayEdit) {
        throw new AppError("forbidden", {
          fields: [
            {
              field: `items.${change.key}`,
              in: "body",
              rule: "other_side",
              message: {
                de: "Diesen Punkt erledigt die andere Verwaltung.",
                en: "The other administration is responsible for this item.",
              },
            },
          ],
        });
      }
      if (change.status === "not_needed" && item.isRequired) {
        throw new AppError("validation", {
          fields: [
            {
              field: `items.${change.key}`,
              in: "body",
              rule: "required_item",
              message: {
                de: "Ein erforderlicher Punkt lässt sich nicht als entbehrlich markieren.",
                en: "A required item cannot be marked not needed.",
              },
            },
          ],
        });
      }
      await tx
        .update(onboardingItems)
        .set({
          status: change.status,
          doneAt: change.status === "done" ? new Date() : null,
          ...(change.dueOn !== undefined ? { dueOn: change.dueOn } : {}),
        })
        .where(and(eq(onboardingItems.secondmentId, s.id), eq(onboardingItems.key, change.key)));
    }
    await recordAudit(tx, actor, {
      action: "update",
      entity: "secondment_onboarding",
      entityId: s.id,
      organizationId: s.organizationId,
      visibility: "party",
      after: { items: items.map((i) => `${i.key}:${i.status}`) },
    });
    return present(tx, actor, s, m, true);
  });
}
