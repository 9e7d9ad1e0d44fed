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
