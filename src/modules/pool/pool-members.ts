import { departmentProblem } from "../organizations";
import { and, eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import type { Db, Tx } from "../../db/client";
import type { PageRequest } from "../../kernel/paging";
import { today } from "../../kernel/dates";
import { AppError, type FieldProblem } from "../../kernel/problems";
import { auditEvents } from "../audit";
import { recordAudit } from "../audit";
import type { Actor } from "../../kernel/actor";
import { departments } from "../organizations";
import { CONSENT_VERSION } from "./consent";
import type { CreatePoolMemberBody, PoolMemberFields } from "./pool.schemas";
import { availabilityWindows, poolMemberQualifications, poolMembers, qualifications } from "./pool.tables";
import {
  getVisiblePoolMember,
  getVisiblePoolMemberForUpdate,
  listVisiblePoolMembers,
  unscopedAvailabilityOf,
  unscopedQualificationsOf,
  type PoolMemberRow as MemberRow,
} from "./pool-member-scope";

export type MemberFields = Partial<z.infer<typeof PoolMemberFields>>;

// Tenancy: every read goes through pool-member-scope.ts (the HR office sees its administration's
// members, a person their own entry); a member of another administration is never loaded.
// Guarded by pool.test.ts, test/tenant-isolation.test.ts and test/scope.test.ts.

/** Presents members with their qualifications and availability (one query each, not per member). */
export async function presentMembers(db: Db | Tx, rows: MemberRow[]) {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const held = await unscopedQualificationsOf(db, ids);
  const windows = await unscopedAvailabilityOf(db, ids);
  const deps = await db
    .select({ id: departments.id, name: departments.name })
    .from(departments)
    .where(inArray(departments.organizationId, [...new Set(rows.map((r) => r.organizationId))]));
  const depName = new Map(deps.map((d) => [d.id, d.name]));
  const now = today();
  const collator = new Intl.Collator("de");
  return rows.map((m) => ({
    id: m.id,
    name: m.name,
    workEmail: m.workEmail,
    phone: m.phone,
    jobTitle: m.jobTitle,
    employmentStatus: m.employmentStatus,
    payGroup: m.payGroup,
    department: m.departmentId ? { id: m.departmentId, name: depName.get(m.departmentId) ?? "" } : null,
    languages: m.languages,
    travelRadiusKm: m.travelRadiusKm,
    canWorkRemotely: m.canWorkRemotely,
    notes: m.notes,
    consentVersion: m.consentVersion,
    consentedAt: m.consentedAt.toISOString(),
    isActive: m.leftAt === null,
    hasAccount: m.accountId !== null,
    qualifications: held
      .filter((h) => h.link.memberId === m.id)
      .map((h) => ({
        qualificationId: h.q.id,
        name: h.q.name,
        category: h.q.category,
        validUntil: h.link.validUntil,
        isConfirmed: h.link.confirmedAt !== null,
        counts: h.link.confirmedAt !== null && (h.link.validUntil === null || h.link.validUntil >= now),
      }))
      .sort((a, b) => collator.compare(a.name, b.name)),
    availability: windows
      .filter((w) => w.memberId === m.id)
      .map((w) => ({ id: w.id, startsOn: w.startsOn, endsOn: w.endsOn, hoursPerWeek: w.hoursPerWeek }))
      .sort((a, b) => a.startsOn.localeCompare(b.startsOn)),
  }));
}

/** A person whose pool data a read showed: the entry's owner is the person's administration. */
export type ReadPerson = Pick<MemberRow, "id" | "accountId" | "organizationId" | "regionId">;

/**
 * Records that the actor read these members' personal data (the members can see who and when): one
 * entry per administration the read showed, naming every member in `subject_ids` — a page of 50 is
 * one row, not 50. `about` says what of theirs was read when it was not the entry itself (a receipt).
 * The person's own reads are not recorded.
 */
export async function recordPersonalDataReads(db: Db, actor: Actor, members: ReadPerson[], about?: Record<string, string>) {
  const readByOthers = members.filter((m) => m.accountId !== actor.accountId);
  if (readByOthers.length === 0) return;
  const byOrganization = new Map<string, ReadPerson[]>();
  for (const m of readByOthers) byOrganization.set(m.organizationId, [...(byOrganization.get(m.organizationId) ?? []), m]);
  await db.insert(auditEvents).values(
    [...byOrganization.values()].map((read) => ({
      action: "read",
      entity: "pool_member",
      // A single member keeps the id where every other entry has it (and its title).
      entityId: read.length === 1 ? read[0].id : null,
      subjectIds: read.map((m) => m.id),
      after: read.length === 1 ? (about ?? null) : { count: read.length, ...about },
      regionId: read[0].regionId,
      organizationId: read[0].organizationId,
      actorAccountId: actor.accountId,
      actorOrganizationId: actor.organizationId,
      actorLogin: actor.login,
      visibility: "tenant" as const,
    })),
  );
}

async function checkReferences(tx: Db | Tx, organizationId: string, regionId: string, input: MemberFields) {
  const fields: FieldProblem[] = [];
  const department = await departmentProblem(tx, organizationId, input.departmentId);
  if (department) fields.push(department);
  const wanted = [...new Set((input.qualifications ?? []).map((q) => q.qualificationId))];
  if (wanted.length) {
    const known = await tx
      .select({ id: qualifications.id })
      .from(qualifications)
      .where(and(inArray(qualifications.id, wanted), eq(qualifications.regionId, regionId)));
    if (known.length !== wanted.length) {
      fields.push({
        field: "qualifications",
        in: "body",
        rule: "unknown_qualification",
        message: { de: "Eine Qualifikation steht nicht im Katalog der Region.", en: "A qualification is not in the region's catalogue." },
      });
    }
  }
  if (fields.length) throw new AppError("validation", { fields });
}

/**
 * Replaces qualifications and availability of a member. Qualifications confirmed before stay
 * confirmed; `confirm` (the home administration's HR office) confirms all given ones.
 */
async function writeDetails(tx: Db | Tx, member: MemberRow, input: MemberFields, confirmBy: string | null) {
  if (input.qualifications) {
    const before = await unscopedQualificationsOf(tx, [member.id]);
    const confirmed = new Map(before.map(({ link }) => [link.qualificationId, link]));
    await tx.delete(poolMemberQualifications).where(eq(poolMemberQualifications.memberId, member.id));
    const unique = [...new Map(input.qualifications.map((q) => [q.qualificationId, q])).values()];
    if (unique.length) {
      await tx.insert(poolMemberQualifications).values(
        unique.map((q) => {
          const prior = confirmed.get(q.qualificationId);
          const sameValidity = prior && (prior.validUntil ?? null) === (q.validUntil ?? null);
          return {
            memberId: member.id,
            qualificationId: q.qualificationId,
            regionId: member.regionId,
            organizationId: member.organizationId,
            validUntil: q.validUntil ?? null,
            confirmedAt: confirmBy ? new Date() : sameValidity ? prior.confirmedAt : null,
            confirmedBy: confirmBy ?? (sameValidity ? prior.confirmedBy : null),
          };
        }),
      );
    }
  }
  if (input.availability) {
    await tx.delete(availabilityWindows).where(eq(availabilityWindows.memberId, member.id));
    if (input.availability.length) {
      await tx
        .insert(availabilityWindows)
        .values(
          input.availability.map((w) => ({ ...w, memberId: member.id, regionId: member.regionId, organizationId: member.organizationId })),
        );
    }
  }
}

/** The member's own columns from an input (without qualifications and availability, without undefined). */
function columns(input: MemberFields): Partial<typeof poolMembers.$inferInsert> {
  const { qualifications: _q, availability: _a, ...rest } = input;
  return Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) as Partial<typeof poolMembers.$inferInsert>;
}

