/**
 * The audit log as people read it: who (as far as the viewer may see the person), what happened as
 * a sentence, the object with its German name and a link where the viewer may open it, and each
 * changed field as a sentence (`audit-changes.ts`). All words come from `audit-words.ts`. A page is
 * presented in a fixed number of statements: the people and administrations of all its entries at
 * once, and one statement per object type that has links.
 */
import { isUuid, type AuditContext, type AuditPerson, type AuditSource } from "../../kernel/audit-sources";
import type { Bilingual } from "../../kernel/problems";
import type { auditEvents } from "./audit.tables";
import { API_KEY_LOGIN } from "./record-audit";
import {
  ACCOUNT_CLAUSES,
  ACTION_CLAUSES,
  READ_MANY_CLAUSE,
  CREATE_CLAUSES,
  DELETE_CLAUSES,
  isWorkflowAction,
  joined,
  LOGIN_FAILURES,
  OBJECT_TYPES,
  PERSON_OF,
  roleName,
  SESSION_SENTENCES,
  STATUS_CLAUSES,
  SYSTEM_ACTORS,
  API_KEY_ACTOR,
  UNKNOWN_ACTOR,
  WORKFLOW_CLAUSES,
  type ObjectType,
} from "./audit-words";
import { asRecord, changesOf } from "./audit-changes";

/** A row of the audit log as stored. */
export type AuditRow = typeof auditEvents.$inferSelect;

/** One entry as the viewer reads it. */
export interface PresentedAuditEvent {
  row: AuditRow;
  actor: {
    /** The person's name, only when the viewer may see it (own administration), or who acted when no person did. */
    name: Bilingual | null;
    /** The actor's administration, where known. */
    organization: string | null;
    /** What to show: the name, "eine Person aus …", or "unbekannt". */
    label: Bilingual;
  };
  /** What happened, a sentence that follows the person: "hat die Abordnung genehmigt". */
  sentence: Bilingual;
  object: {
    type: string;
    typeName: Bilingual;
    id: string | null;
    /** The object's own name where the log knows it and the viewer may see it (an account's holder). */
    title: string | null;
    /** The web app's page of the object, only when there is one and the viewer may open it. */
    link: string | null;
  };
  /** Each changed field as a sentence: "Status: genehmigt → beim Personalrat". */
  changes: Bilingual[];
}

const w = (de: string, en: string): Bilingual => ({ de, en });
/** Sign-ins and sign-outs: their sentence says everything (the method, the reason of a failure). */
const SESSION_ACTIONS = new Set(["login", "login_failed", "logout"]);
const isAccountObject = (type: string) => type === "account" || type === "staff_council";

/** The account a sign-in entry is about: the person who signed in (entries before the actor column knew it). */
export function signedInAccount(row: Pick<AuditRow, "action" | "entity" | "entityId" | "actorAccountId">): string | null {
  if (row.actorAccountId) return row.actorAccountId;
  return row.action === "login" && row.entity === "account" ? row.entityId : null;
}

/** Presents a page of entries for the viewer (see the file's comment for the statements it sends). */
export async function presentAuditEvents(context: AuditContext, rows: AuditRow[], source: AuditSource): Promise<PresentedAuditEvent[]> {
  if (rows.length === 0) return [];
  const accountIds = new Set<string>();
  const organizationIds = new Set<string>();
  for (const row of rows) {
    const actor = signedInAccount(row);
    if (actor) accountIds.add(actor);
    if (isAccountObject(row.entity) && row.entityId && isUuid(row.entityId)) accountIds.add(row.entityId);
    if (row.organizationId) organizationIds.add(row.organizationId);
  }
  const known = source.people ? await source.people(context, [...accountIds], [...organizationIds]) : { people: [], organizations: [] };
  const people = new Map(known.people.map((p) => [p.id, p]));
  const organizationNames = new Map(known.organizations.map((o) => [o.id, o.name]));
  const links = await linksOf(context, rows, source);
  const titles = await titlesOf(context, rows, source);
  return rows.map((row) => present(context, row, people, organizationNames, links, titles));
}

