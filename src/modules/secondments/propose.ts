import type { Db, Tx } from "../../db/client";
import { ineligibility } from "../../domain/allocation/eligibility";
import { AppError } from "../../kernel/problems";
import { notifyNext } from "./secondment-mail";
import { recordAudit } from "../audit";
import type { Actor } from "../../kernel/actor";
import { unscopedCandidates, unscopedLockPoolMember } from "../pool";
import { getSupportRequest } from "../support-requests";
import { secondmentTransitions, secondments } from "./secondments.tables";
import { assertNoOverlap } from "./guards";
import { present } from "./present";
import { MemberRow, unscopedExistingOffer } from "./secondment-scope";
import { legalBasisOf } from "./secondment-rules";
import { unscopedRequestStatusOf } from "../support-requests";

// Opening a secondment: the lender's offer for a request, a checked proposal from an allocation run.

/**
 * The lender's HR office proposes one of its pool members for another administration's open
 * request (the offer of "Mutual support I" opens this proposal). The member must be eligible and
 * free in the period.
 */
export async function proposeSecondment(db: Db, actor: Actor, input: { requestId: string; memberId: string }, baseUrl: string) {
  return db.transaction(async (tx) => {
    const request = await getSupportRequest(tx, actor, input.requestId);
    const asBorrower = request.abilities.proposeFromRegion;
    if (!request.abilities.offer && !asBorrower) {
      throw new AppError("conflict", {
        message: { de: "Für diese Anfrage können Sie niemanden anbieten.", en: "You cannot offer anyone for this request." },
      });
    }
    // The lender offers its own people; the borrower proposes anyone of the region but its own.
    const candidate = (await unscopedCandidates(tx, asBorrower ? { region: actor.regionId } : actor.organizationId)).find(
      (c) => c.id === input.memberId,
    );
    if (!candidate) throw new AppError("not_found");
    const { row, member } = await openCheckedProposal(
      tx,
      actor,
      request,
      candidate,
      asBorrower ? "Vorschlag der anfragenden Verwaltung aus dem Pool der Region" : null,
      baseUrl,
    );
    return present(tx, actor, row, member, true);
  });
}

/**
 * Proposes a pool member for a request after checking what holds for every proposal: the member
 * is eligible, not yet offered for the request, and free in the period. Used by offers, by the
 * borrower's proposals and by committing an allocation run.
 */
export async function openCheckedProposal(
  tx: Tx,
  actor: Actor,
  request: Awaited<ReturnType<typeof getSupportRequest>>,
  candidate: Awaited<ReturnType<typeof unscopedCandidates>>[number],
  reason: string | null,
  baseUrl: string,
) {
  // Proposals of one person run one at a time (and with the person's workflow steps); what the
  // checks read is read again under that lock.
  const locked = await unscopedLockPoolMember(tx, candidate.id);
  const [fresh] = locked ? await unscopedCandidates(tx, candidate.organizationId, { memberIds: [candidate.id] }) : [];
  const status = await unscopedRequestStatusOf(tx, request.id);
  if (!status || !["open", "partly_filled"].includes(status)) {
    throw new AppError("conflict", {
      message: { de: "Die Anfrage ist nicht mehr offen.", en: "The request is no longer open." },
    });
  }
  if (!fresh || !locked) throw new AppError("not_found");
  candidate = fresh;
  const ineligible = ineligibility(candidate, {
    ...request,
    organizationId: request.organization.id,
    requiredQualificationIds: request.requiredQualifications.map((q) => q.id),
  });
  if (ineligible) {
    throw new AppError("validation", {
      fields: [
        {
          field: "memberId",
          in: "body",
          rule: `ineligible_${ineligible}`,
          message: {
            de: "Diese Person erfüllt die Anforderungen der Anfrage nicht.",
            en: "This person does not meet the request's requirements.",
          },
        },
      ],
    });
  }
  const existing = await unscopedExistingOffer(tx, request.id, candidate.id);
  if (existing)
    throw new AppError("conflict", {
      message: { de: "Diese Person ist bereits angeboten.", en: "This person has been offered already." },
    });
  await assertNoOverlap(tx, candidate.id, request);
  const member = locked;
  const row = await openProposal(
    tx,
    actor,
    member,
    {
      regionId: actor.regionId,
      organizationId: member.organizationId,
      borrowerOrganizationId: request.organization.id,
      requestId: request.id,
      memberId: member.id,
      startsOn: request.startsOn,
      endsOn: request.endsOn,
      hoursPerWeek: request.hoursPerWeek,
      place: request.isRemotePossible
        ? `${request.placeAddress ?? request.organization.name} (mobiles Arbeiten möglich)`
        : (request.placeAddress ?? request.organization.name),
      tasks: request.tasks,
      settlementModel: request.settlementModel,
      employmentStatus: member.employmentStatus,
      legalBasis: legalBasisOf(member.employmentStatus),
    },
    reason,
    baseUrl,
  );
  return { row, member };
}

/**
 * Opens a proposal — a new secondment or an extension: the row, the first timeline entry, the
 * audit entry (owned by the lender, `party`), and the e-mail to the lender's department head.
 */
export async function openProposal(
  tx: Tx,
  actor: Actor,
  member: MemberRow,
  values: Omit<typeof secondments.$inferInsert, "state" | "proposedBy">,
  reason: string | null,
  baseUrl: string,
) {
  const [row] = await tx
    .insert(secondments)
    .values({ ...values, state: "proposed", proposedBy: actor.accountId })
    .returning();
  await tx.insert(secondmentTransitions).values({
    secondmentId: row.id,
    regionId: row.regionId,
    organizationId: row.organizationId,
    borrowerOrganizationId: row.borrowerOrganizationId,
    action: "propose",
    fromState: null,
    toState: "proposed",
    actorAccountId: actor.accountId,
    actorName: actor.displayName,
    // An HR office proposes for its side ("Personalamt Wunstorf hat die Abordnung vorgeschlagen");
    // the region's coordination (an allocation run) is named as the person it is.
    actingAs: !actor.roles.includes("org_admin")
      ? null
      : actor.organizationId === row.organizationId
        ? "lender_org_admin"
        : actor.organizationId === row.borrowerOrganizationId
          ? "borrower_org_admin"
          : null,
    reason,
  });
  await recordAudit(tx, actor, {
    action: "create",
    entity: "secondment",
    entityId: row.id,
    organizationId: row.organizationId,
    visibility: "party",
    after: { requestId: row.requestId, amends: row.amendsId, startsOn: row.startsOn, endsOn: row.endsOn, state: "proposed" },
  });
  await notifyNext(tx, row, member, baseUrl);
  return row;
}
