import { sql } from "drizzle-orm";
import type { Db } from "../src/db/client";
import { demoStandardIds, seedDemoSubmissions } from "../src/db/seed/demo-standards";
import { today } from "../src/kernel/dates";
import { lastClosedPeriod, shiftPeriod } from "../src/domain/standards/period";

/**
 * Standards and values for tests of the reporting: three standards of the starter set (seeded
 * with the reference data: telephone reachability and appointment waiting time monthly, the
 * completeness check of building applications quarterly) and the demo's values of eight
 * administrations — Wunstorf's of the last closed month and quarter still due.
 */
export async function standardsFixture(db: Db) {
  await seedDemoSubmissions(db);
  const ids = await demoStandardIds(db);
  const last = lastClosedPeriod("quarter", today());
  // Values are reported only for periods that have ended: an ended quarter without Wunstorf's
  // building-permit value is made by removing the demo's (the standards are in force since 2026-Q1).
  const older = shiftPeriod(last, 2).text;
  await db.execute(
    sql`DELETE FROM submissions WHERE standard_id = ${ids.get("bauantrag-vollstaendigkeit")!} AND period = ${older}
        AND organization_id = (SELECT id FROM organizations WHERE name = 'Wunstorf')`,
  );
  return {
    /** Monthly. */
    phone: ids.get("telefon-erreichbarkeit")!,
    /** Monthly, municipalities only. */
    appointment: ids.get("buergeramt-termin")!,
    /** Quarterly, building authorities. */
    permit: ids.get("bauantrag-vollstaendigkeit")!,
    /** The last closed quarter, e.g. `2026-Q3`. */
    quarter: last.text,
    /** The last closed month, e.g. `2026-11` (Wunstorf's value for it is due, the month before has one). */
    month: lastClosedPeriod("month", today()).text,
    previousQuarter: shiftPeriod(last, 1).text,
    /** An ended quarter for which Wunstorf has no building-permit value (the fixture removed the demo's). */
    olderQuarter: older,
  };
}
