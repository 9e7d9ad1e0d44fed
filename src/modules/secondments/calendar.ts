import { createHash, randomBytes } from "node:crypto";
import ical, { ICalEventStatus, ICalEventTransparency } from "ical-generator";
import { and, eq, gte, isNull, lte, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { AppError } from "../../kernel/problems";
import { recordAudit } from "../audit";
import type { Actor } from "../../kernel/actor";
import { unscopedActiveAccountIdsSql, unscopedHoldsDepartmentRole } from "../identity";
import { addDays, today } from "../../kernel/dates";
import { departments, organizations } from "../organizations";
import { deputies } from "../identity";
import { calendarFeeds } from "./secondments.tables";
import { type SecondmentState } from "../../domain/secondment/workflow";
import { mayShowPersonName, unscopedFeedSecondments } from "./secondment-scope";

const hash = (token: string) => createHash("sha256").update(token).digest("hex");
const SHOWN: SecondmentState[] = ["released", "approved", "staff_council", "accepted", "agreed", "onboarding", "active", "completed"];

/** The actor's feeds (without tokens: a token is shown once, when the feed is created). */
export async function listCalendarFeeds(db: Db, actor: Actor) {
  const rows = await db
    .select({ f: calendarFeeds, department: departments.name })
    .from(calendarFeeds)
    .leftJoin(departments, eq(departments.id, calendarFeeds.departmentId))
    .where(and(eq(calendarFeeds.accountId, actor.accountId), isNull(calendarFeeds.revokedAt)));
  return rows.map((r) => ({ id: r.f.id, scope: r.f.scope, department: r.department, createdAt: r.f.createdAt.toISOString() }));
}

/** A department's feed is for its head and for the HR office, both with a department of their own. */
export function mayCreateDepartmentFeed(actor: Actor): boolean {
  return !!actor.departmentId && actor.roles.some((r) => r === "department_head" || r === "org_admin");
}

/**
 * Creates an unguessable feed URL: `person` for the actor's own secondments, `department` for the
 * incoming and outgoing secondments of the actor's department (department heads and HR office).
 */
export async function createCalendarFeed(db: Db, actor: Actor, scope: "person" | "department", baseUrl: string) {
  if (scope === "department" && !mayCreateDepartmentFeed(actor)) {
    throw new AppError("validation", {
      fields: [
        {
          field: "scope",
          in: "body",
          rule: "department_head_only",
          message: {
            de: "Einen Kalender des Fachbereichs erhalten Fachbereichsleitungen und das Personalamt mit eigenem Fachbereich.",
            en: "Department calendars are for heads of department and the HR office with a department.",
          },
        },
      ],
    });
  }
  const token = randomBytes(24).toString("base64url");
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(calendarFeeds)
      .values({
        regionId: actor.regionId,
        organizationId: actor.organizationId,
        accountId: actor.accountId,
        scope,
        departmentId: scope === "department" ? actor.departmentId : null,
        tokenHash: hash(token),
      })
      .returning();
    await recordAudit(tx, actor, { action: "create", entity: "calendar_feed", entityId: row.id, visibility: "tenant", after: { scope } });
    return { id: row.id, scope, url: `${baseUrl.replace(/\/$/, "")}/ical/${token}.ics` };
  });
}

export async function revokeCalendarFeed(db: Db, actor: Actor, id: string) {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(calendarFeeds)
      .set({ revokedAt: new Date() })
      .where(and(eq(calendarFeeds.id, id), eq(calendarFeeds.accountId, actor.accountId), isNull(calendarFeeds.revokedAt)))
      .returning();
    if (!row) throw new AppError("not_found");
    await recordAudit(tx, actor, { action: "delete", entity: "calendar_feed", entityId: id, visibility: "tenant" });
  });
}

/** One all-day event of a feed: what the holder may see of one secondment. */
export interface CalendarEvent {
  /** Stable across renders, so calendar apps update the event instead of adding another. */
  uid: string;
  /** First day (ISO date). */
  startsOn: string;
  /** Last day (ISO date, inclusive; iCalendar's DTEND is the day after). */
  endsOn: string;
  summary: string;
  description: string;
  location: string | null;
  /** Agreed or running: CONFIRMED; still being decided: TENTATIVE. */
  isConfirmed: boolean;
}

