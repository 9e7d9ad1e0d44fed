import { monthPeriod } from "../../domain/settlement/statement";
import { today } from "../../kernel/dates";
import type { Task, TaskSource } from "../../kernel/tasks";
import { organizations } from "../organizations";
import { getVisibleSecondment } from "../secondments";
import { inArray } from "drizzle-orm";
import { supplementDueOf, supplementDueWords } from "./statement-compute";
import { unscopedIssuedToBorrower, unscopedSettledMonthsOfLender, unscopedStatementMonthsOfLender } from "./statement-scope";
import { englishMonth, germanMonth } from "./statement-documents";
import { statementPolicy } from "./statements.policy";
import { unscopedConfirmedMonthsOfLender } from "./timesheet-scope";

/** How many past months the "create a statement" task looks back. */
const LOOK_BACK_MONTHS = 3;

/** How many months (this one included) the "create a supplement" task looks back. */
const SUPPLEMENT_LOOK_BACK_MONTHS = 12;

function monthsBefore(month: string, n: number): string {
  const [y, m] = month.split("-").map(Number);
  const index = y * 12 + (m - 1) - n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/**
 * Statements waiting for finance: the lender's "Abrechnung für November 2026 an Region Hannover
 * erstellen" where confirmed hours or expenses of a past month (of reimbursement or waiver
 * secondments) have no statement yet; "Nachtrag für Region Hannover, November 2026 möglich: 3 Tage
 * bestätigt nach der Abrechnung" where a month's issued statements miss what was confirmed or
 * corrected later (and no draft is open); the borrower's "Abrechnung … bestätigen" for issued ones
 * ("Nachtrag …" or "Gutschrift … bestätigen" for a supplement).
 */
export const statementTasks: TaskSource = async ({ db, actor }) => {
  if (!statementPolicy.can(actor, "settle")) return [];
  const tasks: Task[] = [];
  const thisMonth = today().slice(0, 7);
  const from = monthPeriod(monthsBefore(thisMonth, LOOK_BACK_MONTHS)).start;
  const to = monthPeriod(monthsBefore(thisMonth, 1)).end;
  const found = await unscopedConfirmedMonthsOfLender(db, actor.organizationId, { from, to });
  const done = await unscopedStatementMonthsOfLender(db, actor.organizationId);
  const due = new Map<string, { borrowerId: string; month: string }>();
  for (const f of found) {
    const key = `${f.borrowerId}|${f.month}`;
    if (done.has(key) || due.has(key)) continue;
    const opened = await getVisibleSecondment(db, actor, f.secondmentId).catch(() => null);
    if (!opened || opened.s.settlementModel === "reciprocity") continue;
    due.set(key, { borrowerId: f.borrowerId, month: f.month });
  }
  const supplements: Array<{ borrowerId: string; month: string; originalId: string; words: { de: string; en: string } }> = [];
  for (const m of await unscopedSettledMonthsOfLender(db, actor.organizationId, monthsBefore(thisMonth, SUPPLEMENT_LOOK_BACK_MONTHS - 1))) {
    const open = await supplementDueOf(db, actor, m.borrowerId, m.month);
    if (open) supplements.push({ ...m, words: supplementDueWords(open) });
  }
  const issued = await unscopedIssuedToBorrower(db, actor.organizationId);
  const ids = [
    ...new Set([...[...due.values()].map((d) => d.borrowerId), ...supplements.map((d) => d.borrowerId), ...issued.map((i) => i.lenderId)]),
  ];
  const names = new Map(
    ids.length
      ? (await db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(inArray(organizations.id, ids))).map(
          (o) => [o.id, o.name],
        )
      : [],
  );
  for (const { borrowerId, month } of due.values()) {
    const name = names.get(borrowerId) ?? "";
    tasks.push({
      kind: "statement_create",
      object: { type: "organization", id: borrowerId, title: name },
      step: {
        de: `Abrechnung für ${germanMonth(month)} an ${name} erstellen`,
        en: `Create the statement for ${englishMonth(month)} to ${name}`,
      },
      dueOn: null,
      link: `/abrechnungen?an=${borrowerId}&monat=${month}`,
    });
  }
  for (const { borrowerId, month, originalId, words } of supplements) {
    const name = names.get(borrowerId) ?? "";
    tasks.push({
      kind: "statement_supplement",
      object: { type: "statement", id: originalId, title: name },
      step: {
        de: `Nachtrag für ${name}, ${germanMonth(month)} möglich: ${words.de}`,
        en: `Supplement for ${name}, ${englishMonth(month)} possible: ${words.en}`,
      },
      dueOn: null,
      link: `/abrechnungen/${originalId}`,
    });
  }
  for (const i of issued) {
    const name = names.get(i.lenderId) ?? "";
    // A supplement says what it is: the finance office acknowledging a credit is told it receives money.
    const kind =
      i.supplementsId === null
        ? { de: "Abrechnung", en: "statement" }
        : i.grossCents < 0
          ? { de: "Gutschrift", en: "credit" }
          : { de: "Nachtrag", en: "supplement" };
    tasks.push({
      kind: "statement_acknowledge",
      object: { type: "statement", id: i.id, title: i.number ?? "" },
      step: {
        de: `${kind.de} ${i.number} von ${name} für ${germanMonth(i.month)} bestätigen`,
        en: `Acknowledge ${kind.en} ${i.number} from ${name} for ${englishMonth(i.month)}`,
      },
      dueOn: null,
      link: `/abrechnungen/${i.id}`,
    });
  }
  return tasks;
};
