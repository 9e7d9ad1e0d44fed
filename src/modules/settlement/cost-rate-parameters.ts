/**
 * The coordination office sets the cost-rate parameters and the manual rates: each a new version
 * from a day, never a change of an old one (statements already computed keep their figures). Two
 * versions from the same day cannot both be written: the unique constraint decides, and its
 * meaning (409 at `validFrom`) is declared next to the table.
 */
import type { Db } from "../../db/client";
import type { Actor } from "../../kernel/actor";
import { today } from "../../kernel/dates";
import { AppError, type FieldProblem } from "../../kernel/problems";
import { inForce, monthlyPayOn, PAY_GROUPS, scaleOf } from "../../domain/settlement/cost-rate";
import { recordAudit } from "../audit";
import { payTables } from "./pay-table-files";
import { listVisibleManualRates, listVisibleParameters } from "./cost-rate-scope";
import { costRateParameters, manualCostRates } from "./cost-rates.tables";
import { costRatePolicy } from "./cost-rates.policy";

/** Percent (two decimals) → basis points; hours (two decimals) → hundredths. */
const hundredths = (value: number) => Math.round(value * 100);

/** A parameter version as the API answers it: percentages and hours as numbers with two decimals. */
function present(p: Awaited<ReturnType<typeof listVisibleParameters>>[number], inForceId: string | undefined) {
  return {
    id: p.id,
    validFrom: p.validFrom,
    referenceStep: p.referenceStep,
    socialSecurityPercent: p.socialSecurityBasisPoints / 100,
    supplementaryPensionPercent: p.supplementaryPensionBasisPoints / 100,
    civilServantPensionPercent: p.civilServantPensionBasisPoints / 100,
    employeeNetAnnualHours: p.employeeNetAnnualHundredths / 100,
    civilServantNetAnnualHours: p.civilServantNetAnnualHundredths / 100,
    overheadOfficePercent: p.overheadOfficeBasisPoints / 100,
    overheadOtherPercent: p.overheadOtherBasisPoints / 100,
    note: p.note,
    createdAt: p.createdAt.toISOString(),
    isInForce: p.id === inForceId,
  };
}

/** Every parameter version and manual rate of the actor's region, and whether the actor may add one. */
export async function listParameters(db: Db, actor: Actor) {
  const [versions, manual] = await Promise.all([listVisibleParameters(db, actor), listVisibleManualRates(db, actor)]);
  const day = today();
  const inForceId = inForce(versions, day)?.id;
  return {
    items: versions.map((v) => present(v, inForceId)),
    manualRates: manual.map((m) => ({
      id: m.id,
      payGroup: m.payGroup,
      validFrom: m.validFrom,
      centsPerHour: m.centsPerHour,
      note: m.note,
    })),
    today: day,
    abilities: { create: costRatePolicy.can(actor, "manage") },
  };
}

/** A new version applies from today at the earliest: what was computed for past days stays as it was. */
function notInThePast(validFrom: string): FieldProblem[] {
  const day = today();
  return validFrom < day
    ? [
        {
          field: "validFrom",
          in: "body",
          rule: "not_in_the_past",
          message: {
            de: "Eine neue Fassung gilt frühestens ab heute. Wählen Sie heute oder einen späteren Tag.",
            en: "A new version applies from today at the earliest. Choose today or a later day.",
          },
        },
      ]
    : [];
}

/** The input of a new parameter version (validated by the route's schema). */
export interface ParametersInput {
  validFrom: string;
  referenceStep: number;
  socialSecurityPercent: number;
  supplementaryPensionPercent: number;
  civilServantPensionPercent: number;
  employeeNetAnnualHours: number;
  civilServantNetAnnualHours: number;
  overheadOfficePercent: number;
  overheadOtherPercent: number;
  note?: string;
}

