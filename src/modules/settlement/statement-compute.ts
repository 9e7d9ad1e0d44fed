/**
 * What a statement of the caller's administration (lender) to a borrower bills for a month: the
 * entries and expenses in force of the pair's `reimbursement` and `waiver` secondments, priced at
 * the cost rate of each day, less what the month's issued statements billed already (`settleMonth`,
 * docs/SETTLEMENT.md › Nachtrag). Hours of `reciprocity` secondments are not billed: they go to the
 * region's ledger.
 *
 * The rate of a day is the cost rate of the person's pay group on that day (`rateFor`) with the
 * overhead the secondment's agreement states: the framework agreement's office (default) or
 * other-workplace percentage of the region's parameters, none where the borrower provides the
 * workplace, or an agreed percentage. The line says which.
 */
import type { Db, Tx } from "../../db/client";
import { overheadChoiceOf, overheadWords } from "../../domain/settlement/overhead";
import {
  inForceIds,
  netBilled,
  settleMonth,
  type BillableItem,
  type BilledItem,
  type SettledMonth,
} from "../../domain/settlement/settle-month";
import { EXPENSE_KIND_WORDS, monthPeriod } from "../../domain/settlement/statement";
import { secondmentReference } from "../../domain/secondment/reference";
import { caseLabelOf, type CaseSecondment } from "../../domain/settlement/statement-cases";
import type { Actor } from "../../kernel/actor";
import { germanDate } from "../../kernel/dates";
import { AppError } from "../../kernel/problems";
import { getVisibleSecondment, overheadOfRow } from "../secondments";
import { rateFor } from "./cost-rates";
import { findOwnBillingDetails, unscopedIssuedItemsOfPairMonth } from "./statement-scope";
import {
  getTimesheetSecondment,
  listVisibleEntries,
  listVisibleExpenses,
  unscopedConfirmedMonthsOfLender,
  unscopedSettledRowsOfPairMonth,
} from "./timesheet-scope";

/**
 * The statement of the caller's administration to `borrowerId` for `month` that bills what is in
 * force and not yet `billed` (the net of the month's issued statements' items); a 422 naming the pay
 * group and day when a day has no cost rate. Its `items` are empty when there is nothing to bill.
 */
export async function computeStatement(
  db: Db | Tx,
  actor: Actor,
  borrowerId: string,
  month: string,
  billed: readonly BilledItem[],
  isSupplement: boolean,
): Promise<SettledMonth> {
  const { start, end } = monthPeriod(month);
  const already = netBilled(billed);
  const found = await unscopedConfirmedMonthsOfLender(db, actor.organizationId, { from: start, to: end }, borrowerId);
  const ids = [...new Set([...found.map((f) => f.secondmentId), ...already.map((b) => b.secondmentId)])];
  const secondments: CaseSecondment[] = [];
  const inForce: BillableItem[] = [];
  for (const id of ids) {
    const { s, m, view } = await getTimesheetSecondment(db, actor, id);
    if (s.settlementModel === "reciprocity") continue;
    secondments.push({
      id: s.id,
      model: s.settlementModel,
      label: caseLabelOf(secondmentReference(s.id), `${germanDate(s.startsOn)}–${germanDate(s.endsOn)}`, s.tasks),
    });
    const overhead = overheadOfRow(s);
    const rates = new Map<string, { centsPerHour: number; label: string }>();
    const entries = await listVisibleEntries(db, view, s.id, { from: start, to: end });
    const entriesInForce = inForceIds(entries);
    for (const e of entries) {
      if (!entriesInForce.has(e.id)) continue;
      let rate = rates.get(e.day);
      if (!rate) {
        const r = await rateFor(
          {
            regionId: s.regionId,
            payGroup: m.payGroup,
            employmentStatus: s.employmentStatus,
            on: e.day,
            overhead: overheadChoiceOf(overhead),
          },
          db,
        );
        if (r.kind !== "rate") {
          throw new AppError("unprocessable", {
            message: {
              de: `Für die Gruppe ${m.payGroup} gibt es am ${germanDate(e.day)} keinen Kostensatz: ${r.message.de}`,
              en: `There is no cost rate for group ${m.payGroup} on ${e.day}: ${r.message.en}`,
            },
          });
        }
        const group = s.employmentStatus === "civil_servant" ? "Besoldungsgruppe" : "Entgeltgruppe";
        rate = {
          centsPerHour: r.centsPerHour,
          label: `${group} ${m.payGroup}${r.result.step ? `, Stufe ${r.result.step}` : ""}, Verwaltungskostenzuschlag ${overheadWords(overhead, r.result.overheadBasisPoints).de}`,
        };
        rates.set(e.day, rate);
      }
      inForce.push({
        kind: "hours",
        id: e.id,
        secondmentId: s.id,
        day: e.day,
        minutes: e.minutes,
        rateCentsPerHour: rate.centsPerHour,
        rateLabel: rate.label,
      });
    }
    const spent = await listVisibleExpenses(db, view, s.id, { from: start, to: end });
    const spentInForce = inForceIds(spent);
    for (const x of spent) {
      if (!spentInForce.has(x.id)) continue;
      inForce.push({
        kind: "expense",
        id: x.id,
        secondmentId: s.id,
        day: x.day,
        expenseKind: x.kind,
        amountCents: x.amountCents,
        description: `${EXPENSE_KIND_WORDS[x.kind]} vom ${germanDate(x.day)}`,
        correctsId: x.correctsId,
      });
    }
  }
  const vat = (await findOwnBillingDetails(db, actor))?.vat ?? "none";
  return settleMonth({
    lenderOrganizationId: actor.organizationId,
    borrowerOrganizationId: borrowerId,
    month,
    vat,
    secondments,
    inForce,
    billed: already,
    isSupplement,
  });
}

