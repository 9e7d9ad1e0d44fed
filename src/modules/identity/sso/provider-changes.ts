import { and, desc, eq, inArray, ne, sql } from "drizzle-orm";
import type { Db, Tx } from "../../../db/client";
import { germanDate } from "../../../kernel/dates";
import { AppError } from "../../../kernel/problems";
import { recordAudit } from "../../audit";
import { enqueueMail } from "../../notifications";
import { organizations } from "../../organizations";
import type { Actor } from "../../../kernel/actor";
import { rolesOf } from "../account-roles";
import { unscopedActiveHolders } from "../account-scope";
import { accountIdentities, identityProviderChanges, identityProviders, sessions, ssoLogins } from "../identity.tables";

type ProviderRow = typeof identityProviders.$inferSelect;
type ChangeRow = typeof identityProviderChanges.$inferSelect;

/** The settings of a provider as they are applied. */
export interface ProviderValues {
  issuer: string;
  clientId: string;
  clientSecret: string | null;
  scopes: string;
  isEnabled: boolean;
  isPasswordLoginEnabled: boolean;
}

/** Only the settings of a row that carries more. */
export const valuesOf = (v: ProviderValues): ProviderValues => ({
  issuer: v.issuer,
  clientId: v.clientId,
  clientSecret: v.clientSecret,
  scopes: v.scopes,
  isEnabled: v.isEnabled,
  isPasswordLoginEnabled: v.isPasswordLoginEnabled,
});

/** Who changes a provider: an account, or the operator through the environment. */
export interface ProviderWriter {
  actor: Actor | null;
  /** How the audit log names the writer when there is no actor (`VERBUND_OIDC_03241005_*`). */
  name: string;
}

/** How the settings are shown: never the client secret, only whether one is set. */
export function presentProvider(row: ProviderRow | undefined) {
  if (!row) return null;
  return {
    issuer: row.issuer,
    clientId: row.clientId,
    hasClientSecret: !!row.clientSecret,
    scopes: row.scopes,
    isEnabled: row.isEnabled,
    isPasswordLoginEnabled: row.isPasswordLoginEnabled,
    source: row.source,
    updatedAt: row.updatedAt.toISOString(),
  };
}

const shown = (row: ProviderRow | undefined) => {
  const presented = presentProvider(row);
  if (!presented) return null;
  const { updatedAt: _u, ...rest } = presented;
  return rest;
};

/**
 * Whether a change widens the trust Verbund puts in the administration's provider and so waits for
 * the region's coordination: switching it on, or another issuer or client while it is on. Switching
 * it off, a new client secret, other scopes and password sign-in take effect at once: none of them
 * lets a provider sign in to an account it could not sign in to before.
 */
export function needsConfirmation(before: ProviderRow | undefined, requested: ProviderValues): boolean {
  if (!requested.isEnabled) return false;
  if (!before || !before.isEnabled) return true;
  return before.issuer !== requested.issuer || before.clientId !== requested.clientId;
}

/**
 * Puts provider settings in force for an administration and audits it. When the issuer changes,
 * every binding of the administration's accounts to an identity of another issuer is dropped
 * (another provider's subjects mean other people), as are sign-ons in progress and the sessions
 * opened through the previous provider.
 */
export async function applyProvider(
  tx: Tx,
  owner: { regionId: string; organizationId: string },
  values: ProviderValues,
  source: "ui" | "env",
  writer: ProviderWriter,
) {
  const [before] = await tx
    .select()
    .from(identityProviders)
    .where(eq(identityProviders.organizationId, owner.organizationId))
    .for("update");
  const row = { regionId: owner.regionId, organizationId: owner.organizationId, ...valuesOf(values), source, updatedAt: new Date() };
  const [after] = await tx
    .insert(identityProviders)
    .values(row)
    .onConflictDoUpdate({ target: identityProviders.organizationId, set: row })
    .returning();
  let droppedBindings = 0;
  if (before?.issuer !== values.issuer) {
    const dropped = await tx
      .delete(accountIdentities)
      .where(and(eq(accountIdentities.organizationId, owner.organizationId), ne(accountIdentities.issuer, values.issuer)))
      .returning({ id: accountIdentities.id });
    droppedBindings = dropped.length;
    await tx.delete(ssoLogins).where(eq(ssoLogins.providerId, after.id));
    await tx.delete(sessions).where(eq(sessions.providerId, after.id));
  }
  await recordAudit(tx, writer.actor, {
    action: before ? "update" : "create",
    entity: "identity_provider",
    entityId: after.id,
    regionId: owner.regionId,
    organizationId: owner.organizationId,
    visibility: "tenant",
    actorLogin: writer.name,
    before: shown(before),
    after: { ...shown(after), ...(droppedBindings ? { droppedBindings } : {}) },
  });
  return { before, after, droppedBindings };
}

