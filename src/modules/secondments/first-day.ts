import type { Db } from "../../db/client";
import { eq } from "drizzle-orm";
import { AppError } from "../../kernel/problems";
import type { Actor } from "../../kernel/actor";
import { recordAudit } from "../audit";
import { secondments } from "./secondments.tables";
import { workflowRoles } from "./who-acts";
import { present } from "./present";
import { firstDayRefusal } from "./secondment-rules";
import { getVisibleSecondmentForUpdate } from "./secondment-scope";

// The first day as the receiving side tells the seconded person: when and where to report, and
// what to bring or know.

/**
 * Sets the first day's time, place and note. Only the receiving HR office, from the person's
 * acceptance to the end of the deployment (`abilities.editFirstDay` says the same).
 */
export async function updateFirstDay(
  db: Db,
  actor: Actor,
  id: string,
  input: { time: string | null; place: string | null; note: string | null },
) {
  return db.transaction(async (tx) => {
    const { s, m } = await getVisibleSecondmentForUpdate(tx, actor, id);
    const { roles } = await workflowRoles(tx, actor, s, m);
    const refusal = firstDayRefusal(roles, s.state);
    if (refusal === "not_receiving_hr") {
      throw new AppError("forbidden", {
        message: {
          de: "Den ersten Arbeitstag legt das Personalamt der aufnehmenden Verwaltung fest.",
          en: "The receiving administration's HR office sets the first day.",
        },
      });
    }
    if (refusal === "not_now") {
      throw new AppError("conflict", {
        message: {
          de: "Den ersten Arbeitstag legen Sie nach der Zustimmung der Person und bis zum Ende des Einsatzes fest.",
          en: "The first day is set after the person's acceptance and until the end of the deployment.",
        },
      });
    }
    const patch = { firstDayTime: input.time || null, firstDayPlace: input.place || null, firstDayNote: input.note || null };
    const [after] = await tx
      .update(secondments)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(secondments.id, s.id))
      .returning();
    await recordAudit(tx, actor, {
      action: "update",
      entity: "secondment_first_day",
      entityId: s.id,
      regionId: s.regionId,
      organizationId: s.borrowerOrganizationId,
      visibility: "party",
      before: { time: s.firstDayTime, place: s.firstDayPlace, note: s.firstDayNote },
      after: { time: patch.firstDayTime, place: patch.firstDayPlace, note: patch.firstDayNote },
    });
    return present(tx, actor, after, m, true);
  });
}
