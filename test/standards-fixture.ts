import type { Db } from "../src/db/client";
import { seedDemoStandards, seedDemoSubmissions } from "../src/db/seed/demo-standards";
import { today } from "../src/kernel/dates";
import { lastClosedPeriod, shiftPeriod } from "../src/domain/standards/period";

/**
 * Standards and values for tests of the reporting: the demo's three standards (written into
 * `service_standards`/`service_standard_versions` directly, as the catalogue would) and the demo's
 * values of eight administrations — Wunstorf's last closed quarter still due.
 */
export async function standardsFixture(db: Db) {
  await seedDemoSubmissions(db);
  const ids = await seedDemoStandards(db);
  const last = lastClosedPeriod("quarter", today());
  return {
    phone: ids.get("telefon-erreichbarkeit")!,
    appointment: ids.get("buergeramt-termin")!,
    permit: ids.get("bauantrag-vollstaendigkeit")!,
    /** The last closed quarter, e.g. `2026-Q3`. */
    quarter: last.text,
    previousQuarter: shiftPeriod(last, 1).text,
    /** A quarter the demo has no values for (the standards are in force). */
    olderQuarter: shiftPeriod(last, 5).text,
  };
}
