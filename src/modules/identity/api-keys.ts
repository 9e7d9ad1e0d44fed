import { createHash, randomBytes } from "node:crypto";
import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { lockFor } from "../../db/locks";
import type { Actor, ApiKeyActor } from "../../kernel/actor";
import type { PageRequest } from "../../kernel/paging";
import type { ApiKeyScope } from "../../kernel/policy";
import { AppError } from "../../kernel/problems";
import { recordAudit } from "../audit";
import { organizations } from "../organizations";
import { listAccountNames } from "./account-scope";
import {
  countActiveApiKeys,
  getVisibleApiKeyForUpdate,
  listVisibleApiKeys,
  unscopedApiKeyBySecretHash,
  type ApiKeyView,
} from "./api-key-scope";
import { apiKeyPolicy } from "./identity.policy";
import { apiKeys } from "./identity.tables";

/** Every key begins with this, so a leaked one is recognised (secret scanners, logs). */
export const API_KEY_PREFIX = "vbk_";
/** A key as issued: the prefix and 32 random bytes in base64url (256 bits). */
const KEY_FORMAT = /^vbk_[A-Za-z0-9_-]{43}$/;
/** Characters of the secret shown in lists (`vbk_` and 8 of the random part: 48 of 256 bits). */
const SHOWN_CHARACTERS = 12;
/** The last use is written at most this often per key (no write per request). */
export const API_KEY_TOUCH_INTERVAL_SECONDS = 60;
/** An administration holds at most this many keys that are not revoked. */
export const MAX_ACTIVE_API_KEYS = 20;

/**
 * SHA-256, not a password hash: a key is 256 random bits, so nobody can guess it from its hash
 * however fast the hash (a password hash such as argon2id protects low-entropy secrets, and
 * would cost ~50 ms of CPU on every request a client makes). The hash is unique and indexed: the
 * key is found by the hash of what was presented, so no secret is compared byte by byte.
 */
const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

/** A key in an answer: dates as text, names of who issued and revoked it, what the caller may do. */
function present(row: ApiKeyView, names: Map<string, string>, actor: Actor) {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes as ApiKeyScope[],
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdByAccountId ? (names.get(row.createdByAccountId) ?? null) : null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    revokedBy: row.revokedByAccountId ? (names.get(row.revokedByAccountId) ?? null) : null,
    abilities: { revoke: !row.revokedAt && apiKeyPolicy.can(actor, "revoke") },
  };
}

async function namesOf(db: Db, actor: Actor, rows: ApiKeyView[]) {
  const ids = [...new Set(rows.flatMap((r) => [r.createdByAccountId, r.revokedByAccountId]).filter((id): id is string => !!id))];
  return new Map((await listAccountNames(db, actor, { ids })).map((a) => [a.id, a.name]));
}

/** A page of the keys of the actor's administration, the newest first, without secrets. */
export async function listApiKeys(db: Db, actor: Actor, page: PageRequest) {
  const { rows, nextCursor } = await listVisibleApiKeys(db, actor, page);
  const names = await namesOf(db, actor, rows);
  return { items: rows.map((r) => present(r, names, actor)), nextCursor, canCreate: apiKeyPolicy.can(actor, "create") };
}

/**
 * Issues a key of the actor's administration. The secret is in the answer and nowhere else: the
 * table keeps its SHA-256, the audit log the name and the public prefix.
 */
export async function createApiKey(db: Db, actor: Actor, body: { name: string; scopes: ApiKeyScope[] }) {
  const secret = API_KEY_PREFIX + randomBytes(32).toString("base64url");
  const row = await db.transaction(async (tx) => {
    // Two issuers at once: the second counts after the first has written its key.
    await lockFor(tx, "api_keys", actor.organizationId);
    if ((await countActiveApiKeys(tx, actor)) >= MAX_ACTIVE_API_KEYS) {
      throw new AppError("unprocessable", {
        message: {
          de: `Ihre Verwaltung hat schon ${MAX_ACTIVE_API_KEYS} gültige API-Schlüssel. Bitte widerrufen Sie einen, den Sie nicht mehr brauchen.`,
          en: `Your administration already holds ${MAX_ACTIVE_API_KEYS} valid API keys. Please revoke one you no longer need.`,
        },
      });
    }
    const [created] = await tx
      .insert(apiKeys)
      .values({
        regionId: actor.regionId,
        organizationId: actor.organizationId,
        name: body.name,
        prefix: secret.slice(0, SHOWN_CHARACTERS),
        secretHash: sha256(secret),
        scopes: [...new Set(body.scopes)],
        createdByAccountId: actor.accountId,
      })
      .returning();
    await recordAudit(tx, actor, {
      action: "create",
      entity: "api_key",
      entityId: created.id,
      visibility: "tenant",
      after: { name: created.name, prefix: created.prefix },
    });
    return created;
  });
  const { secretHash: _hash, ...view } = row;
  return { apiKey: present(view, new Map([[actor.accountId, actor.displayName]]), actor), secret };
}

/** Revokes a key of the actor's administration: from now on it is refused (401). 404 for another's key. */
export async function revokeApiKey(db: Db, actor: Actor, id: string) {
  const row = await db.transaction(async (tx) => {
    const key = await getVisibleApiKeyForUpdate(tx, actor, id);
    if (key.revokedAt) {
      throw new AppError("conflict", {
        message: { de: "Dieser API-Schlüssel ist bereits widerrufen.", en: "This API key is already revoked." },
      });
    }
    const [revoked] = await tx
      .update(apiKeys)
      .set({ revokedAt: sql`now()`, revokedByAccountId: actor.accountId })
      .where(eq(apiKeys.id, key.id))
      .returning();
    await recordAudit(tx, actor, {
      action: "update",
      entity: "api_key",
      entityId: key.id,
      visibility: "tenant",
      after: { change: "revoked", name: key.name, prefix: key.prefix },
    });
    return revoked;
  });
  const { secretHash: _hash, ...view } = row;
  return present(view, await namesOf(db, actor, [view]), actor);
}

/**
 * The machine actor behind a presented key, or null — for a malformed, unknown or revoked key
 * alike, after the same work (one hash, one indexed lookup). The last use is written at most once
 * a minute per key, by the database clock.
 */
export async function authenticateApiKey(db: Db, presented: string): Promise<ApiKeyActor | null> {
  const key = await unscopedApiKeyBySecretHash(db, sha256(presented.slice(0, 200)), API_KEY_TOUCH_INTERVAL_SECONDS);
  if (!key || key.revokedAt || !KEY_FORMAT.test(presented)) return null;
  if (key.isTouchDue) {
    // Another request of the same key may have written it meanwhile: only an older value is replaced.
    await db
      .update(apiKeys)
      .set({ lastUsedAt: sql`now()` })
      .where(
        and(
          eq(apiKeys.id, key.id),
          or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, sql`now() - make_interval(secs => ${API_KEY_TOUCH_INTERVAL_SECONDS})`)),
        ),
      );
  }
  return {
    kind: "api_key",
    apiKeyId: key.id,
    name: key.name,
    prefix: key.prefix,
    regionId: key.regionId,
    organizationId: key.organizationId,
    scopes: key.scopes,
  };
}

/** What a client learns about its own key: name, prefix, scopes and the administration it submits for. */
export async function describeOwnApiKey(db: Db, key: ApiKeyActor) {
  const [org] = await db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(eq(organizations.id, key.organizationId));
  return { id: key.apiKeyId, name: key.name, prefix: key.prefix, scopes: key.scopes as ApiKeyScope[], organization: org };
}
