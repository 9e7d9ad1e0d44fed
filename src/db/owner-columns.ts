import { sql, type SQL } from "drizzle-orm";
import { uuid, type AnyPgColumn, type PgTable } from "drizzle-orm/pg-core";
import { organizations, regions } from "../modules/organizations/organizations.tables";

/**
 * The columns every tenant-owned table carries: the owning region and administration. They are
 * the tenancy filter of every query and the distribution keys for a distributed PostgreSQL.
 */
export function ownerColumns() {
  return {
    regionId: uuid("region_id")
      .notNull()
      .references(() => regions.id),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
  };
}

/** A table lent between two administrations: its id, the lender (owner) and the borrower. */
interface PartyTable extends PgTable {
  id: AnyPgColumn;
  organizationId: AnyPgColumn;
  borrowerOrganizationId: AnyPgColumn;
}

/**
 * Ids (as text) of the rows of `table` the administration is a party to, lender or borrower, as a
 * subquery — what the audit log shares with each party's HR office (`audit.sharedWith`).
 */
export function partyRowIdsSql(table: PartyTable, organizationId: string): SQL {
  return sql`select ${table.id}::text from ${table} where ${table.organizationId} = ${organizationId} or ${table.borrowerOrganizationId} = ${organizationId}`;
}
