import { z } from "zod";
import { isoDate } from "../../server/input-schemas";
import { ACTIONS, SECONDMENT_STATES, WORKFLOW_ROLES } from "../../domain/secondment/workflow";
import { SETTLEMENT_MODELS } from "../support-requests";

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
  state: z.enum(SECONDMENT_STATES),
  lender: z.object({ id: z.uuid(), name: z.string() }),
  borrower: z.object({ id: z.uuid(), name: z.string() }),
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
  settlementModel: z.enum(SETTLEMENT_MODELS),
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
  missingHearings: z.number().int().nullable(),
  hearingRecordedAt: z.string().nullable(),
  sbvHearingRecordedAt: z.string().nullable(),
  updatedAt: z.string(),
  abilities: z.object({
    extend: z.boolean().describe("Whether the caller may propose an extension"),
    downloadAgreement: z.boolean().describe("Whether the agreement PDF is drawn for the caller"),
    downloadOrder: z.boolean().describe("Whether the secondment order PDF (civil servants) is drawn for the caller"),
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