/** A requested change as the HR office and the coordination see it (never the secret). */
export function presentChange(
  row: ChangeRow,
  extra: { organizationName?: string; current?: ProviderRow; bindings?: number; actor?: Actor },
) {
  const isPending = row.status === "pending";
  return {
    id: row.id,
    organization: { id: row.organizationId, name: extra.organizationName ?? "" },
    issuer: row.issuer,
    clientId: row.clientId,
    hasClientSecret: !!row.clientSecret,
    scopes: row.scopes,
    isEnabled: row.isEnabled,
    isPasswordLoginEnabled: row.isPasswordLoginEnabled,
    status: row.status,
    requestedBy: row.requestedByName,
    requestedAt: row.requestedAt.toISOString(),
    decidedBy: row.decidedByName,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    reason: row.reason,
    current: extra.current ? { issuer: extra.current.issuer, clientId: extra.current.clientId, isEnabled: extra.current.isEnabled } : null,
    /** Bindings of the administration's accounts that confirming would drop (another issuer). */
    bindingsDropped: extra.bindings ?? 0,
    abilities: {
      confirm: isPending && !!extra.actor && row.requestedBy !== extra.actor.accountId,
      reject: isPending && !!extra.actor,
    },
  };
}

/** Active accounts holding `role`: in one administration, or (region_admin) in the region. */
const holders = (tx: Tx, role: "org_admin" | "region_admin", where: { organizationId?: string; regionId?: string }) =>
  unscopedActiveHolders(tx, role, where);

const describe = (v: { issuer: string; clientId: string; isEnabled: boolean }) =>
  `${v.isEnabled ? "eingeschaltet" : "ausgeschaltet"}, Anmeldedienst ${v.issuer}, Client-ID ${v.clientId}`;

/** Tells the region's coordination (except the requester) that a change waits for its confirmation. */
export async function mailChangeRequested(tx: Tx, change: ChangeRow, organizationName: string, baseUrl: string) {
  for (const r of await holders(tx, "region_admin", { regionId: change.regionId })) {
    if (r.id === change.requestedBy) continue;
    await enqueueMail(tx, {
      regionId: change.regionId,
      organizationId: r.organizationId,
      to: r.login,
      subject: `Anmeldung über das Konto der Verwaltung: ${organizationName} bittet um Bestätigung`,
      text:
        `Guten Tag ${r.displayName},\n\n` +
        `${change.requestedByName} (${organizationName}) hat eine Änderung der Anmeldung über das Konto der Verwaltung beantragt:\n` +
        `${describe(change)}.\n\n` +
        `Sie gilt erst, wenn die Koordination der Region sie bestätigt. Bitte prüfen Sie mit der Verwaltung, ob der Anmeldedienst ` +
        `wirklich ihrer ist, und bestätigen oder lehnen Sie ab:\n${baseUrl.replace(/\/$/, "")}/anmeldedienste\n\n` +
        `English: ${organizationName} requested a change of its single sign-on provider (${change.issuer}); it takes effect once the regional coordination confirms it.\n\n` +
        `Diese Nachricht wurde von Verbund verschickt.`,
    });
  }
}

async function mailDecision(tx: Tx, change: ChangeRow, organizationName: string, droppedBindings: number) {
  const confirmed = change.status === "confirmed";
  for (const r of await holders(tx, "org_admin", { organizationId: change.organizationId })) {
    await enqueueMail(tx, {
      regionId: change.regionId,
      organizationId: change.organizationId,
      to: r.login,
      subject: `Anmeldung über das Konto der Verwaltung: Änderung ${confirmed ? "bestätigt" : "abgelehnt"}`,
      text:
        `Guten Tag ${r.displayName},\n\n` +
        `die Koordination der Region (${change.decidedByName}) hat die am ${germanDate(change.requestedAt)} ` +
        `beantragte Änderung für ${organizationName} ${confirmed ? "bestätigt" : "abgelehnt"}:\n${describe(change)}.\n\n` +
        (confirmed
          ? `Sie gilt ab jetzt.` +
            (droppedBindings
              ? ` Weil sich der Anmeldedienst geändert hat, wurden ${droppedBindings} Verknüpfungen von Konten gelöst; die Beschäftigten verbinden ihr Konto im Profil neu.`
              : "")
          : `Begründung: ${change.reason}\nEs gelten weiter die bisherigen Einstellungen.`) +
        `\n\nEnglish: the regional coordination ${confirmed ? "confirmed" : "rejected"} the change of your single sign-on provider.\n\n` +
        `Diese Nachricht wurde von Verbund verschickt.`,
    });
  }
}

