import { uuid } from "drizzle-orm/pg-core";
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
