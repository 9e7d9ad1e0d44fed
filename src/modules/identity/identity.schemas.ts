import { z } from "zod";
import { ROLES } from "../../kernel/roles";

export const RoleSchema = z.enum(ROLES);

export const LoginBody = z
  .object({
    login: z.string().trim().min(1).max(254).describe("Login name (e-mail address)"),
    password: z.string().min(1).max(256),
  })
  .strict();

export const OrganizationRef = z.object({
  id: z.uuid(),
  ags: z.string(),
  name: z.string(),
  kind: z.enum(["region", "municipality"]),
});

export const DepartmentRef = z.object({ id: z.uuid(), key: z.string(), name: z.string() });

export const Me = z.object({
  id: z.uuid(),
  login: z.string(),
  displayName: z.string(),
  locale: z.enum(["de", "en"]),
  roles: z.array(RoleSchema),
  organization: OrganizationRef,
  department: DepartmentRef.nullable(),
  /** What the account may do in each capability (keys from the modules' manifests, see `meSchema`). */
  abilities: z.record(z.string(), z.boolean()),
});

/**
 * `Me` with one boolean per ability the modules declare (`src/modules/index.ts`), so that the
 * OpenAPI document and the web client name each of them.
 */
export function meSchema(abilityKeys: readonly string[]) {
  return Me.extend({ abilities: z.object(Object.fromEntries(abilityKeys.map((key) => [key, z.boolean()]))) });
}

export const SessionInfo = z.object({
  csrfToken: z.string(),
  idleTimeoutSeconds: z.number().int(),
  idleExpiresAt: z.string(),
  /** Seconds until the idle limit, by the server's clock: clients count down from this, immune to clock skew. */
  idleRemainingSeconds: z.number().int(),
  touchIntervalSeconds: z
    .number()
    .int()
    .describe(
      "Activity is recorded at most this often: after any request the session lasts at least idleTimeoutSeconds − touchIntervalSeconds more (count down from that)",
    ),
  absoluteExpiresAt: z.string(),
});

/** The answer to a sign-in: the session and the account, with the abilities named (see {@link meSchema}). */
export const loginResponseSchema = (abilityKeys: readonly string[]) => SessionInfo.extend({ me: meSchema(abilityKeys) });

export const SessionStatus = z.union([
  SessionInfo.extend({ authenticated: z.literal(true) }),
  z.object({ authenticated: z.literal(false) }),
]);

export const UpdateMeBody = z
  .object({
    displayName: z.string().trim().min(2).max(120).optional(),
    locale: z.enum(["de", "en"]).optional(),
  })
  .strict();

export const ChangePasswordBody = z
  .object({
    currentPassword: z.string().min(1).max(256),
    newPassword: z.string().min(12).max(256),
  })
  .strict();

export const Account = z.object({
  id: z.uuid(),
  login: z.string(),
  displayName: z.string(),
  roles: z.array(RoleSchema),
  department: DepartmentRef.nullable(),
  isActive: z.boolean(),
  createdAt: z.string(),
  lastSignedInAt: z.string().nullable().describe("Last successful sign-in; null when nobody has signed in to the account yet"),
  identity: z
    .object({ issuer: z.string(), subject: z.string(), linkedAt: z.string() })
    .nullable()
    .describe("The identity at the administration's provider this account is linked to"),
  abilities: z.object({
    update: z.boolean(),
    /** False for the caller's own account: nobody changes their own roles. */
    changeRoles: z.boolean(),
    /** Whether the caller may link this account to a provider identity: a provider is in force, and it is not the caller's own nor a region_admin or staff_council account. */
    linkIdentity: z.boolean(),
    /** Why the caller may not link this account, as `PUT /accounts/:id/identity` would refuse it; null when it may. */
    linkIdentityRefusal: z
      .enum(["own_account", "holder_only", "no_provider"])
      .nullable()
      .describe("Why the caller may not link this account: its own, only its holder links it, or no provider in force; null when it may"),
    /** Roles the caller may grant (roles the account holds already may stay). */
    grantableRoles: z.array(RoleSchema).describe("Roles the caller may grant; roles the account holds already may stay"),
  }),
});

export const CreateAccountBody = z
  .object({
    login: z.email().max(254),
    displayName: z.string().trim().min(2).max(120),
    roles: z.array(RoleSchema).min(1).max(ROLES.length),
    departmentId: z.uuid().nullable().optional(),
    initialPassword: z.string().min(12).max(256),
  })
  .strict();

export const UpdateAccountBody = z
  .object({
    displayName: z.string().trim().min(2).max(120).optional(),
    roles: z.array(RoleSchema).min(1).max(ROLES.length).optional(),
    departmentId: z.uuid().nullable().optional(),
    isActive: z.boolean().optional(),
  })
  .strict();

export const IdParams = z.object({ id: z.uuid() });
