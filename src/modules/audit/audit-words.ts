/**
 * The words of the audit log: every object type, action and field the code records, in German and
 * English. The presenter (`present-audit.ts`) builds the sentences from these tables only, so a new
 * kind of entry needs its words here — `audit-words.test.ts` reads every `recordAudit` call of the
 * code and fails on an object type or action without them.
 */
import { ACTIONS as WORKFLOW_ACTIONS, type Action as WorkflowAction, type SecondmentState } from "../../domain/secondment/workflow";
import { ROLE_LABELS } from "../../kernel/roles";
import type { Bilingual } from "../../kernel/problems";

/** The actions an entry can record (the `action` column). */
export const AUDIT_ACTIONS = ["login", "login_failed", "logout", "create", "update", "delete", "read", "export"] as const;
/** One of {@link AUDIT_ACTIONS}. */
export type AuditActionName = (typeof AUDIT_ACTIONS)[number];

/** An object type: its name, and the object with its article as the sentence uses it ("die Abordnung"). */
export interface ObjectWords {
  name: Bilingual;
  /** Accusative with the definite article: "hat {the} angelegt". */
  the: Bilingual;
}

const w = (de: string, en: string): Bilingual => ({ de, en });
const object = (name: [string, string], the: [string, string]): ObjectWords => ({ name: w(...name), the: w(...the) });

/** Every object type the code records (the `entity` column). */
export const OBJECT_TYPES = {
  account: object(["Konto", "Account"], ["das Konto", "the account"]),
  staff_council: object(
    ["Personalrat (Mitglieder)", "Staff council (members)"],
    ["die Mitglieder des Personalrats", "the staff council's members"],
  ),
  identity_provider: object(["Anmeldedienst", "Sign-in provider"], ["den Anmeldedienst", "the sign-in provider"]),
  identity_provider_change: object(
    ["Änderung des Anmeldedienstes", "Sign-in provider change"],
    ["die Änderung des Anmeldedienstes", "the change of the sign-in provider"],
  ),
  support_request: object(["Unterstützungsanfrage", "Support request"], ["die Unterstützungsanfrage", "the support request"]),
  crisis: object(["Krisenfall", "Crisis"], ["den Krisenfall", "the crisis"]),
  framework_agreement: object(["Rahmenvereinbarung", "Framework agreement"], ["die Rahmenvereinbarung", "the framework agreement"]),
  secondment_settings: object(
    ["Einstellungen für Abordnungen", "Secondment settings"],
    ["die Einstellungen für Abordnungen", "the secondment settings"],
  ),
  deputy: object(["Vertretung", "Deputy"], ["die Vertretung", "the deputyship"]),
  secondment: object(["Abordnung", "Secondment"], ["die Abordnung", "the secondment"]),
  secondment_onboarding: object(["Einarbeitung", "Onboarding"], ["die Checkliste der Einarbeitung", "the onboarding checklist"]),
  secondment_first_day: object(["Erster Arbeitstag", "First day"], ["die Angaben zum ersten Arbeitstag", "the first day's details"]),
  secondment_overhead: object(
    ["Verwaltungskostenzuschlag", "Overhead surcharge"],
    ["den Verwaltungskostenzuschlag der Vereinbarung", "the agreement's overhead surcharge"],
  ),
  calendar_feed: object(["Kalender-Abo", "Calendar feed"], ["das Kalender-Abo", "the calendar feed"]),
  allocation_run: object(["Zuteilung", "Allocation run"], ["die Zuteilung", "the allocation run"]),
  qualification: object(["Qualifikation", "Qualification"], ["die Qualifikation", "the qualification"]),
  pool_member: object(["Poolmitglied", "Pool member"], ["die Daten des Poolmitglieds", "the pool member's data"]),
  audit_log: object(["Protokoll", "Audit log"], ["das Protokoll", "the audit log"]),
  cost_rate_parameters: object(
    ["Parameter der Kostensätze", "Cost-rate parameters"],
    ["die Parameter der Kostensätze", "the cost-rate parameters"],
  ),
  reciprocity_settings: object(
    ["Jahresabschluss der Gegenseitigkeit", "Reciprocity year end"],
    ["die Regel zum Jahresabschluss der Gegenseitigkeit", "the year-end rule of reciprocity"],
  ),
  reciprocity_year_closing: object(
    ["Jahresabschluss der Gegenseitigkeit", "Reciprocity year closing"],
    ["den Jahresabschluss der Gegenseitigkeit", "the year closing of reciprocity"],
  ),
  manual_cost_rate: object(
    ["Kostensatz ohne Tabelle", "Rate without a table"],
    ["einen Kostensatz ohne Tabelle", "a rate without a table"],
  ),
  timesheet_entry: object(["Stundennachweis", "Timesheet"], ["die Stunden eines Tages", "the hours of a day"]),
  expense: object(["Auslage", "Expense"], ["die Auslage", "the expense"]),
  expense_receipt: object(["Beleg", "Receipt"], ["den Beleg einer Auslage", "the receipt of an expense"]),
  statement: object(["Abrechnung", "Statement"], ["die Abrechnung", "the statement"]),
  billing_details: object(["Rechnungsdaten", "Billing details"], ["die Rechnungsdaten", "the billing details"]),
  api_key: object(["API-Schlüssel", "API key"], ["den API-Schlüssel", "the API key"]),
  service_standard: object(["Leistungsstandard", "Service standard"], ["den Leistungsstandard", "the service standard"]),
  service_standard_version: object(
    ["Fassung eines Leistungsstandards", "Service standard version"],
    ["die Fassung des Leistungsstandards", "the version of the service standard"],
  ),
  submission: object(["Meldung", "Reported value"], ["die Meldung", "the reported value"]),
  submission_import: object(["Datei mit Meldungen", "File of reported values"], ["die Datei mit Meldungen", "the file of reported values"]),
} as const satisfies Record<string, ObjectWords>;

