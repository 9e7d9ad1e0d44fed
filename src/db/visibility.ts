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

/**
 * Declares the visibility class of a table, next to its definition. The tenant-isolation test
 * reads this registry to find every `tenant` and `party` row it must never see from outside.
 */
export function declareVisibility<T extends Table>(table: T, visibility: Visibility): T {
  registry.set(getTableName(table), visibility);
  return table;
}

/** The declared visibility of every table, by table name. */
export function listVisibilities(): ReadonlyMap<string, Visibility> {
  return registry;
}
