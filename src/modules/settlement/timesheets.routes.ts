import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { addReceipt, correctExpense, decideExpense, getExpenses, readReceipt, recordExpense } from "./expenses";
import { confirmHours, correctHours, getTimesheet, recordHours, returnHours } from "./timesheets";
import { timesheetPolicy } from "./timesheets.policy";
import {
  ConfirmHoursBody,
  CorrectExpenseBody,
  CorrectHoursBody,
  EntryParams,
  ExpenseParams,
  Expenses,
  MonthQuery,
  ReceiptBody,
  ReceiptInfo,
  ReceiptParams,
  RecordExpenseBody,
  RecordHoursBody,
  ReturnBody,
  SecondmentParams,
  Timesheet,
} from "./timesheets.schemas";

/** A receipt of up to 5 MB as base64 in JSON: the route's body limit (the app's is 1 MB). */
const RECEIPT_BODY_LIMIT = 7 * 1024 * 1024;

const tags = ["settlement"];

/** Hours (Stundennachweis) and expenses (Auslagen) of a secondment, with receipts. */
export const timesheetRoutes: FastifyPluginAsyncZod = async (app) => {
  const S = "/api/v1/secondments/:id";
  app.get(
    `${S}/timesheets`,
    {
      config: { policy: timesheetPolicy.gate("list") },
      schema: {
        operationId: "getTimesheet",
        tags,
        summary:
          "Hours of a secondment in a month (`month=YYYY-MM`; default the month of the earliest day waiting for the caller, else this month), with totals and what the caller may do",
        params: SecondmentParams,
        querystring: MonthQuery,
        response: { 200: Timesheet },
      },
    },
    async (request) => getTimesheet(app.db, request.actor!, request.params.id, request.query.month),
  );
  app.post(
    `${S}/timesheets`,
    {
      config: { policy: timesheetPolicy.gate("record") },
      schema: {
        operationId: "recordHours",
        tags,
        summary: "The seconded person records hours for one or several days (a week): all or nothing",
        params: SecondmentParams,
        body: RecordHoursBody,
        response: { 201: Timesheet },
      },
    },
    async (request, reply) => reply.status(201).send(await recordHours(app.db, request.actor!, request.params.id, request.body)),
  );
  app.post(
    `${S}/timesheets/confirmations`,
    {
      config: { policy: timesheetPolicy.gate("list") },
      schema: {
        operationId: "confirmHours",
        tags,
        summary: "The receiving head of department confirms several open days at once (a week): all or nothing",
        params: SecondmentParams,
        body: ConfirmHoursBody,
        response: { 200: Timesheet },
      },
    },
    async (request) => confirmHours(app.db, request.actor!, request.params.id, request.body.entryIds),
  );
  app.post(
    `${S}/timesheets/:entryId/confirm`,
    {
      config: { policy: timesheetPolicy.gate("list") },
      schema: {
        operationId: "confirmHoursEntry",
        tags,
        summary: "Confirm one open day",
        params: EntryParams,
        response: { 200: Timesheet },
      },
    },
    async (request) => confirmHours(app.db, request.actor!, request.params.id, [request.params.entryId], "path"),
  );
  app.post(
    `${S}/timesheets/:entryId/return`,
    {
      config: { policy: timesheetPolicy.gate("list") },
      schema: {
        operationId: "returnHoursEntry",
        tags,
        summary: "Return one open day with a comment: the person records it anew",
        params: EntryParams,
        body: ReturnBody,
        response: { 200: Timesheet },
      },
    },
    async (request) => returnHours(app.db, request.actor!, request.params.id, request.params.entryId, request.body.comment),
  );
  app.post(
    `${S}/timesheets/:entryId/correct`,
    {
      config: { policy: timesheetPolicy.gate("record") },
      schema: {
        operationId: "correctHoursEntry",
        tags,
        summary: "Correct a confirmed day: a new entry with the reason replaces it once confirmed; the old one stays in the history",
        params: EntryParams,
        body: CorrectHoursBody,
        response: { 201: Timesheet },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await correctHours(app.db, request.actor!, request.params.id, request.params.entryId, request.body)),
  );

  app.get(
    `${S}/expenses`,
    {
      config: { policy: timesheetPolicy.gate("list") },
      schema: {
        operationId: "getExpenses",
        tags,
        summary: "Expenses of a secondment in a month, with their receipts (names only), totals and what the caller may do",
        params: SecondmentParams,
        querystring: MonthQuery,
        response: { 200: Expenses },
      },
    },
    async (request) => getExpenses(app.db, request.actor!, request.params.id, request.query.month),
  );
  app.post(
    `${S}/expenses`,
    {
      bodyLimit: RECEIPT_BODY_LIMIT,
      config: { policy: timesheetPolicy.gate("record") },
      schema: {
        operationId: "recordExpense",
        tags,
        summary: "The seconded person records an expense in cents, optionally with a receipt (PDF/JPEG/PNG as base64, at most 5 MB)",
        params: SecondmentParams,
        body: RecordExpenseBody,
        response: { 201: Expenses },
      },
    },
    async (request, reply) => reply.status(201).send(await recordExpense(app.db, request.actor!, request.params.id, request.body)),
  );
  for (const step of ["confirm", "return"] as const) {
    app.post(
      `${S}/expenses/:expenseId/${step}`,
      {
        config: { policy: timesheetPolicy.gate("list") },
        schema: {
          operationId: step === "confirm" ? "confirmExpense" : "returnExpense",
          tags,
          summary: step === "confirm" ? "Confirm an open expense" : "Return an open expense with a comment",
          params: ExpenseParams,
          ...(step === "return" ? { body: ReturnBody } : {}),
          response: { 200: Expenses },
        },
      },
      async (request) =>
        decideExpense(
          app.db,
          request.actor!,
          request.params.id,
          request.params.expenseId,
          step,
          (request.body as z.infer<typeof ReturnBody> | undefined)?.comment,
        ),
    );
  }
  app.post(
    `${S}/expenses/:expenseId/correct`,
    {
      config: { policy: timesheetPolicy.gate("record") },
      schema: {
        operationId: "correctExpense",
        tags,
        summary: "Correct a confirmed expense: a new one with the reason; the old one stays in the history",
        params: ExpenseParams,
        body: CorrectExpenseBody,
        response: { 201: Expenses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await correctExpense(app.db, request.actor!, request.params.id, request.params.expenseId, request.body)),
  );
  app.post(
    `${S}/expenses/:expenseId/receipts`,
    {
      bodyLimit: RECEIPT_BODY_LIMIT,
      config: { policy: timesheetPolicy.gate("record") },
      schema: {
        operationId: "addExpenseReceipt",
        tags,
        summary: "Add a receipt (PDF/JPEG/PNG as base64, at most 5 MB; the type is read from the content)",
        params: ExpenseParams,
        body: ReceiptBody,
        response: { 201: ReceiptInfo },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addReceipt(app.db, request.actor!, request.params.id, request.params.expenseId, request.body)),
  );
  app.get(
    `${S}/expenses/:expenseId/receipts/:receiptId`,
    {
      config: { policy: timesheetPolicy.gate("list") },
      schema: {
        operationId: "getExpenseReceipt",
        tags,
        summary: "A receipt's file (a read by anyone but the person is recorded in the audit log)",
        params: ReceiptParams,
        response: {
          200: {
            description: "The receipt (PDF, JPEG or PNG; a download)",
            content: { "application/octet-stream": { schema: z.string().meta({ format: "binary" }) } },
          },
        },
      },
    },
    async (request, reply) => {
      const receipt = await readReceipt(app.db, request.actor!, request.params.id, request.params.expenseId, request.params.receiptId);
      reply.header("content-type", receipt.mediaType);
      reply.header("content-disposition", `attachment; filename="beleg-${receipt.id.slice(0, 8)}${extensionOf(receipt.mediaType)}"`);
      return reply.send(receipt.bytes as never);
    },
  );
};

const extensionOf = (type: string) => (type === "application/pdf" ? ".pdf" : type === "image/png" ? ".png" : ".jpg");
