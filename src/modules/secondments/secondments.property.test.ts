/**
 * Property test of the secondment workflow against the database: random sequences of steps by
 * random accounts of random administrations. Whatever happens, no secondment is in an unknown
 * state, no step succeeds for an account outside its role, deputyship or administration, no
 * person is blocked twice for the same days, no department lends more than its cap, and no
 * deployment starts before its agreed first day without an override whose reason the history and
 * the audit log keep.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { sql } from "drizzle-orm";
import { buildTestApp, type Client, type TestApp } from "../../../test/app";
import { ACTIONS, BLOCKING_STATES, SECONDMENT_STATES } from "../../domain/secondment/workflow";
import { CONSENT_VERSION } from "../pool/consent";
import { confirmQualifications, joinPool, qualificationIds, requestBody } from "../../../test/support-cast";
import { addDays, today } from "../../kernel/dates";

let t: TestApp;
const clients: Record<string, Client> = {};
const LOGINS = [
  "bauamt@wunstorf.demo",
  "personal@wunstorf.demo",
  "mitarbeiterin@wunstorf.demo",
  "personalrat@wunstorf.demo",
  "sachbearbeitung@wunstorf.demo",
  "personal@region-hannover.demo",
  "gesundheitsamt@region-hannover.demo",
  "personal@garbsen.demo",
] as const;
const CAP = 1;
let members: string[] = [];
let bauordnungId: string;
let qualificationId: string;

const post = (login: string, url: string, payload: unknown) =>
  clients[login].request({ method: "POST", url, payload: payload as Record<string, unknown> });

/**
 * Who may take a step, by the member's index: 0 is Katrin (own account, Bauordnung), 1 is in
 * Bauordnung without an account, 2 has neither account nor department (the HR office releases).
 */
function allowed(action: string, member: number): string[] {
  const lenderHr = "personal@wunstorf.demo";
  const borrowerHr = "personal@region-hannover.demo";
  const employee = member === 0 ? "mitarbeiterin@wunstorf.demo" : lenderHr;
  // The clerk is the named deputy of the head of Bauordnung.
  const head = member === 2 ? [lenderHr] : ["bauamt@wunstorf.demo", "sachbearbeitung@wunstorf.demo"];
  switch (action) {
    case "release":
      return head;
    case "approve":
    case "record_hearing":
    case "record_sbv_hearing":
    case "start_provisionally":
      return [lenderHr];
    case "accept":
    case "decline":
      return [employee];
    case "council_consent":
    case "council_refuse":
      return ["personalrat@wunstorf.demo"];
    case "confirm":
    case "activate":
    case "activate_early":
      return [borrowerHr];
    case "begin_onboarding":
    case "activate_override":
    case "complete":
      return [lenderHr, borrowerHr];
    case "end_early":
      return [lenderHr, borrowerHr, employee];
    case "cancel":
      return [lenderHr, borrowerHr, ...head];
    default:
      return [];
  }
}

beforeAll(async () => {
  t = await buildTestApp();
  for (const login of LOGINS) clients[login] = await t.signIn(login);
  qualificationId = (await qualificationIds(clients["personal@wunstorf.demo"]))("bauantragspruefung");
  const settings = (await clients["personal@wunstorf.demo"].request({ method: "GET", url: "/api/v1/secondment-settings" })).json();
  bauordnungId = settings.departmentCaps.find((d: { name: string }) => d.name === "Bauordnung").departmentId;
  const put = await clients["personal@wunstorf.demo"].request({
    method: "PUT",
    url: "/api/v1/secondment-settings",
    payload: {
      councilScope: "all",
      councilDeadlineWorkingDays: 10,
      maxLentTotal: null,
      departmentCaps: [{ departmentId: bauordnungId, maxLent: CAP }],
    },
  });
  expect(put.statusCode).toBe(200);
  const availability = [{ startsOn: "2026-12-01", endsOn: "2040-12-31", hoursPerWeek: 39 }];
  members.push(await joinPool(clients["mitarbeiterin@wunstorf.demo"], [{ qualificationId }], { availability, travelRadiusKm: 60 }));
  await confirmQualifications(clients["personal@wunstorf.demo"], members[0], [{ qualificationId }]);
  for (const name of ["Jens Bruns", "Mareike Lüders"]) {
    const res = await post("personal@wunstorf.demo", "/api/v1/pool-members", {
      hasConsent: true,
      consentVersion: CONSENT_VERSION,
      name,
      workEmail: `${name.split(" ")[0].toLowerCase()}@wunstorf.de`,
      jobTitle: "Bautechniker",
      employmentStatus: name.startsWith("J") ? "civil_servant" : "employee",
      payGroup: name.startsWith("J") ? "A 9" : "E 9a",
      departmentId: name.startsWith("J") ? bauordnungId : null,
      travelRadiusKm: 60,
      qualifications: [{ qualificationId }],
      availability,
    });
    members.push(res.json().id);
  }
  const clerk = (await clients["bauamt@wunstorf.demo"].request({ method: "GET", url: "/api/v1/deputies" }))
    .json()
    .candidates.find((c: { name: string }) => c.name === "Aylin Demir");
  await post("bauamt@wunstorf.demo", "/api/v1/deputies", { deputyAccountId: clerk.id, startsOn: today(), endsOn: "2031-12-31" });
  members = members.filter(Boolean);
  expect(members).toHaveLength(3);
}, 60_000);
afterAll(async () => t?.close());

