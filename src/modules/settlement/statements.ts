/**
 * Statements between administrations (Abrechnungen): the lender's finance creates a monthly draft
 * for a borrower from the hours and expenses in force of the pair's `reimbursement` and `waiver`
 * secondments (`statement-compute.ts`), recomputes it while it is a draft, and issues it (a number
 * is given under a lock; refused when the draft is no longer current); the borrower's finance
 * acknowledges it; the lender's finance records the payment. Once the month's statement is issued,
 * what is confirmed or corrected later is billed by a supplement (Nachtrag, `supplements`): only
 * what the month's issued statements did not bill, and reversals of what corrections replaced — it
 * may be a credit (Gutschrift). Every step is audited.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import type { Db, Tx } from "../../db/client";
import { lockFor } from "../../db/locks";
import { sameItems, type BilledItem } from "../../domain/settlement/settle-month";
import type { Statement } from "../../domain/settlement/statement";
import type { Actor } from "../../kernel/actor";
import { today } from "../../kernel/dates";
import { pageOf } from "../../kernel/paging";
import { AppError, type Bilingual } from "../../kernel/problems";
import { recordAudit } from "../audit";
import { organizations } from "../organizations";
import { computeStatement, supplementDueOf, supplementDueWords } from "./statement-compute";
import {
  billingDetailsOfParties,
  findVisibleStatementsByIds,
  getVisibleStatement,
  getVisibleStatementForUpdate,
  itemsOfStatement,
  listOwnStatementsOfPairMonth,
  listVisibleStatements,
  listVisibleStatementsOfMonth,
  nextStatementNumber,
  ownIssuedItemsOfPairMonth,
  type StatementRow,
} from "./statement-scope";
import { statementPolicy } from "./statements.policy";
import type { CreateStatementBody, StatementListQuery } from "./statements.schemas";
import { statementItems, statements, type StatementState } from "./statements.tables";

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

/** How a statement names another of its month: id, number, state and issue time. */
const reference = (s: StatementRow) => ({ id: s.id, number: s.number, state: s.state, issuedAt: s.issuedAt?.toISOString() ?? null });

