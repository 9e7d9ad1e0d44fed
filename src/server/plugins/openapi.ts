import fs from "node:fs";
import path from "node:path";
import fp from "fastify-plugin";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { FastifyInstance, RouteOptions } from "fastify";
import { jsonSchemaTransform } from "fastify-type-provider-zod";
import { z } from "zod";
import { isSecureDeployment, projectRoot } from "../../config";
import { SESSION_COOKIE } from "../../modules/identity/sessions";
import { PROBLEM_CODES, problemInfo, type ProblemCode, type ProblemDocument } from "../../kernel/problems";
import { isStateChanging } from "./auth";

/**
 * The OpenAPI document at `/api/openapi.json` (and the interactive docs at `/api/docs`), generated
 * from the routes: their zod schemas, and what the app enforces anyway, so the document cannot
 * drift from the behaviour:
 *
 * - **security** from the route's policy (`config.policy`): `security: []` on public operations,
 *   the session cookie on the others, and with it the CSRF header on state-changing ones unless
 *   the route opts out (`config.csrf: false`) — the same rule `plugins/auth.ts` applies; the API
 *   key (`apiKey`, bearer) as an alternative where the gate accepts keys (`apiKeyScope`), alone
 *   where it accepts nothing else;
 * - **4xx responses** that the app's own checks can answer with ({@link problemCodesOf}), each
 *   an RFC 9457 problem document described once in `components.schemas.Problem`;
 * - **operationId**: every documented `/api/v1` route must name one, unique in the document; the
 *   app refuses to start otherwise, as it does for a route without a policy.
 *
 * `openapi.test.ts` validates the document against the OpenAPI 3.1 schema and checks these rules.
 */

/** The two halves of signing in: the session cookie, and the CSRF header that goes with it. */
export const SECURITY_SCHEMES = {
  session: {
    type: "apiKey",
    in: "cookie",
    name: SESSION_COOKIE,
    description: "The session cookie set by `POST /api/v1/session` (HttpOnly; ends after 30 minutes without a request and after 12 hours).",
  },
  csrfToken: {
    type: "apiKey",
    in: "header",
    name: "X-CSRF-Token",
    description:
      "The session's CSRF token (`csrfToken` in the answer of `POST /api/v1/session` or `GET /api/v1/session`). Required together with the session cookie on every request that changes something (POST, PUT, PATCH, DELETE).",
  },
  apiKey: {
    type: "http",
    scheme: "bearer",
    bearerFormat: "vbk_ and 43 characters",
    description:
      "An API key of an administration for machine clients, issued by its HR office or controlling on the page „API-Schlüssel“ (`POST /api/v1/api-keys`; the key is shown once). Send it in every request: `Authorization: Bearer vbk_3f9aXq7LkW2mN8pR4tV6yB1cD5eF7gH9jK0lM2nP4qS`. Accepted only by operations that list this scheme (submissions); any other operation refuses a request carrying a key (403 `api_key_not_accepted`). An unknown or revoked key is 401 `api_key_invalid`. No session cookie and no CSRF token are involved. Check a key with `GET /api/v1/api-keys/self`.",
  },
} as const;

/** A security requirement of OpenAPI: scheme names that must all be present. */
type SecurityRequirement = Partial<Record<keyof typeof SECURITY_SCHEMES, string[]>>;

/** What a route tells the documentation about itself. */
type DocumentedRoute = Pick<RouteOptions, "method" | "url" | "config" | "schema">;

const methodOf = (route: DocumentedRoute) => String([route.method].flat()[0]).toUpperCase();

/**
 * How an operation is authenticated, derived from its policy exactly as `plugins/auth.ts`
 * enforces it: nothing for public routes; the session for the others, and the CSRF header as well
 * when the request changes something.
 */
