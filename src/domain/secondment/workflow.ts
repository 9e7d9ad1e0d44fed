/**
 * The secondment (Abordnung) workflow: one explicit state machine. Every action names the
 * workflow roles allowed to perform it, the states it starts from and the state it leads to; the
 * guards are facts the caller supplies. No I/O: the module `secondments` loads the facts, calls
 * {@link decide} and writes the transition. Calendar and working days: `src/kernel/dates.ts`.
 */
import { addDays, longDate } from "../../kernel/dates";

export const SECONDMENT_STATES = [
  "proposed",
  "released",
  "approved",
  "staff_council",
  "accepted",
  "agreed",
  "onboarding",
  "active",
  "completed",
  "ended_early",
  "cancelled",
  "declined",
  "refused",
  "withdrawn",
] as const;
export type SecondmentState = (typeof SECONDMENT_STATES)[number];

/** States that block the person for the period: no other secondment may overlap them. */
export const BLOCKING_STATES: ReadonlySet<SecondmentState> = new Set([
  "released",
  "approved",
  "staff_council",
  "accepted",
  "agreed",
  "onboarding",
  "active",
]);

/** States in which nothing happens any more. */
export const FINAL_STATES: ReadonlySet<SecondmentState> = new Set([
  "completed",
  "ended_early",
  "cancelled",
  "declined",
  "refused",
  "withdrawn",
]);

/** Secondments still in play for a request: proposed up to running (and completed). */
export const IN_PLAY_STATES: readonly SecondmentState[] = [
  "proposed",
  "released",
  "approved",
  "staff_council",
  "accepted",
  "agreed",
  "onboarding",
  "active",
  "completed",
];
/** Secondments that fill a slot of the request: agreed and later. */
export const FILLING_STATES: readonly SecondmentState[] = ["agreed", "onboarding", "active", "completed"];

/** From this state on the employee has accepted: the borrower may see the person's name. */
export const NAME_VISIBLE_TO_BORROWER: ReadonlySet<SecondmentState> = new Set([
  "staff_council",
  "accepted",
  "agreed",
  "onboarding",
  "active",
  "completed",
  "ended_early",
]);

/**
 * Who acts in the workflow. An account holds such a role through its own roles or as the deputy
 * of someone who does; `system` is Verbund itself (deadlines, withdrawals).
 */
export const WORKFLOW_ROLES = [
  "lender_department_head",
  "lender_org_admin",
  "lender_staff_council",
  "employee",
  "borrower_org_admin",
  "system",
] as const;
export type WorkflowRole = (typeof WORKFLOW_ROLES)[number];

/** The staff council's part: not needed, awaited, or decided (provisional = started before the decision, in a crisis). */
export type CouncilStatus = "not_required" | "pending" | "consented" | "deemed" | "refused" | "provisional";

/**
 * A hearing the law asks for before the approval: the employee's under § 4 Abs. 1 TVöD (a
 * secondment of more than three months), the severe-disability representative's under § 178
 * Abs. 2 SGB IX (only where a severe disability is recorded for the person).
 */
export type Hearing = "tvoed" | "sbv";

/** The facts the guards need, loaded by the caller. */
export interface WorkflowFacts {
  /** The lending administration's rule sends this secondment to its staff council. */
  councilRequired: boolean;
  councilStatus: CouncilStatus;
  /** The council's deadline has passed without a decision. */
  councilDeadlinePassed: boolean;
  /** A crisis is declared for the request (provisional start, onboarding override). */
  inCrisis: boolean;
  /** Hearings the law asks for in this case that are not recorded yet. */
  missingHearings: readonly Hearing[];
  /** Required onboarding items not done yet. */
  openRequiredOnboarding: number;
  /** The agreed first day of the deployment (ISO date). */
  startsOn: string;
  /** Today (in Germany) is before {@link startsOn}: starting now needs an override with a reason. */
  isBeforeStart: boolean;
}

export const ACTIONS = [
  "release",
  "approve",
  "accept",
  "decline",
  "council_consent",
  "council_refuse",
  "council_deemed",
  "start_provisionally",
  "confirm",
  "begin_onboarding",
  "activate",
  "activate_early",
  "activate_override",
  "complete",
  "end_early",
  "cancel",
  "withdraw",
  "record_hearing",
  "record_sbv_hearing",
] as const;
export type Action = (typeof ACTIONS)[number];

