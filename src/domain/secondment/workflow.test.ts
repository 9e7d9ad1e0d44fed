import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { addDays } from "../../kernel/dates";
import {
  ACTIONS,
  BLOCKING_STATES,
  councilStatusAfter,
  decide,
  FINAL_STATES,
  isLongerThanThreeMonths,
  nextFreeInterval,
  overlaps,
  RULES,
  SECONDMENT_STATES,
  WORKFLOW_ROLES,
  type CouncilStatus,
  type Hearing,
  type SecondmentState,
  type WorkflowFacts,
  type WorkflowRole,
} from "./workflow";

const facts = fc.record<WorkflowFacts>({
  councilRequired: fc.boolean(),
  councilStatus: fc.constantFrom<CouncilStatus>("not_required", "pending", "consented", "deemed", "refused", "provisional"),
  councilDeadlinePassed: fc.boolean(),
  inCrisis: fc.boolean(),
  missingHearings: fc.subarray<Hearing>(["tvoed", "sbv"]),
  openRequiredOnboarding: fc.integer({ min: 0, max: 3 }),
  startsOn: fc.constant("2027-03-01"),
  isBeforeStart: fc.boolean(),
});
const roleSet = fc.subarray([...WORKFLOW_ROLES]).map((r) => new Set<WorkflowRole>(r));
const step = fc.record({
  action: fc.constantFrom(...ACTIONS),
  roles: roleSet,
  facts,
  reason: fc.option(fc.constantFrom("", "  ", "Krankheit")),
});

describe("secondment workflow", () => {
  it("random sequences by random actors stay in known states, and every step was the actor's", () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        let state: SecondmentState = "proposed";
        let council: CouncilStatus = "not_required";
        for (const s of steps) {
          const f = { ...s.facts, councilStatus: council };
          const d = decide(state, s.action, s.roles, f, s.reason);
          if (!d.ok) continue;
          const rule = RULES[s.action];
          expect(rule.from).toContain(state);
          expect(rule.by.some((r) => s.roles.has(r))).toBe(true);
          if (rule.needsReason) expect(s.reason?.trim()).toBeTruthy();
          expect(FINAL_STATES.has(state)).toBe(false);
          expect(SECONDMENT_STATES).toContain(d.to);
          council = councilStatusAfter(s.action, council, f);
          state = d.to;
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("nobody reaches an agreement without the employee's acceptance and, where required, the council", () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        let state: SecondmentState = "proposed";
        let council: CouncilStatus = "not_required";
        const done = new Set<string>();
        for (const s of steps) {
          const f = { ...s.facts, councilStatus: council };
          const d = decide(state, s.action, s.roles, f, s.reason);
          if (!d.ok) continue;
          done.add(s.action);
          if (d.to === "staff_council") expect(f.councilRequired).toBe(true);
          if (d.to === "agreed") {
            expect(done.has("release") && done.has("approve") && done.has("accept")).toBe(true);
            expect(council).not.toBe("pending");
            expect(council).not.toBe("refused");
          }
          if (d.to === "active" && s.action === "activate") expect(f.openRequiredOnboarding).toBe(0);
          council = councilStatusAfter(s.action, council, f);
          state = d.to;
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("a final state has no way out, and the blocking states are exactly the running and pending ones after release", () => {
    for (const state of FINAL_STATES) {
      for (const action of ACTIONS) expect(RULES[action].from).not.toContain(state);
    }
    expect([...BLOCKING_STATES].sort()).toEqual(["accepted", "active", "agreed", "approved", "onboarding", "released", "staff_council"]);
  });

  it("a department head may refuse a proposal, not cancel later", () => {
    const head = new Set<WorkflowRole>(["lender_department_head"]);
    const f: WorkflowFacts = {
      councilRequired: true,
      councilStatus: "not_required",
      councilDeadlinePassed: false,
      inCrisis: false,
      missingHearings: [],
      openRequiredOnboarding: 0,
      startsOn: "2027-03-01",
      isBeforeStart: false,
    };
    expect(decide("proposed", "cancel", head, f, "Eigener Engpass")).toEqual({ ok: true, to: "cancelled" });
    expect(decide("released", "cancel", head, f, "Eigener Engpass").ok).toBe(false);
  });

  it("the next free interval overlaps nothing busy and starts as early as possible", () => {
    const period = fc
      .tuple(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 60 }))
      .map(([s, l]) => ({ startsOn: day(s), endsOn: day(s + l) }));
    fc.assert(
      fc.property(
        fc.array(period, { maxLength: 8 }),
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 1, max: 90 }),
        (busy, from, len) => {
          const free = nextFreeInterval(busy, day(from), len);
          expect(busy.some((b) => overlaps(b, free))).toBe(false);
          expect(free.startsOn >= day(from)).toBe(true);
          if (free.startsOn > day(from)) {
            // one day earlier would clash
            const earlier = { startsOn: shift(free.startsOn, -1), endsOn: shift(free.endsOn, -1) };
            expect(busy.some((b) => overlaps(b, earlier))).toBe(true);
          }
        },
      ),
    );
  });

  it("three months follow the calendar (working days: src/kernel/dates.test.ts)", () => {
    expect(isLongerThanThreeMonths("2026-12-01", "2027-02-28")).toBe(false);
    expect(isLongerThanThreeMonths("2026-12-01", "2027-03-01")).toBe(true);
    // February has no 30th: three months from 30 November end on its last day (§ 188 Abs. 3 BGB).
    expect(isLongerThanThreeMonths("2026-11-30", "2027-02-28")).toBe(false);
    expect(isLongerThanThreeMonths("2026-11-30", "2027-03-01")).toBe(true);
    expect(isLongerThanThreeMonths("2027-11-30", "2028-02-29")).toBe(false);
    expect(isLongerThanThreeMonths("2027-11-30", "2028-03-01")).toBe(true);
    expect(isLongerThanThreeMonths("2027-01-31", "2027-04-30")).toBe(false);
    expect(isLongerThanThreeMonths("2027-01-31", "2027-05-01")).toBe(true);
    expect(isLongerThanThreeMonths("2027-01-15", "2027-04-14")).toBe(false);
    expect(isLongerThanThreeMonths("2027-01-15", "2027-04-15")).toBe(true);
  });

  it("three months end on one day, 89 to 92 days on, never earlier for a later start (every start 2020–2060)", () => {
    /** The last day that is not more than three months after `start`. */
    const lastDay = (start: string) => {
      let end = addDays(start, 87);
      while (!isLongerThanThreeMonths(start, addDays(end, 1))) end = addDays(end, 1);
      return end;
    };
    let previous = lastDay("2019-12-31");
    for (let start = "2020-01-01"; start <= "2060-12-31"; start = addDays(start, 1)) {
      const end = lastDay(start);
      expect(end >= previous, `${start}: ${end} before ${previous}`).toBe(true);
      expect(end > addDays(start, 87) && end <= addDays(start, 91), `${start}: ${end}`).toBe(true);
      previous = end;
    }
  });
});

const day = (n: number) => new Date(Date.UTC(2027, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
const shift = (iso: string, n: number) => new Date(Date.parse(iso) + n * 86_400_000).toISOString().slice(0, 10);
