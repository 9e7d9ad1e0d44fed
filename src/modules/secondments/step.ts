import { and, desc, eq, lte } from "drizzle-orm";
import type { Tx } from "../../db/client";
import {
  councilStatusAfter,
  type Action,
  type SecondmentState,
  type WorkflowFacts,
  type WorkflowRole,
} from "../../domain/secondment/workflow";
import { addWorkingDays, stateOfAgs, today } from "../../kernel/dates";
import { notifyNext } from "./secondment-mail";
import { recordAudit } from "../audit";
import type { Actor } from "../../kernel/actor";
import { updateRequestFill } from "./request-fill";
import { frameworkAgreements, onboardingItems, secondmentTransitions, secondments } from "./secondments.tables";
import { settingsOf } from "./facts";
import { organizations } from "../organizations";
import type { Principal } from "../identity";
import { MemberRow, SecondmentRow } from "./secondment-scope";
import { ONBOARDING_TEMPLATE } from "./secondment-rules";

// One workflow step written: state, timeline, audit entry and the mail to whoever acts next.

/** Writes one step: state, timeline entry, audit entry (with "on behalf of"), and e-mail to whoever acts next. */
export async function applyStep(
  tx: Tx,
  s: SecondmentRow,
  member: MemberRow,
  step: {
    action: Action;
    to: SecondmentState;
    actor: Actor | null;
    /** The workflow role the step is taken in; Verbund's own steps (no actor) are `system`. */
    actingAs?: WorkflowRole;
    onBehalfOf?: Principal;
    reason?: string | null;
    facts: WorkflowFacts;
  },
  baseUrl: string,
) {
  const patch: Partial<typeof secondments.$inferInsert> = {
    state: step.to,
    councilStatus: councilStatusAfter(step.action, s.councilStatus, step.facts),
    updatedAt: new Date(),
  };
  if (step.action === "accept" && step.to === "staff_council") {
    // The lending administration's staff council counts working days of its own state.
    const settings = await settingsOf(tx, s.organizationId);
    const [lender] = await tx.select({ ags: organizations.ags }).from(organizations).where(eq(organizations.id, s.organizationId));
    patch.councilDeadline = addWorkingDays(today(), settings.councilDeadlineWorkingDays, stateOfAgs(lender.ags));
  }
  if (step.action === "record_hearing") patch.hearingRecordedAt = new Date();
  if (step.action === "record_sbv_hearing") patch.sbvHearingRecordedAt = new Date();
  if (step.action === "confirm") {
    const [framework] = await tx
      .select({ id: frameworkAgreements.id })
      .from(frameworkAgreements)
      .where(and(eq(frameworkAgreements.regionId, s.regionId), lte(frameworkAgreements.validFrom, today())))
      .orderBy(desc(frameworkAgreements.version))
      .limit(1);
    patch.frameworkAgreementId = framework?.id ?? null;
    await tx
      .insert(onboardingItems)
      .values(
        ONBOARDING_TEMPLATE.map((tpl) => ({
          secondmentId: s.id,
          key: tpl.key,
          regionId: s.regionId,
          organizationId: s.organizationId,
          borrowerOrganizationId: s.borrowerOrganizationId,
          side: tpl.side,
          isRequired: tpl.isRequired,
          dueOn: s.startsOn,
        })),
      )
      .onConflictDoNothing();
  }
  const [after] = await tx.update(secondments).set(patch).where(eq(secondments.id, s.id)).returning();
  await tx.insert(secondmentTransitions).values({
    secondmentId: s.id,
    regionId: s.regionId,
    organizationId: s.organizationId,
    borrowerOrganizationId: s.borrowerOrganizationId,
    action: step.action,
    fromState: s.state,
    toState: step.to,
    actorAccountId: step.actor?.accountId ?? null,
    actorName: step.actor?.displayName ?? "Verbund",
    onBehalfOf: step.onBehalfOf?.displayName ?? null,
    actingAs: step.actingAs ?? (step.actor ? null : "system"),
    reason: step.reason?.trim() || null,
  });
  // A start before the agreed first day is an override: the audit log keeps the date and the reason.
  const isEarlyStart = step.to === "active" && step.facts.isBeforeStart;
  await recordAudit(tx, step.actor, {
    action: "update",
    entity: "secondment",
    entityId: s.id,
    regionId: s.regionId,
    organizationId: s.organizationId,
    visibility: "party",
    before: { state: s.state },
    after: {
      state: step.to,
      action: step.action,
      ...(step.reason?.trim() ? { reason: step.reason.trim() } : {}),
      ...(isEarlyStart ? { startedBeforeAgreedStart: s.startsOn } : {}),
      // The terms the borrower confirmed, read under the row lock: the overhead surcharge.
      ...(step.action === "confirm"
        ? { overhead: s.overhead, overheadPercent: s.overheadBasisPoints === null ? null : s.overheadBasisPoints / 100 }
        : {}),
    },
    actorLogin: step.actor ? undefined : "verbund",
    onBehalfOf: step.onBehalfOf?.login ?? null,
  });
  await updateRequestFill(tx, s.requestId);
  if (step.to !== s.state) await notifyNext(tx, after, member, baseUrl);
  return after;
}
