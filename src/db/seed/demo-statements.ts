import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import type { Actor } from "../../kernel/actor";
import { createStatement, issueStatement } from "../../modules/settlement/statements";
import { unscopedConfirmedMonthsOfLender } from "../../modules/settlement/timesheet-scope";
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
    // No person acts: the demo's lender has no finance account.
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