async function linksOf(context: AuditContext, rows: AuditRow[], source: AuditSource): Promise<Map<string, string>> {
  const wanted = new Map<string, Set<string>>();
  for (const row of rows) {
    if (!row.entityId || !source.links?.[row.entity]) continue;
    if (!wanted.has(row.entity)) wanted.set(row.entity, new Set());
    wanted.get(row.entity)!.add(row.entityId);
  }
  const found = new Map<string, string>();
  for (const [type, ids] of wanted) {
    const paths = await source.links![type](context, [...ids]);
    for (const [id, path] of paths) found.set(`${type}:${id}`, path);
  }
  return found;
}

/** The titles of the entries' objects the viewer may see, `type:id` → title (one statement per type). */
async function titlesOf(context: AuditContext, rows: AuditRow[], source: AuditSource): Promise<Map<string, string>> {
  const wanted = new Map<string, Set<string>>();
  for (const row of rows) {
    if (!row.entityId || !isUuid(row.entityId) || !source.titles?.[row.entity]) continue;
    if (!wanted.has(row.entity)) wanted.set(row.entity, new Set());
    wanted.get(row.entity)!.add(row.entityId);
  }
  const found = new Map<string, string>();
  for (const [type, ids] of wanted) {
    for (const [id, title] of await source.titles![type](context, [...ids])) found.set(`${type}:${id}`, title);
  }
  return found;
}

function present(
  context: AuditContext,
  row: AuditRow,
  people: Map<string, AuditPerson>,
  organizationNames: Map<string, string>,
  links: Map<string, string>,
  titles: Map<string, string>,
): PresentedAuditEvent {
  const viewer = context.actor;
  const visible = (person: AuditPerson | undefined) => (person && person.organizationId === viewer.organizationId ? person : undefined);
  const words = OBJECT_TYPES[row.entity as ObjectType] as (typeof OBJECT_TYPES)[ObjectType] | undefined;
  const typeName = words?.name ?? w(row.entity, row.entity);
  const the = words?.the ?? w(row.entity, row.entity);
  const titleOf = isAccountObject(row.entity) && row.entityId ? visible(people.get(row.entityId))?.displayName : undefined;
  return {
    row,
    actor: actorOf(row, people, organizationNames, visible),
    sentence: sentenceOf(row, the),
    object: {
      type: row.entity,
      typeName,
      id: row.entityId,
      title: titleOf ?? (row.entityId ? titles.get(`${row.entity}:${row.entityId}`) : undefined) ?? null,
      link: row.entityId ? (links.get(`${row.entity}:${row.entityId}`) ?? null) : null,
    },
    changes: SESSION_ACTIONS.has(row.action) || row.action === "read" ? [] : changesOf(row),
  };
}

function actorOf(
  row: AuditRow,
  people: Map<string, AuditPerson>,
  organizationNames: Map<string, string>,
  visible: (person: AuditPerson | undefined) => AuditPerson | undefined,
): PresentedAuditEvent["actor"] {
  const accountId = signedInAccount(row);
  const person = accountId ? people.get(accountId) : undefined;
  const organization =
    (person ? organizationNames.get(person.organizationId) : undefined) ?? organizationNames.get(row.organizationId ?? "") ?? null;
  if (row.action === "login_failed") return { name: null, organization, label: UNKNOWN_ACTOR };
  const shown = visible(person);
  if (shown) {
    const deputy = row.onBehalfOf ? w(` (in Vertretung für ${row.onBehalfOf})`, ` (deputising for ${row.onBehalfOf})`) : w("", "");
    const name = w(shown.displayName + deputy.de, shown.displayName + deputy.en);
    return { name, organization, label: name };
  }
  if (person) {
    const of = organizationNames.get(person.organizationId);
    return { name: null, organization, label: of ? PERSON_OF(w(of, of)) : UNKNOWN_ACTOR };
  }
  if (row.actorLogin?.startsWith(API_KEY_LOGIN)) {
    const name = API_KEY_ACTOR(row.actorLogin.slice(API_KEY_LOGIN.length));
    return { name, organization, label: name };
  }
  const system = row.actorLogin ? SYSTEM_ACTORS[row.actorLogin] : undefined;
  if (system) return { name: system, organization: null, label: system };
  return { name: null, organization, label: UNKNOWN_ACTOR };
}

