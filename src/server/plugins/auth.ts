import fp from "fastify-plugin";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { timingSafeEqual } from "node:crypto";
import { findSession, IDLE_REMAINING_HEADER, IDLE_TIMEOUT_SECONDS, SESSION_COOKIE, touchSession } from "../../modules/identity/sessions";
import { AppError } from "../../kernel/problems";
import { authenticateApiKey } from "../../modules/identity/api-keys";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Whether a request with this method changes something, and so must carry the CSRF token with the session. */
export const isStateChanging = (method: string) => !SAFE_METHODS.has(method.toUpperCase());

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Whether a route parameter names a single resource (`/accounts/:id`): denial then answers 404. */
function isResourceRoute(request: FastifyRequest): boolean {
  return request.routeOptions.url?.includes("/:") ?? false;
}

/** The key of `Authorization: Bearer <key>`, or null when the request sends none (other schemes are not ours). */
function presentedApiKey(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header !== "string") return null;
  const match = /^bearer(?:\s+(.*))?$/is.exec(header.trim());
  return match ? (match[1] ?? "").trim() : null;
}

/**
 * Sessions, CSRF and route policies.
 *
 * - Every route under `/api/v1` must declare `config.policy`; the app refuses to start otherwise.
 * - The session cookie is resolved into `request.actor` (idle 30 min, absolute 12 h) with one
 *   statement; the activity is written at most once a minute per session.
 * - A state-changing request that carries the session cookie must send `X-CSRF-Token`.
 * - A denied gate answers 403 on collections and 404 on single resources, so that an object of
 *   another administration is indistinguishable from one that does not exist.
 * - An API key (`Authorization: Bearer vbk_…`) is looked at only on a route whose gate names a
 *   scope of keys (`apiKeyScope`); everywhere else the request is refused (403
 *   `api_key_not_accepted`) before anything else is read. An unknown, malformed or revoked key is
 *   401 `api_key_invalid`. A key request sets `request.apiKey`, never `request.actor`, ignores any
 *   session cookie and needs no CSRF token (no browser sends the header on its own).
 */
async function authPlugin(app: FastifyInstance) {
  app.decorateRequest("actor", null);
  app.decorateRequest("apiKey", null);
  app.decorateRequest("hasExpiredSession", false);
  app.decorateRequest("sessionTimes", null);
  app.decorateRequest("dataVersion", null);
  app.decorateRequest("ownAccountFields", null);

  app.addHook("onRoute", (route) => {
    if (route.url.startsWith("/api/v1") && !route.config?.policy) {
      throw new Error(`Route ${route.method} ${route.url} declares no policy (config.policy)`);
    }
  });

  app.addHook("preValidation", async (request, reply) => {
    const policy = request.routeOptions.config.policy;
    if (!policy) return;
    const presented = presentedApiKey(request);
    if (presented !== null) {
      if (!policy.apiKeyScope) throw new AppError("api_key_not_accepted");
      const key = await authenticateApiKey(app.db, presented);
      if (!key) throw new AppError("api_key_invalid");
      if (!key.scopes.includes(policy.apiKeyScope)) throw new AppError("api_key_not_accepted");
      request.apiKey = key;
      reply.header("cache-control", "private, no-store");
      return;
    }
    if (policy.acceptsSession === false) throw new AppError("api_key_required");
    const token = request.cookies[SESSION_COOKIE];
    let isTouchDue = false;
    let idleRemaining = 0;
    if (token) {
      const found = await findSession(app.db, token);
      if (found.status === "valid") {
        request.actor = found.actor;
        request.sessionTimes = { lastSeenAt: found.lastSeenAt, createdAt: found.createdAt };
        request.dataVersion = found.dataVersion;
        request.ownAccountFields = found.ownAccountFields;
        isTouchDue = found.isTouchDue;
        idleRemaining = found.idleRemainingSeconds;
      } else if (found.status === "expired") {
        request.hasExpiredSession = true;
      }
    }
    const actor = request.actor;
    if (actor && isStateChanging(request.method) && request.routeOptions.config.csrf !== false) {
      const sent = request.headers["x-csrf-token"];
      if (typeof sent !== "string" || !sameToken(sent, actor.csrfToken)) throw new AppError("csrf");
    }
    if (!policy.isPublic) {
      if (!actor) throw new AppError(request.hasExpiredSession ? "session_expired" : "unauthenticated");
      if (!policy.allows(actor)) throw new AppError(isResourceRoute(request) ? "not_found" : "forbidden");
    }
    // Activity is written at most once a minute per session (SESSION_TOUCH_INTERVAL_SECONDS): a
    // read costs one statement; `touchSession: "always"` (explicit extension) writes every time.
    const touch = request.routeOptions.config.touchSession;
    if (actor && request.sessionTimes && (touch === "always" || (touch !== false && isTouchDue))) {
      request.sessionTimes.lastSeenAt = await touchSession(app.db, actor.sessionId);
      idleRemaining = IDLE_TIMEOUT_SECONDS;
    }
    // The web app counts down from this (WCAG 2.2.1 idle warning), exact whether or not this request wrote.
    if (actor) reply.header(IDLE_REMAINING_HEADER, String(Math.max(0, idleRemaining)));
    // A signed-in answer is this person's: no shared cache (proxy, CDN) may keep it. A route may
    // say more (the CSV export, the calendar feed).
    if (actor) reply.header("cache-control", "private, no-store");
  });
}

export default fp(authPlugin, { name: "verbund-auth", dependencies: ["@fastify/cookie"] });
