import { and, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { today } from "../../kernel/dates";
import { isLongerThanThreeMonths, type Hearing, type WorkflowFacts } from "../../domain/secondment/workflow";
import { onboardingItems, secondmentSettings } from "./secondments.tables";
import { MemberRow, SecondmentRow, unscopedChainOf } from "./secondment-scope";
import { unscopedIsInActiveCrisis } from "../support-requests";

// Facts for the guards: the administration's settings, a secondment's chain of extensions, and
// what the workflow rules need to know.

export async function settingsOf(db: Db | Tx, organizationId: string) {
  const [row] = await db.select().from(secondmentSettings).where(eq(secondmentSettings.organizationId, organizationId));
  return row ?? { councilScope: "all" as const, councilDeadlineWorkingDays: 10, maxLentTotal: null };
}

/** The whole period of a secondment with the ones it extends (an extension counts with its original). */
export async function chainPeriod(db: Db | Tx, s: SecondmentRow) {
  const startsOn = (await unscopedChainOf(db, s)).reduce((min, c) => (c.startsOn < min ? c.startsOn : min), s.startsOn);
  return { startsOn, endsOn: s.endsOn };
}

/**
 * The hearings still to record before the approval: the employee's (§ 4 Abs. 1 TVöD) for an
 * employee seconded for more than three months, counted with the secondments it extends; the
 * severe-disability representative's (§ 178 Abs. 2 SGB IX) only where the person's severe
 * disability is recorded in the pool.
 */
export function missingHearingsOf(
  s: Pick<SecondmentRow, "employmentStatus" | "hearingRecordedAt" | "sbvHearingRecordedAt">,
  member: Pick<MemberRow, "recordsSevereDisability">,
  isLong: boolean,
): Hearing[] {
  return [
    ...(s.employmentStatus === "employee" && isLong && !s.hearingRecordedAt ? (["tvoed"] as const) : []),
    ...(member.recordsSevereDisability && !s.sbvHearingRecordedAt ? (["sbv"] as const) : []),
  ];
}

export async function loadFacts(db: Db | Tx, s: SecondmentRow, member: MemberRow): Promise<WorkflowFacts> {
  const settings = await settingsOf(db, s.organizationId);
  const whole = await chainPeriod(db, s);
  const long = isLongerThanThreeMonths(whole.startsOn, whole.endsOn);
  const councilRequired = settings.councilScope === "all" || long;
  let inCrisis = false;
  if (s.requestId) {
    inCrisis = await unscopedIsInActiveCrisis(db, s.requestId);
  }
  const missingHearings = missingHearingsOf(s, member, long);
  const [{ open }] = await db
    .select({ open: sql<number>`count(*)::int` })
    .from(onboardingItems)
    .where(and(eq(onboardingItems.secondmentId, s.id), eq(onboardingItems.isRequired, true), eq(onboardingItems.status, "open")));
  return {
    councilRequired,
    councilStatus: s.councilStatus,
    councilDeadlinePassed: !!s.councilDeadline && s.councilDeadline < today(),
    inCrisis,
    missingHearings,
    openRequiredOnboarding: open,
    startsOn: s.startsOn,
    isBeforeStart: today() < s.startsOn,
  };
}
