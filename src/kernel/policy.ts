import type { Actor } from "./actor";
import type { Role } from "./roles";

/**
 * The access rule a route declares in `config.policy`. The app refuses to start when an API
 * route has none (`plugins/auth.ts`), and the tenant-isolation test tries every such route.
 */
export interface RouteGate {
  /** `resource.action`, for logs, OpenAPI and the tests. */
  readonly name: string;
  /** Whether the route answers without a signed-in account. */
  readonly isPublic: boolean;
  /** Whether this actor may call the route at all; resource-level checks follow in the use case. */
  allows(actor: Actor): boolean;
  /**
   * The API-key scope the route accepts (`Authorization: Bearer vbk_…`, see {@link acceptingApiKey}).
   * Without it a request carrying a key is refused (403), whatever else it carries.
   */
  readonly apiKeyScope?: ApiKeyScope;
  /** False when only an API key may call the route (a signed-in account is refused); default true. */
  readonly acceptsSession?: boolean;
}

/** What an API key may be allowed to do; a route accepts a key only for the scope it names. */
export const API_KEY_SCOPES = ["submissions"] as const;
/** One of {@link API_KEY_SCOPES}. */
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/**
 * The gate `gate`, which also lets in an administration's API key holding `scope` (the key's
 * request then carries `request.apiKey`, not `request.actor`; the handler must serve both).
 */
export function acceptingApiKey(gate: RouteGate, scope: ApiKeyScope): RouteGate {
  return { ...gate, apiKeyScope: scope };
}

/** A route only an API key holding `scope` may call (e.g. a client checking its own key). */
export function apiKeyOnly(name: string, scope: ApiKeyScope): RouteGate {
  return { name, isPublic: false, allows: () => false, apiKeyScope: scope, acceptsSession: false };
}

/** Anyone, signed in or not (health checks, public data). */
export const publicAccess: RouteGate = { name: "public", isPublic: true, allows: () => true };

/** Any signed-in account, acting on its own data only (own profile, own session). */
export const selfAccess: RouteGate = { name: "self", isPublic: false, allows: () => true };

/** A resource's policy: which role may perform which action (a role table per resource). */
export interface Policy<A extends string> {
  readonly resource: string;
  /** Whether the actor may perform `action` on this kind of resource. */
  can(actor: Actor | null | undefined, action: A): boolean;
  /** The route gate for `action`. */
  gate(action: A): RouteGate;
  /** Every action the actor may perform, for `abilities` in responses. */
  abilities(actor: Actor | null | undefined): Record<A, boolean>;
}

/**
 * Builds a policy from a role table. Write the table with `satisfies Record<Role, readonly A[]>`
 * so that a new role breaks the build until someone decides what it may do.
 */
export function definePolicy<A extends string>(resource: string, actions: readonly A[], table: Record<Role, readonly A[]>): Policy<A> {
  const can = (actor: Actor | null | undefined, action: A) => !!actor && actor.roles.some((role) => table[role].includes(action));
  return {
    resource,
    can,
    gate: (action) => ({ name: `${resource}.${action}`, isPublic: false, allows: (actor) => can(actor, action) }),
    abilities: (actor) => Object.fromEntries(actions.map((a) => [a, can(actor, a)])) as Record<A, boolean>,
  };
}
