/**
 * Statements between administrations (Abrechnungen): the lender's finance creates a monthly draft
 * for a borrower from the confirmed hours and expenses of the pair's `reimbursement` and `waiver`
 * secondments, recomputes it while it is a draft, and issues it (a number is given under a lock);
 * the borrower's finance acknowledges it; the lender's finance records the payment. Every step is
 * audited. Hours of `reciprocity` secondments are not billed: they go to the region's ledger.
 *
 * The rate of a day is the cost rate of the person's pay group on that day (`rateFor`) with the
 * overhead the secondment's agreement states: the framework agreement's office (default) or
 * other-workplace percentage of the region's parameters, none where the borrower provides the
 * workplace, or an agreed percentage (docs/SETTLEMENT.md › Statements). The line says which.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import type { Db, Tx } from "../../db/client";
import { lockFor } from "../../db/locks";
import { caseLabelOf, casesFromDays, type CaseExpense, type CaseSecondment, type RatedDay } from "../../domain/settlement/statement-cases";
import { buildStatement, EXPENSE_KIND_WORDS, monthPeriod, type Statement } from "../../domain/settlement/statement";
import type { Actor } from "../../kernel/actor";
import { germanDate, today } from "../../kernel/dates";
import { pageOf } from "../../kernel/paging";
import { AppError, type Bilingual } from "../../kernel/problems";
import { recordAudit } from "../audit";
import { organizations } from "../organizations";
import { overheadOfRow } from "../secondments";
import { overheadChoiceOf, overheadWords } from "../../domain/settlement/overhead";
import { rateFor } from "./cost-rates";
import {
  findOwnBillingDetails,
  findOwnStatementOfPair,
  getVisibleStatement,
  getVisibleStatementForUpdate,
  listVisibleStatements,
  nextStatementNumber,
  type StatementRow,
} from "./statement-scope";
import { statementPolicy } from "./statements.policy";
import type { CreateStatementBody, StatementListQuery } from "./statements.schemas";
import { statements, type StatementState } from "./statements.tables";
import { getTimesheetSecondment, listVisibleEntries, listVisibleExpenses, unscopedConfirmedMonthsOfLender } from "./timesheet-scope";

/** What the caller may do with a statement, from its side and role (never the other side's step). */
export function statementAbilities(actor: Actor, s: StatementRow) {
  const settles = statementPolicy.can(actor, "settle");
  const isLender = s.organizationId === actor.organizationId;
  const isBorrower = s.borrowerOrganizationId === actor.organizationId;
  return {
    recompute: settles && isLender && s.state === "draft",
    issue: settles && isLender && s.state === "draft" && s.body.lines.length > 0,
    acknowledge: settles && isBorrower && s.state === "issued",
    pay: settles && isLender && s.state === "acknowledged",
  };
}

