/**
 * Personnel cost rates (Kostensätze) per pay group: what one hour of a seconded person costs the
 * lending administration, as the reimbursement model (Kostenerstattung) charges it.
 *
 * Legal and method basis:
 * - Monthly pay: TVöD-VKA (Entgelttabelle), TVöD-SuE (Sozial- und Erziehungsdienst), Lower
 *   Saxony's salary scale A (NBesG, Anlage 5) — the table valid on the day, at a reference step.
 * - Annual bonus: § 20 TVöD-VKA (Jahressonderzahlung), a percentage of the monthly pay by band.
 * - Employer social-security share, the municipal supplementary pension fund's employer rate,
 *   the pension surcharge for civil servants (Versorgungszuschlag), the net annual working hours
 *   and the overhead surcharge (KGSt method: 20 % office, 15 % other workplaces) are parameters
 *   the region sets, versioned by validity date.
 * - B grades and every pay group without a table on the day: a rate the coordination office enters.
 *
 * Rounding rule (docs/SETTLEMENT.md › Kostensätze): every breakdown line is computed in exact
 * integer arithmetic (cents, basis points, hundredths of an hour; BigInt) and rounded half up to
 * the cent once, at the end of that line. The rate is the sum of the rounded lines, so the lines a
 * person reads always add up to the rate. The overhead line is a percentage of the sum of the
 * rounded personnel-cost lines above it. Nothing here reads a file, a clock or a database.
 *
 * @example
 * const result = computeCostRate({ payGroup: "E 9b", employmentStatus: "employee", on: "2026-12-01",
 *   overhead: "office", parameters, tables, manualRates: [] });
 * if (result.kind === "rate") console.log(result.centsPerHour);
 */

import { divideRoundedExact } from "./money";

/** The pay scales Verbund ships (data/reference/tarif). */
export type PayScale = "tvoed_vka" | "tvoed_sue" | "nds_a";

/** Whether the person is an employee (TVöD) or a civil servant (Beamtin/Beamter). */
export type EmploymentStatus = "employee" | "civil_servant";

/** One cell of a pay table: the monthly pay of a pay group at a step, from a validity date. */
export interface PayTableEntry {
  scale: PayScale;
  /** First day the table applies (ISO date). */
  validFrom: string;
  /** As Verbund writes pay groups: `E 9b`, `S 11a`, `A 11`. */
  payGroup: string;
  step: number;
  monthlyCents: number;
}

/** The shipped pay tables and the annual bonus percentages (§ 20 TVöD-VKA) per E group. */
export interface PayTables {
  entries: readonly PayTableEntry[];
  /** Annual bonus in basis points of the monthly pay, by E group (`E 9b` → 7028 = 70,28 %). */
  annualBonusBasisPoints: ReadonlyMap<string, number>;
}

/** The region's parameters in force from `validFrom`. Percentages in basis points (1 % = 100). */
export interface CostRateParameters {
  validFrom: string;
  /** The step whose monthly pay stands for the group (default 3). */
  referenceStep: number;
  /** Employer's social-security share (pension, health, long-term care, unemployment, accident insurance). */
  socialSecurityBasisPoints: number;
  /** Employer's contribution to the municipal supplementary pension fund (Zusatzversorgungskasse). */
  supplementaryPensionBasisPoints: number;
  /** Pension surcharge for civil servants (Versorgungszuschlag), instead of social security. */
  civilServantPensionBasisPoints: number;
  /** Net annual working hours of an employee, in hundredths of an hour (1.591,20 h → 159120). */
  employeeNetAnnualHundredths: number;
  /** Net annual working hours of a civil servant, in hundredths of an hour. */
  civilServantNetAnnualHundredths: number;
  /** Overhead for an office workplace. */
  overheadOfficeBasisPoints: number;
  /** Overhead for any other workplace. */
  overheadOtherBasisPoints: number;
}

/**
 * The configurable defaults of the cost-rate parameters (docs/SETTLEMENT.md › Kostensätze states
 * each with its source). A region starts with this version (the seed), valid from 1 January 2022 so
 * that every shipped table (from 1 April 2022) has a rate; the coordination office adds its own versions.
 */
