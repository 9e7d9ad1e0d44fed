/**
 * Cursor paging (keyset) for every list of the API: a page is at most `limit` items (default
 * {@link DEFAULT_PAGE_SIZE}, at most {@link MAX_PAGE_SIZE}) in a stable order that ends with the
 * row's id; `nextCursor` names the position after the page's last item and is null on the last
 * page. The cursor is opaque to clients (base64url of the last item's sort key as the database
 * wrote it, so timestamps keep their microseconds); it only says where to continue — the list's
 * own WHERE (tenant, visibility) applies to every page, whatever a cursor holds.
 *
 * @example
 * const order = [{ sql: secondments.updatedAt, type: "timestamp", desc: true }, { sql: secondments.id, type: "uuid", desc: true }] as const;
 * const rows = await db
 *   .select({ s: secondments, cursor: cursorColumn(order) })
 *   .from(secondments)
 *   .where(and(visible, afterCursor(order, page.cursor)))
 *   .orderBy(...orderBy(order))
 *   .limit(page.limit + 1);
 * const { items, nextCursor } = pageOf(rows, page.limit);
 */
import { asc, desc, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { customType } from "drizzle-orm/pg-core";
import { z } from "zod";
import { AppError, type Bilingual } from "./problems";

/** Items per page when the client names no `limit`. */
export const DEFAULT_PAGE_SIZE = 50;
/** The largest `limit` a client may ask for. */
export const MAX_PAGE_SIZE = 200;

const INVALID_CURSOR: Bilingual = {
  de: "Der Link zur nächsten Seite ist veraltet. Bitte laden Sie die Liste von vorn.",
  en: "The link to the next page is out of date. Please load the list from the start.",
};

const invalidCursor = () =>
  new AppError("validation", { fields: [{ field: "cursor", in: "querystring", rule: "invalid_cursor", message: INVALID_CURSOR }] });

/** The query parameters of a paged list: spread them into the route's `querystring` object. */
export const pageQuery = {
  cursor: z
    .string()
    .max(1024)
    .refine((value) => /^[A-Za-z0-9_-]+$/.test(value), { message: INVALID_CURSOR.en, params: INVALID_CURSOR })
    .optional()
    .describe("Where to continue: the `nextCursor` of the previous page (opaque); the first page without it"),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE_SIZE)
    .default(DEFAULT_PAGE_SIZE)
    .describe(`Items per page, 1–${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE})`),
};

/** What a use case needs to read one page. */
export interface PageRequest {
  /** The `nextCursor` of the previous page; none for the first page. */
  cursor?: string;
  /** Items per page. */
  limit: number;
}

/** The first page with the default size (callers that page on their own terms). */
export const FIRST_PAGE: PageRequest = { limit: DEFAULT_PAGE_SIZE };

/** A page of a list. */
export interface Page<T> {
  items: T[];
  /** Where the next page starts, or null when this is the last one. */
  nextCursor: string | null;
}

/** The response schema of a paged list of `item`; `extra` adds fields next to `items`. */
export function pageSchema<T extends z.ZodType, E extends z.ZodRawShape = Record<never, never>>(item: T, extra?: E) {
  return z.object({
    items: z.array(item),
    nextCursor: z.string().nullable().describe("Pass as `cursor` for the next page; null on the last page"),
    ...((extra ?? {}) as E),
  });
}

/** How a sort key is compared and cast back from its cursor text. */
export type KeyType = "uuid" | "text" | "timestamp" | "date" | "integer" | "boolean";

/** One part of a list's order. The last key must be unique (the id), so the order is total. */
export interface SortKey {
  /** A column or an expression (never null: use `coalesce`). */
  sql: AnyColumn | SQL;
  type: KeyType;
  /** Descending (default ascending). */
  desc?: boolean;
}

const CAST: Record<KeyType, string> = {
  uuid: "uuid",
  text: "text",
  timestamp: "timestamptz",
  date: "date",
  integer: "bigint",
  boolean: "boolean",
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function validValue(type: KeyType, value: unknown): boolean {
  switch (type) {
    case "uuid":
      return typeof value === "string" && UUID.test(value);
    case "text":
      return typeof value === "string" && value.length <= 1000;
    case "timestamp":
      return (
        typeof value === "string" && /^\d{4}-\d{2}-\d{2}T[\d:.]+([+-]\d{2}(:\d{2})?|Z)$/.test(value) && !Number.isNaN(Date.parse(value))
      );
    case "date":
      return typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));
    case "integer":
      return typeof value === "number" && Number.isSafeInteger(value);
    case "boolean":
      return typeof value === "boolean";
  }
}

/** The sort key of a cursor, checked against the list's keys; a 400 naming `cursor` otherwise. */
export function decodeCursor(keys: readonly SortKey[], cursor: string): unknown[] {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(values) || values.length !== keys.length || !keys.every((k, i) => validValue(k.type, values[i]))) {
    throw invalidCursor();
  }
  return values;
}

/** The ORDER BY of a list. */
export function orderBy(keys: readonly SortKey[]): SQL[] {
  return keys.map((k) => (k.desc ? desc(k.sql) : asc(k.sql)));
}

