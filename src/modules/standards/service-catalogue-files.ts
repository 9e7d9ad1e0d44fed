import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { parse as parseCsv } from "csv-parse/sync";
import { buildServiceCatalogue, type CatalogueCsvRow, type ServiceCatalogue } from "../../domain/standards/service-catalogue";

/** The shipped OZG/LeiKa catalogue (committed with the code, see data/reference/PROVENANCE.md). */
export const OZG_DIR = fileURLToPath(new URL("../../../data/reference/ozg/", import.meta.url));

let loaded: ServiceCatalogue | undefined;

/**
 * The service catalogue (5,249 LeiKa services mapped to OZG services), read once from
 * `data/reference/ozg` and kept in memory: a search reads no file and no table. A missing or
 * malformed file fails loudly — the module's `prepare` step reads it when the server starts.
 */
export function serviceCatalogue(): ServiceCatalogue {
  if (loaded) return loaded;
  const rows = parseCsv(fs.readFileSync(OZG_DIR + "leika_ozg_zuordnung.csv", "utf8"), {
    columns: true,
    skip_empty_lines: true,
    bom: true,
  }) as CatalogueCsvRow[];
  loaded = buildServiceCatalogue(rows);
  return loaded;
}

/** The lookups the version rules need: whether a LeiKa key or OZG id is in the catalogue. */
export function catalogueLookup() {
  const catalogue = serviceCatalogue();
  return {
    hasLeikaKey: (key: string) => !!catalogue.byLeikaKey(key),
    hasOzgId: (id: string) => !!catalogue.ozgService(id),
  };
}