function snapshot(m: MemberRow) {
  return { name: m.name, departmentId: m.departmentId, payGroup: m.payGroup, jobTitle: m.jobTitle, leftAt: m.leftAt };
}

/** The pool members of the actor's administration (HR office), A–Z, a page at a time; the read of each is audited. */
/**
 * Something to do again each time the same answer is given without reading the members anew (the
 * read cache, server/read-cache.ts): the audit of the read.
 */
export type RepeatRead = (again: () => Promise<void>) => void;

export async function listPoolMembers(db: Db, actor: Actor, options: PageRequest & { includeFormer?: boolean }, repeat?: RepeatRead) {
  const { rows: members, nextCursor } = await listVisiblePoolMembers(db, actor, options);
  await recordPersonalDataReads(db, actor, members);
  repeat?.(() => recordPersonalDataReads(db, actor, members));
  return { items: await presentMembers(db, members), nextCursor };
}

/** One pool member of the actor's administration; 404 for any other. The read is audited. */
export async function getPoolMember(db: Db, actor: Actor, id: string, repeat?: RepeatRead) {
  const row = await getVisiblePoolMember(db, actor, id);
  await recordPersonalDataReads(db, actor, [row]);
  repeat?.(() => recordPersonalDataReads(db, actor, [row]));
  return (await presentMembers(db, [row]))[0];
}

