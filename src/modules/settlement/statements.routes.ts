import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { getBillingDetails, saveBillingDetails } from "./billing-details";
import { statementCsvOf, statementFileName, statementPdfOf, statementXmlOf } from "./statement-documents";
import {
  acknowledgeStatement,
  createStatement,
  getStatement,
  issueStatement,
  listStatements,
  recomputeStatement,
  recordStatementPayment,
} from "./statements";
import { statementPolicy } from "./statements.policy";
import {
  BillingDetails,
  BillingDetailsBody,
  CreateStatementBody,
  StatementList,
  StatementListQuery,
  StatementDetail,
  StatementParams,
} from "./statements.schemas";

const tags = ["settlement"];

const download = (type: string, description: string) => ({
  200: { description, content: { [type]: { schema: z.string().meta({ format: "binary", contentMediaType: type }) } } },
});

/** Statements between administrations (Abrechnungen) with their PDF, CSV and XRechnung, and billing details. */
export const statementRoutes: FastifyPluginAsyncZod = async (app) => {
  const S = "/api/v1/statements";
  app.get(
    S,
    {
      config: { policy: statementPolicy.gate("list") },
      schema: {
        operationId: "listStatements",
        tags,
        summary: "Statements of the caller's administration as lender and (issued ones) as borrower, newest month first",
        querystring: StatementListQuery,
        response: { 200: StatementList },
      },
    },
    async (request) => listStatements(app.db, request.actor!, request.query),
  );
  app.post(
    S,
    {
      config: { policy: statementPolicy.gate("settle"), problems: ["conflict", "unprocessable"] },
      schema: {
        operationId: "createStatement",
        tags,
        summary:
          "The lender's finance creates the draft for a borrower and a month from the confirmed hours and expenses of reimbursement and waiver secondments; with `supplements` a supplement (Nachtrag) billing only what the month's issued statements did not",
        body: CreateStatementBody,
        response: { 201: StatementDetail },
      },
    },
    async (request, reply) => reply.status(201).send(await createStatement(app.db, request.actor!, request.body)),
  );
  app.get(
    `${S}/:id`,
    {
      config: { policy: statementPolicy.gate("list") },
      schema: {
        operationId: "getStatement",
        tags,
        summary: "One statement with its lines, totals and what the caller may do",
        params: StatementParams,
        response: { 200: StatementDetail },
      },
    },
    async (request) => getStatement(app.db, request.actor!, request.params.id),
  );
  for (const [path, run, summary] of [
    ["recompute", recomputeStatement, "Recompute a draft from the confirmed hours and expenses (the lender's finance)"],
    [
      "issue",
      issueStatement,
      "Issue a draft: it is frozen and gets the next number of the lender (the lender's finance); 409 when hours or expenses were confirmed or corrected since it was computed",
    ],
    ["acknowledge", acknowledgeStatement, "Acknowledge an issued statement (the borrower's finance)"],
    ["payment", recordStatementPayment, "Record that an acknowledged statement was paid (the lender's finance)"],
  ] as const) {
    app.post(
      `${S}/:id/${path}`,
      {
        config: { policy: statementPolicy.gate("settle"), problems: ["conflict", "unprocessable"] },
        schema: {
          operationId: `${path === "payment" ? "recordPayment" : path}Statement`,
          tags,
          summary,
          params: StatementParams,
          response: { 200: StatementDetail },
        },
      },
      async (request) => run(app.db, request.actor!, request.params.id),
    );
  }
  for (const [ext, type, operationId, summary, description, document] of [
    ["pdf", "application/pdf", "getStatementPdf", "The statement as a German PDF", "The PDF (a download)", statementPdfOf],
    [
      "csv",
      "text/csv",
      "getStatementCsv",
      "The statement as CSV (UTF-8 with BOM, semicolons, decimal comma)",
      "The CSV (a download)",
      statementCsvOf,
    ],
    [
      "xml",
      "application/xml",
      "getStatementXRechnung",
      "The issued statement as XRechnung 3.0 (UBL 2.1); 422 naming each missing field of the billing details",
      "The XRechnung (a download)",
      statementXmlOf,
    ],
  ] as const) {
    app.get(
      `${S}/:id.${ext}`,
      {
        // Only the XRechnung can be refused (missing billing details).
        config: { policy: statementPolicy.gate("list"), problems: ext === "xml" ? ["unprocessable"] : [] },
        schema: { operationId, tags, summary, params: StatementParams, response: download(type, description) },
      },
      async (request, reply) => {
        const { s, body } = await document(app.db, request.actor!, request.params.id);
        reply.header("content-type", type === "application/pdf" ? type : `${type}; charset=utf-8`);
        reply.header("content-disposition", `attachment; filename="${statementFileName(s, ext)}"`);
        return reply.send(body as never);
      },
    );
  }

  app.get(
    "/api/v1/billing-details",
    {
      config: { policy: statementPolicy.gate("billing") },
      schema: {
        operationId: "getBillingDetails",
        tags,
        summary: "The billing details (Rechnungsdaten) of the caller's administration and what an XRechnung still misses",
        response: { 200: BillingDetails },
      },
    },
    async (request) => getBillingDetails(app.db, request.actor!),
  );
  app.put(
    "/api/v1/billing-details",
    {
      config: { policy: statementPolicy.gate("billing") },
      schema: {
        operationId: "saveBillingDetails",
        tags,
        summary: "Save the billing details of the caller's administration",
        body: BillingDetailsBody,
        response: { 200: BillingDetails },
      },
    },
    async (request) => saveBillingDetails(app.db, request.actor!, request.body),
  );
};
