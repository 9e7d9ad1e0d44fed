import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { isSecureDeployment } from "../../../config";
import { selfAccess } from "../../../kernel/policy";
import { AppError } from "../../../kernel/problems";
import { getAccount } from "../accounts";
import { accountPolicy } from "../identity.policy";
import { Account, IdParams } from "../identity.schemas";
import { adminLinkIdentity, adminUnlinkIdentity, getMyIdentity, unlinkMyIdentity } from "./link-identity";
import { SsoError, startSsoLink } from "./sso-login";
import { SSO_COOKIE } from "./sso.routes";
import { AdminLinkBody, MyIdentity } from "./sso.schemas";

/**
 * Linking accounts to their administration's provider: by the holder (profile), or by the HR
 * office for one account (audited, e-mailed to the holder). Nothing else links an existing account.
 */
export const linkRoutes: FastifyPluginAsyncZod = async (app) => {
  const secure = isSecureDeployment(app.config);
  const base = app.config.baseUrl.replace(/\/$/, "");

  app.get(
    "/api/v1/me/identity",
    {
      config: { policy: selfAccess },
      schema: {
        operationId: "getOwnIdentity",
        tags: ["me"],
        summary: "The caller's link to its administration's provider",
        response: { 200: MyIdentity },
      },
    },
    async (request) => getMyIdentity(app.db, request.actor!),
  );

  app.post(
    "/api/v1/me/identity/link",
    {
      // The provider does not answer: 503.
      config: { policy: selfAccess, problems: ["unavailable"] },
      schema: {
        operationId: "startOwnIdentityLink",
        tags: ["me"],
        summary: "Start linking the own account to the administration's provider",
        description:
          "Returns the provider's authorization URL; the browser goes there and comes back to `/api/v1/sso/callback`, which binds the identity to this account — only with the same session and browser that started it.",
        response: { 200: z.object({ url: z.string() }) },
      },
    },
    async (request, reply) => {
      try {
        const { url, loginId } = await startSsoLink(app.db, base, request.actor!);
        reply.setCookie(SSO_COOKIE, loginId, { httpOnly: true, sameSite: "lax", secure, path: "/api/v1/sso", maxAge: 600 });
        return { url };
      } catch (err) {
        if (err instanceof SsoError) {
          throw new AppError(err.reason === "no_provider" ? "not_found" : "unavailable", {
            message:
              err.reason === "no_provider"
                ? {
                    de: "Ihre Verwaltung hat keine eingeschaltete Anmeldung über das Konto der Verwaltung.",
                    en: "Your administration has no enabled single sign-on.",
                  }
                : {
                    de: "Der Anmeldedienst Ihrer Verwaltung antwortet nicht. Bitte versuchen Sie es später erneut.",
                    en: "Your administration's provider does not answer. Please try again later.",
                  },
          });
        }
        throw err;
      }
    },
  );

  app.delete(
    "/api/v1/me/identity",
    {
      config: { policy: selfAccess },
      schema: {
        operationId: "unlinkOwnIdentity",
        tags: ["me"],
        summary: "Remove the own account's link to the provider",
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await unlinkMyIdentity(app.db, request.actor!);
      return reply.status(204).send(null);
    },
  );

  app.put(
    "/api/v1/accounts/:id/identity",
    {
      config: { policy: accountPolicy.gate("link") },
      schema: {
        operationId: "linkAccountIdentity",
        tags: ["accounts"],
        summary: "Link one account to a subject at the administration's provider (HR office; audited, e-mailed to the holder)",
        description:
          "Not for the caller's own account, and not for accounts of the region's coordination or the staff council: their holders link them in their profile.",
        params: IdParams,
        body: AdminLinkBody,
        response: { 200: Account },
      },
    },
    async (request) => {
      await adminLinkIdentity(app.db, request.actor!, request.params.id, request.body.subject);
      return getAccount(app.db, request.actor!, request.params.id);
    },
  );

  app.delete(
    "/api/v1/accounts/:id/identity",
    {
      config: { policy: accountPolicy.gate("link") },
      schema: {
        operationId: "unlinkAccountIdentity",
        tags: ["accounts"],
        summary: "Remove one account's link to the provider (HR office; audited, e-mailed to the holder)",
        params: IdParams,
        response: { 200: Account },
      },
    },
    async (request) => {
      await adminUnlinkIdentity(app.db, request.actor!, request.params.id);
      return getAccount(app.db, request.actor!, request.params.id);
    },
  );
};
