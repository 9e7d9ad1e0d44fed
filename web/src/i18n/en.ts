import { en as organizations } from "../features/organizations/i18n.en";
import { en as identity } from "../features/identity/i18n.en";
import { en as audit } from "../features/audit/i18n.en";
import { en as pool } from "../features/pool/i18n.en";
import { en as supportRequests } from "../features/support-requests/i18n.en";
import { en as allocation } from "../features/allocation/i18n.en";
import { en as secondments } from "../features/secondments/i18n.en";
import { en as notifications } from "../features/notifications/i18n.en";
import { combine } from "./combine";
import type { Messages, shared as sharedDe } from "./de";

/** English UI texts: the shared words here, each capability's in `features/<capability>/i18n.en.ts`. */
const shared: typeof sharedDe = {
  app: { name: "Verbund", tagline: "Cooperation of the administrations in the Region Hannover", skip: "Skip to content" },
  nav: {
    label: "Main navigation",
    start: "Home",
    organizations: "Administrations",
    accounts: "Accounts",
    audit: "Audit log",
    profile: "My profile",
    signIn: "Sign in",
    signOut: "Sign out",
    language: "Deutsch",
    languageLabel: "Auf Deutsch umschalten",
    signedInAs: "Signed in as {{name}} ({{organization}})",
  },
  confirm: { cancel: "Cancel" },
  footer: {
    label: "Footer",
    imprint: "Imprint",
    privacy: "Privacy",
    accessibility: "Accessibility",
    api: "API documentation",
    sources: "Data sources",
    geo: "© GeoBasis-DE / BKG 2019 (data modified)",
    destatis: "Federal Statistical Office (Destatis), municipal register GV-ISys, as of 31 Dec 2018",
    licence: "Data licence Germany – attribution – version 2.0",
  },
  start: {
    title: "Home",
    greeting: "Hello, {{name}}",
    roles: "Your roles in {{organization}}",
    next: "What you can do here",
    tasks: "Your tasks",
    tasksNone: "Nothing is waiting for you at the moment.",
    tasksCount_one: "1 task is waiting for you.",
    tasksCount_other: "{{count}} tasks are waiting for you.",
    due: "due by {{date}}",
    tasksError: "Your tasks could not be loaded.",
    requests: "See the region's open support requests",
    poolMembers: "Manage your administration's pool members",
    pool: "Take part in the support pool: consent, availability, qualifications",
    organizations: "See the region's 22 administrations on a map and in a table",
    accounts: "Manage the accounts and roles of your administration",
    audit: "Look up in the audit log who changed what and when",
    profile: "Change your name, language and password",
    own: "Your administration: {{organization}}",
    publicIntro:
      "Verbund is the platform on which the regional administration and the 21 towns and municipalities of the Region Hannover work together: they support each other with staff, agree on common service standards and move the town hall's future topics forward.",
  },
  errors: {
    summary: "Please correct the following:",
    notFound: "This page does not exist.",
    forbidden: "You are not allowed to do this.",
    loading: "Loading …",
  },
  list: {
    more: "Load more",
    shown: "{{count}} entries shown, more available.",
  },
  roles: {
    region_admin: "Regional coordination",
    org_admin: "HR office",
    department_head: "Head of department",
    clerk: "Clerk",
    employee: "Employee",
    staff_council: "Staff council",
    finance: "Finance office",
    reporter: "Controlling",
    climate_manager: "Climate protection manager",
    moderator: "Participation team",
    management: "Management",
  },
};

export const en: Messages = combine(shared, organizations, identity, audit, pool, supportRequests, allocation, secondments, notifications);
