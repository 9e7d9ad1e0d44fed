// The bundled service catalogue (LeiKa services mapped to OZG services, data/reference/ozg) and a
// search over it by LeiKa key, OZG id or words. Pure: the rows are read by the caller.

/** One service of the catalogue: a LeiKa service and the OZG service it belongs to. */
export interface CatalogueService {
  /** The 14-digit LeiKa key, or null where the OZG catalogue lists a service "nicht im LeiKa". */
  leikaKey: string | null;
  /** The LeiKa service's name, e.g. `Baugenehmigung Erteilung`. */
  name: string;
  /** The 5-digit OZG service id, e.g. `10519`; null for the few LeiKa services without one. */
  ozgId: string | null;
  /** The OZG service's name, e.g. `Bauvorbescheid und Baugenehmigung` (empty without an OZG id). */
  ozgService: string;
  /** The OZG life situation (Lebenslage). */
  lifeSituation: string;
  /** The OZG topic (Themenfeld). */
  topic: string;
}

/** A row of `leika_ozg_zuordnung.csv`, as csv-parse reads it with headers. */
export interface CatalogueCsvRow {
  leika_schluessel: string;
  leistung: string;
  ozg_id: string;
  ozg_leistung: string;
  lebenslage: string;
  themenfeld: string;
}

const LEIKA_KEY = /^\d{14}$/;
const OZG_ID = /^\d{5}$/;

/** Whether a text is shaped like a LeiKa key (14 digits). */
export const isLeikaKeyShape = (value: string) => LEIKA_KEY.test(value);
/** Whether a text is shaped like an OZG service id (5 digits). */
export const isOzgIdShape = (value: string) => OZG_ID.test(value);

/**
 * Folds a text for searching: lower case, umlauts and accents to their base letter, ß to ss, runs
 * of other characters to one space — so "Bürgeramt", "Buergeramt" and "BÜRGERAMT" meet.
 */
export function foldForSearch(text: string): string {
  return text
    .toLowerCase()
    .replace(/ä/g, "ae")
    .replace(/ö/g, "oe")
    .replace(/ü/g, "ue")
    .replace(/ß/g, "ss")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** The catalogue, indexed for lookups and search (built once; searching reads no file). */
export interface ServiceCatalogue {
  readonly services: readonly CatalogueService[];
  /** The service of a LeiKa key. */
  byLeikaKey(key: string): CatalogueService | undefined;
  /** The OZG service of an id (its name, life situation and topic). */
  ozgService(id: string): { ozgId: string; ozgService: string; lifeSituation: string; topic: string } | undefined;
  /** Services matching a query, best first, at most `limit`; `matches` counts all. */
  search(query: string, limit: number): { items: CatalogueService[]; matches: number };
}

/**
 * Builds the catalogue from the rows of `leika_ozg_zuordnung.csv`. Fails loudly on a row whose
 * key or OZG id is malformed, so a broken file stops the start instead of answering nonsense.
 */
export function buildServiceCatalogue(rows: readonly CatalogueCsvRow[]): ServiceCatalogue {
  const services: CatalogueService[] = rows.map((r, i) => {
    const key = r.leika_schluessel.trim();
    const leikaKey = LEIKA_KEY.test(key) ? key : null;
    if (!leikaKey && key !== "nicht im LeiKa") throw new Error(`Service catalogue, line ${i + 2}: LeiKa key "${key}" is malformed`);
    const ozgId = r.ozg_id.trim() || null;
    if (ozgId !== null && !OZG_ID.test(ozgId)) throw new Error(`Service catalogue, line ${i + 2}: OZG id "${ozgId}" is malformed`);
    return {
      leikaKey,
      name: r.leistung.trim(),
      ozgId,
      ozgService: r.ozg_leistung.trim(),
      lifeSituation: r.lebenslage.trim(),
      topic: r.themenfeld.trim(),
    };
  });
  const byKey = new Map<string, CatalogueService>();
  const byOzg = new Map<string, CatalogueService>();
  for (const s of services) {
    if (s.leikaKey) byKey.set(s.leikaKey, s);
    if (s.ozgId && !byOzg.has(s.ozgId)) byOzg.set(s.ozgId, s);
  }
  const folded = services.map((s) => ({
    name: foldForSearch(s.name),
    text: foldForSearch(`${s.name} ${s.ozgService} ${s.lifeSituation} ${s.topic}`),
  }));

  return {
    services,
    byLeikaKey: (key) => byKey.get(key),
    ozgService: (id) => {
      const s = byOzg.get(id);
      return s ? { ozgId: id, ozgService: s.ozgService, lifeSituation: s.lifeSituation, topic: s.topic } : undefined;
    },
    search(query, limit) {
      const q = foldForSearch(query);
      if (!q) return { items: [], matches: 0 };
      const words = q.split(" ");
      const digits = /^\d+$/.test(q) ? q : null;
      // Rank: 0 exact key or id, 1 key prefix or the exact name, 2 name starts with the query, 3 every word somewhere.
      const ranked: Array<{ rank: number; at: number }> = [];
      services.forEach((s, at) => {
        let rank = -1;
        if (digits) {
          if (s.leikaKey === digits || s.ozgId === digits) rank = 0;
          else if (s.leikaKey?.startsWith(digits) || s.ozgId?.startsWith(digits)) rank = 1;
        } else if (folded[at].name === q) rank = 1;
        else if (folded[at].name.startsWith(q)) rank = 2;
        else if (words.every((w) => folded[at].text.includes(w))) rank = 3;
        if (rank >= 0) ranked.push({ rank, at });
      });
      ranked.sort((a, b) => a.rank - b.rank || a.at - b.at);
      return { items: ranked.slice(0, limit).map((r) => services[r.at]), matches: ranked.length };
    },
  };
}