function checkConsentVersion(version: string) {
  if (version !== CONSENT_VERSION) {
    throw new AppError("validation", {
      fields: [
        {
          field: "consentVersion",
          in: "body",
          rule: "outdated",
          message: {
            de: `Es gilt die Einwilligung in der Fassung ${CONSENT_VERSION}.`,
            en: `The consent text of version ${CONSENT_VERSION} applies.`,
          },
        },
      ],
    });
  }
}

/** The HR office registers a member whose written consent it holds; their qualifications count as confirmed. */
export async function createPoolMember(db: Db, actor: Actor, input: z.infer<typeof CreatePoolMemberBody>) {
  checkConsentVersion(input.consentVersion);
  return db.transaction(async (tx) => {
    await checkReferences(tx, actor.organizationId, actor.regionId, input);
    const [row] = await tx
      .insert(poolMembers)
      .values({
        ...columns(input),
        name: input.name,
        jobTitle: input.jobTitle,
        employmentStatus: input.employmentStatus,
        payGroup: input.payGroup,
        workEmail: input.workEmail.toLowerCase(),
        regionId: actor.regionId,
        organizationId: actor.organizationId,
        consentVersion: input.consentVersion,
        consentedAt: new Date(),
      })
      .returning();
    await writeDetails(tx, row, input, actor.accountId);
    await recordAudit(tx, actor, { action: "create", entity: "pool_member", entityId: row.id, visibility: "tenant", after: snapshot(row) });
    return (await presentMembers(tx, [row]))[0];
  });
}

/** The HR office changes a member of its administration; given qualifications become confirmed. */
export async function updatePoolMember(db: Db, actor: Actor, id: string, input: MemberFields) {
  return db.transaction(async (tx) => {
    // Locked: changes to one member (the HR office's, the person's own, a proposal) run one at a time.
    const before = await getVisiblePoolMemberForUpdate(tx, actor, id);
    await checkReferences(tx, actor.organizationId, actor.regionId, input);
    const [after] = await tx
      .update(poolMembers)
      .set({ ...columns(input), updatedAt: new Date() })
      .where(eq(poolMembers.id, before.id))
      .returning();
    await writeDetails(tx, after, input, actor.accountId);
    await recordAudit(tx, actor, {
      action: "update",
      entity: "pool_member",
      entityId: id,
      visibility: "tenant",
      before: snapshot(before),
      after: snapshot(after),
    });
    return (await presentMembers(tx, [after]))[0];
  });
}

export { checkConsentVersion, checkReferences, columns, snapshot, writeDetails };
