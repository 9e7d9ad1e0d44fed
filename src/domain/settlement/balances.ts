/**
 * Balances and flows of confirmed hours (Salden): what an administration lent and borrowed per
 * month, its reciprocity ledger with the running balance, and the region's flows between
 * administrations — with the staff council's rule that **no figure resting on fewer than
 * {@link MIN_PEOPLE} distinct people is shown** (it would let a reader infer one person's hours).
 * No figure per person leaves this file: the rows it reads are per person and month, what it
 * answers are sums with the rule applied. Pure: no I/O.
 */
import { balancesOf, net, postLending, postOpening, type Transfer } from "./ledger";
import type { SettlementModel } from "./statement";
import { suppressSecondarily, type Cell } from "./suppression";

/** The least number of distinct people a shown figure rests on. */
export const MIN_PEOPLE = 5;

/** Why a figure is not shown. */
export const FEWER_THAN_MIN_PEOPLE = {
  code: "fewer_than_5_people",
  de: "weniger als 5 Personen",
  en: "fewer than 5 people",
} as const;

/**
 * Why a figure is not shown although it rests on at least 5 people: with the figures shown next to
 * it, a hidden figure could be calculated (secondary suppression, `suppression.ts`).
 */
export const REVEALS_HIDDEN_FIGURE = {
  code: "reveals_hidden_figure",
  de: "verborgen, weil sich sonst eine Zahl unter 5 Personen errechnen ließe",
  en: "hidden so that a figure below 5 people cannot be calculated",
} as const;

/** A figure as it may be shown: the value, or null with the reason. */
export interface Figure {
  value: number | null;
  reason: typeof FEWER_THAN_MIN_PEOPLE | typeof REVEALS_HIDDEN_FIGURE | null;
}

/** Confirmed minutes of one person on one secondment in one month (the input; never shown as such). */
export interface HoursRow {
  lenderOrganizationId: string;
  borrowerOrganizationId: string;
  /** 1–12. */
  month: number;
  settlementModel: SettlementModel;
  /** The person (pool member), only to count distinct people. */
  personId: string;
  minutes: number;
}

/** A sum over rows, shown when it rests on at least {@link MIN_PEOPLE} distinct people (an empty sum is 0). */
export function figureOf(rows: readonly HoursRow[], value: (rows: readonly HoursRow[]) => number = sumMinutes): Figure {
  if (rows.length === 0) return { value: 0, reason: null };
  return peopleFigure(new Set(rows.map((r) => r.personId)).size, () => value(rows));
}

/** A sum resting on `people` distinct people: shown from {@link MIN_PEOPLE} on. */
function peopleFigure(people: number, value: () => number): Figure {
  return people >= MIN_PEOPLE ? { value: value(), reason: null } : { value: null, reason: FEWER_THAN_MIN_PEOPLE };
}

const sumMinutes = (rows: readonly HoursRow[]) => rows.reduce((a, r) => a + r.minutes, 0);
const hidden = (): Figure => ({ value: null, reason: FEWER_THAN_MIN_PEOPLE });

/** One month of an administration's page. */
export interface AdministrationMonth {
  month: number;
  /** Lent hours, every settlement model (minutes). */
  lent: Figure;
  /** Borrowed hours, every settlement model (minutes). */
  borrowed: Figure;
  /** Reciprocity: minutes credited for lending. */
  credited: Figure;
  /** Reciprocity: minutes debited for borrowing. */
  debited: Figure;
  /**
   * The running balance at the month's end (credited − debited since January). Shown only while
   * every month up to it is shown: otherwise the difference of two balances would reveal a hidden month.
   */
  balance: Figure;
}

/**
 * The twelve months of `organizationId`'s lent and borrowed hours and its reciprocity ledger. The
 * running balance starts at `opening` (the balance carried over from the closed year before); a
 * hidden opening hides every running balance (it would be their difference to the months).
 */
export function administrationMonths(
  rows: readonly HoursRow[],
  organizationId: string,
  opening: Figure = { value: 0, reason: null },
): AdministrationMonth[] {
  const own = rows.filter((r) => r.lenderOrganizationId !== r.borrowerOrganizationId);
  let running = opening.value ?? 0;
  let allShown = opening.value !== null;
  const months: AdministrationMonth[] = [];
  for (let month = 1; month <= 12; month++) {
    const inMonth = own.filter((r) => r.month === month);
    const lent = inMonth.filter((r) => r.lenderOrganizationId === organizationId);
    const borrowed = inMonth.filter((r) => r.borrowerOrganizationId === organizationId);
    const credited = figureOf(lent.filter((r) => r.settlementModel === "reciprocity"));
    const debited = figureOf(borrowed.filter((r) => r.settlementModel === "reciprocity"));
    allShown &&= credited.value !== null && debited.value !== null;
    if (allShown) running += credited.value! - debited.value!;
    months.push({
      month,
      lent: figureOf(lent),
      borrowed: figureOf(borrowed),
      credited,
      debited,
      balance: allShown ? { value: running, reason: null } : hidden(),
    });
  }
  return months;
}

