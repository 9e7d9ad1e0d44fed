import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { pageQuery, pageSchema } from "../../kernel/paging";
import { apiKeyOnly } from "../../kernel/policy";
import { createApiKey, describeOwnApiKey, listApiKeys, revokeApiKey } from "./api-keys";
import { ApiKey, ApiKeySelf, CreateApiKeyBody, CreatedApiKey } from "./api-keys.schemas";
import { apiKeyPolicy } from "./identity.policy";
import { IdParams } from "./identity.schemas";

/**
 * The API keys of an administration: its HR office and controlling list, issue and revoke them
 * (see `apiKeyPolicy`); a machine client checks its own key at `/api/v1/api-keys/self`.
 */
export const apiKeyRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/api/v1/api-keys",
    {
      config: { policy: apiKeyPolicy.gate("list") },
      schema: {
        operationId: "listApiKeys",
        tags: ["api-keys"],
        summary: "API keys of the caller's administration, the newest first (without secrets)",
        querystring: z.object(pageQuery).strict(),
        response: { 200: pageSchema(ApiKey, { canCreate: z.boolean().describe("Whether the caller may issue a key") }) },
      },
    },
    async (request) => listApiKeys(app.db, request.actor!, request.query),
  );

  app.post(
    "/api/v1/api-keys",
    {
      config: { policy: apiKeyPolicy.gate("create"), problems: ["unprocessable"] },
      schema: {
        operationId: "createApiKey",
        tags: ["api-keys"],
        summary: "Issue an API key of the caller's administration; the secret is in this answer only",
        body: CreateApiKeyBody,
        response: { 201: CreatedApiKey },
      },
    },
    async (request, reply) => reply.status(201).send(await createApiKey(app.db, request.actor!, request.body)),
  );

  app.post(
    "/api/v1/api-keys/:id/revoke",
    {
      config: { policy: apiKeyPolicy.gate("revoke") },
      schema: {
        operationId: "revokeApiKey",
        tags: ["api-keys"],
        summary: "Revoke an API key: from now on every request with it is refused",
        params: IdParams,
        response: { 200: ApiKey },
      },
    },
    async (request) => revokeApiKey(app.db, request.actor!, request.params.id),
  );

  app.get(
    "/api/v1/api-keys/self",
    {
      config: { policy: apiKeyOnly("api_key.self", "submissions") },
      schema: {
        operationId: "getOwnApiKey",
        tags: ["api-keys"],
        summary: "The key a machine client sends: its name and the administration it submits for (to check a key)",
        description:
          "Only with an API key: `curl -H 'Authorization: Bearer vbk_…' https://verbund.example/api/v1/api-keys/self`. A revoked or unknown key is answered 401 (`api_key_invalid`).",
        response: { 200: ApiKeySelf },
      },
    },
    async (request) => describeOwnApiKey(app.db, request.apiKey!),
  );
};
