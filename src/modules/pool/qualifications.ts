import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { afterCursor, cursorColumn, germanSortKey, orderBy, pageOf, type PageRequest, type SortKey } from "../../kernel/paging";
import { AppError } from "../../kernel/problems";
import { recordAudit } from "../audit";
import type { Actor } from "../../kernel/actor";
import { qualifications, QUALIFICATION_CATEGORIES, type QualificationCategory } from "./pool.tables";

/** The catalogue's order: by category (in catalogue order), then name (German order), then id. */
const CATALOGUE_ORDER: SortKey[] = [
  {
    sql: sql`(case ${qualifications.category} ${sql.join(
      QUALIFICATION_CATEGORIES.map((c, i) => sql`when ${c} then ${sql.raw(String(i))}`),
      sql` `,
    )} else ${sql.raw(String(QUALIFICATION_CATEGORIES.length))} end)`,
    type: "integer",
  },
  { sql: germanSortKey(qualifications.name), type: "text" },
  { sql: qualifications.id, type: "uuid" },
];

/** The region's qualification catalogue, by category (in catalogue order) and name (German order), a page at a time. */
export async function listQualifications(db: Db, actor: Actor, page: PageRequest) {
  const rows = await db
    .select({ q: qualifications, cursor: cursorColumn(CATALOGUE_ORDER) })
    .from(qualifications)
    .where(and(eq(qualifications.regionId, actor.regionId), afterCursor(CATALOGUE_ORDER, page.cursor)))
    .orderBy(...orderBy(CATALOGUE_ORDER))
    .limit(page.limit + 1);
  const { rows: shown, nextCursor } = pageOf(rows, page.limit);
  return { items: shown.map(({ q }) => ({ id: q.id, key: q.key, name: q.name, category: q.category })), nextCursor };
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
