import { today } from "../../kernel/dates";
import type { Task, TaskSource } from "../../kernel/tasks";
import { appliesTo, versionInForce } from "../../domain/standards/standard-rules";
import { formatPeriod, lastClosedPeriod, parsePeriod } from "../../domain/standards/period";
import { ownCurrentSubmissions, unscopedSubmittedCounts } from "./submission-scope";
import { administrationAsApplicable, unscopedStandardsOfRegions } from "./standard-scope";
import { submissionPolicy } from "./submissions.policy";

/**
 * What waits in the reporting: the administration's controlling (and HR office) sees "Meldung für
 * 3. Quartal 2026 fällig" for each applicable standard without a submitted value of the last closed
 * period; the region's coordination sees the submitted values waiting for review, per
 * administration and period.
 */
export const submissionTasks: TaskSource = async ({ db, actor }) => {
  const tasks: Task[] = [];
  const day = today();
  if (submissionPolicy.can(actor, "report")) {
    const facts = await administrationAsApplicable(db, actor.regionId, actor.organizationId);
    const due: Array<{ standardId: string; title: string; titleEn: string; period: string }> = [];
    for (const { id: standardId, versions } of facts ? await unscopedStandardsOfRegions(db, [actor.regionId]) : []) {
      const period = lastClosedPeriod(versions[0].periodicity, day);
      const version = versionInForce(versions, period.end);
      if (version && version.periodicity === period.kind && appliesTo(version.appliesTo, facts!)) {
        due.push({ standardId, title: version.title, titleEn: version.titleEn, period: period.text });
      }
    }
    const reported = await ownCurrentSubmissions(db, actor, [...new Set(due.map((d) => d.period))]);
    for (const d of due) {
      const value = reported.find((r) => r.standardId === d.standardId && r.period === d.period);
      if (value && value.state !== "draft") continue;
      const p = parsePeriod(d.period)!;
      tasks.push({
        kind: "submission_due",
        object: { type: "standard", id: d.standardId, title: d.title },
        step: { de: `Meldung für ${formatPeriod(p)} fällig`, en: `Value for ${formatPeriod(p, "en")} due` },
        dueOn: null,
        link: `/meldungen?zeitraum=${d.period}`,
      });
    }
  }
  if (submissionPolicy.can(actor, "validate")) {
    for (const c of await unscopedSubmittedCounts(db, actor.regionId)) {
      const p = parsePeriod(c.period);
      const label = p ? formatPeriod(p) : c.period;
      tasks.push({
        kind: "submission_review",
        object: { type: "organization", id: c.organizationId, title: c.organizationName },
        step: {
          de: `${c.count === 1 ? "Meldung" : `${c.count} Meldungen`} für ${label} prüfen`,
          en: `Review ${c.count === 1 ? "a reported value" : `${c.count} reported values`} for ${p ? formatPeriod(p, "en") : c.period}`,
        },
        dueOn: null,
        link: `/pruefung?zeitraum=${c.period}`,
      });
    }
  }
  return tasks;
};