interface Rule {
  from: readonly SecondmentState[];
  /** The next state; a function where the facts decide (e.g. whether the council is asked). */
  to: SecondmentState | "same" | ((state: SecondmentState, facts: WorkflowFacts) => SecondmentState);
  by: readonly WorkflowRole[];
  needsReason?: boolean;
  /** A German/English refusal when a guard does not hold, or null. */
  guard?(facts: WorkflowFacts, state: SecondmentState): Refusal | null;
}

export interface Refusal {
  code: string;
  de: string;
  en: string;
}

const PENDING: readonly SecondmentState[] = ["proposed", "released", "approved", "staff_council", "accepted"];
const RUNNING: readonly SecondmentState[] = ["agreed", "onboarding", "active"];

/** The workflow, one rule per action. Read it top to bottom as the path of a secondment. */
export const RULES: Record<Action, Rule> = {
  release: { from: ["proposed"], to: "released", by: ["lender_department_head"] },
  approve: {
    from: ["released"],
    to: "approved",
    by: ["lender_org_admin"],
    guard: (f) =>
      f.missingHearings.length > 0
        ? {
            code: "hearing_missing",
            de: `Vor der Genehmigung ist ${f.missingHearings.map((h) => HEARING[h].de).join(" und ")} zu vermerken.`,
            en: `Record ${f.missingHearings.map((h) => HEARING[h].en).join(" and ")} before approving.`,
          }
        : null,
  },
  accept: { from: ["approved"], to: (_s, f) => (f.councilRequired ? "staff_council" : "accepted"), by: ["employee"] },
  decline: { from: ["approved"], to: "declined", by: ["employee"] },
  council_consent: {
    from: ["staff_council", ...RUNNING, "accepted"],
    to: (s) => (s === "staff_council" ? "accepted" : s),
    by: ["lender_staff_council"],
    guard: (f, s) => (s === "staff_council" || f.councilStatus === "provisional" ? null : NO_COUNCIL_DECISION_DUE),
  },
  council_refuse: {
    from: ["staff_council", ...RUNNING, "accepted"],
    to: (s) => (s === "staff_council" ? "refused" : s === "accepted" ? "cancelled" : "ended_early"),
    by: ["lender_staff_council"],
    needsReason: true,
    guard: (f, s) => (s === "staff_council" || f.councilStatus === "provisional" ? null : NO_COUNCIL_DECISION_DUE),
  },
  council_deemed: {
    from: ["staff_council"],
    to: "accepted",
    by: ["system"],
    guard: (f) =>
      f.councilDeadlinePassed
        ? null
        : { code: "deadline_open", de: "Die Frist des Personalrats läuft noch.", en: "The staff council's deadline has not passed." },
  },
  start_provisionally: {
    from: ["staff_council"],
    to: "accepted",
    by: ["lender_org_admin"],
    needsReason: true,
    guard: (f) => (f.inCrisis ? null : CRISIS_ONLY),
  },
  confirm: { from: ["accepted"], to: "agreed", by: ["borrower_org_admin"] },
  begin_onboarding: { from: ["agreed"], to: "onboarding", by: ["borrower_org_admin", "lender_org_admin"] },
  activate: {
    from: ["onboarding"],
    to: "active",
    by: ["borrower_org_admin"],
    guard: (f) => onboardingOpen(f) ?? (f.isBeforeStart ? beforeStart(f) : null),
  },
  /** Starting before the agreed first day: only with a reason, which the history and the audit log keep. */
  activate_early: {
    from: ["onboarding"],
    to: "active",
    by: ["borrower_org_admin"],
    needsReason: true,
    guard: (f) =>
      onboardingOpen(f) ??
      (f.isBeforeStart
        ? null
        : {
            code: "start_reached",
            de: "Der vereinbarte Beginn ist erreicht; der Einsatz beginnt ohne Begründung.",
            en: "The agreed start has been reached; start the deployment without a reason.",
          }),
  },
  activate_override: {
    from: ["agreed", "onboarding"],
    to: "active",
    by: ["borrower_org_admin", "lender_org_admin"],
    needsReason: true,
    guard: (f) => (f.inCrisis ? null : CRISIS_ONLY),
  },
  complete: { from: ["active"], to: "completed", by: ["borrower_org_admin", "lender_org_admin", "system"] },
  end_early: { from: RUNNING, to: "ended_early", by: ["borrower_org_admin", "lender_org_admin", "employee"], needsReason: true },
  cancel: {
    from: PENDING,
    to: "cancelled",
    by: ["lender_org_admin", "borrower_org_admin", "lender_department_head"],
    needsReason: true,
  },
  withdraw: { from: ["proposed"], to: "withdrawn", by: ["system"] },
  record_hearing: { from: ["proposed", "released"], to: "same", by: ["lender_org_admin"], guard: (f) => hearingDue(f, "tvoed") },
  record_sbv_hearing: { from: ["proposed", "released"], to: "same", by: ["lender_org_admin"], guard: (f) => hearingDue(f, "sbv") },
};

