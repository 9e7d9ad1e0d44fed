import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { pageQuery, pageSchema } from "../../kernel/paging";
import { definePolicy } from "../../kernel/policy";
import type { Role } from "../../kernel/roles";
import { listOutbox } from "./outbox";

type OutboxAction = "read";
const NONE: readonly OutboxAction[] = [];
const OUTBOX_TABLE = {
  region_admin: ["read"],
  org_admin: ["read"],
  department_head: NONE,
  clerk: NONE,
  employee: NONE,
  staff_council: NONE,
  finance: NONE,
  reporter: NONE,
  climate_manager: NONE,
  moderator: NONE,
  management: NONE,
} as const satisfies Record<Role, readonly OutboxAction[]>;

/** The HR office and the coordination office read their administration's Postausgang (all the more where no SMTP server is set). */
export const outboxPolicy = definePolicy<OutboxAction>("outbox", ["read"], OUTBOX_TABLE);

/** The region's outbox (Postausgang). */
export const notificationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/api/v1/outbox",
    {
      config: { policy: outboxPolicy.gate("read") },
      schema: {
        operationId: "listOutboxMessages",
        tags: ["notifications"],
        summary: "E-mails to the caller's administration, newest first (paged)",
        querystring: z.object({ status: z.enum(["pending", "sent", "failed"]).optional(), ...pageQuery }).strict(),
        response: {
          200: pageSchema(
            z.object({
              id: z.uuid(),
              to: z.string(),
              subject: z.string(),
              text: z.string(),
              status: z.enum(["pending", "sent", "failed"]),
              attempts: z.number().int(),
              lastError: z.string().nullable(),
              createdAt: z.string(),
              sentAt: z.string().nullable(),
            }),
            { smtpConfigured: z.boolean() },
          ),
        },
      },
    },
    async (request) => ({ smtpConfigured: !!app.config.smtpUrl, ...(await listOutbox(app.db, request.actor!, request.query)) }),
  );
};
