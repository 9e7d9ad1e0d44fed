import multipart from "@fastify/multipart";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { acceptingApiKey, publicAccess } from "../../kernel/policy";
import { prefersMinimal } from "../../kernel/prefer";
import { AppError } from "../../kernel/problems";
import { getImport, startImport, submissionTemplate } from "./submission-import";
import { valueFileLimits } from "./value-file";
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
import { setReply, withdrawReply } from "./submission-replies";
import {
  CorrectionBody,
  CreatedSubmissions,
  WrittenSubmissions,
  CreateSubmissionsBody,
  ImportParams,
  ImportView,
  ReportingSheet,
  ReplyBody,
  ReportingSheetQuery,
  ReturnBody,
  SubmissionList,
  SubmissionListQuery,
  SubmissionParams,
  SubmissionView,
  TemplateQuery,
  ValidateBody,
  WithdrawReplyQuery,
} from "./submissions.schemas";

const tags = ["standards"];
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/**
 * The uploaded file of a multipart request: exactly one file, in the part `file`. Refused as a
 * problem naming `file` when missing, of another kind, too large, when the form holds a second
 * file (not silently dropped) or more parts than a form of one file has (not told as too large).
 */
async function uploadedFile(request: FastifyRequest, limitBytes: number): Promise<{ bytes: Uint8Array; fileName: string }> {
  const field = (rule: string, de: string, en: string) => [{ field: "file", in: "body", rule, message: { de, en } }];
  if (!request.isMultipart()) {
    throw new AppError("unsupported_media_type", {
      fields: field(
        "multipart",
        "Laden Sie die Datei als Formular-Upload (multipart/form-data) im Feld „file“ hoch.",
        'Upload the file as a form upload (multipart/form-data) in the field "file".',
      ),
    });
  }
  const limitMb = Math.round(limitBytes / 1024 / 1024);
  const unreadable = () =>
    new AppError("validation", { fields: field("multipart", "Die Datei konnte nicht gelesen werden.", "The file could not be read.") });
  const refusal = (err: unknown): AppError => {
    const { statusCode, code } = err as { statusCode?: number; code?: string };
    if (code === "FST_FILES_LIMIT")
      return new AppError("validation", {
        fields: field(
          "one_file",
          "Laden Sie eine Datei auf einmal hoch; das Formular enthielt mehrere.",
          "Upload one file at a time; the form held several.",
        ),
      });
    if (code === "FST_PARTS_LIMIT" || code === "FST_FIELDS_LIMIT")
      return new AppError("validation", {
        fields: field(
          "too_many_parts",
          "Das Formular enthält zu viele Felder. Senden Sie nur die Datei im Feld „file“.",
          'The form holds too many fields. Send only the file, in the field "file".',
        ),
      });
    if (statusCode === 413 || code === "FST_REQ_FILE_TOO_LARGE")
      return new AppError("payload_too_large", {
        message: { de: "Die Datei ist zu groß.", en: "The file is too large." },
        fields: field(
          "file_too_large",
          `Die Datei ist größer als ${limitMb} MB. Teilen Sie sie auf oder lassen Sie leere Zeilen weg.`,
          `The file is larger than ${limitMb} MB. Split it, or leave out empty lines.`,
        ),
      });
    return unreadable();
  };
  let file: { bytes: Uint8Array; fileName: string } | null = null;
  try {
    // Every part is read to the end, so a second file is seen (the parser's limit of one file) and refused.
    for await (const part of request.parts()) {
      if (part.type !== "file") continue;
      const bytes = await part.toBuffer();
      if (part.fieldname !== "file") continue;
      file = { bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length), fileName: cleanFileName(part.filename) };
    }
  } catch (err) {
    throw refusal(err);
  }
  if (!file) {
    throw new AppError("validation", {
      fields: field("required", "Wählen Sie eine Datei (CSV oder XLSX) aus.", "Choose a file (CSV or XLSX)."),
    });
  }
  return file;
}

