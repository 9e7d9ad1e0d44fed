import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { isSecureDeployment } from "../../../config";
import { publicAccess } from "../../../server/policy";
import { AppError } from "../../../server/problems";
import { identityProviderPolicy } from "../identity.policy";
import { ABSOLUTE_TIMEOUT_SECONDS, SESSION_COOKIE } from "../sessions";
import { getIdentityProvider, listSsoOrganizations, saveIdentityProvider } from "./identity-provider";
import { finishSsoLogin, ssoRedirectUri, SsoError, startSsoLogin } from "./sso-login";

const SSO_COOKIE = "verbund_sso";

const ProviderSettings = z.object({
  issuer: z.string(),
  clientId: z.string(),
  hasClientSecret: z.boolean(),
  scopes: z.string(),
  isEnabled: z.boolean(),
  isPasswordLoginEnabled: z.boolean(),
  source: z.enum(["ui", "env"]),
  updatedAt: z.string(),
});

const SaveProviderBody = z
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

/** Single sign-on with each administration's OpenID Connect provider, and its settings. */
export const ssoRoutes: FastifyPluginAsyncZod = async (app) => {
  const secure = isSecureDeployment(app.config);
  const base = app.config.baseUrl.replace(/\/$/, "");

  app.get(
    "/api/v1/sso/organizations",
    {
      config: { policy: publicAccess },
      schema: {
        tags: ["sso"],
        summary: "Administrations whose staff sign in with their own provider",
        response: { 200: z.object({ items: z.array(z.object({ organizationId: z.uuid(), name: z.string(), ags: z.string() })) }) },
      },
    },
    async () => ({ items: await listSsoOrganizations(app.db) }),
  );

  app.get(
    "/api/v1/sso/:organizationId/start",
    {
      config: { policy: publicAccess },
      schema: {
        tags: ["sso"],
        summary: "Start signing in at the administration's provider (redirect)",
        params: z.object({ organizationId: z.uuid() }),
        querystring: z.object({ returnTo: z.string().max(300).default("/") }).strict(),
      },
    },
    async (request, reply) => {
      try {
        const { url, loginId } = await startSsoLogin(app.db, base, request.params.organizationId, request.query.returnTo);
        reply.setCookie(SSO_COOKIE, loginId, { httpOnly: true, sameSite: "lax", secure, path: "/api/v1/sso", maxAge: 600 });
        return reply.redirect(url, 302);
      } catch (err) {
        if (err instanceof SsoError && err.reason === "no_provider") {
          throw new AppError("not_found", {
            message: {
              de: "Diese Verwaltung hat keine Anmeldung über ein eigenes Konto eingerichtet.",
              en: "This administration has no single sign-on.",
            },
          });
        }
        if (err instanceof SsoError) return reply.redirect(`/anmelden?sso=${err.reason}`, 302);
        throw err;
      }
    },
  );

  app.get(
    "/api/v1/sso/callback",
    {
      config: { policy: publicAccess, touchSession: false },
      schema: {
        tags: ["sso"],
        summary: "Redirect target of the providers (authorization code + PKCE)",
        // Loose on purpose: providers add their own parameters (Keycloak's `session_state`).
        querystring: z.looseObject({
          code: z.string().max(2000).optional(),
          state: z.string().max(500).optional(),
          iss: z.string().max(500).optional(),
          error: z.string().max(200).optional(),
          error_description: z.string().max(2000).optional(),
        }),
      },
    },
    async (request, reply) => {
      const callbackUrl = new URL(request.url, `${base}/`);
      reply.clearCookie(SSO_COOKIE, { path: "/api/v1/sso" });
      try {
        const session = await finishSsoLogin(app.db, callbackUrl, request.cookies[SSO_COOKIE], {
          ip: request.ip,
          userAgent: request.headers["user-agent"],
          previousToken: request.cookies[SESSION_COOKIE],
        });
        reply.setCookie(SESSION_COOKIE, session.token, {
          httpOnly: true,
          sameSite: "lax",
          secure,
          path: "/",
          maxAge: ABSOLUTE_TIMEOUT_SECONDS,
        });
        return reply.redirect(session.returnTo, 302);
      } catch (err) {
        if (err instanceof SsoError) return reply.redirect(`/anmelden?sso=${err.reason}`, 302);
        throw err;
      }
    },
  );

  app.get(
    "/api/v1/identity-provider",
    {
      config: { policy: identityProviderPolicy.gate("read") },
      schema: {
        tags: ["sso"],
        summary: "Single sign-on settings of the caller's administration",
        response: { 200: z.object({ settings: ProviderSettings.nullable(), redirectUri: z.string() }) },
      },
    },
    async (request) => ({ settings: await getIdentityProvider(app.db, request.actor!), redirectUri: ssoRedirectUri(base) }),
  );

  app.put(
    "/api/v1/identity-provider",
    {
      config: { policy: identityProviderPolicy.gate("update") },
      schema: {
        tags: ["sso"],
        summary: "Set the single sign-on of the caller's administration",
        body: SaveProviderBody,
        response: { 200: z.object({ settings: ProviderSettings, redirectUri: z.string() }) },
      },
    },
    async (request) => ({ settings: await saveIdentityProvider(app.db, request.actor!, request.body), redirectUri: ssoRedirectUri(base) }),
  );
};
