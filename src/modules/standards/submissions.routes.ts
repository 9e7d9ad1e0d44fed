import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { acceptingApiKey, publicAccess } from "../../kernel/policy";
import {
  correctSubmission,
  createSubmissions,
  getSubmission,
  listSubmissions,
  reportingSheet,
  returnSubmission,
  submitSubmission,
  validateSubmission,
} from "./submissions";
import { submissionPolicy } from "./submissions.policy";
import {
  CorrectionBody,
  CreatedSubmissions,
  CreateSubmissionsBody,
  ReportingSheet,
  ReportingSheetQuery,
  ReturnBody,
  SubmissionList,
  SubmissionListQuery,
  SubmissionParams,
  SubmissionView,
  ValidateBody,
} from "./submissions.schemas";

const tags = ["standards"];

/** Reported values of service standards (Meldungen): the batch, the reporting sheet and the steps of review. */
export const submissionRoutes: FastifyPluginAsyncZod = async (app) => {
  const S = "/api/v1/submissions";
  app.get(
    S,
    {
      config: { policy: publicAccess },
      schema: {
        operationId: "listSubmissions",
        tags,
        summary:
          "Reported values: the own administration's in every state, the region's submitted and later ones, and published ones (after their publication day) for everyone",
        querystring: SubmissionListQuery,
        response: { 200: SubmissionList },
      },
    },
    async (request) => listSubmissions(app.db, request.actor, request.query),
  );
  app.post(
    S,
    {
      // A Fachverfahren sends with an API key of its administration instead of a session.
      config: { policy: acceptingApiKey(submissionPolicy.gate("report"), "submissions"), problems: ["conflict", "unprocessable"] },
      schema: {
        operationId: "createSubmissions",
        tags,
        summary:
          "A batch of values of the caller's administration (the signed-in account's, or the one the API key was issued to), all or nothing: every error and every warning without a reason is reported with the item's index and field, and nothing is written",
        body: CreateSubmissionsBody,
        response: { 201: CreatedSubmissions },
      },
    },
    async (request, reply) => reply.status(201).send(await createSubmissions(app.db, request.apiKey ?? request.actor!, request.body)),
  );
  app.get(
    `${S}/sheet`,
    {
      config: { policy: submissionPolicy.gate("report") },
      schema: {
        operationId: "getReportingSheet",
        tags,
        summary: "The standards that apply to the caller's administration for a period, each with its current value",
        querystring: ReportingSheetQuery,
        response: { 200: ReportingSheet },
      },
    },
    async (request) => reportingSheet(app.db, request.actor!, request.query.period),
  );
  app.get(
    `${S}/:id`,
    {
      config: { policy: publicAccess },
      schema: {
        operationId: "getSubmission",
        tags,
        summary: "One reported value with its warnings and reasons, the region's median and what the caller may do",
        params: SubmissionParams,
        response: { 200: SubmissionView },
      },
    },
    async (request) => getSubmission(app.db, request.actor, request.params.id),
  );
  app.post(
    `${S}/:id/submit`,
    {
      config: { policy: submissionPolicy.gate("report"), problems: ["conflict", "unprocessable"] },
      schema: {
        operationId: "submitSubmission",
        tags,
        summary: "Submit a draft of the caller's administration for review (the checks run again)",
        params: SubmissionParams,
        response: { 200: SubmissionView },
      },
    },
    async (request) => submitSubmission(app.db, request.actor!, request.params.id),
  );
  app.post(
    `${S}/:id/validate`,
    {
      config: { policy: submissionPolicy.gate("validate"), problems: ["conflict", "unprocessable"] },
      schema: {
        operationId: "validateSubmission",
        tags,
        summary: "The region's coordination validates a submitted value; it is published on the publication day (embargo before)",
        params: SubmissionParams,
        body: ValidateBody,
        response: { 200: SubmissionView },
      },
    },
    async (request) => validateSubmission(app.db, request.actor!, request.params.id, request.body),
  );
  app.post(
    `${S}/:id/return`,
    {
      config: { policy: submissionPolicy.gate("validate"), problems: ["conflict"] },
      schema: {
        operationId: "returnSubmission",
        tags,
        summary: "The region's coordination sends a submitted value back with a comment; it is the administration's draft again",
        params: SubmissionParams,
        body: ReturnBody,
        response: { 200: SubmissionView },
      },
    },
    async (request) => returnSubmission(app.db, request.actor!, request.params.id, request.body),
  );
  app.post(
    `${S}/:id/corrections`,
    {
      config: { policy: submissionPolicy.gate("report"), problems: ["conflict", "unprocessable"] },
      schema: {
        operationId: "correctSubmission",
        tags,
        summary: "Correct a validated or published value: a new version with a reason, to be validated again; the old one stays as history",
        params: SubmissionParams,
        body: CorrectionBody,
        response: { 201: SubmissionView },
      },
    },
    async (request, reply) => reply.status(201).send(await correctSubmission(app.db, request.actor!, request.params.id, request.body)),
  );
};
