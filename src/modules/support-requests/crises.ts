import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { afterCursor, cursorColumn, orderBy, pageOf, type PageRequest, type SortKey } from "../../kernel/paging";
import { AppError } from "../../kernel/problems";
import { recordAudit } from "../audit";
import type { Actor } from "../../kernel/actor";
import { unscopedActiveHolders } from "../identity";
import { germanDate } from "../../kernel/dates";
import { enqueueMail } from "../notifications";
import { organizations } from "../organizations";
import { crises, requestOffers } from "./support-requests.tables";
import { FILLING_STATES, IN_PLAY_STATES } from "../../domain/secondment/workflow";
import { listVisibleSupportRequests } from "./support-request-scope";

type CrisisRow = typeof crises.$inferSelect;

function present(c: CrisisRow) {
  return {
    id: c.id,
    name: c.name,
    description: c.description,
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    declaredAt: c.declaredAt.toISOString(),
    isActive: c.endedAt === null,
  };
}

/** The order of the crisis list: active first, then newest first, then id. */
const CRISIS_ORDER: SortKey[] = [
  { sql: sql`(${crises.endedAt} is null)`, type: "boolean", desc: true },
  { sql: crises.declaredAt, type: "timestamp", desc: true },
  { sql: crises.id, type: "uuid", desc: true },
];

/** The region's crises, active first, newest first, a page at a time. */
export async function listCrises(db: Db, actor: Actor, page: PageRequest) {
  const rows = await db
    .select({ c: crises, cursor: cursorColumn(CRISIS_ORDER) })
    .from(crises)
    .where(and(eq(crises.regionId, actor.regionId), afterCursor(CRISIS_ORDER, page.cursor)))
    .orderBy(...orderBy(CRISIS_ORDER))
    .limit(page.limit + 1);
  const { rows: shown, nextCursor } = pageOf(rows, page.limit);
  return { items: shown.map((r) => present(r.c)), nextCursor };
}

/**
 * The coordination office declares a crisis. Every HR office of the region is told by e-mail,
 * written to the outbox in the same transaction, so that no notice is lost.
 */
export async function declareCrisis(
  db: Db,
  actor: Actor,
  input: { name: string; description: string; startsOn: string; endsOn?: string | null },
  baseUrl: string,
) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(crises)
      .values({
        regionId: actor.regionId,
        name: input.name,
        description: input.description,
        startsOn: input.startsOn,
        endsOn: input.endsOn ?? null,
        declaredBy: actor.accountId,
      })
      .returning();
    const hrOffices = await unscopedActiveHolders(tx, "org_admin", { regionId: actor.regionId });
    const link = `${baseUrl.replace(/\/$/, "")}/krisen/${row.id}`;
    for (const hr of hrOffices) {
      await enqueueMail(tx, {
        regionId: actor.regionId,
        organizationId: hr.organizationId,
        to: hr.login,
        subject: `Krise ausgerufen: ${row.name}`,
        text:
          `Guten Tag ${hr.displayName},\n\n` +
          `die Koordinierungsstelle der Region hat eine Krise ausgerufen: ${row.name} (ab ${germanDate(row.startsOn)}).\n\n` +
          `${row.description}\n\n` +
          `Krisenanfragen stehen ab jetzt in allen Listen oben. Bitte prüfen Sie, wen Ihr Unterstützungspool anbieten kann:\n${link}\n\n` +
          `Diese Nachricht wurde von Verbund verschickt.`,
      });
    }
    await recordAudit(tx, actor, {
      action: "create",
      entity: "crisis",
      entityId: row.id,
      visibility: "region",
      after: { name: row.name, startsOn: row.startsOn },
    });
    return { ...present(row), notified: hrOffices.length };
  });
}

/** Ends a crisis; its requests stay, but new crisis requests need another declaration. */
export async function endCrisis(db: Db, actor: Actor, id: string) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(crises)
      .set({ endedAt: new Date() })
      .where(and(eq(crises.id, id), eq(crises.regionId, actor.regionId), isNull(crises.endedAt)))
      .returning();
    if (!row) throw new AppError("not_found");
    await recordAudit(tx, actor, {
      action: "update",
      entity: "crisis",
      entityId: id,
      visibility: "region",
      after: { endedAt: row.endedAt },
    });
    return present(row);
  });
}

