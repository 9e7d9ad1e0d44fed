import fp from "fastify-plugin";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { postgresErrorOf, problemFromDatabaseError } from "../database-errors";
import { AppError, describeIssue, problemInfo, toProblem, type FieldProblem, type ProblemCode } from "../problems";

/** The language of problem titles and details: English when the client prefers it, else German. */
export function preferredLanguage(request: FastifyRequest): "de" | "en" {
  const header = request.headers["accept-language"];
  if (typeof header !== "string") return "de";
  const first = header.split(",")[0]?.trim().toLowerCase() ?? "";
  return first.startsWith("en") ? "en" : "de";
}

/** Sends a problem response for `code` (with the error's own messages and fields, when given). */
export function sendProblem(reply: FastifyReply, request: FastifyRequest, code: ProblemCode, error?: AppError, fields?: FieldProblem[]) {
  const messages = error?.messages ?? { de: problemInfo(code).de, en: problemInfo(code).en };
  const body = toProblem(code, messages, preferredLanguage(request), {
    instance: request.url.split("?")[0],
    errors: fields ?? error?.fields,
  });
  if (error?.headers) reply.headers(error.headers);
  return reply.status(body.status).type("application/problem+json; charset=utf-8").send(body);
}

/** Turns every error into an RFC 9457 problem response with German and English messages. */
async function errorsPlugin(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) return sendProblem(reply, request, error.code, error);
    const fromDatabase = problemFromDatabaseError(error);
    if (fromDatabase) {
      request.log.info({ code: postgresErrorOf(error)?.code, constraint: postgresErrorOf(error)?.constraint }, "database refused a change");
      return sendProblem(reply, request, fromDatabase.code, fromDatabase);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? "body";
      const fields: FieldProblem[] = error.validation.map((v) => ({
        field: v.instancePath.replace(/^\//, "").replace(/\//g, ".") || where,
        in: where,
        rule: v.keyword,
        message: describeIssue(v.keyword, v.params as Record<string, unknown>),
      }));
      return sendProblem(reply, request, "validation", undefined, fields);
    }
    if (error.statusCode === 415 || error.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE") {
      return sendProblem(reply, request, "validation", undefined, [
        {
          field: "content-type",
          in: "headers",
          rule: "media_type",
          message: { de: "Erwartet wird application/json.", en: "Expected application/json." },
        },
      ]);
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      // Malformed JSON, body too large and the like.
      const rule = error.code ?? "bad_request";
      return sendProblem(reply, request, "validation", undefined, [
        { field: "body", in: "body", rule, message: { de: "Die Anfrage ist fehlerhaft.", en: error.message } },
      ]);
    }
    request.log.error({ err: error }, "unhandled error");
    return sendProblem(reply, request, "internal");
  });
}

export default fp(errorsPlugin, { name: "verbund-errors" });
