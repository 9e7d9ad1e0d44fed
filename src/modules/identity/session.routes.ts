import { z } from "zod";
import type { FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { eq } from "drizzle-orm";
import { isSecureDeployment } from "../../config";
import { publicAccess, selfAccess } from "../../kernel/policy";
import { AppError } from "../../kernel/problems";
import { recordAudit } from "../audit";
import type { Actor } from "../../kernel/actor";
import { overviewSchema } from "../../kernel/overviews";
import { Task } from "../../kernel/tasks";
import { getMe } from "./get-me";
import { ChangePasswordBody, LoginBody, loginResponseSchema, meSchema, SessionInfo, SessionStatus, UpdateMeBody } from "./identity.schemas";
import { accounts, sessions } from "./identity.tables";
import { findOwnAccount } from "./account-scope";
import { providerLogoutUrl } from "./sso/provider-logout";
import { login } from "./login";
import { hashPassword, verifyPassword } from "./passwords";
import {
  ABSOLUTE_TIMEOUT_SECONDS,
  deleteSessionsOf,
  findSession,
  IDLE_TIMEOUT_SECONDS,
  SESSION_COOKIE,
  SESSION_TOUCH_INTERVAL_SECONDS,
} from "./sessions";

const NoContent = z.null().describe("No content");

function sessionInfo(csrfToken: string, lastSeenAt: Date, createdAt: Date) {
  const idleEnds = lastSeenAt.getTime() + IDLE_TIMEOUT_SECONDS * 1000;
  return {
    idleRemainingSeconds: Math.max(0, Math.round((idleEnds - Date.now()) / 1000)),
    csrfToken,
    idleTimeoutSeconds: IDLE_TIMEOUT_SECONDS,
    touchIntervalSeconds: SESSION_TOUCH_INTERVAL_SECONDS,
    idleExpiresAt: new Date(lastSeenAt.getTime() + IDLE_TIMEOUT_SECONDS * 1000).toISOString(),
    absoluteExpiresAt: new Date(createdAt.getTime() + ABSOLUTE_TIMEOUT_SECONDS * 1000).toISOString(),
  };
}

/** Login, logout, session status and the signed-in account's own profile. */
export const sessionRoutes: FastifyPluginAsyncZod = async (app) => {
  const secure = isSecureDeployment(app.config);
  // What the account may do in each capability comes from the modules' manifests (src/modules/index.ts).
  const Me = meSchema(app.abilityKeys);
  const LoginResponse = loginResponseSchema(app.abilityKeys);
  const me = (actor: Actor) => getMe(app.db, actor, app.abilitiesOf(actor));
  const setCookie = (reply: FastifyReply, token: string) =>
    reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: "lax",
      secure,
      path: "/",
      maxAge: ABSOLUTE_TIMEOUT_SECONDS,
    });

  app.post(
    "/api/v1/session",
    {
      config: {
        policy: publicAccess,
        csrf: false,
        touchSession: false,
        problems: ["invalid_credentials", "forbidden", "login_locked", "rate_limited"],
      },
      schema: {
        operationId: "signIn",
        tags: ["session"],
        summary: "Sign in with login and password",
        description:
          "Opens a new session (the session id always changes). Returns the CSRF token to send as `X-CSRF-Token` on every state-changing request. 10 failed logins within 15 minutes lock the login for 15 minutes (429).",
        body: LoginBody,
        response: { 200: LoginResponse },
      },
    },
    async (request, reply) => {
      const previousToken = request.cookies[SESSION_COOKIE];
      const session = await login(app.db, {
        login: request.body.login,
        password: request.body.password,
        ip: request.ip,
        userAgent: request.headers["user-agent"],
        previousToken,
      });
      setCookie(reply, session.token);
      const found = await findSession(app.db, session.token);
      if (found.status !== "valid") throw new AppError("internal");
      return { ...sessionInfo(session.csrfToken, found.lastSeenAt, found.createdAt), me: await me(found.actor) };
    },
  );

  app.get(
    "/api/v1/session",
    {
      config: { policy: publicAccess, touchSession: false },
      schema: {
        operationId: "getSession",
        tags: ["session"],
        summary: "State of the current session (does not extend it)",
        description: "Answers `authenticated: false` without a valid session, so that the web app can ask without an error.",
        response: { 200: SessionStatus },
      },
    },
    async (request) => {
      // The session as the auth hook read it (this route does not extend it).
      const { actor, sessionTimes } = request;
      if (!actor || !sessionTimes) return { authenticated: false as const };
      return { authenticated: true as const, ...sessionInfo(actor.csrfToken, sessionTimes.lastSeenAt, sessionTimes.createdAt) };
    },
  );

  app.post(
    "/api/v1/session/extend",
    {
      // An explicit extension always writes, whenever the last request did.
      config: { policy: selfAccess, touchSession: "always" },
      schema: {
        operationId: "extendSession",
        tags: ["session"],
        summary: "Extend the session by another idle period",
        response: { 200: SessionInfo },
      },
    },
    async (request) => {
      const { actor, sessionTimes } = request;
      if (!actor || !sessionTimes) throw new AppError("session_expired");
      return sessionInfo(actor.csrfToken, sessionTimes.lastSeenAt, sessionTimes.createdAt);
    },
  );

  app.delete(
    "/api/v1/session",
    {
      config: { policy: selfAccess, touchSession: false },
      schema: {
        operationId: "signOut",
        tags: ["session"],
        summary: "Sign out",
        description:
          "Ends the Verbund session. After a single sign-on, `logoutUrl` ends the provider's session too (RP-initiated logout), where the provider offers it.",
        response: { 200: z.object({ logoutUrl: z.string().nullable() }) },
      },
    },
    async (request, reply) => {
      const actor = request.actor!;
      const ended = await app.db.transaction(async (tx) => {
        const [session] = await tx.delete(sessions).where(eq(sessions.id, actor.sessionId)).returning();
        await recordAudit(tx, actor, {
          action: "logout",
          entity: "account",
          entityId: actor.accountId,
          visibility: "tenant",
          ip: request.ip,
        });
        return session;
      });
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return { logoutUrl: ended?.providerId ? await providerLogoutUrl(app.db, ended.providerId, ended.idToken, app.config.baseUrl) : null };
    },
  );

  app.get(
    "/api/v1/me",
    {
      config: { policy: selfAccess, readCache: true },
      schema: { operationId: "getMe", tags: ["me"], summary: "The signed-in account", response: { 200: Me } },
    },
    async (request) => me(request.actor!),
  );

  app.get(
    "/api/v1/me/tasks",
    {
      config: { policy: selfAccess, readCache: true },
      schema: {
        operationId: "listOwnTasks",
        tags: ["me"],
        summary: "What waits for the signed-in account, earliest deadline first",
        description:
          "Each capability adds its own kinds of task: secondment steps and onboarding items on the caller's side, qualifications to confirm or renew, own requests without offers, an active crisis. `link` is the web app's page that opens the step.",
        response: { 200: z.object({ items: z.array(Task) }) },
      },
    },
    async (request) => ({ items: await app.tasksOf(request.actor!) }),
  );

  app.get(
    "/api/v1/me/overview",
    {
      config: { policy: selfAccess, readCache: true },
      schema: {
        operationId: "getOwnOverview",
        tags: ["me"],
        summary: "The start page's overviews for the signed-in account's roles",
        description:
          "Each capability adds its own sections, each for the roles it names; a section is null when none of the caller's roles has it. Aggregates of the caller's administration (secondments lent and borrowed per partner administration, the HR office's queue per step, an active crisis) and the caller's own secondments and pool entry — no figures per person.",
        response: { 200: overviewSchema(app.overviewSections) },
      },
    },
    async (request) => app.overviewsOf(request.actor!),
  );

  app.patch(
    "/api/v1/me",
    {
      config: { policy: selfAccess },
      schema: {
        operationId: "updateMe",
        tags: ["me"],
        summary: "Change own display name or language",
        body: UpdateMeBody,
        response: { 200: Me },
      },
    },
    async (request) => {
      const actor = request.actor!;
      await app.db.transaction(async (tx) => {
        const before = await findOwnAccount(tx, actor);
        if (!before) throw new AppError("not_found");
        const [after] = await tx
          .update(accounts)
          .set({ ...request.body, updatedAt: new Date() })
          .where(eq(accounts.id, actor.accountId))
          .returning();
        await recordAudit(tx, actor, {
          action: "update",
          entity: "account",
          entityId: actor.accountId,
          visibility: "tenant",
          before: { displayName: before.displayName, locale: before.locale },
          after: { displayName: after.displayName, locale: after.locale },
        });
      });
      return me({ ...actor, displayName: request.body.displayName ?? actor.displayName });
    },
  );

  app.post(
    "/api/v1/me/password",
    {
      config: { policy: selfAccess },
      schema: {
        operationId: "changeOwnPassword",
        tags: ["me"],
        summary: "Change own password (ends all other sessions)",
        body: ChangePasswordBody,
        response: { 204: NoContent },
      },
    },
    async (request, reply) => {
      const actor = request.actor!;
      const account = await findOwnAccount(app.db, actor);
      if (!(await verifyPassword(account?.passwordHash, request.body.currentPassword))) {
        throw new AppError("validation", {
          fields: [
            {
              field: "currentPassword",
              in: "body",
              rule: "mismatch",
              message: { de: "Das bisherige Passwort stimmt nicht.", en: "The current password is incorrect." },
            },
          ],
        });
      }
      const passwordHash = await hashPassword(request.body.newPassword);
      await app.db.transaction(async (tx) => {
        await tx.update(accounts).set({ passwordHash, updatedAt: new Date() }).where(eq(accounts.id, actor.accountId));
        await deleteSessionsOf(tx, actor.accountId, actor.sessionId);
        await recordAudit(tx, actor, {
          action: "update",
          entity: "account",
          entityId: actor.accountId,
          visibility: "tenant",
          after: { password: "changed" },
        });
      });
      return reply.status(204).send(null);
    },
  );
};
