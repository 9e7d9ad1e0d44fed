import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { pageQuery, pageSchema } from "../../kernel/paging";
import { SECONDMENT_STATES } from "../../domain/secondment/workflow";
import { isoDate } from "../../server/input-schemas";
import type { RouteGate } from "../../kernel/policy";
import { renderSecondmentDocument } from "./agreement-pdf";
import { createCalendarFeed, listCalendarFeeds, mayCreateDepartmentFeed, renderCalendar, revokeCalendarFeed } from "./calendar";
import {
  createDeputy,
  createFrameworkAgreement,
  deleteDeputy,
  getSettings,
  listDeputies,
  listDeputyCandidates,
  listFrameworkAgreements,
  updateSettings,
} from "./secondment-settings";
import { secondmentPolicy } from "./secondments.policy";
import {
  Deputy,
  DeputyBody,
  FrameworkAgreement,
  FrameworkAgreementBody,
  FirstDayBody,
  OnboardingBody,
  OverheadBody,
  ProposeBody,
  Secondment,
  Settings,
  SettingsBody,
  TransitionBody,
} from "./secondments.schemas";
import { extendSecondment } from "./extend";
import { getSecondment, listSecondments } from "./read";
import { proposeSecondment } from "./propose";
import { transitionSecondment } from "./transition";
import { updateOnboarding } from "./onboarding";
import { updateFirstDay } from "./first-day";
import { updateOverhead } from "./overhead";

const IdParams = z.object({ id: z.uuid() });

/** The calendar feed answers to its token, not to a session: the token is the credential. */
const feedToken: RouteGate = { name: "calendar_feed.token", isPublic: true, allows: () => true };

