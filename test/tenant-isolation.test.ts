/**
 * Tenant isolation, generated from the running app: every registered API route is tried as every
 * role of administrations that are not a party (Garbsen's accounts, the Region's coordination and
 * HR office, anonymous) against the `tenant` and `party` objects of Wunstorf. A new route is
 * covered without editing this file; a route without a policy cannot even be registered.
 *
 * Leak = a foreign object answers differently from a non-existent one, a 2xx on a foreign id,
 * any value of Wunstorf's private rows appearing in any answer, or any change to those rows.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { getTableConfig, type PgTable } from "drizzle-orm/pg-core";
import { z } from "zod";
import * as schema from "../src/db/schema";
import { listPrivateRowConditions, listVisibilities } from "../src/db/visibility";
import { ROLES, type Role } from "../src/kernel/roles";
import { buildApp } from "../src/server/app";
import { loadConfig } from "../src/config";
import { buildTestApp, type Client, type TestApp } from "./app";
import { CONSENT_VERSION } from "../src/modules/pool/consent";
import { createAdministrator } from "../src/cli/create-admin";
import { standardsFixture } from "./standards-fixture";

/** Tables without an owning administration; no route may read them at all. */
const UNOWNED_TABLES = new Set(["login_attempts", "login_locks", "regions"]);
const NONEXISTENT = "00000000-0000-4000-8000-00000000abcd";

let t: TestApp;
let wunstorfId: string;
let actors: Array<{ name: string; client: () => Promise<Client> }>;
const canaries = new Set<string>();
const foreignIds: string[] = [];

const tables = (Object.values(schema) as unknown[]).filter(
  (v): v is PgTable => typeof v === "object" && v !== null && Symbol.for("drizzle:IsDrizzleTable") in v,
);

async function rowsOf(table: string, where = sql``) {
  const { rows } = await t.database.db.execute(sql`SELECT * FROM ${sql.identifier(table)} ${where}`);
  return rows as Array<Record<string, unknown>>;
}

async function privateSnapshot() {
  const out: Record<string, unknown> = {};
  for (const [table, visibility] of listVisibilities()) {
    if ((visibility === "tenant" || visibility === "party") && !UNOWNED_TABLES.has(table) && table !== "audit_events") {
      out[table] = await rowsOf(table, sql`WHERE organization_id = ${wunstorfId} ORDER BY 1`);
    }
  }
  return JSON.stringify(out);
}