/** Offers per request and lender: people in play, and those agreed or later (filling a slot). */
async function offersOf(db: Db, requestIds: string[]) {
  if (requestIds.length === 0) return [];
  return db
    .select({
      requestId: requestOffers.requestId,
      lender: requestOffers.lenderOrganizationId,
      n: sql<number>`count(*) filter (where ${inArray(requestOffers.state, [...IN_PLAY_STATES])})::int`,
      filled: sql<number>`count(*) filter (where ${inArray(requestOffers.state, [...FILLING_STATES])})::int`,
    })
    .from(requestOffers)
    .where(inArray(requestOffers.requestId, requestIds))
    .groupBy(requestOffers.requestId, requestOffers.lenderOrganizationId);
}

/** A request's people offered (in play) and filling a slot, from {@link offersOf}. */
function fillOf(requestId: string, offers: Awaited<ReturnType<typeof offersOf>>) {
  const own = offers.filter((o) => o.requestId === requestId);
  return { offered: own.reduce((s, o) => s + o.n, 0), filled: own.reduce((s, o) => s + o.filled, 0) };
}

/** A crisis in figures: requests, people asked for, offered (at most the headcount of each request) and the fill rate. */
function totalsOf(requests: Array<{ headcount: number; offered: number }>) {
  const headcount = requests.reduce((s, r) => s + r.headcount, 0);
  const offered = requests.reduce((s, r) => s + Math.min(r.offered, r.headcount), 0);
  return { requests: requests.length, headcount, offered, fillRate: headcount ? offered / headcount : 0 };
}

/**
 * The region's active crises as the start page sums them up (the board's totals, and how many
 * slots are filled by agreed secondments) — three statements, whatever the number of crises.
 */
export async function summarizeActiveCrises(db: Db, actor: Actor) {
  const active = await db
    .select()
    .from(crises)
    .where(and(eq(crises.regionId, actor.regionId), isNull(crises.endedAt)))
    .orderBy(desc(crises.declaredAt), crises.id);
  const requests = active.length
    ? await listVisibleSupportRequests(db, actor, {
        crisisIds: active.map((c) => c.id),
        statuses: ["open", "partly_filled", "filled", "closed"],
      })
    : [];
  const offers = await offersOf(
    db,
    requests.map((r) => r.id),
  );
  return active.map((c) => {
    const own = requests.filter((r) => r.crisisId === c.id).map((r) => ({ headcount: r.headcount, ...fillOf(r.id, offers) }));
    return {
      crisis: present(c),
      totals: totalsOf(own),
      filled: own.reduce((s, r) => s + Math.min(r.filled, r.headcount), 0),
    };
  });
}

/**
 * The crisis board: per request the headcount and how many people lenders have offered; per
 * administration what it asked for and what it offered. No names.
 */
export async function getCrisisBoard(db: Db, actor: Actor, id: string) {
  const [crisis] = await db
    .select()
    .from(crises)
    .where(and(eq(crises.id, id), eq(crises.regionId, actor.regionId)));
  if (!crisis) throw new AppError("not_found");
  const requests = await listVisibleSupportRequests(db, actor, { crisisId: id, statuses: ["open", "partly_filled", "filled", "closed"] });
  const orgs = await db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(eq(organizations.regionId, actor.regionId));
  const orgName = new Map(orgs.map((o) => [o.id, o.name]));
  const offers = await offersOf(
    db,
    requests.map((r) => r.id),
  );
  const perRequest = requests.map((r) => {
    const { offered, filled } = fillOf(r.id, offers);
    return {
      id: r.id,
      title: r.title,
      organization: orgName.get(r.organizationId) ?? "",
      headcount: r.headcount,
      offered,
      filled,
      fillRate: Math.min(1, offered / r.headcount),
    };
  });
  const perOrganization = orgs
    .map((o) => ({
      organizationId: o.id,
      name: o.name,
      requested: requests.filter((r) => r.organizationId === o.id).reduce((s, r) => s + r.headcount, 0),
      offered: offers.filter((x) => x.lender === o.id).reduce((s, x) => s + x.n, 0),
      lent: offers.filter((x) => x.lender === o.id).reduce((s, x) => s + x.filled, 0),
    }))
    .filter((o) => o.requested > 0 || o.offered > 0)
    .sort((a, b) => new Intl.Collator("de").compare(a.name, b.name));
  return {
    crisis: present(crisis),
    totals: totalsOf(perRequest),
    requests: perRequest,
    organizations: perOrganization,
  };
}
