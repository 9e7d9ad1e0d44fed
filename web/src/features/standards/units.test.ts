import { describe, expect, it } from "vitest";
import i18next from "i18next";
import { de } from "../../i18n/de";
import { en } from "../../i18n/en";

/** The UI's texts in an i18next of their own (the app's instance needs a browser). */
async function translator(lng: "de" | "en") {
  const i18n = i18next.createInstance();
  await i18n.init({ resources: { de: { translation: de }, en: { translation: en } }, lng, interpolation: { escapeValue: false } });
  return i18n.t;
}

describe("values, tolerances and distances in their unit", () => {
  it("say one point, day, hour or minute in the singular, every other number in the plural", async () => {
    const t = await translator("de");
    const nb = "\u00a0";
    expect(t("standards.toleranceUnits.percent", { value: "+1", count: 1 })).toBe(`+1${nb}Prozentpunkt`);
    expect(t("standards.toleranceUnits.percent", { value: "-1", count: 1 })).toBe(`-1${nb}Prozentpunkt`);
    expect(t("standards.toleranceUnits.percent", { value: "+1,5", count: 1.5 })).toBe(`+1,5${nb}Prozentpunkte`);
    expect(t("standards.toleranceUnits.days", { value: "1", count: 1 })).toBe(`1${nb}Tag`);
    expect(t("standards.toleranceUnits.days", { value: "3", count: 3 })).toBe(`3${nb}Tage`);
    expect(t("standards.unitValues.days", { value: "1", count: 1 })).toBe(`1${nb}Tag`);
    expect(t("standards.unitValues.hours", { value: "1", count: 1 })).toBe(`1${nb}Stunde`);
    expect(t("standards.unitValues.minutes", { value: "0", count: 0 })).toBe(`0${nb}Minuten`);
    expect(t("standards.unitValues.percent", { value: "1", count: 1 })).toBe(`1${nb}%`);
    const e = await translator("en");
    expect(e("standards.toleranceUnits.percent", { value: "+1", count: 1 })).toBe(`+1${nb}percentage point`);
    expect(e("standards.unitValues.days", { value: "14", count: 14 })).toBe(`14${nb}days`);
  });
});
