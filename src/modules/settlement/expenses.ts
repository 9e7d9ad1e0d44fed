import { sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db, Tx } from "../../db/client";
import { amountProblem, dayProblem, MAX_RECEIPT_BYTES, monthBounds, receiptTypeOf } from "../../domain/settlement/timesheet-rules";
import type { Actor } from "../../kernel/actor";
import { today } from "../../kernel/dates";
import { AppError, type Bilingual, type FieldProblem } from "../../kernel/problems";
import { recordAudit } from "../audit";
import { recordPersonalDataReads } from "../pool";
import type { MemberRow, SecondmentRow } from "../secondments";
import {
  correctionWaits,
  getExpenseForUpdate,
  getTimesheetSecondment,
  getTimesheetSecondmentForUpdate,
  getVisibleReceipt,
  listVisibleExpenses,
} from "./timesheet-scope";
import { decideRefusal, decideRow, onlyThePerson, replaceRow, stepAbilities, stepRefusal } from "./timesheet-steps";
import { currentMonth, mayRecord } from "./timesheets";
import type { CorrectExpenseBody, Expenses, ReceiptUpload, RecordExpenseBody } from "./timesheets.schemas";
import { expenseReceipts, expenses } from "./timesheets.tables";

// Expenses of a secondment (Auslagen: travel costs, separation allowance, per diem) with their
// receipts. Receipts travel as base64 in JSON (Verbund has no multipart parser; the route's body
// limit is 7 MB, the file's 5 MB) and are stored in the database as bytea; their type is read from
// their first bytes, never from the name or a header.

const field = (name: string, rule: string, message: Bilingual): FieldProblem => ({ field: name, in: "body", rule, message });

/** The expenses of a secondment in a month, with totals and what the caller may do. */
export async function getExpenses(db: Db | Tx, actor: Actor, id: string, month = currentMonth()): Promise<z.infer<typeof Expenses>> {
  const { s, view } = await getTimesheetSecondment(db, actor, id);
  const rows = await listVisibleExpenses(db, view, s.id, monthBounds(month));
  let confirmedCents = 0;
  let openCents = 0;
  for (const e of rows) {
    if (e.state === "confirmed") confirmedCents += e.amountCents;
    if (e.state === "recorded") openCents += e.amountCents;
  }
  return {
    month,
    items: rows.map((e) => ({
      id: e.id,
      day: e.day,
      kind: e.kind,
      amountCents: e.amountCents,
      note: e.note,
      state: e.state,
      comment: e.comment,
      correctsId: e.correctsId,
      reason: e.reason,
      recordedAt: e.recordedAt.toISOString(),
      receipts: e.receipts.map((r) => ({ id: r.id, fileName: r.fileName, mediaType: r.mediaType, size: r.size })),
      abilities: {
        ...stepAbilities(view, e.state),
        addReceipt: view.isEmployee && (e.state === "recorded" || e.state === "confirmed"),
      },
    })),
    totals: { confirmedCents, openCents },
    abilities: { record: mayRecord(view, s), decide: view.mayDecide, readReceipts: view.mayReadReceipts },
  };
}

/** What is wrong with a receipt (empty, too large, no PDF/JPEG/PNG), as field problems. */
function receiptProblems(upload: z.infer<typeof ReceiptUpload>, at: string): FieldProblem[] {
  try {
    checkedReceipt(upload, at);
    return [];
  } catch (err) {
    if (err instanceof AppError && err.fields) return err.fields;
    throw err;
  }
}

/** A receipt's bytes after the checks: PDF, JPEG or PNG by content, at most 5 MB. */
function checkedReceipt(upload: z.infer<typeof ReceiptUpload>, at: string): { bytes: Buffer; type: string } {
  const bytes = Buffer.from(upload.content, "base64");
  if (bytes.length === 0) throw new AppError("validation", { fields: [field(`${at}content`, "receipt_type", EMPTY)] });
  if (bytes.length > MAX_RECEIPT_BYTES)
    throw new AppError("validation", {
      fields: [
        field(`${at}content`, "max_size", { de: "Der Beleg ist zu groß: höchstens 5 MB.", en: "The receipt is too large: at most 5 MB." }),
      ],
    });
  const type = receiptTypeOf(bytes);
  if (!type)
    throw new AppError("validation", {
      fields: [
        field(`${at}content`, "receipt_type", {
          de: "Laden Sie den Beleg als PDF, JPEG oder PNG hoch. Diese Datei ist keines davon.",
          en: "Upload the receipt as PDF, JPEG or PNG. This file is none of them.",
        }),
      ],
    });
  return { bytes, type };
}

