/**
 * A realistic volume of a working region, written with a fixed seed on top of the reference data:
 * the large pool and the requests of {@link seedLargeRegion} (pool members in proportion to
 * population, with qualifications and availability), requests in every status, and secondments
 * between the administrations in every state of the workflow — each with its timeline (one
 * transition per step), the onboarding checklist from the agreement on, and some extensions.
 * Used by `bench/api.ts` (22 administrations, 5,000 pool members, 500 requests, 2,000
 * secondments) and, much smaller, by the query-count test (`test/list-queries.test.ts`).
 */
import { sql } from "drizzle-orm";
import type { Db } from "../src/db/client";
import type { SecondmentState } from "../src/domain/secondment/workflow";
import { random } from "../test/allocation-instances";
import { insertRows, seedLargeRegion } from "./large-region";

/** Options of {@link seedVolume}. */
export interface VolumeOptions {
  /** Pool members (default 5,000). */
  members?: number;
  /** Support requests (default 500). */
  requests?: number;
  /** Secondments (default 2,000), extensions included. */
  secondments?: number;
  seed?: number;
  /** The day everything is planned around (default: today). */
  today?: Date;
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000);

/** The canonical path to each state: the steps (action, state reached) after the proposal. */
const MAIN_PATH: Array<[string, SecondmentState]> = [
  ["release", "released"],
  ["approve", "approved"],
  ["accept", "staff_council"],
  ["council_consent", "accepted"],
  ["confirm", "agreed"],
  ["begin_onboarding", "onboarding"],
  ["activate", "active"],
  ["complete", "completed"],
];
const stepsTo = (state: SecondmentState): Array<[string, SecondmentState]> => {
  const end: Partial<Record<SecondmentState, [number, string]>> = {
    withdrawn: [0, "withdraw"],
    cancelled: [1, "cancel"],
    declined: [2, "decline"],
    refused: [3, "council_refuse"],
    ended_early: [7, "end_early"],
  };
  const terminal = end[state];
  if (terminal) return [...MAIN_PATH.slice(0, terminal[0]), [terminal[1], state]];
  return MAIN_PATH.slice(0, MAIN_PATH.findIndex(([, s]) => s === state) + 1);
};

/** How often each state occurs among the secondments (most are proposed, active or completed). */
const STATE_WEIGHTS: Array<[SecondmentState, number]> = [
  ["proposed", 18],
  ["released", 7],
  ["approved", 6],
  ["staff_council", 5],
  ["accepted", 4],
  ["agreed", 5],
  ["onboarding", 5],
  ["active", 20],
  ["completed", 15],
  ["ended_early", 2],
  ["cancelled", 4],
  ["declined", 4],
  ["refused", 1],
  ["withdrawn", 4],
];
const COUNCIL_AFTER: Partial<Record<SecondmentState, string>> = { staff_council: "pending", refused: "refused" };
const ONBOARDING = [
  ["it_account", "borrower", true],
  ["device", "lender", true],
  ["workplace", "borrower", true],
  ["badge", "borrower", false],
  ["briefing", "borrower", true],
] as const;
const WITH_CHECKLIST = new Set<SecondmentState>(["agreed", "onboarding", "active", "completed", "ended_early"]);
const RUNNING = new Set<SecondmentState>(["agreed", "onboarding", "active"]);

/**
 * Seeds the region's pool, requests and secondments (after `seedReferenceData`). Returns the
 * numbers written.
 */