function present(actor: Actor, s: StatementRow, names: Map<string, string>, original: StatementRow | null) {
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
    /** The month's original statement this one supplements (a Nachtrag), or null. */
    supplements: s.supplementsId && original ? reference(original) : null,
    /** A credit (Gutschrift): a supplement that comes out negative. */
    isCredit: s.grossCents < 0,
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

/**
 * One statement the caller may see, with its lines, the other statements of its month (original
 * and supplements) and what the caller may do — including whether a supplement can be created now
 * and what it would take up; 404 otherwise.
 */
export async function getStatement(db: Db, actor: Actor, id: string) {
  const s = await getVisibleStatement(db, actor, id);
  const month = await listVisibleStatementsOfMonth(db, actor, s);
  const original = month.find((m) => m.supplementsId === null) ?? null;
  const view = present(actor, s, await partyNames(db, [s.organizationId, s.borrowerOrganizationId]), original);
  const mayCreate =
    statementPolicy.can(actor, "settle") &&
    s.organizationId === actor.organizationId &&
    original !== null &&
    original.state !== "draft" &&
    !month.some((m) => m.state === "draft");
  const due = mayCreate ? await supplementDueOf(db, actor, s.borrowerOrganizationId, s.month) : null;
  const { lender, borrower } = await billingDetailsOfParties(db, s);
  // Where the money goes: the lender's account, or on a Gutschrift the borrower's (the refund).
  const payee = view.isCredit ? borrower : lender;
  return {
    ...view,
    monthRunning: s.month >= today().slice(0, 7),
    payTo: {
      organizationId: view.isCredit ? s.borrowerOrganizationId : s.organizationId,
      iban: payee?.iban || null,
      bic: payee?.bic || null,
    },
    monthStatements: month.filter((m) => m.id !== s.id).map(reference),
    supplementDue: due ? supplementDueWords(due) : null,
    abilities: { ...view.abilities, createSupplement: due !== null && original !== null ? original.id : null },
  };
}

/** A page of the statements the caller may see (newest month first), filtered by state and month. */
export async function listStatements(db: Db, actor: Actor, query: z.infer<typeof StatementListQuery>) {
  const rows = await listVisibleStatements(db, actor, query);
  const page = pageOf(rows, query.limit);
  const names = await partyNames(
    db,
    page.rows.flatMap((r) => [r.s.organizationId, r.s.borrowerOrganizationId]).concat(actor.organizationId),
  );
  const originals = await findVisibleStatementsByIds(
    db,
    actor,
    page.rows.flatMap((r) => (r.s.supplementsId ? [r.s.supplementsId] : [])),
  );
  return {
    items: page.rows.map((r) => {
      const original = originals.find((o) => o.id === r.s.supplementsId) ?? null;
      const { lines: _l, excluded: _e, ...summary } = present(actor, r.s, names, original);
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

const NOTHING_NEW: Bilingual = {
  de: "Seit der Abrechnung wurden für diese Verwaltung und diesen Monat keine Stunden oder Auslagen bestätigt oder korrigiert: Ein Nachtrag hätte keine Position.",
  en: "No hours or expenses of this administration and month have been confirmed or corrected since the statement: a supplement would have no line.",
};

const STALE: Bilingual = {
  de: "Seit der Berechnung wurden Stunden oder Auslagen bestätigt oder korrigiert. Bitte berechnen Sie den Entwurf neu.",
  en: "Hours or expenses have been confirmed or corrected since the draft was computed. Please recompute the draft.",
};

/** Writes what a draft bills (its items), replacing what an earlier computation wrote. */
async function writeDraftItems(
  tx: Tx,
  s: { id: string; regionId: string; organizationId: string; borrowerOrganizationId: string },
  items: BilledItem[],
) {
  await tx.delete(statementItems).where(eq(statementItems.statementId, s.id));
  if (items.length === 0) return;
  await tx.insert(statementItems).values(
    items.map(({ item, sign }) => ({
      regionId: s.regionId,
      organizationId: s.organizationId,
      borrowerOrganizationId: s.borrowerOrganizationId,
      statementId: s.id,
      entryId: item.kind === "hours" ? item.id : null,
      expenseId: item.kind === "expense" ? item.id : null,
      sign,
      minutes: item.kind === "hours" ? sign * item.minutes : null,
      amountCents: item.kind === "expense" ? sign * item.amountCents : null,
      item,
    })),
  );
}

/** JSON with sorted keys: a statement read back from jsonb compares equal to the one computed. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );
}

/** Serialises the statements of one pair and month: creating, recomputing and issuing read what the month billed under it. */
const lockMonth = (tx: Tx, lenderId: string, borrowerId: string, month: string) =>
  lockFor(tx, "statement_month", `${lenderId}|${borrowerId}|${month}`);

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
    await lockMonth(tx, actor.organizationId, input.borrowerOrganizationId, input.month);
    const month = await listOwnStatementsOfPairMonth(tx, actor, input.borrowerOrganizationId, input.month);
    const original = month.find((m) => m.supplementsId === null) ?? null;
    if (input.supplements === undefined && original) {
      throw new AppError("conflict", {
        message:
          original.state === "draft"
            ? {
                de: "Für diese Verwaltung und diesen Monat gibt es bereits eine Abrechnung (Entwurf). Berechnen Sie sie neu.",
                en: "There is a statement for this administration and month already (a draft). Recompute it.",
              }
            : {
                de: `Für diese Verwaltung und diesen Monat gibt es bereits eine Abrechnung (Nr. ${original.number}). Was seitdem bestätigt oder korrigiert wurde, rechnen Sie mit einem Nachtrag ab.`,
                en: `There is a statement for this administration and month already (no. ${original.number}). Bill what was confirmed or corrected since with a supplement.`,
              },
      });
    }
    if (input.supplements !== undefined) {
      if (!original || !month.some((m) => m.id === input.supplements)) {
        throw new AppError("unprocessable", {
          fields: [
            {
              field: "supplements",
              in: "body",
              rule: "statement_of_month",
              message: {
                de: "Ein Nachtrag ergänzt eine Abrechnung Ihrer Verwaltung an dieselbe Verwaltung für denselben Monat.",
                en: "A supplement adds to a statement of your administration to the same administration for the same month.",
              },
            },
          ],
        });
      }
      if (original.state === "draft") {
        throw new AppError("conflict", {
          message: {
            de: "Die Abrechnung dieses Monats ist noch ein Entwurf: Berechnen Sie sie neu, statt einen Nachtrag zu erstellen.",
            en: "The month's statement is still a draft: recompute it instead of creating a supplement.",
          },
        });
      }
      if (month.some((m) => m.state === "draft")) {
        throw new AppError("conflict", {
          message: {
            de: "Für diesen Monat gibt es bereits einen Nachtrag im Entwurf. Berechnen Sie ihn neu und stellen Sie ihn; danach lässt sich ein weiterer Nachtrag erstellen.",
            en: "There is a supplement for this month already, still a draft. Recompute and issue it; then another supplement can be created.",
          },
        });
      }
    }
    const billed = await ownIssuedItemsOfPairMonth(tx, actor, input.borrowerOrganizationId, input.month);
    const { statement: st, items } = await computeStatement(
      tx,
      actor,
      input.borrowerOrganizationId,
      input.month,
      billed,
      original !== null,
    );
    if (items.length === 0) throw new AppError("unprocessable", { message: original ? NOTHING_NEW : NO_HOURS });
    const [row] = await tx
      .insert(statements)
      .values({
        regionId: actor.regionId,
        organizationId: actor.organizationId,
        borrowerOrganizationId: input.borrowerOrganizationId,
        month: input.month,
        supplementsId: original?.id ?? null,
        body: st,
        ...totals(st),
        createdBy: actor.accountId,
      })
      .returning();
    await writeDraftItems(tx, row, items);
    await recordAudit(tx, actor, {
      action: "create",
      entity: "statement",
      entityId: row.id,
      visibility: "party",
      after: {
        month: row.month,
        statementState: "draft",
        netCents: row.netCents,
        grossCents: row.grossCents,
        ...(original ? { supplements: original.number } : {}),
      },
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
    if (name === "recompute" || name === "issue") {
      // The month first (like a creation), then the row: what the month billed stays as read.
      const seen = await getVisibleStatement(tx, actor, id);
      await lockMonth(tx, seen.organizationId, seen.borrowerOrganizationId, seen.month);
    }
    const s = await getVisibleStatementForUpdate(tx, actor, id);
    if (!statementAbilities(actor, s)[name]) throw stepRefused(name, s);
    const now = new Date();
    let change: Partial<typeof statements.$inferInsert>;
    let after: Record<string, unknown>;
    if (name === "recompute" || name === "issue") {
      const billed = await ownIssuedItemsOfPairMonth(tx, actor, s.borrowerOrganizationId, s.month);
      const fresh = await computeStatement(tx, actor, s.borrowerOrganizationId, s.month, billed, s.supplementsId !== null);
      if (name === "recompute") {
        if (fresh.items.length === 0) throw new AppError("unprocessable", { message: s.supplementsId ? NOTHING_NEW : NO_HOURS });
        await writeDraftItems(tx, s, fresh.items);
        change = { body: fresh.statement, ...totals(fresh.statement), computedAt: now };
        after = { netCents: fresh.statement.netCents, grossCents: fresh.statement.grossCents };
      } else {
        // Never bill a stale draft: what a recompute would give now must be what the draft shows.
        // The items say what was confirmed; the lines also what it costs (a rate of the day). A draft
        // without items (written before items existed, or by hand in a test) is compared by its items only.
        const drafted = await itemsOfStatement(tx, s);
        if (!sameItems(drafted, fresh.items) || (drafted.length > 0 && canonical(fresh.statement) !== canonical(s.body)))
          throw new AppError("conflict", { message: STALE });
        await lockFor(tx, "statement_number", s.organizationId);
        const number = await nextStatementNumber(tx, s.organizationId, s.month);
        await tx.update(statementItems).set({ isIssued: true }).where(eq(statementItems.statementId, s.id));
        change = { state: "issued", number, issuedBy: actor.accountId, issuedAt: now };
        after = { statementState: "issued", number };
      }
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
