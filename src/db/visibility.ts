import { getTableName, type Table } from "drizzle-orm";

/**
 * The visibility class of a resource (DESIGN.md › Visibility):
 * - `tenant`: only the owning administration;
 * - `party`: the owning administration and the other party of a cooperation;
 * - `region`: every administration of the region;
 * - `public`: everyone.
 */
export type Visibility = "tenant" | "party" | "region" | "public";

const registry = new Map<string, Visibility>();
const privateRows = new Map<string, string>();

/**
 * Declares the visibility class of a table, next to its definition. The tenant-isolation test
 * reads this registry to find every `tenant` and `party` row it must never see from outside.
 * `privateWhere` (SQL over the table's columns) marks rows of a wider class that are still
 * private to their administration, e.g. support requests in draft.
 */
export function declareVisibility<T extends Table>(table: T, visibility: Visibility, options: { privateWhere?: string } = {}): T {
  registry.set(getTableName(table), visibility);
  if (options.privateWhere) privateRows.set(getTableName(table), options.privateWhere);
  return table;
}

/** The declared visibility of every table, by table name. */
export function listVisibilities(): ReadonlyMap<string, Visibility> {
  return registry;
}

/** Tables whose rows are partly private, with the SQL condition that selects those rows. */
export function listPrivateRowConditions(): ReadonlyMap<string, string> {
  return privateRows;
}
