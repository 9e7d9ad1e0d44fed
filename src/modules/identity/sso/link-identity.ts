import { and, eq } from "drizzle-orm";
import type { Db, Tx } from "../../../db/client";
import { AppError } from "../../../kernel/problems";
import { recordAudit } from "../../audit";
import { enqueueMail } from "../../notifications";
import { organizations } from "../../organizations";
import type { Actor } from "../../../kernel/actor";
import { rolesOf } from "../account-roles";
import { findOwnAccount, getVisibleAccountForUpdate } from "../account-scope";
import { HOLDER_LINKS_ONLY } from "../role-rules";
import { accountIdentities, accounts, identityProviders } from "../identity.tables";

type AccountRow = typeof accounts.$inferSelect;
type Provider = typeof identityProviders.$inferSelect;

/** How a binding came about, for the audit log. */
type LinkedVia = "holder" | "org_admin" | "email";

/**
 * Binds the provider's subject to an account (one identity per account: a previous one is
 * replaced) and audits it. Answers `taken` when the subject is bound to another account of the
 * administration. Call with the account row locked.
 */
export async function bindIdentity(
  tx: Tx,
  provider: Provider,
  account: AccountRow,
  subject: string,
  by: { actor: Actor | null; name: string; via: LinkedVia },
): Promise<"bound" | "taken"> {
  const [existing] = await tx
    .select()
    .from(accountIdentities)
    .where(
      and(
        eq(accountIdentities.organizationId, provider.organizationId),
        eq(accountIdentities.issuer, provider.issuer),
        eq(accountIdentities.subject, subject),
      ),
    );
  if (existing && existing.accountId !== account.id) return "taken";
  if (existing) return "bound";
  const replaced = await tx.delete(accountIdentities).where(eq(accountIdentities.accountId, account.id)).returning();
  await tx.insert(accountIdentities).values({
    accountId: account.id,
    regionId: account.regionId,
    organizationId: account.organizationId,
    issuer: provider.issuer,
    subject,
  });
  await recordAudit(tx, by.actor, {
    action: "update",
    entity: "account",
    entityId: account.id,
    regionId: account.regionId,
    organizationId: account.organizationId,
    visibility: "tenant",
    actorLogin: by.name,
    before: replaced.length ? { identity: { issuer: replaced[0].issuer, subject: replaced[0].subject } } : { identity: null },
    after: { identity: { issuer: provider.issuer, subject }, linkedBy: by.via },
  });
  return "bound";
}

/** The actor's own link: the provider it can link to (in force and on) and the identity it has. */
export async function getMyIdentity(db: Db, actor: Actor) {
  const [provider] = await db
    .select({ p: identityProviders, organizationName: organizations.name })
    .from(identityProviders)
    .innerJoin(organizations, eq(organizations.id, identityProviders.organizationId))
    .where(and(eq(identityProviders.organizationId, actor.organizationId), eq(identityProviders.isEnabled, true)));
  const [identity] = await db.select().from(accountIdentities).where(eq(accountIdentities.accountId, actor.accountId));
  const account = await findOwnAccount(db, actor);
  return {
    provider: provider ? { organizationName: provider.organizationName, issuer: provider.p.issuer } : null,
    identity: identity ? { issuer: identity.issuer, subject: identity.subject, linkedAt: identity.createdAt.toISOString() } : null,
    abilities: {
      link: !!provider,
      unlink: !!identity && !!account?.passwordHash && (!provider || provider.p.isPasswordLoginEnabled),
    },
  };
}

const subjectProblem = (rule: string, de: string, en: string, code: "validation" | "conflict" | "forbidden" = "validation") =>
  new AppError(code, { fields: [{ field: "subject", in: "body", rule, message: { de, en } }] });

/** The unlink that would leave an account without a way to sign in. */
function lastWayProblem(field: string) {
  return new AppError("validation", {
    fields: [
      {
        field,
        in: "body",
        rule: "last_sign_in",
        message: {
          de: "Ohne diese Verknüpfung könnte sich das Konto nicht mehr anmelden: Es hat kein Verbund-Passwort, oder die Verwaltung hat die Anmeldung mit Passwort ausgeschaltet.",
          en: "Without this link the account could no longer sign in: it has no Verbund password, or the administration switched password sign-in off.",
        },
      },
    ],
  });
}

async function canSignInWithoutLink(tx: Tx, account: AccountRow) {
  const [provider] = await tx.select().from(identityProviders).where(eq(identityProviders.organizationId, account.organizationId));
  return !!account.passwordHash && (!provider || !provider.isEnabled || provider.isPasswordLoginEnabled);
}

/** The holder removes the link of its own account (audited); refused when it is the only way in. */
export async function unlinkMyIdentity(db: Db, actor: Actor) {
  await db.transaction(async (tx) => {
    const account = await findOwnAccount(tx, actor, { forUpdate: true });
    if (!account) throw new AppError("not_found");
    const removed = await tx.select().from(accountIdentities).where(eq(accountIdentities.accountId, actor.accountId));
    if (!removed.length) throw new AppError("not_found");
    if (!(await canSignInWithoutLink(tx, account))) throw lastWayProblem("identity");
    await tx.delete(accountIdentities).where(eq(accountIdentities.accountId, actor.accountId));
    await recordAudit(tx, actor, {
      action: "update",
      entity: "account",
      entityId: actor.accountId,
      visibility: "tenant",
      before: { identity: { issuer: removed[0].issuer, subject: removed[0].subject } },
      after: { identity: null, unlinkedBy: "holder" },
    });
  });
}

