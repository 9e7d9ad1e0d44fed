import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import type { Actor, ApiKeyActor } from "../../kernel/actor";
import { addDays, today } from "../../kernel/dates";
import { pageOf, type Page } from "../../kernel/paging";
import { AppError, type Bilingual, type FieldProblem } from "../../kernel/problems";
import { appliesTo, NOT_APPLICABLE, versionInForce } from "../../domain/standards/standard-rules";
import { administrationAsApplicable, unscopedStandardsOfRegions, type StandardVersionRow } from "./standard-scope";
import {
  formatPeriod,
  lastClosedPeriod,
  parsePeriod,
  periodsDue,
  previousPeriod,
  shiftPeriod,
  type Period,
} from "../../domain/standards/period";
import { checkValue, median, WARNING_RULES, type PlausibilityProblem } from "../../domain/standards/plausibility";
import {
  PERIODICITIES,
  type ConfidenceLevel,
  type ExplainedWarning,
  type Periodicity,
  type SubmissionSource,
} from "../../domain/standards/standard";
import { recordAudit, recordAudits, type AuditEntry } from "../audit";
import { submissions } from "./standards.tables";
import {
  currentRepliesOf,
  getVisibleSubmission,
  getVisibleSubmissionForUpdate,
  listVisibleSubmissions,
  organizationNames,
  ownCurrentSubmissions,
  ownCurrentSubmissionsForUpdate,
  ownSubmissionsByIds,
  publicationDaysOf,
  regionValueLists,
  type SubmissionFilter,
  type SubmissionRow,
} from "./submission-scope";
import { submissionPolicy } from "./submissions.policy";

// Reported values (Meldungen): a batch of values of the caller's administration, checked whole
// (all or nothing), then submit → validate (or send back) → published at the publication day;
// a correction after validation is a new version that replaces the old one.

/**
 * Who sends a batch of values: a signed-in account of the administration (controlling, HR office)
 * or an API key issued to it (a Fachverfahren, `request.apiKey`). Either way the values are the
 * administration's own: a batch names no administration, so a key cannot report for another.
 */
export type Reporter = Actor | ApiKeyActor;

const isApiKey = (r: Reporter | null): r is ApiKeyActor => !!r && "kind" in r && r.kind === "api_key";

/** Validated values are published on this day of the month after validation (the region's publication day). */
export const PUBLICATION_DAY = 15;

/** The default publication day of a value validated on `day`: the 15th of the following month. */
export function defaultPublishOn(day: string): string {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  const next = month === 12 ? { y: year + 1, m: 1 } : { y: year, m: month + 1 };
  return `${next.y}-${String(next.m).padStart(2, "0")}-${String(PUBLICATION_DAY).padStart(2, "0")}`;
}

/**
 * The publication day a validation on `day` suggests: the region's next one, or — for a correction
 * — the day the corrected value was to be published, when that is later: a correction never comes
 * out before the value it corrects would have (its embargo is kept). `correctedDay`: that value's
 * publication day, if any.
 */
export function suggestedPublishOn(day: string, correctedDay: string | null | undefined): string {
  const next = defaultPublishOn(day);
  return correctedDay && correctedDay > next ? correctedDay : next;
}

// ---------------------------------------------------------------------------------------------
// The catalogue as the checks see it

interface CatalogueEntry {
  id: string;
  key: string;
  /** Newest version first. */
  versions: StandardVersionRow[];
}

async function catalogueOf(db: Db | Tx, regionId: string | string[]): Promise<Map<string, CatalogueEntry>> {
  const map = new Map<string, CatalogueEntry>();
  for (const s of await unscopedStandardsOfRegions(db, Array.isArray(regionId) ? regionId : [regionId])) map.set(s.id, s);
  return map;
}

/** The actor's administration as applicability sees it (an administration outside the region has none applicable). */
async function factsOf(db: Db | Tx, regionId: string, organizationId: string) {
  return (
    (await administrationAsApplicable(db, regionId, organizationId)) ?? {
      id: organizationId,
      kind: "municipality" as const,
      isBuildingAuthority: false,
    }
  );
}

function standardRef(entry: CatalogueEntry, v: StandardVersionRow) {
  return {
    id: entry.id,
    key: entry.key,
    version: v.version,
    versionId: v.id,
    title: v.title,
    titleEn: v.titleEn,
    unit: v.unit,
    periodicity: v.periodicity,
    direction: v.direction,
    target: v.target,
    tolerance: v.tolerance,
    indicatorDefinition: v.indicatorDefinition,
    measurement: v.measurement,
  };
}

// ---------------------------------------------------------------------------------------------
// Checking values

