/**
 * A large support pool in the real Region Hannover, written into a database with a fixed seed:
 * pool members of the 22 administrations in proportion to population, with confirmed
 * qualifications (common ones often, scarce ones rarely), an availability window, travel radius
 * and remote work; open support requests with required and preferred qualifications. With the
 * defaults an allocation run of the whole region has about 67,000 eligible pairs (the size at
 * which issue #13 measured the server stalling). Used by bench/responsiveness.ts.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../src/db/client";
import { CONSENT_VERSION } from "../src/modules/pool/consent";
import { random } from "../test/allocation-instances";

/** Options of {@link seedLargeRegion}. */
export interface LargeRegionOptions {
  /** Pool members (default 2,000). */
  members?: number;
  /** Open support requests (default 250). */
  requests?: number;
  seed?: number;
  /** The day the requests are planned from (default: today). */
  today?: Date;
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000);

/** Inserts in chunks: PostgreSQL takes at most 65,535 parameters per statement. */
export async function insertRows(db: Db, table: string, columns: string[], rows: unknown[][]) {
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000);
    const values = sql.join(
      chunk.map(
        (row) =>
          sql`(${sql.join(
            row.map((v) => sql`${v}`),
            sql`, `,
          )})`,
      ),
      sql`, `,
    );
    await db.execute(sql`INSERT INTO ${sql.identifier(table)} (${sql.raw(columns.join(", "))}) VALUES ${values}`);
  }
}

/** Seeds the pool and the open requests into the region of the reference data (after seedReferenceData). */
export async function seedLargeRegion(db: Db, options: LargeRegionOptions = {}) {
  const { members: M = 2_000, requests: R = 250, seed = 13, today = new Date() } = options;
  const rnd = random(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const orgs = (await db.execute(sql`SELECT id, region_id, kind, population FROM organizations ORDER BY ags`)).rows as Array<{
    id: string;
    region_id: string;
    kind: string;
    population: number;
  }>;
  const deps = (await db.execute(sql`SELECT id, organization_id FROM departments`)).rows as Array<{ id: string; organization_id: string }>;
  const catalogue = (await db.execute(sql`SELECT id FROM qualifications ORDER BY key`)).rows.map((q) => q.id as string);
  const regionId = orgs[0].region_id;
  // Share of the pool holding each qualification: a few common ones, many scarce ones.
  const share = catalogue.map((_, i) => 0.5 / (1 + i * 0.35));
  const weight = orgs.map((o) => (o.kind === "region" ? 150_000 : o.population));
  const total = weight.reduce((s, w) => s + w, 0);

  const memberRows: unknown[][] = [];
  const heldRows: unknown[][] = [];
  const windowRows: unknown[][] = [];
  for (let m = 0; m < M; m++) {
    let x = rnd() * total;
    let o = 0;
    while (x >= weight[o]) x -= weight[o++];
    const org = orgs[o];
    const own = deps.filter((d) => d.organization_id === org.id);
    const id = crypto.randomUUID();
    memberRows.push([
      id,
      regionId,
      org.id,
      pick(own).id,
      `Poolmitglied ${m + 1}`,
      `poolmitglied.${m + 1}@bench.example`,
      "Sachbearbeitung",
      "employee",
      "E 9a",
      pick([10, 15, 20, 25, 30, 40, 50]),
      rnd() < 0.3,
      CONSENT_VERSION,
      addDays(today, -30).toISOString(),
    ]);
    const held = catalogue.filter((_, i) => rnd() < share[i]);
    if (held.length === 0) held.push(catalogue[0]);
    for (const q of held)
      heldRows.push([id, q, regionId, org.id, rnd() < 0.1 ? iso(addDays(today, 400)) : null, addDays(today, -10).toISOString()]);
    const start = addDays(today, Math.floor(rnd() * 20) - 10);
    windowRows.push([
      crypto.randomUUID(),
      id,
      regionId,
      org.id,
      iso(start),
      iso(addDays(start, 90 + Math.floor(rnd() * 200))),
      pick([15, 20, 20, 25, 30, 39]),
    ]);
  }
  await insertRows(
    db,
    "pool_members",
    [
      "id",
      "region_id",
      "organization_id",
      "department_id",
      "name",
      "work_email",
      "job_title",
      "employment_status",
      "pay_group",
      "travel_radius_km",
      "can_work_remotely",
      "consent_version",
      "consented_at",
    ],
    memberRows,
  );
  await insertRows(
    db,
    "pool_member_qualifications",
    ["member_id", "qualification_id", "region_id", "organization_id", "valid_until", "confirmed_at"],
    heldRows,
  );
  await insertRows(
    db,
    "availability_windows",
    ["id", "member_id", "region_id", "organization_id", "starts_on", "ends_on", "hours_per_week"],
    windowRows,
  );

  const requestRows: unknown[][] = [];
  const needRows: unknown[][] = [];
  const orgPlace = (await db.execute(sql`SELECT id, lat, lon FROM organizations`)).rows as Array<{ id: string; lat: number; lon: number }>;
  for (let r = 0; r < R; r++) {
    const u = rnd();
    const urgency = u < 0.34 ? "crisis" : u < 0.67 ? "urgent" : "normal";
    const org = urgency === "crisis" && rnd() < 0.5 ? orgs.find((o) => o.kind === "region")! : pick(orgs);
    const place = orgPlace.find((p) => p.id === org.id)!;
    const id = crypto.randomUUID();
    const starts = 3 + Math.floor(rnd() * 30);
    requestRows.push([
      id,
      regionId,
      org.id,
      `Unterstützung ${r + 1}`,
      "Aufgaben laut Anfrage",
      place.lat,
      place.lon,
      rnd() < 0.2,
      1 + Math.floor(rnd() * 12),
      iso(addDays(today, starts)),
      iso(addDays(today, starts + 14 + Math.floor(rnd() * 60))),
      pick([10, 15, 20]),
      urgency,
      "reimbursement",
      "Kontakt",
      "kontakt@bench.example",
      "open",
      today.toISOString(),
    ]);
    // Mostly common qualifications are required, sometimes a scarce one.
    const required = catalogue[Math.floor(rnd() ** 2 * catalogue.length)];
    needRows.push([id, required, regionId, true]);
    const preferred = pick(catalogue);
    if (preferred !== required) needRows.push([id, preferred, regionId, false]);
  }
  await insertRows(
    db,
    "support_requests",
    [
      "id",
      "region_id",
      "organization_id",
      "title",
      "tasks",
      "place_lat",
      "place_lon",
      "is_remote_possible",
      "headcount",
      "starts_on",
      "ends_on",
      "hours_per_week",
      "urgency",
      "settlement_model",
      "contact_name",
      "contact_email",
      "status",
      "opened_at",
    ],
    requestRows,
  );
  await insertRows(db, "support_request_qualifications", ["request_id", "qualification_id", "region_id", "is_required"], needRows);
  return { members: M, requests: R };
}
