import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import { setApiLanguage } from "../api/client";
import { de } from "./de";
import { en } from "./en";
import { formatDate } from "./dates";

export { todayInGermany } from "./dates";

export type Language = "de" | "en";

/** The language of a text the server sends in both (`{ de, en }`) for the UI language `lang`: English only in the English UI. */
export const uiLanguage = (lang: string): Language => (lang === "en" ? "en" : "de");

const stored = typeof localStorage !== "undefined" ? localStorage.getItem("verbund.lang") : null;
const initial: Language = stored === "en" ? "en" : "de";

void i18n.use(initReactI18next).init({
  resources: { de: { translation: de }, en: { translation: en } },
  lng: initial,
  fallbackLng: "de",
  interpolation: { escapeValue: false },
});
document.documentElement.lang = initial;
setApiLanguage(initial);

/** Switches the UI language; remembered in this browser and set as `<html lang>`. */
export function setLanguage(lang: Language) {
  localStorage.setItem("verbund.lang", lang);
  document.documentElement.lang = lang;
  setApiLanguage(lang);
  void i18n.changeLanguage(lang);
}

/**
 * Dates as `25.11.2026`, numbers as `1.234,5` in German; the English UI uses British forms. A date
 * (`2026-11-25`) is shown as the day it names in every time zone; a timestamp as its day in Germany.
 */
export function formatters(lang: string) {
  const locale = lang === "en" ? "en-GB" : "de-DE";
  return {
    number: (n: number, digits = 0) =>
      new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(n),
    date: (iso: string) => formatDate(locale, iso),
    /** "1. November 2026" — for deadlines and periods people read rather than compare. */
    dateLong: (iso: string) => formatDate(locale, iso, "long"),
    /** The time of day in Germany, "13:05" (with a date: "3. Dezember 2026, 13:05"). */
    time: (iso: string) =>
      new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit", timeZone: "Europe/Berlin" }).format(new Date(iso)),
    dateTime: (iso: string) =>
      new Intl.DateTimeFormat(locale, {
        day: "2-digit",
        month: "2-digit",
        year: "numeric",
        hour: "2-digit",
        minute: "2-digit",
        second: "2-digit",
      }).format(new Date(iso)),
  };
}

export default i18n;
