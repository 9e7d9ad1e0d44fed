import { departmentProblem } from "../organizations";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db, Tx } from "../../db/client";
import { type PageRequest } from "../../kernel/paging";
import { ineligibility, type CandidateMember, type RequestNeeds } from "../../domain/allocation/eligibility";
import { AppError, type FieldProblem } from "../../kernel/problems";
import { recordAudit } from "../audit";
import type { Actor } from "../../kernel/actor";
import { departments, organizations } from "../organizations";
import { qualifications } from "../pool";
import { supportRequestPolicy } from "./support-requests.policy";
import type { CreateRequestBody, UpdateRequestBody } from "./support-requests.schemas";
import { FILLING_STATES, IN_PLAY_STATES } from "../../domain/secondment/workflow";
import { unscopedCandidates } from "../pool";
import { crises, requestOffers, supportRequestQualifications, supportRequests, type Urgency } from "./support-requests.tables";
import {
  RequestRow,
  getOwnSupportRequestForUpdate,
  getVisibleSupportRequestRow,
  listVisibleSupportRequestsPage,
} from "./support-request-scope";

/**
 * A read outside any transaction, with the data version its session's statement saw (the read
 * cache's, see server/read-cache.ts): what it reads of versioned tables may be reused by every read
 * at the same version.
 */
export interface VersionedRead {
  dataVersion: string | null;
}

/** The own pools remembered per database, for the newest data version seen (see {@link ownPoolFor}). */
const ownPools = new WeakMap<Db | Tx, { version: bigint; byOrganization: Map<string, Promise<Array<CandidateMember & { id: string }>>> }>();

/**
 * The caller's administration's active pool as the eligibility rules need it, to count who could
 * be offered for others' requests. With a data version (a read outside a transaction), the pool is
 * read once per administration and version and reused by every read at that version on this
 * server: the pool's tables (members, qualifications, availability, administrations) are versioned,
 * so any change of them — through any server or directly in the database — gives the next request
 * a newer version, which reads afresh. (The largest administrations have 2,000 members: reading
 * and converting them was most of a request page's first read.) Without a version — inside a
 * transaction, whose uncommitted rows must never be remembered — only the members holding a
 * required qualification are read, every time.
 */
async function ownPoolFor(db: Db | Tx, actor: Actor, read: VersionedRead | undefined, holdingAnyOf: string[] | undefined) {
  if (!read?.dataVersion) return unscopedCandidates(db, actor.organizationId, { holdingAnyOf });
  const version = BigInt(read.dataVersion);
  let memo = ownPools.get(db);
  if (!memo || memo.version < version) ownPools.set(db, (memo = { version, byOrganization: new Map() }));
  // A read that saw an older version than the newest one seen reads for itself.
  if (memo.version > version) return unscopedCandidates(db, actor.organizationId, { holdingAnyOf });
  let pool = memo.byOrganization.get(actor.organizationId);
  if (!pool) {
    pool = unscopedCandidates(db, actor.organizationId);
    memo.byOrganization.set(actor.organizationId, pool);
    pool.catch(() => memo!.byOrganization.delete(actor.organizationId));
  }
  return pool;
}

