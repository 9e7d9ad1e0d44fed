import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { buildTestApp, type TestApp } from "../../test/app";
import { CONSENT_VERSION } from "../modules/pool/consent";

// Migration 0009 adds the unique index "one proposal per person and request". Data written before
// it may hold duplicates opened by parallel requests; the migration withdraws the later ones with
// a timeline entry first. Replayed here on duplicates made the way the old code made them.
let t: TestApp;
const migration = fs.readFileSync(path.join(import.meta.dirname, "migrations", "0009_one_proposal_per_request_member.sql"), "utf8");
const statements = migration.split("--> statement-breakpoint").map((s) => s.trim());

const rows = async <T>(query: ReturnType<typeof sql>) => (await t.database.db.execute(query)).rows as T[];

beforeAll(async () => {
  t = await buildTestApp();
  const health = await t.signIn("gesundheitsamt@region-hannover.demo");
  const hr = await t.signIn("personal@wunstorf.demo");
  const catalogue = (await health.request({ method: "GET", url: "/api/v1/qualifications" })).json().items as Array<{
    id: string;
    key: string;
  }>;
  const qualificationId = catalogue.find((c) => c.key === "bauantragspruefung")!.id;
  const request = await health.request({
    method: "POST",
    url: "/api/v1/support-requests",
    payload: {
      title: "Bauanträge",
      tasks: "Bauanträge prüfen.",
      headcount: 3,
      startsOn: "2027-01-04",
      endsOn: "2027-02-26",
      hoursPerWeek: 20,
      urgency: "urgent",
      settlementModel: "reimbursement",
      contactName: "Dr. Miriam Okafor",
      contactEmail: "gesundheitsamt@region-hannover.demo",
      status: "open",
      requiredQualificationIds: [qualificationId],
    },
  });
  const member = await hr.request({
    method: "POST",
    url: "/api/v1/pool-members",
    payload: {
      hasConsent: true,
      consentVersion: CONSENT_VERSION,
      name: "Ida Doppelt",
      workEmail: "ida.doppelt@wunstorf.demo",
      jobTitle: "Bauingenieurin",
      employmentStatus: "employee",
      payGroup: "E 11",
      travelRadiusKm: 80,
      qualifications: [{ qualificationId }],
      availability: [{ startsOn: "2026-12-01", endsOn: "2027-12-31", hoursPerWeek: 39 }],
    },
  });
  const offer = await hr.request({
    method: "POST",
    url: `/api/v1/support-requests/${request.json().id}/offers`,
    payload: { memberId: member.json().id },
  });
  expect(offer.statusCode, offer.body).toBe(201);
});
afterAll(async () => t?.close());

describe("migration 0009 on data with duplicate proposals", () => {
  it("withdraws the later duplicates with a timeline entry, keeps the first, and the index can be built", async () => {
    await t.database.db.execute(sql.raw(`DROP INDEX "secondments_one_per_request_member"`));
    await t.database.db.execute(sql.raw(`DROP INDEX "secondments_one_pending_extension"`));
    // Two more copies of the proposal, as parallel offers wrote them.
    await t.database.db.execute(sql`
      INSERT INTO secondments (region_id, organization_id, borrower_organization_id, request_id, member_id, state, starts_on, ends_on,
        hours_per_week, tasks, settlement_model, employment_status, legal_basis, created_at)
      SELECT region_id, organization_id, borrower_organization_id, request_id, member_id, state, starts_on, ends_on,
        hours_per_week, tasks, settlement_model, employment_status, legal_basis, created_at + (n || ' seconds')::interval
      FROM secondments, generate_series(1, 2) AS n`);
    const [first] = await rows<{ id: string }>(sql`SELECT id FROM secondments ORDER BY created_at LIMIT 1`);
    for (const statement of statements) await t.database.db.execute(sql.raw(statement));
    const states = await rows<{ id: string; state: string }>(sql`SELECT id, state FROM secondments ORDER BY created_at`);
    expect(states.map((s) => s.state)).toEqual(["proposed", "withdrawn", "withdrawn"]);
    expect(states[0].id).toBe(first.id);
    const entries = await rows<{ reason: string; to_state: string }>(
      sql`SELECT reason, to_state FROM secondment_transitions WHERE secondment_id <> ${first.id}`,
    );
    expect(entries).toEqual([
      { reason: "Doppelter Vorschlag zusammengeführt", to_state: "withdrawn" },
      { reason: "Doppelter Vorschlag zusammengeführt", to_state: "withdrawn" },
    ]);
  });
});
