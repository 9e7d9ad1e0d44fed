import { z } from "zod";
import { isoDate } from "../../server/input-schemas";
import { ACTIONS, SECONDMENT_STATES, WAITING_CODES, WORKFLOW_ROLES } from "../../domain/secondment/workflow";

const HEARINGS = ["tvoed", "sbv"] as const;
import { SETTLEMENT_MODELS } from "../support-requests";
import { OVERHEAD_KINDS } from "../../domain/settlement/overhead";

export const OnboardingItem = z.object({
  key: z.enum(["it_account", "device", "workplace", "badge", "briefing"]),
  side: z.enum(["lender", "borrower"]),
  isRequired: z.boolean(),
  dueOn: z.string().nullable(),
  status: z.enum(["open", "done", "not_needed"]),
  doneAt: z.string().nullable(),
  canUpdate: z.boolean().describe("Whether the caller may tick this item: its side's HR office, from the agreement to the end"),
});

export const Secondment = z.object({
  id: z.uuid(),
  /** The short reference both administrations see, also on statement lines: "A-3F2C9B1E" (no person's name). */
  reference: z.string(),
  state: z.enum(SECONDMENT_STATES),
  lender: z.object({ id: z.uuid(), name: z.string(), officialName: z.string().describe('"Stadt Garbsen", "Region Hannover"') }),
  borrower: z.object({ id: z.uuid(), name: z.string(), officialName: z.string() }),
  /** The request the secondment fills, with the borrower's receiving department where the request names one. */
  request: z.object({ id: z.uuid(), title: z.string(), department: z.string().nullable() }).nullable(),
  /** The name (and e-mail) only for the lender, the person, and the borrower once the person has accepted. */
  person: z.object({
    name: z.string().nullable(),
    jobTitle: z.string(),
    payGroup: z.string(),
    department: z.string().nullable(),
    workEmail: z.string().nullable(),
  }),
  startsOn: z.string(),
  endsOn: z.string(),
  hoursPerWeek: z.number().int(),
  place: z.string().nullable(),
  tasks: z.string(),
  destination: z
    .object({
      administration: z.string(),
      department: z.string().nullable(),
      address: z.string().nullable(),
      contact: z.object({ name: z.string(), email: z.string(), phone: z.string().nullable() }).nullable(),
      firstDay: z.object({ date: z.string(), time: z.string().nullable(), place: z.string().nullable(), note: z.string().nullable() }),
    })
    .describe("Where the person goes: receiving administration and department, address, whom to ask, the first day"),
  settlementModel: z.enum(SETTLEMENT_MODELS),
  overhead: z
    .object({
      kind: z.enum(OVERHEAD_KINDS),
      percent: z.number().nullable().describe("The percentage that applies; for office and other the region's parameter (null in lists)"),
      words: z.object({ de: z.string(), en: z.string() }).describe('"20 % (Büroarbeitsplatz, Rahmenvereinbarung)"'),
    })
    .describe("The overhead surcharge the agreement states: the framework agreement's office or other rate, none, or an agreed percentage"),
  employmentStatus: z.enum(["employee", "civil_servant"]),
  legalBasis: z.string(),
  councilStatus: z.enum(["not_required", "pending", "consented", "deemed", "refused", "provisional"]),
  councilDeadline: z.string().nullable(),
  isExtension: z.boolean(),
  amendsId: z.uuid().nullable(),
  myRoles: z.array(z.enum(WORKFLOW_ROLES)),
  /** The steps the caller can take now. */
  actions: z.array(z.enum(ACTIONS)),
  actionsNeedingReason: z.array(z.enum(ACTIONS)).describe("Those of `actions` that are refused without a reason"),
  isWaitingForMe: z.boolean(),
  nextStepForMe: z
    .union([z.enum(ACTIONS), z.literal("onboarding")])
    .nullable()
    .describe("The step that waits for the caller, or `onboarding` for the items of the caller's side"),
  waitingFor: z
    .array(
      z.object({
        action: z.enum(ACTIONS),
        code: z.enum(WAITING_CODES),
        items: z.array(z.object({ key: OnboardingItem.shape.key, party: z.string() })),
        date: z.string().nullable(),
        hearings: z.array(z.enum(HEARINGS)),
      }),
    )
    .describe(
      "The caller's steps that are not possible yet, each with what it waits for: open onboarding items, the start date, a hearing",
    ),
  councilOutlook: z
    .object({
      kind: z.enum(["will_be_asked", "not_required", "not_asked"]),
      because: z.enum(["every_secondment", "longer_than_three_months", "at_most_three_months"]).nullable(),
    })
    .nullable()
    .describe("Where the council status alone would mislead (nobody asked yet): whether the council will be asked, and why"),
  missingHearings: z.array(z.enum(HEARINGS)).nullable().describe("Hearings still to record before the approval (lender only)"),
  hearingRecordedAt: z.string().nullable(),
  sbvHearingRecordedAt: z.string().nullable(),
  updatedAt: z.string(),
  abilities: z.object({
    extend: z.boolean().describe("Whether the caller may propose an extension"),
    downloadAgreement: z.boolean().describe("Whether the agreement PDF is drawn for the caller"),
    downloadOrder: z.boolean().describe("Whether the secondment order PDF (civil servants) is drawn for the caller"),
    openRequest: z.boolean().describe("Whether the caller may open the request"),
    editFirstDay: z.boolean().describe("Whether the caller may say when and where the first day begins"),
    editOverhead: z
      .boolean()
      .describe("Whether the caller may set the agreement's overhead surcharge (lending HR office, before the confirmation)"),
  }),
  timeline: z.array(
    z.object({
      action: z.string(),
      fromState: z.string().nullable(),
      toState: z.string(),
      actorName: z.string(),
      onBehalfOf: z.string().nullable(),
      reason: z.string().nullable(),
      at: z.string(),
      event: z.object({ de: z.string(), en: z.string() }).describe('What happened: "Personalamt Wunstorf hat genehmigt"'),
    }),
  ),
  onboarding: z.array(OnboardingItem),
  frameworkAgreement: z.object({ id: z.uuid(), version: z.number().int(), title: z.string() }).nullable(),
});

