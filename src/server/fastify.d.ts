import type { Db } from "../db/client";
import type { Actor, ApiKeyActor } from "../kernel/actor";
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
    /** The administration's API key the request authenticated with (only on routes whose gate accepts keys), else null. */
    apiKey: ApiKeyActor | null;
    /** Whether the request presented a session cookie that has expired. */
    hasExpiredSession: boolean;
    /** When the request's session was last written as active and when it began (null without a valid session). */
    sessionTimes: { lastSeenAt: Date; createdAt: Date } | null;
    /** The data version read with the session (null without a valid session): see server/read-cache.ts. */
    dataVersion: string | null;
    /**
     * The caller's own account columns that leave the data version alone but its own pages show
     * (`OWN_ACCOUNT_COLUMNS`, read with the session; null without a valid session): part of the
     * read cache's key.
     */
    ownAccountFields: string | null;
  }
  interface FastifyContextConfig {
    /** Who may call the route; every `/api/v1` route must declare one. */
    policy?: RouteGate;
    /** Set false on routes that must work without a CSRF token (login). */
    csrf?: boolean;
    /**
     * Set false on routes that must not extend the idle timeout (session status polling);
     * `"always"` writes the activity at every call (explicit extension). By default a request
     * writes it when the last write is older than a minute.
     */
    touchSession?: boolean | "always";
    /**
     * Problem codes the route answers with beyond those every route of its kind can (see
     * `problemCodesOf` in plugins/openapi.ts), e.g. `login_locked` or `unprocessable`: documented
     * as its 4xx responses.
     */
    problems?: readonly ProblemCode[];
    /**
     * The answer of a signed-in GET may be given again from the read cache while the data version
     * and the day are the same (server/read-cache.ts). Only for reads that depend on nothing but
     * versioned tables, the caller's session, the URL and today's date.
     */
    readCache?: boolean;
  }
}
