/**
 * The reciprocity ledger (Gegenseitigkeit): hours lent and borrowed between the administrations of
 * a region balance out instead of being paid for. Legal basis: the settlement model agreed in the
 * secondment agreement under the region's framework agreement (issue 16 › Settlement models); no
 * statute prescribes the ledger's form, so its rules are stated here and property-tested.
 *
 * - **Postings.** Every confirmed minute of a reciprocity secondment is two postings of equal size
 *   and opposite sign: a credit (+) to the lender, a debit (−) to the borrower ({@link postLending}).
 *   So the ledger sums to zero across the region, whatever was posted.
 * - **Balances** are the sums per administration ({@link balancesOf}): positive = lent more than
 *   borrowed (the region owes it time), negative = borrowed more.
 * - **Netting** ({@link net}) settles all balances with at most n − 1 transfers for n
 *   administrations with a balance: the largest debtor settles with the largest creditor, one of
 *   them is even afterwards, repeat; the last transfer evens both. Every administration's balance
 *   is preserved exactly (what it receives minus what it gives equals its balance).
 * - **Year end** ({@link yearEnd}): the region chooses `carry_over` (the balances open the next
 *   year as opening postings, {@link postOpening}, so the next year's ledger still sums to zero) or `convert` (the balances become money at the region's average hourly rate of the year,
 *   {@link averageHourlyRate}). Conversion rounds to whole cents by the largest-remainder method,
 *   so the converted amounts still sum to exactly zero ({@link convertToCents}).
 *
 * Works for any whole-number unit: minutes for time, cents for money. Pure: no I/O.
 */
import { assertSafeInteger, divideRounded } from "./money";
import type { Statement } from "./statement";

/** One side of a ledger entry: `amount` > 0 credits the administration, < 0 debits it. */
export interface Posting {
  organizationId: string;
  /** Whole minutes (or cents, after conversion); credit positive, debit negative. */
  amount: number;
}

/** Confirmed reciprocity hours of one secondment (e.g. per month). */
export interface Lending {
  lenderOrganizationId: string;
  borrowerOrganizationId: string;
  /** Confirmed whole minutes (≥ 0). */
  minutes: number;
}

/** A transfer that settles balances: `from` (a debtor) owes `to` (a creditor) `amount`. */
export interface Transfer {
  from: string;
  to: string;
  /** Positive whole minutes or cents. */
  amount: number;
}

/** Balances per administration. */
export type Balances = ReadonlyMap<string, number>;

/**
 * The two postings of one lending: the lender credited, the borrower debited by the same minutes.
 * Lending within one administration posts nothing (it owes itself nothing).
 */
export function postLending(lending: Lending): Posting[] {
  assertSafeInteger(lending.minutes, "minutes");
  if (lending.minutes < 0) throw new RangeError("minutes are not negative");
  if (lending.minutes === 0 || lending.lenderOrganizationId === lending.borrowerOrganizationId) return [];
  return [
    { organizationId: lending.lenderOrganizationId, amount: lending.minutes },
    { organizationId: lending.borrowerOrganizationId, amount: -lending.minutes },
  ];
}

/**
 * The reciprocity hours a month's statement left to the ledger (its `reciprocity_to_ledger`
 * exclusions), one lending per case — so the statement and the ledger read the same hours.
 */
export function lendingsOf(statement: Statement): Lending[] {
  return statement.excluded
    .filter((e) => e.reason === "reciprocity_to_ledger")
    .map((e) => ({
      lenderOrganizationId: statement.lenderOrganizationId,
      borrowerOrganizationId: statement.borrowerOrganizationId,
      minutes: e.minutes,
    }));
}

/**
 * The opening postings of a year: the balances carried over from the closed year before
 * (`carry_over`), one posting per administration with a non-zero balance. Throws when they do not
 * sum to zero (a ledger that opens unbalanced could never be settled).
 */
export function postOpening(opening: Balances): Posting[] {
  if (totalOf(opening) !== 0) throw new RangeError("opening balances must sum to zero");
  return [...opening].filter(([, amount]) => amount !== 0).map(([organizationId, amount]) => ({ organizationId, amount }));
}

/** The balance of every administration that has a posting (zero balances included). */
export function balancesOf(postings: Iterable<Posting>): Map<string, number> {
  const balances = new Map<string, number>();
  for (const p of postings) {
    assertSafeInteger(p.amount, "amount");
    const next = (balances.get(p.organizationId) ?? 0) + p.amount;
    assertSafeInteger(next, "balance");
    balances.set(p.organizationId, next);
  }
  return balances;
}

/** The sum of all balances: zero for a ledger of {@link postLending} postings. */
export function totalOf(balances: Balances): number {
  let total = 0;
  for (const amount of balances.values()) total += amount;
  return total;
}