export const DEFAULT_COST_RATE_PARAMETERS: Readonly<CostRateParameters> = {
  validFrom: "2022-01-01",
  referenceStep: 3,
  // Employer's shares 2026: pension 9,3 % + health 7,3 % + half the average additional contribution
  // ~1,45 % + long-term care 1,8 % + unemployment 1,3 % ≈ 21,15 %; accident insurance and levies vary.
  socialSecurityBasisPoints: 2100,
  // Assumption until the region enters its fund's rate: municipal supplementary pension fund (not VBL-West, 5,49 %).
  supplementaryPensionBasisPoints: 600,
  // Pension surcharge for civil servants seconded at the borrower's cost (Versorgungszuschlag), 30 %.
  civilServantPensionBasisPoints: 3000,
  // 204 working days × 7,8 h (39 h/week) = 1.591,20 h; civil servants 204 × 8 h (40 h/week) = 1.632 h.
  employeeNetAnnualHundredths: 159120,
  civilServantNetAnnualHundredths: 163200,
  // KGSt overhead: 20 % office, 15 % other workplaces.
  overheadOfficeBasisPoints: 2000,
  overheadOtherBasisPoints: 1500,
};

/** A rate the coordination office entered for a pay group without a table (B grades, …). */
export interface ManualRate {
  payGroup: string;
  validFrom: string;
  centsPerHour: number;
  note: string;
}

/**
 * Which overhead applies: the workplace the borrower provides is an office (`office`) or another
 * kind (`other`); `none` when the borrower provides the workplace at its own cost; a framework or
 * single agreement may set its own percentage (`{ percent }`, up to two decimals).
 */
export type OverheadChoice = "office" | "other" | "none" | { percent: number };

/** Bilingual text. */
export interface Words {
  de: string;
  en: string;
}

/** One line of a rate's breakdown: per hour, rounded half up to the cent once. */
export interface BreakdownLine {
  key: "base_pay" | "annual_bonus" | "social_security" | "supplementary_pension" | "civil_servant_pension" | "manual" | "overhead";
  label: Words;
  /** What the line is computed from, in words ("4.203,56 € × 12 = 50.442,72 € ÷ 1.591,20 h"). */
  basis: Words;
  /** The annual amount (or for overhead: the hourly subtotal) the line starts from, in cents. */
  basisCents: number;
  /** The percentage applied, in basis points; null where the line applies none. */
  basisPoints: number | null;
  /** Cents per hour. */
  amountCents: number;
}

/** A rate: integer cents per hour and how it was computed. */
export interface CostRate {
  kind: "rate";
  payGroup: string;
  employmentStatus: EmploymentStatus;
  /** `table` (computed from a pay table) or `manual` (entered by the coordination office). */
  source: "table" | "manual";
  scale: PayScale | null;
  /** Validity date of the table (or manual rate) used. */
  validFrom: string;
  /** The step used (the reference step, or the nearest step the group has); null for manual rates. */
  step: number | null;
  monthlyCents: number | null;
  parametersValidFrom: string;
  overheadBasisPoints: number;
  centsPerHour: number;
  breakdown: BreakdownLine[];
}

/** Why there is no rate. */
export interface NoRate {
  kind: "no_rate";
  payGroup: string;
  reason: "no_parameters" | "no_table" | "status_mismatch";
  message: Words;
}

export type CostRateResult = CostRate | NoRate;

// ---- Pay groups ------------------------------------------------------------------------------

/** Every pay group Verbund knows, in ascending order within each scale (as `PAY_GROUP` of the pool). */
export const PAY_GROUPS: readonly string[] = [
  ...["1", "2", "2Ü", "3", "4", "5", "6", "7", "8", "9a", "9b", "9c", "10", "11", "12", "13", "14", "15", "15Ü"].map((g) => `E ${g}`),
  ...["2", "3", "4", "7", "8a", "8b", "9", "11a", "11b", "12", "13", "14", "15", "16", "17", "18"].map((g) => `S ${g}`),
  ...Array.from({ length: 14 }, (_, i) => `A ${i + 3}`),
  ...Array.from({ length: 11 }, (_, i) => `B ${i + 1}`),
];

/** The scale that holds a pay group's table, and the employment status it belongs to. */
export function scaleOf(payGroup: string): { scale: PayScale | null; status: EmploymentStatus } {
  if (payGroup.startsWith("E ")) return { scale: "tvoed_vka", status: "employee" };
  if (payGroup.startsWith("S ")) return { scale: "tvoed_sue", status: "employee" };
  if (payGroup.startsWith("A ")) return { scale: "nds_a", status: "civil_servant" };
  return { scale: null, status: "civil_servant" };
}

