/**
 * Reads the shipped pay tables (data/reference/tarif, see its PROVENANCE.md) from their CSV text
 * into {@link PayTables}. Pure: the caller reads the files. Amounts are converted from euro
 * strings to integer cents without floating point ("4203.56" → 420356).
 */
import type { PayScale, PayTableEntry, PayTables } from "./cost-rate";

/** Euro amount as written in the tables ("4203.56", "2791.00", "2791") → cents. */
export function euroStringToCents(text: string): number {
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match) throw new Error(`Not a euro amount: ${JSON.stringify(text)}`);
  return Number(match[1]) * 100 + Number((match[2] ?? "0").padEnd(2, "0"));
}

function lines(csv: string): string[][] {
  return csv
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .filter((l) => l.trim() !== "")
    .map((l) => l.split(","));
}

/** The long TVöD-VKA table: `gueltig_ab,entgeltgruppe,stufe,monatsentgelt_eur,…`. */
export function parseLongTable(csv: string): PayTableEntry[] {
  const [head, ...rows] = lines(csv);
  const col = (name: string) => {
    const i = head.indexOf(name);
    if (i < 0) throw new Error(`Column ${name} missing in the TVöD-VKA table`);
    return i;
  };
  const [validFrom, group, step, pay] = [col("gueltig_ab"), col("entgeltgruppe"), col("stufe"), col("monatsentgelt_eur")];
  return rows.map((r) => ({
    scale: "tvoed_vka" as const,
    validFrom: r[validFrom],
    payGroup: r[group],
    step: Number(r[step]),
    monthlyCents: euroStringToCents(r[pay]),
  }));
}

/** A TVData grid (`T,1,2,…` then one line per group; empty cells: no such step) with its Meta `valid_from` (`2026.05.01`). */
export function parseGridTable(csv: string, metaCsv: string, scale: PayScale, prefix: "S" | "A"): PayTableEntry[] {
  const meta = lines(metaCsv).find((l) => l[0] === "valid_from");
  if (!meta) throw new Error(`valid_from missing in the ${scale} metadata`);
  const validFrom = meta[1].trim().replaceAll(".", "-");
  const [head, ...rows] = lines(csv);
  return rows.flatMap((r) =>
    head.slice(1).flatMap((step, i) => {
      const cell = r[i + 1]?.trim();
      return cell ? [{ scale, validFrom, payGroup: `${prefix} ${r[0]}`, step: Number(step), monthlyCents: euroStringToCents(cell) }] : [];
    }),
  );
}

/**
 * The annual bonus table of TVData (`T,no,yes`): TVData spreads the bonus over twelve months, so
 * the yearly percentage is the `yes` value × 12 (7.0425 × 12 = 84,51 %), in basis points per E group.
 */
export function parseAnnualBonus(csv: string): Map<string, number> {
  const [, ...rows] = lines(csv);
  return new Map(rows.map((r) => [`E ${r[0]}`, yearlyBasisPoints(r[2].trim())]));
}

/** `yes` × 12 in basis points, computed on the decimal digits (5.85666666667 × 12 = 70.28000000004 → 7028). */
function yearlyBasisPoints(text: string): number {
  const [whole, fraction = ""] = text.split(".");
  const scale = 10n ** BigInt(fraction.length);
  const value = BigInt(whole) * scale + BigInt(fraction || "0");
  // value / scale percent × 12 → basis points = value × 12 × 100 / scale, rounded half up.
  return Number((2n * value * 1200n + scale) / (2n * scale));
}

/** Every table and the bonus, from the files' texts. */
export function parsePayTables(files: {
  tvoedVkaLong: string;
  tvoedSue: { table: string; meta: string };
  ndsA: { table: string; meta: string };
  annualBonus: string;
}): PayTables {
  return {
    entries: [
      ...parseLongTable(files.tvoedVkaLong),
      ...parseGridTable(files.tvoedSue.table, files.tvoedSue.meta, "tvoed_sue", "S"),
      ...parseGridTable(files.ndsA.table, files.ndsA.meta, "nds_a", "A"),
    ],
    annualBonusBasisPoints: parseAnnualBonus(files.annualBonus),
  };
}
