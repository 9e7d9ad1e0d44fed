import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { ownerColumns } from "../../db/owner-columns";
import { germanSortColumn } from "../../kernel/paging";
import { declareConstraint } from "../../db/constraints";
import { declareVisibility } from "../../db/visibility";
import { accounts } from "../identity/identity.tables";
import { departments, organizations, regions } from "../organizations/organizations.tables";

/** Categories of the regional qualification catalogue. */
export const QUALIFICATION_CATEGORIES = ["Verwaltung", "Gesundheit", "Bauordnung", "IT", "Soziales", "Ordnung", "Sprachen"] as const;
export type QualificationCategory = (typeof QUALIFICATION_CATEGORIES)[number];

/** The region's qualification catalogue, maintained by the coordination office (region_admin). */
export const qualifications = declareVisibility(
  pgTable(
    "qualifications",
    {
      id: uuid("id").primaryKey().defaultRandom(),
      regionId: uuid("region_id")
        .notNull()
        .references(() => regions.id),
      /** Stable key, e.g. `kontaktnachverfolgung`. */
      key: text("key").notNull(),
      name: text("name").notNull(),
      category: text("category").$type<QualificationCategory>().notNull(),
      description: text("description"),
      createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    },
    (t) => [unique("qualifications_region_key").on(t.regionId, t.key)],
  ),
  "region",
);

/** Employment status of a pool member: employee under TVöD or civil servant (Beamtin/Beamter). */
export type EmploymentStatus = "employee" | "civil_servant";

/**
 * A member of the support pool: an employee who consented to be lent. Personal data is kept to
 * the purpose — no step, no salary, no date of birth: the cost rate is per pay group.
 */
export const poolMembers = declareVisibility(
  pgTable(
    "pool_members",
    {
      id: uuid("id").primaryKey().defaultRandom(),
      ...ownerColumns(),
      departmentId: uuid("department_id").references(() => departments.id),
      /** The member's own account, when the member keeps the entry personally. */
      accountId: uuid("account_id")
        .unique()
        .references(() => accounts.id, { onDelete: "set null" }),
      name: text("name").notNull(),
      /** `name` in German alphabetical order, written by the database: the member list's order (indexed). */
      nameSort: germanSortColumn("name_sort", "name"),
      workEmail: text("work_email").notNull(),
      phone: text("phone"),
      jobTitle: text("job_title").notNull(),
      employmentStatus: text("employment_status").$type<EmploymentStatus>().notNull(),
      /** TVöD `E 9b`, `S 11b`, civil-servant grade `A 11` … — the group only. */
      payGroup: text("pay_group").notNull(),
      languages: jsonb("languages").$type<string[]>().notNull().default([]),
      travelRadiusKm: integer("travel_radius_km").notNull().default(25),
      canWorkRemotely: boolean("can_work_remotely").notNull().default(false),
      notes: text("notes"),
      /**
       * The member chose to record a severe disability, so that the representative of severely
       * disabled employees is heard before a secondment (§ 178 Abs. 2 SGB IX). Set by the member only.
       */
      recordsSevereDisability: boolean("records_severe_disability").notNull().default(false),
      /** Version of the consent text the member agreed to, and when. */
      consentVersion: text("consent_version").notNull(),
      consentedAt: timestamp("consented_at", { withTimezone: true }).notNull(),
      /** When the member left the pool: no longer matched; personal data deleted after the retention period. */
      leftAt: timestamp("left_at", { withTimezone: true }),
      createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
      updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    },
    (t) => [index("pool_members_org").on(t.organizationId), index("pool_members_org_name").on(t.organizationId, t.nameSort, t.id)],
  ),
  "tenant",
);

/** A qualification a pool member holds; it counts once the home administration confirmed it and until it expires. */
export const poolMemberQualifications = declareVisibility(
  pgTable(
    "pool_member_qualifications",
    {
      memberId: uuid("member_id")
        .notNull()
        .references(() => poolMembers.id, { onDelete: "cascade" }),
      qualificationId: uuid("qualification_id")
        .notNull()
        .references(() => qualifications.id),
      ...ownerColumns(),
      validUntil: date("valid_until"),
      confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
      confirmedBy: uuid("confirmed_by").references(() => accounts.id, { onDelete: "set null" }),
    },
    (t) => [primaryKey({ columns: [t.memberId, t.qualificationId] })],
  ),
  "tenant",
);

/** When a pool member can help: a period and the hours per week in it. */
export const availabilityWindows = declareVisibility(
  pgTable(
    "availability_windows",
    {
      id: uuid("id").primaryKey().defaultRandom(),
      memberId: uuid("member_id")
        .notNull()
        .references(() => poolMembers.id, { onDelete: "cascade" }),
      ...ownerColumns(),
      startsOn: date("starts_on").notNull(),
      endsOn: date("ends_on").notNull(),
      hoursPerWeek: integer("hours_per_week").notNull(),
    },
    (t) => [index("availability_member").on(t.memberId)],
  ),
  "tenant",
);

declareConstraint("qualifications_region_key", {
  field: "key",
  message: { de: "Diesen Schlüssel hat bereits eine andere Qualifikation.", en: "Another qualification has this key already." },
});
declareConstraint("pool_members_account_id_unique", {
  field: "accountId",
  message: { de: "Diese Person ist bereits im Unterstützungspool.", en: "This person is in the support pool already." },
});
declareConstraint("pool_member_qualifications_member_id_qualification_id_pk", {
  field: "qualifications",
  message: { de: "Eine Qualifikation ist doppelt genannt.", en: "A qualification is named twice." },
});
