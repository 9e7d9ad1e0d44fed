/**
 * Secondary (complementary) suppression, as statistical offices do it: a figure hidden because it
 * rests on fewer than 5 people must not be computable from the figures shown next to it. Every
 * linear relation a reader can form from one page (e.g. an administration's balance = its opening
 * + the reciprocity it lent − the reciprocity it borrowed) is a list of cells; a relation in which
 * exactly one cell is hidden could be solved for it. Known constants (an empty sum is 0) are no
 * members of a relation: the caller leaves them out. While such a relation is left, one more shown
 * cell of one is hidden — deterministically the cheapest: a flow before a balance before an
 * opening, then the one in the most such relations (so few are hidden), the fewest people, the
 * smallest value, the smaller id — until no relation has exactly one hidden cell. Pure: no I/O.
 */

/** What a cell is; the order is the order of preference for hiding one more. */
export type CellKind = "flow" | "balance" | "opening";
const KIND_ORDER: Record<CellKind, number> = { flow: 0, balance: 1, opening: 2 };

/** One figure of a page as the suppression sees it. */
export interface Cell {
  id: string;
  kind: CellKind;
  /** The distinct people the figure rests on. */
  people: number;
  value: number;
  /** Hidden by the rule of 5 people (primary). */
  hidden: boolean;
}

/** The ids of the cells hidden secondarily, in the order they were hidden. */
export function suppressSecondarily(cells: readonly Cell[], relations: readonly (readonly string[])[]): string[] {
  const byId = new Map(cells.map((c) => [c.id, c]));
  const hidden = new Set(cells.filter((c) => c.hidden).map((c) => c.id));
  const members = relations.map((r) => [...new Set(r)]);
  const secondary: string[] = [];
  for (;;) {
    const open = members.filter((r) => r.length > 1 && r.filter((id) => hidden.has(id)).length === 1);
    if (open.length === 0) return secondary;
    // The cheapest shown figure of any open relation: a flow first, then the one that closes the
    // most open relations (fewest figures hidden), the fewest people, the smallest value, the id.
    const closes = new Map<string, number>();
    for (const r of open) for (const id of r) if (!hidden.has(id)) closes.set(id, (closes.get(id) ?? 0) + 1);
    const cheaper = (a: Cell, b: Cell) =>
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
      closes.get(b.id)! - closes.get(a.id)! ||
      a.people - b.people ||
      Math.abs(a.value) - Math.abs(b.value) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    const pick = [...closes.keys()].map((id) => byId.get(id)!).sort(cheaper)[0];
    hidden.add(pick.id);
    secondary.push(pick.id);
  }
}
