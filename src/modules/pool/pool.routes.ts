import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { pageQuery, pageSchema } from "../../kernel/paging";
import { selfAccess } from "../../kernel/policy";
import { exportMyData, getMyMembership, joinPool, leavePool, listMyDataReaders, updateMyMembership } from "./my-membership";
import { getPoolOverview } from "./pool-overview";
import { createPoolMember, getPoolMember, listPoolMembers, updatePoolMember } from "./pool-members";
import { poolMemberPolicy, qualificationPolicy } from "./pool.policy";
import {
  CreatePoolMemberBody,
  CreateQualificationBody,
  JoinPoolBody,
  PoolMember,
  Qualification,
  UpdateOwnEntryBody,
  UpdatePoolMemberBody,
} from "./pool.schemas";
import { QUALIFICATION_CATEGORIES } from "./pool.tables";
import { createQualification, listQualifications } from "./qualifications";

const IdParams = z.object({ id: z.uuid() });
const Membership = z.object({
  consent: z.object({ version: z.string(), text: z.object({ de: z.string(), en: z.string() }) }),
  member: PoolMember.nullable(),
  recordsSevereDisability: z.boolean(),
});
const Readers = pageSchema(z.object({ at: z.string(), reader: z.string() }));

/** The support pool: catalogue, the HR office's members, each person's own entry, the region's overview. */
export const poolRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/api/v1/qualifications",
    {
      config: { policy: qualificationPolicy.gate("list"), readCache: true },
      schema: {
        operationId: "listQualifications",
        tags: ["pool"],
        summary: "The region's qualification catalogue by category and name (paged)",
        querystring: z.object(pageQuery).strict(),
        response: {
          200: pageSchema(Qualification, {
            categories: z.array(z.enum(QUALIFICATION_CATEGORIES)).describe("The categories a new entry may have, in this order"),
          }),
        },
      },
    },
    async (request) => ({
      ...(await listQualifications(app.db, request.actor!, request.query)),
      categories: [...QUALIFICATION_CATEGORIES],
    }),
  );
  app.post(
    "/api/v1/qualifications",
    {
      config: { policy: qualificationPolicy.gate("create") },
      schema: {
        operationId: "createQualification",
        tags: ["pool"],
        summary: "Add a qualification to the catalogue (coordination office)",
        body: CreateQualificationBody,
        response: { 201: Qualification },
      },
    },
    async (request, reply) => reply.status(201).send(await createQualification(app.db, request.actor!, request.body)),
  );

  app.get(
    "/api/v1/pool-members",
    {
      config: { policy: poolMemberPolicy.gate("list"), readCache: true },
      schema: {
        operationId: "listPoolMembers",
        tags: ["pool"],
        summary: "Pool members of the caller's administration, A–Z, paged (the read of each is audited)",
        querystring: z.object({ includeFormer: z.stringbool().default(false), ...pageQuery }).strict(),
        response: { 200: pageSchema(PoolMember) },
      },
    },
    // Every answer is audited, also one from the read cache.
    async (request) => listPoolMembers(app.db, request.actor!, request.query, (again) => request.onReadCacheHit(again)),
  );
  app.post(
    "/api/v1/pool-members",
    {
      config: { policy: poolMemberPolicy.gate("create") },
      schema: {
        operationId: "createPoolMember",
        tags: ["pool"],
        summary: "Register a pool member whose written consent the HR office holds",
        body: CreatePoolMemberBody,
        response: { 201: PoolMember },
      },
    },
    async (request, reply) => reply.status(201).send(await createPoolMember(app.db, request.actor!, request.body)),
  );
  app.get(
    "/api/v1/pool-members/:id",
    {
      config: { policy: poolMemberPolicy.gate("read"), readCache: true },
      schema: {
        operationId: "getPoolMember",
        tags: ["pool"],
        summary: "One pool member of the caller's administration",
        params: IdParams,
        response: { 200: PoolMember },
      },
    },
    async (request) => getPoolMember(app.db, request.actor!, request.params.id, (again) => request.onReadCacheHit(again)),
  );
  app.patch(
    "/api/v1/pool-members/:id",
    {
      config: { policy: poolMemberPolicy.gate("update") },
      schema: {
        operationId: "updatePoolMember",
        tags: ["pool"],
        summary: "Change a pool member; qualifications given here count as confirmed by the home administration",
        params: IdParams,
        body: UpdatePoolMemberBody,
        response: { 200: PoolMember },
      },
    },
    async (request) => updatePoolMember(app.db, request.actor!, request.params.id, request.body),
  );
  app.get(
    "/api/v1/pool-overview",
    {
      config: { policy: poolMemberPolicy.gate("overview"), readCache: true },
      schema: {
        operationId: "getPoolOverview",
        tags: ["pool"],
        summary: "The region's pool without names: members per administration, holders per qualification",
        response: {
          200: z.object({
            organizations: z.array(
              z.object({
                organizationId: z.uuid(),
                name: z.string(),
                members: z.number().int().nullable(),
                availableNow: z.number().int().nullable(),
              }),
            ),
            qualifications: z.array(
              z.object({
                qualificationId: z.uuid(),
                name: z.string(),
                category: z.enum(QUALIFICATION_CATEGORIES),
                holders: z.number().int().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => getPoolOverview(app.db, request.actor!),
  );

  app.get(
    "/api/v1/me/pool-membership",
    {
      config: { policy: selfAccess, readCache: true },
      schema: {
        operationId: "getOwnPoolMembership",
        tags: ["me"],
        summary: "Own pool entry and the consent text",
        response: { 200: Membership },
      },
    },
    async (request) => getMyMembership(app.db, request.actor!),
  );
  app.post(
    "/api/v1/me/pool-membership",
    {
      config: { policy: selfAccess },
      schema: {
        operationId: "joinPool",
        tags: ["me"],
        summary: "Join the support pool by consent",
        body: JoinPoolBody,
        response: { 201: PoolMember },
      },
    },
    async (request, reply) => reply.status(201).send(await joinPool(app.db, request.actor!, request.body)),
  );
  app.patch(
    "/api/v1/me/pool-membership",
    {
      config: { policy: selfAccess },
      schema: {
        operationId: "updateOwnPoolMembership",
        tags: ["me"],
        summary: "Change own pool entry",
        body: UpdateOwnEntryBody,
        response: { 200: PoolMember },
      },
    },
    async (request) => updateMyMembership(app.db, request.actor!, request.body),
  );
  app.delete(
    "/api/v1/me/pool-membership",
    {
      config: { policy: selfAccess },
      schema: { operationId: "leavePool", tags: ["me"], summary: "Leave the pool (withdraw consent)", response: { 204: z.null() } },
    },
    async (request, reply) => {
      await leavePool(app.db, request.actor!);
      return reply.status(204).send(null);
    },
  );
  app.get(
    "/api/v1/me/pool-membership/readers",
    {
      config: { policy: selfAccess },
      schema: {
        operationId: "listOwnPoolEntryReaders",
        tags: ["me"],
        summary: "Who read my pool data, and when, newest first (paged)",
        querystring: z.object(pageQuery).strict(),
        response: { 200: Readers },
      },
    },
    async (request) => listMyDataReaders(app.db, request.actor!, request.query),
  );
  app.get(
    "/api/v1/me/export",
    {
      config: { policy: selfAccess },
      schema: { operationId: "exportOwnData", tags: ["me"], summary: "Everything Verbund keeps about me (JSON)" },
    },
    async (request, reply) => {
      reply.header("content-disposition", 'attachment; filename="verbund-meine-daten.json"');
      return exportMyData(app.db, request.actor!);
    },
  );
};
