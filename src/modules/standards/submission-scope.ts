import { and, asc, desc, eq, inArray, isNull, lte, ne, or, sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import type { Actor } from "../../kernel/actor";
import { afterCursor, cursorColumn, orderBy, type SortKey } from "../../kernel/paging";
import { AppError } from "../../kernel/problems";
import type { SubmissionState } from "../../domain/standards/standard";
import { organizations } from "../organizations";
import { submissionReplies, submissions } from "./standards.tables";
import type { StandardVersionRow } from "./standard-scope";

// What may be read of reported values (Meldungen) — the one place that says so
// (test/scope.test.ts keeps every other file from reading `submissions`).
//
// | who                                                    | sees                                                  |
// |--------------------------------------------------------|-------------------------------------------------------|
// | reporter, HR office, management of the administration | its own values in every state (drafts are private)    |
// | any staff account of the region                        | the region's submitted, validated, published values   |
// | the public (and anyone)                                | validated values whose publication day has come       |
//
// A value's versions (corrections) stay readable as history; lists show the current ones unless
// asked for the history. `unscoped…` reads serve the checks (the previous period, the region's
// values of the same period), the task lists and the publication job; they return figures, never
// another administration's drafts.
//
// The catalogue (standards and their versions) is read through its own scope, `standard-scope.ts`.

export type SubmissionRow = typeof submissions.$inferSelect;
export type { StandardVersionRow };

/**
 * The administration a value is reported for: a signed-in reporter's, or the one an API key was
 * issued to (`ApiKeyActor`). The own-value reads below need no more than this.
 */
export type ReportingAdministration = Pick<Actor, "regionId" | "organizationId">;

/** The roles that see their administration's drafts. */
export const OWN_DRAFT_ROLES = ["reporter", "org_admin", "management"] as const;

/** Values published on or before `day`: validated (or marked published) and past their embargo. */
export function publishedSubmissionsWhere(day: string): SQL {
  return and(inArray(submissions.state, ["validated", "published"]), lte(submissions.publishOn, day)) as SQL;
}

/**
 * No newer version of the same value (administration, standard, period) that the actor sees on
 * `day` and that is more than a draft: a correction takes a value's place only once the reader may
 * see it. So the public keeps the published version while its correction waits for validation or
 * for its own publication day (the correction's embargo is kept, and a correction that is sent back
 * cannot take a published value off the portal); a staff account of the region counts the
 * submitted correction at once. `null`: the public.
 */
export function noNewerVisibleVersionWhere(actor: Pick<Actor, "regionId"> | null, day: string): SQL {
  const published = sql`newer.state IN ('validated', 'published') AND newer.publish_on <= ${day}`;
  const seen = actor ? sql`(newer.region_id = ${actor.regionId} OR (${published}))` : published;
  return sql`NOT EXISTS (SELECT 1 FROM ${submissions} AS newer WHERE newer.organization_id = ${submissions.organizationId}
    AND newer.standard_id = ${submissions.standardId} AND newer.period = ${submissions.period}
    AND newer.version > ${submissions.version} AND newer.state <> 'draft' AND ${seen})`;
}

/** The values the actor may see on `day` (the public: published ones). */
export function visibleSubmissionsWhere(actor: Actor | null, day: string): SQL {
  if (!actor) return publishedSubmissionsWhere(day);
  const seesOwnDrafts = actor.roles.some((r) => (OWN_DRAFT_ROLES as readonly string[]).includes(r));
  return or(
    publishedSubmissionsWhere(day),
    and(
      eq(submissions.regionId, actor.regionId),
      or(ne(submissions.state, "draft"), seesOwnDrafts ? eq(submissions.organizationId, actor.organizationId) : sql`false`),
    ),
  ) as SQL;
}

/** Newest period first, then administration, standard, newest version. */
const SUBMISSION_ORDER: SortKey[] = [
  { sql: submissions.periodEnd, type: "date", desc: true },
  { sql: submissions.organizationId, type: "uuid" },
  { sql: submissions.standardId, type: "uuid" },
  { sql: submissions.version, type: "integer", desc: true },
  { sql: submissions.id, type: "uuid" },
];

export interface SubmissionFilter {
  standard?: string;
  period?: string;
  state?: SubmissionState;
  organization?: string;
  history?: boolean;
  limit: number;
  cursor?: string;
}

/** A page of the values the actor may see (`limit + 1` rows; the caller pages). */
export async function listVisibleSubmissions(db: Db | Tx, actor: Actor | null, day: string, filter: SubmissionFilter) {
  return db
    .select({ s: submissions, cursor: cursorColumn(SUBMISSION_ORDER) })
    .from(submissions)
    .where(
      and(
        visibleSubmissionsWhere(actor, day),
        filter.standard ? eq(submissions.standardId, filter.standard) : undefined,
        filter.period ? eq(submissions.period, filter.period) : undefined,
        filter.state ? eq(submissions.state, filter.state) : undefined,
        filter.organization ? eq(submissions.organizationId, filter.organization) : undefined,
        filter.history ? undefined : isNull(submissions.replacedById),
        afterCursor(SUBMISSION_ORDER, filter.cursor),
      ),
    )
    .orderBy(...orderBy(SUBMISSION_ORDER))
    .limit(filter.limit + 1);
}

/** A value the actor may see; 404 otherwise (a foreign draft answers like a missing value). */
export async function getVisibleSubmission(db: Db | Tx, actor: Actor | null, day: string, id: string): Promise<SubmissionRow> {
  const [row] = await db
    .select()
    .from(submissions)
    .where(and(visibleSubmissionsWhere(actor, day), eq(submissions.id, id)));
  if (!row) throw new AppError("not_found");
  return row;
}

/**
 * The publication days of values the actor may see, by id (a correction's validation keeps the
 * embargo of the value it corrects).
 */
export async function publicationDaysOf(db: Db | Tx, actor: Actor, day: string, ids: string[]): Promise<Map<string, string | null>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: submissions.id, publishOn: submissions.publishOn })
    .from(submissions)
    .where(and(visibleSubmissionsWhere(actor, day), inArray(submissions.id, ids)));
  return new Map(rows.map((r) => [r.id, r.publishOn]));
}

