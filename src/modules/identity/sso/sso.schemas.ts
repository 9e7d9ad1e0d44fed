import { z } from "zod";

/** The provider settings in force (never the client secret). */
export const ProviderSettings = z.object({
  issuer: z.string(),
  clientId: z.string(),
  hasClientSecret: z.boolean(),
  scopes: z.string(),
  isEnabled: z.boolean(),
  isPasswordLoginEnabled: z.boolean(),
  source: z.enum(["ui", "env"]),
  updatedAt: z.string(),
});

/** A provider change requested by an HR office, as the HR office and the coordination see it. */
export const ProviderChange = z.object({
  id: z.uuid(),
  organization: z.object({ id: z.uuid(), name: z.string() }),
  issuer: z.string(),
  clientId: z.string(),
  hasClientSecret: z.boolean(),
  scopes: z.string(),
  isEnabled: z.boolean(),
  isPasswordLoginEnabled: z.boolean(),
  status: z.enum(["pending", "confirmed", "rejected", "withdrawn", "superseded"]),
  requestedBy: z.string(),
  requestedAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  reason: z.string().nullable(),
  current: z.object({ issuer: z.string(), clientId: z.string(), isEnabled: z.boolean() }).nullable(),
  bindingsDropped: z.number().int().describe("Links of the administration's accounts that confirming drops (another issuer)"),
  abilities: z.object({ confirm: z.boolean(), reject: z.boolean() }),
});

export const SaveProviderBody = z
  .object({
    issuer: z.url().max(500),
    clientId: z.string().trim().min(1).max(200),
    clientSecret: z.string().max(500).nullable().optional(),
    scopes: z
      .string()
      .trim()
      .max(300)
      .regex(/(^|\s)openid(\s|$)/)
      .default("openid email profile"),
    isEnabled: z.boolean(),
    isPasswordLoginEnabled: z.boolean(),
  })
  .strict();

export const ProviderState = z.object({
  settings: ProviderSettings.nullable(),
  change: ProviderChange.nullable().describe("The latest change requested, with its state"),
  redirectUri: z.string(),
});

export const RejectBody = z.object({ reason: z.string().trim().min(3).max(1000) }).strict();

/** The caller's own link to its administration's provider. */
export const MyIdentity = z.object({
  provider: z.object({ organizationName: z.string(), issuer: z.string() }).nullable(),
  identity: z.object({ issuer: z.string(), subject: z.string(), linkedAt: z.string() }).nullable(),
  abilities: z.object({ link: z.boolean(), unlink: z.boolean() }),
});

export const AdminLinkBody = z.object({ subject: z.string().trim().min(1).max(255) }).strict();
