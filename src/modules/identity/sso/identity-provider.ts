import { and, desc, eq } from "drizzle-orm";
import type { Db, Tx } from "../../../db/client";
import { AppError } from "../../../kernel/problems";
import { recordAudit } from "../../audit";
import { organizations } from "../../organizations";
import type { Actor } from "../../../kernel/actor";
import { identityProviderChanges, identityProviders } from "../identity.tables";
import { isLocalHttp, providerConfiguration } from "./oidc-client";
import {
  applyProvider,
  mailChangeRequested,
  needsConfirmation,
  presentChange,
  presentProvider,
  type ProviderValues,
} from "./provider-changes";

/** The latest change the administration requested, whatever its state (null when none). */
async function latestChange(db: Db | Tx, organizationId: string) {
  const [row] = await db
    .select()
    .from(identityProviderChanges)
    .where(eq(identityProviderChanges.organizationId, organizationId))
    .orderBy(desc(identityProviderChanges.requestedAt))
    .limit(1);
  return row && row.status !== "superseded" ? presentChange(row, {}) : null;
}

/**
 * The single sign-on settings in force for the actor's administration (null when none are set),
 * and the latest change it requested with its state (pending, confirmed, rejected, withdrawn).
 */
export async function getIdentityProvider(db: Db, actor: Actor) {
  const [row] = await db.select().from(identityProviders).where(eq(identityProviders.organizationId, actor.organizationId));
  return { settings: presentProvider(row), change: await latestChange(db, actor.organizationId) };
}

/** Input of {@link saveIdentityProvider}. */
export interface IdentityProviderInput {
  issuer: string;
  clientId: string;
  /** New secret; omitted keeps the stored one, null removes it (public client with PKCE). */
  clientSecret?: string | null;
  scopes: string;
  isEnabled: boolean;
  isPasswordLoginEnabled: boolean;
}

function checkIssuer(issuer: string) {
  const url = new URL(issuer);
  if (url.protocol !== "https:" && !isLocalHttp(url)) {
    throw new AppError("validation", {
      fields: [
        {
          field: "issuer",
          in: "body",
          rule: "https",
          message: { de: "Die Adresse muss mit https:// beginnen.", en: "The address must start with https://." },
        },
      ],
    });
  }
}

/**
 * The HR office's change of its administration's provider. Settings under which nobody could sign
 * in are refused with a message on the field (the discovery document is fetched first); switching
 * off password sign-in needs an enabled provider.
 *
 * A change that widens trust (switching on, another issuer or client; `needsConfirmation`) is only
 * requested: the settings in force stay until a region_admin other than the requester confirms it
 * (`provider-changes.ts`), and the coordination is told by e-mail. Anything else takes effect at
 * once. Either way a change still pending is superseded: the latest request is what counts.
 */
export async function saveIdentityProvider(db: Db, actor: Actor, input: IdentityProviderInput, baseUrl: string) {
  checkIssuer(input.issuer);
  if (!input.isPasswordLoginEnabled && !input.isEnabled) {
    throw new AppError("validation", {
      fields: [
        {
          field: "isPasswordLoginEnabled",
          in: "body",
          rule: "needs_provider",
          message: {
            de: "Ohne aktive Anmeldung über Ihre Verwaltung bleibt die Anmeldung mit Passwort eingeschaltet.",
            en: "Without an enabled provider, password sign-in stays on.",
          },
        },
      ],
    });
  }
  const [stored] = await db.select().from(identityProviders).where(eq(identityProviders.organizationId, actor.organizationId));
  const clientSecret = input.clientSecret === undefined ? (stored?.clientSecret ?? null) : input.clientSecret;
  if (input.isEnabled) {
    try {
      await providerConfiguration({
        id: `check-${actor.organizationId}`,
        issuer: input.issuer,
        clientId: input.clientId,
        clientSecret,
        updatedAt: new Date(),
      });
    } catch {
      throw new AppError("validation", {
        fields: [
          {
            field: "issuer",
            in: "body",
            rule: "discovery",
            message: {
              de: "Unter dieser Adresse antwortet kein OpenID-Connect-Anbieter (/.well-known/openid-configuration).",
              en: "No OpenID Connect provider answers at this address (/.well-known/openid-configuration).",
            },
          },
        ],
      });
    }
  }
  const values: ProviderValues = {
    issuer: input.issuer,
    clientId: input.clientId,
    clientSecret,
    scopes: input.scopes,
    isEnabled: input.isEnabled,
    isPasswordLoginEnabled: input.isPasswordLoginEnabled,
  };
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(identityProviders)
      .where(eq(identityProviders.organizationId, actor.organizationId))
      .for("update");
    const superseded = await tx
      .update(identityProviderChanges)
      .set({ status: "superseded", clientSecret: null })
      .where(and(eq(identityProviderChanges.organizationId, actor.organizationId), eq(identityProviderChanges.status, "pending")))
      .returning({ id: identityProviderChanges.id });
    if (!needsConfirmation(before, values)) {
      const { after } = await applyProvider(tx, actor, values, "ui", { actor, name: actor.login });
      return { settings: presentProvider(after)!, change: null, isApplied: true };
    }
    const [change] = await tx
      .insert(identityProviderChanges)
      .values({
        regionId: actor.regionId,
        organizationId: actor.organizationId,
        ...values,
        requestedBy: actor.accountId,
        requestedByName: actor.displayName,
      })
      .returning();
    const [org] = await tx.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, actor.organizationId));
    await recordAudit(tx, actor, {
      action: "create",
      entity: "identity_provider_change",
      entityId: change.id,
      visibility: "region",
      after: { issuer: change.issuer, clientId: change.clientId, isEnabled: change.isEnabled, superseded: superseded.map((c) => c.id) },
    });
    await mailChangeRequested(tx, change, org?.name ?? "", baseUrl);
    return { settings: presentProvider(before), change: presentChange(change, {}), isApplied: false };
  });
}

