/**
 * The year-end closing of the reciprocity ledger (Jahresabschluss, docs/SETTLEMENT.md › Year end):
 * the coordination office closes an ended year once; the region's rule is applied and recorded.
 * `carry_over`: the closed balances open the next year (`openingOf`); `convert`: the next year
 * opens at zero and the amounts in cents at the year's average rate stay on the closed year. The
 * conversion amounts are not statements: nothing is invoiced by closing a year.
 */
import { convertToCents, type YearEndRule } from "../../domain/settlement/ledger";
import { regionBalances } from "../../domain/settlement/balances";
import type { Db } from "../../db/client";
import { lockFor } from "../../db/locks";
import type { Actor } from "../../kernel/actor";
import { AppError } from "../../kernel/problems";
import { recordAudit } from "../audit";
import { balanceRegionOf, findClosingAfter, findYearEndRule, unscopedHoursOfYear } from "./balance-scope";
import { averageRateOfYear, currentYear, openingOf, openYearBefore } from "./balances";
import { balancePolicy } from "./balances.policy";
import { reciprocityYearClosings, type ClosingLine } from "./balances.tables";

const refused = (de: string, en: string) => new AppError("conflict", { message: { de, en } });

/**
 * Closes `year` for the actor's region with the region's rule: refused (409) while the year has
 * not ended, when it is already closed (the unique region and year decides between two at once),
 * when a later year is closed already, while the year before is open with balances (they would
 * open no year), and under `convert` when the year's hours have no rate.
 * Reads and writes under the region's `year_closing` lock, so closing two years at once cannot
 * both pass the check of the later year; the closing and its audit entry are one transaction.
 */
export async function closeYear(db: Db, actor: Actor, body: { year: number }): Promise<{ year: number; rule: YearEndRule }> {
  const regionId = balanceRegionOf(actor);
  if (!balancePolicy.can(actor, "closeYear")) throw new AppError("forbidden");
  const { year } = body;
  if (year >= currentYear())
    throw refused(
      `Das Jahr ${year} ist noch nicht zu Ende; es kann ab dem 1. Januar ${year + 1} abgeschlossen werden.`,
      `The year ${year} has not ended yet; it can be closed from 1 January ${year + 1}.`,
    );
  return db.transaction(async (tx) => {
    // Closings of one region wait for each other: a later year closed meanwhile is seen here, and
    // the opening read below is the committed closing of the year before.
    await lockFor(tx, "year_closing", regionId);
    const later = await findClosingAfter(tx, regionId, year);
    if (later !== undefined)
      throw refused(
        `Das Jahr ${later} ist schon abgeschlossen; ein früheres Jahr kann danach nicht mehr abgeschlossen werden.`,
        `The year ${later} is closed already; an earlier year can no longer be closed.`,
      );
    const before = await openYearBefore(tx, regionId, year);
    if (before !== undefined)
      throw refused(
        `Das Jahr ${before} hat Salden und ist noch nicht abgeschlossen; schließen Sie zuerst ${before} ab, dann ${year}.`,
        `The year ${before} has balances and is not closed yet; close ${before} first, then ${year}.`,
      );
    const [rows, openings, rule] = await Promise.all([
      unscopedHoursOfYear(tx, regionId, year),
      openingOf(tx, regionId, year),
      findYearEndRule(tx, regionId),
    ]);
    const region = regionBalances(rows, openings);
    const isShown = new Map(region.balances.map((b) => [b.organizationId, b.minutes.value !== null]));
    let rateCentsPerHour: number | null = null;
    let cents: Map<string, number> | null = null;
    if (rule === "convert") {
      rateCentsPerHour = (await averageRateOfYear(tx, regionId, year, rows)).rateCentsPerHour;
      const anyBalance = [...region.exact.values()].some((m) => m !== 0);
      if (rateCentsPerHour === null && anyBalance)
        throw refused(
          `Für die Stunden des Jahres ${year} gibt es keinen Stundensatz; die Salden lassen sich nicht in Geld umrechnen. Hinterlegen Sie die Kostensätze oder wählen Sie „ins nächste Jahr übertragen“.`,
          `The hours of ${year} have no hourly rate; the balances cannot be converted into money. Enter the cost rates or choose "carry over".`,
        );
      cents = convertToCents(region.exact, rateCentsPerHour ?? 0);
    }
    const lines: ClosingLine[] = [...region.exact].map(([organizationId, minutes]) => ({
      organizationId,
      minutes,
      cents: cents ? (cents.get(organizationId) ?? 0) : null,
      isShown: isShown.get(organizationId) ?? true,
    }));
    const [created] = await tx
      .insert(reciprocityYearClosings)
      .values({ regionId, organizationId: actor.organizationId, year, rule, rateCentsPerHour, lines, closedBy: actor.accountId })
      .onConflictDoNothing({ target: [reciprocityYearClosings.regionId, reciprocityYearClosings.year] })
      .returning({ id: reciprocityYearClosings.id });
    if (!created) throw refused(`Das Jahr ${year} ist schon abgeschlossen.`, `The year ${year} is closed already.`);
    // The audit keeps the rule, the rate and how many administrations were closed; the balances
    // themselves stay in the closing (some rest on fewer than 5 people and are shown to no one).
    await recordAudit(tx, actor, {
      action: "create",
      entity: "reciprocity_year_closing",
      entityId: created.id,
      visibility: "region",
      after: { year, yearEndRule: rule, centsPerHour: rateCentsPerHour, administrations: lines.length },
    });
    return { year, rule };
  });
}
