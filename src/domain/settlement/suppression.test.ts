/**
 * Secondary suppression on the region's page (fast-check): no figure below 5 people is shown, and
 * none hidden can be solved for from any relation a reader can form from the page.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  administrationMonths,
  FEWER_THAN_MIN_PEOPLE,
  MIN_PEOPLE,
  regionBalances,
  type Figure,
  type HoursRow,
  type Opening,
  type RegionBalances,
} from "./balances";
import { SETTLEMENT_MODELS } from "./statement";
import { suppressSecondarily } from "./suppression";

const ORGS = ["a", "b", "c", "d", "e"];
const row = fc.record<HoursRow>({
  lenderOrganizationId: fc.constantFrom(...ORGS),
  borrowerOrganizationId: fc.constantFrom(...ORGS),
  month: fc.integer({ min: 1, max: 12 }),
  settlementModel: fc.constantFrom(...SETTLEMENT_MODELS),
  personId: fc.constantFrom(...Array.from({ length: 14 }, (_, i) => `p${i + 1}`)),
  minutes: fc.integer({ min: 1, max: 20_000 }),
});
/** Opening balances of some administrations, summing to zero (the last one takes the rest). */
const openings = fc
  .array(fc.record({ minutes: fc.integer({ min: -30_000, max: 30_000 }), isShown: fc.boolean() }), { minLength: 0, maxLength: 4 })
  .map((list) => {
    const map = new Map<string, Opening>();
    list.forEach((o, i) => map.set(ORGS[i], o));
    if (list.length > 0) map.set("e", { minutes: -list.reduce((a, o) => a + o.minutes, 0), isShown: true });
    return map;
  });
const region = fc.record({ rows: fc.array(row, { maxLength: 120 }), openings });

const key = (l: string, b: string) => `${l} ${b}`;
const people = (list: readonly HoursRow[]) => new Set(list.map((r) => r.personId)).size;
const sum = (list: readonly HoursRow[]) => list.reduce((a, r) => a + r.minutes, 0);

/** Every figure of the page by name, and every linear relation among them a reader can form (from the input, not the answer). */
function page(rows: readonly HoursRow[], opening: ReadonlyMap<string, Opening>, answer: RegionBalances) {
  const figures = new Map<string, Figure>();
  for (const b of answer.balances) figures.set(`balance ${b.organizationId}`, b.minutes);
  for (const [id, f] of answer.openings) if (opening.get(id)!.minutes !== 0) figures.set(`opening ${id}`, f);
  for (const f of answer.flows) {
    figures.set(`all ${key(f.lenderOrganizationId, f.borrowerOrganizationId)}`, f.all);
    figures.set(`reciprocity ${key(f.lenderOrganizationId, f.borrowerOrganizationId)}`, f.reciprocity);
  }
  const own = rows.filter((r) => r.lenderOrganizationId !== r.borrowerOrganizationId);
  const recip = own.filter((r) => r.settlementModel === "reciprocity");
  const relations: string[][] = [answer.balances.map((b) => `balance ${b.organizationId}`)];
  for (const b of answer.balances) {
    const id = b.organizationId;
    const pairs = new Set(
      recip
        .filter((r) => r.lenderOrganizationId === id || r.borrowerOrganizationId === id)
        .map((r) => key(r.lenderOrganizationId, r.borrowerOrganizationId)),
    );
    relations.push([
      `balance ${id}`,
      ...(figures.has(`opening ${id}`) ? [`opening ${id}`] : []),
      ...[...pairs].map((p) => `reciprocity ${p}`),
    ]);
  }
  for (const f of answer.flows) {
    const k = key(f.lenderOrganizationId, f.borrowerOrganizationId);
    const pair = own.filter((r) => key(r.lenderOrganizationId, r.borrowerOrganizationId) === k);
    if (pair.every((r) => r.settlementModel === "reciprocity")) relations.push([`all ${k}`, `reciprocity ${k}`]);
  }
  return { figures, relations, own, recip };
}

const onlyHiddenOnce = (relations: string[][], isHidden: (name: string) => boolean) =>
  relations.filter((r) => r.filter(isHidden).length === 1);