/** The coordination office adds a parameter version from `validFrom`. */
export async function createParameters(db: Db, actor: Actor, input: ParametersInput) {
  const fields = notInThePast(input.validFrom);
  if (fields.length) throw new AppError("validation", { fields });
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(costRateParameters)
      .values({
        regionId: actor.regionId,
        organizationId: actor.organizationId,
        validFrom: input.validFrom,
        referenceStep: input.referenceStep,
        socialSecurityBasisPoints: hundredths(input.socialSecurityPercent),
        supplementaryPensionBasisPoints: hundredths(input.supplementaryPensionPercent),
        civilServantPensionBasisPoints: hundredths(input.civilServantPensionPercent),
        employeeNetAnnualHundredths: hundredths(input.employeeNetAnnualHours),
        civilServantNetAnnualHundredths: hundredths(input.civilServantNetAnnualHours),
        overheadOfficeBasisPoints: hundredths(input.overheadOfficePercent),
        overheadOtherBasisPoints: hundredths(input.overheadOtherPercent),
        note: input.note ?? "",
        createdBy: actor.accountId,
      })
      .returning({ id: costRateParameters.id });
    await recordAudit(tx, actor, {
      action: "create",
      entity: "cost_rate_parameters",
      entityId: row.id,
      visibility: "region",
      after: {
        validFrom: input.validFrom,
        referenceStep: input.referenceStep,
        socialSecurityPercent: input.socialSecurityPercent,
        supplementaryPensionPercent: input.supplementaryPensionPercent,
        civilServantPensionPercent: input.civilServantPensionPercent,
        employeeNetAnnualHours: input.employeeNetAnnualHours,
        civilServantNetAnnualHours: input.civilServantNetAnnualHours,
        overheadOfficePercent: input.overheadOfficePercent,
        overheadOtherPercent: input.overheadOtherPercent,
      },
    });
    return row.id;
  });
  const listed = await listParameters(db, actor);
  return listed.items.find((v) => v.id === id)!;
}

/** The input of a manual rate (validated by the route's schema). */
export interface ManualRateInput {
  payGroup: string;
  validFrom: string;
  centsPerHour: number;
  note?: string;
}

/** The coordination office enters a rate for a pay group that has no table on `validFrom`. */
export async function createManualRate(db: Db, actor: Actor, input: ManualRateInput) {
  const fields = notInThePast(input.validFrom);
  const { scale } = scaleOf(input.payGroup);
  if (!PAY_GROUPS.includes(input.payGroup)) {
    fields.push({
      field: "payGroup",
      in: "body",
      rule: "unknown_pay_group",
      message: { de: "Wählen Sie eine Gruppe aus der Liste aus.", en: "Choose a group from the list." },
    });
  } else if (scale && monthlyPayOn(payTables(), scale, input.payGroup, input.validFrom, 3)) {
    fields.push({
      field: "payGroup",
      in: "body",
      rule: "has_table",
      message: {
        de: `Für ${input.payGroup} gilt an diesem Tag die Tabelle. Einen eigenen Satz tragen Sie nur für Gruppen ohne Tabelle ein, etwa B-Besoldung.`,
        en: `The table applies to ${input.payGroup} on this day. Enter a rate only for groups without a table, such as B grades.`,
      },
    });
  }
  if (fields.length) throw new AppError("validation", { fields });
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(manualCostRates)
      .values({
        regionId: actor.regionId,
        organizationId: actor.organizationId,
        payGroup: input.payGroup,
        validFrom: input.validFrom,
        centsPerHour: input.centsPerHour,
        note: input.note ?? "",
        createdBy: actor.accountId,
      })
      .returning();
    await recordAudit(tx, actor, {
      action: "create",
      entity: "manual_cost_rate",
      entityId: row.id,
      visibility: "region",
      after: { payGroup: row.payGroup, validFrom: row.validFrom, centsPerHour: row.centsPerHour },
    });
    return { id: row.id, payGroup: row.payGroup, validFrom: row.validFrom, centsPerHour: row.centsPerHour, note: row.note };
  });
}
