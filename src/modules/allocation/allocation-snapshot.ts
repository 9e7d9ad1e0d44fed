/**
 * The input of an allocation run: the region's pool, requests and caps read into a pseudonymised
 * snapshot (docs/ALLOCATION.md › Snapshot format), and the eligible pairs computed from it.
 *
 * Two halves, so that the server's event loop only waits for the database:
 * - {@link readSnapshotRows} (main thread) reads the rows; PostgreSQL hands each table over as
 *   one JSON text, which the main thread neither parses nor copies field by field;
 * - {@link buildSnapshot} (the allocation worker, solver-worker.ts) parses them, groups them,
 *   pseudonymises the members and computes the eligible pairs.
 */
import { groupBy } from "../../kernel/group-by";
import { sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { distanceKm, ineligibility, type RequestNeeds } from "../../domain/allocation/eligibility";
import { BLOCKING_STATES } from "../../domain/secondment/workflow";
import type { Actor } from "../../kernel/actor";
import { departments, organizations } from "../organizations";
import { qualifications, unscopedSnapshotPoolSql } from "../pool";
import { supportRequestQualifications } from "../support-requests";
import { departmentCaps, secondmentSettings } from "../secondments";
import { SNAPSHOT_FORMAT, type AllocationSnapshot } from "./allocation-format";
import { unscopedOpenRequestsSql } from "../support-requests";
import { unscopedInPlaySql, unscopedBlockingSql } from "../secondments";

const BLOCKING = [...BLOCKING_STATES];

/** What a run covers: all open requests of the region, those of one crisis, or a list. */
export interface RunScope {
  crisisId: string | null;
  requestIds: string[] | null;
}

/**
 * The rows a snapshot is built from, each table as the JSON text of an array of rows (keys as in
 * {@link ParsedRows}). Strings cross to the worker as one copy, without a structured clone of
 * thousands of objects.
 */
export interface SnapshotRows {
  scope: RunScope;
  requests: string;
  needs: string;
  inPlay: string;
  members: string;
  held: string;
  windows: string;
  blocking: string;
  organizations: string;
  departments: string;
  departmentCaps: string;
  organizationCaps: string;
  catalogue: string;
}

/** The rows as the worker parses them. */
interface ParsedRows {
  requests: Array<{
    id: string;
    organizationId: string;
    title: string;
    urgency: "crisis" | "urgent" | "normal";
    headcount: number;
    startsOn: string;
    endsOn: string;
    hoursPerWeek: number;
    placeLat: number;
    placeLon: number;
    isRemotePossible: boolean;
  }>;
  needs: Array<{ requestId: string; qualificationId: string; isRequired: boolean }>;
  inPlay: Array<{ requestId: string; memberId: string }>;
  members: Array<{ id: string; organizationId: string; departmentId: string | null; travelRadiusKm: number; canWorkRemotely: boolean }>;
  held: Array<{ memberId: string; qualificationId: string; validUntil: string | null; isConfirmed: boolean }>;
  windows: Array<{ memberId: string; startsOn: string; endsOn: string; hoursPerWeek: number }>;
  blocking: Array<{ memberId: string; organizationId: string; startsOn: string; endsOn: string }>;
  organizations: Array<{ id: string; name: string; lat: number; lon: number }>;
  departments: Array<{ id: string; organizationId: string; name: string }>;
  departmentCaps: Array<{ departmentId: string; maxLent: number }>;
  organizationCaps: Array<{ organizationId: string; maxLentTotal: number | null }>;
  catalogue: Array<{ id: string; name: string }>;
}

/** The rows of a query as one JSON text, built by the database; `order` over the row `t` where it matters. */
async function jsonRows(tx: Tx, query: SQL, order?: SQL): Promise<string> {
  const { rows } = await tx.execute(
    sql`SELECT coalesce(json_agg(t${order ? sql` ORDER BY ${order}` : sql``}), '[]')::text AS rows FROM (${query}) t`,
  );
  return rows[0].rows as string;
}

/**
 * Reads everything a run needs from the database, in one read-only transaction that sees one
 * state of the region (repeatable read). Main thread: I/O only.
 */
export async function readSnapshotRows(db: Db, actor: Actor, scope: RunScope): Promise<SnapshotRows> {
  return db.transaction(
    async (tx) => {
      const region = actor.regionId;
      const openRequests = unscopedOpenRequestsSql(region, scope);
      const inScope = openRequests.ids;
      const pool = unscopedSnapshotPoolSql(region);
      return {
        scope,
        requests: await jsonRows(tx, openRequests.rows, sql`t."openedAt", t."createdAt"`),
        needs: await jsonRows(
          tx,
          sql`SELECT ${supportRequestQualifications.requestId} AS "requestId", ${supportRequestQualifications.qualificationId} AS "qualificationId",
                ${supportRequestQualifications.isRequired} AS "isRequired"
              FROM ${supportRequestQualifications} WHERE ${supportRequestQualifications.requestId} IN (${inScope})`,
        ),
        inPlay: await jsonRows(tx, unscopedInPlaySql(inScope)),
        members: await jsonRows(tx, pool.members),
        held: await jsonRows(tx, pool.held),
        windows: await jsonRows(tx, pool.windows),
        blocking: await jsonRows(tx, unscopedBlockingSql(region)),
        organizations: await jsonRows(
          tx,
          sql`SELECT ${organizations.id} AS "id", ${organizations.name} AS "name", ${organizations.lat} AS "lat", ${organizations.lon} AS "lon"
              FROM ${organizations} WHERE ${organizations.regionId} = ${region}`,
          sql`t."name"`,
        ),
        departments: await jsonRows(
          tx,
          sql`SELECT ${departments.id} AS "id", ${departments.organizationId} AS "organizationId", ${departments.name} AS "name"
              FROM ${departments} WHERE ${departments.regionId} = ${region}`,
          sql`t."name"`,
        ),
        departmentCaps: await jsonRows(
          tx,
          sql`SELECT ${departmentCaps.departmentId} AS "departmentId", ${departmentCaps.maxLent} AS "maxLent"
              FROM ${departmentCaps} WHERE ${departmentCaps.regionId} = ${region}`,
        ),
        organizationCaps: await jsonRows(
          tx,
          sql`SELECT ${secondmentSettings.organizationId} AS "organizationId", ${secondmentSettings.maxLentTotal} AS "maxLentTotal"
              FROM ${secondmentSettings} WHERE ${secondmentSettings.regionId} = ${region}`,
        ),
        catalogue: await jsonRows(
          tx,
          sql`SELECT ${qualifications.id} AS "id", ${qualifications.name} AS "name" FROM ${qualifications}
              WHERE ${qualifications.regionId} = ${region}`,
        ),
      };
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}

/** Peak number of overlapping periods on any day of [from, to]. */
function peak(periods: Array<{ startsOn: string; endsOn: string }>, from: string, to: string) {
  const inside = periods.filter((p) => p.startsOn <= to && p.endsOn >= from);
  const points = [from, ...inside.map((p) => p.startsOn).filter((d) => d > from)];
  return Math.max(0, ...points.map((d) => inside.filter((p) => p.startsOn <= d && p.endsOn >= d).length));
}

/**
 * Builds the pseudonymised snapshot and its eligible pairs from the rows (pure; runs in the
 * allocation worker), and apart from it which pool member each pseudonym stands for.
 */
export function buildSnapshot(rows: SnapshotRows, createdAt: string): { snapshot: AllocationSnapshot; memberIds: Record<string, string> } {
  const p = Object.fromEntries(
    Object.entries(rows).map(([k, v]) => [k, typeof v === "string" ? JSON.parse(v) : v]),
  ) as unknown as ParsedRows;
  const requestRows = p.requests;
  const heldBy = groupBy(p.held, (h) => h.memberId);
  const windowsOf = groupBy(p.windows, (w) => w.memberId);
  const blockingOf = groupBy(p.blocking, (b) => b.memberId);
  const needsOf = groupBy(p.needs, (n) => n.requestId);
  const inPlayOf = groupBy(p.inPlay, (i) => i.requestId);
  const departmentOf = new Map(p.members.map((m) => [m.id, m.departmentId]));
  const depCaps = new Map(p.departmentCaps.map((c) => [c.departmentId, c.maxLent]));
  const orgCaps = new Map(p.organizationCaps.map((s) => [s.organizationId, s.maxLentTotal]));

  const horizon = requestRows.length
    ? {
        startsOn: requestRows.reduce((min, r) => (r.startsOn < min ? r.startsOn : min), requestRows[0].startsOn),
        endsOn: requestRows.reduce((max, r) => (r.endsOn > max ? r.endsOn : max), requestRows[0].endsOn),
      }
    : null;
  const lentPeak = (filter: (b: ParsedRows["blocking"][number]) => boolean) =>
    horizon ? peak(p.blocking.filter(filter), horizon.startsOn, horizon.endsOn) : 0;
  const memberDepartment = new Map(p.blocking.map((b) => [b.memberId, departmentOf.get(b.memberId) ?? null]));

  // Pseudonyms in a shuffled order, so that they reveal nothing about the order of entry.
  const keyed = p.members.map((m) => ({ m, key: hashOf(m.id) }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const shuffled = keyed.map((k) => k.m);
  const pseudonymOf = new Map(shuffled.map((c, i) => [c.id, `P-${String(i + 1).padStart(4, "0")}`]));
  const members = shuffled.map((c) => ({
    pseudonym: pseudonymOf.get(c.id)!,
    administration: c.organizationId,
    department: c.departmentId,
    qualifications: (heldBy.get(c.id) ?? []).filter((q) => q.isConfirmed).map((q) => ({ id: q.qualificationId, validUntil: q.validUntil })),
    availability: (windowsOf.get(c.id) ?? []).map((w) => ({ startsOn: w.startsOn, endsOn: w.endsOn, hoursPerWeek: w.hoursPerWeek })),
    travelRadiusKm: c.travelRadiusKm,
    canWorkRemotely: c.canWorkRemotely,
    blocked: (blockingOf.get(c.id) ?? []).map((b) => ({ startsOn: b.startsOn, endsOn: b.endsOn })),
  }));
  const poolSize = new Map<string, number>();
  for (const c of p.members) poolSize.set(c.organizationId, (poolSize.get(c.organizationId) ?? 0) + 1);

  const snapshot: AllocationSnapshot = {
    format: SNAPSHOT_FORMAT,
    createdAt,
    scope: { crisisId: rows.scope.crisisId, requestIds: requestRows.map((r) => r.id) },
    horizon,
    qualifications: p.catalogue,
    administrations: p.organizations.map((o) => {
      const cap = orgCaps.get(o.id) ?? null;
      return {
        id: o.id,
        name: o.name,
        lat: o.lat,
        lon: o.lon,
        poolSize: poolSize.get(o.id) ?? 0,
        cap: cap === null ? null : Math.max(0, cap - lentPeak((b) => b.organizationId === o.id)),
      };
    }),
    departments: p.departments.map((d) => {
      const cap = depCaps.get(d.id);
      return {
        id: d.id,
        administration: d.organizationId,
        name: d.name,
        cap: cap === undefined ? null : Math.max(0, cap - lentPeak((b) => memberDepartment.get(b.memberId) === d.id)),
      };
    }),
    members,
    requests: requestRows
      .map((r) => {
        const proposed = inPlayOf.get(r.id) ?? [];
        const needs = needsOf.get(r.id) ?? [];
        return {
          id: r.id,
          administration: r.organizationId,
          title: r.title,
          urgency: r.urgency,
          open: Math.max(0, r.headcount - proposed.length),
          startsOn: r.startsOn,
          endsOn: r.endsOn,
          hoursPerWeek: r.hoursPerWeek,
          placeLat: r.placeLat,
          placeLon: r.placeLon,
          isRemotePossible: r.isRemotePossible,
          required: needs.filter((n) => n.isRequired).map((n) => n.qualificationId),
          preferred: needs.filter((n) => !n.isRequired).map((n) => n.qualificationId),
          alreadyProposed: proposed.map((x) => pseudonymOf.get(x.memberId)).filter((x): x is string => !!x),
        };
      })
      .filter((r) => r.open > 0),
    pairs: [],
  };
  snapshot.pairs = eligiblePairs(snapshot);
  const memberIds = Object.fromEntries(p.members.map((c) => [pseudonymOf.get(c.id)!, c.id]));
  return { snapshot, memberIds };
}

function hashOf(id: string) {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return (h >>> 0).toString(16).padStart(8, "0") + id;
}

export const asCandidate = (m: AllocationSnapshot["members"][number], home: { lat: number; lon: number }) => ({
  organizationId: m.administration,
  isActive: true,
  homeLat: home.lat,
  homeLon: home.lon,
  travelRadiusKm: m.travelRadiusKm,
  canWorkRemotely: m.canWorkRemotely,
  qualifications: m.qualifications.map((q) => ({ qualificationId: q.id, validUntil: q.validUntil, isConfirmed: true })),
  availability: m.availability,
});
export const asNeeds = (r: AllocationSnapshot["requests"][number]): RequestNeeds => ({
  organizationId: r.administration,
  placeLat: r.placeLat,
  placeLon: r.placeLon,
  isRemotePossible: r.isRemotePossible,
  startsOn: r.startsOn,
  endsOn: r.endsOn,
  hoursPerWeek: r.hoursPerWeek,
  requiredQualificationIds: r.required,
});
export const overlaps = (blocked: Array<{ startsOn: string; endsOn: string }>, from: string, to: string) =>
  blocked.some((b) => b.startsOn <= to && b.endsOn >= from);

/** Each member as a candidate of eligibility.ts (home point of its administration). */
export function snapshotCandidates(snapshot: AllocationSnapshot) {
  const homes = new Map(snapshot.administrations.map((a) => [a.id, a]));
  return snapshot.members.map((m) => asCandidate(m, homes.get(m.administration)!));
}

/** The eligible pairs of a snapshot (the rules of eligibility.ts plus blocking secondments and earlier proposals). */
export function eligiblePairs(snapshot: AllocationSnapshot): AllocationSnapshot["pairs"] {
  const pairs: AllocationSnapshot["pairs"] = [];
  const candidates = snapshotCandidates(snapshot);
  snapshot.requests.forEach((r, ri) => {
    const needs = asNeeds(r);
    const proposed = new Set(r.alreadyProposed);
    snapshot.members.forEach((m, mi) => {
      const c = candidates[mi];
      if (proposed.has(m.pseudonym) || ineligibility(c, needs) !== null || overlaps(m.blocked, r.startsOn, r.endsOn)) return;
      const held = new Set(m.qualifications.filter((q) => q.validUntil === null || q.validUntil >= r.endsOn).map((q) => q.id));
      pairs.push([
        mi,
        ri,
        Math.round(1000 * distanceKm(c.homeLat, c.homeLon, r.placeLat, r.placeLon)),
        r.preferred.filter((q) => held.has(q)).length,
      ]);
    });
  });
  return pairs;
}