/** One value to check, wherever it comes from (a batch item, a correction, a draft to submit). */
interface Candidate {
  standardId: string;
  period: string;
  value: number;
  numerator?: number | null;
  denominator?: number | null;
  reasons?: Partial<Record<string, string>>;
}

interface Assessed {
  entry: CatalogueEntry;
  version: StandardVersionRow;
  period: Period;
  explained: ExplainedWarning[];
}

const problemOf = (field: string, rule: string, message: Bilingual): FieldProblem => ({ field, in: "body", rule, message });

const UNKNOWN_STANDARD: Bilingual = { de: "Wählen Sie einen Standard aus der Liste aus.", en: "Choose a standard from the list." };

/**
 * Checks values of the actor's administration: the standard exists in the region and applies to
 * the administration, a version is in force for the period, and the plausibility rules (with the
 * previous period's value and the region's values of the same period). Errors and unexplained
 * warnings are returned as field problems under `prefix(i)`; nothing is written here.
 */
async function assess(
  tx: Tx,
  actor: Reporter,
  candidates: Candidate[],
  prefix: (i: number) => string,
): Promise<{ problems: FieldProblem[]; assessed: Array<Assessed | null>; catalogue: Map<string, CatalogueEntry> }> {
  const catalogue = await catalogueOf(tx, actor.regionId);
  const facts = await factsOf(tx, actor.regionId, actor.organizationId);
  const periods = [
    ...new Map(
      candidates.flatMap((c) => {
        const p = parsePeriod(c.period);
        return p ? [[p.text, p] as const] : [];
      }),
    ).values(),
  ];
  const own = await ownCurrentSubmissions(tx, actor, [...new Set(periods.map((p) => previousPeriod(p).text))]);
  // Looked up by standard and period (a file brings up to 200,000 values: no search per value).
  const pair = (standardId: string, period: string | null) => `${standardId}|${period}`;
  const peersOf = await regionValueLists(
    tx,
    actor.regionId,
    periods.map((p) => p.text),
    [...new Set(candidates.map((c) => c.standardId))],
    actor.organizationId,
  );
  const inBatch = new Map(candidates.map((c) => [pair(c.standardId, c.period), c]));
  const stored = new Map(own.map((s) => [pair(s.standardId, s.period), s]));
  const day = today();
  const problems: FieldProblem[] = [];
  const assessed = candidates.map((c, i): Assessed | null => {
    const at = (field: string) => `${prefix(i)}${field}`;
    const entry = catalogue.get(c.standardId);
    if (!entry) {
      problems.push(problemOf(at("standardId"), "unknown_standard", UNKNOWN_STANDARD));
      return null;
    }
    const period = parsePeriod(c.period);
    const version = period ? versionInForce(entry.versions, period.end) : null;
    const rules = version ?? entry.versions[0];
    if (!appliesTo(rules.appliesTo, facts)) {
      problems.push(problemOf(at("standardId"), "not_applicable", NOT_APPLICABLE[rules.appliesTo]));
      return null;
    }
    // The previous period's value: the batch's own when it brings one (a quarter's sheet sends its three months), else the stored one.
    const before = period ? previousPeriod(period).text : null;
    const previous = inBatch.get(pair(c.standardId, before)) ?? stored.get(pair(c.standardId, before));
    const peers = peersOf.get(pair(c.standardId, c.period)) ?? [];
    const found: PlausibilityProblem[] = checkValue(
      { period: c.period, value: c.value, numerator: c.numerator ?? null, denominator: c.denominator ?? null },
      { unit: rules.unit, periodicity: rules.periodicity, previousValue: previous?.value ?? null, peerValues: peers },
    );
    // Values are reported for periods that have ended: a month's calls are counted once it is over.
    if (period && period.end >= day) {
      problems.push(
        problemOf(at("period"), "period_not_ended", {
          de: `${formatPeriod(period)} ist noch nicht vorbei; Werte werden nach dem Ende des Zeitraums gemeldet.`,
          en: `${formatPeriod(period, "en")} has not ended yet; values are reported once the period is over.`,
        }),
      );
    }
    for (const p of found.filter((f) => f.severity === "error")) problems.push(problemOf(at(p.field), p.rule, p.message));
    if (period && period.kind === rules.periodicity && !version) {
      problems.push(
        problemOf(at("period"), "not_in_force", {
          de: `Für ${formatPeriod(period)} gilt dieser Standard noch nicht oder nicht mehr.`,
          en: `This standard is not in force for ${formatPeriod(period, "en")}.`,
        }),
      );
    }
    const explained: ExplainedWarning[] = [];
    for (const w of found.filter((f) => f.severity === "warning")) {
      const reason = c.reasons?.[w.rule]?.trim() ?? "";
      if (reason.length < 3) problems.push(problemOf(at(`reasons.${w.rule}`), w.rule, w.message));
      else explained.push({ rule: w.rule, reason, message: w.message });
    }
    if (!period || !version || found.some((f) => f.severity === "error")) return null;
    return { entry, version, period, explained };
  });
  return { problems, assessed, catalogue };
}

