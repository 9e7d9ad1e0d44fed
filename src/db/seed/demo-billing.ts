import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Db } from "../client";
import { billingDetails, organizations } from "../schema";

/** ISO 7064 MOD 97-10 check digits of a digit string (as IBAN and Leitweg-ID use them). */
function mod97CheckDigits(digits: string): string {
  let remainder = 0;
  for (const d of `${digits}00`) remainder = (remainder * 10 + Number(d)) % 97;
  return String(98 - remainder).padStart(2, "0");
}

/** A German IBAN with correct check digits for a bank code and account number (demo values). */
export function demoIban(bankCode: string, account: string): string {
  const bban = bankCode + account.padStart(10, "0");
  // "DE" → 13 14.
  return `DE${mod97CheckDigits(`${bban}1314`)}${bban}`;
}

/** A Leitweg-ID of the form coarse-fine-check: `03241001-0001-xx` with MOD 97-10 check digits. */
export function demoLeitwegId(ags: string): string {
  const body = `${ags.padEnd(8, "0")}-0001`;
  return `${body}-${mod97CheckDigits(body.replace(/-/g, ""))}`;
}

/**
 * Demo billing details (Rechnungsdaten) for every administration of the region, marked as demo:
 * Leitweg-IDs from the official municipality key (`03241001-0001-…`), the town hall's post code
 * from the reference data, an invoice office as contact and an IBAN with correct check digits at
 * a made-up bank code. No VAT (§ 2b UStG), as for every administration by default. Deterministic;
 * leaves details an administration entered itself alone.
 */
export async function seedDemoBillingDetails(
  db: Db,
  regionDir = fileURLToPath(new URL("../../../data/reference/region-hannover/", import.meta.url)),
): Promise<number> {
  const csv = fs.readFileSync(path.join(regionDir, "kommunen_region_hannover.csv"), "utf8").trim().split("\n");
  const header = csv[0].split(",");
  const postCodes = new Map(
    csv.slice(1).map((line) => {
      const cells = line.split(",");
      return [cells[header.indexOf("ags")], cells[header.indexOf("plz_verwaltungssitz")]] as const;
    }),
  );
  const orgs = await db.select().from(organizations).orderBy(organizations.ags);
  let n = 0;
  for (const o of orgs) {
    const isRegion = o.kind === "region";
    const slug = o.name
      .toLowerCase()
      .replace(/ä/g, "ae")
      .replace(/ö/g, "oe")
      .replace(/ü/g, "ue")
      .replace(/ß/g, "ss")
      .replace(/[^a-z]+/g, "-")
      .replace(/^-|-$/g, "");
    const rows = await db
      .insert(billingDetails)
      .values({
        regionId: o.regionId,
        organizationId: o.id,
        leitwegId: demoLeitwegId(o.ags),
        street: isRegion ? "Hildesheimer Straße 18" : "Rathausplatz 1",
        postalCode: isRegion ? "30169" : (postCodes.get(o.ags) ?? "30159"),
        city: isRegion || o.name === "Hannover" ? "Hannover" : o.name,
        contactName: "Kämmerei, Rechnungseingang und Erstattungen",
        contactPhone: `0511 ${o.ags.slice(-3)}-4711`,
        contactEmail: `kaemmerei@${slug}.demo`,
        // 99999999: a bank code that no bank uses — the account is a demo.
        iban: demoIban("99999999", o.ags.replace(/\D/g, "")),
        bic: "",
        vat: "none",
        isDemo: true,
      })
      .onConflictDoNothing({ target: billingDetails.organizationId })
      .returning({ id: billingDetails.id });
    n += rows.length;
  }
  return n;
}
