import { z } from "zod";
import { END_BEFORE_START, isoDate } from "../../server/input-schemas";

export const URGENCIES = ["crisis", "urgent", "normal"] as const;
// The three settlement models are the settlement domain's (one list for requests, secondments and statements).
import { SETTLEMENT_MODELS } from "../../domain/settlement/statement";
export { SETTLEMENT_MODELS };
export const REQUEST_STATUSES = ["draft", "open", "partly_filled", "filled", "closed", "cancelled"] as const;

/** Request fields without defaults: a PATCH changes only what it names. */
const RequestBase = z.object({
  title: z.string().trim().min(3).max(160),
  tasks: z.string().trim().min(3).max(4000),
  departmentId: z.uuid().nullable().optional(),
  placeAddress: z.string().trim().max(200).nullable().optional(),
  /** Place of work; default the administration's reference point. */
  placeLat: z.number().min(-90).max(90).optional(),
  placeLon: z.number().min(-180).max(180).optional(),
  isRemotePossible: z.boolean(),
  headcount: z.number().int().min(1).max(500),
  startsOn: isoDate,
  endsOn: isoDate,
  hoursPerWeek: z.number().int().min(1).max(41),
  urgency: z.enum(URGENCIES),
  settlementModel: z.enum(SETTLEMENT_MODELS),
  contactName: z.string().trim().min(2).max(120),
  contactEmail: z.email().max(254),
  contactPhone: z.string().trim().max(40).nullable().optional(),
  requiredQualificationIds: z.array(z.uuid()).max(10),
  preferredQualificationIds: z.array(z.uuid()).max(10),
  crisisId: z.uuid().nullable().optional(),
});

/** The same fields for a new request, with defaults for what may be left out. */
export const RequestFields = RequestBase.extend({
  isRemotePossible: RequestBase.shape.isRemotePossible.default(false),
  requiredQualificationIds: RequestBase.shape.requiredQualificationIds.default([]),
  preferredQualificationIds: RequestBase.shape.preferredQualificationIds.default([]),
});

export const CreateRequestBody = RequestFields.extend({ status: z.enum(["draft", "open"]).default("draft") })
  .strict()
  .refine((r) => r.endsOn >= r.startsOn, { message: "endsOn before startsOn", path: ["endsOn"], params: END_BEFORE_START });

export const UpdateRequestBody = RequestBase.partial().strict();

export const TransitionBody = z.object({ status: z.enum(["open", "closed", "cancelled"]) }).strict();

export const SupportRequest = z.object({
  id: z.uuid(),
  organization: z.object({ id: z.uuid(), name: z.string() }),
  department: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  crisis: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  title: z.string(),
  tasks: z.string(),
  placeAddress: z.string().nullable(),
  placeLat: z.number(),
  placeLon: z.number(),
  isRemotePossible: z.boolean(),
  headcount: z.number().int(),
  startsOn: z.string(),
  endsOn: z.string(),
  hoursPerWeek: z.number().int(),
  urgency: z.enum(URGENCIES),
  settlementModel: z.enum(SETTLEMENT_MODELS),
  contactName: z.string(),
  contactEmail: z.string(),
  contactPhone: z.string().nullable(),
  status: z.enum(REQUEST_STATUSES),
  requiredQualifications: z.array(z.object({ id: z.uuid(), name: z.string() })),
  preferredQualifications: z.array(z.object({ id: z.uuid(), name: z.string() })),
  /** People proposed and still in the workflow. */
  offered: z.number().int(),
  /** People agreed, onboarding, active or completed. */
  filled: z.number().int(),
  isOwn: z.boolean(),
  /** For a lending HR office: how many of its own active pool members are eligible. */
  eligibleOwnMembers: z.number().int().nullable(),
  abilities: z.object({
    update: z.boolean(),
    offer: z.boolean(),
    proposeFromRegion: z.boolean(),
    changeStatusTo: z.array(z.enum(["open", "closed", "cancelled"])).describe("The statuses the caller may move the request to"),
  }),
});

export const Crisis = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  declaredAt: z.string(),
  isActive: z.boolean(),
});

export const DeclareCrisisBody = z
  .object({
    name: z.string().trim().min(3).max(160),
    description: z.string().trim().min(3).max(4000),
    startsOn: isoDate,
    endsOn: isoDate.nullable().optional(),
  })
  .strict();
