import type { TFunction } from "i18next";
import { formatters } from "../../i18n";
import type { StandardVersion } from "./api";

/** A value in the indicator's unit: "75 %", "14 Tage". */
export function valueInUnit(t: TFunction, lang: string, unit: StandardVersion["unit"], value: number): string {
  // `count` picks "1 Tag" / "2 Tage" (the plural keys of the units).
  return t(`standards.unitValues.${unit}`, {
    value: formatters(lang).number(value, Number.isInteger(value) ? 0 : 1),
    count: Math.abs(value),
  });
}

/** A tolerance in the indicator's unit: "± 5 Prozentpunkte". */
export function toleranceInUnit(t: TFunction, lang: string, v: Pick<StandardVersion, "unit" | "tolerance">): string {
  const value = formatters(lang).number(v.tolerance, Number.isInteger(v.tolerance) ? 0 : 1);
  return t("standards.toleranceValue", { value: t(`standards.toleranceUnits.${v.unit}`, { value, count: Math.abs(v.tolerance) }) });
}

/** The target with its direction: "75 % (höher ist besser)". */
export function targetWords(t: TFunction, lang: string, v: Pick<StandardVersion, "unit" | "target" | "direction">): string {
  return t("standards.targetValue", { value: valueInUnit(t, lang, v.unit, v.target), direction: t(`standards.directions.${v.direction}`) });
}
