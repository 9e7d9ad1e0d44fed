import type { SQL } from "drizzle-orm";
import type { Db } from "../db/client";
import type { Actor } from "./actor";

/** What a source of the audit log is asked in: the database and the viewer. */
export interface AuditContext {
  db: Db;
  /** Who reads the log: links and names are only what this account may see. */
  actor: Actor;
}

/** An account behind entries of the audit log, with its administration. */
export interface AuditPerson {
  id: string;
  login: string;
  displayName: string;
  organizationId: string;
}

/**
 * Which of these objects of one type the viewer may open in the web app, and where: id → path.
 * Answered through the object's own scope (its visibility), in one statement for all ids.
 */
export type AuditLinkSource = (context: AuditContext, ids: string[]) => Promise<Map<string, string>>;

/**
 * What the log calls these objects of one type for the viewer ("Wunstorf → Region Hannover,
 * 01.12.2026–28.02.2027"), through the object's own scope: id → title, in one statement for all ids.
 * The page and the CSV show it in the column "Objekt". Asked only with ids that can be ids of a table.
 */
export type AuditTitleSource = (context: AuditContext, ids: string[]) => Promise<Map<string, string>>;

/**
 * What the audit log (the lowest layer) asks the capabilities above it, so that it reads no table
 * of theirs: who the people of the entries are, and which objects the viewer may open. A module
 * declares its part in its manifest (`audit`); the app merges them (`server/app.ts`).
 */
export interface AuditSource {
  /** The accounts with these ids and the names of these administrations (identity). */
  people?(
    context: AuditContext,
    accountIds: string[],
    organizationIds: string[],
  ): Promise<{
    people: AuditPerson[];
    organizations: Array<{ id: string; name: string }>;
  }>;
  /**
   * A subquery of the ids (as text) of the accounts of the viewer's own administration whose name or
   * login contains `text`, case-insensitive (identity): the person filter, one statement with the list.
   */
  peopleMatching?(actor: Actor, text: string): SQL;
  /** Links to the objects of each type the module owns (entity name → source). */
  links?: Record<string, AuditLinkSource>;
  /**
   * Per object type the module owns, a subquery of the ids (as text) of the objects the actor's
   * administration is a party to (a secondment: lender or borrower). The log shows what the
   * administration's own people did to another administration's objects only for these.
   */
  sharedWith?: Record<string, (actor: Actor) => SQL>;
  /** Titles of the objects of each type the module owns (entity name → source). */
  titles?: Record<string, AuditTitleSource>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `id` can be the id of a table (entries name some objects by other keys). */
export const isUuid = (id: string) => UUID.test(id);

/** The ids that can be ids of a table. */
export const uuidsOf = (ids: string[]) => ids.filter(isUuid);

/**
 * A link source for objects that open at `path(id)`: nothing when the viewer's role may not open
 * them (`mayOpen`), nor for ids that cannot be ids of a table; otherwise `openable` answers, in one
 * statement, which of the ids the viewer may see (as ids, or rows with an id).
 */
export function auditLinks(spec: {
  mayOpen?: (actor: Actor) => boolean;
  openable: (context: AuditContext, ids: string[]) => Promise<Array<string | { id: string }>>;
  path: (id: string) => string;
}): AuditLinkSource {
  return async (context, ids) => {
    const wanted = uuidsOf(ids);
    if ((spec.mayOpen && !spec.mayOpen(context.actor)) || wanted.length === 0) return new Map();
    const found = await spec.openable(context, wanted);
    return new Map(found.map((r) => (typeof r === "string" ? r : r.id)).map((id) => [id, spec.path(id)]));
  };
}