/**
 * The annual bonus (§ 20 Abs. 2 TVöD-VKA) of a pay group in basis points: E groups from the table;
 * S groups as the corresponding E bands (S 2–S 9 like E 1–E 8, S 11a–S 18 like E 9a–E 12);
 * civil servants in Lower Saxony receive none (the special payment was abolished in 2005 for A 9 upwards).
 */
export function annualBonusOf(tables: PayTables, payGroup: string): number {
  if (payGroup.startsWith("E ")) return tables.annualBonusBasisPoints.get(payGroup) ?? 0;
  if (payGroup.startsWith("S ")) {
    const band = ["S 2", "S 3", "S 4", "S 7", "S 8a", "S 8b", "S 9"].includes(payGroup) ? "E 8" : "E 9a";
    return tables.annualBonusBasisPoints.get(band) ?? 0;
  }
  return 0;
}

// ---- Exact arithmetic --------------------------------------------------------------------------

/** `numerator / denominator` in whole cents, by the settlement's one rounding rule (half away from zero). */
const roundedCents = (numerator: bigint, denominator: bigint) => Number(divideRoundedExact(numerator, denominator));

const B = (n: number) => BigInt(n);

/** Basis points of an overhead choice. */
export function overheadBasisPoints(choice: OverheadChoice, parameters: CostRateParameters): number {
  if (choice === "office") return parameters.overheadOfficeBasisPoints;
  if (choice === "other") return parameters.overheadOtherBasisPoints;
  if (choice === "none") return 0;
  const bp = Math.round(choice.percent * 100);
  // The caller validates an agreement's percentage; a value outside 0–100 % is a programming error.
  if (!Number.isFinite(bp) || bp < 0 || bp > 10000) throw new RangeError("An overhead percentage lies between 0 and 100");
  return bp;
}

// ---- Formatting for the breakdown's words ----------------------------------------------------

function euros(cents: number, lang: "de" | "en"): string {
  const whole = Math.floor(cents / 100).toLocaleString(lang === "de" ? "de-DE" : "en-GB");
  return `${whole}${lang === "de" ? "," : "."}${String(cents % 100).padStart(2, "0")} €`;
}

function hundredths(value: number, lang: "de" | "en", unit: string): string {
  const whole = Math.floor(value / 100).toLocaleString(lang === "de" ? "de-DE" : "en-GB");
  return `${whole}${lang === "de" ? "," : "."}${String(value % 100).padStart(2, "0")} ${unit}`;
}

/** "21 %", "70,28 %", "12,50 %": whole percentages without decimals. */
function percent(bp: number, lang: "de" | "en"): string {
  return bp % 100 === 0 ? `${(bp / 100).toLocaleString(lang === "de" ? "de-DE" : "en-GB")} %` : hundredths(bp, lang, "%");
}

function words(make: (lang: "de" | "en") => string): Words {
  return { de: make("de"), en: make("en") };
}

// ---- Choosing what applies on a day --------------------------------------------------------

/** The entry with the latest `validFrom` on or before `on`, or undefined. */
export function inForce<T extends { validFrom: string }>(rows: readonly T[], on: string): T | undefined {
  let best: T | undefined;
  for (const row of rows) if (row.validFrom <= on && (!best || row.validFrom > best.validFrom)) best = row;
  return best;
}

/**
 * The monthly pay of a group on a day: the table of its scale valid on the day; the reference step,
 * or where the group has no such step (E 1 and E 15Ü start at step 2) the nearest step above it,
 * else the highest below it.
 */
export function monthlyPayOn(tables: PayTables, scale: PayScale, payGroup: string, on: string, referenceStep: number) {
  const validFrom = inForce(
    tables.entries.filter((e) => e.scale === scale),
    on,
  )?.validFrom;
  if (!validFrom) return undefined;
  const steps = tables.entries
    .filter((e) => e.scale === scale && e.validFrom === validFrom && e.payGroup === payGroup)
    .sort((a, b) => a.step - b.step);
  if (steps.length === 0) return undefined;
  const entry = steps.find((e) => e.step === referenceStep) ?? steps.find((e) => e.step > referenceStep) ?? steps[steps.length - 1];
  return entry;
}

// ---- The rate --------------------------------------------------------------------------------

