import { eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { identityProviders } from "../identity.tables";
import { endSessionUrl, providerConfiguration } from "./oidc-client";

/**
 * Where to send the browser so that the provider ends its session too (RP-initiated logout);
 * null when the provider offers no end-session endpoint or cannot be reached.
 */
export async function providerLogoutUrl(db: Db, providerId: string, idToken: string | null, baseUrl: string): Promise<string | null> {
  const [provider] = await db.select().from(identityProviders).where(eq(identityProviders.id, providerId));
  if (!provider) return null;
  try {
    return endSessionUrl(await providerConfiguration(provider), idToken, `${baseUrl.replace(/\/$/, "")}/anmelden?abgemeldet=1`);
  } catch {
    return null;
  }
}