function sentenceOf(row: AuditRow, the: Bilingual): Bilingual {
  const after = asRecord(row.after);
  switch (row.action) {
    case "login":
      return after.method === "sso" ? SESSION_SENTENCES.loginSso : SESSION_SENTENCES.login;
    case "login_failed": {
      const reason = LOGIN_FAILURES[String(after.reason) as keyof typeof LOGIN_FAILURES];
      const base = SESSION_SENTENCES.loginFailed;
      return reason ? w(`${base.de}: ${reason.de}`, `${base.en}: ${reason.en}`) : base;
    }
    case "logout":
      return SESSION_SENTENCES.logout;
    case "export":
      return SESSION_SENTENCES.export;
  }
  const clauses = clausesOf(row, the);
  const said = joined(clauses);
  return w(`hat ${said.de}`, said.en);
}

function clausesOf(row: AuditRow, the: Bilingual): Bilingual[] {
  const type = row.entity as ObjectType;
  const before = asRecord(row.before);
  const after = asRecord(row.after);
  if (row.action === "read") {
    const many = type === "pool_member" && typeof after.count === "number" && after.count > 1;
    return [many ? READ_MANY_CLAUSE(after.count as number) : ACTION_CLAUSES.read(the)];
  }
  if (row.action === "create") return [CREATE_CLAUSES[type] ?? ACTION_CLAUSES.create(the)];
  if (row.action === "delete") return [DELETE_CLAUSES[type] ?? ACTION_CLAUSES.delete(the)];
  if (type === "secondment" && isWorkflowAction(after.action)) return [WORKFLOW_CLAUSES[after.action]];
  const statuses = (STATUS_CLAUSES as Record<string, Record<string, Bilingual>>)[type];
  const status = statuses?.[String(after.status ?? after.change)];
  if (status) return [status];
  if (type === "crisis" && after.endedAt) return [w("den Krisenfall beendet", "ended the crisis")];
  if (type === "account") {
    const clauses = accountClauses(before, after);
    if (clauses.length) return clauses;
  }
  return [ACTION_CLAUSES.update(the)];
}

function accountClauses(before: Record<string, unknown>, after: Record<string, unknown>): Bilingual[] {
  const clauses: Bilingual[] = [];
  const rolesBefore = Array.isArray(before.roles) ? (before.roles as string[]) : null;
  const rolesAfter = Array.isArray(after.roles) ? (after.roles as string[]) : null;
  if (rolesBefore && rolesAfter) {
    const named = (roles: string[]) => joined(roles.map((r) => w(`„${roleName(r).de}“`, `“${roleName(r).en}”`)));
    const granted = rolesAfter.filter((r) => !rolesBefore.includes(r));
    const revoked = rolesBefore.filter((r) => !rolesAfter.includes(r));
    if (granted.length) clauses.push(ACCOUNT_CLAUSES.grant(named(granted), granted.length));
    if (revoked.length) clauses.push(ACCOUNT_CLAUSES.revoke(named(revoked), revoked.length));
  }
  if (before.isActive === true && after.isActive === false) clauses.push(ACCOUNT_CLAUSES.deactivate);
  if (before.isActive === false && after.isActive === true) clauses.push(ACCOUNT_CLAUSES.reactivate);
  if (after.password === "changed") clauses.push(ACCOUNT_CLAUSES.password);
  if ("identity" in after) clauses.push(after.identity ? ACCOUNT_CLAUSES.link : ACCOUNT_CLAUSES.unlink);
  return clauses;
}