/** One of {@link OBJECT_TYPES}. */
export type ObjectType = keyof typeof OBJECT_TYPES;
/** Every object type, in the order the filter offers them (German names A–Z). */
export const OBJECT_TYPE_NAMES = Object.keys(OBJECT_TYPES).sort((a, b) =>
  OBJECT_TYPES[a as ObjectType].name.de.localeCompare(OBJECT_TYPES[b as ObjectType].name.de, "de"),
) as ObjectType[];

/** What an action did to an object, without "hat": "{the} angelegt" (clauses are joined after "hat"). */
export const ACTION_CLAUSES: Record<"create" | "update" | "delete" | "read", (the: Bilingual) => Bilingual> = {
  create: (the) => w(`${the.de} angelegt`, `created ${the.en}`),
  update: (the) => w(`${the.de} geändert`, `changed ${the.en}`),
  delete: (the) => w(`${the.de} gelöscht`, `deleted ${the.en}`),
  read: (the) => w(`${the.de} eingesehen`, `read ${the.en}`),
};

/** A read of a page of several people's data in one entry (`after.count`, the people in `subject_ids`). */
export const READ_MANY_CLAUSE = (count: number) =>
  w(`die Daten von ${count} Poolmitgliedern eingesehen (eine Seite der Liste)`, `read ${count} pool members' data (one page of the list)`);

/** Sentences of the actions that are no change to an object (full sentences, the actor first). */
export const SESSION_SENTENCES = {
  login: w("hat sich angemeldet", "signed in"),
  loginSso: w("hat sich über den Anmeldedienst der Verwaltung angemeldet", "signed in through the administration's sign-in provider"),
  loginFailed: w("Anmeldung fehlgeschlagen", "Sign-in failed"),
  logout: w("hat sich abgemeldet", "signed out"),
  export: w("hat das Protokoll als CSV heruntergeladen", "downloaded the audit log as CSV"),
} as const;