async function checkInvariants() {
  const rows = (
    await t.database.db.execute(
      sql`select s.id, s.state, s.member_id, s.starts_on::text as starts_on, s.ends_on::text as ends_on, m.department_id from secondments s join pool_members m on m.id = s.member_id`,
    )
  ).rows as Array<{ id: string; state: string; member_id: string; starts_on: string; ends_on: string; department_id: string | null }>;
  for (const r of rows) expect(SECONDMENT_STATES).toContain(r.state);
  const blocking = rows.filter((r) => BLOCKING_STATES.has(r.state as never));
  for (const a of blocking)
    for (const b of blocking)
      if (a.id < b.id && a.member_id === b.member_id) expect(a.starts_on > b.ends_on || b.starts_on > a.ends_on).toBe(true);
  // A deployment that started before its agreed first day did so by an override with a reason, kept in the audit log too.
  const starts = (
    await t.database.db.execute(
      sql`select s.id, s.starts_on::text as starts_on, t.action, t.reason, (t.at at time zone 'Europe/Berlin')::date::text as on_day,
            (select count(*)::int from audit_events a where a.entity_id = s.id::text and a.after->>'startedBeforeAgreedStart' = s.starts_on::text
               and a.after->>'reason' = t.reason) as audited
          from secondments s join secondment_transitions t on t.secondment_id = s.id and t.to_state = 'active' and t.from_state <> 'active'`,
    )
  ).rows as Array<{ id: string; starts_on: string; action: string; reason: string | null; on_day: string; audited: number }>;
  for (const r of starts) {
    if (r.on_day >= r.starts_on) continue;
    expect(["activate_early", "activate_override"]).toContain(r.action);
    expect(r.reason?.trim()).toBeTruthy();
    expect(r.audited).toBe(1);
  }
  for (const day of new Set(blocking.map((r) => r.starts_on))) {
    const lent = blocking.filter((r) => r.department_id === bauordnungId && r.starts_on <= day && r.ends_on >= day).length;
    expect(lent).toBeLessThanOrEqual(CAP);
  }
}

/** The next forward step from a state: half of the random steps take it (by a random account) so that runs get far. */
const NEXT: Record<string, string> = {
  proposed: "release",
  released: "approve",
  approved: "accept",
  staff_council: "council_consent",
  accepted: "confirm",
  agreed: "begin_onboarding",
  // From onboarding: tick the checklist, then start (on time, or early with a reason) — see `guidedStep`.
  onboarding: "tick_onboarding",
  active: "complete",
};

/** Both HR offices tick their side's items: the one step of the runs that is not a workflow action. */
async function tickOnboarding(id: string) {
  for (const [login, keys] of [
    ["personal@wunstorf.demo", ["device"]],
    ["personal@region-hannover.demo", ["it_account", "workplace", "briefing"]],
  ] as const) {
    await clients[login].request({
      method: "PATCH",
      url: `/api/v1/secondments/${id}/onboarding`,
      payload: { items: keys.map((key) => ({ key, status: "done" })) },
    });
  }
}

const step = fc.record({
  guided: fc.nat(3).map((n) => n > 0),
  login: fc.constantFrom(...LOGINS),
  action: fc.constantFrom(...ACTIONS.filter((a) => a !== "withdraw" && a !== "council_deemed"), "tick_onboarding"),
  target: fc.nat(5),
  reason: fc.constantFrom("Dringender Eigenbedarf", ""),
});

