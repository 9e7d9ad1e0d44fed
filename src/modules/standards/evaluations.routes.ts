import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { publicAccess } from "../../kernel/policy";
import { evaluationOf } from "./evaluations";
import { EvaluationQuery, EvaluationView } from "./evaluations.schemas";

/**
 * The evaluation of a service standard. Open like the values it counts: what it shows comes from
 * the values the caller may see (`listEvaluableValues` in `submission-scope.ts`): the public
 * published ones, the region's staff also submitted and validated ones; drafts never.
 */
export const evaluationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/api/v1/evaluations",
    {
      // A standard the caller does not see (another region's, or none) answers 404.
      config: { policy: publicAccess, problems: ["not_found"] },
      schema: {
        operationId: "getEvaluation",
        tags: ["standards"],
        summary:
          "The evaluation of a standard for a period: status, value, distance to the target and trend per administration (by name, no ranking), the peer group's median and quartiles, the best practice, and the caller's own 'needs support'",
        querystring: EvaluationQuery,
        response: { 200: EvaluationView },
      },
    },
    async (request) => evaluationOf(app.db, request.actor, request.query),
  );
};
