import { groupBy } from "../../kernel/group-by";
import { asc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { today } from "../../kernel/dates";
import { AppError } from "../../kernel/problems";
import { formatPeriodText } from "../../domain/standards/period";
import type { ConfidenceLevel } from "../../domain/standards/standard";
import { statusOf, type StandardStatus } from "../../domain/standards/status";
import { organizations } from "../organizations";
import { unscopedStandardsOfRegions, type StandardVersionRow } from "./standard-scope";
import { currentRepliesOf, listPublishedSubmissions, publishedCountsByOrganization } from "./submission-scope";

// The public's view of the reported values: the transparency portal (`/transparenz`) and the open
// data (`/opendata/`). Everything here is built from `listPublishedSubmissions` — values past their
// publication day that no correction replaced — so an embargoed value appears in no page, count or
// file. No person is named: neither reporter nor validator, only the administration.

/** One published value as the portal and the open data show it (the columns of `values.csv`). */
export interface PublicValue {
  id: string;
  organizationId: string;
  organization: string;
  ags: string;
  standardId: string;
  standardKey: string;
  standardTitle: string;
  standardTitleEn: string;
  theme: string;
  /** The version of the standard the value was measured against. */
  standardVersion: number;
  period: string;
  periodLabel: { de: string; en: string };
  periodStart: string;
  periodEnd: string;
  value: number;
  unit: StandardVersionRow["unit"];
  numerator: number | null;
  denominator: number | null;
  direction: StandardVersionRow["direction"];
  target: number;
  tolerance: number;
  /** `statusOf` against the version the value was measured against. */
  status: Exclude<StandardStatus, "no_data">;
  method: string;
  confidence: ConfidenceLevel;
  measurement: string;
  anchor: string;
  publishedOn: string;
  /** 1, or higher after corrections. */
  valueVersion: number;
  correctionReason: string | null;
  /** The administration's public comment (right of reply), or null. */
  reply: string | null;
  replyChangedAt: string | null;
}

/** The values published today (in Germany), optionally of one administration. */
export async function publicValues(db: Db, filter: { organizationId?: string } = {}, day = today()): Promise<PublicValue[]> {
  const rows = await listPublishedSubmissions(db, day, filter);
  if (!rows.length) return [];
  const catalogue = await unscopedStandardsOfRegions(db, [...new Set(rows.map((r) => r.s.regionId))]);
  const versions = new Map<string, { key: string; v: StandardVersionRow }>();
  for (const entry of catalogue) for (const v of entry.versions) versions.set(v.id, { key: entry.key, v });
  const replies = await currentRepliesOf(
    db,
    rows.map((r) => r.s.id),
  );
  return rows.map(({ s, organizationName, ags }) => {
    const { key, v } = versions.get(s.standardVersionId)!;
    const reply = replies.get(s.id);
    const status = statusOf(v, s.value) as PublicValue["status"];
    return {
      id: s.id,
      organizationId: s.organizationId,
      organization: organizationName,
      ags,
      standardId: s.standardId,
      standardKey: key,
      standardTitle: v.title,
      standardTitleEn: v.titleEn,
      theme: v.theme,
      standardVersion: v.version,
      period: s.period,
      periodLabel: { de: formatPeriodText(s.period), en: formatPeriodText(s.period, "en") },
      periodStart: s.periodStart,
      periodEnd: s.periodEnd,
      value: s.value,
      unit: v.unit,
      numerator: s.numerator,
      denominator: s.denominator,
      direction: v.direction,
      target: v.target,
      tolerance: v.tolerance,
      status,
      method: s.method,
      confidence: s.confidence,
      measurement: v.measurement,
      anchor: v.anchor,
      publishedOn: s.publishOn!,
      valueVersion: s.version,
      correctionReason: s.correctionReason,
      reply: reply?.text ? reply.text : null,
      replyChangedAt: reply?.text ? reply.createdAt.toISOString() : null,
    };
  });
}

/** The administrations of every region, each with how many values it has published (the portal's start). */
export async function transparencyOverview(db: Db) {
  const day = today();
  const [counts, orgs] = await Promise.all([
    publishedCountsByOrganization(db, day),
    db
      .select({ id: organizations.id, name: organizations.name, ags: organizations.ags, kind: organizations.kind })
      .from(organizations)
      .orderBy(asc(organizations.name)),
  ]);
  return {
    asOf: day,
    organizations: orgs.map((o) => ({ ...o, publishedValues: counts.get(o.id) ?? 0 })),
  };
}

/** One administration's published values, grouped by standard (the standard as in its newest value's version). */
export async function transparencyOfOrganization(db: Db, organizationId: string) {
  const [org] = await db
    .select({ id: organizations.id, name: organizations.name, ags: organizations.ags, kind: organizations.kind })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  if (!org) throw new AppError("not_found");
  const day = today();
  const values = await publicValues(db, { organizationId }, day);
  const byStandard = groupBy(values, (v) => v.standardId);
  const standards = [...byStandard.values()]
    .map((vs) => {
      const newest = vs[0];
      return {
        id: newest.standardId,
        key: newest.standardKey,
        title: newest.standardTitle,
        titleEn: newest.standardTitleEn,
        theme: newest.theme,
        unit: newest.unit,
        direction: newest.direction,
        target: newest.target,
        tolerance: newest.tolerance,
        measurement: newest.measurement,
        anchor: newest.anchor,
        values: vs.map((v) => ({
          id: v.id,
          period: v.period,
          periodLabel: v.periodLabel,
          value: v.value,
          numerator: v.numerator,
          denominator: v.denominator,
          target: v.target,
          tolerance: v.tolerance,
          status: v.status,
          method: v.method,
          confidence: v.confidence,
          publishedOn: v.publishedOn,
          valueVersion: v.valueVersion,
          correctionReason: v.correctionReason,
          reply: v.reply,
          replyChangedAt: v.replyChangedAt,
        })),
      };
    })
    .sort((a, b) => a.title.localeCompare(b.title, "de"));
  return { asOf: day, organization: org, standards };
}
