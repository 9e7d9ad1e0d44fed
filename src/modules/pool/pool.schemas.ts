import { z } from "zod";
import { END_BEFORE_START, isoDate } from "../../server/input-schemas";
import { QUALIFICATION_CATEGORIES } from "./pool.tables";

/** Pay groups: TVöD E and S groups, civil-servant grades A and B. The group only, never the step. */
export const PAY_GROUP =
  /^(E (1|2|2Ü|3|4|5|6|7|8|9a|9b|9c|10|11|12|13|14|15|15Ü)|S (2|3|4|7|8a|8b|9|11a|11b|12|13|14|15|16|17|18)|A ([3-9]|1[0-6])|B ([1-9]|1[01]))$/;

export const Qualification = z.object({
  id: z.uuid(),
  key: z.string(),
  name: z.string(),
  category: z.enum(QUALIFICATION_CATEGORIES),
});

export const CreateQualificationBody = z
  .object({
    key: z
      .string()
      .trim()
      .min(2)
      .max(60)
      .regex(/^[a-z0-9_]+$/),
    name: z.string().trim().min(2).max(120),
    category: z.enum(QUALIFICATION_CATEGORIES),
  })
  .strict();

export const AvailabilityInput = z
  .object({ startsOn: isoDate, endsOn: isoDate, hoursPerWeek: z.number().int().min(1).max(41) })
  .strict()
  .refine((w) => w.endsOn >= w.startsOn, { message: "endsOn before startsOn", path: ["endsOn"], params: END_BEFORE_START });

export const HeldQualificationInput = z.object({ qualificationId: z.uuid(), validUntil: isoDate.nullable().optional() }).strict();

/** The fields of a pool entry a person or the HR office can set (no defaults: a PATCH changes only what it names). */
const PoolMemberBase = z.object({
  name: z.string().trim().min(2).max(120),
  workEmail: z.email().max(254),
  phone: z.string().trim().max(40).nullable(),
  jobTitle: z.string().trim().min(2).max(120),
  employmentStatus: z.enum(["employee", "civil_servant"]),
  payGroup: z.string().trim().regex(PAY_GROUP),
  departmentId: z.uuid().nullable(),
  languages: z.array(z.string().trim().min(2).max(40)).max(10),
  travelRadiusKm: z.number().int().min(0).max(300),
  canWorkRemotely: z.boolean(),
  notes: z.string().trim().max(1000).nullable(),
  qualifications: z.array(HeldQualificationInput).max(30),
  availability: z.array(AvailabilityInput).max(20),
});

/** The same fields for a new entry, with defaults for what may be left out. */
export const PoolMemberFields = PoolMemberBase.extend({
  phone: PoolMemberBase.shape.phone.optional(),
  departmentId: PoolMemberBase.shape.departmentId.optional(),
  notes: PoolMemberBase.shape.notes.optional(),
  languages: PoolMemberBase.shape.languages.default([]),
  travelRadiusKm: PoolMemberBase.shape.travelRadiusKm.default(25),
  canWorkRemotely: PoolMemberBase.shape.canWorkRemotely.default(false),
  qualifications: PoolMemberBase.shape.qualifications.default([]),
  availability: PoolMemberBase.shape.availability.default([]),
});

export const CreatePoolMemberBody = PoolMemberFields.extend({
  /** The HR office confirms that the person's written consent (current version) is on file. */
  hasConsent: z.literal(true),
  consentVersion: z.string(),
}).strict();

/**
 * Only the person may record a severe disability, so that the representative of severely disabled
 * employees is heard before a secondment (§ 178 Abs. 2 SGB IX).
 */
const SevereDisabilityChoice = { recordsSevereDisability: z.boolean().optional() };

export const JoinPoolBody = PoolMemberFields.partial({ name: true, workEmail: true })
  .extend({ hasConsent: z.literal(true), consentVersion: z.string(), ...SevereDisabilityChoice })
  .strict();

export const UpdatePoolMemberBody = PoolMemberBase.partial().strict();

export const UpdateOwnEntryBody = PoolMemberBase.partial().extend(SevereDisabilityChoice).strict();

export const HeldQualification = z.object({
  qualificationId: z.uuid(),
  name: z.string(),
  category: z.string(),
  validUntil: z.string().nullable(),
  isConfirmed: z.boolean(),
  /** Confirmed and not expired: only such a qualification counts for matching. */
  counts: z.boolean(),
});

export const PoolMember = z.object({
  id: z.uuid(),
  name: z.string(),
  workEmail: z.string(),
  phone: z.string().nullable(),
  jobTitle: z.string(),
  employmentStatus: z.enum(["employee", "civil_servant"]),
  payGroup: z.string(),
  department: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  languages: z.array(z.string()),
  travelRadiusKm: z.number().int(),
  canWorkRemotely: z.boolean(),
  notes: z.string().nullable(),
  consentVersion: z.string(),
  consentedAt: z.string(),
  isActive: z.boolean(),
  hasAccount: z.boolean(),
  qualifications: z.array(HeldQualification),
  availability: z.array(z.object({ id: z.uuid(), startsOn: z.string(), endsOn: z.string(), hoursPerWeek: z.number().int() })),
});
