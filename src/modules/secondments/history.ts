import { RULES, type Action, type WorkflowRole } from "../../domain/secondment/workflow";
import { dateInGermany, longDate } from "../../kernel/dates";

// The history of a secondment as what happened, said by whom acted: "Personalamt Wunstorf hat
// genehmigt", "Der Personalrat der Stadt Garbsen hat zugestimmt" — not the names of commands.

/** An administration as the history names it: "Garbsen", and officially "Stadt Garbsen". */
export interface Party {
  name: string;
  /** "Stadt Garbsen", "Gemeinde Wedemark", "Region Hannover". */
  officialName: string;
}

/** One row of the timeline and what is needed to say it. */
export interface HistoryInput {
  action: Action | "propose";
  /** The name recorded with the step (a person, or "Verbund"). */
  actorName: string;
  /** The workflow role the step was taken in (rows before it was recorded have none). */
  actingAs: WorkflowRole | null;
  at: Date;
  lender: Party;
  borrower: Party;
  /** The person's name, or null where the reader may not see it. */
  personName: string | null;
  /** The agreed first day, for a start before it. */
  startsOn: string;
}

type Sentence = { de: string; en: string };

/** The official name of an administration: its designation before its name, unless the name holds it ("Region Hannover"). */
export function officialNameOf(o: { name: string; designation: string }): string {
  return o.name.startsWith(o.designation) ? o.name : `${o.designation} ${o.name}`;
}

/** Who takes a step when the row does not say: the one role the workflow gives it, if it gives one. */
const onlyRoleOf = (action: Action): WorkflowRole | null => (RULES[action].by.length === 1 ? RULES[action].by[0] : null);

/** The history sentence of one step, in German and English. */
export function historySentence(h: HistoryInput): Sentence {
  const role = h.actingAs ?? (h.action === "propose" ? null : onlyRoleOf(h.action)) ?? (h.actorName === "Verbund" ? "system" : null);
  const who = ((): Sentence => {
    switch (role) {
      case "lender_department_head":
        return { de: `Die Fachbereichsleitung in ${h.lender.name}`, en: `The head of department in ${h.lender.name}` };
      case "lender_org_admin":
        return { de: `Personalamt ${h.lender.name}`, en: `The HR office of ${h.lender.name}` };
      case "borrower_org_admin":
        return { de: `Personalamt ${h.borrower.name}`, en: `The HR office of ${h.borrower.name}` };
      case "lender_staff_council":
        return { de: `Der Personalrat der ${h.lender.officialName}`, en: `The staff council of ${h.lender.name}` };
      case "employee":
        return h.personName ? { de: h.personName, en: h.personName } : { de: "Die beschäftigte Person", en: "The employee" };
      case "system":
        return { de: "Verbund", en: "Verbund" };
      default:
        return { de: h.actorName, en: h.actorName };
    }
  })();
  const early = dateInGermany(h.at) < h.startsOn;
  const start: Sentence = {
    de: `vor dem vereinbarten Beginn am ${longDate(h.startsOn, "de")} `,
    en: ` before the agreed start on ${longDate(h.startsOn, "en")}`,
  };
  const say = (de: string, en: string): Sentence => ({ de: `${who.de} ${de}`, en: `${who.en} ${en}` });
  switch (h.action) {
    case "propose":
      return say("hat die Abordnung vorgeschlagen", "proposed the secondment");
    case "release":
      return say("hat freigegeben", "released");
    case "approve":
      return say("hat genehmigt", "approved");
    case "accept":
      return say("hat zugestimmt", "accepted");
    case "decline":
      return say("hat abgelehnt", "declined");
    case "council_consent":
      return say("hat zugestimmt", "consented");
    case "council_refuse":
      return say("hat die Zustimmung verweigert", "refused consent");
    case "council_deemed":
      return {
        de: `Die Frist des Personalrats der ${h.lender.officialName} ist abgelaufen; die Zustimmung gilt als erteilt`,
        en: `The deadline of the staff council of ${h.lender.name} passed; consent is deemed given`,
      };
    case "start_provisionally":
      return say("hat den vorläufigen Beginn erklärt (Krise)", "declared a provisional start (crisis)");
    case "confirm":
      return say("hat die Vereinbarung bestätigt", "confirmed the agreement");
    case "begin_onboarding":
      return say("hat die Einarbeitung begonnen", "began the onboarding");
    case "activate":
      return say("hat den Einsatz begonnen", "started the deployment");
    case "activate_early":
      return say(`hat den Einsatz ${start.de}begonnen`, `started the deployment${start.en}`);
    case "activate_override":
      return say(
        `hat den Einsatz ${early ? start.de : ""}ohne vollständige Einarbeitung begonnen (Krise)`,
        `started the deployment${early ? start.en : ""} without complete onboarding (crisis)`,
      );
    case "complete":
      return role === "system"
        ? { de: "Die Abordnung ist planmäßig beendet", en: "The secondment ended as planned" }
        : say("hat die Abordnung abgeschlossen", "completed the secondment");
    case "end_early":
      return say("hat die Abordnung vorzeitig beendet", "ended the secondment early");
    case "cancel":
      return say("hat die Abordnung abgebrochen", "called off the secondment");
    case "withdraw":
      return say("hat den Vorschlag zurückgezogen", "withdrew the proposal");
    case "record_hearing":
      return say("hat die Anhörung nach § 4 Abs. 1 TVöD vermerkt", "recorded the hearing under § 4 (1) TVöD");
    case "record_sbv_hearing":
      return say(
        "hat die Anhörung der Schwerbehindertenvertretung vermerkt",
        "recorded the hearing of the severe-disability representative",
      );
  }
}
