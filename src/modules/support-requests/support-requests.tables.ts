import { sql } from "drizzle-orm";
import { boolean, date, doublePrecision, index, integer, pgTable, pgView, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { SecondmentState } from "../../domain/secondment/workflow";
import { ownerColumns } from "../../db/owner-columns";
import { declareVisibility } from "../../db/visibility";
import { accounts } from "../identity/identity.tables";
import { departments, regions } from "../organizations/organizations.tables";
import { qualifications } from "../pool/pool.tables";

export type Urgency = "normal" | "urgent" | "crisis";
import type { SettlementModel } from "../../domain/settlement/statement";
export type { SettlementModel };
export type RequestStatus = "draft" | "open" | "partly_filled" | "filled" | "closed" | "cancelled";

/** A crisis declared by the region: its requests come first everywhere. */
export const crises = declareVisibility(
  pgTable("crises", {
    id: uuid("id").primaryKey().defaultRandom(),
    regionId: uuid("region_id")
      .notNull()
      .references(() => regions.id),
    name: text("name").notNull(),
    description: text("description").notNull(),
    startsOn: date("starts_on").notNull(),
    endsOn: date("ends_on"),
    declaredBy: uuid("declared_by").references(() => accounts.id, { onDelete: "set null" }),
    declaredAt: timestamp("declared_at", { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
  }),
  "region",
);

/** A support request (Unterstützungsanfrage). Open ones are `region` data; drafts stay with their administration. */
export const supportRequests = declareVisibility(
  pgTable(
    "support_requests",
    {
      id: uuid("id").primaryKey().defaultRandom(),
      ...ownerColumns(),
      departmentId: uuid("department_id").references(() => departments.id),
      createdBy: uuid("created_by").references(() => accounts.id, { onDelete: "set null" }),
      crisisId: uuid("crisis_id").references(() => crises.id),
      title: text("title").notNull(),
      tasks: text("tasks").notNull(),
      placeAddress: text("place_address"),
      placeLat: doublePrecision("place_lat").notNull(),
      placeLon: doublePrecision("place_lon").notNull(),
      isRemotePossible: boolean("is_remote_possible").notNull().default(false),
      headcount: integer("headcount").notNull(),
      startsOn: date("starts_on").notNull(),
      endsOn: date("ends_on").notNull(),
      hoursPerWeek: integer("hours_per_week").notNull(),
      urgency: text("urgency").$type<Urgency>().notNull(),
      settlementModel: text("settlement_model").$type<SettlementModel>().notNull(),
      contactName: text("contact_name").notNull(),
      contactEmail: text("contact_email").notNull(),
      contactPhone: text("contact_phone"),
      status: text("status").$type<RequestStatus>().notNull().default("draft"),
      openedAt: timestamp("opened_at", { withTimezone: true }),
      createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
      updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    },
    (t) => [index("support_requests_region_status").on(t.regionId, t.status), index("support_requests_org").on(t.organizationId)],
  ),
  "region",
  { privateWhere: "status = 'draft'" },
);

/** Qualifications a request requires (all of them) or prefers. */
export const supportRequestQualifications = declareVisibility(
  pgTable(
    "support_request_qualifications",
    {
      requestId: uuid("request_id")
        .notNull()
        .references(() => supportRequests.id, { onDelete: "cascade" }),
      qualificationId: uuid("qualification_id")
        .notNull()
        .references(() => qualifications.id),
      regionId: uuid("region_id")
        .notNull()
        .references(() => regions.id),
      isRequired: boolean("is_required").notNull(),
    },
    (t) => [primaryKey({ columns: [t.requestId, t.qualificationId] })],
  ),
  "region",
);

/**
 * The offers made for requests, as the request sees them: which administration lends and in what
 * state the secondment is — no person. The secondments workflow writes the rows; the request's
 * fill (offered, filled) and the crisis board read them here, so the support-requests capability
 * never queries the secondments table of the capability above it.
 */
export const requestOffers = pgView("request_offers", {
  requestId: uuid("request_id").notNull(),
  lenderOrganizationId: uuid("lender_organization_id").notNull(),
  state: text("state").$type<SecondmentState>().notNull(),
}).as(sql`select request_id, organization_id as lender_organization_id, state from secondments where request_id is not null`);