export function securityOf(route: DocumentedRoute): SecurityRequirement[] {
  const policy = route.config?.policy;
  if (!policy || policy.isPublic) return [];
  const key: SecurityRequirement[] = policy.apiKeyScope ? [{ apiKey: [] }] : [];
  if (policy.acceptsSession === false) return key;
  const needsCsrf = isStateChanging(methodOf(route)) && route.config?.csrf !== false;
  return [needsCsrf ? { session: [], csrfToken: [] } : { session: [] }, ...key];
}

/**
 * The problem codes an operation can answer with, from what every route goes through: input
 * validation (400), the session and the policy (401, 403; a denied gate on a single resource
 * answers 404, and so does a reference to a row that does not exist or is not visible), the CSRF
 * check (403, also on public routes when a session cookie is sent),
 * conflicts of concurrent changes (409), the body limit and media type of any body sent with a
 * change (413, 415), an overlong
 * path segment (414), and what the route declares in `config.problems` (e.g. 422, 429).
 */
export function problemCodesOf(route: DocumentedRoute): ProblemCode[] {
  const policy = route.config?.policy;
  const schema = (route.schema ?? {}) as { body?: unknown };
  const hasParams = route.url.includes("/:");
  const changes = isStateChanging(methodOf(route));
  const codes: ProblemCode[] = ["validation"];
  const keyOnly = policy?.acceptsSession === false;
  if (policy && !policy.isPublic && !keyOnly) codes.push("unauthenticated", "session_expired", "forbidden");
  if (changes && route.config?.csrf !== false && !keyOnly) codes.push("csrf");
  // A request carrying an API key: refused where the route takes none; checked where it does.
  codes.push(policy?.apiKeyScope ? "api_key_invalid" : "api_key_not_accepted");
  if (policy?.apiKeyScope) codes.push("api_key_not_accepted");
  if (keyOnly) codes.push("api_key_required");
  // A foreign or unknown id answers 404, in the path or as a reference in the body.
  if (hasParams || changes) codes.push("not_found");
  if (hasParams) codes.push("uri_too_long");
  if (changes) codes.push("conflict");
  // Fastify reads a body on every state-changing method, whether the route takes one or not.
  if (changes || schema.body) codes.push("payload_too_large", "unsupported_media_type");
  codes.push(...(route.config?.problems ?? []));
  return [...new Set(codes)];
}

/** An RFC 9457 problem document as every 4xx and 5xx answer of the API carries it. */
export const ProblemSchema = z
  .object({
    type: z.string().describe("`urn:verbund:problem:<code>`"),
    title: z.string().describe("The problem's title in the request's language (`Accept-Language`: German unless English is preferred)"),
    status: z.number().int().min(400).max(599),
    detail: z.string().describe("What went wrong, in the request's language, naming the invalid fields"),
    instance: z.string().optional().describe("The path of the request"),
    code: z.enum(PROBLEM_CODES).describe("Stable code to branch on"),
    messages: z.object({ de: z.string(), en: z.string() }).describe("The detail in German and English"),
    errors: z
      .array(
        z.object({
          field: z.string().describe("Dotted path of the field, e.g. `login` or `roles.0`"),
          in: z.string().describe("`body`, `querystring`, `params`, `headers` or `url`"),
          rule: z.string().describe("The rule the value broke, e.g. `too_small`"),
          message: z.object({ de: z.string(), en: z.string() }),
        }),
      )
      .optional()
      .describe("Each invalid field of a 400 or 422"),
  })
  .meta({ title: "Problem" });

// The schema describes what `toProblem` builds: these lines stop compiling when the two part.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
true satisfies Same<ProblemDocument, z.output<typeof ProblemSchema>>;

const PROBLEM_REF = { $ref: "#/components/schemas/Problem" };

