import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { lockFor } from "../../db/locks";
import { today } from "../../kernel/dates";
import { AppError } from "../../kernel/problems";
import { recordAudit } from "../audit";
import type { Actor } from "../../kernel/actor";
import { accountRoles, listAccountNames, unscopedLockAccounts } from "../identity";
import { EMPLOYER_ROLES } from "../identity";
import { departments } from "../organizations";
import { deputies } from "../identity";
import { departmentCaps, frameworkAgreements, secondmentSettings } from "./secondments.tables";
import { settingsOf } from "./facts";

// ---- Framework agreement (region) --------------------------------------------------------------

export async function listFrameworkAgreements(db: Db | Tx, actor: Actor) {
  const rows = await db
    .select()
    .from(frameworkAgreements)
    .where(eq(frameworkAgreements.regionId, actor.regionId))
    .orderBy(desc(frameworkAgreements.version));
  const day = today();
  const inForce = rows.find((r) => r.validFrom <= day)?.id ?? null;
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    title: r.title,
    body: r.body,
    validFrom: r.validFrom,
    createdAt: r.createdAt.toISOString(),
    isInForce: r.id === inForce,
  }));
}

/** The coordination office adds a new version; earlier versions stay, secondments keep the one they refer to. */
export async function createFrameworkAgreement(db: Db, actor: Actor, input: { title: string; body: string; validFrom: string }) {
  return db.transaction(async (tx) => {
    await lockFor(tx, "framework_agreement", actor.regionId);
    const [last] = await tx
      .select({ version: frameworkAgreements.version })
      .from(frameworkAgreements)
      .where(eq(frameworkAgreements.regionId, actor.regionId))
      .orderBy(desc(frameworkAgreements.version))
      .limit(1);
    const [row] = await tx
      .insert(frameworkAgreements)
      .values({ ...input, regionId: actor.regionId, version: (last?.version ?? 0) + 1, createdBy: actor.accountId })
      .returning();
    await recordAudit(tx, actor, {
      action: "create",
      entity: "framework_agreement",
      entityId: row.id,
      visibility: "region",
      after: { version: row.version, validFrom: row.validFrom },
    });
    return (await listFrameworkAgreements(tx, actor)).find((r) => r.id === row.id)!;
  });
}

// ---- Settings: staff council rule and caps (own administration) -------------------------------

export async function getSettings(db: Db | Tx, actor: Actor) {
  const settings = await settingsOf(db, actor.organizationId);
  const deps = await db
    .select({ id: departments.id, name: departments.name, maxLent: departmentCaps.maxLent })
    .from(departments)
    .leftJoin(departmentCaps, eq(departmentCaps.departmentId, departments.id))
    .where(eq(departments.organizationId, actor.organizationId))
    .orderBy(asc(departments.name));
  return {
    councilScope: settings.councilScope,
    councilDeadlineWorkingDays: settings.councilDeadlineWorkingDays,
    maxLentTotal: settings.maxLentTotal,
    departmentCaps: deps.map((d) => ({ departmentId: d.id, name: d.name, maxLent: d.maxLent ?? null })),
  };
}

export async function updateSettings(
  db: Db,
  actor: Actor,
  input: {
    councilScope: "all" | "longer_than_3_months";
    councilDeadlineWorkingDays: number;
    maxLentTotal: number | null;
    departmentCaps: Array<{ departmentId: string; maxLent: number | null }>;
  },
) {
  await db.transaction(async (tx) => {
    // Caps change one at a time and never in the middle of a release that counts against them.
    await lockFor(tx, "lending", actor.organizationId);
    const own = await tx.select({ id: departments.id }).from(departments).where(eq(departments.organizationId, actor.organizationId));
    const ownIds = new Set(own.map((d) => d.id));
    const foreign = input.departmentCaps.findIndex((c) => !ownIds.has(c.departmentId));
    if (foreign >= 0) {
      throw new AppError("validation", {
        fields: [
          {
            field: `departmentCaps.${foreign}.departmentId`,
            in: "body",
            rule: "unknown_department",
            message: { de: "Diesen Fachbereich gibt es in Ihrer Verwaltung nicht.", en: "Your administration has no such department." },
          },
        ],
      });
    }
    const before = await getSettings(tx, actor);
    const values = {
      councilScope: input.councilScope,
      councilDeadlineWorkingDays: input.councilDeadlineWorkingDays,
      maxLentTotal: input.maxLentTotal,
      updatedAt: new Date(),
    };
    await tx
      .insert(secondmentSettings)
      .values({ organizationId: actor.organizationId, regionId: actor.regionId, ...values })
      .onConflictDoUpdate({ target: secondmentSettings.organizationId, set: values });
    for (const cap of input.departmentCaps) {
      await tx.delete(departmentCaps).where(eq(departmentCaps.departmentId, cap.departmentId));
      if (cap.maxLent !== null) {
        await tx
          .insert(departmentCaps)
          .values({ departmentId: cap.departmentId, regionId: actor.regionId, organizationId: actor.organizationId, maxLent: cap.maxLent });
      }
    }
    await recordAudit(tx, actor, {
      action: "update",
      entity: "secondment_settings",
      entityId: actor.organizationId,
      visibility: "tenant",
      before: { councilScope: before.councilScope, maxLentTotal: before.maxLentTotal },
      after: { councilScope: input.councilScope, maxLentTotal: input.maxLentTotal, caps: input.departmentCaps.length },
    });
  });
  return getSettings(db, actor);
}

