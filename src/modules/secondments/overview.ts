import { z } from "zod";
import { ACTIONS, FINAL_STATES, RULES, SECONDMENT_STATES, type Action, type SecondmentState } from "../../domain/secondment/workflow";
import { defineOverview } from "../../kernel/overviews";
import { presentMany } from "./present";
import { countVisibleExchange, listOwnSecondments } from "./secondment-scope";
import { stepOf, waitingSecondments } from "./tasks";

// The start page's sections of secondments: what the administration lends and borrows (the
// mayor's and the HR office's view), the HR office's queue, and the employee's own secondments.

/** Deployed: the secondment has begun. */
export const DEPLOYED_STATES: readonly SecondmentState[] = ["active"];
/** Agreed, not begun yet (onboarding under way). */
export const AGREED_STATES: readonly SecondmentState[] = ["agreed", "onboarding"];

const Partner = z.object({
  organization: z.object({ id: z.uuid(), name: z.string() }),
  lentOut: z.number().int().describe("Own staff deployed there (state active)"),
  borrowedIn: z.number().int().describe("Its staff deployed here (state active)"),
  lentAgreed: z.number().int().describe("Own staff agreed to go there, not begun yet (agreed, onboarding)"),
  borrowedAgreed: z.number().int().describe("Its staff agreed to come here, not begun yet (agreed, onboarding)"),
});

/** Secondments of the administration per partner administration: deployed and agreed, each way. Counts only. */
export const exchangeOverview = defineOverview({
  schema: Partner.omit({ organization: true }).extend({
    partners: z.array(Partner).describe("Per partner administration, A–Z"),
  }),
  roles: {
    region_admin: false,
    org_admin: true,
    department_head: false,
    clerk: false,
    employee: false,
    staff_council: false,
    finance: true,
    reporter: false,
    climate_manager: false,
    moderator: false,
    management: true,
  },
  async load({ db, actor }) {
    const rows = await countVisibleExchange(db, actor, { running: DEPLOYED_STATES, upcoming: AGREED_STATES });
    const partners = rows
      .map((r) => ({
        organization: { id: r.partnerId, name: r.partnerName },
        lentOut: r.lentOut,
        borrowedIn: r.borrowedIn,
        lentAgreed: r.lentUpcoming,
        borrowedAgreed: r.borrowedUpcoming,
      }))
      .sort((a, b) => new Intl.Collator("de").compare(a.organization.name, b.organization.name));
    const sum = (key: "lentOut" | "borrowedIn" | "lentAgreed" | "borrowedAgreed") => partners.reduce((s, p) => s + p[key], 0);
    return {
      lentOut: sum("lentOut"),
      borrowedIn: sum("borrowedIn"),
      lentAgreed: sum("lentAgreed"),
      borrowedAgreed: sum("borrowedAgreed"),
      partners,
    };
  },
});

/** An HR office's step: one the workflow gives to the lending or the borrowing HR office. */
const isHrStep = (action: Action | undefined) =>
  action === undefined || RULES[action].by.some((role) => role === "lender_org_admin" || role === "borrower_org_admin");

/**
 * The HR office's queue: its secondments waiting for a step of the HR office, counted per step —
 * the task list's rule (`waitingSecondments`), so queue and task list never disagree.
 */
export const hrQueueOverview = defineOverview({
  schema: z.object({
    total: z.number().int(),
    steps: z.array(
      z.object({
        key: z.string().describe("The workflow action, or `onboarding` for open onboarding items of the office's side"),
        step: z.object({ de: z.string(), en: z.string() }),
        count: z.number().int(),
      }),
    ),
  }),
  roles: {
    region_admin: false,
    org_admin: true,
    department_head: false,
    clerk: false,
    employee: false,
    // The staff council decides independently of the employer: it does not see the employer's queue.
    staff_council: false,
    finance: false,
    reporter: false,
    climate_manager: false,
    moderator: false,
    management: false,
  },
  async load({ db, actor }) {
    const counts = new Map<string, number>();
    for (const { action } of await waitingSecondments(db, actor)) {
      if (isHrStep(action)) counts.set(action ?? "onboarding", (counts.get(action ?? "onboarding") ?? 0) + 1);
    }
    const order = [...ACTIONS, "onboarding"];
    const steps = [...counts]
      .sort(([a], [b]) => order.indexOf(a) - order.indexOf(b))
      .map(([key, count]) => ({ key, step: stepOf(key === "onboarding" ? undefined : (key as Action)), count }));
    return { total: steps.reduce((s, x) => s + x.count, 0), steps };
  },
});

/** The employee's secondments that are not over: from the proposal to the deployment. */
const OWN_STATES: readonly SecondmentState[] = SECONDMENT_STATES.filter((s) => !FINAL_STATES.has(s));
/** How many of them the start page shows (the list has them all). */
const OWN_LIMIT = 20;

/** The employee's own secondments, current and upcoming, soonest first. */
export const ownSecondmentsOverview = defineOverview({
  schema: z.object({
    items: z.array(
      z.object({
        id: z.uuid(),
        state: z.enum(SECONDMENT_STATES),
        lender: z.object({ id: z.uuid(), name: z.string() }),
        borrower: z.object({ id: z.uuid(), name: z.string() }),
        request: z.object({ id: z.uuid(), title: z.string(), department: z.string().nullable() }).nullable(),
        startsOn: z.string(),
        endsOn: z.string(),
        isWaitingForMe: z.boolean(),
      }),
    ),
  }),
  roles: {
    region_admin: false,
    org_admin: false,
    department_head: false,
    clerk: false,
    employee: true,
    staff_council: false,
    finance: false,
    reporter: false,
    climate_manager: false,
    moderator: false,
    management: false,
  },
  async load({ db, actor }) {
    const rows = await listOwnSecondments(db, actor, OWN_STATES, OWN_LIMIT);
    const presented = await presentMany(db, actor, rows);
    return {
      items: presented.map((s) => ({
        id: s.id,
        state: s.state,
        lender: s.lender,
        borrower: s.borrower,
        request: s.request,
        startsOn: s.startsOn,
        endsOn: s.endsOn,
        isWaitingForMe: s.isWaitingForMe,
      })),
    };
  },
});