describe("secondment workflow on the database", () => {
  it("random steps by random accounts keep every rule", async () => {
    let run = 0;
    let succeeded = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 10, maxLength: 30 }), async (steps) => {
        run++;
        // Two overlapping requests of the Region in a window of its own; every member offered for both.
        const year = 2027 + Math.floor((run % 60) / 6);
        const month = String(((run * 2) % 12) + 1).padStart(2, "0");
        const ids: Array<{ id: string; member: number }> = [];
        for (const [k, endDay] of [
          [0, "20"],
          [1, "28"],
        ] as const) {
          const req = await post(
            "gesundheitsamt@region-hannover.demo",
            "/api/v1/support-requests",
            requestBody({
              title: `Eigenschaftstest ${run}/${k}`,
              tasks: "Bauanträge prüfen",
              headcount: 3,
              startsOn: `${year}-${month}-${k === 0 ? "01" : "10"}`,
              endsOn: `${year}-${month}-${endDay}`,
              settlementModel: "reciprocity",
              requiredQualificationIds: [qualificationId],
            }),
          );
          expect(req.statusCode, req.body).toBe(201);
          for (const [m, memberId] of members.entries()) {
            const offer = await post("personal@wunstorf.demo", `/api/v1/support-requests/${req.json().id}/offers`, { memberId });
            if (offer.statusCode === 201) ids.push({ id: offer.json().id, member: m });
            else expect(offer.json().errors?.[0]?.rule).toBe("overlap");
          }
        }
        for (const s of steps) {
          if (ids.length === 0) break;
          const target = ids[s.target % ids.length];
          const current = (
            await clients["personal@wunstorf.demo"].request({ method: "GET", url: `/api/v1/secondments/${target.id}` })
          ).json();
          let action = s.guided ? (NEXT[current.state] ?? s.action) : s.action;
          const isTicked = !current.onboarding.some((i: { isRequired: boolean; status: string }) => i.isRequired && i.status === "open");
          if (s.guided && action === "tick_onboarding" && isTicked) action = s.target % 2 === 0 ? "activate" : "activate_early";
          if (action === "tick_onboarding") {
            await tickOnboarding(target.id);
            await checkInvariants();
            continue;
          }
          const res = await post(s.login, `/api/v1/secondments/${target.id}/transitions`, { action, reason: s.reason || null });
          if (res.statusCode === 200) {
            succeeded++;
            expect(allowed(action, target.member), `${s.login} took "${action}"`).toContain(s.login);
          } else {
            expect([400, 403, 404, 409]).toContain(res.statusCode);
            if (s.login === "personal@garbsen.demo") expect(res.statusCode).toBe(404);
          }
          await checkInvariants();
        }
      }),
      { numRuns: 15, seed: 20261125 },
    );
    // The runs did get somewhere: many steps succeeded, not only refusals.
    expect(succeeded).toBeGreaterThan(10);
  }, 240_000);

  it("a deployment starts on or after its agreed first day; earlier only by the override with a reason", async () => {
    let run = 0;
    const as = (login: string, id: string, action: string, reason?: string) =>
      post(login, `/api/v1/secondments/${id}/transitions`, { action, reason: reason || null });
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: -3, max: 3 }),
        fc.constantFrom("activate", "activate_early"),
        fc.constantFrom("", "Die Sturmschäden dulden keinen Aufschub."),
        async (offset, action, reason) => {
          run++;
          // A period around today, and a person of its own (no account, no department: the HR office acts for both).
          const startsOn = addDays(today(), offset);
          const req = await post(
            "gesundheitsamt@region-hannover.demo",
            "/api/v1/support-requests",
            requestBody({
              title: `Starttest ${run}`,
              tasks: "Bauanträge prüfen",
              startsOn,
              endsOn: addDays(startsOn, 20),
              settlementModel: "reciprocity",
              requiredQualificationIds: [qualificationId],
            }),
          );
          expect(req.statusCode, req.body).toBe(201);
          const member = await post("personal@wunstorf.demo", "/api/v1/pool-members", {
            hasConsent: true,
            consentVersion: CONSENT_VERSION,
            name: `Start Probe ${run}`,
            workEmail: `start.probe.${run}@wunstorf.de`,
            jobTitle: "Bautechniker",
            employmentStatus: "employee",
            payGroup: "E 9a",
            departmentId: null,
            travelRadiusKm: 60,
            qualifications: [{ qualificationId }],
            availability: [{ startsOn: addDays(today(), -30), endsOn: addDays(today(), 60), hoursPerWeek: 39 }],
          });
          expect(member.statusCode, member.body).toBe(201);
          const offer = await post("personal@wunstorf.demo", `/api/v1/support-requests/${req.json().id}/offers`, {
            memberId: member.json().id,
          });
          expect(offer.statusCode, offer.body).toBe(201);
          const id = offer.json().id as string;
          for (const [login, step] of [
            ["personal@wunstorf.demo", "release"],
            ["personal@wunstorf.demo", "approve"],
            ["personal@wunstorf.demo", "accept"],
            ["personalrat@wunstorf.demo", "council_consent"],
            ["personal@region-hannover.demo", "confirm"],
            ["personal@region-hannover.demo", "begin_onboarding"],
          ] as const) {
            const res = await as(login, id, step);
            expect(res.statusCode, `${step}: ${res.body}`).toBe(200);
          }
          await tickOnboarding(id);
          const view = (await clients["personal@region-hannover.demo"].request({ method: "GET", url: `/api/v1/secondments/${id}` })).json();
          // The page offers exactly the start the rule allows, and says what the plain start waits for.
          expect(view.actions.includes("activate")).toBe(offset <= 0);
          expect(view.actions.includes("activate_early")).toBe(offset > 0);
          expect(view.waitingFor).toEqual(
            offset > 0 ? [{ action: "activate", code: "before_start", items: [], date: startsOn, hearings: [] }] : [],
          );
          const res = await as("personal@region-hannover.demo", id, action, reason);
          const starts = action === "activate" ? offset <= 0 : offset > 0 && reason !== "";
          expect(res.statusCode, res.body).toBe(starts ? 200 : 409);
          if (!starts) {
            const rule = action === "activate" ? "before_start" : reason === "" ? "reason_required" : "start_reached";
            expect(res.json().errors[0].rule).toBe(rule);
          }
          await checkInvariants();
        },
      ),
      { numRuns: 14, seed: 20261203 },
    );
  }, 240_000);
});
