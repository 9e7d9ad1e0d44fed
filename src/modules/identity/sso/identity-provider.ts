import { eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { AppError } from "../../../server/problems";
import { recordAudit } from "../../audit/record-audit";
import { organizations } from "../../organizations/organizations.tables";
import type { Actor } from "../actor";
import { identityProviders } from "../identity.tables";
import { isLocalHttp, providerConfiguration } from "./oidc-client";

type ProviderRow = typeof identityProviders.$inferSelect;

/** How the settings are shown: never the client secret, only whether one is set. */
function present(row: ProviderRow | undefined) {
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

/** The single sign-on settings of the actor's administration (null when none are set). */
export async function getIdentityProvider(db: Db, actor: Actor) {
  const [row] = await db.select().from(identityProviders).where(eq(identityProviders.organizationId, actor.organizationId));
  return present(row);
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
 * Saves the administration's provider. When it is enabled, its discovery document is fetched
 * first: settings under which nobody could sign in are refused with a message on the field.
 * Switching off password login needs an enabled provider.
 */
export async function saveIdentityProvider(db: Db, actor: Actor, input: IdentityProviderInput) {
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
  const [before] = await db.select().from(identityProviders).where(eq(identityProviders.organizationId, actor.organizationId));
  const clientSecret = input.clientSecret === undefined ? (before?.clientSecret ?? null) : input.clientSecret;
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
  return db.transaction(async (tx) => {
    const values = {
      regionId: actor.regionId,
      organizationId: actor.organizationId,
      issuer: input.issuer,
      clientId: input.clientId,
      clientSecret,
      scopes: input.scopes,
      isEnabled: input.isEnabled,
      isPasswordLoginEnabled: input.isPasswordLoginEnabled,
      source: "ui" as const,
      updatedAt: new Date(),
    };
    const [after] = await tx
      .insert(identityProviders)
      .values(values)
      .onConflictDoUpdate({ target: identityProviders.organizationId, set: values })
      .returning();
    const { updatedAt: _b, ...shownBefore } = present(before) ?? {};
    const { updatedAt: _a, ...shownAfter } = present(after)!;
    await recordAudit(tx, actor, {
      action: before ? "update" : "create",
      entity: "identity_provider",
      entityId: after.id,
      visibility: "tenant",
      before: before ? shownBefore : null,
      after: shownAfter,
    });
    return present(after)!;
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
 * (`false` switches password sign-in off). Applied at every start.
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
    const values = {
      regionId: org.regionId,
      organizationId: org.id,
      issuer,
      clientId,
      clientSecret: env[`VERBUND_OIDC_${ags}_CLIENT_SECRET`] ?? null,
      scopes: env[`VERBUND_OIDC_${ags}_SCOPES`] ?? "openid email profile",
      isEnabled: true,
      isPasswordLoginEnabled: env[`VERBUND_OIDC_${ags}_PASSWORD_LOGIN`] !== "false",
      source: "env" as const,
      updatedAt: new Date(),
    };
    await db.insert(identityProviders).values(values).onConflictDoUpdate({ target: identityProviders.organizationId, set: values });
    count++;
  }
  return count;
}
