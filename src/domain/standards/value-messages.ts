// The messages of a value file's problems, in plain words, German first (value-rows.ts).

import type { Bilingual } from "../../kernel/problems";
import type { NumberRule } from "./german-number";

/** What the user wrote, cut to a length a message can quote. */
function short(raw: string): string {
  return raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
}

export const REQUIRED: Record<"standardKey" | "period" | "value", Bilingual> = {
  standardKey: {
    de: "Tragen Sie das Kürzel des Standards ein, z. B. telefon-erreichbarkeit.",
    en: "Enter the standard's key, e.g. telefon-erreichbarkeit.",
  },
  period: { de: "Tragen Sie den Zeitraum ein, z. B. 2026-Q3 oder 09/2026.", en: "Enter the period, e.g. 2026-Q3 or 09/2026." },
  value: { de: "Tragen Sie den Wert ein.", en: "Enter the value." },
};

export const FRACTION_INCOMPLETE: Bilingual = {
  de: "Zähler und Nenner gehören zusammen: Tragen Sie beide ein oder keinen.",
  en: "Numerator and denominator belong together: enter both or neither.",
};

export function numberMessage(rule: NumberRule | "date" | "formula_error", raw: string, numbers: "german" | "english"): Bilingual {
  raw = short(raw);
  if (rule === "number" && numbers === "english") {
    return {
      de: `„${raw}“ ist keine Zahl. In einer Datei mit Komma als Trennzeichen stehen Dezimalzahlen mit Punkt, z. B. 78.5 – oder speichern Sie sie mit Semikolon.`,
      en: `"${raw}" is not a number. In a comma-separated file, decimals are written with a point, e.g. 78.5 – or save it with semicolons.`,
    };
  }
  switch (rule) {
    case "decimal_point":
      return {
        de: `„${raw}“: Schreiben Sie Dezimalzahlen mit Komma, z. B. ${raw.replace(".", ",")}.`,
        en: `"${raw}": write decimals with a comma, e.g. ${raw.replace(".", ",")}.`,
      };
    case "date":
      return {
        de: `Hier steht ein Datum (${raw}), erwartet wird eine Zahl.`,
        en: `This cell holds a date (${raw}); a number is expected.`,
      };
    case "formula_error":
      return { de: `Die Formel in dieser Zelle ergibt einen Fehler (${raw}).`, en: `The formula in this cell gives an error (${raw}).` };
    default:
      return {
        de: `„${raw}“ ist keine Zahl. Schreiben Sie z. B. 78,5 oder 1.234.`,
        en: `"${raw}" is not a number. Write e.g. 78,5 or 1.234.`,
      };
  }
}

export function periodMessage(raw: string): Bilingual {
  raw = short(raw);
  return {
    de: `„${raw}“ ist kein Zeitraum. Schreiben Sie z. B. 2026-09 oder 09/2026 (Monat), 2026-Q3 oder 3. Quartal 2026 (Quartal), 2026 (Jahr).`,
    en: `"${raw}" is not a period. Write e.g. 2026-09 or 09/2026 (month), 2026-Q3 or Q3 2026 (quarter), 2026 (year).`,
  };
}

export function confidenceMessage(raw: string): Bilingual {
  raw = short(raw);
  return {
    de: `„${raw}“: Die Verlässlichkeit ist hoch, mittel oder niedrig.`,
    en: `"${raw}": the confidence is high, medium or low (hoch, mittel, niedrig).`,
  };
}

export function duplicateMessage(key: string, period: string, firstLine: number): Bilingual {
  return {
    de: `Für ${key} im Zeitraum ${period} steht schon in Zeile ${firstLine} ein Wert.`,
    en: `Line ${firstLine} already holds a value for ${key} in ${period}.`,
  };
}

export function unknownColumnMessage(name: string): Bilingual {
  name = short(name);
  return {
    de: `Die Spalte „${name}“ ist unbekannt. Erlaubt sind Standard, Zeitraum, Wert, Zähler, Nenner, Methode, Verlässlichkeit, Begründung (und Bezeichnung, Einheit, Bemerkung zum Lesen).`,
    en: `The column "${name}" is unknown. Allowed are Standard, Zeitraum, Wert, Zähler, Nenner, Methode, Verlässlichkeit, Begründung (and Bezeichnung, Einheit, Bemerkung for reading).`,
  };
}

export function duplicateColumnMessage(name: string): Bilingual {
  name = short(name);
  return { de: `Die Spalte „${name}“ steht zweimal in der Datei.`, en: `The column "${name}" appears twice in the file.` };
}

export function missingColumnMessage(name: string): Bilingual {
  return { de: `Die Spalte „${name}“ fehlt in der Kopfzeile.`, en: `The header row lacks the column "${name}".` };
}

export function moreProblemsMessage(more: number): Bilingual {
  return {
    de: `… und ${more.toLocaleString("de-DE")} weitere Probleme. Beheben Sie die ersten und laden Sie die Datei erneut hoch.`,
    en: `… and ${more.toLocaleString("en-GB")} more problems. Fix the first ones and upload the file again.`,
  };
}

/** A text cell longer than a value may carry (the form and the API keep the same limit). */
export function tooLongMessage(limit: number, length: number): Bilingual {
  const n = (x: number, lang: "de-DE" | "en-GB") => x.toLocaleString(lang);
  return {
    de: `Der Text hat ${n(length, "de-DE")} Zeichen; erlaubt sind höchstens ${n(limit, "de-DE")}. Kürzen Sie ihn.`,
    en: `The text has ${n(length, "en-GB")} characters; at most ${n(limit, "en-GB")} are allowed. Shorten it.`,
  };
}
