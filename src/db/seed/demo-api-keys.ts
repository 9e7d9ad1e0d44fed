import { createHash, randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { accounts, apiKeys, organizations } from "../schema";

/** Wunstorf's official municipality key. */
const WUNSTORF = "03241021";

/**
 * Demo API keys of Wunstorf, so the HR office and controlling see the page in use: a valid key of
 * the citizens' office application, used yesterday, and a revoked one of an old interface. Their
 * secrets are random and never shown — nobody can use them; try a key by issuing your own on the
 * page. Deterministic rows; a key already there (by name) is left alone.
 */
export async function seedDemoApiKeys(db: Db, today = new Date()): Promise<number> {
  const [org] = await db.select().from(organizations).where(eq(organizations.ags, WUNSTORF));
  if (!org) throw new Error(`seedDemoApiKeys: no administration with AGS ${WUNSTORF}`);
  const [controlling] = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.login, "controlling@wunstorf.demo"));
  const [hr] = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.login, "personal@wunstorf.demo"));
  const day = (offset: number, hour: number) => {
    const at = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + offset, hour, 0, 0));
    return at;
  };
  const demo = [
    {
      name: "Fachverfahren Bürgeramt",
      createdByAccountId: controlling?.id ?? null,
      createdAt: day(-40, 9),
      lastUsedAt: day(-1, 6),
      revokedAt: null,
      revokedByAccountId: null,
    },
    {
      name: "Alte Schnittstelle Einwohnermeldeamt",
      createdByAccountId: hr?.id ?? null,
      createdAt: day(-200, 10),
      lastUsedAt: day(-60, 6),
      revokedAt: day(-45, 14),
      revokedByAccountId: hr?.id ?? null,
    },
  ];
  let written = 0;
  for (const key of demo) {
    const [exists] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(apiKeys)
      .where(and(eq(apiKeys.organizationId, org.id), eq(apiKeys.name, key.name)));
    if (Number(exists?.n) > 0) continue;
    const secret = "vbk_" + randomBytes(32).toString("base64url");
    await db.insert(apiKeys).values({
      ...key,
      regionId: org.regionId,
      organizationId: org.id,
      prefix: secret.slice(0, 12),
      secretHash: createHash("sha256").update(secret).digest("hex"),
      scopes: ["submissions"],
    });
    written++;
  }
  return written;
}