/** Secondments: the workflow, documents, onboarding, settings, deputies, framework agreement and calendar feeds. */
export const secondmentRoutes: FastifyPluginAsyncZod = async (app) => {
  const baseUrl = app.config.baseUrl;
  app.get(
    "/api/v1/secondments",
    {
      config: { policy: secondmentPolicy.gate("list"), readCache: true },
      schema: {
        operationId: "listSecondments",
        tags: ["secondments"],
        summary: "Secondments of the caller's administration (as lender or borrower) or the caller's own, newest change first (paged)",
        description:
          "`todo=true` keeps those waiting for the caller; such a page looks through a bounded number of secondments, " +
          "so it may hold fewer than `limit` items while `nextCursor` is set.",
        querystring: z.object({ state: z.enum(SECONDMENT_STATES).optional(), todo: z.stringbool().optional(), ...pageQuery }).strict(),
        response: { 200: pageSchema(Secondment) },
      },
    },
    async (request) => listSecondments(app.db, request.actor!, request.query),
  );
  app.post(
    "/api/v1/secondments",
    {
      config: { policy: secondmentPolicy.gate("propose") },
      schema: {
        operationId: "proposeSecondment",
        tags: ["secondments"],
        summary: "Propose an own, eligible pool member for another administration's open request",
        body: ProposeBody,
        response: { 201: Secondment },
      },
    },
    async (request, reply) => reply.status(201).send(await proposeSecondment(app.db, request.actor!, request.body, baseUrl)),
  );
  app.get(
    "/api/v1/secondments/:id",
    {
      config: { policy: secondmentPolicy.gate("list"), readCache: true },
      schema: {
        operationId: "getSecondment",
        tags: ["secondments"],
        summary: "One secondment with its timeline and checklist",
        params: IdParams,
        response: { 200: Secondment },
      },
    },
    async (request) => getSecondment(app.db, request.actor!, request.params.id),
  );
  app.post(
    "/api/v1/secondments/:id/transitions",
    {
      config: { policy: secondmentPolicy.gate("act") },
      schema: {
        operationId: "transitionSecondment",
        tags: ["secondments"],
        summary: "Take a workflow step (release, approve, accept, decline, council_consent, confirm, …)",
        params: IdParams,
        body: TransitionBody,
        response: { 200: Secondment },
      },
    },
    async (request) => transitionSecondment(app.db, request.actor!, request.params.id, request.body, baseUrl),
  );
  app.post(
    "/api/v1/secondments/:id/extensions",
    {
      config: { policy: secondmentPolicy.gate("act") },
      schema: {
        operationId: "proposeSecondmentExtension",
        tags: ["secondments"],
        summary: "Propose an extension: an amendment that passes the same gates again",
        params: IdParams,
        body: z.object({ endsOn: isoDate, reason: z.string().trim().max(2000).nullable().optional() }).strict(),
        response: { 201: Secondment },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await extendSecondment(app.db, request.actor!, request.params.id, request.body, baseUrl)),
  );
  app.get(
    "/api/v1/secondments/:id/onboarding",
    {
      config: { policy: secondmentPolicy.gate("list"), readCache: true },
      schema: {
        operationId: "getOnboardingChecklist",
        tags: ["secondments"],
        summary: "The onboarding checklist",
        params: IdParams,
        response: { 200: z.object({ items: Secondment.shape.onboarding }) },
      },
    },
    async (request) => ({ items: (await getSecondment(app.db, request.actor!, request.params.id)).onboarding }),
  );
  app.patch(
    "/api/v1/secondments/:id/onboarding",
    {
      config: { policy: secondmentPolicy.gate("act") },
      schema: {
        operationId: "updateOnboardingChecklist",
        tags: ["secondments"],
        summary: "Mark onboarding items done: each side its own",
        params: IdParams,
        body: OnboardingBody,
        response: { 200: Secondment },
      },
    },
    async (request) => updateOnboarding(app.db, request.actor!, request.params.id, request.body.items),
  );
  app.put(
    "/api/v1/secondments/:id/first-day",
    {
      config: { policy: secondmentPolicy.gate("act") },
      schema: {
        operationId: "updateSecondmentFirstDay",
        tags: ["secondments"],
        summary: "Tell the person when and where the first day begins (the receiving HR office)",
        params: IdParams,
        body: FirstDayBody,
        response: { 200: Secondment },
      },
    },
    async (request) => updateFirstDay(app.db, request.actor!, request.params.id, request.body),
  );
  app.put(
    "/api/v1/secondments/:id/overhead",
    {
      config: { policy: secondmentPolicy.gate("act") },
      schema: {
        operationId: "updateSecondmentOverhead",
        tags: ["secondments"],
        summary: "State the agreement's overhead surcharge (the lending HR office, until the borrower confirms the agreement)",
        params: IdParams,
        body: OverheadBody,
        response: { 200: Secondment },
      },
    },
    async (request) => updateOverhead(app.db, request.actor!, request.params.id, request.body),
  );
  for (const [path, kind, name, operationId] of [
    ["agreement.pdf", "agreement", "abordnungsvereinbarung", "getSecondmentAgreementPdf"],
    ["order.pdf", "order", "abordnungsverfuegung", "getSecondmentOrderPdf"],
  ] as const) {
    app.get(
      `/api/v1/secondments/:id/${path}`,
      {
        // 409 while the document cannot be drawn yet (before the person's acceptance).
        config: { policy: secondmentPolicy.gate("list"), problems: ["conflict"] },
        schema: {
          operationId,
          tags: ["secondments"],
          summary:
            kind === "agreement"
              ? "The agreement (Abordnungsvereinbarung) as PDF"
              : "The secondment order for civil servants (Abordnungsverfügung) as PDF",
          params: IdParams,
          response: {
            200: {
              description: "The PDF document (a download: `Content-Disposition: attachment`)",
              content: { "application/pdf": { schema: z.string().meta({ format: "binary", contentMediaType: "application/pdf" }) } },
            },
          },
        },
      },
      async (request, reply) => {
        const view = await getSecondment(app.db, request.actor!, request.params.id);
        const pdf = await renderSecondmentDocument(view, kind);
        reply.header("content-type", "application/pdf");
        reply.header("content-disposition", `attachment; filename="${name}-${view.id.slice(0, 8)}.pdf"`);
        // Bytes go out as they are (a Buffer is never serialised); the schema only documents them.
        return reply.send(Buffer.from(pdf) as never);
      },
    );
  }

  app.get(
    "/api/v1/framework-agreements",
    {
      config: { policy: secondmentPolicy.gate("read_framework"), readCache: true },
      schema: {
        operationId: "listFrameworkAgreements",
        tags: ["secondments"],
        summary: "The region's framework agreement, all versions",
        response: { 200: z.object({ items: z.array(FrameworkAgreement) }) },
      },
    },
    async (request) => ({ items: await listFrameworkAgreements(app.db, request.actor!) }),
  );
  app.post(
    "/api/v1/framework-agreements",
    {
      config: { policy: secondmentPolicy.gate("manage_framework") },
      schema: {
        operationId: "createFrameworkAgreement",
        tags: ["secondments"],
        summary: "Add a new version of the framework agreement",
        body: FrameworkAgreementBody,
        response: { 201: FrameworkAgreement },
      },
    },
    async (request, reply) => reply.status(201).send(await createFrameworkAgreement(app.db, request.actor!, request.body)),
  );

  app.get(
    "/api/v1/secondment-settings",
    {
      config: { policy: secondmentPolicy.gate("configure"), readCache: true },
      schema: {
        operationId: "getSecondmentSettings",
        tags: ["secondments"],
        summary: "Staff council rule and caps of the own administration",
        response: { 200: Settings },
      },
    },
    async (request) => getSettings(app.db, request.actor!),
  );
  app.put(
    "/api/v1/secondment-settings",
    {
      config: { policy: secondmentPolicy.gate("configure") },
      schema: {
        operationId: "updateSecondmentSettings",
        tags: ["secondments"],
        summary: "Set the staff council rule and the caps",
        body: SettingsBody,
        response: { 200: Settings },
      },
    },
    async (request) => updateSettings(app.db, request.actor!, request.body),
  );

  app.get(
    "/api/v1/deputies",
    {
      config: { policy: secondmentPolicy.gate("deputize") },
      schema: {
        operationId: "listDeputies",
        tags: ["secondments"],
        summary: "Deputyships of the own administration the caller may see, and who can be named",
        response: { 200: z.object({ items: z.array(Deputy), candidates: z.array(z.object({ id: z.uuid(), name: z.string() })) }) },
      },
    },
    async (request) => ({
      items: await listDeputies(app.db, request.actor!),
      candidates: await listDeputyCandidates(app.db, request.actor!),
    }),
  );
  app.post(
    "/api/v1/deputies",
    {
      config: { policy: secondmentPolicy.gate("deputize") },
      schema: {
        operationId: "createDeputy",
        tags: ["secondments"],
        summary: "Name a deputy for a period",
        body: DeputyBody,
        response: { 201: z.object({ id: z.uuid() }) },
      },
    },
    async (request, reply) => reply.status(201).send({ id: await createDeputy(app.db, request.actor!, request.body) }),
  );
  app.delete(
    "/api/v1/deputies/:id",
    {
      config: { policy: secondmentPolicy.gate("deputize") },
      schema: { operationId: "deleteDeputy", tags: ["secondments"], summary: "End a deputyship", params: IdParams },
    },
    async (request, reply) => {
      await deleteDeputy(app.db, request.actor!, request.params.id);
      return reply.status(204).send();
    },
  );

  app.get(
    "/api/v1/calendar-feeds",
    {
      config: { policy: secondmentPolicy.gate("list") },
      schema: {
        operationId: "listCalendarFeeds",
        tags: ["secondments"],
        summary: "The caller's calendar feeds",
        response: {
          200: z.object({
            items: z.array(
              z.object({ id: z.uuid(), scope: z.enum(["person", "department"]), department: z.string().nullable(), createdAt: z.string() }),
            ),
            abilities: z.object({
              createDepartmentFeed: z.boolean().describe("Whether the caller may subscribe to its department's secondments"),
            }),
          }),
        },
      },
    },
    async (request) => ({
      items: await listCalendarFeeds(app.db, request.actor!),
      abilities: { createDepartmentFeed: mayCreateDepartmentFeed(request.actor!) },
    }),
  );
  app.post(
    "/api/v1/calendar-feeds",
    {
      config: { policy: secondmentPolicy.gate("list") },
      schema: {
        operationId: "createCalendarFeed",
        tags: ["secondments"],
        summary: "Create an iCal feed URL (shown once) for own or department secondments",
        body: z.object({ scope: z.enum(["person", "department"]) }).strict(),
        response: { 201: z.object({ id: z.uuid(), scope: z.enum(["person", "department"]), url: z.string() }) },
      },
    },
    async (request, reply) => reply.status(201).send(await createCalendarFeed(app.db, request.actor!, request.body.scope, baseUrl)),
  );
  app.delete(
    "/api/v1/calendar-feeds/:id",
    {
      config: { policy: secondmentPolicy.gate("list") },
      schema: { operationId: "revokeCalendarFeed", tags: ["secondments"], summary: "Revoke a calendar feed", params: IdParams },
    },
    async (request, reply) => {
      await revokeCalendarFeed(app.db, request.actor!, request.params.id);
      return reply.status(204).send();
    },
  );
  app.get(
    "/ical/:token",
    {
      config: { policy: feedToken },
      schema: { hide: true, params: z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,64}\.ics$/) }) },
    },
    async (request, reply) => {
      const body = await renderCalendar(app.db, request.params.token.replace(/\.ics$/, ""));
      if (body === null) return reply.status(404).type("text/plain; charset=utf-8").send("Kalender nicht gefunden / calendar not found");
      reply.header("cache-control", "private, max-age=300");
      return reply.type("text/calendar; charset=utf-8").send(body);
    },
  );
};
