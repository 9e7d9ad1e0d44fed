import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { supportRequestPolicy } from "../support-requests";
import { listOwnCandidates, listRegionCandidates } from "./candidates";
import { proposeSecondment } from "./propose";

const IdParams = z.object({ id: z.uuid() });

/**
 * Offering people for a support request: who is eligible (the lender's own members, the region's
 * pseudonymised for the requesting HR office) and the offer that opens a secondment proposal.
 * Under the request's address and its `offer` policy; here because offers are secondments.
 */
export const offerRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    "/api/v1/support-requests/:id/offers",
    {
      config: { policy: supportRequestPolicy.gate("offer") },
      schema: {
        operationId: "offerPoolMember",
        tags: ["requests"],
        summary: "Offer an own, eligible pool member for another administration's open request: opens a secondment proposal",
        params: IdParams,
        body: z.object({ memberId: z.uuid() }).strict(),
        response: { 201: z.object({ id: z.uuid(), requestId: z.uuid(), status: z.string() }) },
      },
    },
    async (request, reply) => {
      const proposal = await proposeSecondment(
        app.db,
        request.actor!,
        { requestId: request.params.id, memberId: request.body.memberId },
        app.config.baseUrl,
      );
      return reply.status(201).send({ id: proposal.id, requestId: request.params.id, status: proposal.state });
    },
  );

  app.get(
    "/api/v1/support-requests/:id/candidates",
    {
      config: { policy: supportRequestPolicy.gate("offer") },
      schema: {
        operationId: "listOwnCandidates",
        tags: ["requests"],
        summary: "Own pool members eligible for the request (the lender's view)",
        params: IdParams,
        response: {
          200: z.object({ items: z.array(z.object({ id: z.uuid(), name: z.string(), jobTitle: z.string(), isOffered: z.boolean() })) }),
        },
      },
    },
    async (request) => ({ items: await listOwnCandidates(app.db, request.actor!, request.params.id) }),
  );

  app.get(
    "/api/v1/support-requests/:id/region-candidates",
    {
      config: { policy: supportRequestPolicy.gate("offer") },
      schema: {
        operationId: "listRegionCandidates",
        tags: ["requests"],
        summary: "For the requesting HR office: eligible people of other administrations, pseudonymised (no names)",
        params: IdParams,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                memberId: z.uuid(),
                organization: z.string(),
                payGroup: z.string(),
                qualifications: z.array(z.string()),
                distanceKm: z.number().int(),
                isInOtherProcess: z.boolean(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => ({ items: await listRegionCandidates(app.db, request.actor!, request.params.id) }),
  );
};