/** The same, locked for a step (two steps at once: the second waits and sees the first's result). */
export async function getVisibleSubmissionForUpdate(tx: Tx, actor: Actor, day: string, id: string): Promise<SubmissionRow> {
  const [row] = await tx
    .select()
    .from(submissions)
    .where(and(visibleSubmissionsWhere(actor, day), eq(submissions.id, id)))
    .for("update");
  if (!row) throw new AppError("not_found");
  return row;
}

/** The administration's current values of these standards and periods, locked (the batch replaces drafts among them). */
export async function ownCurrentSubmissionsForUpdate(
  tx: Tx,
  actor: ReportingAdministration,
  standardIds: string[],
  periods: string[],
): Promise<SubmissionRow[]> {
  if (!standardIds.length || !periods.length) return [];
  return tx
    .select()
    .from(submissions)
    .where(
      and(
        eq(submissions.regionId, actor.regionId),
        eq(submissions.organizationId, actor.organizationId),
        inArray(submissions.standardId, standardIds),
        inArray(submissions.period, periods),
        isNull(submissions.replacedById),
      ),
    )
    .for("update");
}

/** The administration's own current values of some periods (the reporting sheet and the checks of the previous period). */
export async function ownCurrentSubmissions(db: Db | Tx, actor: ReportingAdministration, periods: string[]): Promise<SubmissionRow[]> {
  if (!periods.length) return [];
  return db
    .select()
    .from(submissions)
    .where(
      and(
        eq(submissions.regionId, actor.regionId),
        eq(submissions.organizationId, actor.organizationId),
        inArray(submissions.period, periods),
        isNull(submissions.replacedById),
      ),
    );
}

