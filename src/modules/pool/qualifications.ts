import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { AppError } from "../../kernel/problems";
import { recordAudit } from "../audit";
import type { Actor } from "../../kernel/actor";
import { qualifications, QUALIFICATION_CATEGORIES, type QualificationCategory } from "./pool.tables";

/** The region's qualification catalogue, by category (in catalogue order) and name (German order). */
export async function listQualifications(db: Db, actor: Actor) {
  const rows = await db.select().from(qualifications).where(eq(qualifications.regionId, actor.regionId));
  const collator = new Intl.Collator("de");
  return rows
    .map((q) => ({ id: q.id, key: q.key, name: q.name, category: q.category }))
    .sort(
      (a, b) =>
        QUALIFICATION_CATEGORIES.indexOf(a.category) - QUALIFICATION_CATEGORIES.indexOf(b.category) || collator.compare(a.name, b.name),
    );
}

/** The coordination office adds a qualification to the region's catalogue. */
export async function createQualification(db: Db, actor: Actor, input: { key: string; name: string; category: QualificationCategory }) {
  return db.transaction(async (tx) => {
    const [taken] = await tx
      .select({ id: qualifications.id })
      .from(qualifications)
      .where(and(eq(qualifications.regionId, actor.regionId), eq(qualifications.key, input.key)));
    if (taken) {
      throw new AppError("conflict", {
        fields: [
          {
            field: "key",
            in: "body",
            rule: "unique",
            message: { de: "Diesen Schlüssel gibt es bereits.", en: "This key exists already." },
          },
        ],
      });
    }
    const [row] = await tx
      .insert(qualifications)
      .values({ ...input, regionId: actor.regionId })
      .returning();
    await recordAudit(tx, actor, { action: "create", entity: "qualification", entityId: row.id, visibility: "region", after: input });
    return { id: row.id, key: row.key, name: row.name, category: row.category };
  });
}
