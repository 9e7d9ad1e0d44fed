import type { Db } from "../../db/client";
import type { Actor } from "../../kernel/actor";
import { today } from "../../kernel/dates";
import { AppError } from "../../kernel/problems";
import { recordAudit } from "../audit";
import { submissionReplies } from "./standards.tables";
import { latestReplyOf, ownPublishedSubmissionForUpdate } from "./submission-scope";
import { getSubmission, type SubmissionView } from "./submissions";

// The right of reply (Stellungnahme): an administration's reporter or HR office writes a short
// public comment on one of its published values, changes it or withdraws it. Every change is a new
// row of `submission_replies` (the history) and an audit entry. Two changes at once: the value's
// row is locked first, then the form's version is compared with the newest — the second gets 409.

const conflict = (de: string, en: string) => new AppError("conflict", { message: { de, en } });

/**
 * Writes `text` (the comment, or "" to withdraw it) as the next version of the value's comment,
 * when the form was filled from the newest version (`basedOnVersion`, null: none yet).
 */
async function writeReply(db: Db, actor: Actor, id: string, text: string, basedOnVersion: number | null): Promise<SubmissionView> {
  await db.transaction(async (tx) => {
    const value = await ownPublishedSubmissionForUpdate(tx, actor, today(), id);
    if (!value) {
      throw conflict(
        "Eine Stellungnahme ist erst möglich, wenn der Wert veröffentlicht ist (und solange keine Korrektur ihn ersetzt hat).",
        "A comment can be written once the value is published (and as long as no correction has replaced it).",
      );
    }
    const latest = await latestReplyOf(tx, id);
    if ((latest?.version ?? null) !== basedOnVersion) {
      throw conflict(
        "Die Stellungnahme wurde inzwischen geändert. Bitte laden Sie die Seite neu und prüfen Sie den neuen Text.",
        "The comment has been changed in the meantime. Please reload the page and check the new text.",
      );
    }
    if (!text && !latest?.text) throw conflict("Zu diesem Wert gibt es keine Stellungnahme.", "This value has no comment.");
    await tx.insert(submissionReplies).values({
      regionId: value.regionId,
      organizationId: value.organizationId,
      submissionId: value.id,
      version: (latest?.version ?? 0) + 1,
      text,
      createdBy: actor.accountId,
    });
    await recordAudit(tx, actor, {
      action: "update",
      entity: "submission",
      entityId: value.id,
      visibility: "region",
      before: { reply: latest?.text ?? "" },
      after: { reply: text },
    });
  });
  return getSubmission(db, actor, id);
}

/** Writes or changes the administration's public comment on its published value. */
export function setReply(db: Db, actor: Actor, id: string, body: { text: string; basedOnVersion: number | null }) {
  return writeReply(db, actor, id, body.text, body.basedOnVersion);
}

/** Withdraws the comment (a new version with empty text; the history keeps the old ones). */
export function withdrawReply(db: Db, actor: Actor, id: string, basedOnVersion: number) {
  return writeReply(db, actor, id, "", basedOnVersion);
}
