import { z } from "zod";
import { dateInGermany, today } from "../../kernel/dates";
import { defineOverview } from "../../kernel/overviews";
import { EXPIRY_NOTICE_DAYS } from "./tasks";
import { summarizeOwnPoolEntry } from "./pool-member-scope";

/**
 * The employee's own pool entry on the start page: in the pool or not (or left), since when, how
 * many qualifications count, wait for the HR office's confirmation or expire soon, and whether a
 * window of availability covers today. The person's own data, read by the person: no read is logged.
 */
export const poolEntryOverview = defineOverview({
  schema: z.object({
    status: z.enum(["not_member", "member", "left"]),
    since: z.string().nullable().describe("The day the person consented (member) or left (left), in Germany; ISO date"),
    qualifications: z.object({
      confirmed: z.number().int().describe("Confirmed by the HR office and valid today"),
      awaitingConfirmation: z.number().int(),
      expiringSoon: z.number().int().describe(`Valid until a day within ${EXPIRY_NOTICE_DAYS} days`),
    }),
    availableNow: z.object({ hoursPerWeek: z.number().int() }).nullable().describe("A window of availability covering today"),
    windowsAhead: z.number().int().describe("Windows of availability that end today or later"),
  }),
  roles: {
    region_admin: false,
    org_admin: false,
    department_head: false,
    clerk: false,
    employee: true,
    staff_council: false,
    finance: false,
    reporter: false,
    climate_manager: false,
    moderator: false,
    management: false,
  },
  async load({ db, actor }) {
    const day = today();
    const row = await summarizeOwnPoolEntry(db, actor, day, EXPIRY_NOTICE_DAYS);
    const none = { confirmed: 0, awaitingConfirmation: 0, expiringSoon: 0 };
    if (!row) return { status: "not_member" as const, since: null, qualifications: none, availableNow: null, windowsAhead: 0 };
    if (row.leftAt)
      return { status: "left" as const, since: dateInGermany(row.leftAt), qualifications: none, availableNow: null, windowsAhead: 0 };
    return {
      status: "member" as const,
      since: dateInGermany(row.consentedAt),
      qualifications: { confirmed: row.confirmed, awaitingConfirmation: row.awaiting, expiringSoon: row.expiring },
      availableNow: row.hoursNow === null ? null : { hoursPerWeek: row.hoursNow },
      windowsAhead: row.windowsAhead,
    };
  },
});
