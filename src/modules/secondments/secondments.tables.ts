import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, pgTable, primaryKey, text, timestamp, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { ownerColumns } from "../../db/owner-columns";
import { declareConstraint } from "../../db/constraints";
import { declareVisibility } from "../../db/visibility";
import type { Action, CouncilStatus, SecondmentState, WorkflowRole } from "../../domain/secondment/workflow";
import { accounts } from "../identity/identity.tables";
import { departments, organizations, regions } from "../organizations/organizations.tables";
import { poolMembers } from "../pool/pool.tables";
import type { OverheadKind } from "../../domain/settlement/overhead";
import type { SettlementModel } from "../support-requests/support-requests.tables";
import { supportRequests } from "../support-requests/support-requests.tables";

/** The other party of a secondment: the borrowing administration. */
const borrowerColumn = () =>
  uuid("borrower_organization_id")
    .notNull()
    .references(() => organizations.id);

/** The region's framework agreement (Rahmenvereinbarung), versioned; every secondment refers to the version in force. */
export const frameworkAgreements = declareVisibility(
  pgTable(
    "framework_agreements",
    {
      id: uuid("id").primaryKey().defaultRandom(),
      regionId: uuid("region_id")
        .notNull()
        .references(() => regions.id),
      version: integer("version").notNull(),
      title: text("title").notNull(),
      /** The text: rates, liability, accident insurance, data protection as joint controllers. */
      body: text("body").notNull(),
      validFrom: date("valid_from").notNull(),
      createdBy: uuid("created_by").references(() => accounts.id, { onDelete: "set null" }),
      createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    },
    (t) => [unique("framework_agreements_region_version").on(t.regionId, t.version)],
  ),
  "region",
);

/**
 * A secondment (Abordnung) of a pool member from the lending administration (the owner,
 * `organization_id`) to the borrowing one. `party` data of both.
 */
export const secondments = declareVisibility(
  pgTable(
    "secondments",
    {
      id: uuid("id").primaryKey().defaultRandom(),
      ...ownerColumns(),
      borrowerOrganizationId: borrowerColumn(),
      requestId: uuid("request_id").references(() => supportRequests.id),
      memberId: uuid("member_id")
        .notNull()
        .references(() => poolMembers.id),
      /** An extension is an amendment: a new secondment that passes the same gates and refers to the one it extends. */
      amendsId: uuid("amends_id"),
      state: text("state").$type<SecondmentState>().notNull().default("proposed"),
      councilStatus: text("council_status").$type<CouncilStatus>().notNull().default("not_required"),
      councilDeadline: date("council_deadline"),
      startsOn: date("starts_on").notNull(),
      endsOn: date("ends_on").notNull(),
      hoursPerWeek: integer("hours_per_week").notNull(),
      place: text("place"),
      tasks: text("tasks").notNull(),
      settlementModel: text("settlement_model").$type<SettlementModel>().notNull(),
      /**
       * The overhead surcharge the single agreement states (docs/SETTLEMENT.md): `office`, `other`,
       * `none` (the borrower provides the workplace) or `agreed` with its own percentage in basis
       * points. The lender's HR office sets it until the borrower confirms the agreement.
       */
      overhead: text("overhead").$type<OverheadKind>().notNull().default("office"),
      overheadBasisPoints: integer("overhead_basis_points"),
      /** Employment status at proposal and the legal basis that follows (§ 4 Abs. 1 TVöD, § 27 NBG). */
      employmentStatus: text("employment_status").$type<"employee" | "civil_servant">().notNull(),
      legalBasis: text("legal_basis").notNull(),
      frameworkAgreementId: uuid("framework_agreement_id").references(() => frameworkAgreements.id),
      hearingRecordedAt: timestamp("hearing_recorded_at", { withTimezone: true }),
      sbvHearingRecordedAt: timestamp("sbv_hearing_recorded_at", { withTimezone: true }),
      /** The first day as the receiving side tells the person: time and place to report, and what to bring or know. */
      firstDayTime: text("first_day_time"),
      firstDayPlace: text("first_day_place"),
      firstDayNote: text("first_day_note"),
      proposedBy: uuid("proposed_by").references(() => accounts.id, { onDelete: "set null" }),
      createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
      updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    },
    (t) => [
      index("secondments_member").on(t.memberId),
      index("secondments_org").on(t.organizationId),
      index("secondments_borrower").on(t.borrowerOrganizationId),
      index("secondments_request").on(t.requestId),
      // The list's order (newest change first) within a region: a page is read from the index.
      index("secondments_region_updated").on(t.regionId, t.updatedAt, t.id),
      // One proposal of a person per request while it is in play (extensions amend it and are not counted).
      uniqueIndex("secondments_one_per_request_member")
        .on(t.requestId, t.memberId)
        .where(
          sql`${t.amendsId} IS NULL AND ${t.state} IN ('proposed', 'released', 'approved', 'staff_council', 'accepted', 'agreed', 'onboarding', 'active', 'completed')`,
        ),
      // An own percentage exactly when the agreement deviates from the framework agreement, 0–100 %.
      check(
        "secondments_overhead_agreed",
        sql`(${t.overhead} = 'agreed') = (${t.overheadBasisPoints} IS NOT NULL) AND (${t.overheadBasisPoints} IS NULL OR ${t.overheadBasisPoints} BETWEEN 0 AND 10000)`,
      ),
      // One extension in the procedure per secondment.
      uniqueIndex("secondments_one_pending_extension")
        .on(t.amendsId)
        .where(sql`${t.amendsId} IS NOT NULL AND ${t.state} IN ('proposed', 'released', 'approved', 'staff_council', 'accepted')`),
    ],
  ),
  "party",
);

