import { groupBy } from "../../kernel/group-by";
import type { Db } from "../../db/client";
import type { Actor } from "../../kernel/actor";
import { today } from "../../kernel/dates";
import { needsSupport, statusOfValue, trendOf, type ReportedValue } from "../../domain/standards/evaluation";
import { formatPeriodText, lastClosedPeriod, parsePeriod, previousPeriod } from "../../domain/standards/period";
import { STANDARD_THEMES, type StandardTheme } from "../../domain/standards/standard";
import { appliesTo, currentVersion } from "../../domain/standards/standard-rules";
import { STANDARD_STATUSES, type StandardStatus } from "../../domain/standards/status";
import {
  administrationAsApplicable,
  unscopedStandardsOfRegions,
  type StandardVersionRow,
  type StandardWithVersions,
} from "./standard-scope";
import { listOwnReportedValues } from "./submission-scope";

const label = (period: string) => ({ de: formatPeriodText(period, "de"), en: formatPeriodText(period, "en") });

/**
 * The service standards on the management dashboard of the actor's own administration (Chefsache):
 * per theme, every standard that applies to it with its latest reported value (submitted or later,
 * never a draft), the status against the version it was measured against, the trend since the
 * period before, and whether it needs support (missed twice in a row up to the last closed period);
 * counts per status. Themes without a standard for the administration are left out.
 */
export async function ownStandardsAtAGlance(db: Db, actor: Actor) {
  const day = today();
  const [catalogue, facts, rows] = await Promise.all([
    unscopedStandardsOfRegions(db, [actor.regionId]),
    administrationAsApplicable(db, actor.regionId, actor.organizationId),
    listOwnReportedValues(db, actor),
  ]);
  const byStandard = groupBy(rows, (r) => r.standardId);
  const themes = new Map<StandardTheme, Array<ReturnType<typeof standardLine>>>();

  function standardLine(standard: StandardWithVersions, shown: StandardVersionRow) {
    const versions = new Map(standard.versions.map((v) => [v.id, v]));
    const own = (byStandard.get(standard.id) ?? []).filter((r) => versions.has(r.standardVersionId));
    const series = new Map<string, ReportedValue>(
      own.map((r) => [
        r.period,
        { organizationId: actor.organizationId, period: r.period, value: r.value, version: versions.get(r.standardVersionId)! },
      ]),
    );
    const latest = own.sort((a, b) => parsePeriod(b.period)!.end.localeCompare(parsePeriod(a.period)!.end))[0];
    const current = latest ? series.get(latest.period) : undefined;
    const before = latest ? previousPeriod(parsePeriod(latest.period)!).text : null;
    const previous = before ? series.get(before) : undefined;
    const closed = lastClosedPeriod(shown.periodicity, day).text;
    return {
      id: standard.id,
      key: standard.key,
      title: { de: shown.title, en: shown.titleEn },
      unit: shown.unit,
      direction: shown.direction,
      target: current?.version.target ?? shown.target,
      tolerance: current?.version.tolerance ?? shown.tolerance,
      period: latest?.period ?? null,
      periodLabel: latest ? label(latest.period) : null,
      value: current?.value ?? null,
      state: latest?.state ?? null,
      status: statusOfValue(current),
      previousPeriod: previous ? before : null,
      previousValue: previous?.value ?? null,
      trend: trendOf(current, previous),
      // The last closed period's value is not there yet (neither submitted nor later).
      due: !series.has(closed),
      duePeriod: label(closed),
      needsSupport: needsSupport(series, closed),
    };
  }

  for (const standard of catalogue) {
    const shown = currentVersion(standard.versions, day);
    if (!shown || !facts || !appliesTo(shown.appliesTo, facts)) continue;
    const lines = themes.get(shown.theme) ?? [];
    lines.push(standardLine(standard, shown));
    themes.set(shown.theme, lines);
  }
  return STANDARD_THEMES.filter((theme) => themes.has(theme)).map((theme) => {
    const standards = themes.get(theme)!.sort((a, b) => a.title.de.localeCompare(b.title.de, "de"));
    const counts = Object.fromEntries(STANDARD_STATUSES.map((s) => [s, standards.filter((x) => x.status === s).length])) as Record<
      StandardStatus,
      number
    >;
    return { theme, counts, standards };
  });
}