/** Why a sign-in failed (`after.reason` of a `login_failed` entry). */
export const LOGIN_FAILURES = {
  password: w("falsches Passwort", "wrong password"),
  inactive: w("das Konto ist gesperrt", "the account is deactivated"),
  locked: w("nach zu vielen Fehlversuchen vorübergehend gesperrt", "locked for a while after too many failed attempts"),
  rate_limited: w("zu viele Fehlversuche von diesem Anschluss", "too many failed attempts from this address"),
  sso_required: w(
    "die Verwaltung meldet sich über ihren Anmeldedienst an, nicht mit Passwort",
    "the administration signs in through its provider, not with a password",
  ),
  provider_error: w("der Anmeldedienst hat die Anmeldung nicht bestätigt", "the provider did not confirm the sign-in"),
  unverified_email: w("der Anmeldedienst hat die E-Mail-Adresse nicht bestätigt", "the provider did not verify the e-mail address"),
  login_taken: w("der Anmeldename gehört schon zu einem anderen Konto", "the login belongs to another account"),
  link_required: w("das Konto ist noch nicht mit dem Anmeldedienst verbunden", "the account is not linked to the provider yet"),
} as const satisfies Record<string, Bilingual>;

/** Each step of the secondment workflow as a clause: "hat {clause}". */
export const WORKFLOW_CLAUSES = {
  release: w("die Abordnung für den Fachbereich freigegeben", "released the secondment for the department"),
  approve: w("die Abordnung genehmigt", "approved the secondment"),
  accept: w("der Abordnung zugestimmt", "accepted the secondment"),
  decline: w("die Abordnung abgelehnt", "declined the secondment"),
  council_consent: w("für den Personalrat zugestimmt", "consented for the staff council"),
  council_refuse: w("für den Personalrat die Zustimmung verweigert", "refused consent for the staff council"),
  council_deemed: w(
    "die Zustimmung des Personalrats als erteilt festgestellt (Frist abgelaufen)",
    "recorded the staff council's consent as given (deadline passed)",
  ),
  start_provisionally: w("die Abordnung vorläufig beginnen lassen", "started the secondment provisionally"),
  confirm: w("die Abordnungsvereinbarung bestätigt", "confirmed the secondment agreement"),
  begin_onboarding: w("die Einarbeitung begonnen", "began the onboarding"),
  activate: w("den Einsatz begonnen", "started the assignment"),
  activate_override: w("den Einsatz trotz offener Punkte begonnen", "started the assignment despite open items"),
  activate_early: w("den Einsatz vor dem vereinbarten Beginn begonnen", "started the assignment before the agreed start"),
  complete: w("die Abordnung abgeschlossen", "completed the secondment"),
  end_early: w("die Abordnung vorzeitig beendet", "ended the secondment early"),
  cancel: w("die Abordnung abgebrochen", "called off the secondment"),
  withdraw: w("den Vorschlag zurückgezogen", "withdrew the proposal"),
  record_hearing: w("die Anhörung nach § 4 Abs. 1 TVöD eingetragen", "recorded the hearing under § 4 (1) TVöD"),
  record_sbv_hearing: w(
    "die Anhörung der Schwerbehindertenvertretung eingetragen",
    "recorded the hearing of the representative of severely disabled employees",
  ),
} as const satisfies Record<WorkflowAction, Bilingual>;

/** The states of a secondment, as the log names them. */
export const SECONDMENT_STATE_WORDS = {
  proposed: w("vorgeschlagen", "proposed"),
  released: w("vom Fachbereich freigegeben", "released by the department"),
  approved: w("genehmigt", "approved"),
  staff_council: w("beim Personalrat", "with the staff council"),
  accepted: w("zugestimmt", "accepted"),
  agreed: w("vereinbart", "agreed"),
  onboarding: w("in Einarbeitung", "onboarding"),
  active: w("im Einsatz", "active"),
  completed: w("beendet", "completed"),
  ended_early: w("vorzeitig beendet", "ended early"),
  cancelled: w("abgebrochen", "called off"),
  declined: w("abgelehnt", "declined"),
  refused: w("vom Personalrat abgelehnt", "refused by the staff council"),
  withdrawn: w("zurückgezogen", "withdrawn"),
} as const satisfies Record<SecondmentState, Bilingual>;