/** Every step of a secondment: who, when, on whose behalf, from which state to which, and why. */
export const secondmentTransitions = declareVisibility(
  pgTable(
    "secondment_transitions",
    {
      id: uuid("id").primaryKey().defaultRandom(),
      secondmentId: uuid("secondment_id")
        .notNull()
        .references(() => secondments.id, { onDelete: "cascade" }),
      ...ownerColumns(),
      borrowerOrganizationId: borrowerColumn(),
      action: text("action").$type<Action | "propose">().notNull(),
      fromState: text("from_state").$type<SecondmentState>(),
      toState: text("to_state").$type<SecondmentState>().notNull(),
      actorAccountId: uuid("actor_account_id").references(() => accounts.id, { onDelete: "set null" }),
      /** Name shown in the timeline: the acting account, or "Verbund" for the system. */
      actorName: text("actor_name").notNull(),
      /** The principal when a deputy acted. */
      onBehalfOf: text("on_behalf_of"),
      /** The workflow role the step was taken in ("Personalamt Wunstorf", "Personalrat …" in the history). */
      actingAs: text("acting_as").$type<WorkflowRole>(),
      reason: text("reason"),
      at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    },
    (t) => [index("secondment_transitions_secondment").on(t.secondmentId)],
  ),
  "party",
);

export type OnboardingKey = "it_account" | "device" | "workplace" | "badge" | "briefing";

/** The onboarding checklist of a secondment: each item with its responsible side, due date and status. */
export const onboardingItems = declareVisibility(
  pgTable(
    "onboarding_items",
    {
      secondmentId: uuid("secondment_id")
        .notNull()
        .references(() => secondments.id, { onDelete: "cascade" }),
      key: text("key").$type<OnboardingKey>().notNull(),
      ...ownerColumns(),
      borrowerOrganizationId: borrowerColumn(),
      side: text("side").$type<"lender" | "borrower">().notNull(),
      isRequired: boolean("is_required").notNull(),
      dueOn: date("due_on"),
      status: text("status").$type<"open" | "done" | "not_needed">().notNull().default("open"),
      doneAt: timestamp("done_at", { withTimezone: true }),
    },
    (t) => [primaryKey({ columns: [t.secondmentId, t.key] })],
  ),
  "party",
);

/** An administration's secondment settings: when the staff council is asked, its deadline, and the cap for the whole administration. */
export const secondmentSettings = declareVisibility(
  pgTable("secondment_settings", {
    organizationId: uuid("organization_id")
      .primaryKey()
      .references(() => organizations.id),
    regionId: uuid("region_id")
      .notNull()
      .references(() => regions.id),
    /** `all`: every secondment goes to the staff council (default); `longer_than_3_months`: only those. */
    councilScope: text("council_scope").$type<"all" | "longer_than_3_months">().notNull().default("all"),
    councilDeadlineWorkingDays: integer("council_deadline_working_days").notNull().default(10),
    /** At most this many people lent at the same time (null: no cap). */
    maxLentTotal: integer("max_lent_total"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  }),
  "tenant",
);

/** Minimum staffing per department: at most `max_lent` of its people lent at the same time. */
export const departmentCaps = declareVisibility(
  pgTable(
    "department_caps",
    {
      departmentId: uuid("department_id")
        .primaryKey()
        .references(() => departments.id),
      ...ownerColumns(),
      maxLent: integer("max_lent").notNull(),
    },
    (t) => [index("department_caps_org").on(t.organizationId)],
  ),
  "tenant",
);

/** An iCal feed behind an unguessable token: a person's own secondments or a department's incoming and outgoing ones. */
export const calendarFeeds = declareVisibility(
  pgTable(
    "calendar_feeds",
    {
      id: uuid("id").primaryKey().defaultRandom(),
      ...ownerColumns(),
      accountId: uuid("account_id")
        .notNull()
        .references(() => accounts.id, { onDelete: "cascade" }),
      scope: text("scope").$type<"person" | "department">().notNull(),
      departmentId: uuid("department_id").references(() => departments.id),
      /** SHA-256 of the token; the token itself is shown once. */
      tokenHash: text("token_hash").notNull().unique(),
      createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
      revokedAt: timestamp("revoked_at", { withTimezone: true }),
    },
    (t) => [index("calendar_feeds_account").on(t.accountId)],
  ),
  "tenant",
);

declareConstraint("framework_agreements_region_version", {
  field: "version",
  message: {
    de: "Gleichzeitig wurde eine andere Fassung der Rahmenvereinbarung angelegt. Bitte laden Sie die Seite neu.",
    en: "Another version of the framework agreement was created at the same moment. Please reload the page.",
  },
});
declareConstraint("secondments_one_per_request_member", {
  field: "memberId",
  message: {
    de: "Diese Person ist für diese Anfrage bereits vorgeschlagen.",
    en: "This person has been proposed for this request already.",
  },
});
declareConstraint("secondments_one_pending_extension", {
  field: "endsOn",
  message: { de: "Eine Verlängerung ist bereits im Verfahren.", en: "An extension is already under way." },
});
