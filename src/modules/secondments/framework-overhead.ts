import type { Db, Tx } from "../../db/client";
import { agreedOverheadOf, overheadWords, type AgreedOverhead } from "../../domain/settlement/overhead";
import type { SecondmentRow } from "./secondment-scope";

// The overhead a single agreement states, as the secondment page and the agreement PDF show it.
// The framework agreement's office and other-workplace percentages are the region's cost-rate
// parameters, which belong to the settlement capability (a layer above): settlement registers
// where to read them (`registerFrameworkOverhead`), so this capability does not import it.

/** The framework agreement's overhead percentages on a day, in basis points; null without parameters. */
export type FrameworkOverheadSource = (
  db: Db | Tx,
  regionId: string,
  on: string,
) => Promise<{ officeBasisPoints: number; otherBasisPoints: number } | null>;

let source: FrameworkOverheadSource | null = null;

/** Settlement says where the region's overhead parameters are read (once, when its module loads). */
export function registerFrameworkOverhead(read: FrameworkOverheadSource) {
  source = read;
}

/** The states in which the lender's HR office may still change the overhead: before the borrower confirms the agreement. */
export const OVERHEAD_OPEN_STATES = ["proposed", "released", "approved", "staff_council", "accepted"] as const;

/** The agreement's overhead of a secondment row. */
export const overheadOfRow = (s: Pick<SecondmentRow, "overhead" | "overheadBasisPoints">): AgreedOverhead =>
  agreedOverheadOf(s.overhead, s.overheadBasisPoints);

/** The percentage the agreement itself fixes (agreed; none is 0), in basis points; null for office and other. */
const fixedBasisPoints = (o: AgreedOverhead) => (o.kind === "agreed" ? o.basisPoints : o.kind === "none" ? 0 : null);

const viewOf = (overhead: AgreedOverhead, basisPoints: number | null) => ({
  kind: overhead.kind,
  percent: basisPoints === null ? null : basisPoints / 100,
  words: overheadWords(overhead, basisPoints),
});

/**
 * The overhead as the page and the PDF say it: kind, the percentage that applies (for office and
 * other: the region's parameter on the first day of the secondment; null where none is known) and
 * the words ("20 % (Büroarbeitsplatz, Rahmenvereinbarung)").
 */
export async function overheadView(db: Db | Tx, s: Pick<SecondmentRow, "overhead" | "overheadBasisPoints" | "regionId" | "startsOn">) {
  const overhead = overheadOfRow(s);
  let basisPoints = fixedBasisPoints(overhead);
  if (basisPoints === null && source) {
    const framework = await source(db, s.regionId, s.startsOn);
    if (framework) basisPoints = overhead.kind === "other" ? framework.otherBasisPoints : framework.officeBasisPoints;
  }
  return viewOf(overhead, basisPoints);
}

/** The overhead without reading the region's parameters (lists): the percentage only where the agreement fixes it. */
export function overheadViewOfRow(s: Pick<SecondmentRow, "overhead" | "overheadBasisPoints">) {
  const overhead = overheadOfRow(s);
  return viewOf(overhead, fixedBasisPoints(overhead));
}