/** Each hearing as the refusals name it. */
const HEARING: Record<Hearing, { de: string; en: string }> = {
  tvoed: { de: "die Anhörung der beschäftigten Person (§ 4 Abs. 1 TVöD)", en: "the employee's hearing (§ 4 (1) TVöD)" },
  sbv: {
    de: "die Anhörung der Schwerbehindertenvertretung (§ 178 Abs. 2 SGB IX)",
    en: "the hearing of the severe-disability representative (§ 178 (2) SGB IX)",
  },
};

function hearingDue(f: WorkflowFacts, hearing: Hearing): Refusal | null {
  return f.missingHearings.includes(hearing)
    ? null
    : { code: "hearing_not_due", de: "Diese Anhörung steht hier nicht an.", en: "This hearing is not due here." };
}

function onboardingOpen(f: WorkflowFacts): Refusal | null {
  return f.openRequiredOnboarding > 0
    ? {
        code: "onboarding_open",
        de: `Es sind noch ${f.openRequiredOnboarding} erforderliche Punkte der Einarbeitung offen.`,
        en: `${f.openRequiredOnboarding} required onboarding items are still open.`,
      }
    : null;
}

function beforeStart(f: WorkflowFacts): Refusal {
  return {
    code: "before_start",
    de: `Der Einsatz beginnt laut Vereinbarung am ${longDate(f.startsOn, "de")}. Früher beginnt er nur mit Begründung („Einsatz vor dem vereinbarten Beginn beginnen“).`,
    en: `The agreed start is ${longDate(f.startsOn, "en")}. An earlier start needs a reason ("Start before the agreed date").`,
  };
}

const CRISIS_ONLY: Refusal = {
  code: "crisis_only",
  de: "Das ist nur in einer ausgerufenen Krise zulässig.",
  en: "This is allowed only in a declared crisis.",
};
const NO_COUNCIL_DECISION_DUE: Refusal = {
  code: "no_decision_due",
  de: "Eine Entscheidung des Personalrats steht hier nicht aus.",
  en: "No staff council decision is due here.",
};

export type Decision = { ok: true; to: SecondmentState } | { ok: false; refusal: Refusal };

/**
 * Whether someone holding `roles` may perform `action` in `state`, and where it leads. The lender's
 * department head may cancel only a proposal (refusing the release).
 */
export function decide(
  state: SecondmentState,
  action: Action,
  roles: ReadonlySet<WorkflowRole>,
  facts: WorkflowFacts,
  reason?: string | null,
): Decision {
  const rule = RULES[action];
  if (!rule.from.includes(state)) {
    return {
      ok: false,
      refusal: { code: "wrong_state", de: "In diesem Stand ist das nicht möglich.", en: "This is not possible in the current state." },
    };
  }
  const allowed = rule.by.filter((r) => roles.has(r) && !(action === "cancel" && r === "lender_department_head" && state !== "proposed"));
  if (allowed.length === 0) {
    return { ok: false, refusal: { code: "not_your_step", de: "Dieser Schritt ist nicht Ihrer.", en: "This step is not yours." } };
  }
  if (rule.needsReason && !reason?.trim()) {
    return { ok: false, refusal: { code: "reason_required", de: "Bitte geben Sie einen Grund an.", en: "Please give a reason." } };
  }
  const refusal = rule.guard?.(facts, state) ?? null;
  if (refusal) return { ok: false, refusal };
  const to = rule.to === "same" ? state : typeof rule.to === "function" ? rule.to(state, facts) : rule.to;
  return { ok: true, to };
}

/** The actions someone holding `roles` can take now (for buttons), without the reason check. */
export function availableActions(state: SecondmentState, roles: ReadonlySet<WorkflowRole>, facts: WorkflowFacts): Action[] {
  return ACTIONS.filter((a) => a !== "withdraw" && a !== "council_deemed" && decide(state, a, roles, facts, "x").ok);
}

/** Steps that move a secondment forward: whoever can take one of them is waited for. */
export const PROGRESS_ACTIONS: ReadonlySet<Action> = new Set([
  "release",
  "approve",
  "accept",
  "council_consent",
  "confirm",
  "begin_onboarding",
  "activate",
  "record_hearing",
  "record_sbv_hearing",
]);

