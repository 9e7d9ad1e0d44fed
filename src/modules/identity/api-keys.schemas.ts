import { z } from "zod";
import { API_KEY_SCOPES } from "../../kernel/policy";

/** What a key may do. */
export const ApiKeyScopeSchema = z.enum(API_KEY_SCOPES).describe("`submissions`: submit values (`POST /api/v1/submissions`, `…/import`)");

/** An API key as its administration's HR office and controlling see it: never the secret, never its hash. */
export const ApiKey = z.object({
  id: z.uuid(),
  name: z.string().describe("What the key is for, e.g. „Fachverfahren Bürgeramt“"),
  prefix: z.string().describe("The first characters of the secret (`vbk_3f9aXq7L`), to recognise the key"),
  scopes: z.array(ApiKeyScopeSchema),
  createdAt: z.string(),
  createdBy: z.string().nullable().describe("Who issued the key (a name of the same administration); null when the account is gone"),
  lastUsedAt: z.string().nullable().describe("The last request with the key, to the minute; null when never used"),
  revokedAt: z.string().nullable(),
  revokedBy: z.string().nullable(),
  abilities: z.object({ revoke: z.boolean() }),
});

export const CreateApiKeyBody = z
  .object({
    name: z.string().trim().min(1).max(100).describe("What the key is for, e.g. „Fachverfahren Bürgeramt“"),
    scopes: z.array(ApiKeyScopeSchema).min(1).max(API_KEY_SCOPES.length).default(["submissions"]).describe("Default: `submissions`"),
  })
  .strict();

/** The answer to issuing a key: the only time the secret is shown. */
export const CreatedApiKey = z.object({
  apiKey: ApiKey,
  secret: z
    .string()
    .describe(
      "The key itself (`vbk_` and 43 characters). Shown only in this answer — Verbund keeps only its hash. Send it as `Authorization: Bearer vbk_…`.",
    ),
});

/** What a client learns about its own key (`GET /api/v1/api-keys/self`). */
export const ApiKeySelf = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(ApiKeyScopeSchema),
  organization: z.object({ id: z.uuid(), name: z.string() }).describe("The administration the key submits for"),
});