const EMPTY: Bilingual = { de: "Die Datei ist leer. Wählen Sie den Beleg aus.", en: "The file is empty. Choose the receipt." };

async function storeReceipt(tx: Tx, actor: Actor, s: SecondmentRow, expenseId: string, upload: z.infer<typeof ReceiptUpload>, at: string) {
  const { bytes, type } = checkedReceipt(upload, at);
  const [row] = await tx
    .insert(expenseReceipts)
    .values({
      regionId: s.regionId,
      organizationId: s.organizationId,
      borrowerOrganizationId: s.borrowerOrganizationId,
      expenseId,
      fileName: upload.fileName,
      mediaType: type as "application/pdf",
      size: bytes.length,
      // As base64 text, decoded by the database (PGlite would convert a binary parameter byte by byte).
      content: sql`decode(${bytes.toString("base64")}, 'base64')` as unknown as Buffer,
      uploadedBy: actor.accountId,
    })
    .returning({
      id: expenseReceipts.id,
      fileName: expenseReceipts.fileName,
      mediaType: expenseReceipts.mediaType,
      size: expenseReceipts.size,
    });
  await recordAudit(tx, actor, {
    action: "create",
    entity: "expense_receipt",
    entityId: row.id,
    organizationId: s.organizationId,
    visibility: "party",
    after: { expenseId, fileName: row.fileName, mediaType: row.mediaType, size: row.size },
  });
  return row;
}

/** Records an expense (with a receipt, when one comes along): the day must lie in the running secondment, not in the future. */
export async function recordExpense(db: Db, actor: Actor, id: string, input: z.infer<typeof RecordExpenseBody>) {
  await db.transaction(async (tx) => {
    const { s, view } = await getTimesheetSecondmentForUpdate(tx, actor, id);
    if (!view.isEmployee) throw new AppError("forbidden", { message: onlyThePerson("expenses") });
    const onDay = dayProblem({ day: input.day, today: today(), startsOn: s.startsOn, endsOn: s.endsOn, state: s.state });
    const onAmount = amountProblem(input.amountCents);
    const problems = [
      ...(onDay ? [field("day", "recordable_day", onDay)] : []),
      ...(onAmount ? [field("amountCents", "plausible_amount", onAmount)] : []),
      ...(input.receipt ? receiptProblems(input.receipt, "receipt.") : []),
    ];
    if (problems.length) throw new AppError("validation", { fields: problems });
    const [row] = await tx
      .insert(expenses)
      .values({
        regionId: s.regionId,
        organizationId: s.organizationId,
        borrowerOrganizationId: s.borrowerOrganizationId,
        secondmentId: s.id,
        day: input.day,
        kind: input.kind,
        amountCents: input.amountCents,
        note: input.note ?? null,
        recordedBy: actor.accountId,
      })
      .returning();
    await recordAudit(tx, actor, {
      action: "create",
      entity: "expense",
      entityId: row.id,
      organizationId: s.organizationId,
      visibility: "party",
      after: { secondmentId: s.id, day: row.day, expenseKind: row.kind, amountCents: row.amountCents, entryState: "recorded" },
    });
    if (input.receipt) await storeReceipt(tx, actor, s, row.id, input.receipt, "receipt.");
  });
  return getExpenses(db, actor, id, input.day.slice(0, 7));
}