/** The HR office withdraws its pending change; the settings in force stay. */
export async function withdrawProviderChange(db: Db, actor: Actor) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(identityProviderChanges)
      .set({ status: "withdrawn", decidedBy: actor.accountId, decidedByName: actor.displayName, decidedAt: new Date(), clientSecret: null })
      .where(and(eq(identityProviderChanges.organizationId, actor.organizationId), eq(identityProviderChanges.status, "pending")))
      .returning();
    if (!row) throw new AppError("not_found");
    await recordAudit(tx, actor, {
      action: "update",
      entity: "identity_provider_change",
      entityId: row.id,
      visibility: "region",
      before: { status: "pending" },
      after: { status: "withdrawn" },
    });
  });
}

/** Administrations whose accounts can sign in with their own provider (public, for the login page). */
export async function listSsoOrganizations(db: Db) {
  const rows = await db
    .select({ organizationId: organizations.id, name: organizations.name, ags: organizations.ags })
    .from(identityProviders)
    .innerJoin(organizations, eq(organizations.id, identityProviders.organizationId))
    .where(eq(identityProviders.isEnabled, true));
  return rows.sort((a, b) => new Intl.Collator("de").compare(a.name, b.name));
}

/**
 * Providers configured by the operator through the environment, per administration key:
 * `VERBUND_OIDC_<AGS>_ISSUER`, `_CLIENT_ID`, `_CLIENT_SECRET`, `_SCOPES`, `_PASSWORD_LOGIN`
 * (`false` switches password sign-in off). Applied at every start. The operator runs the machine,
 * so these take effect without the coordination's confirmation; a changed issuer drops the
 * administration's bindings all the same (`applyProvider`).
 */
export async function syncIdentityProvidersFromEnv(db: Db, env: NodeJS.ProcessEnv): Promise<number> {
  let count = 0;
  for (const key of Object.keys(env)) {
    const match = /^VERBUND_OIDC_(\d{5,8})_ISSUER$/.exec(key);
    if (!match) continue;
    const ags = match[1];
    const issuer = env[key]!;
    const clientId = env[`VERBUND_OIDC_${ags}_CLIENT_ID`];
    if (!clientId) throw new Error(`VERBUND_OIDC_${ags}_CLIENT_ID is missing`);
    checkIssuer(issuer);
    const [org] = await db.select().from(organizations).where(eq(organizations.ags, ags));
    if (!org) throw new Error(`VERBUND_OIDC_${ags}_ISSUER: no administration with the key ${ags}`);
    const values: ProviderValues = {
      issuer,
      clientId,
      clientSecret: env[`VERBUND_OIDC_${ags}_CLIENT_SECRET`] ?? null,
      scopes: env[`VERBUND_OIDC_${ags}_SCOPES`] ?? "openid email profile",
      isEnabled: true,
      isPasswordLoginEnabled: env[`VERBUND_OIDC_${ags}_PASSWORD_LOGIN`] !== "false",
    };
    await db.transaction(async (tx) => {
      const [before] = await tx.select().from(identityProviders).where(eq(identityProviders.organizationId, org.id));
      const unchanged =
        before?.source === "env" && (Object.keys(values) as Array<keyof ProviderValues>).every((k) => before[k] === values[k]);
      if (!unchanged)
        await applyProvider(tx, { regionId: org.regionId, organizationId: org.id }, values, "env", {
          actor: null,
          name: `VERBUND_OIDC_${ags}`,
        });
    });
    count++;
  }
  return count;
}