beforeAll(async () => {
  t = await buildTestApp();
  const orgs = (await t.anonymous().request({ method: "GET", url: "/api/v1/organizations" })).json().items as Array<{
    id: string;
    name: string;
  }>;
  wunstorfId = orgs.find((o) => o.name === "Wunstorf")!.id;

  // Wunstorf's private data: sessions, audit entries, a new account.
  const hr = await t.signIn("personal@wunstorf.demo");
  await t.signIn("mitarbeiterin@wunstorf.demo");
  await hr.request({
    method: "POST",
    url: "/api/v1/accounts",
    payload: {
      login: "kanarienvogel@wunstorf.demo",
      displayName: "Kanarienvogel Geheim",
      roles: ["employee"],
      initialPassword: "kanarienvogel-2026",
    },
  });

  // An API key of Wunstorf: only Wunstorf's HR office and controlling list and revoke it.
  const apiKey = await hr.request({ method: "POST", url: "/api/v1/api-keys", payload: { name: "Kanarienvogel-Fachverfahren" } });
  expect(apiKey.statusCode, apiKey.body).toBe(201);
  const catalogue = (await hr.request({ method: "GET", url: "/api/v1/qualifications" })).json().items as Array<{ id: string }>;
  const pool = await hr.request({
    method: "POST",
    url: "/api/v1/pool-members",
    payload: {
      hasConsent: true,
      consentVersion: CONSENT_VERSION,
      name: "Kanarienvogel Poolmitglied",
      workEmail: "kanarienvogel.pool@wunstorf.demo",
      phone: "05031 999-111",
      jobTitle: "Geheime Tätigkeit",
      employmentStatus: "civil_servant",
      payGroup: "A 11",
      qualifications: [{ qualificationId: catalogue[0].id }],
      availability: [{ startsOn: "2026-12-01", endsOn: "2027-06-30", hoursPerWeek: 39 }],
    },
  });
  expect(pool.statusCode, pool.body).toBe(201);
  const draft = await hr.request({
    method: "POST",
    url: "/api/v1/support-requests",
    payload: {
      title: "Kanarienvogel Entwurfsanfrage",
      tasks: "Geheimer Entwurf",
      headcount: 2,
      startsOn: "2026-12-07",
      endsOn: "2027-01-31",
      hoursPerWeek: 20,
      urgency: "normal",
      settlementModel: "reciprocity",
      contactName: "Sabine Köhler",
      contactEmail: "personal@wunstorf.demo",
      status: "draft",
    },
  });
  expect(draft.statusCode, draft.body).toBe(201);

  // A secondment of that member to a third administration (Neustadt a. Rbge.): `party` data of
  // Wunstorf and Neustadt only — neither Garbsen nor the Region may see it.
  await createAdministrator(t.database.db, {
    ags: "03241012",
    login: "personal@neustadt.test",
    displayName: "Personalamt Neustadt",
    password: "neustadt-test-2026",
    roles: ["org_admin"],
  });
  const neustadt = await t.signIn("personal@neustadt.test", "neustadt-test-2026");
  const open = await neustadt.request({
    method: "POST",
    url: "/api/v1/support-requests",
    payload: {
      title: "Unterstützung Bürgerbüro Neustadt",
      tasks: "Anträge aufnehmen",
      headcount: 1,
      startsOn: "2027-01-04",
      endsOn: "2027-02-26",
      hoursPerWeek: 20,
      urgency: "normal",
      settlementModel: "reciprocity",
      contactName: "Personalamt Neustadt",
      contactEmail: "personal@neustadt.test",
      requiredQualificationIds: [catalogue[0].id],
      status: "open",
    },
  });
  expect(open.statusCode, open.body).toBe(201);
  const offer = await hr.request({
    method: "POST",
    url: `/api/v1/support-requests/${open.json().id}/offers`,
    payload: { memberId: pool.json().id },
  });
  expect(offer.statusCode, offer.body).toBe(201);
  const secondmentId = offer.json().id as string;
  const released = await hr.request({
    method: "POST",
    url: `/api/v1/secondments/${secondmentId}/transitions`,
    payload: { action: "release" },
  });
  expect(released.statusCode, released.body).toBe(200);
  // Hours, an expense and its receipt of that secondment (written directly: the path to a running
  // secondment is long, and what is probed here is who may read them).
  const [s] = (await t.database.db.execute(sql`SELECT region_id, borrower_organization_id FROM secondments WHERE id = ${secondmentId}`))
    .rows as Array<{ region_id: string; borrower_organization_id: string }>;
  const owner = sql`${s.region_id}, ${wunstorfId}, ${s.borrower_organization_id}, ${secondmentId}`;
  await t.database.db.execute(
    sql`INSERT INTO timesheet_entries (region_id, organization_id, borrower_organization_id, secondment_id, day, minutes, state, comment)
        VALUES (${owner}, '2027-01-04', 465, 'returned', 'Kanarienvogel-Stunden zurück'), (${owner}, '2027-01-05', 480, 'confirmed', null)`,
  );
  const [expense] = (
    await t.database.db.execute(
      sql`INSERT INTO expenses (region_id, organization_id, borrower_organization_id, secondment_id, day, kind, amount_cents, note, state)
          VALUES (${owner}, '2027-01-04', 'travel', 1160, 'Kanarienvogel-Fahrkarte', 'confirmed') RETURNING id`,
    )
  ).rows as Array<{ id: string }>;
  await t.database.db.execute(
    sql`INSERT INTO expense_receipts (region_id, organization_id, borrower_organization_id, expense_id, file_name, media_type, size, content)
        VALUES (${s.region_id}, ${wunstorfId}, ${s.borrower_organization_id}, ${expense.id}, 'kanarienvogel-beleg.pdf', 'application/pdf', 9, decode('JVBERi0xLjQK', 'base64'))`,
  );
  // Wunstorf's billing details and an issued statement to Neustadt: only the two parties' finance
  // and HR offices may read the statement, only Wunstorf its billing details.
  await t.database.db.execute(
    sql`INSERT INTO billing_details (region_id, organization_id, leitweg_id, street, postal_code, city, contact_name, contact_phone, contact_email, iban)
        VALUES (${s.region_id}, ${wunstorfId}, '03241014-0001-55', 'Kanarienvogelgasse 7', '31515', 'Wunstorf', 'Kanarienvogel-Kasse', '05031 999-222', 'kanarienvogel.kasse@wunstorf.demo', 'DE02999999990003241014')`,
  );
  const statementBody = {
    lenderOrganizationId: wunstorfId,
    borrowerOrganizationId: s.borrower_organization_id,
    month: "2027-01",
    periodStart: "2027-01-01",
    periodEnd: "2027-01-31",
    lines: [
      {
        kind: "hours",
        secondmentId,
        caseLabel: "Kanarienvogel-Abrechnungsfall",
        minutes: 480,
        rateCentsPerHour: 5114,
        rateLabel: "E 9b",
        amountCents: 40912,
      },
    ],
    excluded: [],
    personnelCents: 40912,
    expensesCents: 0,
    netCents: 40912,
    vat: { category: "O", percent: 0, amountCents: 0 },
    grossCents: 40912,
  };
  await t.database.db.execute(
    sql`INSERT INTO statements (region_id, organization_id, borrower_organization_id, month, number, state, body, net_cents, vat_cents, gross_cents)
        VALUES (${s.region_id}, ${wunstorfId}, ${s.borrower_organization_id}, '2027-01', 'VB-2027-01-0001', 'issued', ${JSON.stringify(statementBody)}::jsonb, 40912, 0, 40912)`,
  );
  // Reported values of the region, and a draft of Wunstorf's controlling: drafts stay with Wunstorf.
  const standards = await standardsFixture(t.database.db);
  const reporterDraft = await (
    await t.signIn("controlling@wunstorf.demo")
  ).request({
    method: "POST",
    url: "/api/v1/submissions",
    payload: {
      items: [
        {
          standardId: standards.permit,
          period: standards.olderQuarter,
          value: 17,
          method: "Kanarienvogel-Zählweise",
          reasons: { median_distance: "Neue Zählweise", jump: "Neue Zählweise" },
        },
      ],
    },
  });
  expect(reporterDraft.statusCode, reporterDraft.body).toBe(201);
  const feed = await (
    await t.signIn("mitarbeiterin@wunstorf.demo")
  ).request({
    method: "POST",
    url: "/api/v1/calendar-feeds",
    payload: { scope: "person" },
  });
  expect(feed.statusCode, feed.body).toBe(201);

  // Garbsen gets an account for every role an administration can hold.
  const garbsenHr = await t.signIn("personal@garbsen.demo");
  const garbsenRoles = ROLES.filter((r) => r !== "region_admin");
  for (const role of garbsenRoles) {
    const res = await garbsenHr.request({
      method: "POST",
      url: "/api/v1/accounts",
      payload: { login: `rolle-${role}@garbsen.demo`, displayName: `Garbsen ${role}`, roles: [role], initialPassword: "garbsen-test-2026" },
    });
    expect(res.statusCode).toBe(201);
  }
  actors = [
    ...garbsenRoles.map((role: Role) => ({
      name: `Garbsen ${role}`,
      client: () => t.signIn(`rolle-${role}@garbsen.demo`, "garbsen-test-2026"),
    })),
    { name: "Region region_admin", client: () => t.signIn("koordination@region-hannover.demo") },
    { name: "Region org_admin", client: () => t.signIn("personal@region-hannover.demo") },
    { name: "anonymous", client: async () => t.anonymous() },
  ];

  // Canaries: every string of Wunstorf's private rows that appears nowhere else.
  const elsewhere = new Set<string>();
  const collect = (rows: Array<Record<string, unknown>>, into: Set<string>) => {
    for (const row of rows) for (const v of Object.values(row)) if (typeof v === "string" && v.length >= 8) into.add(v);
  };
  for (const table of tables) {
    const name = getTableConfig(table).name;
    const visibility = listVisibilities().get(name);
    const hasOrg = getTableConfig(table).columns.some((c) => c.name === "organization_id");
    if (!visibility) throw new Error(`Table ${name} declares no visibility`);
    const privateWhere = listPrivateRowConditions().get(name);
    if (privateWhere) {
      // Partly private: the rows matching the condition are Wunstorf's own, the rest is shared.
      const condition = sql.raw(`(${privateWhere})`);
      collect(await rowsOf(name, sql`WHERE NOT (organization_id = ${wunstorfId} AND ${condition})`), elsewhere);
      const own = await rowsOf(name, sql`WHERE organization_id = ${wunstorfId} AND ${condition}`);
      const found = new Set<string>();
      collect(own, found);
      for (const v of found) canaries.add(v);
      for (const row of own) if (row.id !== undefined) foreignIds.push(String(row.id));
      continue;
    }
    if (visibility === "public" || visibility === "region" || UNOWNED_TABLES.has(name)) {
      collect(await rowsOf(name), elsewhere);
      continue;
    }
    if (!hasOrg) throw new Error(`Private table ${name} has no organization_id; add it or list it in UNOWNED_TABLES`);
    collect(await rowsOf(name, sql`WHERE organization_id IS DISTINCT FROM ${wunstorfId}`), elsewhere);
    const own = await rowsOf(name, sql`WHERE organization_id = ${wunstorfId}`);
    const found = new Set<string>();
    collect(own, found);
    for (const v of found) canaries.add(v);
    for (const row of own) if (row.id !== undefined) foreignIds.push(String(row.id));
  }
  for (const v of elsewhere) canaries.delete(v);
  // Words of the API contract itself (enum values such as "civil_servant") are not private data.
  const contract = (await t.anonymous().request({ method: "GET", url: "/api/openapi.json" })).body;
  for (const v of [...canaries]) if (contract.includes(`"${v}"`)) canaries.delete(v);
  for (const v of [...canaries]) if (/^\d{4}-\d\d-\d\d/.test(v)) canaries.delete(v);
  // Lower-case identifiers (entity names of the audit log such as "secondment") are the code's vocabulary.
  for (const v of [...canaries]) if (/^[a-z_]+$/.test(v)) canaries.delete(v);
  expect(canaries).toContain("kanarienvogel@wunstorf.demo");
  expect(canaries).toContain("Katrin Schulze");
  expect(canaries).toContain("Kanarienvogel Poolmitglied");
  expect(canaries).toContain("05031 999-111");
  expect(canaries).toContain("Kanarienvogel Entwurfsanfrage");
  expect(canaries).toContain("Kanarienvogel-Kasse");
  expect(canaries).toContain("VB-2027-01-0001");
  expect(canaries).toContain("Kanarienvogel-Fachverfahren");
  expect(foreignIds).toContain(apiKey.json().apiKey.id);
  expect(canaries).toContain("Kanarienvogel-Zählweise");
  expect(foreignIds).toContain(secondmentId);
  expect(foreignIds.length).toBeGreaterThan(10);
}, 120_000);
afterAll(async () => t?.close());

