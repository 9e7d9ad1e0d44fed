/**
 * Secondary (complementary) suppression, as statistical offices do it: a figure hidden because it
 * rests on fewer than 5 people must not be computable from the figures shown next to it. Every
 * linear relation a reader can form from one page (e.g. an administration's balance = its opening
 * + the reciprocity it lent − the reciprocity it borrowed) is a list of cells; a relation in which
 * exactly one cell is hidden could be solved for it. Known constants (an empty sum is 0) are no
 * members of a relation: the caller leaves them out. For each such relation one more shown cell is
 * hidden — deterministically the cheapest: a flow before a balance before an opening, then the
 * fewest people, the smallest value, the smaller id — until no relation has exactly one hidden
 * cell. Pure: no I/O.
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
  const cheaper = (a: Cell, b: Cell) =>
    KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
    a.people - b.people ||
    Math.abs(a.value) - Math.abs(b.value) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  for (;;) {
    const open = members.find((r) => r.filter((id) => hidden.has(id)).length === 1 && r.length > 1);
    if (!open) return secondary;
    const pick = open
      .filter((id) => !hidden.has(id))
      .map((id) => byId.get(id)!)
      .sort(cheaper)[0];
    hidden.add(pick.id);
    secondary.push(pick.id);
  }
}

/** The relations with exactly one hidden cell (that cell could be solved for): none after {@link suppressSecondarily}, but for a relation of one cell. */
export function solvableRelations(relations: readonly (readonly string[])[], hiddenIds: ReadonlySet<string>) {
  return relations.map((r) => [...new Set(r)]).filter((r) => r.filter((id) => hiddenIds.has(id)).length === 1);
}
