import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { declareConstraint } from "../../db/constraints";
import { ownerColumns } from "../../db/owner-columns";
import { declareVisibility } from "../../db/visibility";
import type {
  Aggregation,
  Applicability,
  ConfidenceLevel,
  Direction,
  ExplainedWarning,
  IndicatorUnit,
  Periodicity,
  StandardTheme,
  SubmissionSource,
  SubmissionState,
} from "../../domain/standards/standard";
import { accounts } from "../identity/identity.tables";
import { regions } from "../organizations/organizations.tables";

// Service standards (Leistungsstandards) of a region and the values its administrations report
// against them (Meldungen). The catalogue is public; values are region data once submitted
// (drafts stay with their administration) and public once published.

/**
 * A service standard: the stable identity of a standard across its versions. What it says lives in
 * its versions; a value is always measured against one version.
 */
export const serviceStandards = declareVisibility(
  pgTable(
    "service_standards",
    {
      id: uuid("id").primaryKey().defaultRandom(),
      regionId: uuid("region_id")
        .notNull()
        .references(() => regions.id),
      /** Stable short key within the region, e.g. `telefon-erreichbarkeit`. */
      key: text("key").notNull(),
      createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    },
    (t) => [uniqueIndex("service_standards_key_per_region").on(t.regionId, t.key)],
  ),
  "public",
);

declareConstraint("service_standards_key_per_region", {
  field: "key",
  message: {
    de: "Einen Standard mit diesem Kürzel gibt es bereits. Ohne eigenes Kürzel wird es aus dem Titel gebildet: Ändern Sie den Titel.",
    en: "A standard with this key exists already. Without a key of its own it is made from the title: change the title.",
  },
});

/**
 * One version of a standard. Every change by the region's coordination is a new version (numbered
 * 1, 2, …); versions are never changed afterwards, so trends stay comparable.
 */
export const serviceStandardVersions = declareVisibility(
  pgTable(
    "service_standard_versions",
    {
      id: uuid("id").primaryKey().defaultRandom(),
      regionId: uuid("region_id")
        .notNull()
        .references(() => regions.id),
      standardId: uuid("standard_id")
        .notNull()
        .references(() => serviceStandards.id),
      version: integer("version").notNull(),
      title: text("title").notNull(),
      titleEn: text("title_en").notNull(),
      theme: text("theme").$type<StandardTheme>().notNull(),
      /** The service: a 14-digit LeiKa key and/or a 5-digit OZG service id from the bundled catalogue. */
      leikaKey: text("leika_key"),
      ozgId: text("ozg_id"),
      /** The indicator: what is counted, and how. */
      indicatorDefinition: text("indicator_definition").notNull(),
      measurement: text("measurement").notNull(),
      unit: text("unit").$type<IndicatorUnit>().notNull(),
      aggregation: text("aggregation").$type<Aggregation>().notNull(),
      direction: text("direction").$type<Direction>().notNull(),
      periodicity: text("periodicity").$type<Periodicity>().notNull(),
      target: doublePrecision("target").notNull(),
      /** Tolerance band around the target, in the indicator's unit (missed only beyond it). */
      tolerance: doublePrecision("tolerance").notNull().default(0),
      validFrom: date("valid_from").notNull(),
      validTo: date("valid_to"),
      /** The official anchor: law, agreement or the region's resolution. */
      anchor: text("anchor").notNull(),
      /** A maturity model or other reference the standard depends on (e.g. `OZG-Reifegradmodell 2.0`). */
      referenceModel: text("reference_model"),
      appliesTo: text("applies_to").$type<Applicability>().notNull(),
      /** A proposal of the starter set, to be adapted by the region. */
      isProposal: boolean("is_proposal").notNull().default(false),
      /** Why this version was made (empty for the first). */
      changeNote: text("change_note").notNull().default(""),
      createdBy: uuid("created_by").references(() => accounts.id, { onDelete: "set null" }),
      /** The role in which the version was made (the history names the role, not the person); null for the starter set. */
      createdByRole: text("created_by_role"),
      createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    },
    (t) => [
      uniqueIndex("service_standard_versions_number").on(t.standardId, t.version),
      check("service_standard_versions_tolerance", sql`${t.tolerance} >= 0`),
      check("service_standard_versions_validity", sql`${t.validTo} IS NULL OR ${t.validTo} >= ${t.validFrom}`),
    ],
  ),
  "public",
);

declareConstraint("service_standard_versions_number", {
  field: "version",
  message: {
    de: "Der Standard wurde gerade von jemand anderem geändert. Bitte laden Sie die Seite neu.",
    en: "Someone else has just changed this standard. Please reload the page.",
  },
});

/**
 * A value an administration reports for a standard and a period (Meldung). One current value per
 * administration, standard and period; a correction after publication is a new version that
 * replaces the published one (`replacedById`), with a reason.
 */
