import fp from "fastify-plugin";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { timingSafeEqual } from "node:crypto";
import { findSession, SESSION_COOKIE, touchSession } from "../../modules/identity/sessions";
import { AppError } from "../../kernel/problems";

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

/**
 * Sessions, CSRF and route policies.
 *
 * - Every route under `/api/v1` must declare `config.policy`; the app refuses to start otherwise.
 * - The session cookie is resolved into `request.actor` (idle 30 min, absolute 12 h).
 * - A state-changing request that carries the session cookie must send `X-CSRF-Token`.
 * - A denied gate answers 403 on collections and 404 on single resources, so that an object of
 *   another administration is indistinguishable from one that does not exist.
 */
async function authPlugin(app: FastifyInstance) {
  app.decorateRequest("actor", null);
  app.decorateRequest("hasExpiredSession", false);

  app.addHook("onRoute", (route) => {
    if (route.url.startsWith("/api/v1") && !route.config?.policy) {
      throw new Error(`Route ${route.method} ${route.url} declares no policy (config.policy)`);
    }
  });

  app.addHook("preValidation", async (request) => {
    const policy = request.routeOptions.config.policy;
    if (!policy) return;
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const found = await findSession(app.db, token);
      if (found.status === "valid") {
        request.actor = found.actor;
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
    if (actor && request.routeOptions.config.touchSession !== false) {
      await touchSession(app.db, actor.sessionId);
    }
  });
}

export default fp(authPlugin, { name: "verbund-auth", dependencies: ["@fastify/cookie"] });
