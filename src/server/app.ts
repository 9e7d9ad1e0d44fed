import fs from "node:fs";
import path from "node:path";
import Fastify, { type FastifyInstance } from "fastify";
import compress from "@fastify/compress";
import cookie from "@fastify/cookie";
import helmet from "@fastify/helmet";
import fastifyStatic from "@fastify/static";
import { serializerCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import { isSecureDeployment, projectRoot, type Config } from "../config";
import type { Database } from "../db/client";
import { healthRoutes } from "./health.routes";
import { abilitiesOf, abilityKeys, auditSourceOf, MODULES, overviewSections, overviewsOf, tasksOf } from "../modules";
import type { Task } from "../kernel/tasks";
import type { AuditSource } from "../kernel/audit-sources";
import type { OverviewSection } from "../kernel/overviews";
import type { Actor } from "../kernel/actor";
import type { VerbundModule } from "../kernel/module";
import authPlugin from "./plugins/auth";
import errorsPlugin, { frameworkProblem, sendProblem } from "./plugins/errors";
import openapiPlugin from "./plugins/openapi";
import { REDACTED_PATHS, serializeError, serializeRequest } from "./log-safety";
import { DebugRequestLog } from "./request-log";
import validationPlugin from "./validation";
import readCachePlugin from "./read-cache";
import { TEXT_COMPRESSION } from "./compression";

/** Options of {@link buildApp}. */
export interface AppOptions {
  config: Config;
  database: Database;
  /** Pino logger options, or false to stay quiet (tests). */
  logger?: boolean | object;
  /** Folder with the built web app (default `dist/web`); absent in API-only tests. */
  webDir?: string;
  /** Extra routes registered after the modules' (tests use it for a failing route). */
  extend?: (app: FastifyInstance) => Promise<void>;
  /** The capabilities to serve (default: every module, `src/modules/index.ts`). */
  modules?: readonly VerbundModule[];
}

/** A route as registered, for the tenant-isolation test and the docs. */
export interface RegisteredRoute {
  method: string;
  url: string;
  /** Name of the route's policy gate, undefined when it has none. */
  policy?: string;
  schema?: unknown;
  /** Whether a signed-in read may be answered from the read cache (`config.readCache`). */
  readCache?: boolean;
}

declare module "fastify" {
  interface FastifyInstance {
    databaseKind: "pglite" | "postgres";
    /** Every route registered, in order. */
    routeTable: RegisteredRoute[];
    /** The ability keys of every module (the fields of `/me`'s `abilities`). */
    abilityKeys: string[];
    /** What the actor may do in each capability, by ability key. */
    abilitiesOf(actor: Actor): Record<string, boolean>;
    /** What waits for the actor in every capability, due first. */
    tasksOf(actor: Actor): Promise<Task[]>;
    /** What the audit log asks the capabilities (people, links), merged from their manifests. */
    auditSource: AuditSource;
    /** The start page's overview sections of every module, by key. */
    overviewSections: Record<string, OverviewSection>;
    /** The actor's overview sections (null where none of its roles has one). */
    overviewsOf(actor: Actor): Promise<Record<string, unknown>>;
  }
}

/** The web app's Content Security Policy: nothing inline, nothing from elsewhere. */
const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", "data:"],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  frameAncestors: ["'none'"],
  formAction: ["'self'"],
  baseUri: ["'self'"],
  objectSrc: ["'none'"],
};

/**
 * How long browsers keep a file of the web app: Vite's files under `assets/` carry a hash of
 * their content in their name, so they never change — a year, `immutable` (no revalidation);
 * everything else (index.html, favicon) is asked for again each time (`no-cache`, answered 304
 * while unchanged), so a new release is seen at the next load.
 */
export function cacheControlFor(filePath: string): string {
  return /[\\/]assets[\\/]/.test(filePath) ? "public, max-age=31536000, immutable" : "no-cache";
}