/** The 4xx responses of an operation, by status, each listing its codes and pointing to the Problem schema. */
function problemResponses(route: DocumentedRoute): Record<string, unknown> {
  const byStatus = new Map<number, ProblemCode[]>();
  for (const code of problemCodesOf(route)) {
    const status = problemInfo(code).status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return Object.fromEntries(
    [...byStatus].map(([status, codes]) => [
      status,
      {
        description: `Problem (${codes.map((c) => `\`${c}\``).join(", ")}): ${codes.map((c) => problemInfo(c).en).join(" / ")}`,
        content: { "application/problem+json": { schema: PROBLEM_REF } },
      },
    ]),
  );
}

/**
 * `info.license` from the `license` field of package.json, the one place the project names its
 * licence: an SPDX identifier (e.g. `EUPL-1.2`), or npm's `UNLICENSED` while none is granted.
 */
function licenseOf(): { name: string; identifier?: string } {
  const pkg = JSON.parse(fs.readFileSync(path.join(projectRoot, "package.json"), "utf8")) as { license?: string };
  if (!pkg.license) throw new Error("package.json names no licence (field `license`): the API document must state one");
  return pkg.license === "UNLICENSED" ? { name: "No licence granted (UNLICENSED)" } : { name: pkg.license, identifier: pkg.license };
}

async function openapiPlugin(app: FastifyInstance) {
  const operationIds = new Map<string, string>();
  app.addHook("onRoute", (route) => {
    const schema = route.schema as { hide?: boolean; operationId?: string } | undefined;
    // A route without a policy is refused by plugins/auth.ts, which says so.
    if (!route.url.startsWith("/api/v1") || schema?.hide || route.method === "HEAD" || !route.config?.policy) return;
    const where = `${[route.method].flat().join(",")} ${route.url}`;
    if (!schema?.operationId) throw new Error(`Route ${where} declares no schema.operationId`);
    const other = operationIds.get(schema.operationId);
    if (other) throw new Error(`Route ${where} repeats the operationId ${schema.operationId} of ${other}`);
    operationIds.set(schema.operationId, where);
  });

  const license = licenseOf();
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Verbund API",
        version: "1.0.0",
        description:
          "JSON API of Verbund. Sign in with `POST /api/v1/session`: the answer sets the session cookie and carries the CSRF token, which every state-changing request sends as `X-CSRF-Token`. Machine clients of an administration (a Fachverfahren submitting values) send an API key instead: `Authorization: Bearer vbk_…` (scheme `apiKey`), only on the operations that list it. Errors are RFC 9457 problem documents (`application/problem+json`) with German and English messages.",
        license,
      },
      servers: [{ url: app.config.baseUrl, description: "This installation" }],
      components: {
        securitySchemes: SECURITY_SCHEMES,
        schemas: { Problem: withoutDialect(z.toJSONSchema(ProblemSchema, { target: "draft-2020-12" })) },
      },
    },
    transform: (input) => {
      const { schema, url } = jsonSchemaTransform(input);
      if ((schema as { hide?: boolean }).hide) return { schema, url };
      const documented = schema as { response?: Record<string, unknown> };
      return {
        url,
        schema: {
          ...schema,
          security: securityOf(input.route),
          response: { ...documented.response, ...problemResponses(input.route) },
        },
      };
    },
  });
  await app.register(swaggerUi, {
    routePrefix: "/api/docs",
    staticCSP: true,
    // The docs bring their own CSP; keep framing forbidden and HTTP working on plain-HTTP installs.
    transformStaticCSP: (header) => {
      const csp = header.replace("frame-ancestors 'self'", "frame-ancestors 'none'");
      return isSecureDeployment(app.config) ? csp : csp.replace(/upgrade-insecure-requests;?\s*/, "");
    },
  });
  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());
}

/** A JSON Schema without its `$schema` line (a component inherits the document's dialect). */
function withoutDialect(schema: Record<string, unknown>) {
  const { $schema: _dialect, ...rest } = schema;
  return rest;
}

export default fp(openapiPlugin, { name: "verbund-openapi", dependencies: ["verbund-errors"] });