/** What {@link computeCostRate} needs. */
export interface CostRateInput {
  payGroup: string;
  employmentStatus: EmploymentStatus;
  /** The day (ISO date) whose tables and parameters apply. */
  on: string;
  overhead: OverheadChoice;
  /** Every parameter version of the region; the one in force on `on` applies. */
  parameters: readonly CostRateParameters[];
  tables: PayTables;
  /** Every manual rate of the region; for groups without a table on the day, the one in force applies. */
  manualRates: readonly ManualRate[];
}

/**
 * The hourly rate of a pay group on a day with its breakdown, or why there is none.
 *
 * Employees (E, S): (monthly pay × 12 + annual bonus + social security + supplementary pension) ÷
 * net annual hours. Civil servants (A): (monthly pay × 12 + pension surcharge) ÷ their net annual
 * hours. Then the overhead on the sum. A group without a table on the day takes the manual rate
 * in force (plus overhead). Each line per hour, rounded half up once; the rate is their sum.
 */
export function computeCostRate(input: CostRateInput): CostRateResult {
  const { payGroup, employmentStatus, on } = input;
  const { scale, status } = scaleOf(payGroup);
  if (status !== employmentStatus) {
    return {
      kind: "no_rate",
      payGroup,
      reason: "status_mismatch",
      message: {
        de: `${payGroup} ist eine Entgelt- oder Besoldungsgruppe für ${status === "employee" ? "Tarifbeschäftigte" : "Beamtinnen und Beamte"}.`,
        en: `${payGroup} is a pay group for ${status === "employee" ? "employees" : "civil servants"}.`,
      },
    };
  }
  const parameters = inForce(input.parameters, on);
  if (!parameters) {
    return {
      kind: "no_rate",
      payGroup,
      reason: "no_parameters",
      message: {
        de: "Für diesen Tag hat die Region noch keine Parameter für Kostensätze festgelegt.",
        en: "The region has not set cost-rate parameters for this day yet.",
      },
    };
  }
  const entry = scale ? monthlyPayOn(input.tables, scale, payGroup, on, parameters.referenceStep) : undefined;
  if (!entry) {
    const manual = inForce(
      input.manualRates.filter((m) => m.payGroup === payGroup),
      on,
    );
    if (!manual) {
      return {
        kind: "no_rate",
        payGroup,
        reason: "no_table",
        message: {
          de: `Für ${payGroup} gibt es an diesem Tag keine Tabelle und keinen von der Region eingetragenen Satz.`,
          en: `There is no table for ${payGroup} on this day and no rate entered by the region.`,
        },
      };
    }
    const lines: BreakdownLine[] = [
      {
        key: "manual",
        label: { de: "Von der Region festgelegter Satz", en: "Rate set by the region" },
        basis: words((l) => (manual.note ? manual.note : l === "de" ? `gültig ab ${manual.validFrom}` : `valid from ${manual.validFrom}`)),
        basisCents: manual.centsPerHour,
        basisPoints: null,
        amountCents: manual.centsPerHour,
      },
    ];
    return finish(
      { payGroup, employmentStatus, source: "manual", scale: null, validFrom: manual.validFrom, step: null, monthlyCents: null },
      parameters,
      input.overhead,
      lines,
    );
  }

  const m = B(entry.monthlyCents);
  const isEmployee = employmentStatus === "employee";
  const hours = B(isEmployee ? parameters.employeeNetAnnualHundredths : parameters.civilServantNetAnnualHundredths);
  // Cents per hour of an annual amount given as numerator / denominator cents: × 100 ÷ hundredths of hours.
  const perHour = (numerator: bigint, denominator: bigint) => roundedCents(numerator * 100n, denominator * hours);
  const hoursText = (l: "de" | "en") => hundredths(Number(hours), l, "h");
  const annualPay = entry.monthlyCents * 12;
  const lines: BreakdownLine[] = [
    {
      key: "base_pay",
      label: words((l) =>
        l === "de" ? `Tabellenentgelt ${payGroup} Stufe ${entry.step} × 12` : `Table pay ${payGroup} step ${entry.step} × 12`,
      ),
      basis: words((l) => `${euros(entry.monthlyCents, l)} × 12 = ${euros(annualPay, l)} ÷ ${hoursText(l)}`),
      basisCents: annualPay,
      basisPoints: null,
      amountCents: perHour(m * 12n, 1n),
    },
  ];
  if (isEmployee) {
    const bonusBp = B(annualBonusOf(input.tables, payGroup));
    // Annual gross = 12 M + M × bonus / 10 000 = M × (120 000 + bonus) / 10 000 (exact).
    const grossNum = m * (120000n + bonusBp);
    const grossCents = roundedCents(grossNum, 10000n);
    lines.push({
      key: "annual_bonus",
      label: { de: "Jahressonderzahlung (§ 20 TVöD)", en: "Annual bonus (§ 20 TVöD)" },
      basis: words((l) => `${percent(Number(bonusBp), l)} ${l === "de" ? "von" : "of"} ${euros(entry.monthlyCents, l)} ÷ ${hoursText(l)}`),
      basisCents: entry.monthlyCents,
      basisPoints: Number(bonusBp),
      amountCents: perHour(m * bonusBp, 10000n),
    });
    for (const [key, bp, de, en] of [
      ["social_security", parameters.socialSecurityBasisPoints, "Arbeitgeberanteil Sozialversicherung", "Employer's social-security share"],
      [
        "supplementary_pension",
        parameters.supplementaryPensionBasisPoints,
        "Arbeitgeberanteil Zusatzversorgung",
        "Employer's supplementary pension share",
      ],
    ] as const) {
      lines.push({
        key,
        label: { de, en },
        basis: words((l) => `${percent(bp, l)} ${l === "de" ? "von" : "of"} ${euros(grossCents, l)} ÷ ${hoursText(l)}`),
        basisCents: grossCents,
        basisPoints: bp,
        amountCents: perHour(grossNum * B(bp), 10000n * 10000n),
      });
    }
  } else {
    const bp = parameters.civilServantPensionBasisPoints;
    lines.push({
      key: "civil_servant_pension",
      label: { de: "Versorgungszuschlag", en: "Pension surcharge" },
      basis: words((l) => `${percent(bp, l)} ${l === "de" ? "von" : "of"} ${euros(annualPay, l)} ÷ ${hoursText(l)}`),
      basisCents: annualPay,
      basisPoints: bp,
      amountCents: perHour(m * 12n * B(bp), 10000n),
    });
  }
  return finish(
    { payGroup, employmentStatus, source: "table", scale, validFrom: entry.validFrom, step: entry.step, monthlyCents: entry.monthlyCents },
    parameters,
    input.overhead,
    lines,
  );
}