/**
 * Builds the Fastify app (without listening): security headers, errors, OpenAPI, sessions and
 * policies, then the module routes, then the web app. Plugins come before routes.
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config, database } = options;
  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : {
            level: config.logLevel,
            // No secret or personal data in the log: see log-safety.ts.
            redact: REDACTED_PATHS,
            serializers: { req: serializeRequest, err: serializeError },
            ...(typeof options.logger === "object" ? options.logger : {}),
          },
    logController: config.requestLogLevel === "debug" ? new DebugRequestLog() : undefined,
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    frameworkErrors: frameworkProblem,
  }).withTypeProvider<ZodTypeProvider>();
  app.setSerializerCompiler(serializerCompiler);
  // Verbund's API takes JSON only (receipts travel as base64 in JSON): a text/plain body is a 415
  // problem naming the content type, not a 400 about a body that "must be an object".
  app.removeContentTypeParser("text/plain");
  app.decorate("db", database.db);
  app.decorate("config", config);
  app.decorate("databaseKind", database.kind);
  const modules = options.modules ?? MODULES;
  app.decorate("abilityKeys", abilityKeys(modules));
  app.decorate("abilitiesOf", (actor: Actor) => abilitiesOf(actor, modules));
  app.decorate("tasksOf", (actor: Actor) => tasksOf(database.db, actor, modules));
  app.decorate("auditSource", auditSourceOf(modules));
  app.decorate("overviewSections", overviewSections(modules));
  app.decorate("overviewsOf", (actor: Actor) => overviewsOf(database.db, actor, modules));
  const routeTable: RegisteredRoute[] = [];
  app.decorate("routeTable", routeTable);
  app.addHook("onRoute", (route) => {
    for (const method of [route.method].flat()) {
      if (method !== "HEAD")
        routeTable.push({
          method,
          url: route.url,
          policy: route.config?.policy?.name,
          schema: route.schema,
          readCache: route.config?.readCache === true,
        });
    }
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: { ...CSP_DIRECTIVES, upgradeInsecureRequests: isSecureDeployment(config) ? [] : null },
    },
    hsts: isSecureDeployment(config) ? { maxAge: 31536000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: "same-origin" },
  });
  // Text answers are compressed for browsers that accept it (compression.ts); the web app's assets
  // are compressed at build time instead (see below), so they cost no CPU per request.
  // Before compression: the read cache keeps the JSON text and its compressed forms itself.
  await app.register(readCachePlugin);
  // Answers only: request bodies are never inflated (no new way in for oversized payloads).
  await app.register(compress, { globalDecompression: false, ...TEXT_COMPRESSION });
  await app.register(cookie);
  await app.register(errorsPlugin);
  // Validation before any route: the validator compiler and the checks of every input schema.
  await app.register(validationPlugin);
  // The OpenAPI document and the docs; its hook refuses routes without an operationId.
  await app.register(openapiPlugin);

  await app.register(authPlugin);
  await app.register(healthRoutes);
  for (const module of modules) for (const routes of module.routes) await app.register(routes);
  if (options.extend) await app.register(options.extend);

  const webDir = options.webDir ?? path.join(projectRoot, "dist", "web");
  const hasWeb = fs.existsSync(path.join(webDir, "index.html"));
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: webDir,
      wildcard: false,
      index: false,
      // `file.br` / `file.gz` written by the build (web/build/precompress.ts), when accepted.
      preCompressed: true,
      setHeaders: (reply, filePath) => reply.header("cache-control", cacheControlFor(filePath)),
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const wantsPage = request.method === "GET" && !request.url.startsWith("/api/") && (request.headers.accept ?? "").includes("text/html");
    if (hasWeb && wantsPage) return reply.type("text/html; charset=utf-8").header("cache-control", "no-cache").sendFile("index.html");
    return sendProblem(reply, request, "not_found");
  });
  return app;
}
