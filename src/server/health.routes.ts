import { sql } from "drizzle-orm";
import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { publicAccess } from "../kernel/policy";
import { AppError } from "../kernel/problems";

/** Liveness (`/healthz`: the process answers) and readiness (`/readyz`: the database answers). */
export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/healthz",
    { config: { policy: publicAccess }, schema: { hide: true, response: { 200: z.object({ status: z.literal("ok") }) } } },
    async () => ({ status: "ok" as const }),
  );
  app.get(
    "/readyz",
    {
      config: { policy: publicAccess },
      schema: { hide: true, response: { 200: z.object({ status: z.literal("ready"), database: z.string() }) } },
    },
    async (request) => {
      try {
        await app.db.execute(sql`select 1`);
      } catch (err) {
        request.log.error({ err }, "database not ready");
        throw new AppError("unavailable");
      }
      return { status: "ready" as const, database: app.databaseKind };
    },
  );
};