async function present(db: Db | Tx, actor: Actor, rows: RequestRow[], read?: VersionedRead) {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  // Names of what the page refers to (one query each, whatever the page's length).
  const orgs = await db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(inArray(organizations.id, [...new Set(rows.map((r) => r.organizationId))]));
  const orgName = new Map(orgs.map((o) => [o.id, o.name]));
  const departmentIds = [...new Set(rows.flatMap((r) => (r.departmentId ? [r.departmentId] : [])))];
  const deps = departmentIds.length
    ? await db.select({ id: departments.id, name: departments.name }).from(departments).where(inArray(departments.id, departmentIds))
    : [];
  const depName = new Map(deps.map((d) => [d.id, d.name]));
  const crisisIds = [...new Set(rows.flatMap((r) => (r.crisisId ? [r.crisisId] : [])))];
  const crisisRows = crisisIds.length
    ? await db.select({ id: crises.id, name: crises.name }).from(crises).where(inArray(crises.id, crisisIds))
    : [];
  const crisisName = new Map(crisisRows.map((c) => [c.id, c.name]));
  const needs = await db
    .select({ link: supportRequestQualifications, name: qualifications.name })
    .from(supportRequestQualifications)
    .innerJoin(qualifications, eq(qualifications.id, supportRequestQualifications.qualificationId))
    .where(inArray(supportRequestQualifications.requestId, ids));
  const counts = await db
    .select({
      requestId: requestOffers.requestId,
      offered: sql<number>`count(*) filter (where ${inArray(requestOffers.state, [...IN_PLAY_STATES])})::int`,
      filled: sql<number>`count(*) filter (where ${inArray(requestOffers.state, [...FILLING_STATES])})::int`,
    })
    .from(requestOffers)
    .where(inArray(requestOffers.requestId, ids))
    .groupBy(requestOffers.requestId);
  const offered = new Map(counts.map((o) => [o.requestId, o.offered]));
  const filled = new Map(counts.map((o) => [o.requestId, o.filled]));
  const canOffer = supportRequestPolicy.can(actor, "offer");
  // Own members eligible for others' requests: only those holding a required qualification of
  // one of them can be (unless one of them requires none).
  const othersRequired = rows
    .filter((r) => r.organizationId !== actor.organizationId)
    .map((r) => needs.filter((n) => n.link.requestId === r.id && n.link.isRequired).map((n) => n.link.qualificationId));
  const holdingAnyOf = othersRequired.some((q) => q.length === 0) ? undefined : [...new Set(othersRequired.flat())];
  const candidates = canOffer && othersRequired.length > 0 ? await ownPoolFor(db, actor, read, holdingAnyOf) : [];
  const canUpdate = supportRequestPolicy.can(actor, "update");
  return rows.map((r) => {
    const required = needs.filter((n) => n.link.requestId === r.id && n.link.isRequired);
    const isOwn = r.organizationId === actor.organizationId;
    const isOpen = r.status === "open" || r.status === "partly_filled";
    const request: RequestNeeds = { ...r, requiredQualificationIds: required.map((n) => n.link.qualificationId) };
    return {
      id: r.id,
      organization: { id: r.organizationId, name: orgName.get(r.organizationId) ?? "" },
      department: r.departmentId ? { id: r.departmentId, name: depName.get(r.departmentId) ?? "" } : null,
      crisis: r.crisisId ? { id: r.crisisId, name: crisisName.get(r.crisisId) ?? "" } : null,
      title: r.title,
      tasks: r.tasks,
      placeAddress: r.placeAddress,
      placeLat: r.placeLat,
      placeLon: r.placeLon,
      isRemotePossible: r.isRemotePossible,
      headcount: r.headcount,
      startsOn: r.startsOn,
      endsOn: r.endsOn,
      hoursPerWeek: r.hoursPerWeek,
      urgency: r.urgency,
      settlementModel: r.settlementModel,
      contactName: r.contactName,
      contactEmail: r.contactEmail,
      contactPhone: r.contactPhone,
      status: r.status,
      requiredQualifications: required.map((n) => ({ id: n.link.qualificationId, name: n.name })),
      preferredQualifications: needs
        .filter((n) => n.link.requestId === r.id && !n.link.isRequired)
        .map((n) => ({ id: n.link.qualificationId, name: n.name })),
      offered: offered.get(r.id) ?? 0,
      filled: filled.get(r.id) ?? 0,
      isOwn,
      eligibleOwnMembers: canOffer && !isOwn ? candidates.filter((c) => ineligibility(c, request) === null).length : null,
      abilities: {
        update: canUpdate && isOwn && (r.status === "draft" || isOpen),
        /** The statuses `transitionSupportRequest` leads to from here. */
        changeStatusTo: canUpdate && isOwn ? [...(TRANSITIONS[r.status] ?? [])] : [],
        offer: canOffer && !isOwn && isOpen,
        // The requesting HR office may propose eligible people of other administrations (pseudonymised).
        proposeFromRegion: canOffer && isOwn && isOpen,
      },
    };
  });
}