/** Adds a receipt to an own expense that is open or confirmed. */
export async function addReceipt(db: Db, actor: Actor, id: string, expenseId: string, upload: z.infer<typeof ReceiptUpload>) {
  return db.transaction(async (tx) => {
    const { s, view } = await getTimesheetSecondmentForUpdate(tx, actor, id);
    const e = await getExpenseForUpdate(tx, view, s.id, expenseId);
    if (!view.isEmployee) throw new AppError("forbidden", { message: onlyThePerson("expenses") });
    if (e.state !== "recorded" && e.state !== "confirmed")
      throw new AppError("conflict", {
        message: { de: "Zu dieser Auslage lassen sich keine Belege mehr hinzufügen.", en: "This expense takes no more receipts." },
      });
    return storeReceipt(tx, actor, s, e.id, upload, "");
  });
}

/**
 * A receipt's file for a caller who may read receipts. A read by anyone but the person is
 * recorded as a read of the pool member's data, so the person sees who read it and when
 * (`/api/v1/me/pool-membership/readers`).
 */
export async function readReceipt(db: Db, actor: Actor, id: string, expenseId: string, receiptId: string) {
  const { s, m, view } = await getTimesheetSecondment(db, actor, id);
  const receipt = await getVisibleReceipt(db, view, s.id, expenseId, receiptId);
  if (!view.isEmployee) await auditReceiptRead(db, actor, m, receiptId);
  return { ...receipt, bytes: Buffer.from(receipt.content, "base64") };
}

/** Recorded as a read of the pool member's data: the person finds it under "who read my data". */
async function auditReceiptRead(db: Db, actor: Actor, m: MemberRow, receiptId: string) {
  await recordPersonalDataReads(db, actor, [m], { receiptId });
}

/** Confirms or returns an open expense (a return needs a comment). */
export async function decideExpense(db: Db, actor: Actor, id: string, expenseId: string, step: "confirm" | "return", comment?: string) {
  const month = await db.transaction(async (tx) => {
    const { s, view } = await getTimesheetSecondmentForUpdate(tx, actor, id);
    const notYours = decideRefusal(view, "expenses");
    if (notYours) throw new AppError("forbidden", { message: notYours });
    const e = await getExpenseForUpdate(tx, view, s.id, expenseId);
    const refused = stepRefusal(view, "expenses", step, e.state);
    if (refused) throw new AppError("conflict", { message: refused });
    const state = step === "confirm" ? ("confirmed" as const) : ("returned" as const);
    await decideRow(tx, actor, "expenses", e, state, comment ?? null);
    return e.day.slice(0, 7);
  });
  return getExpenses(db, actor, id, month);
}

/** Corrects a confirmed expense: a new one with the reason; the confirmed one stays in the history as replaced. */
export async function correctExpense(db: Db, actor: Actor, id: string, expenseId: string, input: z.infer<typeof CorrectExpenseBody>) {
  const month = await db.transaction(async (tx) => {
    const { s, view } = await getTimesheetSecondmentForUpdate(tx, actor, id);
    const e = await getExpenseForUpdate(tx, view, s.id, expenseId);
    const refused = stepRefusal(
      view,
      "expenses",
      "correct",
      e.state,
      e.state === "replaced" && (await correctionWaits(tx, "expenses", s.id, e.id)),
    );
    if (refused) throw new AppError("conflict", { message: refused });
    // A correction is held to the amounts of a new expense (it replaces the confirmed one once confirmed).
    const onAmount = amountProblem(input.amountCents);
    if (onAmount) throw new AppError("validation", { fields: [field("amountCents", "plausible_amount", onAmount)] });
    await replaceRow(tx, "expenses", e.id);
    const [row] = await tx
      .insert(expenses)
      .values({
        regionId: s.regionId,
        organizationId: s.organizationId,
        borrowerOrganizationId: s.borrowerOrganizationId,
        secondmentId: s.id,
        day: e.day,
        kind: e.kind,
        amountCents: input.amountCents,
        note: e.note,
        correctsId: e.id,
        reason: input.reason,
        recordedBy: actor.accountId,
      })
      .returning();
    await recordAudit(tx, actor, {
      action: "create",
      entity: "expense",
      entityId: row.id,
      organizationId: s.organizationId,
      visibility: "party",
      before: { amountCents: e.amountCents },
      after: { secondmentId: s.id, amountCents: row.amountCents, entryState: "recorded", corrects: e.id, reason: input.reason },
    });
    return e.day.slice(0, 7);
  });
  return getExpenses(db, actor, id, month);
}
