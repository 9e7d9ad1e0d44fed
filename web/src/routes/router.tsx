import { createRootRoute, createRoute, createRouter, lazyRouteComponent, type RouteComponent } from "@tanstack/react-router";
import { LoginPage } from "../features/identity/LoginPage";
import { RequireSignIn } from "../features/identity/RequireSignIn";
import { AppShell } from "./AppShell";
import { NotFoundPage } from "./NotFoundPage";
import { StartPage } from "./StartPage";

// Each capability's pages are one chunk, loaded when one of them is first visited; the start
// and login pages come with the app. `import()` of a feature's index.ts keeps a chunk per feature.
const organizations = () => import("../features/organizations");
const identity = () => import("../features/identity");
const audit = () => import("../features/audit");
const pool = () => import("../features/pool");
const supportRequests = () => import("../features/support-requests");
const secondments = () => import("../features/secondments");
const notifications = () => import("../features/notifications");
const legal = () => import("../features/legal");
const settlement = () => import("../features/settlement");
const standards = () => import("../features/standards");
const transparency = () => import("../features/transparency");
const dashboards = () => import("../features/dashboards");

const root = createRootRoute({ component: AppShell, notFoundComponent: NotFoundPage });
/** A page only for signed-in accounts; everyone else is sent to the login page and back. */
const signedIn = (Component: RouteComponent) => () => (
  <RequireSignIn>
    <Component />
  </RequireSignIn>
);
const at = <P extends string>(path: P, component: RouteComponent) => createRoute({ getParentRoute: () => root, path, component });

const routes = [
  at("/", StartPage),
  at("/anmelden", LoginPage),
  at("/verwaltungen", lazyRouteComponent(organizations, "OrganizationsPage")),
  at("/verwaltungen/$id", lazyRouteComponent(organizations, "OrganizationPage")),
  at("/konten", signedIn(lazyRouteComponent(identity, "AccountsPage"))),
  at("/konten/anmeldung", signedIn(lazyRouteComponent(identity, "SsoSettingsPage"))),
  at("/konten/$id", signedIn(lazyRouteComponent(identity, "AccountEditPage"))),
  at("/profil", signedIn(lazyRouteComponent(identity, "ProfilePage"))),
  at("/protokoll", signedIn(lazyRouteComponent(audit, "AuditPage"))),
  at("/anmeldedienste", signedIn(lazyRouteComponent(identity, "ProviderChangesPage"))),
  at("/api-schluessel", signedIn(lazyRouteComponent(identity, "ApiKeysPage"))),
  at("/pool", signedIn(lazyRouteComponent(pool, "PoolPage"))),
  at("/pool/mitglieder", signedIn(lazyRouteComponent(pool, "PoolMembersPage"))),
  at("/pool/mitglieder/neu", signedIn(lazyRouteComponent(pool, "PoolMemberNewPage"))),
  at("/anfragen", signedIn(lazyRouteComponent(supportRequests, "RequestsPage"))),
  at("/anfragen/neu", signedIn(lazyRouteComponent(supportRequests, "RequestNewPage"))),
  at("/anfragen/$id", signedIn(lazyRouteComponent(supportRequests, "RequestPage"))),
  at("/anfragen/$id/bearbeiten", signedIn(lazyRouteComponent(supportRequests, "RequestEditPage"))),
  at("/abordnungen", signedIn(lazyRouteComponent(secondments, "SecondmentsPage"))),
  at("/abordnungen/einstellungen", signedIn(lazyRouteComponent(secondments, "SecondmentSettingsPage"))),
  at("/abordnungen/$id", signedIn(lazyRouteComponent(secondments, "SecondmentPage"))),
  at("/abordnungen/$id/stunden", signedIn(lazyRouteComponent(settlement, "TimesheetPage"))),
  at("/rahmenvereinbarung", signedIn(lazyRouteComponent(secondments, "FrameworkPage"))),
  at("/krisen", signedIn(lazyRouteComponent(supportRequests, "CrisesPage"))),
  at("/krisen/$id", signedIn(lazyRouteComponent(supportRequests, "CrisisBoardPage"))),
  at("/postausgang", signedIn(lazyRouteComponent(notifications, "OutboxPage"))),
  at("/qualifikationen", signedIn(lazyRouteComponent(pool, "QualificationsPage"))),
  at("/kostensaetze", signedIn(lazyRouteComponent(settlement, "CostRatesPage"))),
  at("/kostensaetze/ohne-tabelle", signedIn(lazyRouteComponent(settlement, "ManualRatesPage"))),
  at("/abrechnungen", signedIn(lazyRouteComponent(settlement, "StatementsPage"))),
  at("/meldungen", signedIn(lazyRouteComponent(standards, "ReportingPage"))),
  at("/pruefung", signedIn(lazyRouteComponent(standards, "ValidationPage"))),
  at("/abrechnungen/rechnungsdaten", signedIn(lazyRouteComponent(settlement, "BillingDetailsPage"))),
  at("/abrechnungen/$id", signedIn(lazyRouteComponent(settlement, "StatementPage"))),
  at("/salden", signedIn(lazyRouteComponent(settlement, "BalancesPage"))),
  at("/leistungsstandards", lazyRouteComponent(standards, "StandardsPage")),
  at("/leistungsstandards/neu", signedIn(lazyRouteComponent(standards, "StandardNewPage"))),
  at("/leistungsstandards/$id", lazyRouteComponent(standards, "StandardPage")),
  at("/chefsache", signedIn(lazyRouteComponent(dashboards, "ManagementDashboardPage"))),
  at("/transparenz", lazyRouteComponent(transparency, "TransparencyPage")),
  at("/transparenz/$id", lazyRouteComponent(transparency, "TransparencyOrganizationPage")),
  at("/leistungsstandards/$id/auswertung", signedIn(lazyRouteComponent(standards, "EvaluationPage"))),
  at("/impressum", lazyRouteComponent(legal, "ImprintPage")),
  at("/datenschutz", lazyRouteComponent(legal, "PrivacyPage")),
  at("/barrierefreiheit", lazyRouteComponent(legal, "AccessibilityPage")),
];

/** The web app's routes (German paths, as users see them). */
export const router = createRouter({ routeTree: root.addChildren(routes), defaultPreload: false });

declare module "@tanstack/react-router" {
  interface Register {
    router: typeof router;
  }
}
