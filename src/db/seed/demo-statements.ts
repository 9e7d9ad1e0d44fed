import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import type { Actor } from "../../kernel/actor";
import { createStatement, issueStatement } from "../../modules/settlement/statements";
import { unscopedConfirmedMonthsOfLender } from "../../modules/settlement/timesheet-scope";
import { monthPeriod } from "../../domain/settlement/statement";
import { addDays, dateInGermany } from "../../kernel/dates";
import { organizations, timesheetEntries } from "../schema";

/**
 * Demo statements to the Region from the demo hours (`seedDemoTimesheets`, a town's person at the
 * Gesundheitsamt): the month of the earliest confirmed hours as an issued statement — so the
 * Region's finance (`kaemmerei@region-hannover.demo`) finds "Abrechnung … bestätigen" — and a
 * later month with confirmed hours, if there is one, as the lender's draft. Made through the same
 * use cases as the API, as the lender's finance office without an account (the audit log names
 * no person: `verbund-demo`), so lines and totals are what the API computes. Runs once; needs the
 * demo billing details first.
 */
export async function seedDemoStatements(db: Db): Promise<number> {
  const [{ n }] = (await db.execute(sql`select count(*)::int as n from statements`)).rows as Array<{ n: number }>;
  if (n > 0) return 0;
  const [region] = await db
    .select({ id: organizations.id, regionId: organizations.regionId })
    .from(organizations)
    .where(eq(organizations.kind, "region"));
  const [hours] = await db
    .select({ lender: timesheetEntries.organizationId })
    .from(timesheetEntries)
    .where(and(eq(timesheetEntries.borrowerOrganizationId, region?.id ?? ""), eq(timesheetEntries.state, "confirmed")))
    .limit(1);
  if (!region || !hours) return 0;
  const actor: Actor = {
    // No person acts: the demo data were made before anybody signed in (the audit log says so).
    accountId: null as unknown as string,
    regionId: region.regionId,
    organizationId: hours.lender,
    departmentId: null,
    login: "verbund-demo",
    displayName: "Verbund (Demo-Daten)",
    roles: ["finance"],
    sessionId: "demo-seed",
    csrfToken: "",
  };
  const found = await unscopedConfirmedMonthsOfLender(db, hours.lender, { from: "2000-01-01", to: "2999-12-31" }, region.id);
  const months = [...new Set(found.map((f) => f.month))].sort();
  let made = 0;
  for (const [i, month] of months.slice(0, 2).entries()) {
    const statement = await createStatement(db, actor, { borrowerOrganizationId: region.id, month });
    made++;
    if (i === 0) await issueStatement(db, actor, statement.id);
  }
  return made;
}

/**
 * A month where a Nachtrag is possible, for Wunstorf's finance (`kaemmerei@wunstorf.demo`): the
 * statement of Wunstorf's reimbursed help to the Region (`seedDemoBalances`) for the month four
 * months back is issued — older than the "Abrechnung … erstellen" tasks look — and afterwards one
 * billed day is corrected from 7,75 h to 6,50 h (a confirmed correction). So Wunstorf's finance
 * finds "Nachtrag für Region Hannover, … möglich: 1 Korrektur" and can create the Nachtrag, a
 * Gutschrift. Deterministic for a given day; runs once, after the demo balances.
 */
export async function seedDemoSupplement(db: Db, today = new Date()): Promise<number> {
  const orgs = await db.select({ id: organizations.id, name: organizations.name, regionId: organizations.regionId }).from(organizations);
  const wunstorf = orgs.find((o) => o.name === "Wunstorf");
  const region = orgs.find((o) => o.name === "Region Hannover");
  if (!wunstorf || !region) return 0;
  const [y, m] = dateInGermany(today).slice(0, 7).split("-").map(Number);
  const index = y * 12 + (m - 1) - 4;
  const month = `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
  const { rows } = await db.execute(
    sql`select count(*)::int as n from statements where organization_id = ${wunstorf.id} and borrower_organization_id = ${region.id} and month = ${month}`,
  );
  if ((rows[0] as { n: number }).n > 0) return 0;
  const actor: Actor = {
    accountId: null as unknown as string,
    regionId: wunstorf.regionId,
    organizationId: wunstorf.id,
    departmentId: null,
    login: "verbund-demo",
    displayName: "Verbund (Demo-Daten)",
    roles: ["finance"],
    sessionId: "demo-seed",
    csrfToken: "",
  };
  const { start, end } = monthPeriod(month);
  const [billed] = await db
    .select()
    .from(timesheetEntries)
    .where(
      and(
        eq(timesheetEntries.organizationId, wunstorf.id),
        eq(timesheetEntries.borrowerOrganizationId, region.id),
        eq(timesheetEntries.state, "confirmed"),
        sql`${timesheetEntries.day} between ${start} and ${end}`,
      ),
    )
    .orderBy(timesheetEntries.day, timesheetEntries.secondmentId)
    .limit(1);
  if (!billed) return 0;
  const statement = await createStatement(db, actor, { borrowerOrganizationId: region.id, month });
  await issueStatement(db, actor, statement.id);
  await db.transaction(async (tx) => {
    await tx.update(timesheetEntries).set({ state: "replaced" }).where(eq(timesheetEntries.id, billed.id));
    const decided = new Date(`${addDays(end, 10)}T09:00:00Z`);
    await tx.insert(timesheetEntries).values({
      regionId: billed.regionId,
      organizationId: billed.organizationId,
      borrowerOrganizationId: billed.borrowerOrganizationId,
      secondmentId: billed.secondmentId,
      day: billed.day,
      minutes: 390,
      state: "confirmed",
      correctsId: billed.id,
      reason: "Am Nachmittag Arzttermin, 6,5 statt 7,75 Stunden",
      recordedAt: decided,
      decidedAt: decided,
    });
  });
  return 1;
}