/** Clauses of particular changes: the status a request or a provider change went to, … */
export const STATUS_CLAUSES = {
  support_request: {
    open: w("die Unterstützungsanfrage veröffentlicht", "published the support request"),
    closed: w("die Unterstützungsanfrage geschlossen", "closed the support request"),
    cancelled: w("die Unterstützungsanfrage zurückgezogen", "withdrew the support request"),
  },
  identity_provider_change: {
    confirmed: w("die Änderung des Anmeldedienstes bestätigt", "confirmed the change of the sign-in provider"),
    rejected: w("die Änderung des Anmeldedienstes abgelehnt", "rejected the change of the sign-in provider"),
    withdrawn: w("die Änderung des Anmeldedienstes zurückgezogen", "withdrew the change of the sign-in provider"),
  },
  allocation_run: {
    committed: w("die Zuteilung übernommen und Vorschläge angelegt", "committed the allocation and opened proposals"),
  },
  api_key: {
    revoked: w("den API-Schlüssel widerrufen", "revoked the API key"),
  },
  staff_council: {
    granted: w("die Rolle „Personalrat“ vergeben", "granted the role staff council"),
    revoked: w("die Rolle „Personalrat“ entzogen", "revoked the role staff council"),
    deactivated: w("ein Mitglied des Personalrats gesperrt", "deactivated a member of the staff council"),
    reactivated: w("ein Mitglied des Personalrats wieder freigeschaltet", "reactivated a member of the staff council"),
  },
} as const satisfies Record<string, Record<string, Bilingual>>;

/** Clauses that name what was created, where "angelegt" says too little. */
export const CREATE_CLAUSES: Partial<Record<ObjectType, Bilingual>> = {
  secondment: w("die Abordnung vorgeschlagen", "proposed the secondment"),
  crisis: w("den Krisenfall ausgerufen", "declared the crisis"),
  identity_provider_change: w("eine Änderung des Anmeldedienstes beantragt", "requested a change of the sign-in provider"),
  identity_provider: w("den Anmeldedienst eingerichtet", "set up the sign-in provider"),
  allocation_run: w("eine Zuteilung berechnet", "computed an allocation"),
  deputy: w("eine Vertretung eingetragen", "named a deputy"),
  framework_agreement: w("eine neue Fassung der Rahmenvereinbarung eingestellt", "published a new version of the framework agreement"),
  cost_rate_parameters: w(
    "eine neue Fassung der Parameter der Kostensätze eingestellt",
    "published a new version of the cost-rate parameters",
  ),
  manual_cost_rate: w("einen Kostensatz für eine Gruppe ohne Tabelle eingetragen", "entered a rate for a group without a table"),
  api_key: w("einen API-Schlüssel ausgestellt", "issued an API key"),
  service_standard: w("einen Leistungsstandard in den Katalog aufgenommen", "added a service standard to the catalogue"),
  service_standard_version: w("eine neue Fassung eines Leistungsstandards eingestellt", "published a new version of a service standard"),
};

/** Clauses of deletions, where "gelöscht" is not what happened. */
export const DELETE_CLAUSES: Partial<Record<ObjectType, Bilingual>> = {
  deputy: w("die Vertretung beendet", "ended the deputyship"),
  calendar_feed: w("das Kalender-Abo widerrufen", "revoked the calendar feed"),
};

/** Clauses of changes to an account that say more than "geändert". */
export const ACCOUNT_CLAUSES = {
  grant: (roles: Bilingual, n: number) =>
    w(n === 1 ? `die Rolle ${roles.de} vergeben` : `die Rollen ${roles.de} vergeben`, `granted the role${n === 1 ? "" : "s"} ${roles.en}`),
  revoke: (roles: Bilingual, n: number) =>
    w(n === 1 ? `die Rolle ${roles.de} entzogen` : `die Rollen ${roles.de} entzogen`, `revoked the role${n === 1 ? "" : "s"} ${roles.en}`),
  deactivate: w("das Konto gesperrt", "deactivated the account"),
  reactivate: w("das Konto wieder freigeschaltet", "reactivated the account"),
  password: w("das Passwort geändert", "changed the password"),
  link: w("das Konto mit dem Anmeldedienst der Verwaltung verbunden", "linked the account to the administration's sign-in provider"),
  unlink: w("die Verbindung des Kontos mit dem Anmeldedienst gelöst", "removed the account's link to the sign-in provider"),
} as const;