/** What a supplement of a lender's month would take up: days confirmed after the statement, corrections, expenses. */
export interface SupplementDue {
  days: number;
  corrections: number;
  expenses: number;
}

/**
 * Whether the month's issued statements of the caller's administration to `borrowerId` miss
 * anything in force (of reimbursement and waiver secondments), counted for the task and the page;
 * null when nothing is due. Cheap: ids and states, no rates.
 */
export async function supplementDueOf(db: Db | Tx, actor: Actor, borrowerId: string, month: string): Promise<SupplementDue | null> {
  const { start, end } = monthPeriod(month);
  const rows = await unscopedSettledRowsOfPairMonth(db, actor.organizationId, borrowerId, { from: start, to: end });
  const models = new Map<string, string | null>();
  for (const id of new Set(rows.map((r) => r.secondmentId))) {
    const opened = await getVisibleSecondment(db, actor, id).catch(() => null);
    models.set(id, opened?.s.settlementModel ?? null);
  }
  const counted = rows.filter((r) => models.get(r.secondmentId) && models.get(r.secondmentId) !== "reciprocity");
  const inForce = inForceIds(counted);
  const billed = netBilled(await unscopedIssuedItemsOfPairMonth(db, actor.organizationId, borrowerId, month));
  const billedIds = new Set(billed.map((b) => b.id));
  const reversed = billed.filter((b) => !inForce.has(b.id));
  const added = counted.filter((r) => inForce.has(r.id) && !billedIds.has(r.id));
  const corrected = new Set(reversed.map((r) => (r.kind === "hours" ? `${r.secondmentId}|${r.day}` : r.id)));
  const due = {
    corrections: reversed.length,
    days: added.filter((a) => a.kind === "hours" && !corrected.has(`${a.secondmentId}|${a.day}`)).length,
    expenses: added.filter((a) => a.kind === "expense" && !(a.correctsId && corrected.has(a.correctsId))).length,
  };
  return due.days + due.corrections + due.expenses > 0 ? due : null;
}

/** "3 Tage bestätigt nach der Abrechnung, 1 Korrektur" — what a supplement would take up. */
export function supplementDueWords(due: SupplementDue): { de: string; en: string } {
  const de: string[] = [];
  const en: string[] = [];
  if (due.days) {
    de.push(`${due.days} ${due.days === 1 ? "Tag" : "Tage"} bestätigt nach der Abrechnung`);
    en.push(`${due.days} ${due.days === 1 ? "day" : "days"} confirmed after the statement`);
  }
  if (due.corrections) {
    de.push(`${due.corrections} ${due.corrections === 1 ? "Korrektur" : "Korrekturen"}`);
    en.push(`${due.corrections} ${due.corrections === 1 ? "correction" : "corrections"}`);
  }
  if (due.expenses) {
    de.push(`${due.expenses} ${due.expenses === 1 ? "Auslage" : "Auslagen"} bestätigt nach der Abrechnung`);
    en.push(`${due.expenses} ${due.expenses === 1 ? "expense" : "expenses"} confirmed after the statement`);
  }
  return { de: de.join(", "), en: en.join(", ") };
}