/** The administration's own values by id, in the order asked (a batch's answer: what was just written, drafts too). */
export async function ownSubmissionsByIds(db: Db | Tx, actor: ReportingAdministration, ids: string[]): Promise<SubmissionRow[]> {
  if (!ids.length) return [];
  const rows = await db
    .select()
    .from(submissions)
    .where(
      and(eq(submissions.regionId, actor.regionId), eq(submissions.organizationId, actor.organizationId), inArray(submissions.id, ids)),
    );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/**
 * The region's current submitted, validated and published values of these periods and standards,
 * as one list of figures per standard and period (`standardId|period`) — what every administration
 * of the region may see; the median check and the comparison of the review read them. Drafts are
 * never among them; `exceptOrganizationId` leaves out one administration's own (the checks compare
 * a value with the others').
 */
export async function regionValueLists(
  db: Db | Tx,
  regionId: string,
  periods: string[],
  standardIds: string[],
  exceptOrganizationId?: string,
): Promise<Map<string, number[]>> {
  if (!periods.length || !standardIds.length) return new Map();
  const rows = await db
    .select({
      standardId: submissions.standardId,
      period: submissions.period,
      values: sql<number[]>`array_agg(${submissions.value})`,
    })
    .from(submissions)
    .where(
      and(
        eq(submissions.regionId, regionId),
        inArray(submissions.period, periods),
        inArray(submissions.standardId, standardIds),
        ne(submissions.state, "draft"),
        isNull(submissions.replacedById),
        exceptOrganizationId ? ne(submissions.organizationId, exceptOrganizationId) : undefined,
      ),
    )
    .groupBy(submissions.standardId, submissions.period);
  return new Map(rows.map((r) => [`${r.standardId}|${r.period}`, r.values.map(Number)]));
}

/**
 * The administration's own reported values of every standard — submitted, validated or published,
 * never a draft (not yet a reported value) — current versions only; what its management dashboard
 * shows. Only the actor's own administration: the caller has checked that the actor belongs to it.
 */
export async function listOwnReportedValues(db: Db | Tx, actor: ReportingAdministration) {
  return db
    .select({
      standardId: submissions.standardId,
      standardVersionId: submissions.standardVersionId,
      period: submissions.period,
      value: submissions.value,
      state: submissions.state,
    })
    .from(submissions)
    .where(
      and(
        eq(submissions.regionId, actor.regionId),
        eq(submissions.organizationId, actor.organizationId),
        ne(submissions.state, "draft"),
        isNull(submissions.replacedById),
      ),
    );
}

/**
 * The values of a standard an evaluation may count for the actor on `day`: what the actor may see
 * (`visibleSubmissionsWhere` — the public published ones, a staff account of the region also the
 * submitted and validated ones, embargoed or not) but never a draft, not even the own
 * administration's (a draft is not yet a reported value), and of each value the newest version
 * the actor sees (`noNewerVisibleVersionWhere`: the public the published one while a correction
 * waits); each with the
 * id of the standard's version it was measured against.
 */
export async function listEvaluableValues(db: Db | Tx, actor: Actor | null, day: string, standardId: string) {
  return db
    .select({
      organizationId: submissions.organizationId,
      period: submissions.period,
      value: submissions.value,
      numerator: submissions.numerator,
      denominator: submissions.denominator,
      standardVersionId: submissions.standardVersionId,
    })
    .from(submissions)
    .where(
      and(
        visibleSubmissionsWhere(actor, day),
        eq(submissions.standardId, standardId),
        ne(submissions.state, "draft"),
        noNewerVisibleVersionWhere(actor, day),
      ),
    );
}

/** For the coordination's task list: submitted values waiting for validation, counted per administration and period. */
export async function unscopedSubmittedCounts(db: Db | Tx, regionId: string) {
  return db
    .select({
      organizationId: submissions.organizationId,
      organizationName: organizations.name,
      period: submissions.period,
      firstId: sql<string>`(array_agg(${submissions.id} ORDER BY ${submissions.id}))[1]`,
      count: sql<number>`count(*)::int`,
    })
    .from(submissions)
    .innerJoin(organizations, eq(organizations.id, submissions.organizationId))
    .where(and(eq(submissions.regionId, regionId), eq(submissions.state, "submitted")))
    .groupBy(submissions.organizationId, organizations.name, submissions.period)
    .orderBy(asc(organizations.name), asc(submissions.period));
}

/** For the publication job: marks validated values whose day has come as published; returns how many. */
export async function unscopedPublishDue(db: Db, day: string): Promise<number> {
  const rows = await db
    .update(submissions)
    .set({ state: "published", updatedAt: new Date() })
    .where(and(eq(submissions.state, "validated"), lte(submissions.publishOn, day)))
    .returning({ id: submissions.id });
  return rows.length;
}

// ---------------------------------------------------------------------------------------------
// The right of reply: an administration's public comment on its published value

export type SubmissionReplyRow = typeof submissionReplies.$inferSelect;

/**
 * The administration's own current value published on `day`, locked for a change of its comment.
 * Another administration's value, or one the actor may not see, is 404; an own value that is not
 * (yet) published, or that a correction replaced, answers `null` (the caller says why).
 */
export async function ownPublishedSubmissionForUpdate(tx: Tx, actor: Actor, day: string, id: string): Promise<SubmissionRow | null> {
  const row = await getVisibleSubmissionForUpdate(tx, actor, day, id);
  if (row.organizationId !== actor.organizationId || row.regionId !== actor.regionId) throw new AppError("not_found");
  const [published] = await tx
    .select({ id: submissions.id })
    .from(submissions)
    .where(and(eq(submissions.id, id), publishedSubmissionsWhere(day), isNull(submissions.replacedById)));
  return published ? row : null;
}

/** The newest row of a value's comment (withdrawn: empty text), or null when it never had one. */
export async function latestReplyOf(db: Db | Tx, submissionId: string): Promise<SubmissionReplyRow | null> {
  const [row] = await db
    .select()
    .from(submissionReplies)
    .where(eq(submissionReplies.submissionId, submissionId))
    .orderBy(desc(submissionReplies.version))
    .limit(1);
  return row ?? null;
}

/**
 * The current comments of these values, by value id: the newest row of each, withdrawn ones
 * (empty text) too, so that the form knows the version. Comments are public with their value:
 * callers pass only values the reader may see.
 */
export async function currentRepliesOf(db: Db | Tx, submissionIds: string[]): Promise<Map<string, SubmissionReplyRow>> {
  if (!submissionIds.length) return new Map();
  const rows = await db
    .selectDistinctOn([submissionReplies.submissionId])
    .from(submissionReplies)
    .where(inArray(submissionReplies.submissionId, submissionIds))
    .orderBy(submissionReplies.submissionId, desc(submissionReplies.version));
  return new Map(rows.map((r) => [r.submissionId, r]));
}

// ---------------------------------------------------------------------------------------------
// The public's view: the transparency portal and the open data

/**
 * The values published on `day` — the public's view, whoever asks: validated (or marked
 * published) values past their publication day, each in its newest version published on `day` (a
 * correction replaces it in public once the correction itself is published). An embargoed value
 * (publication day after `day`) is not among them, so no list, count, file or cache built from
 * this can show it. Optionally of one administration; ordered by administration, standard and
 * period (newest first).
 */
export async function listPublishedSubmissions(db: Db | Tx, day: string, filter: { organizationId?: string } = {}) {
  return db
    .select({ s: submissions, organizationName: organizations.name, ags: organizations.ags })
    .from(submissions)
    .innerJoin(organizations, eq(organizations.id, submissions.organizationId))
    .where(
      and(
        publishedSubmissionsWhere(day),
        noNewerVisibleVersionWhere(null, day),
        filter.organizationId ? eq(submissions.organizationId, filter.organizationId) : undefined,
      ),
    )
    .orderBy(asc(organizations.name), asc(submissions.standardId), desc(submissions.periodEnd), asc(submissions.id));
}

/** The number of values published on `day` per administration (the portal's list of administrations). */
export async function publishedCountsByOrganization(db: Db | Tx, day: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ organizationId: submissions.organizationId, count: sql<number>`count(*)::int` })
    .from(submissions)
    .where(and(publishedSubmissionsWhere(day), noNewerVisibleVersionWhere(null, day)))
    .groupBy(submissions.organizationId);
  return new Map(rows.map((r) => [r.organizationId, r.count]));
}

// ---------------------------------------------------------------------------------------------
// Names of the administrations (public data)

/** Names of administrations, by id (public data). */
export async function organizationNames(db: Db | Tx, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(inArray(organizations.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}
