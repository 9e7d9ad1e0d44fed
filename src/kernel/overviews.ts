import { z } from "zod";
import type { Db } from "../db/client";
import type { Actor } from "./actor";
import type { Role } from "./roles";

/**
 * The start page's overviews below the task list (`GET /api/v1/me/overview`): each capability
 * contributes its own sections in its manifest (`overviews`), each for the roles its table names.
 * A section holds aggregates and the caller's own things only — no per-person figures — and reads
 * through the capability's scope like every other reader.
 */
export interface OverviewSection<S extends z.ZodType = z.ZodType> {
  /** The section's answer (the OpenAPI document names each field). */
  schema: S;
  /** Who sees the section; a new role breaks the build until it is decided. */
  roles: Record<Role, boolean>;
  /** The section for an actor holding one of its roles. */
  load(context: { db: Db; actor: Actor }): Promise<z.infer<S>>;
}

/** Declares a section; the type checks its shape. */
export const defineOverview = <S extends z.ZodType>(section: OverviewSection<S>): OverviewSection<S> => section;

/** Whether the actor holds one of the section's roles. */
export const isOverviewOf = (section: Pick<OverviewSection, "roles">, actor: Pick<Actor, "roles">): boolean =>
  actor.roles.some((role) => section.roles[role]);

/** The answer of `/me/overview`: one field per section of every module, null where it is not the caller's. */
export function overviewSchema(sections: Record<string, OverviewSection>) {
  return z.object(Object.fromEntries(Object.entries(sections).map(([key, s]) => [key, s.schema.nullable()])));
}
