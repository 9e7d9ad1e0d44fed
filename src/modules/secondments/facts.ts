import { and, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { BLOCKING_STATES, isLongerThanThreeMonths, type WorkflowFacts } from "../../domain/secondment/workflow";
import { poolMembers } from "../pool";
import { crises, supportRequests } from "../support-requests";
import { onboardingItems, secondmentSettings, secondments } from "./secondments.tables";

// Facts for the guards: the administration's settings, a secondment's chain of extensions, and
// what the workflow rules need to know.

export type SecondmentRow = typeof secondments.$inferSelect;
export type MemberRow = typeof poolMembers.$inferSelect;

export const today = () => new Date().toISOString().slice(0, 10);
export const BLOCKING = [...BLOCKING_STATES];

export async function settingsOf(db: Db | Tx, organizationId: string) {
  const [row] = await db.select().from(secondmentSettings).where(eq(secondmentSettings.organizationId, organizationId));
  return row ?? { councilScope: "all" as const, councilDeadlineWorkingDays: 10, maxLentTotal: null };
}

/** A secondment and the ones it extends, the secondment first (an extension amends its original). */
export async function chainOf(db: Db | Tx, s: SecondmentRow): Promise<SecondmentRow[]> {
  const chain = [s];
  for (let cursor = s.amendsId; cursor;) {
    const [prev] = await db.select().from(secondments).where(eq(secondments.id, cursor));
    if (!prev || chain.some((c) => c.id === prev.id)) break;
    chain.push(prev);
    cursor = prev.amendsId;
  }
  return chain;
}

/** The whole period of a secondment with the ones it extends (an extension counts with its original). */
export async function chainPeriod(db: Db | Tx, s: SecondmentRow) {
  const startsOn = (await chainOf(db, s)).reduce((min, c) => (c.startsOn < min ? c.startsOn : min), s.startsOn);
  return { startsOn, endsOn: s.endsOn };
}

export async function loadFacts(db: Db | Tx, s: SecondmentRow, member: MemberRow): Promise<WorkflowFacts> {
  const settings = await settingsOf(db, s.organizationId);
  const whole = await chainPeriod(db, s);
  const long = isLongerThanThreeMonths(whole.startsOn, whole.endsOn);
  const councilRequired = settings.councilScope === "all" || long;
  let inCrisis = false;
  if (s.requestId) {
    const [row] = await db
      .select({ urgency: supportRequests.urgency, endedAt: crises.endedAt })
      .from(supportRequests)
      .leftJoin(crises, eq(crises.id, supportRequests.crisisId))
      .where(eq(supportRequests.id, s.requestId));
    inCrisis = !!row && row.urgency === "crisis" && row.endedAt === null;
  }
  const missingHearings =
    (s.employmentStatus === "employee" && long && !s.hearingRecordedAt ? 1 : 0) +
    (member.recordsSevereDisability && !s.sbvHearingRecordedAt ? 1 : 0);
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
  };
}
