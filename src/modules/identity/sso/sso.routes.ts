import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { isSecureDeployment } from "../../../config";
import { publicAccess } from "../../../kernel/policy";
import { AppError } from "../../../kernel/problems";
import { identityProviderPolicy, providerChangePolicy } from "../identity.policy";
import { ABSOLUTE_TIMEOUT_SECONDS, SESSION_COOKIE } from "../sessions";
import { getIdentityProvider, listSsoOrganizations, saveIdentityProvider, withdrawProviderChange } from "./identity-provider";
import { confirmProviderChange, listProviderChanges, rejectProviderChange } from "./provider-changes";
import { finishSso, ssoRedirectUri, SsoError, startSsoLogin } from "./sso-login";
import { ProviderChange, ProviderState, RejectBody, SaveProviderBody } from "./sso.schemas";

/** The short-lived cookie that binds a sign-on (or a link) in progress to the browser that started it. */
export const SSO_COOKIE = "verbund_sso";

/** Single sign-on with each administration's OpenID Connect provider, and its settings. */
export const ssoRoutes: FastifyPluginAsyncZod = async (app) => {
  const secure = isSecureDeployment(app.config);
  const base = app.config.baseUrl.replace(/\/$/, "");

  app.get(
    "/api/v1/sso/organizations",
    {
      config: { policy: publicAccess },
      schema: {
        operationId: "listSsoOrganizations",
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
        operationId: "startSsoLogin",
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
        operationId: "completeSsoLogin",
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
        const outcome = await finishSso(app.db, callbackUrl, request.cookies[SSO_COOKIE], {
          ip: request.ip,
          userAgent: request.headers["user-agent"],
          previousToken: request.cookies[SESSION_COOKIE],
          actor: request.actor,
        });
        if (outcome.intent === "login") {
          reply.setCookie(SESSION_COOKIE, outcome.token, {
            httpOnly: true,
            sameSite: "lax",
            secure,
            path: "/",
            maxAge: ABSOLUTE_TIMEOUT_SECONDS,
          });
        }
        return reply.redirect(outcome.returnTo, 302);
      } catch (err) {
        if (err instanceof SsoError) return reply.redirect(`${err.intent === "link" ? "/profil" : "/anmelden"}?sso=${err.reason}`, 302);
        throw err;
      }
    },
  );

  app.get(
    "/api/v1/identity-provider",
    {
      config: { policy: identityProviderPolicy.gate("read") },
      schema: {
        operationId: "getIdentityProvider",
        tags: ["sso"],
        summary: "Single sign-on settings of the caller's administration, and its latest requested change",
        response: { 200: ProviderState },
      },
    },
    async (request) => ({ ...(await getIdentityProvider(app.db, request.actor!)), redirectUri: ssoRedirectUri(base) }),
  );

  app.put(
    "/api/v1/identity-provider",
    {
      config: { policy: identityProviderPolicy.gate("update") },
      schema: {
        operationId: "requestIdentityProviderChange",
        tags: ["sso"],
        summary: "Change the single sign-on of the caller's administration",
        description:
          "Switching the provider on, or another issuer or client while it is on, is only requested (202): the settings in force stay until the region's coordination — another person than the requester — confirms it. Anything else takes effect at once (200).",
        body: SaveProviderBody,
        response: { 200: ProviderState, 202: ProviderState },
      },
    },
    async (request, reply) => {
      const { isApplied, ...state } = await saveIdentityProvider(app.db, request.actor!, request.body, base);
      return reply.status(isApplied ? 200 : 202).send({ ...state, redirectUri: ssoRedirectUri(base) });
    },
  );

  app.delete(
    "/api/v1/identity-provider/change",
    {
      config: { policy: identityProviderPolicy.gate("update") },
      schema: {
        operationId: "withdrawIdentityProviderChange",
        tags: ["sso"],
        summary: "Withdraw the pending change of the caller's administration",
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await withdrawProviderChange(app.db, request.actor!);
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/api/v1/identity-provider-changes",
    {
      config: { policy: providerChangePolicy.gate("list") },
      schema: {
        operationId: "listIdentityProviderChanges",
        tags: ["sso"],
        summary: "Provider changes of the region's administrations (the coordination confirms or rejects them)",
        response: { 200: z.object({ items: z.array(ProviderChange), pending: z.number().int() }) },
      },
    },
    async (request) => listProviderChanges(app.db, request.actor!),
  );

  app.post(
    "/api/v1/identity-provider-changes/:id/confirm",
    {
      config: { policy: providerChangePolicy.gate("decide") },
      schema: {
        operationId: "confirmIdentityProviderChange",
        tags: ["sso"],
        summary: "Confirm a provider change (not one's own request); it takes effect at once",
        params: z.object({ id: z.uuid() }),
        response: { 200: ProviderChange },
      },
    },
    async (request) => confirmProviderChange(app.db, request.actor!, request.params.id),
  );

  app.post(
    "/api/v1/identity-provider-changes/:id/reject",
    {
      config: { policy: providerChangePolicy.gate("decide") },
      schema: {
        operationId: "rejectIdentityProviderChange",
        tags: ["sso"],
        summary: "Reject a provider change with a reason; the settings in force stay",
        params: z.object({ id: z.uuid() }),
        body: RejectBody,
        response: { 200: ProviderChange },
      },
    },
    async (request) => rejectProviderChange(app.db, request.actor!, request.params.id, request.body.reason),
  );
};