/** A file's name as it is kept and shown: control characters (a NUL the database refuses) taken out. */
function cleanFileName(name: string | undefined): string {
  // eslint-disable-next-line no-control-regex
  return (name ?? "").replace(/[\u0000-\u001f\u007f]/g, "").trim() || "Datei";
}

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
        description:
          "A sender of many values (a Fachverfahren) may ask for the short answer with `Prefer: return=minimal` (RFC 7240): the written values' ids instead of their views; the answer then carries `Preference-Applied: return=minimal`.",
        response: { 201: z.union([CreatedSubmissions, WrittenSubmissions]) },
      },
    },
    async (request, reply) => {
      const minimal = prefersMinimal(request.headers.prefer);
      if (minimal) reply.header("preference-applied", "return=minimal");
      return reply.status(201).send(await createSubmissions(app.db, request.apiKey ?? request.actor!, request.body, { minimal }));
    },
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
    async (request) => ({
      ...(await reportingSheet(app.db, request.actor!, request.query.period)),
      uploadLimitBytes: app.config.standardsUploadLimitBytes,
    }),
  );
  app.get(
    `${S}/template`,
    {
      config: { policy: submissionPolicy.gate("report") },
      schema: {
        operationId: "getSubmissionTemplate",
        tags,
        summary:
          "The template of a value file (Vorlage) for the caller's administration and a period: a line for every applicable standard and period due, the value columns empty",
        querystring: TemplateQuery,
        response: {
          200: {
            description: "The file (a download: `Content-Disposition: attachment`)",
            content: {
              "text/csv": { schema: z.string().meta({ contentMediaType: "text/csv" }) },
              [XLSX]: { schema: z.string().meta({ contentMediaType: XLSX, contentEncoding: "binary" }) },
            },
          },
        },
      },
    },
    async (request, reply) => {
      const { period, format } = request.query;
      const { bytes, fileName } = await submissionTemplate(app.db, request.actor!, period, format);
      reply
        .type(format === "csv" ? "text/csv; charset=utf-8" : XLSX)
        .header("content-disposition", `attachment; filename="${fileName}"`)
        .header("cache-control", "no-store");
      return reply.send(Buffer.from(bytes) as unknown as string);
    },
  );
  // The upload of a value file: multipart/form-data with one part `file` (CSV or XLSX).
  await app.register(multipart, { limits: { fileSize: app.config.standardsUploadLimitBytes, files: 1, fields: 5, parts: 6 } });
  app.post(
    `${S}/import`,
    {
      config: { policy: submissionPolicy.gate("report"), problems: ["payload_too_large", "unsupported_media_type"] },
      schema: {
        operationId: "importSubmissions",
        tags,
        summary:
          "Upload a value file (multipart/form-data, part `file`: CSV or XLSX in German conventions) of the caller's administration. The import runs as a job (202, `Location` of its progress): all values are checked like a batch and written as drafts in one transaction, or none are and the import fails with every problem, each with line and column",
        consumes: ["multipart/form-data"],
        response: { 202: ImportView },
      },
    },
    async (request, reply) => {
      const file = await uploadedFile(request, app.config.standardsUploadLimitBytes);
      const started = await startImport(app.db, request.actor!, file, valueFileLimits(app.config), request.log);
      return reply.status(202).header("location", `${S}/imports/${started.import.id}`).send(started.import);
    },
  );
  app.get(
    `${S}/imports/:id`,
    {
      config: { policy: submissionPolicy.gate("report") },
      schema: {
        operationId: "getSubmissionImport",
        tags,
        summary:
          "The progress of an import of the caller's administration, and its outcome: done, or failed with every problem (line and column)",
        params: ImportParams,
        response: { 200: ImportView },
      },
    },
    async (request) => getImport(app.db, request.actor!, request.params.id),
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
  app.put(
    `${S}/:id/reply`,
    {
      config: { policy: submissionPolicy.gate("reply"), problems: ["conflict"] },
      schema: {
        operationId: "setSubmissionReply",
        tags,
        summary:
          "The right of reply: the administration writes or changes its public comment on one of its published values (plain text, at most 600 characters); shown in the transparency portal and the open data",
        params: SubmissionParams,
        body: ReplyBody,
        response: { 200: SubmissionView },
      },
    },
    async (request) => setReply(app.db, request.actor!, request.params.id, request.body),
  );
  app.delete(
    `${S}/:id/reply`,
    {
      config: { policy: submissionPolicy.gate("reply"), problems: ["conflict"] },
      schema: {
        operationId: "withdrawSubmissionReply",
        tags,
        summary: "The administration withdraws its public comment on a published value (the history keeps it)",
        params: SubmissionParams,
        querystring: WithdrawReplyQuery,
        response: { 200: SubmissionView },
      },
    },
    async (request) => withdrawReply(app.db, request.actor!, request.params.id, request.query.basedOnVersion),
  );
};