/** The region's reciprocity balances, their netting, the flows and what may be shown of them. */
export interface RegionBalances {
  /** Every administration with reciprocity hours: its balance in minutes (+ lent more, − borrowed more). */
  balances: Array<{ organizationId: string; minutes: Figure }>;
  /** The exact balances (for the year-end conversion; shown only as far as `balances` shows them). */
  exact: Map<string, number>;
  /** Transfers that settle the balances (≤ n − 1), or null when a balance is hidden (they would reveal it). */
  transfers: Transfer[] | null;
  /** Every pair lender → borrower with confirmed hours, as {@link flowsOf}, secondary suppression applied. */
  flows: Flow[];
  /** The opening balances carried over from the closed year before as they may be shown on the page. */
  openings: Map<string, Figure>;
}

/** A balance carried over from the closed year before, and whether it could be shown then. */
export interface Opening {
  minutes: number;
  isShown: boolean;
}

const pairKey = (r: { lenderOrganizationId: string; borrowerOrganizationId: string }) =>
  `${r.lenderOrganizationId} ${r.borrowerOrganizationId}`;

/**
 * The reciprocity balances of the region's administrations, the `opening` balances carried over
 * from the closed year before included, and the flows between them. An administration's balance
 * rests on the people it lent and borrowed in the year; one resting on fewer than
 * {@link MIN_PEOPLE} is hidden, and so is one whose opening balance was hidden; as the balances sum
 * to zero, the hidden ones together must rest on at least {@link MIN_PEOPLE} people of the year too
 * — else none is shown. Then **secondary suppression** (`suppression.ts`) hides one more figure in
 * every relation of the page that would otherwise reveal a hidden one:
 * - per administration: balance = opening + Σ reciprocity flows it lent − Σ those it borrowed;
 * - Σ balances = 0 (the conversion amounts are the balances × rate, the transfers settle them);
 * - per pair with reciprocity hours only: all hours = reciprocity hours.
 * With a hidden balance no transfers are shown.
 */
export function regionBalances(rows: readonly HoursRow[], opening: ReadonlyMap<string, Opening> = new Map()): RegionBalances {
  const own = rows.filter((r) => r.lenderOrganizationId !== r.borrowerOrganizationId);
  const reciprocity = own.filter((r) => r.settlementModel === "reciprocity");
  const exact = balancesOf([
    ...postOpening(new Map([...opening].map(([id, o]) => [id, o.minutes]))),
    ...reciprocity.flatMap((r) =>
      postLending({ lenderOrganizationId: r.lenderOrganizationId, borrowerOrganizationId: r.borrowerOrganizationId, minutes: r.minutes }),
    ),
  ]);
  const peopleOf = (id: string) =>
    new Set(reciprocity.filter((r) => r.lenderOrganizationId === id || r.borrowerOrganizationId === id).map((r) => r.personId));
  const ids = [...exact.keys()].sort();
  const primaryIds = ids.filter((id) => {
    const people = peopleOf(id).size;
    return (people > 0 && people < MIN_PEOPLE) || opening.get(id)?.isShown === false;
  });
  const hiddenPeople = new Set(primaryIds.flatMap((id) => [...peopleOf(id)]));
  const showNone = primaryIds.length > 0 && hiddenPeople.size < MIN_PEOPLE;
  const flows = flowsOf(rows);

  // The page's cells and relations (suppression.ts); empty sums (0) are known and no members.
  const cells: Cell[] = [
    ...ids.map((id) => ({
      id: `balance ${id}`,
      kind: "balance" as const,
      people: peopleOf(id).size,
      value: exact.get(id)!,
      hidden: showNone || primaryIds.includes(id),
    })),
    ...[...opening]
      .filter(([, o]) => o.minutes !== 0)
      .map(([id, o]) => ({ id: `opening ${id}`, kind: "opening" as const, people: 0, value: o.minutes, hidden: !o.isShown })),
  ];
  const relations: string[][] = [ids.map((id) => `balance ${id}`)];
  const members = new Map<string, string[]>();
  const memberOf = (id: string) => members.get(id) ?? (members.set(id, []), members.get(id)!);
  for (const [id, o] of opening) if (o.minutes !== 0) memberOf(id).push(`opening ${id}`);
  for (const id of ids) memberOf(id).push(`balance ${id}`);
  for (const f of flows) {
    const key = pairKey(f);
    const pair = own.filter((r) => pairKey(r) === key);
    const recip = pair.filter((r) => r.settlementModel === "reciprocity");
    const people = (list: readonly HoursRow[]) => new Set(list.map((r) => r.personId)).size;
    cells.push({
      id: `all ${key}`,
      kind: "flow",
      people: people(pair),
      value: f.all.value ?? sumMinutes(pair),
      hidden: f.all.value === null,
    });
    if (recip.length === 0) continue;
    cells.push({
      id: `reciprocity ${key}`,
      kind: "flow",
      people: people(recip),
      value: f.reciprocity.value ?? sumMinutes(recip),
      hidden: f.reciprocity.value === null,
    });
    memberOf(f.lenderOrganizationId).push(`reciprocity ${key}`);
    memberOf(f.borrowerOrganizationId).push(`reciprocity ${key}`);
    if (recip.length === pair.length) relations.push([`all ${key}`, `reciprocity ${key}`]);
  }
  relations.push(...members.values());
  const secondary = new Set(suppressSecondarily(cells, relations));
  const primary = new Set(cells.filter((c) => c.hidden).map((c) => c.id));
  const figure = (id: string, value: number): Figure =>
    primary.has(id) ? hidden() : secondary.has(id) ? { value: null, reason: REVEALS_HIDDEN_FIGURE } : { value, reason: null };

  const balances = ids.map((organizationId) => ({
    organizationId,
    minutes: figure(`balance ${organizationId}`, exact.get(organizationId)!),
  }));
  const shownFlows = flows
    .map((f) => ({
      ...f,
      all: f.all.value === null ? f.all : figure(`all ${pairKey(f)}`, f.all.value),
      reciprocity: f.reciprocity.value === null ? f.reciprocity : figure(`reciprocity ${pairKey(f)}`, f.reciprocity.value),
    }))
    .sort(byFigureThenIds);
  return {
    balances,
    exact,
    transfers: balances.some((b) => b.minutes.value === null) ? null : net(exact),
    flows: shownFlows,
    openings: new Map(
      [...opening].map(([id, o]) => [id, o.minutes === 0 ? { value: 0, reason: null } : figure(`opening ${id}`, o.minutes)]),
    ),
  };
}