/** An account of the HR office's administration, locked for the link; 404 for any other. */
const ownAccountLocked = getVisibleAccountForUpdate;

function mailHolder(tx: Tx, account: AccountRow, actor: Actor, what: { de: string; en: string }) {
  return enqueueMail(tx, {
    regionId: account.regionId,
    organizationId: account.organizationId,
    to: account.login,
    subject: "Ihr Verbund-Konto: Anmeldung über das Konto der Verwaltung geändert",
    text:
      `Guten Tag ${account.displayName},\n\n` +
      `${actor.displayName} (Personalamt) hat ${what.de}\n\n` +
      `Wenn Sie das nicht erwartet haben, wenden Sie sich bitte sofort an Ihr Personalamt oder die Koordination der Region. ` +
      `Sie sehen die Verknüpfung in Verbund unter „Mein Profil“ und können sie dort lösen.\n\n` +
      `English: ${actor.displayName} (HR office) ${what.en}\n\n` +
      `Diese Nachricht wurde von Verbund verschickt.`,
  });
}

/**
 * The HR office links one account of its administration to a subject at the provider in force
 * (e.g. for a person without a Verbund password). Audited and e-mailed to the holder. Refused for
 * the HR officer's own account (linked in the profile) and for accounts of the region's
 * coordination and the staff council, which only their holders link.
 */
export async function adminLinkIdentity(db: Db, actor: Actor, accountId: string, subject: string) {
  await db.transaction(async (tx) => {
    const account = await ownAccountLocked(tx, actor, accountId);
    if (account.id === actor.accountId) {
      throw subjectProblem(
        "own_account",
        "Ihr eigenes Konto verbinden Sie selbst unter „Mein Profil“.",
        "Link your own account yourself in your profile.",
        "forbidden",
      );
    }
    const roles = await rolesOf(tx, account.id);
    if (roles.some((r) => HOLDER_LINKS_ONLY.includes(r))) {
      throw subjectProblem(
        "holder_only",
        "Konten der Koordination der Region und des Personalrats verbinden nur ihre Inhaberinnen und Inhaber selbst (unter „Mein Profil“).",
        "Accounts of the regional coordination and the staff council are linked only by their holders (in their profile).",
        "forbidden",
      );
    }
    const [provider] = await tx
      .select()
      .from(identityProviders)
      .where(and(eq(identityProviders.organizationId, actor.organizationId), eq(identityProviders.isEnabled, true)));
    if (!provider) {
      throw subjectProblem(
        "no_provider",
        "Ihre Verwaltung hat keine eingeschaltete Anmeldung über das Konto der Verwaltung.",
        "Your administration has no enabled single sign-on.",
      );
    }
    const result = await bindIdentity(tx, provider, account, subject, { actor, name: actor.login, via: "org_admin" });
    if (result === "taken") {
      throw subjectProblem(
        "identity_taken",
        "Diese Kennung ist bereits mit einem anderen Konto verbunden.",
        "This identifier is linked to another account already.",
        "conflict",
      );
    }
    await mailHolder(tx, account, actor, {
      de: `Ihr Verbund-Konto mit Ihrem Konto beim Anmeldedienst Ihrer Verwaltung verbunden (${provider.issuer}, Kennung ${subject}). Wer sich dort mit dieser Kennung anmeldet, ist in Verbund Sie.`,
      en: `linked your Verbund account to the identity ${subject} at your administration's provider (${provider.issuer}).`,
    });
  });
}

/** The HR office removes the link of one account (audited, e-mailed to the holder). */
export async function adminUnlinkIdentity(db: Db, actor: Actor, accountId: string) {
  await db.transaction(async (tx) => {
    const account = await ownAccountLocked(tx, actor, accountId);
    const removed = await tx.select().from(accountIdentities).where(eq(accountIdentities.accountId, account.id));
    if (!removed.length) throw new AppError("not_found");
    await tx.delete(accountIdentities).where(eq(accountIdentities.accountId, account.id));
    await recordAudit(tx, actor, {
      action: "update",
      entity: "account",
      entityId: account.id,
      visibility: "tenant",
      before: { identity: { issuer: removed[0].issuer, subject: removed[0].subject } },
      after: { identity: null, unlinkedBy: "org_admin" },
    });
    await mailHolder(tx, account, actor, {
      de: `die Verbindung Ihres Verbund-Kontos mit Ihrem Konto beim Anmeldedienst Ihrer Verwaltung gelöst. Sie melden sich mit Ihrem Verbund-Passwort an oder verbinden das Konto unter „Mein Profil“ neu.`,
      en: `removed the link of your Verbund account to your administration's provider.`,
    });
  });
}
