import { createRootRoute, createRoute, createRouter } from "@tanstack/react-router";
import { AppShell } from "./AppShell";
import { RequireSignIn } from "../features/identity/RequireSignIn";
import { AccountEditPage } from "../features/identity/AccountEditPage";
import { AccountsPage } from "../features/identity/AccountsPage";
import { AuditPage } from "../features/audit/AuditPage";
import { AccessibilityPage, ImprintPage, NotFoundPage, PrivacyPage } from "../features/legal/LegalPages";
import { LoginPage } from "../features/identity/LoginPage";
import { OrganizationPage } from "../features/organizations/OrganizationPage";
import { OrganizationsPage } from "../features/organizations/OrganizationsPage";
import { ProfilePage } from "../features/identity/ProfilePage";
import { ProviderChangesPage } from "../features/identity/ProviderChangesPage";
import { SsoSettingsPage } from "../features/identity/SsoSettingsPage";
import { StartPage } from "./StartPage";
import { PoolPage } from "../features/pool/PoolPage";
import { PoolMembersPage } from "../features/pool/PoolMembersPage";
import { PoolMemberNewPage } from "../features/pool/PoolMemberNewPage";
import { RequestsPage } from "../features/support-requests/RequestsPage";
import { RequestEditPage, RequestNewPage } from "../features/support-requests/RequestNewPage";
import { SecondmentsPage } from "../features/secondments/SecondmentsPage";
import { SecondmentPage } from "../features/secondments/SecondmentPage";
import { SecondmentSettingsPage } from "../features/secondments/SecondmentSettingsPage";
import { FrameworkPage } from "../features/secondments/FrameworkPage";
import { RequestPage } from "../features/support-requests/RequestPage";
import { CrisesPage } from "../features/support-requests/CrisesPage";
import { CrisisBoardPage } from "../features/support-requests/CrisisBoardPage";
import { OutboxPage } from "../features/notifications/OutboxPage";
import { QualificationsPage } from "../features/pool/QualificationsPage";

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
