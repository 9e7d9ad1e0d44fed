import type { TFunction } from "i18next";
import { formatters } from "../../i18n";
import type { Secondment, Waiting } from "./api";

// Sentences the secondment page builds from what the server presents (the server decides; the page only words it).

/** "„Einsatz beginnen“ ist möglich, sobald Wunstorf das Dienstgerät abgehakt hat." */
export function waitingSentence(w: Waiting, s: Secondment, t: TFunction, lang: string): string {
  const f = formatters(lang);
  const action = t(`secondments.actions.${w.action}`);
  const list = (xs: string[]) => new Intl.ListFormat(lang === "en" ? "en-GB" : "de-DE", { type: "conjunction" }).format(xs);
  if (w.code === "onboarding_open") {
    const parties = [...new Set(w.items.map((i) => i.party))];
    const who = parties
      .map((party) => `${party} ${list(w.items.filter((i) => i.party === party).map((i) => t(`secondments.itemsAccusative.${i.key}`)))}`)
      .join(` ${t("secondments.waits.and")} `);
    const verb = parties.length === 1 ? t("secondments.waits.onboarding_verb_one") : t("secondments.waits.onboarding_verb_other");
    return t("secondments.waits.onboarding_open", { action, who, verb });
  }
  if (w.code === "before_start") {
    const sentence = t("secondments.waits.before_start", { action, date: f.dateLong(w.date ?? s.startsOn) });
    return s.actions.includes("activate_early")
      ? `${sentence} ${t("secondments.waits.before_start_early", { early: t("secondments.actions.activate_early") })}`
      : sentence;
  }
  return t("secondments.waits.hearing_missing", { action, hearings: list(w.hearings.map((h) => t(`secondments.hearings.${h}`))) });
}

/** The staff council's part as the page says it: the outlook where nobody asked yet, else the status. */
export function councilSentence(s: Secondment, t: TFunction, lang: string): string {
  const f = formatters(lang);
  const o = s.councilOutlook;
  if (o) {
    const because = o.because ? t(`secondments.councilBecause.${o.because}`, { lender: s.lender.name }) : "";
    return t(`secondments.councilOutlook.${o.kind}`, { because });
  }
  const status = t(`secondments.councilStatuses.${s.councilStatus}`);
  return s.state === "staff_council" && s.councilDeadline
    ? `${status}; ${t("secondments.councilDeadline", { date: f.dateLong(s.councilDeadline) })}`
    : status;
}
