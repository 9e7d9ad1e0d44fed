/**
 * Balances (Salden): an administration's lent and borrowed hours per month with its reciprocity
 * ledger, and the region's balances, flows, netting and year-end rule for the coordination office.
 * The sums and the rule of 5 people are the domain's (`domain/settlement/balances.ts`); this file
 * reads their input through `balance-scope.ts` (hours) and `statement-scope.ts` (money of issued
 * statements) and names the administrations.
 */
import { eq } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import {
  FEWER_THAN_MIN_PEOPLE,
  administrationMonths,
  moneyMonths,
  regionBalances,
  type Figure,
  type HoursRow,
  type Opening,
} from "../../domain/settlement/balances";
import { scaleOf } from "../../domain/settlement/cost-rate";
import { averageHourlyRate, convertToCents, net, type RatedMinutes, type YearEndRule } from "../../domain/settlement/ledger";
import type { Actor } from "../../kernel/actor";
import { today } from "../../kernel/dates";
import { recordAudit } from "../audit";
import { unscopedPayGroupsOf } from "../pool";
import {
  balanceOrganizationOf,
  balanceRegionOf,
  findClosingAfter,
  findReciprocitySettingsForUpdate,
  findYearClosing,
  findYearEndRule,
  organizationNames,
  unscopedHoursOfYear,
} from "./balance-scope";
import { balancePolicy } from "./balances.policy";
import { reciprocitySettings } from "./balances.tables";
import { rateFor } from "./cost-rates";
import { unscopedSettledStatementsOfYear } from "./statement-scope";

/** This year in Berlin. */
export const currentYear = () => Number(today().slice(0, 4));

const hiddenFigure = (): Figure => ({ value: null, reason: FEWER_THAN_MIN_PEOPLE });

/**
 * The balances that open `year`: those of the closed year before when it was closed with
 * `carry_over` (empty when it is open or was converted into money — then the year opens at zero).
 */
export async function openingOf(db: Db | Tx, regionId: string, year: number): Promise<Map<string, Opening>> {
  const closed = await findYearClosing(db, regionId, year - 1);
  if (!closed || closed.rule !== "carry_over") return new Map();
  return new Map(closed.lines.filter((l) => l.minutes !== 0).map((l) => [l.organizationId, { minutes: l.minutes, isShown: l.isShown }]));
}

/**
 * The year before `year` when it is not closed and has balances (hours or an opening), else
 * undefined: `year` is closed only after it, since an earlier year cannot be closed after a later
 * one and its balances would otherwise open no year.
 */
export async function openYearBefore(db: Db | Tx, regionId: string, year: number): Promise<number | undefined> {
  const [closed, rows, openings] = await Promise.all([
    findYearClosing(db, regionId, year - 1),
    unscopedHoursOfYear(db, regionId, year - 1),
    openingOf(db, regionId, year - 1),
  ]);
  if (closed) return undefined;
  return [...regionBalances(rows, openings).exact.values()].some((m) => m !== 0) ? year - 1 : undefined;
}

/** An administration's hours and reciprocity ledger of a year (default: this year). */
export async function getBalances(db: Db, actor: Actor, query: { year?: number }) {
  const { regionId, organizationId } = balanceOrganizationOf(actor);
  const year = query.year ?? currentYear();
  const [rows, names, settled, openings] = await Promise.all([
    unscopedHoursOfYear(db, regionId, year),
    organizationNames(db, regionId),
    unscopedSettledStatementsOfYear(db, regionId, organizationId, year),
    openingOf(db, regionId, year),
  ]);
  const own = openings.get(organizationId);
  const opening: Figure | undefined = own ? (own.isShown ? { value: own.minutes, reason: null } : hiddenFigure()) : undefined;
  const months = administrationMonths(rows, organizationId, opening);
  return {
    year,
    organization: { id: organizationId, name: names.get(organizationId) ?? "" },
    months,
    balance: months[11].balance,
    opening: opening ? { fromYear: year - 1, minutes: opening } : null,
    money: moneyMonths(settled, organizationId),
  };
}

/** The region's balances, flows, netting transfers and year-end rule of a year (the coordination office). */
export async function getRegionBalances(db: Db, actor: Actor, query: { year?: number }) {
  const regionId = balanceRegionOf(actor);
  const year = query.year ?? currentYear();
  const [rows, names, rule, openings, closing, later, before] = await Promise.all([
    unscopedHoursOfYear(db, regionId, year),
    organizationNames(db, regionId),
    findYearEndRule(db, regionId),
    openingOf(db, regionId, year),
    findYearClosing(db, regionId, year),
    findClosingAfter(db, regionId, year),
    openYearBefore(db, regionId, year),
  ]);
  const org = (id: string) => ({ id, name: names.get(id) ?? "" });
  const byName = <T extends { organization: { name: string } }>(x: T, y: T) => x.organization.name.localeCompare(y.organization.name, "de");
  const region = regionBalances(rows, openings);
  const hasEnded = year < currentYear();
  const shown = (minutes: number, isShown: boolean): Figure => (isShown ? { value: minutes, reason: null } : hiddenFigure());
  return {
    year,
    yearEndRule: rule,
    abilities: {
      setYearEndRule: balancePolicy.can(actor, "setYearEndRule"),
      closeYear: balancePolicy.can(actor, "closeYear") && hasEnded && !closing && later === undefined && before === undefined,
    },
    hasEnded,
    closeFirst: closing ? null : (before ?? null),
    openings: openings.size === 0 ? null : [...region.openings].map(([id, minutes]) => ({ organization: org(id), minutes })).sort(byName),
    closing: closing
      ? {
          rule: closing.rule,
          rateCentsPerHour: closing.rateCentsPerHour,
          closedAt: closing.closedAt.toISOString(),
          lines: closing.lines
            .map((l) => ({
              organization: org(l.organizationId),
              minutes: shown(l.minutes, l.isShown),
              cents: l.cents === null ? null : shown(l.cents, l.isShown),
            }))
            .sort(byName),
          transfers:
            closing.rule !== "convert" || closing.lines.some((l) => !l.isShown)
              ? null
              : net(new Map(closing.lines.map((l) => [l.organizationId, l.cents ?? 0]))).map((t) => ({
                  from: org(t.from),
                  to: org(t.to),
                  cents: t.amount,
                })),
        }
      : null,
    balances: region.balances
      .map((b) => ({ organization: org(b.organizationId), minutes: b.minutes }))
      .sort((x, y) => x.organization.name.localeCompare(y.organization.name, "de")),
    flows: region.flows.map((f) => ({
      lender: org(f.lenderOrganizationId),
      borrower: org(f.borrowerOrganizationId),
      all: f.all,
      reciprocity: f.reciprocity,
    })),
    transfers: region.transfers?.map((t) => ({ from: org(t.from), to: org(t.to), minutes: t.amount })) ?? null,
    conversion: rule === "convert" && !closing ? await conversionOf(db, regionId, year, rows, region, org) : null,
  };
}