describe("secondary suppression on the region's page", () => {
  it("shows no figure resting on fewer than 5 people, and every shown figure is exact", () => {
    fc.assert(
      fc.property(region, ({ rows, openings: opening }) => {
        const answer = regionBalances(rows, opening);
        const { own, recip } = page(rows, opening, answer);
        for (const b of answer.balances) {
          const n = people(
            recip.filter((r) => r.lenderOrganizationId === b.organizationId || r.borrowerOrganizationId === b.organizationId),
          );
          if ((n > 0 && n < MIN_PEOPLE) || opening.get(b.organizationId)?.isShown === false) expect(b.minutes.value).toBeNull();
          if (b.minutes.value !== null) expect(b.minutes.value).toBe(answer.exact.get(b.organizationId));
        }
        for (const f of answer.flows) {
          const pair = own.filter(
            (r) => r.lenderOrganizationId === f.lenderOrganizationId && r.borrowerOrganizationId === f.borrowerOrganizationId,
          );
          const pairRecip = pair.filter((r) => r.settlementModel === "reciprocity");
          if (people(pair) < MIN_PEOPLE) expect(f.all.value).toBeNull();
          if (pairRecip.length > 0 && people(pairRecip) < MIN_PEOPLE) expect(f.reciprocity.value).toBeNull();
          if (f.all.value !== null) expect(f.all.value).toBe(sum(pair));
          if (f.reciprocity.value !== null) expect(f.reciprocity.value).toBe(sum(pairRecip));
        }
        for (const [id, o] of opening) if (!o.isShown && o.minutes !== 0) expect(answer.openings.get(id)!.value).toBeNull();
      }),
      { numRuns: 300 },
    );
  });

  it("leaves no relation of the page with exactly one hidden figure (it could be solved for)", () => {
    fc.assert(
      fc.property(region, ({ rows, openings: opening }) => {
        const answer = regionBalances(rows, opening);
        const { figures, relations } = page(rows, opening, answer);
        const solvable = onlyHiddenOnce(relations, (name) => figures.get(name)?.value === null);
        expect(solvable).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it("hides nothing more where no relation needs it: without a solvable relation after the rule of 5 people, no figure has the second reason", () => {
    fc.assert(
      fc.property(region, ({ rows, openings: opening }) => {
        const answer = regionBalances(rows, opening);
        const { figures, relations } = page(rows, opening, answer);
        const primary = (name: string) => figures.get(name)?.reason?.code === "fewer_than_5_people";
        const secondary = [...figures.values()].filter((f) => f.reason?.code === "reveals_hidden_figure");
        if (onlyHiddenOnce(relations, primary).length === 0) expect(secondary).toEqual([]);
        else expect(secondary.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it("the ledger still sums to zero, and shown transfers settle every balance", () => {
    fc.assert(
      fc.property(region, ({ rows, openings: opening }) => {
        const answer = regionBalances(rows, opening);
        expect([...answer.exact.values()].reduce((a, v) => a + v, 0)).toBe(0);
        if (answer.balances.some((b) => b.minutes.value === null)) expect(answer.transfers).toBeNull();
        else
          for (const b of answer.balances)
            expect(
              answer.transfers!.reduce(
                (a, x) => a + (x.to === b.organizationId ? x.amount : 0) - (x.from === b.organizationId ? x.amount : 0),
                0,
              ),
            ).toBe(b.minutes.value);
      }),
      { numRuns: 200 },
    );
  });
});

/** `n` people of `lender` lending `borrower` `minutes` each in January (reciprocity unless said). */
const lend = (lender: string, borrower: string, n: number, minutes: number, settlementModel: HoursRow["settlementModel"] = "reciprocity") =>
  Array.from({ length: n }, (_, i) => ({
    lenderOrganizationId: lender,
    borrowerOrganizationId: borrower,
    month: 1,
    settlementModel,
    personId: `${lender}${borrower}${i}`,
    minutes,
  }));

describe("the gap it closes", () => {
  // a lends b (6 people), c (5 people) and — 2 people only — d. Everything else rests on ≥ 5 people.
  const rows = [...lend("a", "b", 6, 600), ...lend("a", "c", 5, 500), ...lend("a", "d", 2, 777), ...lend("d", "b", 5, 300)];

  it("a's balance minus its shown flows no longer gives the hidden pair a → d (2 people)", () => {
    const answer = regionBalances(rows);
    const flow = (l: string, b: string) => answer.flows.find((f) => f.lenderOrganizationId === l && f.borrowerOrganizationId === b)!;
    expect(flow("a", "d").reciprocity.reason?.code).toBe("fewer_than_5_people");
    const a = answer.balances.find((b) => b.organizationId === "a")!.minutes.value;
    const shownFlowsOfA = ["b", "c"].map((to) => flow("a", to).reciprocity.value);
    // Before: a's balance 6·600 + 5·500 + 2·777 = 7654 and its flows 3600 and 2500 were all shown: 7654 − 6100 = 1554, the pair's minutes.
    const anyHidden = a === null || shownFlowsOfA.some((v) => v === null);
    expect(anyHidden).toBe(true);
    // Hidden more, flows before balances: d → b (5 people, the smaller value) for d's relation, then
    // a → b, which closes a's relation and the one b's relation now opened.
    const secondarily = {
      value: null,
      reason: {
        code: "reveals_hidden_figure",
        de: "verborgen, weil sich sonst eine Zahl unter 5 Personen errechnen ließe",
        en: "hidden so that a figure below 5 people cannot be calculated",
      },
    };
    expect(flow("d", "b").reciprocity).toEqual(secondarily);
    expect(flow("a", "b").reciprocity).toEqual(secondarily);
    expect(flow("a", "c").reciprocity.value).toBe(2500);
    // Every balance stays shown, and so do the transfers.
    expect(answer.balances.map((b) => b.minutes.value)).toEqual([7654, -5100, -2500, -54]);
    expect(answer.transfers).not.toBeNull();
  });

  it("a region where every figure rests on at least 5 people shows all of them, as before", () => {
    const plain = [
      ...lend("a", "b", 6, 600),
      ...lend("a", "c", 5, 500),
      ...lend("b", "c", 5, 300),
      ...lend("c", "a", 7, 100, "reimbursement"),
    ];
    const answer = regionBalances(plain);
    expect(answer.balances.map((b) => [b.organizationId, b.minutes.value])).toEqual([
      ["a", 6100],
      ["b", -2100],
      ["c", -4000],
    ]);
    expect(answer.flows.map((f) => [f.lenderOrganizationId, f.borrowerOrganizationId, f.all.value, f.reciprocity.value])).toEqual([
      ["a", "b", 3600, 3600],
      ["a", "c", 2500, 2500],
      ["b", "c", 1500, 1500],
      ["c", "a", 700, 0],
    ]);
    expect(answer.transfers).not.toBeNull();
  });

  it("a hidden pair already covered by another hidden one hides nothing more", () => {
    // a → d and d → a rest on 2 and 3 people: a's and d's relations each hold two hidden flows; the balances of a and d rest on ≥ 5.
    const covered = [...lend("a", "b", 6, 600), ...lend("a", "d", 2, 777), ...lend("d", "a", 3, 100), ...lend("b", "d", 5, 50)];
    const answer = regionBalances(covered);
    const reasons = [...answer.flows.flatMap((f) => [f.all, f.reciprocity]), ...answer.balances.map((b) => b.minutes)].map(
      (f) => f.reason?.code ?? "shown",
    );
    expect(reasons).not.toContain("reveals_hidden_figure");
  });
});

describe("suppressSecondarily", () => {
  it("prefers a flow over a balance, then fewer people, then the smaller value", () => {
    const cell = (id: string, kind: "flow" | "balance", people: number, value: number, hidden = false) => ({
      id,
      kind,
      people,
      value,
      hidden,
    });
    expect(
      suppressSecondarily(
        [
          cell("x", "flow", 2, 10, true),
          cell("bal", "balance", 5, 1),
          cell("f6", "flow", 6, 1),
          cell("f5big", "flow", 5, 900),
          cell("f5", "flow", 5, 90),
        ],
        [["x", "bal", "f6", "f5big", "f5"]],
      ),
    ).toEqual(["f5"]);
  });
});

describe("an administration's page needs no secondary figure", () => {
  it("no month's relation (balance = previous balance + credit − debit; lent = credit where all is reciprocity) has exactly one hidden figure", () => {
    const opening = fc.option(fc.record({ value: fc.integer({ min: -30_000, max: 30_000 }), shown: fc.boolean() }), { nil: undefined });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 120 }), fc.constantFrom(...ORGS), opening, (rows, org, open) => {
        const start: Figure | undefined =
          open && (open.shown ? { value: open.value, reason: null } : { value: null, reason: FEWER_THAN_MIN_PEOPLE });
        const months = administrationMonths(rows, org, start);
        const own = rows.filter((r) => r.lenderOrganizationId !== r.borrowerOrganizationId);
        const hiddenOf = (f: Figure | undefined) => (f?.value === null ? 1 : 0);
        months.forEach((m, i) => {
          const lent = own.filter((r) => r.month === m.month && r.lenderOrganizationId === org);
          const borrowed = own.filter((r) => r.month === m.month && r.borrowerOrganizationId === org);
          const recip = (list: HoursRow[]) => list.filter((r) => r.settlementModel === "reciprocity");
          // Empty sums are known (0) and no members.
          const members = [
            i === 0 ? start : months[i - 1].balance,
            recip(lent).length > 0 ? m.credited : undefined,
            recip(borrowed).length > 0 ? m.debited : undefined,
            m.balance,
          ];
          expect(
            members.reduce((a, f) => a + hiddenOf(f), 0),
            `month ${m.month}`,
          ).not.toBe(1);
          if (lent.length > 0 && recip(lent).length === lent.length) expect(hiddenOf(m.lent) + hiddenOf(m.credited)).not.toBe(1);
          if (borrowed.length > 0 && recip(borrowed).length === borrowed.length)
            expect(hiddenOf(m.borrowed) + hiddenOf(m.debited)).not.toBe(1);
        });
      }),
      { numRuns: 200 },
    );
  });
});
