import type { Db } from "../db/client";
import type { Actor } from "../kernel/actor";
import type { Config } from "../config";
import type { RouteGate } from "../kernel/policy";
import type { ProblemCode } from "../kernel/problems";

declare module "fastify" {
  interface FastifyInstance {
    db: Db;
    config: Config;
  }
  interface FastifyRequest {
    /** The signed-in account, or null for anonymous requests. */
    actor: Actor | null;
    /** Whether the request presented a session cookie that has expired. */
    hasExpiredSession: boolean;
  }
  interface FastifyContextConfig {
    /** Who may call the route; every `/api/v1` route must declare one. */
    policy?: RouteGate;
    /** Set false on routes that must work without a CSRF token (login). */
    csrf?: boolean;
    /** Set false on routes that must not extend the idle timeout (session status polling). */
    touchSession?: boolean;
    /**
     * Problem codes the route answers with beyond those every route of its kind can (see
     * `problemCodesOf` in plugins/openapi.ts), e.g. `login_locked` or `unprocessable`: documented
     * as its 4xx responses.
     */
    problems?: readonly ProblemCode[];
  }
}
