import { and, eq, getTableColumns, isNull, sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import type { Actor } from "../../kernel/actor";
import { afterCursor, cursorColumn, orderBy, pageOf, type PageRequest, type SortKey } from "../../kernel/paging";
import { AppError } from "../../kernel/problems";
import { apiKeyPolicy } from "./identity.policy";
import { apiKeys } from "./identity.tables";

// What may be read of API keys — the one place that says so (test/scope.test.ts keeps every other
// file from reading the table). Keys are `tenant` data:
//
// 1. What an actor may see: the HR office and controlling of an administration its keys
//    (`visibleApiKeysWhere`, `listVisibleApiKeys`, `getVisibleApiKeyForUpdate`, `countActiveApiKeys`);
//    nobody else, and nobody of another administration (404). The secret is never stored, only
//    its hash, and no read returns the hash (`ApiKeyView`).
// 2. `unscoped…`: Verbund's own work — finding the key behind a presented secret by its hash
//    (`unscopedApiKeyBySecretHash`, the request's credential is the secret itself).

/** What a key's reader gets: the row without its hash. */
export type ApiKeyView = Omit<typeof apiKeys.$inferSelect, "secretHash">;

const { secretHash: _hash, ...viewColumns } = getTableColumns(apiKeys);

// ---------------------------------------------------------------------------------------------
// 1. What an actor may see

/** The keys the actor may see: its administration's for the HR office and controlling, none otherwise. */
export function visibleApiKeysWhere(actor: Actor): SQL {
  return apiKeyPolicy.can(actor, "list") ? eq(apiKeys.organizationId, actor.organizationId) : sql`false`;
}

/** The order of the key list: the newest first, then id. */
const API_KEY_ORDER: SortKey[] = [
  { sql: apiKeys.createdAt, type: "timestamp", desc: true },
  { sql: apiKeys.id, type: "uuid", desc: true },
];

/** A page of the actor's administration's keys, the newest first (revoked ones included). */
export async function listVisibleApiKeys(
  db: Db | Tx,
  actor: Actor,
  page: PageRequest,
): Promise<{ rows: ApiKeyView[]; nextCursor: string | null }> {
  const rows = await db
    .select({ ...viewColumns, cursor: cursorColumn(API_KEY_ORDER) })
    .from(apiKeys)
    .where(and(visibleApiKeysWhere(actor), afterCursor(API_KEY_ORDER, page.cursor)))
    .orderBy(...orderBy(API_KEY_ORDER))
    .limit(page.limit + 1);
  const shown = pageOf(rows, page.limit);
  return { rows: shown.rows.map(({ cursor: _cursor, ...row }) => row), nextCursor: shown.nextCursor };
}

/** One key the actor may see, locked for a change; 404 otherwise (another administration's key does not exist for it). */
export async function getVisibleApiKeyForUpdate(tx: Tx, actor: Actor, id: string): Promise<ApiKeyView> {
  const [row] = await tx
    .select(viewColumns)
    .from(apiKeys)
    .where(and(visibleApiKeysWhere(actor), eq(apiKeys.id, id)))
    .for("update");
  if (!row) throw new AppError("not_found");
  return row;
}

/** How many keys of the actor's administration are not revoked (the limit on new keys). */
export async function countActiveApiKeys(db: Db | Tx, actor: Actor): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(apiKeys)
    .where(and(visibleApiKeysWhere(actor), isNull(apiKeys.revokedAt)));
  return Number(row?.n ?? 0);
}

// ---------------------------------------------------------------------------------------------
// 2. Verbund's own work

/**
 * The key whose secret hashes to `hash` (one lookup in the unique index; the attacker cannot steer
 * the hash, so the lookup's time tells nothing about a stored secret), with whether its last use
 * is older than `touchSeconds` by the database clock. Revoked keys are returned too: the caller
 * refuses them after the same work.
 */
export async function unscopedApiKeyBySecretHash(db: Db | Tx, hash: string, touchSeconds: number) {
  const [row] = await db
    .select({
      ...viewColumns,
      isTouchDue: sql<boolean>`(${apiKeys.lastUsedAt} is null or ${apiKeys.lastUsedAt} < now() - make_interval(secs => ${touchSeconds}))`,
    })
    .from(apiKeys)
    .where(eq(apiKeys.secretHash, hash));
  return row;
}
