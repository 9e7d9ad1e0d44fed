import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { costRatePolicy } from "./cost-rates.policy";
import {
  CostRateList,
  CostRateQuery,
  ManualRate,
  ManualRateBody,
  ParametersBody,
  ParametersList,
  ParametersVersion,
} from "./cost-rates.schemas";
import { listCostRates } from "./cost-rates";
import { createManualRate, createParameters, listParameters } from "./cost-rate-parameters";

/** Cost rates: every pay group's hourly rate on a day, the region's parameter versions and manual rates. */
export const costRateRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/api/v1/cost-rates",
    {
      config: { policy: costRatePolicy.gate("read") },
      schema: {
        operationId: "listCostRates",
        tags: ["settlement"],
        summary: "Every pay group's hourly cost rate on a day (default today), with its breakdown",
        querystring: CostRateQuery,
        response: { 200: CostRateList },
      },
    },
    async (request) => listCostRates(app.db, request.actor!, request.query),
  );
  app.get(
    "/api/v1/cost-rates/parameters",
    {
      config: { policy: costRatePolicy.gate("read") },
      schema: {
        operationId: "listCostRateParameters",
        tags: ["settlement"],
        summary: "The region's cost-rate parameters, every version, and the manual rates",
        response: { 200: ParametersList },
      },
    },
    async (request) => listParameters(app.db, request.actor!),
  );
  app.post(
    "/api/v1/cost-rates/parameters",
    {
      config: { policy: costRatePolicy.gate("manage") },
      schema: {
        operationId: "createCostRateParameters",
        tags: ["settlement"],
        summary: "Add a new version of the cost-rate parameters from a day (today or later)",
        body: ParametersBody,
        response: { 201: ParametersVersion },
      },
    },
    async (request, reply) => reply.status(201).send(await createParameters(app.db, request.actor!, request.body)),
  );
  app.post(
    "/api/v1/cost-rates/manual",
    {
      config: { policy: costRatePolicy.gate("manage") },
      schema: {
        operationId: "createManualCostRate",
        tags: ["settlement"],
        summary: "Enter a rate for a pay group without a table (B grades, …) from a day (today or later)",
        body: ManualRateBody,
        response: { 201: ManualRate },
      },
    },
    async (request, reply) => reply.status(201).send(await createManualRate(app.db, request.actor!, request.body)),
  );
};
