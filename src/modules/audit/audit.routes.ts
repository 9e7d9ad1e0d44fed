import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { pageQuery, pageSchema } from "../../kernel/paging";
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
        querystring: z.object(pageQuery).strict(),
        response: { 200: pageSchema(AuditEvent) },
      },
    },
    async (request) => {
      const page = await listAuditEvents(app.db, request.actor!, request.query);
      return { items: page.items.map((r) => ({ ...r, at: r.at.toISOString() })), nextCursor: page.nextCursor };
    },
  );
};
