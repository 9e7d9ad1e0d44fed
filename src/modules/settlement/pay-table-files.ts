import fs from "node:fs";
import { fileURLToPath } from "node:url";
import type { PayTables } from "../../domain/settlement/cost-rate";
import { parsePayTables } from "../../domain/settlement/pay-tables";

/** The shipped pay tables (committed with the code, see data/reference/tarif/PROVENANCE.md). */
export const TARIFF_DIR = fileURLToPath(new URL("../../../data/reference/tarif/", import.meta.url));

let loaded: PayTables | undefined;

/**
 * The pay tables, read once from `data/reference/tarif` (part of every clone; Verbund never reads
 * `/work/shared` or any other place at run time). A missing or malformed file fails loudly at the
 * first use — the module's `prepare` step reads them when the server starts.
 */
export function payTables(): PayTables {
  if (loaded) return loaded;
  const read = (rel: string) => fs.readFileSync(TARIFF_DIR + rel, "utf8");
  loaded = parsePayTables({
    tvoedVkaLong: read("tvoed_vka_entgelttabellen_2022-2026.csv"),
    tvoedSue: { table: read("tvdata/TVoeD-SuE/Table.csv"), meta: read("tvdata/TVoeD-SuE/Meta.csv") },
    ndsA: { table: read("tvdata/Beamte-Niedersachsen-A/Table.csv"), meta: read("tvdata/Beamte-Niedersachsen-A/Meta.csv") },
    annualBonus: read("tvdata/allowances_tvoed-vka-annual-bonus/Table.csv"),
  });
  return loaded;
}
