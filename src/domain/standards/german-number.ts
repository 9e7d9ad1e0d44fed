// Numbers as people in Germany write them: a decimal comma (`78,5`) and, optionally, dots or spaces
// between groups of three digits (`1.234,5`, `1 234,5`). Pure: no I/O.
//
//   readGerman("1.234,5")   → { ok: true, value: 1234.5 }
//   readGerman("78.5")      → { ok: false, rule: "decimal_point" }  (a dot is never a decimal mark here)
//   formatGerman(1234.5)    → "1.234,5"

/** Why a text is not a number. */
export type NumberRule = "number" | "decimal_point";

/** The outcome of reading a number: the value, or the rule it broke. Reading never throws. */
export type NumberReading = { ok: true; value: number } | { ok: false; rule: NumberRule };

// Digits, or groups of three after a first group without a leading zero, separated by a dot, a space, a no-break or a narrow no-break space;
// then an optional comma with at least one digit. A sign in front; a percent sign behind.
const GERMAN = /^([+-]?)([1-9]\d{0,2}([. \u00a0\u202f])\d{3}(?:\3\d{3})*|\d+)(?:,(\d+))?\s?%?$/;
const ENGLISH = /^([+-]?)(\d+)(?:\.(\d+))?\s?%?$/;

/**
 * Reads a number written in German: `78,5`, `-3`, `1.234,5`, `1 234`, `78,5 %` (the percent sign
 * is dropped: a percentage is reported as `78,5`, not `0,785`). A dot followed by other than
 * groups of three digits (`78.5`) is refused with `decimal_point` rather than guessed, because
 * `1.234` means one thousand two hundred thirty-four in a German file.
 */
export function readGerman(text: string): NumberReading {
  const trimmed = text.trim();
  const match = GERMAN.exec(trimmed);
  if (!match) return /^[+-]?\d+\.\d+\s?%?$/.test(trimmed) ? { ok: false, rule: "decimal_point" } : { ok: false, rule: "number" };
  const [, sign, integer, separator, fraction] = match;
  const digits = separator ? integer.split(separator).join("") : integer;
  return finite(`${sign}${digits}${fraction ? `.${fraction}` : ""}`);
}

/**
 * Reads a number written with a decimal point and no thousands separators (`78.5`), as programs
 * with English settings write them into comma-separated files.
 */
export function readEnglish(text: string): NumberReading {
  const match = ENGLISH.exec(text.trim());
  if (!match) return { ok: false, rule: "number" };
  const [, sign, integer, fraction] = match;
  return finite(`${sign}${integer}${fraction ? `.${fraction}` : ""}`);
}

function finite(plain: string): NumberReading {
  const value = Number(plain);
  return Number.isFinite(value) ? { ok: true, value: value === 0 ? 0 : value } : { ok: false, rule: "number" };
}

/**
 * Writes a finite number the German way, with every digit needed to read it back exactly
 * (`readGerman(formatGerman(x)).value === x`): `1.234,5`, `-0,000001`, `12.000.000`.
 */
export function formatGerman(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`formatGerman: ${value} is not a finite number`);
  const [integer, fraction] = plainDecimal(Math.abs(value)).split(".");
  const grouped = integer.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  return `${value < 0 ? "-" : ""}${grouped}${fraction ? `,${fraction}` : ""}`;
}

/** The shortest exact decimal of a non-negative number, without an exponent (`1e-7` → `0.0000001`). */
function plainDecimal(value: number): string {
  const shortest = String(value);
  const exponent = /^(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(shortest);
  if (!exponent) return shortest;
  const digits = exponent[1] + (exponent[2] ?? "");
  const shift = Number(exponent[3]);
  if (shift < 0) return `0.${"0".repeat(-shift - 1)}${digits}`;
  return digits.length > shift + 1
    ? `${digits.slice(0, shift + 1)}.${digits.slice(shift + 1)}`
    : digits + "0".repeat(shift + 1 - digits.length);
}
