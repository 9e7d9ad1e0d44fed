import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { buildStatement } from "./statement";
import { casesFromDays, type CaseSecondment } from "./statement-cases";
import { inForceIds, netBilled, settleMonth, type BillableItem, type BilledItem } from "./settle-month";

const SECONDMENTS: CaseSecondment[] = [
  { id: "s1", model: "reimbursement", label: "Gesundheitsamt" },
  { id: "s2", model: "waiver", label: "Bürgerbüro" },
  { id: "s3", model: "reimbursement", label: "Bauamt" },
];
/** The rate of a day: a new table from the 15th (so a month has two rates). */
const rateOf = (day: string) =>
  day.slice(8) < "15" ? { rateCentsPerHour: 5114, rateLabel: "E 9b alt" } : { rateCentsPerHour: 5237, rateLabel: "E 9b neu" };

interface Row {
  id: string;
  kind: "hours" | "expense";
  secondmentId: string;
  day: string;
  value: number;
  state: "recorded" | "confirmed" | "returned" | "replaced";
  correctsId: string | null;
}

const asItem = (r: Row): BillableItem =>
  r.kind === "hours"
    ? { kind: "hours", id: r.id, secondmentId: r.secondmentId, day: r.day, minutes: r.value, ...rateOf(r.day) }
    : {
        kind: "expense",
        id: r.id,
        secondmentId: r.secondmentId,
        day: r.day,
        expenseKind: "travel",
        amountCents: r.value,
        description: `Fahrt ${r.day}`,
        correctsId: r.correctsId,
      };

const month = "2026-11";
const base = { lenderOrganizationId: "w", borrowerOrganizationId: "r", month, vat: "none" as const, secondments: SECONDMENTS };
const inForce = (rows: Row[]) => {
  const ids = inForceIds(rows);
  return rows.filter((r) => ids.has(r.id)).map(asItem);
};
/** What one statement computed today from everything in force would bill. */
const valueNow = (rows: Row[]) => settleMonth({ ...base, inForce: inForce(rows), billed: [] }).statement.netCents;

type Action =
  | { do: "confirm_day"; s: string; day: number; minutes: number }
  | { do: "expense"; s: string; day: number; cents: number }
  | { do: "correct"; pick: number; value: number }
  | { do: "decide"; pick: number; confirm: boolean }
  | { do: "issue" };

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({
    do: fc.constant("confirm_day" as const),
    s: fc.constantFrom("s1", "s2", "s3"),
    day: fc.integer({ min: 1, max: 28 }),
    minutes: fc.integer({ min: 1, max: 600 }),
  }),
  fc.record({
    do: fc.constant("expense" as const),
    s: fc.constantFrom("s1", "s2"),
    day: fc.integer({ min: 1, max: 28 }),
    cents: fc.integer({ min: 1, max: 6000 }),
  }),
  fc.record({ do: fc.constant("correct" as const), pick: fc.nat(), value: fc.integer({ min: 1, max: 600 }) }),
  fc.record({ do: fc.constant("decide" as const), pick: fc.nat(), confirm: fc.boolean() }),
  fc.constant({ do: "issue" as const }),
);

