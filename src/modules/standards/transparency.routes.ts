import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { publicAccess } from "../../kernel/policy";
import { catalogJsonLd, openDataEtag, valuesCsv, valuesExcelCsv, valuesJson } from "./open-data";
import { transparencyOfOrganization, transparencyOverview } from "./transparency";
import { TransparencyOrganization, TransparencyOverview, TransparencyParams } from "./transparency.schemas";

const tags = ["transparency"];

/**
 * Public answers change when a value is published, corrected or commented on: a browser or proxy
 * may keep them five minutes (the files then ask again with their ETag, 304 while unchanged). A
 * value whose publication day comes appears at most five minutes late; one under embargo never
 * appears, since no answer contains it.
 */
const PUBLIC_CACHE = "public, max-age=300";

/**
 * The transparency portal's reads and the open data: without signing in, the values published
 * (validated, past their publication day, not replaced by a correction) — `transparency.ts`.
 */
export const transparencyRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/api/v1/transparency",
    {
      // The public (anyone, signed in or not) reads published values only: `listPublishedSubmissions`.
      config: { policy: publicAccess },
      schema: {
        operationId: "getTransparencyOverview",
        tags,
        summary: "The transparency portal: every administration with the number of values it has published",
        response: { 200: TransparencyOverview },
      },
    },
    async (_request, reply) => {
      reply.header("cache-control", PUBLIC_CACHE);
      return transparencyOverview(app.db);
    },
  );
  app.get(
    "/api/v1/transparency/organizations/:id",
    {
      config: { policy: publicAccess },
      schema: {
        operationId: "getTransparencyOrganization",
        tags,
        summary:
          "The transparency portal: one administration's published values per standard, with status, method, confidence, the standard's target, tolerance and anchor, and the administration's comment",
        params: TransparencyParams,
        response: { 200: TransparencyOrganization },
      },
    },
    async (request, reply) => {
      reply.header("cache-control", PUBLIC_CACHE);
      return transparencyOfOrganization(app.db, request.params.id);
    },
  );

  const file = (path: string, operationId: string, summary: string, type: string, body: () => Promise<string>) =>
    app.get(
      path,
      {
        config: { policy: publicAccess },
        schema: {
          operationId,
          tags,
          summary,
          response: { 200: { description: "The file", content: { [type]: { schema: z.string() } } } },
        },
      },
      async (request, reply) => {
        reply.type(`${type}; charset=utf-8`).header("cache-control", PUBLIC_CACHE);
        return openDataEtag(request, reply, await body());
      },
    );
  file(
    "/opendata/values.csv",
    "getOpenDataCsv",
    "Open data: every published value as CSV (UTF-8, comma, decimal point; columns in docs/STANDARDS.md), licence dl-de/by-2-0",
    "text/csv",
    () => valuesCsv(app.db),
  );
  file(
    "/opendata/values-excel.csv",
    "getOpenDataExcelCsv",
    "Open data: every published value as CSV for a spreadsheet set to German (UTF-8 with BOM, semicolon, decimal comma; the columns of values.csv), licence dl-de/by-2-0",
    "text/csv",
    () => valuesExcelCsv(app.db),
  );
  file(
    "/opendata/values.json",
    "getOpenDataJson",
    "Open data: every published value as JSON (the same fields as the CSV), licence dl-de/by-2-0",
    "application/json",
    () => valuesJson(app.db),
  );
  file(
    "/opendata/catalog.jsonld",
    "getOpenDataCatalog",
    "Open data: DCAT-AP.de metadata (JSON-LD): a dcat:Catalog with a dcat:Dataset per standard and a dcat:Distribution per format",
    "application/ld+json",
    () => catalogJsonLd(app.db, app.config.baseUrl),
  );
};