const byAmountThenId = (a: [string, number], b: [string, number]) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/**
 * Transfers that settle every balance: at most n − 1 for n administrations with a non-zero
 * balance. Greedy: the largest debtor pays the largest creditor the smaller of the two amounts;
 * ties go to the smaller id, so the answer is the same on every run. Throws when the balances do
 * not sum to zero (then no set of transfers can settle them).
 */
export function net(balances: Balances): Transfer[] {
  if (totalOf(balances) !== 0) throw new RangeError("balances must sum to zero");
  const creditors = [...balances].filter(([, a]) => a > 0).sort(byAmountThenId);
  const debtors = [...balances]
    .filter(([, a]) => a < 0)
    .map(([id, a]): [string, number] => [id, -a])
    .sort(byAmountThenId);
  const transfers: Transfer[] = [];
  while (creditors.length > 0 && debtors.length > 0) {
    const creditor = creditors[0];
    const debtor = debtors[0];
    const amount = Math.min(creditor[1], debtor[1]);
    transfers.push({ from: debtor[0], to: creditor[0], amount });
    creditor[1] -= amount;
    debtor[1] -= amount;
    // Put what is left back in order (a short insertion: the lists are the region's administrations).
    for (const list of [creditors, debtors]) {
      const head = list.shift()!;
      if (head[1] === 0) continue;
      const at = list.findIndex((other) => byAmountThenId(head, other) < 0);
      list.splice(at === -1 ? list.length : at, 0, head);
    }
  }
  return transfers;
}

/** A whole-minutes amount at a rate in cents per hour, the region's average over the year's hours. */
export interface RatedMinutes {
  minutes: number;
  rateCentsPerHour: number;
}

/**
 * The region's average hourly rate of a year in cents: the cost of all hours at their rates divided
 * by all hours (weighted by minutes), rounded half up to the cent. `null` when there were no hours.
 */
export function averageHourlyRate(items: Iterable<RatedMinutes>): number | null {
  let minutes = 0;
  let costTimesSixty = 0; // Σ minutes × rate (= cost in cents × 60)
  for (const i of items) {
    assertSafeInteger(i.minutes, "minutes");
    assertSafeInteger(i.rateCentsPerHour, "rateCentsPerHour");
    if (i.minutes < 0 || i.rateCentsPerHour < 0) throw new RangeError("minutes and rates are not negative");
    minutes += i.minutes;
    costTimesSixty += i.minutes * i.rateCentsPerHour;
    assertSafeInteger(costTimesSixty, "cost");
  }
  return minutes === 0 ? null : divideRounded(costTimesSixty, minutes);
}

/**
 * Balances in minutes converted into cents at `rateCentsPerHour`, summing to exactly zero: each
 * amount is minutes × rate ÷ 60 rounded down, and the cents that the rounding took off in total
 * go one each to the administrations with the largest remainders (ties: smaller id first). Every
 * amount is within one cent of its exact value.
 */
export function convertToCents(balances: Balances, rateCentsPerHour: number): Map<string, number> {
  assertSafeInteger(rateCentsPerHour, "rateCentsPerHour");
  if (rateCentsPerHour < 0) throw new RangeError("rate is not negative");
  if (totalOf(balances) !== 0) throw new RangeError("balances must sum to zero");
  const rows = [...balances].map(([id, minutes]) => {
    const exact = minutes * rateCentsPerHour; // cents × 60
    assertSafeInteger(exact, "minutes × rate");
    const floor = Math.floor(exact / 60);
    return { id, floor, remainder: exact - floor * 60 };
  });
  // Σ exact = 0, so Σ remainder = −60 · Σ floor: the cents to hand out.
  const missing = -rows.reduce((a, r) => a + r.floor, 0);
  const order = [...rows].sort((a, b) => b.remainder - a.remainder || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const result = new Map(rows.map((r) => [r.id, r.floor]));
  for (const r of order.slice(0, missing)) result.set(r.id, r.floor + 1);
  return result;
}

/** What the region does with the balances at year end. */
export type YearEndRule = "carry_over" | "convert";

/** The outcome of the year end: balances carried into the next year, or converted into money. */
export type YearEnd =
  | { rule: "carry_over"; openingMinutes: Map<string, number> }
  | { rule: "convert"; rateCentsPerHour: number; cents: Map<string, number>; transfers: Transfer[] };

/**
 * The year end of a region's ledger. `carry_over`: the balances (minutes) open the next year
 * unchanged. `convert`: the balances become cents at `rateCentsPerHour` (the region's average of
 * the year, {@link averageHourlyRate}) and are netted into at most n − 1 payments.
 */
export function yearEnd(balances: Balances, rule: YearEndRule, rateCentsPerHour: number): YearEnd {
  if (rule === "carry_over") return { rule, openingMinutes: new Map([...balances].filter(([, m]) => m !== 0)) };
  const cents = convertToCents(balances, rateCentsPerHour);
  return { rule, rateCentsPerHour, cents, transfers: net(cents) };
}