describe("settleMonth", () => {
  it("with nothing billed before, it is line for line the month's statement of buildStatement", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            s: fc.constantFrom("s1", "s2", "s3"),
            day: fc.integer({ min: 1, max: 28 }),
            minutes: fc.integer({ min: 1, max: 600 }),
          }),
          {
            maxLength: 20,
          },
        ),
        fc.array(fc.record({ s: fc.constantFrom("s1", "s2"), cents: fc.integer({ min: 1, max: 5000 }) }), { maxLength: 5 }),
        (days, spent) => {
          const items: BillableItem[] = days.map((d, i) => ({
            kind: "hours",
            id: `e${i}`,
            secondmentId: d.s,
            day: `${month}-${String(d.day).padStart(2, "0")}`,
            minutes: d.minutes,
            ...rateOf(`${month}-${String(d.day).padStart(2, "0")}`),
          }));
          const expenses: BillableItem[] = spent.map((x, i) => ({
            kind: "expense",
            id: `x${i}`,
            secondmentId: x.s,
            day: `${month}-01`,
            expenseKind: "travel",
            amountCents: x.cents,
            description: `Fahrt ${i}`,
            correctsId: null,
          }));
          const settled = settleMonth({ ...base, inForce: [...items, ...expenses], billed: [] });
          const expected = buildStatement({
            ...base,
            cases: casesFromDays(
              SECONDMENTS,
              items
                .map(
                  (e) =>
                    e.kind === "hours" && {
                      secondmentId: e.secondmentId,
                      day: e.day,
                      minutes: e.minutes,
                      rateCentsPerHour: e.rateCentsPerHour,
                      rateLabel: e.rateLabel,
                    },
                )
                .filter((x) => x !== false),
              expenses
                .map(
                  (e) =>
                    e.kind === "expense" && {
                      secondmentId: e.secondmentId,
                      kind: e.expenseKind,
                      amountCents: e.amountCents,
                      description: e.description,
                    },
                )
                .filter((x) => x !== false),
            ),
          });
          expect(settled.statement).toEqual(expected);
          expect(settled.items.every((i) => i.sign === 1)).toBe(true);
        },
      ),
    );
  });

  it("over any confirmations, corrections and statements the issued statements of a month add up to what is in force: nothing billed twice, nothing never billed", () => {
    fc.assert(
      fc.property(fc.array(action, { maxLength: 40 }), (actions) => {
        const rows: Row[] = [];
        const issued: BilledItem[] = [];
        let issuedNet = 0;
        let n = 0;
        const issue = () => {
          const settled = settleMonth({ ...base, inForce: inForce(rows), billed: netBilled(issued), isSupplement: issued.length > 0 });
          if (settled.items.length === 0) return;
          issued.push(...settled.items);
          issuedNet += settled.statement.netCents;
          expect(settled.statement.lines.reduce((a, l) => a + l.amountCents, 0)).toBe(settled.statement.netCents);
        };
        for (const a of actions) {
          if (a.do === "confirm_day") {
            const day = `${month}-${String(a.day).padStart(2, "0")}`;
            const live = rows.some(
              (r) =>
                r.kind === "hours" &&
                r.secondmentId === a.s &&
                r.day === day &&
                (r.state === "recorded" || r.state === "confirmed" || r.state === "replaced"),
            );
            if (!live)
              rows.push({ id: `r${n++}`, kind: "hours", secondmentId: a.s, day, value: a.minutes, state: "confirmed", correctsId: null });
          } else if (a.do === "expense") {
            rows.push({
              id: `r${n++}`,
              kind: "expense",
              secondmentId: a.s,
              day: `${month}-${String(a.day).padStart(2, "0")}`,
              value: a.cents,
              state: "confirmed",
              correctsId: null,
            });
          } else if (a.do === "correct") {
            const confirmed = rows.filter(
              (r) => r.state === "confirmed" && !rows.some((p) => p.correctsId === r.id && p.state === "recorded"),
            );
            if (confirmed.length === 0) continue;
            const r = confirmed[a.pick % confirmed.length];
            r.state = "replaced";
            rows.push({ ...r, id: `r${n++}`, value: r.kind === "hours" ? a.value : a.value * 10, state: "recorded", correctsId: r.id });
          } else if (a.do === "decide") {
            const open = rows.filter((r) => r.state === "recorded");
            if (open.length === 0) continue;
            const r = open[a.pick % open.length];
            r.state = a.confirm ? "confirmed" : "returned";
            if (!a.confirm && r.correctsId) rows.find((p) => p.id === r.correctsId)!.state = "confirmed";
          } else {
            issue();
          }
          // At every moment: what was issued plus what a supplement would bill now is the value in force.
          const pending = settleMonth({ ...base, inForce: inForce(rows), billed: netBilled(issued), isSupplement: true });
          expect(issuedNet + pending.statement.netCents).toBe(valueNow(rows));
        }
        issue();
        expect(issuedNet).toBe(valueNow(rows));
        // No row billed twice in the same direction, no reversal without a billing before it.
        const signs = new Map<string, number[]>();
        for (const i of issued) signs.set(i.item.id, [...(signs.get(i.item.id) ?? []), i.sign]);
        for (const list of signs.values()) expect([[1], [1, -1]]).toContainEqual(list);
        // After the last statement nothing is left to bill.
        expect(settleMonth({ ...base, inForce: inForce(rows), billed: netBilled(issued) }).items).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it("a correction after billing is a reversal line next to the correcting line, priced so that the month adds up exactly", () => {
    const first: BillableItem = { kind: "hours", id: "a", secondmentId: "s1", day: "2026-11-12", minutes: 465, ...rateOf("2026-11-12") };
    const other: BillableItem = { kind: "hours", id: "b", secondmentId: "s1", day: "2026-11-13", minutes: 465, ...rateOf("2026-11-13") };
    const correction: BillableItem = { ...first, id: "c", minutes: 360 };
    const original = settleMonth({ ...base, inForce: [first, other], billed: [] });
    const supplement = settleMonth({ ...base, inForce: [correction, other], billed: [first, other], isSupplement: true });
    expect(supplement.statement.lines.map((l) => [l.kind === "hours" && l.minutes, l.note])).toEqual([
      [-465, "Korrektur vom 12.11.2026: 7,75 Std. → 6,00 Std."],
      [360, "Korrektur vom 12.11.2026: 7,75 Std. → 6,00 Std."],
    ]);
    expect(supplement.statement.netCents).toBeLessThan(0);
    expect(original.statement.netCents + supplement.statement.netCents).toBe(
      settleMonth({ ...base, inForce: [correction, other], billed: [] }).statement.netCents,
    );
    expect(supplement.items.map((i) => [i.item.id, i.sign])).toEqual([
      ["c", 1],
      ["a", -1],
    ]);
  });

  it("a replaced row stays in force until its correction is confirmed; a returned correction gives it back", () => {
    expect([
      ...inForceIds([
        { id: "a", state: "replaced", correctsId: null },
        { id: "b", state: "recorded", correctsId: "a" },
      ]),
    ]).toEqual(["a"]);
    expect([
      ...inForceIds([
        { id: "a", state: "replaced", correctsId: null },
        { id: "b", state: "confirmed", correctsId: "a" },
      ]),
    ]).toEqual(["b"]);
    expect([
      ...inForceIds([
        { id: "a", state: "replaced", correctsId: null },
        { id: "b", state: "replaced", correctsId: "a" },
        { id: "c", state: "recorded", correctsId: "b" },
      ]),
    ]).toEqual(["b"]);
  });
});
