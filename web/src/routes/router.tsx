import { createRootRoute, createRoute, createRouter } from "@tanstack/react-router";
import { AppShell } from "./components/AppShell";
import { RequireSignIn } from "./components/RequireSignIn";
import { AccountEditPage } from "./pages/AccountEditPage";
import { AccountsPage } from "./pages/AccountsPage";
import { AuditPage } from "./pages/AuditPage";
import { AccessibilityPage, ImprintPage, NotFoundPage, PrivacyPage } from "./pages/LegalPages";
import { LoginPage } from "./pages/LoginPage";
import { OrganizationPage } from "./pages/OrganizationPage";
import { OrganizationsPage } from "./pages/OrganizationsPage";
import { ProfilePage } from "./pages/ProfilePage";
import { ProviderChangesPage } from "./pages/ProviderChangesPage";
import { SsoSettingsPage } from "./pages/SsoSettingsPage";
import { StartPage } from "./pages/StartPage";
import { PoolPage } from "./pages/PoolPage";
import { PoolMembersPage } from "./pages/PoolMembersPage";
import { PoolMemberNewPage } from "./pages/PoolMemberNewPage";
import { RequestsPage } from "./pages/RequestsPage";
import { RequestEditPage, RequestNewPage } from "./pages/RequestNewPage";
import { SecondmentsPage } from "./pages/SecondmentsPage";
import { SecondmentPage } from "./pages/SecondmentPage";
import { SecondmentSettingsPage } from "./pages/SecondmentSettingsPage";
import { FrameworkPage } from "./pages/FrameworkPage";
import { RequestPage } from "./pages/RequestPage";
import { CrisesPage } from "./pages/CrisesPage";
import { CrisisBoardPage } from "./pages/CrisisBoardPage";
import { OutboxPage } from "./pages/OutboxPage";
import { QualificationsPage } from "./pages/QualificationsPage";

const root = createRootRoute({ component: AppShell, notFoundComponent: NotFoundPage });
const signedIn = (Component: () => React.JSX.Element) => () => (
  <RequireSignIn>
    <Component />
  </RequireSignIn>
);

const routes = [
  createRoute({ getParentRoute: () => root, path: "/", component: StartPage }),
  createRoute({ getParentRoute: () => root, path: "/anmelden", component: LoginPage }),
  createRoute({ getParentRoute: () => root, path: "/verwaltungen", component: OrganizationsPage }),
  createRoute({ getParentRoute: () => root, path: "/verwaltungen/$id", component: OrganizationPage }),
  createRoute({ getParentRoute: () => root, path: "/konten", component: signedIn(AccountsPage) }),
  createRoute({ getParentRoute: () => root, path: "/konten/anmeldung", component: signedIn(SsoSettingsPage) }),
  createRoute({ getParentRoute: () => root, path: "/konten/$id", component: signedIn(AccountEditPage) }),
  createRoute({ getParentRoute: () => root, path: "/profil", component: signedIn(ProfilePage) }),
  createRoute({ getParentRoute: () => root, path: "/protokoll", component: signedIn(AuditPage) }),
  createRoute({ getParentRoute: () => root, path: "/anmeldedienste", component: signedIn(ProviderChangesPage) }),
  createRoute({ getParentRoute: () => root, path: "/pool", component: signedIn(PoolPage) }),
  createRoute({ getParentRoute: () => root, path: "/pool/mitglieder", component: signedIn(PoolMembersPage) }),
  createRoute({ getParentRoute: () => root, path: "/pool/mitglieder/neu", component: signedIn(PoolMemberNewPage) }),
  createRoute({ getParentRoute: () => root, path: "/anfragen", component: signedIn(RequestsPage) }),
  createRoute({ getParentRoute: () => root, path: "/anfragen/neu", component: signedIn(RequestNewPage) }),
  createRoute({ getParentRoute: () => root, path: "/anfragen/$id", component: signedIn(RequestPage) }),
  createRoute({ getParentRoute: () => root, path: "/anfragen/$id/bearbeiten", component: signedIn(RequestEditPage) }),
  createRoute({ getParentRoute: () => root, path: "/abordnungen", component: signedIn(SecondmentsPage) }),
  createRoute({ getParentRoute: () => root, path: "/abordnungen/einstellungen", component: signedIn(SecondmentSettingsPage) }),
  createRoute({ getParentRoute: () => root, path: "/abordnungen/$id", component: signedIn(SecondmentPage) }),
  createRoute({ getParentRoute: () => root, path: "/rahmenvereinbarung", component: signedIn(FrameworkPage) }),
  createRoute({ getParentRoute: () => root, path: "/krisen", component: signedIn(CrisesPage) }),
  createRoute({ getParentRoute: () => root, path: "/krisen/$id", component: signedIn(CrisisBoardPage) }),
  createRoute({ getParentRoute: () => root, path: "/postausgang", component: signedIn(OutboxPage) }),
  createRoute({ getParentRoute: () => root, path: "/qualifikationen", component: signedIn(QualificationsPage) }),
  createRoute({ getParentRoute: () => root, path: "/impressum", component: ImprintPage }),
  createRoute({ getParentRoute: () => root, path: "/datenschutz", component: PrivacyPage }),
  createRoute({ getParentRoute: () => root, path: "/barrierefreiheit", component: AccessibilityPage }),
];

/** The web app's routes (German paths, as users see them). */
export const router = createRouter({ routeTree: root.addChildren(routes), defaultPreload: false });

declare module "@tanstack/react-router" {
  interface Register {
    router: typeof router;
  }
}
