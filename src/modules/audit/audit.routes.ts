import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { auditPolicy } from "./audit.policy";
import { listAuditEvents } from "./list-audit-events";

const AuditEvent = z.object({
  id: z.number().int(),
  at: z.string(),
  actorLogin: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
});

/** Routes of the audit log. */
export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/api/v1/audit-events",
    {
      config: { policy: auditPolicy.gate("list") },
      schema: {
        operationId: "listAuditEvents",
        tags: ["audit"],
        summary: "Audit log entries the caller may read, newest first",
        querystring: z
          .object({
            before: z.coerce.number().int().positive().optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
          })
          .strict(),
        response: { 200: z.object({ items: z.array(AuditEvent), nextBefore: z.number().int().nullable() }) },
      },
    },
    async (request) => {
      const rows = await listAuditEvents(app.db, request.actor!, request.query);
      return {
        items: rows.map((r) => ({ ...r, at: r.at.toISOString() })),
        nextBefore: rows.length === request.query.limit ? rows[rows.length - 1].id : null,
      };
    },
  );
};