/**
 * The year-end conversion: the balances in cents at the region's average hourly rate of the year
 * (the rates of the year's reciprocity hours: each person's pay group on the first day of the
 * month, without overhead; hours without a rate are left out of the average). Sums to zero; the
 * amounts are hidden as the balances are.
 */
async function conversionOf(
  db: Db,
  regionId: string,
  year: number,
  rows: HoursRow[],
  region: ReturnType<typeof regionBalances>,
  org: (id: string) => { id: string; name: string },
) {
  const { rateCentsPerHour, minutesWithoutRate } = await averageRateOfYear(db, regionId, year, rows);
  if (rateCentsPerHour === null) return { rateCentsPerHour: null, minutesWithoutRate, amounts: [], transfers: null };
  const cents = convertToCents(region.exact, rateCentsPerHour);
  const shown = new Map(region.balances.map((b) => [b.organizationId, b.minutes.value !== null]));
  return {
    rateCentsPerHour,
    minutesWithoutRate,
    amounts: [...cents]
      .sort(([x], [y]) => org(x).name.localeCompare(org(y).name, "de"))
      .map(([id, c]) => ({
        organization: org(id),
        cents: (shown.get(id) ? { value: c, reason: null } : region.balances.find((b) => b.organizationId === id)!.minutes) as Figure,
      })),
    transfers: region.transfers === null ? null : net(cents).map((t) => ({ from: org(t.from), to: org(t.to), cents: t.amount })),
  };
}

/**
 * The region's average hourly rate of a year (cents): the rates of the year's reciprocity hours,
 * each person's pay group on the first day of the month, without overhead; hours without a rate
 * are left out of the average and counted. Null when no hour has a rate.
 */
export async function averageRateOfYear(db: Db | Tx, regionId: string, year: number, rows: HoursRow[]) {
  const reciprocity = rows.filter((r) => r.settlementModel === "reciprocity" && r.lenderOrganizationId !== r.borrowerOrganizationId);
  const groups = await unscopedPayGroupsOf(db, [...new Set(reciprocity.map((r) => r.personId))]);
  const rates = new Map<string, number | null>();
  const rated: RatedMinutes[] = [];
  let minutesWithoutRate = 0;
  for (const r of reciprocity) {
    const payGroup = groups.get(r.personId);
    const on = `${year}-${String(r.month).padStart(2, "0")}-01`;
    const key = `${payGroup} ${on}`;
    if (payGroup && !rates.has(key)) {
      const found = await rateFor({ regionId, payGroup, employmentStatus: scaleOf(payGroup).status, on, overhead: "none" }, db);
      rates.set(key, found.kind === "rate" ? found.centsPerHour : null);
    }
    const rate = payGroup ? rates.get(key) : null;
    if (rate == null) minutesWithoutRate += r.minutes;
    else rated.push({ minutes: r.minutes, rateCentsPerHour: rate });
  }
  return { rateCentsPerHour: averageHourlyRate(rated), minutesWithoutRate };
}

/**
 * The coordination office sets the region's year-end rule; audited with the rule before and after.
 * The first write creates the region's row (a concurrent first write waits on the unique region and
 * then finds the row); every later one locks the row, so each audit entry's `before` is the rule it replaced.
 */
export async function setYearEndRule(db: Db, actor: Actor, body: { rule: YearEndRule }) {
  const regionId = balanceRegionOf(actor);
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(reciprocitySettings)
      .values({ regionId, organizationId: actor.organizationId, yearEndRule: body.rule, updatedBy: actor.accountId })
      .onConflictDoNothing({ target: reciprocitySettings.regionId })
      .returning({ id: reciprocitySettings.id });
    let beforeRule: YearEndRule = "carry_over";
    if (!created) {
      const before = (await findReciprocitySettingsForUpdate(tx, regionId))!;
      beforeRule = before.yearEndRule;
      await tx
        .update(reciprocitySettings)
        .set({ yearEndRule: body.rule, updatedBy: actor.accountId, updatedAt: new Date() })
        .where(eq(reciprocitySettings.id, before.id));
    }
    if (beforeRule !== body.rule)
      await recordAudit(tx, actor, {
        action: "update",
        entity: "reciprocity_settings",
        visibility: "region",
        before: { yearEndRule: beforeRule },
        after: { yearEndRule: body.rule },
      });
    return { yearEndRule: body.rule };
  });
}
