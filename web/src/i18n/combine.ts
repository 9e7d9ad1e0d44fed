type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/**
 * Merges the texts of the shared words and of each capability into one object (one i18next
 * namespace, so keys stay `secondments.actions.release`). A top-level key that two parts both
 * define is a mistake: it would silently hide texts, so it fails when the app starts.
 */
export function combine<T extends Array<Record<string, unknown>>>(...parts: T): UnionToIntersection<T[number]> {
  const out: Record<string, unknown> = {};
  for (const part of parts) {
    for (const [key, value] of Object.entries(part)) {
      if (key in out) throw new Error(`i18n: the top-level key "${key}" is defined twice`);
      out[key] = value;
    }
  }
  return out as UnionToIntersection<T[number]>;
}
