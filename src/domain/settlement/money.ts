/**
 * Money in integer cents, end to end (issue 16 › Cost rates: "Money in integer cents end to end;
 * rounding rules stated and tested"). Nothing in the settlement domain holds euros in a floating
 * point number: amounts are whole cents, hours are whole minutes, and a division happens once, at
 * the end of a line, by {@link divideRounded}.
 *
 * The rounding rule is the commercial one (kaufmännisches Runden): to the nearest cent, a half cent
 * away from zero — for the non-negative amounts of a statement that is "half up". It is the rule
 * EN 16931 assumes for a VAT amount (BR-CO-17: rounded to two decimals).
 *
 * @example
 * ```ts
 * divideRounded(45 * 5230, 60);  // 3923 — 45 minutes at 52,30 €/h = 39,225 € → 39,23 €
 * decimalEuros(123456);          // "1234.56" (XML, API)
 * germanEuros(123456);           // "1234,56" (CSV for Excel in Germany)
 * ```
 *
 * Pure: no I/O.
 */

/** Throws unless `n` is a whole number a double holds exactly (|n| < 2^53). */
export function assertSafeInteger(n: number, what: string): void {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what} must be a whole number (got ${n})`);
}

/**
 * `numerator / denominator`, rounded to the nearest integer, a half away from zero — the one
 * rounding rule of the settlement, exact for whole numbers of any size (the cost rate's products
 * outgrow a double). The denominator is positive.
 */
export function divideRoundedExact(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError("denominator must be positive");
  const magnitude = numerator < 0n ? -numerator : numerator;
  const rounded = (2n * magnitude + denominator) / (2n * denominator);
  return numerator < 0n ? -rounded : rounded;
}

/**
 * {@link divideRoundedExact} for numbers: both whole numbers a double holds exactly, the
 * denominator positive.
 */
export function divideRounded(numerator: number, denominator: number): number {
  assertSafeInteger(numerator, "numerator");
  assertSafeInteger(denominator, "denominator");
  return Number(divideRoundedExact(BigInt(numerator), BigInt(denominator)));
}

/**
 * What `minutes` of work cost at `rateCentsPerHour`: minutes × cents ÷ 60, rounded to the cent
 * (half up). This is the rule of every hours line of a statement: rounded once per line, never
 * per day, so a line's amount is the same however the month's days were recorded.
 */
export function hoursAmountCents(minutes: number, rateCentsPerHour: number): number {
  assertSafeInteger(minutes, "minutes");
  assertSafeInteger(rateCentsPerHour, "rateCentsPerHour");
  const product = minutes * rateCentsPerHour;
  assertSafeInteger(product, "minutes × rate");
  return divideRounded(product, 60);
}

function splitCents(cents: number): { sign: string; euros: string; rest: string } {
  assertSafeInteger(cents, "cents");
  const magnitude = Math.abs(cents);
  return {
    sign: cents < 0 ? "-" : "",
    euros: String(Math.floor(magnitude / 100)),
    rest: String(magnitude % 100).padStart(2, "0"),
  };
}

/** An amount as a decimal string with a point and two decimals: `123456` → `"1234.56"` (XML, JSON). */
export function decimalEuros(cents: number): string {
  const { sign, euros, rest } = splitCents(cents);
  return `${sign}${euros}.${rest}`;
}

/** An amount as Excel in Germany reads it: a decimal comma, no thousands separator: `"1234,56"`. */
export function germanEuros(cents: number): string {
  const { sign, euros, rest } = splitCents(cents);
  return `${sign}${euros},${rest}`;
}

/**
 * Whole minutes as hours in a decimal string without trailing zeros, exact when it can be written
 * with at most two decimals (a multiple of 3 minutes): `450` → `"7.5"`, `20` → `null`.
 */
export function exactHours(minutes: number): string | null {
  assertSafeInteger(minutes, "minutes");
  if (minutes % 3 !== 0) return null;
  const hundredths = Math.abs(minutes / 3) * 5; // minutes ÷ 60 × 100
  const whole = Math.floor(hundredths / 100);
  const fraction = String(hundredths % 100)
    .padStart(2, "0")
    .replace(/0+$/, "");
  return `${minutes < 0 ? "-" : ""}${whole}${fraction ? `.${fraction}` : ""}`;
}

/** Whole minutes as German hours with two decimals, rounded half up: `450` → `"7,50"`, `20` → `"0,33"`. */
export function germanHours(minutes: number): string {
  return germanEuros(divideRounded(minutes * 100, 60));
}
