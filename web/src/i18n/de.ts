import { de as organizations } from "../features/organizations/i18n.de";
import { de as identity } from "../features/identity/i18n.de";
import { de as audit } from "../features/audit/i18n.de";
import { de as pool } from "../features/pool/i18n.de";
import { de as supportRequests } from "../features/support-requests/i18n.de";
import { de as allocation } from "../features/allocation/i18n.de";
import { de as secondments } from "../features/secondments/i18n.de";
import { de as notifications } from "../features/notifications/i18n.de";
import { de as settlement } from "../features/settlement/i18n.de";
import { de as standards } from "../features/standards/i18n.de";
import { de as transparency } from "../features/transparency/i18n.de";
import { de as dashboard } from "../features/dashboards/i18n.de";
import { combine } from "./combine";

/**
 * German UI texts (the first language of Verbund): the words the whole app shares (header,
 * navigation, footer, start page, errors, role names); each capability brings its own texts in
 * `features/<capability>/i18n.de.ts`, merged here under their top-level keys.
 */
export const shared = {
  app: { name: "Verbund", tagline: "Zusammenarbeit der Verwaltungen in der Region Hannover", skip: "Zum Inhalt springen" },
  nav: {
    label: "Hauptnavigation",
    start: "Start",
    organizations: "Verwaltungen",
    accounts: "Konten",
    audit: "Protokoll",
    profile: "Mein Profil",
    signIn: "Anmelden",
    signOut: "Abmelden",
    language: "English",
    languageLabel: "Switch to English",
    signedInAs: "Angemeldet als {{name}} ({{organization}})",
    openCount_one: ", 1 offen",
    openCount_other: ", {{count}} offen",
    taskCount_one: ", 1 Aufgabe wartet",
    taskCount_other: ", {{count}} Aufgaben warten",
  },
  confirm: { cancel: "Abbrechen" },
  footer: {
    label: "Fußzeile",
    imprint: "Impressum",
    privacy: "Datenschutz",
    accessibility: "Barrierefreiheit",
    api: "API-Dokumentation",
    sources: "Datenquellen",
    geo: "© GeoBasis-DE / BKG 2019 (Daten verändert)",
    destatis: "Statistisches Bundesamt (Destatis), Gemeindeverzeichnis-Informationssystem GV-ISys, Stand 31.12.2018",
    licence: "Datenlizenz Deutschland – Namensnennung – Version 2.0",
  },
  start: {
    title: "Start",
    greeting: "Guten Tag, {{name}}",
    roles: "Ihre Rollen in {{organization}}",
    next: "Was Sie hier tun können",
    tasks: "Ihre Aufgaben",
    tasksNone: "Zurzeit wartet nichts auf Sie.",
    tasksCount_one: "1 Aufgabe wartet auf Sie.",
    tasksCount_other: "{{count}} Aufgaben warten auf Sie.",
    due: "fällig bis {{date}}",
    tasksError: "Ihre Aufgaben konnten nicht geladen werden.",
    requests: "Offene Unterstützungsanfragen der Region ansehen",
    poolMembers: "Die Poolmitglieder Ihrer Verwaltung verwalten",
    pool: "Im Unterstützungspool mitmachen: Einwilligung, Verfügbarkeit, Qualifikationen",
    organizations: "Die 22 Verwaltungen der Region auf Karte und in der Tabelle ansehen",
    accounts: "Konten und Rollen Ihrer Verwaltung verwalten",
    audit: "Im Protokoll nachsehen, wer wann was geändert hat",
    profile: "Ihren Namen, Ihre Sprache und Ihr Passwort ändern",
    own: "Ihre Verwaltung: {{organization}}",
    publicIntro:
      "Verbund ist die Plattform, auf der die Regionsverwaltung und die 21 Städte und Gemeinden der Region Hannover zusammenarbeiten: Sie unterstützen sich gegenseitig mit Personal, vereinbaren gemeinsame Standards für ihre Leistungen und bringen die Zukunftsthemen des Rathauses voran.",
    overviewError: "Die Übersichten konnten nicht geladen werden.",
    crisis: {
      title: "Krisenfall: {{name}}",
      since: "Ausgerufen ab {{date}}.",
      figures_one:
        "Angefragte Personen: {{headcount}} (1 Anfrage). Davon angeboten: {{offered}} ({{rate}}). Mit vereinbarter Abordnung besetzt: {{filled}}.",
      figures_other:
        "Angefragte Personen: {{headcount}} ({{count}} Anfragen). Davon angeboten: {{offered}} ({{rate}}). Mit vereinbarter Abordnung besetzt: {{filled}}.",
      board: "Lagebild ansehen",
    },
    exchange: {
      title: "Abordnungen von und nach {{organization}}",
      none: "Zurzeit ist niemand aus {{organization}} abgeordnet und niemand einer anderen Verwaltung bei {{organization}} im Einsatz; es ist auch keine Abordnung vereinbart.",
      deployed_zero: "Zurzeit ist niemand aus {{organization}} bei einer anderen Verwaltung im Einsatz.",
      deployed_one: "Zurzeit ist 1 Person aus {{organization}} bei einer anderen Verwaltung im Einsatz.",
      deployed_other: "Zurzeit sind {{count}} Personen aus {{organization}} bei anderen Verwaltungen im Einsatz.",
      borrowed_zero: "Bei {{organization}} ist niemand einer anderen Verwaltung im Einsatz.",
      borrowed_one: "Bei {{organization}} ist 1 Person einer anderen Verwaltung im Einsatz.",
      borrowed_other: "Bei {{organization}} sind {{count}} Personen anderer Verwaltungen im Einsatz.",
      agreed: "Vereinbart, aber noch nicht begonnen: {{lent}} von hier zu anderen, {{borrowed}} von anderen hierher.",
      caption: "Abordnungen je Partnerverwaltung: im Einsatz und vereinbart",
      partner: "Verwaltung",
      lentOut: "Von uns dort im Einsatz",
      borrowedIn: "Von dort bei uns im Einsatz",
      lentAgreed: "Von uns dorthin vereinbart",
      borrowedAgreed: "Von dort zu uns vereinbart",
      link: "Abordnungen im Einsatz ansehen",
    },
    queue: {
      title: "Warteschlange des Personalamts",
      none: "Keine Abordnung wartet auf einen Schritt des Personalamts.",
      total_one: "1 Abordnung wartet auf einen Schritt des Personalamts:",
      total_other: "{{count}} Abordnungen warten auf einen Schritt des Personalamts:",
      link: "Zu den Abordnungen, bei denen ein Schritt bei Ihnen liegt",
    },
    ownSecondments: {
      title: "Ihre Abordnungen",
      none: "Sie sind zurzeit nicht abgeordnet, und es ist keine Abordnung für Sie in Vorbereitung.",
      toRequest: "{{borrower}}: {{request}}",
      period: "{{from}} bis {{to}}",
      yourStep: "ein Schritt liegt bei Ihnen",
    },
    poolEntry: {
      title: "Ihr Eintrag im Unterstützungspool",
      member: "Sie sind seit dem {{date}} im Unterstützungspool.",
      confirmed_zero: "Noch ist keine Ihrer Qualifikationen bestätigt.",
      confirmed_one: "1 Qualifikation ist bestätigt.",
      confirmed_other: "{{count}} Qualifikationen sind bestätigt.",
      awaiting_one: "1 wartet auf die Bestätigung durch das Personalamt.",
      awaiting_other: "{{count}} warten auf die Bestätigung durch das Personalamt.",
      expiring_one: "1 Nachweis läuft in den nächsten 60 Tagen ab.",
      expiring_other: "{{count}} Nachweise laufen in den nächsten 60 Tagen ab.",
      availableNow: "Heute sind Sie mit {{hours}}\u00a0Stunden pro Woche verfügbar.",
      availableLater: "Heute sind Sie nicht verfügbar; eine spätere Verfügbarkeit ist eingetragen.",
      noAvailability: "Sie haben keine Verfügbarkeit eingetragen; so kann Sie niemand anfragen.",
      edit: "Eintrag ansehen und ändern",
      none: "Sie sind nicht im Unterstützungspool. Wenn Sie mitmachen, können andere Verwaltungen der Region Sie für eine begrenzte Zeit anfragen; jeder Abordnung stimmen Sie selbst zu oder lehnen sie ab.",
      left: "Sie haben den Unterstützungspool am {{date}} verlassen.",
      rejoin: "Wieder im Unterstützungspool mitmachen",
    },
    planned: {
      title: "{{role}}: in Vorbereitung",
      coming: "Diese Funktion ist in Vorbereitung.",
      finance:
        "Hier sehen Sie künftig die Stundennachweise und Abrechnungen der Abordnungen Ihrer Verwaltung – Kostenerstattung, Gegenseitigkeit oder Kostenverzicht – und die Salden mit den anderen Verwaltungen.",
      reporter:
        "Hier melden Sie künftig die Kennzahlen Ihrer Verwaltung zu den gemeinsamen Leistungsstandards der Region – per Formular, Datei oder Schnittstelle – und sehen, welche Standards erfüllt sind.",
      climate_manager:
        "Hier prüfen Sie künftig die Klimachecks der Beschlussvorlagen Ihrer Verwaltung und schätzen ihre Wirkung aufs Klima ein.",
      moderator: "Hier moderieren und beantworten Sie künftig die Vorschläge und Kommentare der Bürgerinnen und Bürger.",
      clerk: "Hier füllen Sie künftig die Klimachecks der Beschlussvorlagen Ihres Fachbereichs aus.",
    },
  },
  errors: {
    summary: "Bitte korrigieren Sie die folgenden Angaben:",
    notFound: "Diese Seite gibt es nicht.",
    forbidden: "Dazu sind Sie nicht berechtigt.",
    loading: "Wird geladen …",
  },
  list: {
    more: "Weitere laden",
    shown: "{{count}} Einträge angezeigt, weitere vorhanden.",
  },
  roles: {
    region_admin: "Koordination der Region",
    org_admin: "Personalamt",
    department_head: "Fachbereichsleitung",
    clerk: "Sachbearbeitung",
    employee: "Beschäftigte/r",
    staff_council: "Personalrat",
    finance: "Kämmerei",
    reporter: "Controlling",
    climate_manager: "Klimaschutzmanagement",
    moderator: "Bürgerbeteiligung",
    management: "Verwaltungsspitze",
  },
};

export const de = combine(
  shared,
  organizations,
  identity,
  audit,
  pool,
  supportRequests,
  allocation,
  secondments,
  notifications,
  settlement,
  standards,
  transparency,
  dashboard,
);

export type Messages = typeof de;
