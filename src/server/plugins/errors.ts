import fp from "fastify-plugin";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { postgresErrorOf, problemFromDatabaseError } from "../database-errors";
import { AppError, problemInfo, toProblem, type FieldProblem, type ProblemCode } from "../../kernel/problems";
import { fieldProblemsOf } from "../validation";

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
    const fields = fieldProblemsOf(error);
    if (fields) return sendProblem(reply, request, "validation", undefined, fields);
    if (error.code === "FST_ERR_CTP_BODY_TOO_LARGE" || error.statusCode === 413) {
      // A route may take more than the app's 1 MB (a receipt upload): the message names its limit.
      const mb = Math.round((request.routeOptions?.bodyLimit ?? 1024 * 1024) / (1024 * 1024));
      return sendProblem(reply, request, "payload_too_large", undefined, [
        {
          field: "body",
          in: "body",
          rule: "max_size",
          message: { de: `Die Angaben sind zu groß: höchstens ${mb} MB.`, en: `The data is too large: at most ${mb} MB.` },
        },
      ]);
    }
    if (error.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE" || error.statusCode === 415) {
      return sendProblem(reply, request, "unsupported_media_type", undefined, [
        {
          field: "content-type",
          in: "headers",
          rule: "media_type",
          message: {
            de: "Verbund nimmt Angaben nur im JSON-Format an (application/json).",
            en: "Verbund takes data in JSON only (application/json).",
          },
        },
      ]);
    }
    if (error.statusCode === 404) return sendProblem(reply, request, "not_found");
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      // Malformed JSON, an empty JSON body, a wrong content length; anything else the framework refuses.
      const isBody = error instanceof SyntaxError || (error.code ?? "").startsWith("FST_ERR_CTP");
      return sendProblem(reply, request, "validation", undefined, [
        isBody
          ? {
              field: "body",
              in: "body",
              rule: error.code ?? "json",
              message: { de: "Der Inhalt ist kein gültiges JSON-Dokument.", en: "The body is not a valid JSON document." },
            }
          : {
              field: "request",
              in: "url",
              rule: error.code ?? "bad_request",
              message: { de: "Die Anfrage ist fehlerhaft.", en: "The request is malformed." },
            },
      ]);
    }
    request.log.error({ err: error }, "unhandled error");
    return sendProblem(reply, request, "internal");
  });
}

/** Headers the security plugin would have set: errors of the router are answered before it runs. */
const BARE_SECURITY_HEADERS = {
  "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "same-origin",
};

/**
 * Fastify's `frameworkErrors`: what the router refuses before any route runs — an address with a
 * broken percent-encoding (400 naming the address) or a path segment longer than any id (414) —
 * as problem documents like every other error.
 */
export function frameworkProblem(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  reply.headers(BARE_SECURITY_HEADERS);
  if (error.code === "FST_ERR_MAX_PARAM_LENGTH") return sendProblem(reply, request, "uri_too_long");
  if (error.code === "FST_ERR_BAD_URL") {
    return sendProblem(reply, request, "validation", undefined, [
      {
        field: "url",
        in: "url",
        rule: "percent_encoding",
        message: { de: "Die Adresse enthält eine ungültige Prozent-Kodierung.", en: "The address holds an invalid percent-encoding." },
      },
    ]);
  }
  request.log.error({ err: error }, "router error");
  return sendProblem(reply, request, "internal");
}

export default fp(errorsPlugin, { name: "verbund-errors" });
