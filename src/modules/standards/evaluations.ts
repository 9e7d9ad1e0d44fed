import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { Actor } from "../../kernel/actor";
import { today } from "../../kernel/dates";
import { AppError } from "../../kernel/problems";
import { formatPeriodText, lastClosedPeriod, parsePeriod } from "../../domain/standards/period";
import { currentVersion } from "../../domain/standards/standard-rules";
import { evaluate, latestPeriod, rollUp, sizeClassPeers, SUPPORT_FOR_THEME, type ReportedValue } from "../../domain/standards/evaluation";
import type { Periodicity } from "../../domain/standards/standard";
import type { SizeClass } from "../../domain/standards/status";
import { departments, organizations } from "../organizations";
import { qualifications } from "../pool";
import { applicableOrganizations, getVisibleStandard } from "./standard-scope";
import { listEvaluableValues } from "./submission-scope";

export interface EvaluationQuery {
  standard: string;
  period?: string;
  sizeClass?: SizeClass;
  organizations?: string;
}

const ORDER: Record<Periodicity, number> = { month: 0, quarter: 1, year: 2 };

/** Refuses a query as a 400 problem naming the field and the rule, in German and English. */
function invalid(field: string, rule: string, de: string, en: string): AppError {
  return new AppError("validation", { fields: [{ field, in: "querystring", rule, message: { de, en } }] });
}

/**
 * The evaluation of a standard for the actor (docs/STANDARDS.md, "Auswertung"): the values the
 * actor may see (`listEvaluableValues`: never a draft, published ones for the public, the region's
 * submitted and validated ones for its staff), evaluated per applicable administration for a
 * period — by default the latest with values — against the peer group asked for; the best practice
 * with its function mailbox; for a signed-in account its own administration's "needs support" and
 * what a support request would be pre-filled with.
 */
export async function evaluationOf(db: Db, actor: Actor | null, query: EvaluationQuery) {
  const day = today();
  const standard = await getVisibleStandard(db, actor, query.standard);
  const shown = currentVersion(standard.versions, day)!;
  const asked = query.period ? parsePeriod(query.period) : null;
  if (asked && ORDER[asked.kind] < ORDER[shown.periodicity]) {
    throw invalid(
      "period",
      "period_too_short",
      `Dieser Standard wird ${shown.periodicity === "quarter" ? "vierteljährlich" : "jährlich"} gemeldet; wählen Sie einen solchen oder längeren Zeitraum.`,
      `This standard is reported per ${shown.periodicity}; choose such a period or a longer one.`,
    );
  }
  const kind = asked?.kind ?? shown.periodicity;

  const [applicable, rows] = await Promise.all([
    applicableOrganizations(db, { regionId: standard.regionId, appliesTo: shown.appliesTo }),
    listEvaluableValues(db, actor, day, standard.id),
  ]);
  const applicableIds = applicable.map((a) => a.id);
  const orgRows = applicableIds.length
    ? await db
        .select({
          id: organizations.id,
          name: organizations.name,
          population: organizations.population,
          contact: organizations.standardsContactEmail,
        })
        .from(organizations)
        .where(inArray(organizations.id, applicableIds))
    : [];
  const administrations = orgRows.map((o) => ({ id: o.id, name: o.name, population: o.population }));
  const applicableSet = new Set(applicableIds);
  const versions = new Map(standard.versions.map((v) => [v.id, v]));
  const values = rollUp(
    rows
      .filter((r) => applicableSet.has(r.organizationId) && versions.has(r.standardVersionId))
      .map(({ standardVersionId, ...r }): ReportedValue => ({ ...r, version: versions.get(standardVersionId)! })),
    kind,
  );
  const periods = [...new Set(values.map((v) => v.period))].sort((a, b) => parsePeriod(b)!.end.localeCompare(parsePeriod(a)!.end));
  const period = asked?.text ?? latestPeriod(values) ?? lastClosedPeriod(kind, day).text;

  const chosen = query.organizations
    ?.split(",")
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  if (chosen?.length) {
    // An id of no administration of the standard's region (another region's, or none) is refused,
    // both alike; one of the region that the standard does not apply to is left out (docs).
    const known = await db
      .select({ id: organizations.id })
      .from(organizations)
      .where(and(eq(organizations.regionId, standard.regionId), inArray(organizations.id, chosen)));
    const unknown = chosen.filter((id) => !known.some((k) => k.id === id));
    if (unknown.length) {
      throw invalid(
        "organizations",
        "unknown_organization",
        `Diese Kennungen gehören zu keiner Verwaltung der Region: ${unknown.join(", ")}. Wählen Sie die Vergleichsgruppe aus der Liste.`,
        `These ids belong to no administration of the region: ${unknown.join(", ")}. Choose the peer group from the list.`,
      );
    }
  }
  const peerGroup = chosen?.length
    ? chosen.filter((id) => applicableSet.has(id))
    : query.sizeClass
      ? sizeClassPeers(administrations, query.sizeClass)
      : null;
  const result = evaluate({ period, administrations, values, peerGroup });

  const best = result.bestPractice;
  const ownId = actor?.organizationId;
  const own = ownId ? result.administrations.find((a) => a.organizationId === ownId) : undefined;
  return {
    standard: {
      id: standard.id,
      key: standard.key,
      version: shown.version,
      title: shown.title,
      titleEn: shown.titleEn,
      theme: shown.theme,
      unit: shown.unit,
      direction: shown.direction,
      periodicity: shown.periodicity,
      aggregation: shown.aggregation,
      target: shown.target,
      tolerance: shown.tolerance,
    },
    period: result.period,
    previousPeriod: result.previousPeriod,
    periods,
    periodLabels: Object.fromEntries(
      [...new Set([result.period, result.previousPeriod, ...periods, ...(best?.periods ?? [])])].map((p) => [
        p,
        { de: formatPeriodText(p, "de"), en: formatPeriodText(p, "en") },
      ]),
    ),
    peerGroup: {
      kind: chosen?.length ? ("chosen" as const) : query.sizeClass ? ("size_class" as const) : ("region" as const),
      sizeClass: chosen?.length ? null : (query.sizeClass ?? null),
      organizationIds: result.administrations.filter((a) => a.inPeerGroup).map((a) => a.organizationId),
    },
    // Whether an administration needs support is said to itself only (below), not to the others.
    administrations: result.administrations.map(({ needsSupport: _, ...a }) => a),
    distribution: result.distribution,
    distances: result.distances,
    statusCounts: result.statusCounts,
    bestPractice: best ? { ...best, contactEmail: orgRows.find((o) => o.id === best.organizationId)?.contact ?? null } : null,
    ownAdministration:
      own && actor
        ? { organizationId: own.organizationId, needsSupport: own.needsSupport, support: await supportSuggestion(db, actor, shown.theme) }
        : null,
  };
}

/** What a support request for a standard of this theme is pre-filled with: the own department and a qualification of the catalogue. */
async function supportSuggestion(db: Db, actor: Actor, theme: keyof typeof SUPPORT_FOR_THEME) {
  const wanted = SUPPORT_FOR_THEME[theme];
  const [department] = wanted.department
    ? await db
        .select({ id: departments.id, name: departments.name })
        .from(departments)
        .where(and(eq(departments.organizationId, actor.organizationId), eq(departments.key, wanted.department)))
    : [];
  const [qualification] = wanted.qualification
    ? await db
        .select({ id: qualifications.id, name: qualifications.name })
        .from(qualifications)
        .where(and(eq(qualifications.regionId, actor.regionId), eq(qualifications.key, wanted.qualification)))
    : [];
  return { department: department ?? null, qualification: qualification ?? null };
}
