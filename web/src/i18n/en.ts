import { en as organizations } from "../features/organizations/i18n.en";
import { en as identity } from "../features/identity/i18n.en";
import { en as audit } from "../features/audit/i18n.en";
import { en as pool } from "../features/pool/i18n.en";
import { en as supportRequests } from "../features/support-requests/i18n.en";
import { en as allocation } from "../features/allocation/i18n.en";
import { en as secondments } from "../features/secondments/i18n.en";
import { en as notifications } from "../features/notifications/i18n.en";
import { en as settlement } from "../features/settlement/i18n.en";
import { en as standards } from "../features/standards/i18n.en";
import { en as transparency } from "../features/transparency/i18n.en";
import { en as dashboard } from "../features/dashboards/i18n.en";
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
    openCount_one: ", 1 open",
    openCount_other: ", {{count}} open",
    taskCount_one: ", 1 task waiting",
    taskCount_other: ", {{count}} tasks waiting",
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
    overviewError: "The overviews could not be loaded.",
    crisis: {
      title: "Crisis: {{name}}",
      since: "Declared from {{date}}.",
      figures_one:
        "People asked for: {{headcount}} (1 request). Offered: {{offered}} ({{rate}}). Filled by an agreed secondment: {{filled}}.",
      figures_other:
        "People asked for: {{headcount}} ({{count}} requests). Offered: {{offered}} ({{rate}}). Filled by an agreed secondment: {{filled}}.",
      board: "See the crisis board",
    },
    exchange: {
      title: "Secondments from and to {{organization}}",
      none: "At the moment nobody from {{organization}} is seconded and nobody from another administration is deployed at {{organization}}; no secondment is agreed either.",
      deployed_zero: "At the moment nobody from {{organization}} is deployed at another administration.",
      deployed_one: "At the moment 1 person from {{organization}} is deployed at another administration.",
      deployed_other: "At the moment {{count}} people from {{organization}} are deployed at other administrations.",
      borrowed_zero: "Nobody from another administration is deployed at {{organization}}.",
      borrowed_one: "1 person from another administration is deployed at {{organization}}.",
      borrowed_other: "{{count}} people from other administrations are deployed at {{organization}}.",
      agreed: "Agreed but not begun yet: {{lent}} from here to others, {{borrowed}} from others to here.",
      caption: "Secondments per partner administration: deployed and agreed",
      partner: "Administration",
      lentOut: "Ours deployed there",
      borrowedIn: "Theirs deployed here",
      lentAgreed: "Ours agreed to go there",
      borrowedAgreed: "Theirs agreed to come here",
      link: "See the secondments under way",
    },
    queue: {
      title: "The HR office's queue",
      none: "No secondment is waiting for a step of the HR office.",
      total_one: "1 secondment is waiting for a step of the HR office:",
      total_other: "{{count}} secondments are waiting for a step of the HR office:",
      link: "To the secondments waiting for you",
    },
    ownSecondments: {
      title: "Your secondments",
      none: "You are not seconded at the moment, and no secondment is being prepared for you.",
      toRequest: "{{borrower}}: {{request}}",
      period: "{{from}} to {{to}}",
      yourStep: "a step is yours",
    },
    poolEntry: {
      title: "Your entry in the support pool",
      member: "You have been in the support pool since {{date}}.",
      confirmed_zero: "None of your qualifications is confirmed yet.",
      confirmed_one: "1 qualification is confirmed.",
      confirmed_other: "{{count}} qualifications are confirmed.",
      awaiting_one: "1 is waiting for the HR office's confirmation.",
      awaiting_other: "{{count}} are waiting for the HR office's confirmation.",
      expiring_one: "1 certificate expires within the next 60 days.",
      expiring_other: "{{count}} certificates expire within the next 60 days.",
      availableNow: "Today you are available for {{hours}}\u00a0hours a week.",
      availableLater: "You are not available today; a later availability is entered.",
      noAvailability: "You have entered no availability, so nobody can ask for you.",
      edit: "See and change your entry",
      none: "You are not in the support pool. If you take part, other administrations of the region can ask for you for a limited time; you accept or decline every secondment yourself.",
      left: "You left the support pool on {{date}}.",
      rejoin: "Take part in the support pool again",
    },
    planned: {
      title: "{{role}}: in preparation",
      coming: "This function is in preparation.",
      finance:
        "Here you will see the timesheets and statements of your administration's secondments – reimbursement, reciprocity or waiver – and the balances with the other administrations.",
      reporter:
        "Here you will report your administration's indicators for the region's common service standards – by form, file or API – and see which standards are met.",
      climate_manager:
        "Here you will review the climate checks of your administration's council papers and rate their effect on the climate.",
      moderator: "Here you will moderate and answer the citizens' proposals and comments.",
      clerk: "Here you will fill in the climate checks of your department's council papers.",
    },
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

export const en: Messages = combine(
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
