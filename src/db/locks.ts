import { sql } from "drizzle-orm";
import type { Tx } from "./client";

/**
 * What a transaction can serialise on when no single row stands for it: every writer that checks
 * a count of rows (a cap over many secondments, the next version number of a region's document)
 * takes the lock of the thing counted first, then counts and writes, so that two writers never
 * both see the count before the other's row.
 */
export type LockScope =
  /** Valid API keys of an administration (at most 20). */
  | "api_keys"
  /** People an administration lends at a time (department and administration caps). */
  | "lending"
  /** Version numbers of a region's framework agreement. */
  | "framework_agreement"
  /** Attempts on one login name (the brute-force limit). */
  | "login"
  /** Who holds region_admin in a region (the last active coordinator stays). */
  | "region_admins"
  /** Numbers of a lender's statements (no gaps, no duplicates). */
  | "statement_number"
  /** The statements of one lender, borrower and month (what the month billed, one draft at a time). */
  | "statement_month"
  /** A region's year-end closings (a year only after the ones before it, each opening on the last). */
  | "year_closing";

/**
 * Takes a transaction-level advisory lock for `scope` and `key` (held until commit or rollback).
 * On PostgreSQL concurrent transactions wait here; on PGlite, which runs one transaction at a
 * time, it costs nothing and changes nothing. Guarded by `test/concurrency.test.ts`.
 */
export async function lockFor(tx: Tx, scope: LockScope, key: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`${scope}:${key}`}, 0))`);
}
