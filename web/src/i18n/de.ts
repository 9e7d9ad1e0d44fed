import { de as organizations } from "../features/organizations/i18n.de";
import { de as identity } from "../features/identity/i18n.de";
import { de as audit } from "../features/audit/i18n.de";
import { de as pool } from "../features/pool/i18n.de";
import { de as supportRequests } from "../features/support-requests/i18n.de";
import { de as allocation } from "../features/allocation/i18n.de";
import { de as secondments } from "../features/secondments/i18n.de";
import { de as notifications } from "../features/notifications/i18n.de";
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

export const de = combine(shared, organizations, identity, audit, pool, supportRequests, allocation, secondments, notifications);

export type Messages = typeof de;
