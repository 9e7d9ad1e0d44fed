import { and, eq } from "drizzle-orm";
import type { Db, Tx } from "../client";
import { costRateParameters, manualCostRates, organizations } from "../schema";

/**
 * The configurable defaults of the cost-rate parameters (docs/SETTLEMENT.md › Kostensätze states
 * each with its source). A region starts with this version, valid from 1 January 2022 so that
 * every shipped table (from 1 April 2022) has a rate; the coordination office adds its own versions.
 */
export const DEFAULT_COST_RATE_PARAMETERS = {
  validFrom: "2022-01-01",
  referenceStep: 3,
  // Employer's shares 2026: pension 9,3 % + health 7,3 % + half the average additional contribution
  // ~1,45 % + long-term care 1,8 % + unemployment 1,3 % ≈ 21,15 %; accident insurance and levies vary.
  socialSecurityBasisPoints: 2100,
  // Assumption until the region enters its fund's rate: municipal supplementary pension fund (not VBL-West, 5,49 %).
  supplementaryPensionBasisPoints: 600,
  // Pension surcharge for civil servants seconded at the borrower's cost (Versorgungszuschlag), 30 %.
  civilServantPensionBasisPoints: 3000,
  // 204 working days × 7,8 h (39 h/week) = 1.591,20 h; civil servants 204 × 8 h (40 h/week) = 1.632 h.
  employeeNetAnnualHundredths: 159120,
  civilServantNetAnnualHundredths: 163200,
  // KGSt overhead: 20 % office, 15 % other workplaces.
  overheadOfficeBasisPoints: 2000,
  overheadOtherBasisPoints: 1500,
  note: "Voreinstellung von Verbund (siehe docs/SETTLEMENT.md › Kostensätze); bitte prüfen und anpassen.",
} as const;

/** Inserts the default parameter version for the region unless one from that day exists (idempotent). */
export async function seedCostRateDefaults(tx: Db | Tx, regionId: string, ownerOrganizationId: string): Promise<void> {
  await tx
    .insert(costRateParameters)
    .values({ ...DEFAULT_COST_RATE_PARAMETERS, regionId, organizationId: ownerOrganizationId })
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