/**
 * A feed as iCalendar text (RFC 5545), written by ical-generator: it escapes TEXT (backslash,
 * semicolon, comma, every line break), folds lines at 75 octets without splitting a character,
 * and ends lines with CRLF. All-day events are transparent (a secondment does not block the
 * holder's own calendar).
 */
export function calendarText(name: string, events: CalendarEvent[], stamp: Date = new Date()): string {
  const calendar = ical({
    name,
    prodId: { company: "Verbund Region Hannover", product: "Abordnungen", language: "DE" },
    scale: "GREGORIAN",
  });
  for (const e of events) {
    calendar.createEvent({
      id: e.uid,
      stamp,
      allDay: true,
      start: e.startsOn,
      end: addDays(e.endsOn, 1),
      summary: e.summary,
      description: e.description,
      location: e.location,
      status: e.isConfirmed ? ICalEventStatus.CONFIRMED : ICalEventStatus.TENTATIVE,
      transparency: ICalEventTransparency.TRANSPARENT,
    });
  }
  return calendar.toString();
}

/**
 * Whether an account may still read a department's feed, checked at every render (not only when
 * roles change): it heads the department or is its HR office (org_admin with that department), or
 * it is today the deputy of an active account that does. A feed whose holder moved on answers 404
 * like a revoked one.
 */
async function mayReadDepartmentFeed(db: Db, accountId: string, departmentId: string): Promise<boolean> {
  const holdsIt = (id: string) => unscopedHoldsDepartmentRole(db, id, departmentId, ["department_head", "org_admin"]);
  if (await holdsIt(accountId)) return true;
  const day = today();
  const principals = await db
    .select({ id: deputies.principalAccountId })
    .from(deputies)
    .where(and(eq(deputies.deputyAccountId, accountId), lte(deputies.startsOn, day), gte(deputies.endsOn, day)));
  for (const p of principals) if (await holdsIt(p.id)) return true;
  return false;
}

/** The feed for a token, as an iCalendar text; null when the token is unknown or revoked, or its holder may no longer read it. */
export async function renderCalendar(db: Db, token: string): Promise<string | null> {
  // A feed whose holder was deactivated answers like a revoked one.
  const [f] = await db
    .select()
    .from(calendarFeeds)
    .where(
      and(
        eq(calendarFeeds.tokenHash, hash(token)),
        isNull(calendarFeeds.revokedAt),
        sql`${calendarFeeds.accountId} in ${unscopedActiveAccountIdsSql()}`,
      ),
    );
  if (!f) return null;
  if (f.scope === "department" && !(await mayReadDepartmentFeed(db, f.accountId, f.departmentId!))) return null;
  const rows = await unscopedFeedSecondments(db, f, SHOWN);
  const orgs = await db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(eq(organizations.regionId, f.regionId));
  const orgName = (id: string) => orgs.find((o) => o.id === id)?.name ?? "";
  const events = rows.map(({ s, m }): CalendarEvent => {
    const outgoing = s.organizationId === f.organizationId;
    const who = mayShowPersonName(f, s, m) ? m.name : "Person aus dem Unterstützungspool";
    return {
      uid: `${s.id}@verbund.region-hannover`,
      startsOn: s.startsOn,
      endsOn: s.endsOn,
      summary:
        f.scope === "person"
          ? `Abordnung an ${orgName(s.borrowerOrganizationId)}`
          : outgoing
            ? `${who} → ${orgName(s.borrowerOrganizationId)}`
            : `${who} (aus ${orgName(s.organizationId)})`,
      description: `${s.hoursPerWeek} Stunden pro Woche. ${s.tasks}`,
      location: s.place,
      isConfirmed: ["agreed", "onboarding", "active", "completed"].includes(s.state),
    };
  });
  return calendarText(f.scope === "person" ? "Meine Abordnungen" : "Abordnungen des Fachbereichs", events);
}
