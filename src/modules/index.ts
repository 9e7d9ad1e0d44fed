import type { Actor } from "../kernel/actor";
import type { Db } from "../db/client";
import type { VerbundModule } from "../kernel/module";
import type { AuditLinkSource, AuditSource, AuditTitleSource } from "../kernel/audit-sources";
import { isOverviewOf, type OverviewSection } from "../kernel/overviews";
import { sortTasks, type Task } from "../kernel/tasks";
import { allocationModule } from "./allocation";
import { auditModule } from "./audit";
import { dashboardsModule } from "./dashboards";
import { identityModule } from "./identity";
import { notificationsModule } from "./notifications";
import { organizationsModule } from "./organizations";
import { poolModule } from "./pool";
import { supportRequestsModule } from "./support-requests";
import { secondmentsModule } from "./secondments";
import { settlementModule } from "./settlement";
import { standardsModule } from "./standards";

/**
 * Every capability of Verbund, lowest layer first. The app registers their routes in this order,
 * the server runs their jobs, and `/api/v1/me` asks each what the actor may do. A new capability
 * adds itself here and nowhere else.
 */
export const MODULES: readonly VerbundModule[] = [
  organizationsModule,
  identityModule,
  auditModule,
  notificationsModule,
  poolModule,
  supportRequestsModule,
  secondmentsModule,
  settlementModule,
  allocationModule,
  standardsModule,
  dashboardsModule,
];

/** Every ability key of the modules, in order (the `/me` schema's fields). */
export function abilityKeys(modules: readonly VerbundModule[] = MODULES): string[] {
  const keys = modules.flatMap((m) => Object.keys(m.abilities ?? {}));
  const twice = keys.find((k, i) => keys.indexOf(k) !== i);
  if (twice) throw new Error(`Ability ${twice} is declared by two modules`);
  return keys;
}

/** What the actor may do, per ability key of every module. */
export function abilitiesOf(actor: Actor, modules: readonly VerbundModule[] = MODULES): Record<string, boolean> {
  return Object.fromEntries(modules.flatMap((m) => Object.entries(m.abilities ?? {}).map(([key, rule]) => [key, rule(actor)])));
}

/** What waits for the actor in every capability, due first. */
export async function tasksOf(db: Db, actor: Actor, modules: readonly VerbundModule[] = MODULES): Promise<Task[]> {
  const lists = await Promise.all(modules.map((m) => (m.tasks ? m.tasks({ db, actor }) : [])));
  return sortTasks(lists.flat());
}

/**
 * What the audit log asks of the capabilities, merged from their manifests: the people of the
 * entries and, per object type, the links the viewer may open and the objects' titles. An object
 * type with two link or title sources fails at start.
 */
export function auditSourceOf(modules: readonly VerbundModule[] = MODULES): AuditSource {
  const links: Record<string, AuditLinkSource> = {};
  const titles: Record<string, AuditTitleSource> = {};
  const sharedWith: NonNullable<AuditSource["sharedWith"]> = {};
  const merged: AuditSource = { links, titles, sharedWith };
  for (const m of modules) {
    if (!m.audit) continue;
    if (m.audit.people) merged.people = m.audit.people;
    if (m.audit.peopleMatching) merged.peopleMatching = m.audit.peopleMatching;
    for (const [type, source] of Object.entries(m.audit.links ?? {})) {
      if (links[type]) throw new Error(`Audit links of ${type} are declared by two modules`);
      links[type] = source;
    }
    for (const [type, source] of Object.entries(m.audit.sharedWith ?? {})) {
      if (sharedWith[type]) throw new Error(`Audit sharing of ${type} is declared by two modules`);
      sharedWith[type] = source;
    }
    for (const [type, source] of Object.entries(m.audit.titles ?? {})) {
      if (titles[type]) throw new Error(`Audit titles of ${type} are declared by two modules`);
      titles[type] = source;
    }
  }
  return merged;
}

/** Every overview section of the modules, by key (the `/me/overview` schema's fields). */
export function overviewSections(modules: readonly VerbundModule[] = MODULES): Record<string, OverviewSection> {
  const entries = modules.flatMap((m) => Object.entries(m.overviews ?? {}));
  const twice = entries.find(([key], i) => entries.findIndex(([k]) => k === key) !== i);
  if (twice) throw new Error(`Overview ${twice[0]} is declared by two modules`);
  return Object.fromEntries(entries);
}

/** The start page's sections for the actor: each module's own, null where none of the actor's roles has it. */
export async function overviewsOf(db: Db, actor: Actor, modules: readonly VerbundModule[] = MODULES): Promise<Record<string, unknown>> {
  const sections = Object.entries(overviewSections(modules));
  const loaded = await Promise.all(sections.map(([, s]) => (isOverviewOf(s, actor) ? s.load({ db, actor }) : null)));
  return Object.fromEntries(sections.map(([key], i) => [key, loaded[i]]));
}