/** How a field's value is written. */
export type ValueKind =
  | { kind: "text" }
  | { kind: "number" }
  | { kind: "date" }
  | { kind: "dateTime" }
  | { kind: "yesNo" }
  | { kind: "roles" }
  | { kind: "list" }
  | { kind: "count" }
  /** A link to a sign-in provider (`{ issuer, subject }` or null). */
  | { kind: "identity" }
  /** The onboarding checklist (`key:status` items): how many are done. */
  | { kind: "checklist" }
  /** A reference to another object (an id): only that it changed. */
  | { kind: "reference" }
  | { kind: "words"; words: Record<string, Bilingual> }
  /** Not shown (technical, or said by the sentence already). */
  | { kind: "hidden" };

/** A field of a change: its name and how its value is written. */
export interface FieldWords {
  name: Bilingual;
  value: ValueKind;
}

const field = (de: string, en: string, value: ValueKind = { kind: "text" }): FieldWords => ({ name: w(de, en), value });
const words = (map: Record<string, Bilingual>): ValueKind => ({ kind: "words", words: map });
const HIDDEN: FieldWords = { name: w("", ""), value: { kind: "hidden" } };

/**
 * Every field a change records (the keys of `before`/`after`). A field of a new kind of entry that
 * is missing here is shown with its key; `audit-words.test.ts` names the fields the code records.
 */
