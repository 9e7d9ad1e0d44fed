import { doublePrecision, integer, jsonb, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { declareConstraint } from "../../db/constraints";
import { declareVisibility } from "../../db/visibility";

/** A region (Landkreis or Region) whose administrations work together in Verbund. */
export const regions = declareVisibility(
  pgTable("regions", {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Official key of the district (Kreisschlüssel), e.g. `03241`. */
    code: text("code").notNull().unique(),
    name: text("name").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  }),
  "public",
);

/** Kind of an administration: the regional administration itself or one of its municipalities. */
export type OrganizationKind = "region" | "municipality";

/** An administration (Verwaltung): the tenant that owns accounts, pool members and requests. */
export const organizations = declareVisibility(
  pgTable("organizations", {
    id: uuid("id").primaryKey().defaultRandom(),
    regionId: uuid("region_id")
      .notNull()
      .references(() => regions.id),
    /** Amtlicher Gemeindeschlüssel (8 digits) or Kreisschlüssel (5 digits) for the region. */
    ags: text("ags").notNull().unique(),
    name: text("name").notNull(),
    kind: text("kind").$type<OrganizationKind>().notNull(),
    /** Stadt, Gemeinde, Region … as the official register names it. */
    designation: text("designation").notNull(),
    population: integer("population").notNull(),
    areaKm2: doublePrecision("area_km2").notNull(),
    /** Reference point (WGS84) used for distances. */
    lat: doublePrecision("lat").notNull(),
    lon: doublePrecision("lon").notNull(),
    /** GeoJSON geometry of the boundary. */
    boundary: jsonb("boundary"),
    /** Administration that is the lower building authority (untere Bauaufsichtsbehörde) for this one. */
    buildingAuthorityId: uuid("building_authority_id"),
    /**
     * The function mailbox other administrations write to about its service standards (its
     * controlling or reporting office, e.g. `controlling@wunstorf.de`) — a function, not a person.
     * Named with the best practice of the evaluation; empty until the administration gives one.
     */
    standardsContactEmail: text("standards_contact_email"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  }),
  "public",
);

/** A department (Fachbereich/Amt) of an administration. */
export const departments = declareVisibility(
  pgTable(
    "departments",
    {
      id: uuid("id").primaryKey().defaultRandom(),
      regionId: uuid("region_id")
        .notNull()
        .references(() => regions.id),
      organizationId: uuid("organization_id")
        .notNull()
        .references(() => organizations.id),
      /** Stable key across administrations (`personal`, `bauordnung`, …). */
      key: text("key").notNull(),
      name: text("name").notNull(),
      createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    },
    (t) => [unique("departments_org_key").on(t.organizationId, t.key)],
  ),
  "region",
);

declareConstraint("departments_org_key", {
  field: "key",
  message: { de: "Diesen Fachbereich gibt es in der Verwaltung bereits.", en: "This department exists in the administration already." },
});