export const submissions = declareVisibility(
  pgTable(
    "submissions",
    {
      id: uuid("id").primaryKey().defaultRandom(),
      ...ownerColumns(),
      standardId: uuid("standard_id")
        .notNull()
        .references(() => serviceStandards.id),
      /** The version of the standard the value was measured against. */
      standardVersionId: uuid("standard_version_id")
        .notNull()
        .references(() => serviceStandardVersions.id),
      /** `2026-09`, `2026-Q3` or `2026`. */
      period: text("period").notNull(),
      periodStart: date("period_start").notNull(),
      periodEnd: date("period_end").notNull(),
      value: doublePrecision("value").notNull(),
      numerator: doublePrecision("numerator"),
      denominator: doublePrecision("denominator"),
      /** How the value was measured, in the reporter's words. */
      method: text("method").notNull().default(""),
      confidence: text("confidence").$type<ConfidenceLevel>().notNull().default("high"),
      /** Warnings of the plausibility checks, each with the reporter's reason. */
      explainedWarnings: jsonb("explained_warnings").$type<ExplainedWarning[]>().notNull().default([]),
      state: text("state").$type<SubmissionState>().notNull().default("draft"),
      /** Published on this day (embargo before); set when the value is validated. */
      publishOn: date("publish_on"),
      source: text("source").$type<SubmissionSource>().notNull().default("form"),
      importId: uuid("import_id"),
      /** 1 for the first value of a period; a correction after publication counts on. */
      version: integer("version").notNull().default(1),
      correctsId: uuid("corrects_id"),
      correctionReason: text("correction_reason"),
      /** Set when a correction replaced this value. */
      replacedById: uuid("replaced_by_id"),
      createdBy: uuid("created_by").references(() => accounts.id, { onDelete: "set null" }),
      createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
      submittedBy: uuid("submitted_by").references(() => accounts.id, { onDelete: "set null" }),
      submittedAt: timestamp("submitted_at", { withTimezone: true }),
      validatedBy: uuid("validated_by").references(() => accounts.id, { onDelete: "set null" }),
      validatedAt: timestamp("validated_at", { withTimezone: true }),
      /** Why the region's coordination sent the value back (it is a draft again); empty otherwise. */
      returnComment: text("return_comment"),
      updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    },
    (t) => [
      // One current value per administration, standard and period.
      uniqueIndex("submissions_one_current")
        .on(t.organizationId, t.standardId, t.period)
        .where(sql`${t.replacedById} IS NULL`),
      uniqueIndex("submissions_version").on(t.organizationId, t.standardId, t.period, t.version),
      index("submissions_standard_period").on(t.standardId, t.period),
      index("submissions_region_state").on(t.regionId, t.state),
      check("submissions_period_order", sql`${t.periodEnd} >= ${t.periodStart}`),
      check(
        "submissions_fraction",
        sql`(${t.numerator} IS NULL AND ${t.denominator} IS NULL) OR (${t.numerator} >= 0 AND ${t.denominator} > 0 AND ${t.numerator} <= ${t.denominator})`,
      ),
    ],
  ),
  "region",
  { privateWhere: "state = 'draft'" },
);

declareConstraint("submissions_one_current", {
  field: "period",
  message: {
    de: "Für diesen Standard und Zeitraum gibt es schon einen Wert. Bitte laden Sie die Seite neu.",
    en: "There is a value for this standard and period already. Please reload the page.",
  },
});
declareConstraint("submissions_version", {
  field: "period",
  message: {
    de: "Dieser Wert wurde gerade von jemand anderem korrigiert. Bitte laden Sie die Seite neu.",
    en: "Someone else has just corrected this value. Please reload the page.",
  },
});

/** The states of an import of a file: running → done | failed (nothing written when failed). */
export const IMPORT_STATES = ["running", "done", "failed"] as const;
export type ImportState = (typeof IMPORT_STATES)[number];

/**
 * An upload of a CSV or XLSX file of values: its progress while it runs and its problems when it
 * fails. Tenant data of the administration that uploaded it.
 */
export const submissionImports = declareVisibility(
  pgTable(
    "submission_imports",
    {
      id: uuid("id").primaryKey().defaultRandom(),
      ...ownerColumns(),
      fileName: text("file_name").notNull(),
      size: integer("size").notNull(),
      state: text("state").$type<ImportState>().notNull().default("running"),
      rowsTotal: integer("rows_total").notNull().default(0),
      rowsDone: integer("rows_done").notNull().default(0),
      /** Every problem of the file, each with line and column, when it failed. */
      problems: jsonb("problems").$type<unknown[]>().notNull().default([]),
      createdBy: uuid("created_by").references(() => accounts.id, { onDelete: "set null" }),
      createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
      finishedAt: timestamp("finished_at", { withTimezone: true }),
    },
    (t) => [index("submission_imports_org_created").on(t.organizationId, t.createdAt)],
  ),
  "tenant",
);

/**
 * The right of reply (Stellungnahme): an administration's short public comment on one of its
 * published values. Every change is a new row (`version` 1, 2, …); the newest row is the current
 * comment, `text` empty when it was withdrawn. Rows are never changed, so the history stays.
 * Public once its value is published (the public reads only the newest row of a published value).
 */
export const submissionReplies = declareVisibility(
  pgTable(
    "submission_replies",
    {
      id: uuid("id").primaryKey().defaultRandom(),
      ...ownerColumns(),
      submissionId: uuid("submission_id")
        .notNull()
        .references(() => submissions.id),
      version: integer("version").notNull(),
      /** Plain text; empty: the comment was withdrawn. */
      text: text("text").notNull(),
      createdBy: uuid("created_by").references(() => accounts.id, { onDelete: "set null" }),
      createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    },
    (t) => [uniqueIndex("submission_replies_version").on(t.submissionId, t.version)],
  ),
  "region",
);

declareConstraint("submission_replies_version", {
  field: "basedOnVersion",
  message: {
    de: "Die Stellungnahme wurde gerade von jemand anderem geändert. Bitte laden Sie die Seite neu.",
    en: "Someone else has just changed this comment. Please reload the page.",
  },
});
