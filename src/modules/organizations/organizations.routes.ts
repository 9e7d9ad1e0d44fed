import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { pageQuery, pageSchema } from "../../kernel/paging";
import { publicAccess } from "../../kernel/policy";
import { getBoundaries, getOrganization, listOrganizations } from "./list-organizations";

const Ref = z.object({ id: z.uuid(), name: z.string() });

const Organization = z.object({
  id: z.uuid(),
  ags: z.string().describe("Amtlicher Gemeindeschlüssel (Kreisschlüssel for the region)"),
  name: z.string(),
  kind: z.enum(["region", "municipality"]),
  designation: z.string().describe("Stadt, Gemeinde or Region"),
  population: z.number().int(),
  areaKm2: z.number(),
  lat: z.number().describe("Reference point, WGS84 latitude"),
  lon: z.number().describe("Reference point, WGS84 longitude"),
  buildingAuthority: Ref.nullable().describe("Administration that is the lower building authority here"),
});

const OrganizationDetail = Organization.extend({
  departments: z.array(z.object({ id: z.uuid(), key: z.string(), name: z.string() })).nullable(),
  buildingAuthorityFor: z.array(Ref),
});

/** Public routes of the region's administrations. */
export const organizationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/api/v1/organizations",
    {
      config: { policy: publicAccess, readCache: true },
      schema: {
        operationId: "listOrganizations",
        tags: ["organizations"],
        summary: "The administrations of the region: the region first, then the municipalities A–Z (paged)",
        querystring: z.object(pageQuery).strict(),
        response: { 200: pageSchema(Organization) },
      },
    },
    async (request) => listOrganizations(app.db, request.query),
  );

  app.get(
    "/api/v1/organizations/boundaries",
    {
      config: { policy: publicAccess, readCache: true },
      schema: {
        operationId: "getOrganizationBoundaries",
        tags: ["organizations"],
        summary: "Boundaries of all administrations (GeoJSON FeatureCollection)",
        response: {
          200: z.object({
            type: z.literal("FeatureCollection"),
            features: z.array(
              z.object({
                type: z.literal("Feature"),
                id: z.uuid(),
                properties: z.object({ id: z.uuid(), ags: z.string(), name: z.string(), kind: z.enum(["region", "municipality"]) }),
                geometry: z.unknown(),
              }),
            ),
          }),
        },
      },
    },
    async (_request, reply) => {
      reply.header("cache-control", "public, max-age=3600");
      return getBoundaries(app.db);
    },
  );

  app.get(
    "/api/v1/organizations/:id",
    {
      config: { policy: publicAccess, readCache: true },
      schema: {
        operationId: "getOrganization",
        tags: ["organizations"],
        summary: "One administration; departments only for staff of the region",
        params: z.object({ id: z.uuid() }),
        response: { 200: OrganizationDetail },
      },
    },
    async (request) => getOrganization(app.db, request.actor, request.params.id),
  );
};
