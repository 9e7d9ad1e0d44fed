import type { Db } from "../../db/client";
import { coversPeriod } from "../../domain/allocation/eligibility";
import { AppError } from "../../kernel/problems";
import { addDays, germanDate } from "../../kernel/dates";
import type { Actor } from "../../kernel/actor";
import { unscopedAvailabilityOf } from "../pool";
import { workflowRoles } from "./who-acts";
import { assertNoOverlap } from "./guards";
import { present } from "./present";
import { openProposal } from "./propose";
import { unscopedPendingExtension } from "./secondment-scope";
import { AGREED_OR_RUNNING } from "./secondment-rules";
import { getVisibleSecondmentForUpdate } from "./secondment-scope";

// Extending a secondment: an amending secondment that runs through the workflow again.

/**
 * An extension is an amendment: a new secondment from the day after the current one ends, which
 * passes the same gates again (release, approval, acceptance, staff council, confirmation). Its
 * hearing rule counts the whole period, original and extensions together.
 */
export async function extendSecondment(
  db: Db,
  actor: Actor,
  id: string,
  input: { endsOn: string; reason?: string | null },
  baseUrl: string,
) {
  return db.transaction(async (tx) => {
    // The lock on the secondment serialises extensions of it: the pending check below sees the other's.
    const { s, m } = await getVisibleSecondmentForUpdate(tx, actor, id);
    const { roles } = await workflowRoles(tx, actor, s, m);
    if (!roles.has("lender_org_admin") && !roles.has("borrower_org_admin")) throw new AppError("forbidden");
    if (!AGREED_OR_RUNNING.includes(s.state)) {
      throw new AppError("conflict", {
        message: {
          de: "Verlängert wird eine vereinbarte oder laufende Abordnung.",
          en: "Only an agreed or running secondment is extended.",
        },
      });
    }
    const startsOn = addDays(s.endsOn, 1);
    if (input.endsOn < startsOn) {
      throw new AppError("validation", {
        fields: [
          {
            field: "endsOn",
            in: "body",
            rule: "after_current_end",
            message: {
              de: `Die Verlängerung endet nach dem bisherigen Ende (${germanDate(s.endsOn)}).`,
              en: `The extension ends after the current end (${s.endsOn}).`,
            },
          },
        ],
      });
    }
    const pending = await unscopedPendingExtension(tx, s.id);
    if (pending) {
      throw new AppError("conflict", {
        message: { de: "Eine Verlängerung ist bereits im Verfahren.", en: "An extension is already under way." },
      });
    }
    const windows = await unscopedAvailabilityOf(tx, [m.id]);
    if (!coversPeriod(windows, startsOn, input.endsOn, s.hoursPerWeek)) {
      throw new AppError("validation", {
        fields: [
          {
            field: "endsOn",
            in: "body",
            rule: "ineligible_availability",
            message: {
              de: "Die Person hat für den Verlängerungszeitraum keine passende Verfügbarkeit eingetragen.",
              en: "The person has not entered availability for the extension period.",
            },
          },
        ],
      });
    }
    await assertNoOverlap(tx, m.id, { startsOn, endsOn: input.endsOn });
    const { id: _id, createdAt: _c, updatedAt: _u, state: _s, proposedBy: _p, ...rest } = s;
    const row = await openProposal(
      tx,
      actor,
      m,
      {
        ...rest,
        amendsId: s.id,
        councilStatus: "not_required",
        councilDeadline: null,
        startsOn,
        endsOn: input.endsOn,
        frameworkAgreementId: null,
        hearingRecordedAt: null,
        sbvHearingRecordedAt: null,
      },
      input.reason?.trim() || `Verlängerung der Abordnung bis ${germanDate(input.endsOn)}`,
      baseUrl,
    );
    return present(tx, actor, row, m, true);
  });
}