/** Requests the actor may see, a page at a time: crisis first, then urgent, then normal; within that by start date. */
export async function listSupportRequests(db: Db, actor: Actor, filter: PageRequest & { status?: string }, read?: VersionedRead) {
  const page = await listVisibleSupportRequestsPage(db, actor, { ...filter, status: filter.status as RequestRow["status"] | undefined });
  return { items: await present(db, actor, page.rows, read), nextCursor: page.nextCursor };
}

/** One request the actor may see; 404 otherwise (a foreign draft does not exist for the actor). */
export async function getSupportRequest(db: Db | Tx, actor: Actor, id: string, read?: VersionedRead) {
  const row = await getVisibleSupportRequestRow(db, actor, id);
  return (await present(db, actor, [row], read))[0];
}

async function checkReferences(tx: Tx, actor: Actor, input: Partial<z.infer<typeof UpdateRequestBody>>) {
  const fields: FieldProblem[] = [];
  const department = await departmentProblem(tx, actor.organizationId, input.departmentId);
  if (department) fields.push(department);
  const wanted = [...new Set([...(input.requiredQualificationIds ?? []), ...(input.preferredQualificationIds ?? [])])];
  if (wanted.length) {
    const known = await tx
      .select({ id: qualifications.id })
      .from(qualifications)
      .where(and(inArray(qualifications.id, wanted), eq(qualifications.regionId, actor.regionId)));
    if (known.length !== wanted.length)
      fields.push({
        field: "requiredQualificationIds",
        in: "body",
        rule: "unknown_qualification",
        message: { de: "Eine Qualifikation steht nicht im Katalog der Region.", en: "A qualification is not in the region's catalogue." },
      });
  }
  if (input.crisisId) {
    const [crisis] = await tx
      .select()
      .from(crises)
      .where(and(eq(crises.id, input.crisisId), eq(crises.regionId, actor.regionId), isNull(crises.endedAt)));
    if (!crisis)
      fields.push({
        field: "crisisId",
        in: "body",
        rule: "unknown_crisis",
        message: { de: "Diese Krise ist nicht (mehr) ausgerufen.", en: "This crisis is not (or no longer) declared." },
      });
  }
  if (input.urgency === "crisis" && !input.crisisId) {
    fields.push({
      field: "crisisId",
      in: "body",
      rule: "required_for_crisis",
      message: {
        de: "Eine Anfrage der Dringlichkeit „Krise“ gehört zu einer ausgerufenen Krise.",
        en: "A crisis request belongs to a declared crisis.",
      },
    });
  }
  if (fields.length) throw new AppError("validation", { fields });
}

async function writeQualifications(tx: Tx, row: RequestRow, required?: string[], preferred?: string[]) {
  if (!required && !preferred) return;
  await tx.delete(supportRequestQualifications).where(eq(supportRequestQualifications.requestId, row.id));
  const requiredSet = new Set(required ?? []);
  const values = [
    ...[...requiredSet].map((id) => ({ requestId: row.id, qualificationId: id, regionId: row.regionId, isRequired: true })),
    ...[...new Set(preferred ?? [])]
      .filter((id) => !requiredSet.has(id))
      .map((id) => ({ requestId: row.id, qualificationId: id, regionId: row.regionId, isRequired: false })),
  ];
  if (values.length) await tx.insert(supportRequestQualifications).values(values);
}

function requestColumns(input: Partial<z.infer<typeof UpdateRequestBody>>) {
  const { requiredQualificationIds: _r, preferredQualificationIds: _p, ...rest } = input;
  return Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) as Partial<typeof supportRequests.$inferInsert>;
}