/**
 * The selected column that becomes the cursor of a row: its sort key as JSON, written by the
 * database (full precision of timestamps, the same text it compares with).
 */
export function cursorColumn(keys: readonly SortKey[]): SQL<string> {
  return sql<string>`json_build_array(${sql.join(
    keys.map((k) => k.sql),
    sql`, `,
  )})::text`;
}

/** The rows after the cursor in the list's order (nothing to add without a cursor). */
export function afterCursor(keys: readonly SortKey[], cursor: string | undefined): SQL | undefined {
  if (!cursor) return undefined;
  const values = decodeCursor(keys, cursor).map((v, i) => sql`${v}::${sql.raw(CAST[keys[i].type])}`);
  // One row comparison where every key runs the same way (an index can serve it); else spelled out.
  if (keys.every((k) => !!k.desc === !!keys[0].desc)) {
    const left = sql`(${sql.join(
      keys.map((k) => k.sql),
      sql`, `,
    )})`;
    const right = sql`(${sql.join(values, sql`, `)})`;
    return keys[0].desc ? sql`${left} < ${right}` : sql`${left} > ${right}`;
  }
  const beyond = keys.map((k, i) => (k.desc ? sql`${k.sql} < ${values[i]}` : sql`${k.sql} > ${values[i]}`));
  return sql`(${sql.join(
    keys.map((_, i) => sql`(${sql.join([...keys.slice(0, i).map((k, j) => sql`${k.sql} = ${values[j]}`), beyond[i]], sql` and `)})`),
    sql` or `,
  )})`;
}

/**
 * The page from rows read with `limit + 1` and a `cursor` column ({@link cursorColumn}): at most
 * `limit` rows, and the next cursor when there was one more.
 */
export function pageOf<R extends { cursor: string }>(rows: R[], limit: number): { rows: R[]; nextCursor: string | null } {
  if (rows.length <= limit) return { rows, nextCursor: null };
  const page = rows.slice(0, limit);
  return { rows: page, nextCursor: Buffer.from(page[page.length - 1].cursor, "utf8").toString("base64url") };
}

/**
 * German alphabetical order that does not depend on the database's collation (PGlite has no ICU,
 * servers differ): umlauts and accented letters fold to their base letter, ß to ss (DIN 5007-1,
 * as `Intl.Collator("de")` orders at its first level), then byte order of the lower-cased text.
 * Ties are broken by the list's next key. Large lists keep it in a generated column instead
 * ({@link germanSortColumn}), so that an index serves the order.
 */
export function germanSortKey(column: AnyColumn | SQL): SQL<string> {
  return sql<string>`lower(translate(replace(replace(${column}, 'ß', 'ss'), 'ẞ', 'SS'), ${sql.raw(quote(FOLD_FROM))}, ${sql.raw(quote(FOLD_TO))}) collate "C")`;
}

/** {@link germanSortKey} as SQL text over a column name (immutable: fit for a generated column). */
export function germanSortKeySql(column: string): string {
  return `lower(translate(replace(replace(${column}, 'ß', 'ss'), 'ẞ', 'SS'), ${quote(FOLD_FROM)}, ${quote(FOLD_TO)}) COLLATE "C")`;
}

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** Text compared byte by byte (`COLLATE "C"`), the same on every PostgreSQL. */
const byteOrderText = customType<{ data: string; driverData: string }>({ dataType: () => 'text COLLATE "C"' });

/**
 * A column that holds {@link germanSortKey} of another column of the same table, written by the
 * database (`GENERATED ALWAYS … STORED`): index it together with the tenant and the id, and the
 * list reads its page from the index instead of sorting every row.
 *
 * @example
 * nameSort: germanSortColumn("name_sort", "name"),
 */
export function germanSortColumn(name: string, source: string) {
  return byteOrderText(name)
    .notNull()
    .generatedAlwaysAs(sql.raw(germanSortKeySql(`"${source}"`)));
}

/** Letters folded by {@link germanSortKey}, and what they fold to. */
const FOLD: Record<string, string> = {
  A: "ÀÁÂÃÄÅĀĂĄ",
  a: "àáâãäåāăą",
  C: "ÇĆČ",
  c: "çćč",
  D: "ĎĐ",
  d: "ďđ",
  E: "ÈÉÊËĒĖĘĚ",
  e: "èéêëēėęě",
  G: "Ğ",
  g: "ğ",
  I: "ÌÍÎÏİ",
  i: "ìíîïı",
  L: "Ł",
  l: "ł",
  N: "ÑŃŇ",
  n: "ñńň",
  O: "ÒÓÔÕÖØŐ",
  o: "òóôõöøő",
  R: "Ř",
  r: "ř",
  S: "ŚŠŞ",
  s: "śšş",
  T: "Ť",
  t: "ť",
  U: "ÙÚÛÜŮŰ",
  u: "ùúûüůű",
  Y: "Ý",
  y: "ýÿ",
  Z: "ŹŻŽ",
  z: "źżž",
};
const FOLD_FROM = Object.values(FOLD).join("");
const FOLD_TO = Object.entries(FOLD)
  .map(([to, from]) => to.repeat([...from].length))
  .join("");
