import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { publicAccess } from "../../kernel/policy";
import { standardPolicy } from "./standards.policy";
import {
  CreateStandardBody,
  NewVersionBody,
  ServiceCatalogueAnswer,
  ServiceCatalogueQuery,
  StandardDetail,
  StandardList,
  StandardListQuery,
  StandardParams,
  StandardVersions,
} from "./standards.schemas";
import { getStandard, listStandardVersions, listStandards, searchServiceCatalogue } from "./standards";
import { createStandard, createStandardVersion } from "./edit-standards";

/** The catalogue of service standards (public to read; the region's coordination edits it) and the service lookup. */
export const standardRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/api/v1/service-catalogue",
    {
      config: { policy: publicAccess },
      schema: {
        operationId: "searchServiceCatalogue",
        tags: ["standards"],
        summary: "Search the bundled LeiKa/OZG service catalogue by LeiKa key, OZG id or words (at most `limit` services)",
        querystring: ServiceCatalogueQuery,
        response: { 200: ServiceCatalogueAnswer },
      },
    },
    async (request) => searchServiceCatalogue(request.query),
  );
  app.get(
    "/api/v1/standards",
    {
      config: { policy: publicAccess },
      schema: {
        operationId: "listStandards",
        tags: ["standards"],
        summary: "The catalogue of service standards: the current version of each, by theme (the whole catalogue, not paged)",
        querystring: StandardListQuery,
        response: { 200: StandardList },
      },
    },
    async (request) => listStandards(app.db, request.actor, request.query),
  );
  app.get(
    "/api/v1/standards/:id",
    {
      config: { policy: publicAccess },
      schema: {
        operationId: "getStandard",
        tags: ["standards"],
        summary: "One service standard: its current version and the administrations it applies to",
        params: StandardParams,
        response: { 200: StandardDetail },
      },
    },
    async (request) => getStandard(app.db, request.actor, request.params.id),
  );
  app.get(
    "/api/v1/standards/:id/versions",
    {
      config: { policy: publicAccess },
      schema: {
        operationId: "listStandardVersions",
        tags: ["standards"],
        summary: "Every version of a service standard, newest first, with what changed and why",
        params: StandardParams,
        response: { 200: StandardVersions },
      },
    },
    async (request) => listStandardVersions(app.db, request.actor, request.params.id),
  );
  app.post(
    "/api/v1/standards",
    {
      config: { policy: standardPolicy.gate("manage") },
      schema: {
        operationId: "createStandard",
        tags: ["standards"],
        summary: "Add a service standard with its first version (the region's coordination)",
        body: CreateStandardBody,
        response: { 201: StandardDetail },
      },
    },
    async (request, reply) => reply.status(201).send(await createStandard(app.db, request.actor!, request.body)),
  );
  app.post(
    "/api/v1/standards/:id/versions",
    {
      config: { policy: standardPolicy.gate("manage") },
      schema: {
        operationId: "createStandardVersion",
        tags: ["standards"],
        summary: "Make a new version of a service standard from the version the form was filled from (409 when a newer one exists)",
        params: StandardParams,
        body: NewVersionBody,
        response: { 201: StandardDetail },
      },
    },
    async (request, reply) => reply.status(201).send(await createStandardVersion(app.db, request.actor!, request.params.id, request.body)),
  );
};