/** Pending changes of the actor's region first, then the last decided ones (the coordination's list). */
export async function listProviderChanges(db: Db, actor: Actor) {
  const rows = await db
    .select({ change: identityProviderChanges, organizationName: organizations.name })
    .from(identityProviderChanges)
    .innerJoin(organizations, eq(organizations.id, identityProviderChanges.organizationId))
    .where(eq(identityProviderChanges.regionId, actor.regionId))
    .orderBy(sql`${identityProviderChanges.status} = 'pending' DESC`, desc(identityProviderChanges.requestedAt))
    .limit(100);
  const orgIds = [...new Set(rows.map((r) => r.change.organizationId))];
  const current = orgIds.length ? await db.select().from(identityProviders).where(inArray(identityProviders.organizationId, orgIds)) : [];
  const bindings = orgIds.length
    ? await db
        .select({ organizationId: accountIdentities.organizationId, issuer: accountIdentities.issuer })
        .from(accountIdentities)
        .where(inArray(accountIdentities.organizationId, orgIds))
    : [];
  const items = rows.map(({ change, organizationName }) =>
    presentChange(change, {
      organizationName,
      actor,
      current: current.find((p) => p.organizationId === change.organizationId),
      bindings:
        change.status === "pending"
          ? bindings.filter((b) => b.organizationId === change.organizationId && b.issuer !== change.issuer).length
          : 0,
    }),
  );
  return { items, pending: items.filter((i) => i.status === "pending").length };
}

/** The change, locked, when it belongs to the actor's region; 404 otherwise. */
async function lockedChange(tx: Tx, actor: Actor, id: string) {
  const [row] = await tx
    .select()
    .from(identityProviderChanges)
    .where(and(eq(identityProviderChanges.id, id), eq(identityProviderChanges.regionId, actor.regionId)))
    .for("update");
  if (!row) throw new AppError("not_found");
  if (row.status !== "pending") {
    throw new AppError("conflict", {
      message: { de: "Über diese Änderung wurde schon entschieden.", en: "This change has been decided already." },
    });
  }
  // The coordinator as it is now: a stripped or deactivated one decides nothing.
  if (!(await rolesOf(tx, actor.accountId)).includes("region_admin")) throw new AppError("forbidden");
  const [org] = await tx.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, row.organizationId));
  return { row, organizationName: org?.name ?? "" };
}

/**
 * The coordination confirms a requested change (four eyes: never the person who requested it).
 * The settings take effect in the same transaction; a changed issuer drops the administration's
 * bindings. Audited and e-mailed to the administration's HR office.
 */
export async function confirmProviderChange(db: Db, actor: Actor, id: string) {
  return db.transaction(async (tx) => {
    const { row, organizationName } = await lockedChange(tx, actor, id);
    if (row.requestedBy === actor.accountId) {
      throw new AppError("forbidden", {
        message: {
          de: "Eine Änderung bestätigt eine andere Person der Koordination als die, die sie beantragt hat (Vier-Augen-Prinzip).",
          en: "A change is confirmed by another coordinator than the one who requested it (four eyes).",
        },
      });
    }
    const { after, droppedBindings } = await applyProvider(tx, row, valuesOf(row), "ui", { actor, name: actor.login });
    const [decided] = await tx
      .update(identityProviderChanges)
      .set({ status: "confirmed", decidedBy: actor.accountId, decidedByName: actor.displayName, decidedAt: new Date(), clientSecret: null })
      .where(eq(identityProviderChanges.id, id))
      .returning();
    await recordAudit(tx, actor, {
      action: "update",
      entity: "identity_provider_change",
      entityId: id,
      organizationId: row.organizationId,
      visibility: "region",
      before: { status: "pending" },
      after: { status: "confirmed", issuer: row.issuer, clientId: row.clientId, isEnabled: row.isEnabled, droppedBindings },
    });
    await mailDecision(tx, decided, organizationName, droppedBindings);
    return presentChange(decided, { organizationName, current: after, actor });
  });
}

/** The coordination rejects a requested change with a reason; the settings in force stay. */
export async function rejectProviderChange(db: Db, actor: Actor, id: string, reason: string) {
  return db.transaction(async (tx) => {
    const { row, organizationName } = await lockedChange(tx, actor, id);
    const [decided] = await tx
      .update(identityProviderChanges)
      .set({
        status: "rejected",
        decidedBy: actor.accountId,
        decidedByName: actor.displayName,
        decidedAt: new Date(),
        reason,
        clientSecret: null,
      })
      .where(eq(identityProviderChanges.id, id))
      .returning();
    await recordAudit(tx, actor, {
      action: "update",
      entity: "identity_provider_change",
      entityId: id,
      organizationId: row.organizationId,
      visibility: "region",
      before: { status: "pending" },
      after: { status: "rejected", reason },
    });
    await mailDecision(tx, decided, organizationName, 0);
    const [current] = await tx.select().from(identityProviders).where(eq(identityProviders.organizationId, row.organizationId));
    return presentChange(decided, { organizationName, current, actor });
  });
}