async function partyNames(db: Db | Tx, ids: string[]): Promise<Map<string, string>> {
  const rows = await db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(inArray(organizations.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

function present(actor: Actor, s: StatementRow, names: Map<string, string>) {
  const body = s.body;
  return {
    id: s.id,
    number: s.number,
    month: s.month,
    state: s.state,
    settlementModel: s.settlementModel,
    lender: { id: s.organizationId, name: names.get(s.organizationId) ?? "" },
    borrower: { id: s.borrowerOrganizationId, name: names.get(s.borrowerOrganizationId) ?? "" },
    side: s.organizationId === actor.organizationId ? ("lender" as const) : ("borrower" as const),
    periodStart: body.periodStart,
    periodEnd: body.periodEnd,
    lines: body.lines,
    excluded: body.excluded,
    personnelCents: body.personnelCents,
    expensesCents: body.expensesCents,
    netCents: s.netCents,
    vat: body.vat,
    grossCents: s.grossCents,
    computedAt: s.computedAt.toISOString(),
    issuedAt: s.issuedAt?.toISOString() ?? null,
    acknowledgedAt: s.acknowledgedAt?.toISOString() ?? null,
    paidAt: s.paidAt?.toISOString() ?? null,
    abilities: statementAbilities(actor, s),
  };
}

/** One statement the caller may see, with its lines and what the caller may do; 404 otherwise. */
export async function getStatement(db: Db, actor: Actor, id: string) {
  const s = await getVisibleStatement(db, actor, id);
  return present(actor, s, await partyNames(db, [s.organizationId, s.borrowerOrganizationId]));
}

/** A page of the statements the caller may see (newest month first), filtered by state and month. */
export async function listStatements(db: Db, actor: Actor, query: z.infer<typeof StatementListQuery>) {
  const rows = await listVisibleStatements(db, actor, query);
  const page = pageOf(rows, query.limit);
  const names = await partyNames(
    db,
    page.rows.flatMap((r) => [r.s.organizationId, r.s.borrowerOrganizationId]).concat(actor.organizationId),
  );
  return {
    items: page.rows.map((r) => {
      const { lines: _l, excluded: _e, ...summary } = present(actor, r.s, names);
      return summary;
    }),
    nextCursor: page.nextCursor,
    abilities: { create: statementPolicy.can(actor, "settle") },
  };
}

const NO_HOURS: Bilingual = {
  de: "Für diese Verwaltung und diesen Monat gibt es keine bestätigten Stunden oder Auslagen aus Abordnungen mit Kostenerstattung oder Kostenverzicht. Stunden bei Gegenseitigkeit werden nicht abgerechnet, sondern im Stundenkonto der Region gebucht.",
  en: "There are no confirmed hours or expenses of secondments with reimbursement or waiver of costs for this administration and month. Hours under reciprocity are not billed; they are posted to the region's ledger.",
};

/**
 * Computes the statement of the caller's administration (lender) to `borrowerId` for `month` from
 * the confirmed hours and expenses it may see; a 422 naming the pay group and day when a day has
 * no cost rate.
 */
async function computeStatement(db: Db | Tx, actor: Actor, borrowerId: string, month: string): Promise<Statement> {
  const { start, end } = monthPeriod(month);
  const found = await unscopedConfirmedMonthsOfLender(db, actor.organizationId, { from: start, to: end }, borrowerId);
  const ids = [...new Set(found.map((f) => f.secondmentId))];
  const secondments: CaseSecondment[] = [];
  const days: RatedDay[] = [];
  const expenses: CaseExpense[] = [];
  for (const id of ids) {
    const { s, m, view } = await getTimesheetSecondment(db, actor, id);
    if (s.settlementModel === "reciprocity") continue;
    secondments.push({
      id: s.id,
      model: s.settlementModel,
      label: caseLabelOf(`${germanDate(s.startsOn)}–${germanDate(s.endsOn)}`, s.tasks),
    });
    const overhead = overheadOfRow(s);
    const rates = new Map<string, { centsPerHour: number; label: string }>();
    for (const e of await listVisibleEntries(db, view, s.id, { from: start, to: end })) {
      if (e.state !== "confirmed") continue;
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
      days.push({ secondmentId: s.id, day: e.day, minutes: e.minutes, rateCentsPerHour: rate.centsPerHour, rateLabel: rate.label });
    }
    for (const x of await listVisibleExpenses(db, view, s.id, { from: start, to: end })) {
      if (x.state !== "confirmed") continue;
      expenses.push({
        secondmentId: s.id,
        kind: x.kind,
        amountCents: x.amountCents,
        description: `${EXPENSE_KIND_WORDS[x.kind]} vom ${germanDate(x.day)}`,
      });
    }
  }
  const cases = casesFromDays(secondments, days, expenses);
  if (cases.length === 0) throw new AppError("unprocessable", { message: NO_HOURS });
  const vat = (await findOwnBillingDetails(db, actor))?.vat ?? "none";
  return buildStatement({ lenderOrganizationId: actor.organizationId, borrowerOrganizationId: borrowerId, month, vat, cases });
}

const totals = (st: Statement) => ({ netCents: st.netCents, vatCents: st.vat.amountCents, grossCents: st.grossCents });

/** The lender's finance creates the draft for a borrower and a past or the current month. */
export async function createStatement(db: Db, actor: Actor, input: z.infer<typeof CreateStatementBody>) {
  if (input.borrowerOrganizationId === actor.organizationId) {
    throw new AppError("unprocessable", {
      message: {
        de: "Eine Verwaltung rechnet nicht mit sich selbst ab.",
        en: "An administration does not bill itself.",
      },
    });
  }
  if (input.month > today().slice(0, 7)) {
    throw new AppError("unprocessable", {
      message: { de: "Abgerechnet wird ein vergangener oder der laufende Monat.", en: "Only a past or the current month can be billed." },
    });
  }
  const [borrower] = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(and(eq(organizations.id, input.borrowerOrganizationId), eq(organizations.regionId, actor.regionId)));
  if (!borrower) throw new AppError("not_found");
  const id = await db.transaction(async (tx) => {
    if (await findOwnStatementOfPair(tx, actor, input.borrowerOrganizationId, input.month)) {
      throw new AppError("conflict", {
        message: {
          de: "Für diese Verwaltung und diesen Monat gibt es bereits eine Abrechnung.",
          en: "There is a statement for this administration and month already.",
        },
      });
    }
    const st = await computeStatement(tx, actor, input.borrowerOrganizationId, input.month);
    const [row] = await tx
      .insert(statements)
      .values({
        regionId: actor.regionId,
        organizationId: actor.organizationId,
        borrowerOrganizationId: input.borrowerOrganizationId,
        month: input.month,
        body: st,
        ...totals(st),
        createdBy: actor.accountId,
      })
      .returning();
    await recordAudit(tx, actor, {
      action: "create",
      entity: "statement",
      entityId: row.id,
      visibility: "party",
      after: { month: row.month, statementState: "draft", netCents: row.netCents, grossCents: row.grossCents },
    });
    return row.id;
  });
  return getStatement(db, actor, id);
}

const STATE_WORDS: Record<StatementState, Bilingual> = {
  draft: { de: "ein Entwurf", en: "a draft" },
  issued: { de: "gestellt", en: "issued" },
  acknowledged: { de: "bestätigt", en: "acknowledged" },
  paid: { de: "bezahlt", en: "paid" },
};

/** Why a step is refused: the statement's state and who takes the step. */
function stepRefused(step: "recompute" | "issue" | "acknowledge" | "pay", s: StatementRow): AppError {
  const who: Record<typeof step, Bilingual> = {
    recompute: {
      de: "Neu berechnet wird nur ein Entwurf, von der Kämmerei der abrechnenden Verwaltung.",
      en: "Only a draft is recomputed, by the finance office of the issuing administration.",
    },
    issue: {
      de: "Gestellt wird nur ein Entwurf mit mindestens einer Position, von der Kämmerei der abrechnenden Verwaltung.",
      en: "Only a draft with at least one line is issued, by the finance office of the issuing administration.",
    },
    acknowledge: {
      de: "Bestätigt wird eine gestellte Abrechnung, von der Kämmerei der zahlenden Verwaltung.",
      en: "An issued statement is acknowledged, by the finance office of the paying administration.",
    },
    pay: {
      de: "Die Zahlung vermerkt die Kämmerei der abrechnenden Verwaltung, nachdem die zahlende Verwaltung bestätigt hat.",
      en: "The issuing administration's finance office records the payment once the paying administration has acknowledged.",
    },
  };
  return new AppError("conflict", {
    message: {
      de: `Die Abrechnung ist ${STATE_WORDS[s.state].de}. ${who[step].de}`,
      en: `The statement is ${STATE_WORDS[s.state].en}. ${who[step].en}`,
    },
  });
}

/** Takes one step on a statement: lock, check the caller's ability, write, audit. */
async function step(db: Db, actor: Actor, id: string, name: "recompute" | "issue" | "acknowledge" | "pay") {
  await db.transaction(async (tx) => {
    const s = await getVisibleStatementForUpdate(tx, actor, id);
    if (!statementAbilities(actor, s)[name]) throw stepRefused(name, s);
    const now = new Date();
    let change: Partial<typeof statements.$inferInsert>;
    let after: Record<string, unknown>;
    if (name === "recompute") {
      const st = await computeStatement(tx, actor, s.borrowerOrganizationId, s.month);
      change = { body: st, ...totals(st), computedAt: now };
      after = { netCents: st.netCents, grossCents: st.grossCents };
    } else if (name === "issue") {
      await lockFor(tx, "statement_number", s.organizationId);
      const number = await nextStatementNumber(tx, s.organizationId, s.month);
      change = { state: "issued", number, issuedBy: actor.accountId, issuedAt: now };
      after = { statementState: "issued", number };
    } else if (name === "acknowledge") {
      change = { state: "acknowledged", acknowledgedBy: actor.accountId, acknowledgedAt: now };
      after = { statementState: "acknowledged" };
    } else {
      change = { state: "paid", paidBy: actor.accountId, paidAt: now };
      after = { statementState: "paid" };
    }
    await tx
      .update(statements)
      .set({ ...change, updatedAt: now })
      .where(eq(statements.id, s.id));
    await recordAudit(tx, actor, {
      action: "update",
      entity: "statement",
      entityId: s.id,
      organizationId: s.organizationId,
      visibility: "party",
      before: name === "recompute" ? { netCents: s.netCents, grossCents: s.grossCents } : { statementState: s.state },
      after,
    });
  });
  return getStatement(db, actor, id);
}

export const recomputeStatement = (db: Db, actor: Actor, id: string) => step(db, actor, id, "recompute");
export const issueStatement = (db: Db, actor: Actor, id: string) => step(db, actor, id, "issue");
export const acknowledgeStatement = (db: Db, actor: Actor, id: string) => step(db, actor, id, "acknowledge");
export const recordStatementPayment = (db: Db, actor: Actor, id: string) => step(db, actor, id, "pay");
