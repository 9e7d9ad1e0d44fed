import type { Role } from "./roles";

/** The signed-in account a request acts for, as loaded with its session. */
export interface Actor {
  accountId: string;
  regionId: string;
  /** The actor's administration: every tenant-scoped query filters on it. */
  organizationId: string;
  departmentId: string | null;
  login: string;
  displayName: string;
  roles: readonly Role[];
  sessionId: string;
  csrfToken: string;
}

/** Whether the actor holds `role`. */
export function hasRole(actor: Actor | null | undefined, role: Role): boolean {
  return !!actor && actor.roles.includes(role);
}

/**
 * A machine client acting with an administration's API key (`Authorization: Bearer vbk_…`). It is
 * not an {@link Actor}: it holds no role and no session, and is set on `request.apiKey` (never on
 * `request.actor`) only on routes whose gate names one of its scopes (`apiKeyScope`), so no route
 * that reads `request.actor` can be reached with a key by accident.
 */
export interface ApiKeyActor {
  kind: "api_key";
  apiKeyId: string;
  /** What the key is for ("Fachverfahren Bürgeramt"). */
  name: string;
  /** The key's public prefix (`vbk_3f9aXq7L`): how the audit log names it. */
  prefix: string;
  regionId: string;
  /** The administration the key was issued to: everything it submits is for this administration. */
  organizationId: string;
  scopes: readonly string[];
}
