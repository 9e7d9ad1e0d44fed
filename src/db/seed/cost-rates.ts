import { and, eq } from "drizzle-orm";
import type { Db, Tx } from "../client";
import { DEFAULT_COST_RATE_PARAMETERS } from "../../domain/settlement/cost-rate";
import { costRateParameters, manualCostRates, organizations } from "../schema";

/** The note on the seeded default version: where its values come from and that they want checking. */
const DEFAULT_NOTE = "Voreinstellung von Verbund (siehe docs/SETTLEMENT.md › Kostensätze); bitte prüfen und anpassen.";

/** Inserts the default parameter version for the region unless one from that day exists (idempotent). */
export async function seedCostRateDefaults(tx: Db | Tx, regionId: string, ownerOrganizationId: string): Promise<void> {
  await tx
    .insert(costRateParameters)
    .values({ ...DEFAULT_COST_RATE_PARAMETERS, note: DEFAULT_NOTE, regionId, organizationId: ownerOrganizationId })
    .onConflictDoNothing();
}

/** Demo: a rate for B 2 (no table ships for B grades), so the page shows a manual rate too. */
export async function seedDemoCostRates(db: Db): Promise<void> {
  const [region] = await db
    .select({ id: organizations.id, regionId: organizations.regionId })
    .from(organizations)
    .where(and(eq(organizations.ags, "03241"), eq(organizations.kind, "region")));
  if (!region) throw new Error("Demo seed: the Region Hannover is missing; seed reference data first");
  await db
    .insert(manualCostRates)
    .values({
      regionId: region.regionId,
      organizationId: region.id,
      payGroup: "B 2",
      validFrom: "2026-01-01",
      centsPerHour: 7290,
      note: "Demo: Schätzung der Koordinierungsstelle",
    })
    .onConflictDoNothing();
}
