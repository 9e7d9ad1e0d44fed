import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { balancePolicy } from "./balances.policy";
import {
  BalanceQuery,
  Balances,
  CloseYearAnswer,
  CloseYearBody,
  RegionBalances,
  YearEndRuleAnswer,
  YearEndRuleBody,
} from "./balances.schemas";
import { getBalances, getRegionBalances, setYearEndRule } from "./balances";
import { closeYear } from "./close-year";

/** Balances: an administration's hours and reciprocity ledger; the region's balances, flows, netting and year-end rule. */
export const balanceRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/api/v1/balances",
    {
      config: { policy: balancePolicy.gate("read") },
      schema: {
        operationId: "getBalances",
        tags: ["settlement"],
        summary:
          "The own administration's lent and borrowed confirmed hours per month and its reciprocity ledger (sums of at least 5 people)",
        querystring: BalanceQuery,
        response: { 200: Balances },
      },
    },
    async (request) => getBalances(app.db, request.actor!, request.query),
  );
  app.get(
    "/api/v1/balances/region",
    {
      config: { policy: balancePolicy.gate("readRegion") },
      schema: {
        operationId: "getRegionBalances",
        tags: ["settlement"],
        summary:
          "Every administration's reciprocity balance, the flows between administrations, the netting transfers and the year-end rule",
        querystring: BalanceQuery,
        response: { 200: RegionBalances },
      },
    },
    async (request) => getRegionBalances(app.db, request.actor!, request.query),
  );
  app.put(
    "/api/v1/balances/region/year-end-rule",
    {
      config: { policy: balancePolicy.gate("setYearEndRule") },
      schema: {
        operationId: "setYearEndRule",
        tags: ["settlement"],
        summary: "Set what happens to the reciprocity balances at year end: carry over, or convert into money",
        body: YearEndRuleBody,
        response: { 200: YearEndRuleAnswer },
      },
    },
    async (request) => setYearEndRule(app.db, request.actor!, request.body),
  );
  app.post(
    "/api/v1/balances/region/closings",
    {
      config: { policy: balancePolicy.gate("closeYear") },
      schema: {
        operationId: "closeReciprocityYear",
        tags: ["settlement"],
        summary:
          "Close an ended year of the reciprocity ledger with the region's rule: carry the balances into the next year, or convert them into money (once per year; cannot be undone)",
        body: CloseYearBody,
        response: { 201: CloseYearAnswer },
      },
    },
    async (request, reply) => reply.code(201).send(await closeYear(app.db, request.actor!, request.body)),
  );
};