export const ProposeBody = z.object({ requestId: z.uuid(), memberId: z.uuid() }).strict();

export const TransitionBody = z
  .object({
    action: z.enum(ACTIONS).exclude(["withdraw", "council_deemed"]),
    reason: z.string().trim().max(2000).nullable().optional(),
  })
  .strict();

const PERCENT = {
  de: "Geben Sie einen Prozentsatz von 0 bis 100 mit höchstens zwei Nachkommastellen ein, z. B. 12,5.",
  en: "Enter a percentage from 0 to 100 with at most two decimals, e.g. 12.5.",
};

export const OverheadBody = z.discriminatedUnion("kind", [
  z.object({ kind: z.enum(["office", "other", "none"]) }).strict(),
  z
    .object({
      kind: z.literal("agreed"),
      /** The agreed percentage, 0–100 with at most two decimals. */
      percent: z.number().refine((p) => Number.isFinite(p) && p >= 0 && p <= 100 && Math.abs(p * 100 - Math.round(p * 100)) < 1e-6, {
        message: PERCENT.en,
        params: PERCENT,
      }),
    })
    .strict(),
]);

const TIME_OF_DAY = { de: "Geben Sie die Uhrzeit im Format 08:30 ein.", en: "Enter the time like 08:30." };

export const FirstDayBody = z
  .object({
    /** When to report, "08:30". */
    time: z
      .string()
      .trim()
      .refine((value) => /^([01]\d|2[0-3]):[0-5]\d$/.test(value), { message: TIME_OF_DAY.en, params: TIME_OF_DAY })
      .nullable(),
    place: z.string().trim().max(300).nullable(),
    note: z.string().trim().max(2000).nullable(),
  })
  .strict();

export const OnboardingBody = z
  .object({
    items: z
      .array(
        z.object({ key: OnboardingItem.shape.key, status: OnboardingItem.shape.status, dueOn: isoDate.nullable().optional() }).strict(),
      )
      .min(1)
      .max(5),
  })
  .strict();

export const FrameworkAgreement = z.object({
  id: z.uuid(),
  version: z.number().int(),
  title: z.string(),
  body: z.string(),
  validFrom: z.string(),
  createdAt: z.string(),
  isInForce: z.boolean(),
});

export const FrameworkAgreementBody = z
  .object({ title: z.string().trim().min(3).max(200), body: z.string().trim().min(20).max(50_000), validFrom: isoDate })
  .strict();

export const Settings = z.object({
  councilScope: z.enum(["all", "longer_than_3_months"]),
  councilDeadlineWorkingDays: z.number().int().min(1).max(60),
  maxLentTotal: z.number().int().min(0).max(10_000).nullable(),
  departmentCaps: z.array(z.object({ departmentId: z.uuid(), name: z.string(), maxLent: z.number().int().min(0).max(1000).nullable() })),
});

export const SettingsBody = z
  .object({
    councilScope: Settings.shape.councilScope,
    councilDeadlineWorkingDays: Settings.shape.councilDeadlineWorkingDays,
    maxLentTotal: Settings.shape.maxLentTotal,
    departmentCaps: z.array(z.object({ departmentId: z.uuid(), maxLent: z.number().int().min(0).max(1000).nullable() }).strict()).max(100),
  })
  .strict();

export const Deputy = z.object({
  id: z.uuid(),
  principal: z.object({ id: z.uuid(), name: z.string() }),
  deputy: z.object({ id: z.uuid(), name: z.string() }),
  startsOn: z.string(),
  endsOn: z.string(),
});

export const DeputyBody = z
  .object({ principalAccountId: z.uuid().optional(), deputyAccountId: z.uuid(), startsOn: isoDate, endsOn: isoDate })
  .strict();