/** Canaries in an answer; the id the request itself sent (echoed in `instance`) does not count. */
function leakedCanaries(body: string, sent?: string): string[] {
  return [...canaries].filter((c) => c !== sent && body.includes(c));
}

function fillPath(url: string, value: string) {
  return url.replace(/:(\w+)/g, () => value);
}

function queryFor(route: { schema?: unknown }) {
  const querystring = (route.schema as { querystring?: z.ZodObject } | undefined)?.querystring;
  if (!querystring || !(querystring instanceof z.ZodObject)) return "";
  const keys = Object.keys(querystring.shape).filter((k) => /id$/i.test(k) || k === "organization");
  // A person filter (the audit log) is asked for a name of Wunstorf's private rows.
  const people = Object.keys(querystring.shape).filter((k) => k === "person");
  const params = [...keys.map((k) => `${k}=${wunstorfId}`), ...people.map((k) => `${k}=Kanarienvogel`)];
  return params.length ? "?" + params.join("&") : "";
}

describe("tenant isolation", () => {
  it("every API route declares a policy, and registering one without fails", async () => {
    const api = t.app.routeTable.filter((r) => r.url.startsWith("/api/v1"));
    expect(api.length).toBeGreaterThan(8);
    expect(api.filter((r) => !r.policy)).toEqual([]);
    await expect(
      buildApp({
        config: loadConfig({}),
        database: t.database,
        logger: false,
        webDir: "/nonexistent",
        extend: async (app) => {
          app.get("/api/v1/unguarded", async () => ({}));
        },
      }),
    ).rejects.toThrow(/declares no policy/);
  });

  it("no role of another administration reaches Wunstorf's private objects through any route", async () => {
    const before = await privateSnapshot();
    const routes = t.app.routeTable
      .filter((r) => r.url.startsWith("/api/v1"))
      .sort((a, b) => Number(a.method === "DELETE") - Number(b.method === "DELETE"));
    const leaks: string[] = [];
    let requests = 0;
    for (const actor of actors) {
      let client = await actor.client();
      for (const route of routes) {
        const send = async (url: string) => {
          requests++;
          const payload = route.method === "GET" || route.method === "DELETE" ? undefined : {};
          const res = await client.request({ method: route.method as "GET", url, payload });
          if (route.method === "DELETE" && actor.name !== "anonymous") client = await actor.client();
          return res;
        };
        if (route.url.includes("/:")) {
          const baseline = await send(fillPath(route.url, NONEXISTENT));
          for (const id of foreignIds) {
            const res = await send(fillPath(route.url, id));
            const where = `${actor.name}: ${route.method} ${fillPath(route.url, id)}`;
            if (res.statusCode < 300) leaks.push(`${where} answered ${res.statusCode}`);
            if (res.statusCode !== baseline.statusCode && !(baseline.statusCode === 404 && res.statusCode === 400)) {
              leaks.push(`${where} answered ${res.statusCode}, a non-existent id ${baseline.statusCode}`);
            }
            const found = leakedCanaries(res.body, id);
            if (found.length) leaks.push(`${where} showed ${found.join(", ")}`);
          }
        } else {
          const url = route.url + (route.method === "GET" ? queryFor(route) : "");
          const res = await send(url);
          const found = leakedCanaries(res.body);
          if (found.length) leaks.push(`${actor.name}: ${route.method} ${url} showed ${found.join(", ")}`);
        }
      }
    }
    expect(leaks).toEqual([]);
    expect(requests).toBeGreaterThan(500);
    expect(await privateSnapshot()).toBe(before);
    // Every route for every role of another administration, one request after the other: about 90 s
    // on a quiet machine, up to four minutes on two cores shared with other test runs.
  }, 600_000);

  it("the same matrix does find Wunstorf's objects for Wunstorf's own HR office (the test can fail)", async () => {
    const hr = await t.signIn("personal@wunstorf.demo");
    const list = await hr.request({ method: "GET", url: "/api/v1/accounts" });
    expect(leakedCanaries(list.body)).toContain("kanarienvogel@wunstorf.demo");
  });
});
