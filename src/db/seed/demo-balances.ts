import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../client";
import { addDays, dateInGermany, weekdayOf } from "../../kernel/dates";
import { legalBasisOf } from "../../modules/secondments/secondment-rules";
import { organizations, poolMembers, secondments, timesheetEntries } from "../schema";

/** The tasks of the demo's settled secondments (also how the seed knows it ran). */
export const DEMO_BALANCE_TASKS = "Gegenseitige Unterstützung in der Region (abgeschlossen)";

/**
 * Who lent whom in the demo's balances: pairs of administrations with how many people (at least 5
 * for every reciprocity pair, so a newcomer sees balances, flows and transfers; 2 for Wunstorf's
 * reimbursed help to the Region, which the region's page shows as "weniger als 5 Personen"), the
 * weekdays each person worked there (1 = Monday) and the minutes per day.
 */
const PAIRS = [
  { lender: "Wunstorf", borrower: "Garbsen", people: 6, weekdays: [2, 4], minutes: 465, model: "reciprocity" },
  { lender: "Garbsen", borrower: "Wunstorf", people: 5, weekdays: [3], minutes: 465, model: "reciprocity" },
  { lender: "Garbsen", borrower: "Neustadt am Rübenberge", people: 5, weekdays: [1, 5], minutes: 390, model: "reciprocity" },
  { lender: "Neustadt am Rübenberge", borrower: "Wunstorf", people: 5, weekdays: [2], minutes: 480, model: "reciprocity" },
  { lender: "Seelze", borrower: "Garbsen", people: 5, weekdays: [4], minutes: 300, model: "reciprocity" },
  { lender: "Wunstorf", borrower: "Region Hannover", people: 2, weekdays: [1], minutes: 465, model: "reimbursement" },
] as const;

/**
 * Demo balances: completed secondments between Wunstorf, Garbsen, Neustadt am Rübenberge, Seelze
 * and the Region with confirmed hours from October of the year before to the end of last month (in
 * January: the whole of last year, so no older year with balances must be closed first) — the year before is left open, so
 * the coordination office can close it on "Salden" — of demo pool members without another secondment. So Wunstorf's
 * finance (`kaemmerei@wunstorf.demo`) sees lent and borrowed hours and its reciprocity balance on
 * "Salden", and the coordination office the region's balances, flows and netting. Deterministic for
 * a given day; runs once.
 */
export async function seedDemoBalances(db: Db, today = new Date()) {
  const [{ n }] = (await db.execute(sql`select count(*)::int as n from secondments where tasks = ${DEMO_BALANCE_TASKS}`)).rows as Array<{
    n: number;
  }>;
  if (n > 0) return 0;
  const now = dateInGermany(today);
  const year = now.slice(5, 7) === "01" ? Number(now.slice(0, 4)) - 1 : Number(now.slice(0, 4));
  // From October of the year before: that year has ended with balances, so the coordination office
  // can close it (Jahresabschluss) and see them carried over; it is left open for that.
  const from = now.slice(5, 7) === "01" ? `${year}-01-01` : `${year - 1}-10-01`;
  const to = now.slice(5, 7) === "01" ? `${year}-12-31` : addDays(`${now.slice(0, 7)}-01`, -1);
  const orgs = await db.select().from(organizations);
  const orgOf = (name: string) => orgs.find((o) => o.name === name);
  const used = new Set<string>();
  return db.transaction(async (tx) => {
    let entries = 0;
    for (const pair of PAIRS) {
      const lender = orgOf(pair.lender);
      const borrower = orgOf(pair.borrower);
      if (!lender || !borrower) continue;
      const members = (
        await tx
          .select()
          .from(poolMembers)
          .where(
            and(
              eq(poolMembers.organizationId, lender.id),
              isNull(poolMembers.leftAt),
              sql`${poolMembers.workEmail} like '%.demo'`,
              sql`not exists (select 1 from secondments s where s.member_id = ${poolMembers.id})`,
            ),
          )
          .orderBy(asc(poolMembers.workEmail))
      )
        .filter((m) => !used.has(m.id))
        .slice(0, pair.people);
      for (const m of members) {
        used.add(m.id);
        const [s] = await tx
          .insert(secondments)
          .values({
            regionId: lender.regionId,
            organizationId: lender.id,
            borrowerOrganizationId: borrower.id,
            memberId: m.id,
            state: "completed",
            councilStatus: "consented",
            startsOn: from,
            endsOn: to,
            hoursPerWeek: Math.round((pair.weekdays.length * pair.minutes) / 60),
            place: borrower.name,
            tasks: DEMO_BALANCE_TASKS,
            settlementModel: pair.model,
            employmentStatus: m.employmentStatus,
            legalBasis: legalBasisOf(m.employmentStatus),
            createdAt: new Date(`${from}T08:00:00Z`),
            updatedAt: new Date(`${to}T16:00:00Z`),
          })
          .returning();
        const days: string[] = [];
        for (let day = from; day <= to; day = addDays(day, 1))
          if ((pair.weekdays as readonly number[]).includes(weekdayOf(day))) days.push(day);
        if (days.length === 0) continue;
        await tx.insert(timesheetEntries).values(
          days.map((day) => ({
            regionId: s.regionId,
            organizationId: s.organizationId,
            borrowerOrganizationId: s.borrowerOrganizationId,
            secondmentId: s.id,
            day,
            minutes: pair.minutes,
            state: "confirmed" as const,
            recordedAt: new Date(`${day}T17:00:00Z`),
            decidedAt: new Date(`${addDays(day, 3)}T09:00:00Z`),
          })),
        );
        entries += days.length;
      }
    }
    return entries;
  });
}