/** A flow: hours one administration lent another in the year. */
export interface Flow {
  lenderOrganizationId: string;
  borrowerOrganizationId: string;
  /** Every settlement model (minutes). */
  all: Figure;
  /** Reciprocity only (minutes). */
  reciprocity: Figure;
}

const byFigureThenIds = (a: Flow, b: Flow) =>
  (b.all.value ?? -1) - (a.all.value ?? -1) ||
  a.lenderOrganizationId.localeCompare(b.lenderOrganizationId) ||
  a.borrowerOrganizationId.localeCompare(b.borrowerOrganizationId);

/**
 * Every pair lender → borrower with confirmed hours in the year, largest first (hidden ones last,
 * by id) — the rule of 5 people only; the region's page reads them from {@link regionBalances},
 * which adds the secondary suppression.
 */
export function flowsOf(rows: readonly HoursRow[]): Flow[] {
  const pairs = new Map<string, HoursRow[]>();
  for (const r of rows) {
    if (r.lenderOrganizationId === r.borrowerOrganizationId) continue;
    const key = pairKey(r);
    pairs.set(key, [...(pairs.get(key) ?? []), r]);
  }
  const flows = [...pairs.values()].map((list) => ({
    lenderOrganizationId: list[0].lenderOrganizationId,
    borrowerOrganizationId: list[0].borrowerOrganizationId,
    all: figureOf(list),
    reciprocity: figureOf(list.filter((r) => r.settlementModel === "reciprocity")),
  }));
  return flows.sort(byFigureThenIds);
}

/** An issued (acknowledged, paid) statement of the year: its gross and the people its lines bill (the input; never shown as such). */
export interface StatementMoneyRow {
  lenderOrganizationId: string;
  borrowerOrganizationId: string;
  /** 1–12. */
  month: number;
  grossCents: number;
  /** The people (pool members) of the statement's lines, only to count them. */
  personIds: readonly string[];
}

/** One month of an administration's money from statements (cents). */
export interface MoneyMonth {
  month: number;
  /** What it invoiced as lender. */
  invoicedCents: Figure;
  /** What it was invoiced as borrower. */
  owedCents: Figure;
}

/**
 * The money of `organizationId`'s statements per month, the months with a statement only: each
 * side's sum is shown when the statements of that month and side bill at least {@link MIN_PEOPLE}
 * distinct people (a side without statements is 0).
 */
export function moneyMonths(rows: readonly StatementMoneyRow[], organizationId: string): MoneyMonth[] {
  const side = (list: readonly StatementMoneyRow[]): Figure =>
    list.length === 0
      ? { value: 0, reason: null }
      : peopleFigure(new Set(list.flatMap((r) => r.personIds)).size, () => list.reduce((a, r) => a + r.grossCents, 0));
  const months = [...new Set(rows.map((r) => r.month))].sort((a, b) => a - b);
  return months.map((month) => {
    const inMonth = rows.filter((r) => r.month === month);
    return {
      month,
      invoicedCents: side(inMonth.filter((r) => r.lenderOrganizationId === organizationId)),
      owedCents: side(inMonth.filter((r) => r.borrowerOrganizationId === organizationId)),
    };
  });
}