function refuse(problems: FieldProblem[]): never {
  const n = problems.length;
  throw new AppError("unprocessable", {
    message: {
      de: `Nichts wurde gespeichert: ${n === 1 ? "eine Angabe ist" : `${n} Angaben sind`} zu prüfen. Fehler sind zu berichtigen, Hinweise zu begründen.`,
      en: `Nothing was saved: ${n === 1 ? "one entry needs" : `${n} entries need`} attention. Correct the errors and give reasons for the warnings.`,
    },
    fields: problems,
  });
}

// ---------------------------------------------------------------------------------------------
// Presenting

export type SubmissionView = Awaited<ReturnType<typeof presentSubmissions>>[number];

/** Presents values in a fixed number of statements: names, catalogue and the region's values read for all at once. */
export async function presentSubmissions(
  db: Db | Tx,
  actor: Reporter | null,
  rows: SubmissionRow[],
  /** The actor's region's catalogue when the caller has just read it (a batch that was checked). */
  regionCatalogue?: Map<string, CatalogueEntry>,
) {
  if (!rows.length) return [];
  const names = await organizationNames(db, [...new Set(rows.map((r) => r.organizationId))]);
  // Published values of every region are public: a page may hold several regions' catalogues.
  const regions = [...new Set(rows.map((r) => r.regionId))];
  const catalogue =
    regionCatalogue && regions.length === 1 && regions[0] === actor?.regionId ? regionCatalogue : await catalogueOf(db, regions);
  // The region's values by standard and period (a batch answers up to 500 values: no search per value).
  const regionOf = actor
    ? await regionValueLists(db, actor.regionId, [...new Set(rows.map((r) => r.period))], [...new Set(rows.map((r) => r.standardId))])
    : new Map<string, number[]>();
  const replies = await currentRepliesOf(
    db,
    rows.map((r) => r.id),
  );
  const day = today();
  // A key reports for its administration and does nothing else (no step of review, no correction).
  const key = isApiKey(actor);
  const person = key ? null : (actor as Actor | null);
  const report = key || submissionPolicy.can(person, "report");
  const validate = submissionPolicy.can(person, "validate");
  const mayReply = submissionPolicy.can(person, "reply");
  const correctedDays =
    person && validate
      ? await publicationDaysOf(
          db,
          person,
          day,
          rows.flatMap((r) => (r.state === "submitted" && r.correctsId ? [r.correctsId] : [])),
        )
      : new Map<string, string | null>();
  return rows.map((s) => {
    const entry = catalogue.get(s.standardId)!;
    const version = entry.versions.find((v) => v.id === s.standardVersionId) ?? entry.versions[0];
    const period = parsePeriod(s.period);
    const values = s.regionId === actor?.regionId ? (regionOf.get(`${s.standardId}|${s.period}`) ?? []) : [];
    const own = !!actor && report && s.organizationId === actor.organizationId && s.regionId === actor.regionId;
    const mayValidate = !!actor && validate && s.regionId === actor.regionId && s.state === "submitted";
    const isPublished = (s.state === "validated" || s.state === "published") && !!s.publishOn && s.publishOn <= day;
    const reply = replies.get(s.id);
    return {
      id: s.id,
      organization: { id: s.organizationId, name: names.get(s.organizationId) ?? "" },
      standard: standardRef(entry, version),
      period: s.period,
      periodLabel: period ? { de: formatPeriod(period), en: formatPeriod(period, "en") } : { de: s.period, en: s.period },
      value: s.value,
      numerator: s.numerator,
      denominator: s.denominator,
      method: s.method,
      confidence: s.confidence,
      explainedWarnings: s.explainedWarnings.map((w) => ({ rule: w.rule, reason: w.reason, message: w.message ?? null })),
      state: s.state,
      publishOn: s.publishOn,
      version: s.version,
      correctsId: s.correctsId,
      correctionReason: s.correctionReason,
      replacedById: s.replacedById,
      returnComment: s.returnComment,
      submittedAt: s.submittedAt?.toISOString() ?? null,
      validatedAt: s.validatedAt?.toISOString() ?? null,
      validatePublishOn: mayValidate ? suggestedPublishOn(day, s.correctsId ? correctedDays.get(s.correctsId) : null) : null,
      reply: isPublished && reply?.text ? { text: reply.text, changedAt: reply.createdAt.toISOString() } : null,
      replyVersion: reply?.version ?? null,
      regionMedian: values.length ? { median: Math.round(median(values) * 100) / 100, count: values.length } : null,
      abilities: {
        edit: own && s.state === "draft",
        submit: own && !key && s.state === "draft",
        validate: mayValidate,
        sendBack: mayValidate,
        correct: own && !key && (s.state === "validated" || s.state === "published") && !s.replacedById,
        reply: own && !key && mayReply && isPublished && !s.replacedById,
      },
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Reading

export async function listSubmissions(
  db: Db,
  actor: Actor | null,
  query: Omit<SubmissionFilter, "history"> & { history?: "true" | "false" },
): Promise<Page<SubmissionView>> {
  const rows = await listVisibleSubmissions(db, actor, today(), { ...query, history: query.history === "true" });
  const page = pageOf(rows, query.limit);
  return {
    items: await presentSubmissions(
      db,
      actor,
      page.rows.map((r) => r.s),
    ),
    nextCursor: page.nextCursor,
  };
}

export async function getSubmission(db: Db, actor: Actor | null, id: string): Promise<SubmissionView> {
  const row = await getVisibleSubmission(db, actor, today(), id);
  return (await presentSubmissions(db, actor, [row]))[0];
}

/** The periods a reporting sheet offers: the last four closed periods of each periodicity in use. */
function offeredPeriods(kinds: Set<Periodicity>, day: string): Period[] {
  const order: Periodicity[] = ["quarter", "month", "year"];
  return order.filter((k) => kinds.has(k)).flatMap((k) => [0, 1, 2, 3].map((n) => shiftPeriod(lastClosedPeriod(k, day), n)));
}

/** The offered periods with the one shown, first when it is not among them (an older period asked for by its link). */
function withPeriod(periods: Period[], shown: Period | null): Period[] {
  return !shown || periods.some((p) => p.text === shown.text) ? periods : [shown, ...periods];
}

/**
 * The reporting sheet of the actor's administration for a period: each applicable standard with
 * its current value, once for every period of its own periodicity that the sheet's period asks for
 * (`periodsDue`): a quarter's sheet lists a monthly standard for each of its three months.
 */
export async function reportingSheet(db: Db, actor: Actor, periodText?: string) {
  const day = today();
  const catalogue = await catalogueOf(db, actor.regionId);
  const facts = await factsOf(db, actor.regionId, actor.organizationId);
  const period = (periodText ? parsePeriod(periodText) : null) ?? lastClosedPeriod("quarter", day);
  const kinds = new Set<Periodicity>();
  const rows: Array<{ entry: CatalogueEntry; version: StandardVersionRow; period: Period }> = [];
  for (const entry of catalogue.values()) {
    const latest = entry.versions[0];
    if (appliesTo(latest.appliesTo, facts)) kinds.add(latest.periodicity);
    for (const kind of PERIODICITIES) {
      for (const due of periodsDue(period, kind)) {
        // The version in force at the end of each period decides, so a change of periodicity splits cleanly.
        const version = versionInForce(entry.versions, due.end);
        if (version && version.periodicity === kind && appliesTo(version.appliesTo, facts)) rows.push({ entry, version, period: due });
      }
    }
  }
  // A period that has not ended offers nothing to fill in: the writer would refuse every value
  // (`period_not_ended`). The sheet says from which day it can be reported instead.
  const reportableFrom = period.end >= day ? addDays(period.end, 1) : null;
  if (reportableFrom) rows.length = 0;
  rows.sort((a, b) => a.version.title.localeCompare(b.version.title, "de") || a.period.start.localeCompare(b.period.start));
  const current = await ownCurrentSubmissions(db, actor, [...new Set(rows.map((r) => r.period.text))]);
  const presented = await presentSubmissions(db, actor, current);
  return {
    period: period.text,
    periodLabel: { de: formatPeriod(period), en: formatPeriod(period, "en") },
    reportableFrom,
    // Only periods that can be reported: a period asked for that has not ended is not added.
    periods: withPeriod(offeredPeriods(kinds.size ? kinds : new Set(["quarter"]), day), reportableFrom ? null : period).map((p) => ({
      period: p.text,
      label: { de: formatPeriod(p), en: formatPeriod(p, "en") },
    })),
    publicationDay: PUBLICATION_DAY,
    rows: rows.map(({ entry, version, period: due }) => ({
      standard: standardRef(entry, version),
      period: due.text,
      periodLabel: { de: formatPeriod(due), en: formatPeriod(due, "en") },
      current: presented.find((s) => s.standard.id === entry.id && s.period === due.text) ?? null,
    })),
    canReport: submissionPolicy.can(actor, "report"),
  };
}

/**
 * The standards that apply to the actor's administration in a period (the version in force at its
 * end), with their current title, unit and periodicity: what a template lists.
 */
export async function applicableStandards(db: Db, actor: Reporter, period: Period) {
  const catalogue = await catalogueOf(db, actor.regionId);
  const facts = await factsOf(db, actor.regionId, actor.organizationId);
  return [...catalogue.values()].flatMap((entry) => {
    const version = versionInForce(entry.versions, period.end);
    return version && appliesTo(version.appliesTo, facts)
      ? [{ id: entry.id, key: entry.key, title: version.title, unit: version.unit, periodicity: version.periodicity }]
      : [];
  });
}

/** The region's standards by key (a file names a standard by its key). */
export async function standardIdsByKey(db: Db | Tx, regionId: string): Promise<Map<string, string>> {
  return new Map([...(await catalogueOf(db, regionId)).values()].map((e) => [e.key, e.id]));
}

// ---------------------------------------------------------------------------------------------
// Changing

export interface SubmissionInput {
  standardId: string;
  period: string;
  value: number;
  numerator?: number | null;
  denominator?: number | null;
  method: string;
  confidence: ConfidenceLevel;
  reasons?: Partial<Record<string, string>>;
}

const auditOf = (s: Pick<SubmissionRow, "period" | "value" | "numerator" | "denominator" | "confidence" | "state">, explained: number) => ({
  period: s.period,
  value: s.value,
  numerator: s.numerator,
  denominator: s.denominator,
  confidence: s.confidence,
  submissionState: s.state,
  explainedWarnings: explained,
});

/**
 * A batch of values of the actor's administration, all or nothing: every problem of every item is
 * reported with its index and field, and nothing is written while one is left. A value for a period
 * that has a draft replaces the draft; one that has a submitted or validated value is refused (a
 * correction changes that).
 */
export async function createSubmissions(
  db: Db,
  actor: Reporter,
  body: { items: SubmissionInput[]; submit: boolean },
  answer: { minimal?: boolean } = {},
) {
  const written = await db.transaction(async (tx) => {
    const result = await writeSubmissions(tx, actor, body.items, {
      submit: body.submit,
      source: isApiKey(actor) ? "api" : "form",
      prefix: (i) => `items.${i}.`,
    });
    if ("problems" in result) refuse(result.problems);
    return result;
  });
  // The short answer (`Prefer: return=minimal`): what was written, without reading it back.
  if (answer.minimal) {
    const state = body.submit ? ("submitted" as const) : ("draft" as const);
    return { written: body.items.map((item, i) => ({ id: written.ids[i], standardId: item.standardId, period: item.period, state })) };
  }
  return { items: await presentSubmissions(db, actor, await ownSubmissionsByIds(db, actor, written.ids), written.catalogue) };
}

/** How {@link writeSubmissions} writes a batch. */
export interface WriteOptions {
  /** Submit the values at once (else they are drafts). */
  submit: boolean;
  source: SubmissionSource;
  /** The import of a file the values come from. */
  importId?: string;
  /** The field prefix of item `i` in the problems (`items.3.`). */
  prefix: (i: number) => string;
  /** Told how many values are written so far (a file's progress). */
  onProgress?: (done: number) => void;
}

/** New values are inserted this many at a time, each batch as one JSON parameter. */
const INSERT_BATCH = 5000;

/**
 * Inserts values as ONE parameter — a JSON array unpacked by `jsonb_to_recordset` — instead of
 * 20 parameters a row built by the query builder (whose cost per parameter made a 100,000-value
 * file take 30–45 s; see docs/BENCHMARKS.md). Same statement on PGlite and PostgreSQL.
 */
async function insertAsJson(tx: Tx, rows: Array<typeof submissions.$inferInsert>) {
  const json = JSON.stringify(
    rows.map((r) => ({
      id: r.id,
      region_id: r.regionId,
      organization_id: r.organizationId,
      standard_id: r.standardId,
      standard_version_id: r.standardVersionId,
      period: r.period,
      period_start: r.periodStart,
      period_end: r.periodEnd,
      value: r.value,
      numerator: r.numerator ?? null,
      denominator: r.denominator ?? null,
      method: r.method ?? "",
      confidence: r.confidence ?? "high",
      explained_warnings: r.explainedWarnings ?? [],
      state: r.state ?? "draft",
      submitted_by: r.submittedBy ?? null,
      submitted_at: r.submittedAt ? r.submittedAt.toISOString() : null,
      source: r.source,
      import_id: r.importId ?? null,
      created_by: r.createdBy ?? null,
      updated_at: (r.updatedAt ?? new Date()).toISOString(),
    })),
  );
  await tx.execute(sql`
    INSERT INTO submissions (id, region_id, organization_id, standard_id, standard_version_id, period, period_start, period_end,
      value, numerator, denominator, method, confidence, explained_warnings, state, submitted_by, submitted_at, source, import_id,
      created_by, updated_at)
    SELECT id, region_id, organization_id, standard_id, standard_version_id, period, period_start, period_end,
      value, numerator, denominator, method, confidence, explained_warnings, state, submitted_by, submitted_at, source, import_id,
      created_by, updated_at
    FROM jsonb_to_recordset(${json}::jsonb) AS x(id uuid, region_id uuid, organization_id uuid, standard_id uuid,
      standard_version_id uuid, period text, period_start date, period_end date, value double precision,
      numerator double precision, denominator double precision, method text, confidence text, explained_warnings jsonb,
      state text, submitted_by uuid, submitted_at timestamptz, source text, import_id uuid, created_by uuid, updated_at timestamptz)`);
}

/**
 * The one writer of reported values — the batch of the form or an API key, and a file's import:
 * checks every item (`assess`, duplicates, values already submitted) and writes them all in the
 * caller's transaction, or writes nothing and returns every problem. A file's values are audited
 * by the import as a whole (one entry naming it), a batch's one by one.
 */
export async function writeSubmissions(
  tx: Tx,
  actor: Reporter,
  items: SubmissionInput[],
  options: WriteOptions,
): Promise<{ ids: string[]; catalogue: Map<string, CatalogueEntry> } | { problems: FieldProblem[] }> {
  const accountId = isApiKey(actor) ? null : actor.accountId;
  const assessment = await assess(tx, actor, items, options.prefix);
  const { assessed, catalogue } = assessment;
  let problems = assessment.problems;
  const existing = await ownCurrentSubmissionsForUpdate(
    tx,
    actor,
    [...new Set(items.map((i) => i.standardId))],
    [...new Set(items.map((i) => i.period))],
  );
  const existingOf = new Map(existing.map((e) => [`${e.standardId}|${e.period}`, e]));
  const seen = new Set<string>();
  const refused = new Set<string>();
  items.forEach((item, i) => {
    const key = `${item.standardId}|${item.period}`;
    if (seen.has(key)) {
      problems.push(
        problemOf(`${options.prefix(i)}period`, "duplicate", {
          de: "Für diesen Standard und Zeitraum steht schon ein Wert weiter oben.",
          en: "A value for this standard and period is listed above already.",
        }),
      );
    }
    seen.add(key);
    const before = existingOf.get(key);
    if (before && before.state !== "draft") {
      refused.add(options.prefix(i));
      problems.push(
        problemOf(`${options.prefix(i)}period`, "already_submitted", {
          de: "Für diesen Zeitraum ist schon ein Wert eingereicht. Ändern Sie ihn nach der Validierung mit einer Korrektur.",
          en: "A value for this period has been submitted already. Once validated, change it with a correction.",
        }),
      );
    }
  });
  // A value refused as submitted already cannot be written whatever it is: its plausibility
  // warnings (which ask for a reason) would only be noise beside that.
  if (refused.size) {
    const noise = new Set([...refused].flatMap((prefix) => WARNING_RULES.map((rule) => `${prefix}reasons.${rule}`)));
    problems = problems.filter((p) => !noise.has(p.field));
  }
  problems.sort((a, b) => a.field.localeCompare(b.field, "en", { numeric: true }));
  if (problems.length) return { problems };
  const now = new Date();
  const state = options.submit ? "submitted" : "draft";
  const fromFile = options.importId !== undefined;
  const valuesOf = (item: SubmissionInput, a: Assessed) => ({
    standardVersionId: a.version.id,
    periodStart: a.period.start,
    periodEnd: a.period.end,
    value: item.value,
    numerator: item.numerator ?? null,
    denominator: item.denominator ?? null,
    method: item.method,
    confidence: item.confidence,
    explainedWarnings: a.explained,
    state: state as "draft" | "submitted",
    returnComment: null,
    submittedBy: options.submit ? accountId : null,
    submittedAt: options.submit ? now : null,
    source: options.source,
    importId: options.importId ?? null,
    updatedAt: now,
  });
  const ids: string[] = new Array(items.length);
  const inserts: Array<{ i: number; row: typeof submissions.$inferInsert }> = [];
  // A batch's values are audited one by one, all entries written together at the end.
  const audits: AuditEntry[] = [];
  const visibility = state === "draft" ? "tenant" : "region";
  let done = 0;
  for (const [i, item] of items.entries()) {
    const a = assessed[i]!;
    const before = existingOf.get(`${item.standardId}|${item.period}`);
    if (!before) {
      const id = randomUUID();
      ids[i] = id;
      inserts.push({
        i,
        row: {
          ...valuesOf(item, a),
          id,
          regionId: actor.regionId,
          organizationId: actor.organizationId,
          standardId: item.standardId,
          period: a.period.text,
          createdBy: accountId,
        },
      });
      continue;
    }
    // A draft of the period is replaced.
    const [row] = await tx.update(submissions).set(valuesOf(item, a)).where(eq(submissions.id, before.id)).returning();
    ids[i] = row.id;
    if (!fromFile) {
      audits.push({
        action: "update",
        entity: "submission",
        entityId: row.id,
        visibility,
        before: auditOf(before, before.explainedWarnings.length),
        after: auditOf(row, a.explained.length),
      });
    }
    options.onProgress?.(++done);
  }
  for (let start = 0; start < inserts.length; start += INSERT_BATCH) {
    const batch = inserts.slice(start, start + INSERT_BATCH);
    await insertAsJson(
      tx,
      batch.map((b) => b.row),
    );
    if (!fromFile) {
      for (const { i, row } of batch) {
        audits.push({
          action: "create",
          entity: "submission",
          entityId: row.id,
          visibility,
          after: auditOf(
            { ...row, numerator: row.numerator ?? null, denominator: row.denominator ?? null, confidence: row.confidence!, state },
            assessed[i]!.explained.length,
          ),
        });
      }
    }
    done += batch.length;
    options.onProgress?.(done);
  }
  await recordAudits(tx, actor, audits);
  return { ids, catalogue };
}

/** The actor's own value, locked for a step; another administration's answers like a missing one. */
async function ownForUpdate(tx: Tx, actor: Actor, id: string): Promise<SubmissionRow> {
  const row = await getVisibleSubmissionForUpdate(tx, actor, today(), id);
  if (row.organizationId !== actor.organizationId || row.regionId !== actor.regionId) throw new AppError("not_found");
  return row;
}

const conflict = (de: string, en: string) => new AppError("conflict", { message: { de, en } });
const STATE_WORDS = {
  draft: { de: "ein Entwurf", en: "a draft" },
  submitted: { de: "eingereicht", en: "submitted" },
  validated: { de: "validiert", en: "validated" },
  published: { de: "veröffentlicht", en: "published" },
};

/** Submits a draft: the checks run again (the region's values may have changed since it was saved). */
export async function submitSubmission(db: Db, actor: Actor, id: string): Promise<SubmissionView> {
  await db.transaction(async (tx) => {
    const s = await ownForUpdate(tx, actor, id);
    if (s.state !== "draft") {
      throw conflict(`Dieser Wert ist schon ${STATE_WORDS[s.state].de}.`, `This value is ${STATE_WORDS[s.state].en} already.`);
    }
    const reasons = Object.fromEntries(s.explainedWarnings.map((w) => [w.rule, w.reason]));
    const { problems, assessed } = await assess(tx, actor, [{ ...s, reasons }], () => "");
    if (problems.length) refuse(problems);
    const now = new Date();
    const [row] = await tx
      .update(submissions)
      .set({
        state: "submitted",
        explainedWarnings: assessed[0]!.explained,
        submittedBy: actor.accountId,
        submittedAt: now,
        returnComment: null,
        updatedAt: now,
      })
      .where(eq(submissions.id, s.id))
      .returning();
    await recordAudit(tx, actor, {
      action: "update",
      entity: "submission",
      entityId: s.id,
      visibility: "region",
      before: { submissionState: s.state },
      after: { submissionState: row.state },
    });
  });
  return getSubmission(db, actor, id);
}

/** The region's value for the coordination, locked for a step. */
async function regionForUpdate(tx: Tx, actor: Actor, id: string): Promise<SubmissionRow> {
  const row = await getVisibleSubmissionForUpdate(tx, actor, today(), id);
  if (row.regionId !== actor.regionId) throw new AppError("not_found");
  if (row.state !== "submitted") {
    throw conflict(
      `Dieser Wert ist ${STATE_WORDS[row.state].de}; geprüft werden nur eingereichte Werte. Bitte laden Sie die Seite neu.`,
      `This value is ${STATE_WORDS[row.state].en}; only submitted values are reviewed. Please reload the page.`,
    );
  }
  return row;
}

/**
 * The coordination validates a submitted value; it is published on `publishOn` (default: the
 * region's next publication day, for a correction not before the corrected value's).
 */
export async function validateSubmission(db: Db, actor: Actor, id: string, body: { publishOn?: string }): Promise<SubmissionView> {
  const day = today();
  if (body.publishOn && body.publishOn < day) {
    throw new AppError("unprocessable", {
      fields: [
        problemOf("publishOn", "in_past", {
          de: "Der Tag der Veröffentlichung kann nicht in der Vergangenheit liegen.",
          en: "The publication day cannot lie in the past.",
        }),
      ],
    });
  }
  await db.transaction(async (tx) => {
    const s = await regionForUpdate(tx, actor, id);
    const corrected = s.correctsId ? (await publicationDaysOf(tx, actor, day, [s.correctsId])).get(s.correctsId) : null;
    const publishOn = body.publishOn ?? suggestedPublishOn(day, corrected);
    const now = new Date();
    const [row] = await tx
      .update(submissions)
      .set({
        state: publishOn <= day ? "published" : "validated",
        publishOn,
        validatedBy: actor.accountId,
        validatedAt: now,
        updatedAt: now,
      })
      .where(eq(submissions.id, s.id))
      .returning();
    await recordAudit(tx, actor, {
      action: "update",
      entity: "submission",
      entityId: s.id,
      organizationId: s.organizationId,
      visibility: "region",
      before: { submissionState: s.state },
      after: { submissionState: row.state, publishOn },
    });
  });
  return getSubmission(db, actor, id);
}

/** The coordination sends a submitted value back with a comment: it is the administration's draft again. */
export async function returnSubmission(db: Db, actor: Actor, id: string, body: { comment: string }): Promise<SubmissionView> {
  // The answer is the value as it was sent back (a draft again, which the coordination no longer reads).
  const returned = await db.transaction(async (tx) => {
    const s = await regionForUpdate(tx, actor, id);
    const [row] = await tx
      .update(submissions)
      .set({ state: "draft", returnComment: body.comment, submittedAt: null, submittedBy: null, updatedAt: new Date() })
      .where(eq(submissions.id, s.id))
      .returning();
    await recordAudit(tx, actor, {
      action: "update",
      entity: "submission",
      entityId: s.id,
      organizationId: s.organizationId,
      visibility: "region",
      before: { submissionState: s.state },
      after: { submissionState: "draft", returnComment: body.comment },
    });
    return row;
  });
  return (await presentSubmissions(db, actor, [returned]))[0];
}

/**
 * A correction of a validated or published value: a new version (submitted, to be validated
 * again) with a reason; the old version points to it (`replacedById`) and stays readable.
 */
export async function correctSubmission(
  db: Db,
  actor: Actor,
  id: string,
  body: Omit<SubmissionInput, "standardId" | "period"> & { reason: string },
): Promise<SubmissionView> {
  const newId = randomUUID();
  await db.transaction(async (tx) => {
    const old = await ownForUpdate(tx, actor, id);
    if ((old.state !== "validated" && old.state !== "published") || old.replacedById) {
      throw conflict(
        old.replacedById
          ? "Dieser Wert wurde schon korrigiert; korrigieren Sie die neueste Fassung."
          : "Nur ein validierter Wert wird korrigiert; einen Entwurf ändern Sie direkt, ein eingereichter wird erst geprüft.",
        old.replacedById
          ? "This value has been corrected already; correct the newest version."
          : "Only a validated value is corrected; change a draft directly, a submitted one is reviewed first.",
      );
    }
    const { problems, assessed } = await assess(tx, actor, [{ ...body, standardId: old.standardId, period: old.period }], () => "");
    if (problems.length) refuse(problems);
    const a = assessed[0]!;
    const now = new Date();
    await tx.update(submissions).set({ replacedById: newId, updatedAt: now }).where(eq(submissions.id, old.id));
    const [row] = await tx
      .insert(submissions)
      .values({
        id: newId,
        regionId: old.regionId,
        organizationId: old.organizationId,
        standardId: old.standardId,
        standardVersionId: a.version.id,
        period: old.period,
        periodStart: old.periodStart,
        periodEnd: old.periodEnd,
        value: body.value,
        numerator: body.numerator ?? null,
        denominator: body.denominator ?? null,
        method: body.method,
        confidence: body.confidence,
        explainedWarnings: a.explained,
        state: "submitted",
        source: "form",
        version: old.version + 1,
        correctsId: old.id,
        correctionReason: body.reason,
        createdBy: actor.accountId,
        submittedBy: actor.accountId,
        submittedAt: now,
      })
      .returning();
    await recordAudit(tx, actor, {
      action: "create",
      entity: "submission",
      entityId: row.id,
      visibility: "region",
      before: { value: old.value },
      after: { ...auditOf(row, a.explained.length), correctionReason: body.reason },
    });
  });
  return getSubmission(db, actor, newId);
}
