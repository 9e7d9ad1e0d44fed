import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { pageQuery, pageSchema } from "../../kernel/paging";
import { declareCrisis, endCrisis, getCrisisBoard, listCrises } from "./crises";
import { crisisPolicy, supportRequestPolicy } from "./support-requests.policy";
import {
  CreateRequestBody,
  Crisis,
  DeclareCrisisBody,
  REQUEST_STATUSES,
  SupportRequest,
  TransitionBody,
  UpdateRequestBody,
} from "./support-requests.schemas";
import {
  createSupportRequest,
  getSupportRequest,
  listSupportRequests,
  transitionSupportRequest,
  updateSupportRequest,
} from "./support-requests";

const IdParams = z.object({ id: z.uuid() });

const Board = z.object({
  crisis: Crisis,
  totals: z.object({ requests: z.number().int(), headcount: z.number().int(), offered: z.number().int(), fillRate: z.number() }),
  requests: z.array(
    z.object({
      id: z.uuid(),
      title: z.string(),
      organization: z.string(),
      headcount: z.number().int(),
      offered: z.number().int(),
      filled: z.number().int(),
      fillRate: z.number(),
    }),
  ),
  organizations: z.array(
    z.object({
      organizationId: z.uuid(),
      name: z.string(),
      requested: z.number().int(),
      offered: z.number().int(),
      lent: z.number().int(),
    }),
  ),
});

/** Support requests, offers by lenders, crises and the crisis board. */
export const requestRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/api/v1/support-requests",
    {
      config: { policy: supportRequestPolicy.gate("list"), readCache: true },
      schema: {
        operationId: "listSupportRequests",
        tags: ["requests"],
        summary: "Support requests the caller may see: crisis first, then urgent, then normal; by start date (paged)",
        querystring: z.object({ status: z.enum(REQUEST_STATUSES).optional(), ...pageQuery }).strict(),
        response: { 200: pageSchema(SupportRequest) },
      },
    },
    async (request) => listSupportRequests(app.db, request.actor!, request.query, request),
  );
  app.post(
    "/api/v1/support-requests",
    {
      config: { policy: supportRequestPolicy.gate("create") },
      schema: {
        operationId: "createSupportRequest",
        tags: ["requests"],
        summary: "Post a support request (draft or open)",
        body: CreateRequestBody,
        response: { 201: SupportRequest },
      },
    },
    async (request, reply) => reply.status(201).send(await createSupportRequest(app.db, request.actor!, request.body)),
  );
  app.get(
    "/api/v1/support-requests/:id",
    {
      config: { policy: supportRequestPolicy.gate("list"), readCache: true },
      schema: {
        operationId: "getSupportRequest",
        tags: ["requests"],
        summary: "One support request",
        params: IdParams,
        response: { 200: SupportRequest },
      },
    },
    async (request) => getSupportRequest(app.db, request.actor!, request.params.id, request),
  );
  app.patch(
    "/api/v1/support-requests/:id",
    {
      config: { policy: supportRequestPolicy.gate("update") },
      schema: {
        operationId: "updateSupportRequest",
        tags: ["requests"],
        summary: "Change an own draft or open request",
        params: IdParams,
        body: UpdateRequestBody,
        response: { 200: SupportRequest },
      },
    },
    async (request) => updateSupportRequest(app.db, request.actor!, request.params.id, request.body),
  );
  app.post(
    "/api/v1/support-requests/:id/status",
    {
      config: { policy: supportRequestPolicy.gate("update") },
      schema: {
        operationId: "changeSupportRequestStatus",
        tags: ["requests"],
        summary: "Open, close or withdraw an own request",
        params: IdParams,
        body: TransitionBody,
        response: { 200: SupportRequest },
      },
    },
    async (request) => transitionSupportRequest(app.db, request.actor!, request.params.id, request.body.status),
  );
  app.get(
    "/api/v1/crises",
    {
      config: { policy: crisisPolicy.gate("list"), readCache: true },
      schema: {
        operationId: "listCrises",
        tags: ["crises"],
        summary: "The region's crises, active first, then newest first (paged)",
        querystring: z.object(pageQuery).strict(),
        response: { 200: pageSchema(Crisis) },
      },
    },
    async (request) => listCrises(app.db, request.actor!, request.query),
  );
  app.post(
    "/api/v1/crises",
    {
      config: { policy: crisisPolicy.gate("declare") },
      schema: {
        operationId: "createCrisis",
        tags: ["crises"],
        summary: "Declare a crisis; every HR office of the region is notified",
        body: DeclareCrisisBody,
        response: { 201: Crisis.extend({ notified: z.number().int() }) },
      },
    },
    async (request, reply) => reply.status(201).send(await declareCrisis(app.db, request.actor!, request.body, app.config.baseUrl)),
  );
  app.post(
    "/api/v1/crises/:id/end",
    {
      config: { policy: crisisPolicy.gate("declare") },
      schema: { operationId: "endCrisis", tags: ["crises"], summary: "End a crisis", params: IdParams, response: { 200: Crisis } },
    },
    async (request) => endCrisis(app.db, request.actor!, request.params.id),
  );
  app.get(
    "/api/v1/crises/:id/board",
    {
      config: { policy: crisisPolicy.gate("list"), readCache: true },
      schema: {
        operationId: "getCrisisBoard",
        tags: ["crises"],
        summary: "Fill rates per request and per administration (no names)",
        params: IdParams,
        response: { 200: Board },
      },
    },
    async (request) => getCrisisBoard(app.db, request.actor!, request.params.id),
  );
};
