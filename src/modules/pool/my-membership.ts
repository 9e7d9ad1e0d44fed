import { and, desc, eq, isNull, ne, or, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "../../db/client";
import { afterCursor, cursorColumn, orderBy, pageOf, type PageRequest, type SortKey } from "../../kernel/paging";
import { AppError } from "../../kernel/problems";
import { auditEvents } from "../audit";
import { recordAudit } from "../audit";
import type { Actor } from "../../kernel/actor";
import { findOwnAccount, getMe } from "../identity";
import { CONSENT_TEXT, CONSENT_VERSION } from "./consent";
import { checkConsentVersion, checkReferences, columns, presentMembers, snapshot, writeDetails, type MemberFields } from "./pool-members";
import type { JoinPoolBody } from "./pool.schemas";
import { poolMembers } from "./pool.tables";
import { findOwnPoolMember as myRow } from "./pool-member-scope";

/** The actor's own pool entry (active or left), with the consent text to agree to. */
export async function getMyMembership(db: Db, actor: Actor) {
  const row = await myRow(db, actor);
  return {
    consent: { version: CONSENT_VERSION, text: CONSENT_TEXT },
    member: row ? (await presentMembers(db, [row]))[0] : null,
    /** Only the person sees this choice; the HR office sees that a hearing is due, not why. */
    recordsSevereDisability: row?.recordsSevereDisability ?? false,
  };
}

/**
 * Joins the pool by consent (opt-in): the consent text version and time are recorded. A person
 * who left can join again. Qualifications entered by the person count once the home
 * administration's HR office has confirmed them.
 */
export async function joinPool(db: Db, actor: Actor, input: z.infer<typeof JoinPoolBody>) {
  checkConsentVersion(input.consentVersion);
  const account = await findOwnAccount(db, actor);
  if (!account) throw new AppError("not_found");
  return db.transaction(async (tx) => {
    await checkReferences(tx, actor.organizationId, actor.regionId, input);
    const existing = await myRow(tx, actor, { forUpdate: true });
    if (existing && existing.leftAt === null) {
      throw new AppError("conflict", {
        message: { de: "Sie sind bereits im Unterstützungspool.", en: "You are in the support pool already." },
      });
    }
    const values = {
      ...columns(input),
      name: input.name ?? account.displayName,
      workEmail: (input.workEmail ?? account.login).toLowerCase(),
      jobTitle: input.jobTitle,
      employmentStatus: input.employmentStatus,
      payGroup: input.payGroup,
      departmentId: input.departmentId === undefined ? account.departmentId : input.departmentId,
      consentVersion: input.consentVersion,
      recordsSevereDisability: input.recordsSevereDisability ?? false,
      consentedAt: new Date(),
      leftAt: null,
      updatedAt: new Date(),
    };
    const [row] = existing
      ? await tx.update(poolMembers).set(values).where(eq(poolMembers.id, existing.id)).returning()
      : await tx
          .insert(poolMembers)
          .values({ ...values, accountId: actor.accountId, regionId: actor.regionId, organizationId: actor.organizationId })
          .returning();
    await writeDetails(tx, row, input, null);
    await recordAudit(tx, actor, {
      action: existing ? "update" : "create",
      entity: "pool_member",
      entityId: row.id,
      visibility: "tenant",
      after: { ...snapshot(row), consentVersion: row.consentVersion },
    });
    return (await presentMembers(tx, [row]))[0];
  });
}

/** The person changes their own entry (availability, contact, qualifications to be confirmed …). */
export async function updateMyMembership(db: Db, actor: Actor, input: MemberFields & { recordsSevereDisability?: boolean }) {
  return db.transaction(async (tx) => {
    const row = await myRow(tx, actor, { forUpdate: true });
    if (!row || row.leftAt) throw new AppError("not_found");
    await checkReferences(tx, actor.organizationId, actor.regionId, input);
    const [after] = await tx
      .update(poolMembers)
      .set({
        ...columns(input),
        ...(input.recordsSevereDisability === undefined ? {} : { recordsSevereDisability: input.recordsSevereDisability }),
        updatedAt: new Date(),
      })
      .where(eq(poolMembers.id, row.id))
      .returning();
    await writeDetails(tx, after, input, null);
    await recordAudit(tx, actor, {
      action: "update",
      entity: "pool_member",
      entityId: row.id,
      visibility: "tenant",
      before: snapshot(row),
      after: snapshot(after),
    });
    return (await presentMembers(tx, [after]))[0];
  });
}

/** Leaving withdraws the consent: from now on the person is matched nowhere. */
export async function leavePool(db: Db, actor: Actor) {
  await db.transaction(async (tx) => {
    const row = await myRow(tx, actor, { forUpdate: true });
    if (!row || row.leftAt) throw new AppError("not_found");
    const [after] = await tx
      .update(poolMembers)
      .set({ leftAt: new Date(), updatedAt: new Date() })
      .where(eq(poolMembers.id, row.id))
      .returning();
    await recordAudit(tx, actor, {
      action: "update",
      entity: "pool_member",
      entityId: row.id,
      visibility: "tenant",
      before: snapshot(row),
      after: snapshot(after),
    });
  });
}

/** Newest first (the audit id grows with every entry). */
const READ_ORDER: SortKey[] = [{ sql: auditEvents.id, type: "integer", desc: true }];

/** Who read the person's pool data, and when — everyone but the person, newest first, a page at a time. */
export async function listMyDataReaders(db: Db, actor: Actor, page: PageRequest) {
  const row = await myRow(db, actor);
  if (!row) return { items: [], nextCursor: null };
  const reads = await db
    .select({ at: auditEvents.at, actorLogin: auditEvents.actorLogin, cursor: cursorColumn(READ_ORDER) })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.entity, "pool_member"),
        sql`${auditEvents.subjectIds} @> array[${row.id}]::uuid[]`,
        eq(auditEvents.action, "read"),
        or(isNull(auditEvents.actorAccountId), ne(auditEvents.actorAccountId, actor.accountId)),
        afterCursor(READ_ORDER, page.cursor),
      ),
    )
    .orderBy(...orderBy(READ_ORDER))
    .limit(page.limit + 1);
  const { rows, nextCursor } = pageOf(reads, page.limit);
  return { items: rows.map((r) => ({ at: r.at.toISOString(), reader: r.actorLogin ?? "–" })), nextCursor };
}

/** Everything Verbund keeps about the person (Art. 15 and 20 GDPR), as one JSON document. */
export async function exportMyData(db: Db, actor: Actor) {
  return {
    exportedAt: new Date().toISOString(),
    account: await getMe(db, actor),
    poolMembership: (await getMyMembership(db, actor)).member,
    // The latest 500 reads, as before paging (the list pages through all of them).
    readsOfMyPoolData: (await listMyDataReaders(db, actor, { limit: 500 })).items,
    auditOfMyActions: (
      await db
        .select({ at: auditEvents.at, action: auditEvents.action, entity: auditEvents.entity })
        .from(auditEvents)
        .where(eq(auditEvents.actorAccountId, actor.accountId))
        .orderBy(desc(auditEvents.id))
        .limit(1000)
    ).map((e) => ({ ...e, at: e.at.toISOString() })),
  };
}
