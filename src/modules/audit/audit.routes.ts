import { Readable } from "node:stream";
import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { pageQuery, pageSchema } from "../../kernel/paging";
import { today } from "../../kernel/dates";
import { isoDate } from "../../server/input-schemas";
import { auditPolicy } from "./audit.policy";
import { csvHead, csvLines } from "./audit-csv";
import { OBJECT_TYPE_NAMES, OBJECT_TYPES } from "./audit-words";
import { eachAuditEventBatch, listAuditEvents, type AuditFilter } from "./list-audit-events";
import type { PresentedAuditEvent } from "./present-audit";
import { recordAudit } from "./record-audit";

const Words = z.object({ de: z.string(), en: z.string() });

const AuditEvent = z.object({
  id: z.number().int(),
  at: z.string(),
  action: z.string().describe("As stored: login, login_failed, logout, create, update, delete, read, export"),
  entity: z.string().describe("As stored: the object type"),
  entityId: z.string().nullable(),
  actorLogin: z.string().nullable().describe("The login of whoever acted, where the person is of the viewer's own administration"),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  actor: z.object({
    name: Words.nullable().describe("The person's name where the viewer may see it (own administration), or Verbund"),
    organization: z.string().nullable(),
    label: Words.describe("What to show for who acted: the name, “eine Person aus …” or “unbekannt”"),
  }),
  sentence: Words.describe("What happened, following the person: “hat die Abordnung genehmigt”"),
  object: z.object({
    type: z.string(),
    typeName: Words,
    id: z.string().nullable(),
    title: z.string().nullable(),
    link: z.string().nullable().describe("The web app's page of the object, when there is one and the viewer may open it"),
  }),
  changes: z.array(Words).describe("Each changed field: “Status: genehmigt → beim Personalrat”"),
});

const TO_BEFORE_FROM = {
  de: "Das Datum „Bis“ liegt vor dem Datum „Von“. Wählen Sie ein „Bis“ am selben Tag oder danach.",
  en: "The “To” date is before the “From” date. Choose a “To” date on or after it.",
};

const filterQuery = {
  person: z.string().trim().max(100).optional().describe("Part of the name or login of a person of the own administration: what they did"),
  objectType: z.enum(OBJECT_TYPE_NAMES).optional().describe("Only entries about objects of this type"),
  from: isoDate.optional().describe("First day of the period (a day in Germany)"),
  to: isoDate.optional().describe("Last day of the period (a day in Germany, inclusive)"),
};
const fromBeforeTo = (q: { from?: string; to?: string }) => !q.from || !q.to || q.from <= q.to;
const refinement = { message: TO_BEFORE_FROM.en, path: ["to"], params: TO_BEFORE_FROM };

/** The filter of a query, without empty fields. */
const filterOf = (q: AuditFilter): AuditFilter => ({
  person: q.person || undefined,
  objectType: q.objectType,
  from: q.from,
  to: q.to,
});

function shown(e: PresentedAuditEvent) {
  // The login only where the presenter names the person (an account of the viewer's own
  // administration) — not by the entry's administration: a step of the borrowing side on a
  // secondment is kept under the lending administration.
  const own = e.actor.name !== null;
  return {
    id: e.row.id,
    at: e.row.at.toISOString(),
    action: e.row.action,
    entity: e.row.entity,
    entityId: e.row.entityId,
    actorLogin: own ? e.row.actorLogin : null,
    before: e.row.before ?? null,
    after: e.row.after ?? null,
    actor: e.actor,
    sentence: e.sentence,
    object: e.object,
    changes: e.changes,
  };
}

/** Routes of the audit log. */
export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  const objectTypes = OBJECT_TYPE_NAMES.map((type) => ({ type, name: OBJECT_TYPES[type].name }));

  app.get(
    "/api/v1/audit-events",
    {
      config: { policy: auditPolicy.gate("list") },
      schema: {
        operationId: "listAuditEvents",
        tags: ["audit"],
        summary: "Audit log entries the caller may read, newest first, narrowed by person, object type and period",
        querystring: z
          .object({ ...pageQuery, ...filterQuery })
          .strict()
          .refine(fromBeforeTo, refinement),
        response: {
          200: pageSchema(AuditEvent, {
            objectTypes: z.array(z.object({ type: z.string(), name: Words })).describe("The object types the filter offers"),
          }),
        },
      },
    },
    async (request) => {
      const actor = request.actor!;
      const { cursor, limit } = request.query;
      const page = await listAuditEvents(app.db, actor, { cursor, limit, ...filterOf(request.query) }, app.auditSource);
      return { items: page.items.map((e) => shown(e)), nextCursor: page.nextCursor, objectTypes };
    },
  );

  app.get(
    "/api/v1/audit-events.csv",
    {
      config: { policy: auditPolicy.gate("list") },
      schema: {
        operationId: "exportAuditEventsCsv",
        tags: ["audit"],
        summary: "The filtered audit log as CSV for Excel (UTF-8 with BOM, semicolons, German headers and dates); the export is logged",
        querystring: z.object(filterQuery).strict().refine(fromBeforeTo, refinement),
        response: {
          200: {
            description: "The CSV file (a download: `Content-Disposition: attachment`), newest entry first",
            content: { "text/csv": { schema: z.string().meta({ contentMediaType: "text/csv" }) } },
          },
        },
      },
    },
    async (request, reply) => {
      const actor = request.actor!;
      const filter = filterOf(request.query);
      // Who exported what: recorded before the first line leaves, in a transaction of its own.
      await app.db.transaction((tx) =>
        recordAudit(tx, actor, {
          action: "export",
          entity: "audit_log",
          visibility: "tenant",
          after: Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)),
          ip: request.ip,
        }),
      );
      const db = app.db;
      const source = app.auditSource;
      async function* lines() {
        yield csvHead();
        for await (const batch of eachAuditEventBatch(db, actor, filter, source)) yield csvLines(batch);
      }
      reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="protokoll-${today()}.csv"`)
        .header("cache-control", "no-store");
      // A stream is sent as it is (the schema describes the text it becomes).
      return reply.send(Readable.from(lines()) as unknown as string);
    },
  );
};