/** Posts a request of the actor's administration, as a draft or open at once. */
export async function createSupportRequest(db: Db, actor: Actor, input: z.infer<typeof CreateRequestBody>) {
  return db.transaction(async (tx) => {
    await checkReferences(tx, actor, input);
    const [org] = await tx.select().from(organizations).where(eq(organizations.id, actor.organizationId));
    const [row] = await tx
      .insert(supportRequests)
      .values({
        ...requestColumns(input),
        title: input.title,
        tasks: input.tasks,
        headcount: input.headcount,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        hoursPerWeek: input.hoursPerWeek,
        urgency: input.urgency,
        settlementModel: input.settlementModel,
        contactName: input.contactName,
        contactEmail: input.contactEmail.toLowerCase(),
        placeLat: input.placeLat ?? org.lat,
        placeLon: input.placeLon ?? org.lon,
        regionId: actor.regionId,
        organizationId: actor.organizationId,
        createdBy: actor.accountId,
        status: input.status,
        openedAt: input.status === "open" ? new Date() : null,
      })
      .returning();
    await writeQualifications(tx, row, input.requiredQualificationIds, input.preferredQualificationIds);
    await recordAudit(tx, actor, {
      action: "create",
      entity: "support_request",
      entityId: row.id,
      visibility: input.status === "draft" ? "tenant" : "region",
      after: { title: row.title, status: row.status, urgency: row.urgency, headcount: row.headcount },
    });
    return getSupportRequest(tx, actor, row.id);
  });
}

/** Changes a draft or open request of the actor's administration. */
export async function updateSupportRequest(db: Db, actor: Actor, id: string, input: z.infer<typeof UpdateRequestBody>) {
  return db.transaction(async (tx) => {
    const before = await getOwnSupportRequestForUpdate(tx, actor, id);
    if (!["draft", "open", "partly_filled"].includes(before.status)) {
      throw new AppError("conflict", {
        message: {
          de: "Eine geschlossene oder zurückgezogene Anfrage ändert sich nicht mehr.",
          en: "A closed or cancelled request no longer changes.",
        },
      });
    }
    const merged = { ...before, ...requestColumns(input) };
    if (merged.endsOn < merged.startsOn) {
      throw new AppError("validation", {
        fields: [
          {
            field: "endsOn",
            in: "body",
            rule: "custom",
            message: { de: "Das Ende liegt vor dem Beginn.", en: "The end is before the start." },
          },
        ],
      });
    }
    await checkReferences(tx, actor, {
      ...input,
      urgency: merged.urgency,
      crisisId: input.crisisId === undefined ? merged.crisisId : input.crisisId,
    });
    const [after] = await tx
      .update(supportRequests)
      .set({ ...requestColumns(input), updatedAt: new Date() })
      .where(eq(supportRequests.id, id))
      .returning();
    await writeQualifications(tx, after, input.requiredQualificationIds, input.preferredQualificationIds);
    await recordAudit(tx, actor, {
      action: "update",
      entity: "support_request",
      entityId: id,
      visibility: after.status === "draft" ? "tenant" : "region",
      before: { title: before.title, headcount: before.headcount },
      after: { title: after.title, headcount: after.headcount },
    });
    return getSupportRequest(tx, actor, id);
  });
}

const TRANSITIONS: Partial<Record<RequestRow["status"], ReadonlyArray<"open" | "closed" | "cancelled">>> = {
  draft: ["open", "cancelled"],
  open: ["closed", "cancelled"],
  partly_filled: ["closed", "cancelled"],
  filled: ["closed"],
};

/** Opens, closes or withdraws a request of the actor's administration. */
export async function transitionSupportRequest(db: Db, actor: Actor, id: string, status: "open" | "closed" | "cancelled") {
  return db.transaction(async (tx) => {
    const before = await getOwnSupportRequestForUpdate(tx, actor, id);
    if (!(TRANSITIONS[before.status] ?? []).includes(status)) {
      throw new AppError("conflict", {
        fields: [
          {
            field: "status",
            in: "body",
            rule: "transition",
            message: {
              de: `Von „${before.status}“ geht es nicht nach „${status}“.`,
              en: `A request cannot go from "${before.status}" to "${status}".`,
            },
          },
        ],
      });
    }
    await tx
      .update(supportRequests)
      .set({ status, openedAt: status === "open" ? new Date() : before.openedAt, updatedAt: new Date() })
      .where(eq(supportRequests.id, id));
    await recordAudit(tx, actor, {
      action: "update",
      entity: "support_request",
      entityId: id,
      visibility: "region",
      before: { status: before.status },
      after: { status },
    });
    return getSupportRequest(tx, actor, id);
  });
}