/** The overhead line's label: which workplace, or that the agreement set its own percentage. */
export function overheadLabel(choice: OverheadChoice): Words {
  if (typeof choice === "object")
    return { de: "Gemeinkostenzuschlag, abweichend vereinbart", en: "Overhead surcharge, agreed in deviation" };
  if (choice === "other") return { de: "Gemeinkostenzuschlag, sonstiger Arbeitsplatz", en: "Overhead surcharge, other workplace" };
  if (choice === "none") {
    return {
      de: "Gemeinkostenzuschlag, Arbeitsplatz stellt die aufnehmende Verwaltung",
      en: "Overhead surcharge, workplace provided by the borrower",
    };
  }
  return { de: "Gemeinkostenzuschlag, Büroarbeitsplatz", en: "Overhead surcharge, office workplace" };
}

/** Adds the overhead line (a percentage of the rounded lines' sum) and totals. */
function finish(
  head: Pick<CostRate, "payGroup" | "employmentStatus" | "source" | "scale" | "validFrom" | "step" | "monthlyCents">,
  parameters: CostRateParameters,
  choice: OverheadChoice,
  lines: BreakdownLine[],
): CostRate {
  const overheadBp = overheadBasisPoints(choice, parameters);
  const subtotal = lines.reduce((sum, line) => sum + line.amountCents, 0);
  lines.push({
    key: "overhead",
    label: overheadLabel(choice),
    basis: words((l) => `${percent(overheadBp, l)} ${l === "de" ? "von" : "of"} ${euros(subtotal, l)}`),
    basisCents: subtotal,
    basisPoints: overheadBp,
    amountCents: roundedCents(B(subtotal) * B(overheadBp), 10000n),
  });
  return {
    kind: "rate",
    ...head,
    parametersValidFrom: parameters.validFrom,
    overheadBasisPoints: overheadBp,
    centsPerHour: lines.reduce((sum, line) => sum + line.amountCents, 0),
    breakdown: lines,
  };
}