/** Whether a secondment waits for someone holding `roles`: a forward step is theirs, or their side's onboarding is open. */
export function isWaitingFor(
  state: SecondmentState,
  roles: ReadonlySet<WorkflowRole>,
  facts: WorkflowFacts,
  openOwnOnboarding: number,
): boolean {
  return nextStepFor(state, roles, facts, openOwnOnboarding) !== null;
}

/** The step a secondment waits for from someone holding `roles`: a forward step of theirs, or their side's onboarding items. */
export function nextStepFor(
  state: SecondmentState,
  roles: ReadonlySet<WorkflowRole>,
  facts: WorkflowFacts,
  openOwnOnboarding: number,
): Action | "onboarding" | null {
  const available = availableActions(state, roles, facts);
  // A hearing still to record comes before the approval it holds up.
  const step =
    available.find((a) => a === "record_hearing" || a === "record_sbv_hearing") ?? available.find((a) => PROGRESS_ACTIONS.has(a));
  if (step) return step;
  return (state === "agreed" || state === "onboarding") && openOwnOnboarding > 0 ? "onboarding" : null;
}

/** Refusals that only wait for something to happen (an item ticked, a hearing recorded, a date reached). */
export const WAITING_CODES = ["hearing_missing", "onboarding_open", "before_start"] as const;
export type WaitingCode = (typeof WAITING_CODES)[number];

/**
 * The caller's steps that are theirs in this state but not possible yet, each with what it waits
 * for — so that the page says "Einsatz beginnen ist möglich, sobald …" instead of hiding the step.
 */
export function waitingActions(
  state: SecondmentState,
  roles: ReadonlySet<WorkflowRole>,
  facts: WorkflowFacts,
): Array<{ action: Action; code: WaitingCode }> {
  return ACTIONS.flatMap((action) => {
    if (!PROGRESS_ACTIONS.has(action)) return [];
    const decision = decide(state, action, roles, facts, "x");
    const code = decision.ok ? null : decision.refusal.code;
    return (WAITING_CODES as readonly string[]).includes(code ?? "") ? [{ action, code: code as WaitingCode }] : [];
  });
}

/** The council status after an action. */
export function councilStatusAfter(action: Action, before: CouncilStatus, facts: WorkflowFacts): CouncilStatus {
  if (action === "accept") return facts.councilRequired ? "pending" : "not_required";
  if (action === "council_consent") return "consented";
  if (action === "council_refuse") return "refused";
  if (action === "council_deemed") return "deemed";
  if (action === "start_provisionally") return "provisional";
  return before;
}

/** Whole days from `a` to `b` inclusive (ISO dates). */
export function daysInclusive(a: string, b: string): number {
  return Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000) + 1;
}

/** Whether two periods (ISO dates, inclusive) overlap. */
export const overlaps = (a: { startsOn: string; endsOn: string }, b: { startsOn: string; endsOn: string }) =>
  a.startsOn <= b.endsOn && b.startsOn <= a.endsOn;

/**
 * The first interval of at least `length` days, starting at or after `from`, that overlaps none of
 * the `busy` periods: the "next free interval" a refusal names.
 */
export function nextFreeInterval(busy: Array<{ startsOn: string; endsOn: string }>, from: string, length: number) {
  const sorted = [...busy].sort((a, b) => a.startsOn.localeCompare(b.startsOn));
  let start = from;
  for (;;) {
    const candidate = { startsOn: start, endsOn: addDays(start, length - 1) };
    const clash = sorted.find((b) => overlaps(b, candidate));
    if (!clash) return candidate;
    start = addDays(clash.endsOn, 1);
  }
}

/**
 * More than three months (§ 4 Abs. 1 TVöD: hearing before a secondment of more than three months).
 * Three months from the first day end, as §§ 187 Abs. 2, 188 Abs. 2 and 3 BGB count them, on the
 * day before the same day of the month three months later — or on that month's last day when it
 * has no such day: from 30 November, on 28 February (not 1 March).
 */
export function isLongerThanThreeMonths(startsOn: string, endsOn: string): boolean {
  const [year, month, day] = startsOn.split("-").map(Number);
  // `month` counts from 1, Date.UTC from 0: index month + 2 is the month three later.
  const daysInTarget = new Date(Date.UTC(year, month + 3, 0)).getUTCDate();
  const limit =
    day > daysInTarget
      ? new Date(Date.UTC(year, month + 2, daysInTarget)).toISOString().slice(0, 10)
      : addDays(new Date(Date.UTC(year, month + 2, day)).toISOString().slice(0, 10), -1);
  return endsOn > limit;
}