// ---- Deputies ---------------------------------------------------------------------------------

/** Deputyships the actor named or holds; the HR office sees all of its administration. */
export async function listDeputies(db: Db, actor: Actor) {
  const isHr = actor.roles.includes("org_admin");
  const rows = (
    await db.select().from(deputies).where(eq(deputies.organizationId, actor.organizationId)).orderBy(desc(deputies.startsOn))
  ).filter((d) => isHr || d.principalAccountId === actor.accountId || d.deputyAccountId === actor.accountId);
  // The names of both sides, read for all rows at once (names are shown within the administration).
  const names = new Map(
    (await listAccountNames(db, actor, { ids: [...new Set(rows.flatMap((d) => [d.principalAccountId, d.deputyAccountId]))] })).map((a) => [
      a.id,
      a.name,
    ]),
  );
  return rows.flatMap((d) => {
    const principal = names.get(d.principalAccountId);
    const deputy = names.get(d.deputyAccountId);
    if (principal === undefined || deputy === undefined) return [];
    return [
      {
        id: d.id,
        principal: { id: d.principalAccountId, name: principal },
        deputy: { id: d.deputyAccountId, name: deputy },
        startsOn: d.startsOn,
        endsOn: d.endsOn,
      },
    ];
  });
}

/** Accounts of the own administration that can be named as deputy (department heads and HR staff, active). */
export async function listDeputyCandidates(db: Db, actor: Actor) {
  const rows = await listAccountNames(db, actor, { activeWithRole: true });
  return rows.filter((r) => r.id !== actor.accountId).sort((a, b) => a.name.localeCompare(b.name, "de"));
}

/**
 * Whether naming `deputyId` deputy of `principalId` would let a staff council member act for the
 * employer (separation of duties, DESIGN.md › Users). Reads both accounts' roles with their rows
 * locked, so a concurrent role change waits (role writes lock the account row, `writeAccountRoles`).
 */
async function staffCouncilForEmployer(tx: Tx, principalId: string, deputyId: string): Promise<boolean> {
  await unscopedLockAccounts(tx, [principalId, deputyId]);
  const roles = await tx
    .select()
    .from(accountRoles)
    .where(inArray(accountRoles.accountId, [principalId, deputyId]));
  const deputyIsCouncil = roles.some((r) => r.accountId === deputyId && r.role === "staff_council");
  const principalIsEmployer = roles.some((r) => r.accountId === principalId && EMPLOYER_ROLES.includes(r.role));
  return deputyIsCouncil && principalIsEmployer;
}

/** Names a deputy for a period: for oneself, or (HR office) for a department head or HR officer of the administration. */
export async function createDeputy(
  db: Db,
  actor: Actor,
  input: { principalAccountId?: string; deputyAccountId: string; startsOn: string; endsOn: string },
) {
  const principalId = input.principalAccountId ?? actor.accountId;
  if (principalId !== actor.accountId && !actor.roles.includes("org_admin")) throw new AppError("forbidden");
  return db.transaction(async (tx) => {
    const found = await listAccountNames(tx, actor, { ids: [principalId, input.deputyAccountId] });
    const ids = new Set(found.map((a) => a.id));
    const fields = [];
    if (!ids.has(principalId))
      fields.push({
        field: "principalAccountId",
        in: "body" as const,
        rule: "unknown_account",
        message: { de: "Unbekanntes Konto.", en: "Unknown account." },
      });
    if (!ids.has(input.deputyAccountId) || input.deputyAccountId === principalId)
      fields.push({
        field: "deputyAccountId",
        in: "body" as const,
        rule: "unknown_account",
        message: { de: "Wählen Sie ein anderes Konto Ihrer Verwaltung.", en: "Choose another account of your administration." },
      });
    if (fields.length === 0 && (await staffCouncilForEmployer(tx, principalId, input.deputyAccountId)))
      fields.push({
        field: "deputyAccountId",
        in: "body" as const,
        rule: "staff_council_deputy",
        message: {
          de: "Mitglieder des Personalrats vertreten keine Fachbereichsleitung und kein Personalamt: Der Personalrat ist unabhängig vom Arbeitgeber.",
          en: "Staff council members do not deputise for a head of department or the HR office: the staff council is independent of the employer.",
        },
      });
    if (input.endsOn < input.startsOn)
      fields.push({
        field: "endsOn",
        in: "body" as const,
        rule: "custom",
        message: { de: "Das Ende liegt vor dem Beginn.", en: "The end is before the start." },
      });
    if (fields.length) throw new AppError("validation", { fields });
    const [row] = await tx
      .insert(deputies)
      .values({
        regionId: actor.regionId,
        organizationId: actor.organizationId,
        principalAccountId: principalId,
        deputyAccountId: input.deputyAccountId,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
      })
      .returning();
    await recordAudit(tx, actor, {
      action: "create",
      entity: "deputy",
      entityId: row.id,
      visibility: "tenant",
      after: { startsOn: row.startsOn, endsOn: row.endsOn },
    });
    return row.id;
  });
}

export async function deleteDeputy(db: Db, actor: Actor, id: string) {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(deputies)
      .where(and(eq(deputies.id, id), eq(deputies.organizationId, actor.organizationId)));
    if (!row || (row.principalAccountId !== actor.accountId && !actor.roles.includes("org_admin"))) throw new AppError("not_found");
    await tx.delete(deputies).where(eq(deputies.id, id));
    await recordAudit(tx, actor, { action: "delete", entity: "deputy", entityId: id, visibility: "tenant" });
  });
}
