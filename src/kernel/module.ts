import type { FastifyBaseLogger } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Config } from "../config";
import type { Db } from "../db/client";
import type { Actor } from "./actor";
import type { AuditSource } from "./audit-sources";
import type { OverviewSection } from "./overviews";
import type { TaskSource } from "./tasks";

/** What a module's background work gets: the database, the configuration and the log. */
export interface JobContext {
  db: Db;
  config: Config;
  log: FastifyBaseLogger;
}

/**
 * Background work of a module: run once when the server starts and then every `every(config)`
 * milliseconds, never twice at the same time. `every` returns null where the configuration has no
 * such work (no SMTP server: no mail delivery).
 */
export interface ModuleJob {
  /** Name in the log. */
  name: string;
  every(config: Config): number | null;
  /** Does the work; a number is logged as how many things changed. */
  run(context: JobContext): Promise<number | void>;
}

/** A capability as the app, the job runner and `/api/v1/me` see it (`src/modules/<name>/index.ts`). */
export interface VerbundModule {
  /** The capability's name (`support-requests`, `secondments`, …). */
  name: string;
  /** Route plugins, registered in order after the shared plugins. */
  routes: FastifyPluginAsyncZod[];
  /**
   * What `/api/v1/me` tells the web app the actor may do in this capability (its navigation):
   * key → rule. Keys are unique across modules; the `/me` schema is built from them.
   */
  abilities?: Record<string, (actor: Actor) => boolean>;
  /** What waits for the actor in this capability (`/api/v1/me/tasks`). */
  tasks?: TaskSource;
  /** What the audit log asks this capability: people of the entries, links to its objects. */
  audit?: AuditSource;
  /** The start page's sections of this capability (`/api/v1/me/overview`), by key; keys are unique across modules. */
  overviews?: Record<string, OverviewSection>;
  /** Background work (see {@link ModuleJob}). */
  jobs?: ModuleJob[];
  /** Work once the server listens (warm-ups). */
  onListen?(context: JobContext): Promise<void>;
  /** Work whenever a process prepares the database (migrate, serve, admin): configuration from the environment. */
  prepare?(db: Db, env: NodeJS.ProcessEnv): Promise<void>;
}

/** Declares a module; the type checks its shape. */
export const defineModule = (module: VerbundModule): VerbundModule => module;