export async function seedVolume(db: Db, options: VolumeOptions = {}) {
  const { members = 5_000, requests = 500, secondments: S = 2_000, seed = 14, today = new Date() } = options;
  await seedLargeRegion(db, { members, requests, seed, today });
  const rnd = random(seed + 1);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const weighted = <T>(pairs: Array<[T, number]>) => {
    let x = rnd() * pairs.reduce((s, [, w]) => s + w, 0);
    for (const [value, w] of pairs) if ((x -= w) < 0) return value;
    return pairs[pairs.length - 1][0];
  };

  // Requests in every status: most open, some already filled or closed, a few drafts.
  const requestRows = (
    await db.execute(sql`SELECT id, region_id, organization_id, starts_on, ends_on, hours_per_week FROM support_requests ORDER BY title`)
  ).rows as Array<{ id: string; region_id: string; organization_id: string; starts_on: string; ends_on: string; hours_per_week: number }>;
  for (const [status, share] of [
    ["draft", 0.05],
    ["partly_filled", 0.15],
    ["filled", 0.1],
    ["closed", 0.1],
    ["cancelled", 0.03],
  ] as const) {
    const ids = requestRows.filter(() => rnd() < share).map((r) => r.id);
    if (ids.length) await db.execute(sql`UPDATE support_requests SET status = ${status} WHERE id IN ${sql`(${sql.join(ids, sql`, `)})`}`);
  }
  const drafts = new Set(
    ((await db.execute(sql`SELECT id FROM support_requests WHERE status = 'draft'`)).rows as Array<{ id: string }>).map((r) => r.id),
  );
  const inPlay = requestRows.filter((r) => !drafts.has(r.id));
  const pool = (await db.execute(sql`SELECT id, organization_id, employment_status FROM pool_members ORDER BY name`)).rows as Array<{
    id: string;
    organization_id: string;
    employment_status: "employee" | "civil_servant";
  }>;
  const [framework] = (await db.execute(sql`SELECT id FROM framework_agreements ORDER BY version DESC LIMIT 1`)).rows as Array<{
    id: string;
  }>;

  const rows: unknown[][] = [];
  const transitions: unknown[][] = [];
  const checklist: unknown[][] = [];
  const taken = new Set<string>();
  const written: Array<{ id: string; state: SecondmentState; row: unknown[] }> = [];
  const at = (daysAgo: number, step: number) => new Date(today.getTime() - daysAgo * 86_400_000 + step * 3_600_000).toISOString();

  const addSecondment = (
    request: (typeof inPlay)[number],
    member: (typeof pool)[number],
    state: SecondmentState,
    period: { startsOn: string; endsOn: string },
    amendsId: string | null,
  ) => {
    const id = crypto.randomUUID();
    const daysAgo = 1 + Math.floor(rnd() * 120);
    const steps = stepsTo(state);
    const row = [
      id,
      request.region_id,
      member.organization_id,
      request.organization_id,
      request.id,
      member.id,
      amendsId,
      state,
      COUNCIL_AFTER[state] ?? (steps.some(([a]) => a === "council_consent") ? "consented" : "not_required"),
      state === "staff_council" ? iso(addDays(today, 3 + Math.floor(rnd() * 10))) : null,
      period.startsOn,
      period.endsOn,
      request.hours_per_week,
      "Rathaus",
      "Aufgaben laut Anfrage",
      "reimbursement",
      member.employment_status,
      member.employment_status === "civil_servant" ? "§ 27 NBG (Abordnung von Beamtinnen und Beamten)" : "§ 4 Abs. 1 TVöD (Abordnung)",
      WITH_CHECKLIST.has(state) ? (framework?.id ?? null) : null,
      at(daysAgo, 0),
      at(daysAgo, steps.length),
    ];
    rows.push(row);
    written.push({ id, state, row });
    const parties = [id, request.region_id, member.organization_id, request.organization_id];
    transitions.push([crypto.randomUUID(), ...parties, "propose", null, "proposed", "Personalamt", at(daysAgo, 0)]);
    let from: SecondmentState = "proposed";
    steps.forEach(([action, to], i) => {
      transitions.push([
        crypto.randomUUID(),
        ...parties,
        action,
        from,
        to,
        action === "complete" ? "Verbund" : "Personalamt",
        at(daysAgo, i + 1),
      ]);
      from = to;
    });
    if (WITH_CHECKLIST.has(state)) {
      for (const [key, side, isRequired] of ONBOARDING) {
        const done = state !== "agreed" && (isRequired || rnd() < 0.5);
        checklist.push([...parties, key, side, isRequired, period.startsOn, done ? "done" : "open", done ? at(daysAgo, 5) : null]);
      }
    }
    return id;
  };

  const extensions = Math.round(S * 0.04);
  for (let i = 0; rows.length < S - extensions && i < S * 20; i++) {
    const request = pick(inPlay);
    const member = pick(pool);
    if (member.organization_id === request.organization_id || taken.has(`${request.id}/${member.id}`)) continue;
    taken.add(`${request.id}/${member.id}`);
    addSecondment(request, member, weighted(STATE_WEIGHTS), { startsOn: request.starts_on, endsOn: request.ends_on }, null);
  }
  // Extensions of running secondments: amendments that pass the gates again (most still pending).
  const running = written.filter((w) => RUNNING.has(w.state));
  for (const original of running.slice(0, extensions)) {
    const [, , lender, , requestId, memberId, , , , , , endsOn] = original.row as string[];
    const request = inPlay.find((r) => r.id === requestId)!;
    const member = pool.find((m) => m.id === memberId && m.organization_id === lender)!;
    const startsOn = iso(addDays(new Date(endsOn), 1));
    addSecondment(
      request,
      member,
      pick(["proposed", "released", "approved", "agreed"] as const),
      { startsOn, endsOn: iso(addDays(new Date(endsOn), 60)) },
      original.id,
    );
  }

  const parties = ["secondment_id", "region_id", "organization_id", "borrower_organization_id"];
  await insertRows(
    db,
    "secondments",
    [
      "id",
      "region_id",
      "organization_id",
      "borrower_organization_id",
      "request_id",
      "member_id",
      "amends_id",
      "state",
      "council_status",
      "council_deadline",
      "starts_on",
      "ends_on",
      "hours_per_week",
      "place",
      "tasks",
      "settlement_model",
      "employment_status",
      "legal_basis",
      "framework_agreement_id",
      "created_at",
      "updated_at",
    ],
    rows,
  );
  await insertRows(db, "secondment_transitions", ["id", ...parties, "action", "from_state", "to_state", "actor_name", "at"], transitions);
  await insertRows(db, "onboarding_items", [...parties, "key", "side", "is_required", "due_on", "status", "done_at"], checklist);
  return { members, requests, secondments: rows.length, transitions: transitions.length, onboardingItems: checklist.length };
}