export const FIELDS: Record<string, FieldWords> = {
  // Accounts and sign-in
  login: field("Anmeldename", "Login"),
  displayName: field("Name", "Name"),
  departmentId: field("Fachbereich", "Department", { kind: "reference" }),
  isActive: field("Aktiv", "Active", { kind: "yesNo" }),
  roles: field("Rollen", "Roles", { kind: "roles" }),
  locale: field("Sprache", "Language", words({ de: w("Deutsch", "German"), en: w("Englisch", "English") })),
  password: field("Passwort", "Password", words({ changed: w("geändert", "changed") })),
  identity: field("Verbindung mit dem Anmeldedienst", "Link to the sign-in provider", { kind: "identity" }),
  linkedBy: field(
    "Verbunden durch",
    "Linked by",
    words({
      holder: w("die Person selbst", "the person themself"),
      org_admin: w("das Personalamt", "the HR office"),
      email: w("bestätigte E-Mail-Adresse", "verified e-mail address"),
    }),
  ),
  unlinkedBy: field(
    "Gelöst durch",
    "Removed by",
    words({ holder: w("die Person selbst", "the person themself"), org_admin: w("das Personalamt", "the HR office") }),
  ),
  method: field(
    "Verfahren",
    "Method",
    words({ sso: w("Anmeldedienst der Verwaltung", "administration's sign-in provider"), password: w("Passwort", "Password") }),
  ),
  reason: field("Grund", "Reason"),
  change: HIDDEN,
  notified: field("Benachrichtigt", "Notified", { kind: "count" }),
  // Sign-in provider
  issuer: field("Adresse des Anmeldedienstes", "Provider address"),
  clientId: field("Client-ID", "Client ID"),
  hasClientSecret: field("Geheimnis hinterlegt", "Secret stored", { kind: "yesNo" }),
  scopes: field("Bereiche", "Scopes", { kind: "list" }),
  prefix: field("Schlüsselanfang", "Key prefix"),
  isEnabled: field("Eingeschaltet", "Switched on", { kind: "yesNo" }),
  isPasswordLoginEnabled: field("Anmeldung mit Passwort erlaubt", "Password sign-in allowed", { kind: "yesNo" }),
  source: field("Quelle", "Source"),
  droppedBindings: field("Gelöste Verbindungen", "Links removed", { kind: "number" }),
  superseded: HIDDEN,
  // Requests, crises, framework agreement
  title: field("Titel", "Title"),
  status: field(
    "Status",
    "Status",
    words({
      draft: w("Entwurf", "draft"),
      open: w("offen", "open"),
      closed: w("geschlossen", "closed"),
      cancelled: w("zurückgezogen", "withdrawn"),
      pending: w("offen", "pending"),
      confirmed: w("bestätigt", "confirmed"),
      rejected: w("abgelehnt", "rejected"),
      withdrawn: w("zurückgezogen", "withdrawn"),
      committed: w("übernommen", "committed"),
    }),
  ),
  urgency: field(
    "Dringlichkeit",
    "Urgency",
    words({ normal: w("normal", "normal"), urgent: w("dringend", "urgent"), crisis: w("Krisenfall", "crisis") }),
  ),
  headcount: field("Anzahl Personen", "Headcount", { kind: "number" }),
  name: field("Name", "Name"),
  startsOn: field("Beginn", "Start", { kind: "date" }),
  endsOn: field("Ende", "End", { kind: "date" }),
  endedAt: field("Beendet am", "Ended on", { kind: "dateTime" }),
  startedBeforeAgreedStart: field("Vereinbarter Beginn", "Agreed start", { kind: "date" }),
  // The first day of a secondment (the receiving HR office tells the person)
  time: field("Uhrzeit", "Time"),
  place: field("Treffpunkt", "Meeting point"),
  note: field("Hinweise", "Notes"),
  version: field("Fassung", "Version", { kind: "number" }),
  validFrom: field("Gültig ab", "Valid from", { kind: "date" }),
  // Secondments
  state: field("Status", "Status", words(SECONDMENT_STATE_WORDS)),
  action: HIDDEN,
  requestId: HIDDEN,
  amends: field("Verlängert", "Extends", { kind: "reference" }),
  items: field("Checkliste", "Checklist", { kind: "checklist" }),
  councilScope: field(
    "Beteiligung des Personalrats",
    "Staff council participation",
    words({
      all: w("bei jeder Abordnung", "for every secondment"),
      longer_than_3_months: w("bei Abordnungen über drei Monate", "for secondments longer than three months"),
    }),
  ),
  yearEndRule: field(
    "Salden zum Jahresende",
    "Balances at year end",
    words({
      carry_over: w("ins nächste Jahr übertragen", "carried over to the next year"),
      convert: w("in Geld umgerechnet", "converted into money"),
    }),
  ),
  maxLentTotal: field("Höchstzahl gleichzeitig abgeordneter Personen", "Most people lent at once", { kind: "number" }),
  caps: field("Obergrenzen der Fachbereiche", "Department caps", { kind: "number" }),
  scope: field(
    "Umfang",
    "Scope",
    words({
      person: w("eigene Abordnungen", "own secondments"),
      department: w("Abordnungen des Fachbereichs", "the department's secondments"),
    }),
  ),
  // Allocation
  requests: field("Anfragen", "Requests", { kind: "number" }),
  members: field("Poolmitglieder", "Pool members", { kind: "number" }),
  proposals: field("Vorschläge", "Proposals", { kind: "number" }),
  // Pool
  key: field("Schlüssel", "Key"),
  category: field("Kategorie", "Category"),
  payGroup: field("Entgelt- oder Besoldungsgruppe", "Pay group"),
  jobTitle: field("Tätigkeit", "Job title"),
  leftAt: field("Ausgetreten am", "Left on", { kind: "dateTime" }),
  consentVersion: field("Fassung der Einwilligung", "Consent version"),
  // Cost rates
  referenceStep: field("Referenzstufe", "Reference step", { kind: "number" }),
  socialSecurityPercent: field("Arbeitgeberanteil Sozialversicherung (%)", "Employer's social-security share (%)", { kind: "number" }),
  supplementaryPensionPercent: field("Arbeitgeberanteil Zusatzversorgung (%)", "Employer's supplementary pension share (%)", {
    kind: "number",
  }),
  civilServantPensionPercent: field("Versorgungszuschlag Beamte (%)", "Civil servants' pension surcharge (%)", { kind: "number" }),
  employeeNetAnnualHours: field("Jahresnettoarbeitszeit Tarifbeschäftigte (h)", "Net annual hours, employees (h)", { kind: "number" }),
  civilServantNetAnnualHours: field("Jahresnettoarbeitszeit Beamte (h)", "Net annual hours, civil servants (h)", { kind: "number" }),
  overheadOfficePercent: field("Gemeinkostenzuschlag Büroarbeitsplatz (%)", "Overhead, office workplace (%)", { kind: "number" }),
  overheadOtherPercent: field("Gemeinkostenzuschlag sonstiger Arbeitsplatz (%)", "Overhead, other workplace (%)", { kind: "number" }),
  overhead: field(
    "Verwaltungskostenzuschlag",
    "Overhead surcharge",
    words({
      office: w("Büroarbeitsplatz (Rahmenvereinbarung)", "office workplace (framework agreement)"),
      other: w("sonstiger Arbeitsplatz (Rahmenvereinbarung)", "other workplace (framework agreement)"),
      none: w("keiner: Arbeitsplatz stellt die aufnehmende Verwaltung", "none: the borrower provides the workplace"),
      agreed: w("abweichend vereinbart", "agreed in deviation"),
    }),
  ),
  overheadPercent: field("Vereinbarter Zuschlag (%)", "Agreed surcharge (%)", { kind: "number" }),
  centsPerHour: field("Satz je Stunde (Cent)", "Rate per hour (cents)", { kind: "number" }),
  administrations: field("Anzahl der Verwaltungen", "Number of administrations", { kind: "number" }),
  year: field("Jahr", "Year", { kind: "text" }),
  // Hours and expenses (settlement)
  secondmentId: field("Abordnung", "Secondment", { kind: "reference" }),
  day: field("Tag", "Day", { kind: "date" }),
  minutes: field("Minuten", "Minutes", { kind: "number" }),
  entryState: field(
    "Stand",
    "State",
    words({
      recorded: w("erfasst", "recorded"),
      confirmed: w("bestätigt", "confirmed"),
      returned: w("zurückgegeben", "returned"),
      replaced: w("durch eine Korrektur ersetzt", "replaced by a correction"),
    }),
  ),
  comment: field("Anmerkung", "Comment"),
  corrects: field("Korrigiert", "Corrects", { kind: "reference" }),
  expenseKind: field(
    "Art der Auslage",
    "Kind of expense",
    words({
      travel: w("Fahrtkosten", "travel costs"),
      separation_allowance: w("Trennungsgeld", "separation allowance"),
      per_diem: w("Tagegeld", "per diem"),
    }),
  ),
  amountCents: field("Betrag in Cent", "Amount in cents", { kind: "number" }),
  expenseId: field("Auslage", "Expense", { kind: "reference" }),
  fileName: field("Dateiname", "File name"),
  mediaType: field("Dateiart", "File type"),
  size: field("Größe in Bytes", "Size in bytes", { kind: "number" }),
  memberId: HIDDEN,
  receiptId: field("Beleg", "Receipt", { kind: "reference" }),
  // Statements (settlement)
  month: field("Monat", "Month"),
  statementState: field(
    "Stand der Abrechnung",
    "Statement state",
    words({
      draft: w("Entwurf", "draft"),
      issued: w("gestellt", "issued"),
      acknowledged: w("bestätigt", "acknowledged"),
      paid: w("bezahlt", "paid"),
    }),
  ),
  number: field("Nummer", "Number"),
  supplements: field("Nachtrag zur Abrechnung Nr.", "Supplement to statement no."),
  netCents: field("Nettobetrag in Cent", "Net amount in cents", { kind: "number" }),
  grossCents: field("Gesamtbetrag in Cent", "Gross amount in cents", { kind: "number" }),
  leitwegId: field("Leitweg-ID", "Leitweg-ID"),
  iban: field("IBAN", "IBAN"),
  vat: field(
    "Umsatzsteuer",
    "VAT",
    words({
      none: w("nicht steuerbar (§ 2b UStG)", "not subject to VAT (§ 2b UStG)"),
      section_2b: w("19 % nach § 2b UStG", "19 % under § 2b UStG"),
    }),
  ),
  // Reported values of service standards (Meldungen)
  period: field("Meldezeitraum", "Period"),
  values: field("Übernommene Werte", "Values taken over", { kind: "number" }),
  periods: field("Meldezeiträume", "Periods", { kind: "list" }),
  value: field("Wert", "Value", { kind: "number" }),
  numerator: field("Zähler", "Numerator", { kind: "number" }),
  denominator: field("Nenner", "Denominator", { kind: "number" }),
  confidence: field(
    "Verlässlichkeit",
    "Confidence",
    words({ high: w("hoch", "high"), medium: w("mittel", "medium"), low: w("gering", "low") }),
  ),
  submissionState: field(
    "Stand der Meldung",
    "State of the reported value",
    words({
      draft: w("Entwurf", "draft"),
      submitted: w("eingereicht", "submitted"),
      validated: w("validiert", "validated"),
      published: w("veröffentlicht", "published"),
    }),
  ),
  publishOn: field("Veröffentlichung am", "Published on", { kind: "date" }),
  explainedWarnings: field("Begründete Hinweise", "Explained warnings", { kind: "count" }),
  returnComment: field("Anmerkung der Prüfung", "Review comment"),
  correctionReason: field("Grund der Korrektur", "Reason for the correction"),
  reply: field("Stellungnahme der Verwaltung", "The administration's comment"),
  // Export of the log
  person: field("Person", "Person"),
  objectType: field("Objektart", "Object type", words(Object.fromEntries(Object.entries(OBJECT_TYPES).map(([k, v]) => [k, v.name])))),
  from: field("Von", "From", { kind: "date" }),
  to: field("Bis", "To", { kind: "date" }),
  // Service standards (catalogue)
  titleEn: field("Titel (englisch)", "Title (English)"),
  theme: field("Thema", "Theme"),
  leikaKey: field("LeiKa-Schlüssel", "LeiKa key"),
  ozgId: field("OZG-Leistung", "OZG service"),
  indicatorDefinition: field("Kennzahl", "Indicator"),
  measurement: field("Messung", "Measurement"),
  unit: field("Einheit", "Unit"),
  aggregation: field("Zusammenfassung über Teilzeiträume", "Aggregation over sub-periods"),
  direction: field("Besser ist", "Better is"),
  periodicity: field("Meldezeitraum", "Reporting period"),
  target: field("Zielwert", "Target", { kind: "number" }),
  tolerance: field("Toleranz", "Tolerance", { kind: "number" }),
  validTo: field("Gültig bis", "Valid to", { kind: "date" }),
  anchor: field("Rechtsgrundlage oder Beschluss", "Legal basis or resolution"),
  referenceModel: field("Bezugsmodell", "Reference model"),
  appliesTo: field(
    "Gilt für",
    "Applies to",
    words({
      all: w("alle Verwaltungen", "all administrations"),
      municipalities: w("die Städte und Gemeinden", "the municipalities"),
      building_authorities: w("die unteren Bauaufsichtsbehörden", "the lower building authorities"),
      region: w("die Regionsverwaltung", "the regional administration"),
    }),
  ),
  changeNote: field("Begründung der Änderung", "Reason for the change"),
};

