import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { pageQuery, pageSchema } from "../../kernel/paging";
import { createAccount, getAccount, grantableByActor, listAccounts, updateAccount } from "./accounts";
import { accountPolicy } from "./identity.policy";
import { Account, CreateAccountBody, IdParams, RoleSchema, UpdateAccountBody } from "./identity.schemas";

/** Account management of the HR office (org_admin), within its own administration. */
export const accountRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/api/v1/accounts",
    {
      config: { policy: accountPolicy.gate("list") },
      schema: {
        operationId: "listAccounts",
        tags: ["accounts"],
        summary: "Accounts of the caller's administration by name (paged)",
        querystring: z.object(pageQuery).strict(),
        response: {
          200: pageSchema(Account, {
            grantableRoles: z.array(RoleSchema).describe("Roles the caller may grant to a new account"),
          }),
        },
      },
    },
    async (request) => ({
      ...(await listAccounts(app.db, request.actor!, request.query)),
      grantableRoles: await grantableByActor(app.db, request.actor!),
    }),
  );

  app.post(
    "/api/v1/accounts",
    {
      config: { policy: accountPolicy.gate("create") },
      schema: {
        operationId: "createAccount",
        tags: ["accounts"],
        summary: "Create an account in the caller's administration",
        body: CreateAccountBody,
        response: { 201: Account },
      },
    },
    async (request, reply) => reply.status(201).send(await createAccount(app.db, request.actor!, request.body)),
  );

  app.get(
    "/api/v1/accounts/:id",
    {
      config: { policy: accountPolicy.gate("read") },
      schema: {
        operationId: "getAccount",
        tags: ["accounts"],
        summary: "One account of the caller's administration",
        params: IdParams,
        response: { 200: Account },
      },
    },
    async (request) => getAccount(app.db, request.actor!, request.params.id),
  );

  app.patch(
    "/api/v1/accounts/:id",
    {
      config: { policy: accountPolicy.gate("update") },
      schema: {
        operationId: "updateAccount",
        tags: ["accounts"],
        summary: "Change name, department, roles or active state of an account",
        params: IdParams,
        body: UpdateAccountBody,
        response: { 200: Account },
      },
    },
    async (request) => updateAccount(app.db, request.actor!, request.params.id, request.body),
  );
};