const listed = (parts: string[], and: string) =>
  parts.length <= 1 ? parts.join("") : `${parts.slice(0, -1).join(", ")} ${and} ${parts.at(-1)}`;

/** "a, b und c" / "a, b and c". */
export function joined(clauses: Bilingual[]): Bilingual {
  const de = clauses.map((c) => c.de);
  const en = clauses.map((c) => c.en);
  return w(listed(de, "und"), listed(en, "and"));
}

/** The role names of the log (the UI's). */
export const roleName = (role: string): Bilingual => (ROLE_LABELS as Record<string, Bilingual>)[role] ?? w(role, role);

/** Whether a workflow action has words (every one has: the table is `satisfies Record<Action, …>`). */
export const isWorkflowAction = (value: unknown): value is WorkflowAction =>
  typeof value === "string" && (WORKFLOW_ACTIONS as readonly string[]).includes(value);

/** Who acted when no account did. */
export const SYSTEM_ACTORS: Record<string, Bilingual> = {
  verbund: w("Verbund (automatisch)", "Verbund (automatic)"),
  "verbund admin create": w("Verbund (Einrichtung durch den Betrieb)", "Verbund (set up by operations)"),
};

/** An administration's API key that acted (a Fachverfahren), named by its public prefix. */
export const API_KEY_ACTOR = (prefix: string): Bilingual => w(`API-Schlüssel ${prefix}`, `API key ${prefix}`);

/** Who acted when the log does not know or may not say. */
export const UNKNOWN_ACTOR = w("unbekannt", "unknown");
/** An actor of another administration, whose name the viewer does not see. */
export const PERSON_OF = (organization: Bilingual): Bilingual =>
  w(`eine Person aus ${organization.de}`, `a person from ${organization.en}`);
