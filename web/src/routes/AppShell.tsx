import type { ReactNode } from "react";
import { Link, Outlet, useLocation, useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { api } from "../api/client";
import { useMutation } from "../api/hooks";
import { setLanguage } from "../i18n";
import { useSession } from "../features/identity/session";
import { IdleDialog } from "../features/identity/IdleDialog";
import { useProviderChangeCount } from "../features/identity/providerChangeCount";
import { countUnder, useOwnTasks } from "./ownTasks";

/**
 * A navigation entry with how many tasks wait there: the figure is shown beside the label, and the
 * link's name says what it means ("Abordnungen, 3 offen") — never colour alone.
 */
function counted(label: string, count: number, spoken: string): { "aria-label"?: string; children: ReactNode } {
  if (count === 0) return { children: label };
  return {
    "aria-label": `${label}${spoken}`,
    children: (
      <>
        {label}
        <span className="nav-count">{count}</span>
      </>
    ),
  };
}

/** Header with skip link and navigation, the page, and the footer with the legal pages and sources. */
export function AppShell() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const me = session.me;
  const other = i18n.language === "en" ? "de" : "en";
  const providerChanges = useProviderChangeCount(!!me?.abilities.decideProviderChanges);
  // What waits for the person, loaded again on every page: the counts follow the steps taken.
  const { pathname } = useLocation();
  const ownTasks = useOwnTasks(me ? `${me.id}:${pathname}` : null);
  const tasks = ownTasks.data;
  // Signed in, the links wait for their first counts: a count arriving later would move the links
  // (they wrap) under a pointer about to click one.
  const areLinksPlaced = !me || tasks !== undefined || ownTasks.problem !== null;
  const open = (prefix: string) => countUnder(tasks, prefix);
  const withOpen = (label: string, prefix: string) => counted(label, open(prefix), t("nav.openCount", { count: open(prefix) }));
  const taskCount = tasks?.items.length ?? 0;

  // Signed in, the language is remembered with the account (e-mails come in it too).
  const rememberLanguage = useMutation((locale: "de" | "en") => api.PATCH("/api/v1/me", { body: { locale } }), {
    onSuccess: () => session.reload(),
  });
  const switchLanguage = () => {
    setLanguage(other);
    if (me) void rememberLanguage.run(other);
  };
  const signOut = async () => {
    await session.signOut();
    await navigate({ to: "/anmelden" });
  };

  return (
    <>
      <a className="skip-link kern-link" href="#inhalt">
        {t("app.skip")}
      </a>
      <header className="site-header">
        <div className="kern-container site-header__bar">
          <Link to="/" className="site-brand">
            <span className="site-brand__name">{t("app.name")}</span>
            <span className="site-brand__tagline">{t("app.tagline")}</span>
          </Link>
          <div className="site-header__tools">
            {me ? (
              <span className="kern-body kern-body--muted">
                {t("nav.signedInAs", { name: me.displayName, organization: me.organization.name })}
              </span>
            ) : null}
            <button
              type="button"
              className="kern-btn kern-btn--tertiary"
              lang={other}
              aria-label={t("nav.languageLabel")}
              onClick={switchLanguage}
            >
              <span className="kern-label">{t("nav.language")}</span>
            </button>
            {me ? (
              <button type="button" className="kern-btn kern-btn--secondary" onClick={() => void signOut()}>
                <span className="kern-label">{t("nav.signOut")}</span>
              </button>
            ) : (
              <Link to="/anmelden" className="kern-btn kern-btn--primary">
                <span className="kern-label">{t("nav.signIn")}</span>
              </Link>
            )}
          </div>
        </div>
        <nav aria-label={t("nav.label")} className="site-nav">
          <ul className={`kern-container site-nav__list${areLinksPlaced ? "" : " site-nav__list--placing"}`}>
            <li>
              <Link
                to="/"
                activeOptions={{ exact: true }}
                activeProps={{ "aria-current": "page" }}
                {...counted(t("nav.start"), taskCount, t("nav.taskCount", { count: taskCount }))}
              />
            </li>
            {me?.abilities.readManagementDashboard ? (
              <li>
                <Link to="/chefsache" activeProps={{ "aria-current": "page" }}>
                  {t("dashboard.nav")}
                </Link>
              </li>
            ) : null}
            <li>
              <Link to="/verwaltungen" activeProps={{ "aria-current": "page" }}>
                {t("nav.organizations")}
              </Link>
            </li>
            <li>
              <Link to="/leistungsstandards" activeProps={{ "aria-current": "page" }}>
                {t("standards.nav")}
              </Link>
            </li>
            <li>
              <Link to="/transparenz" activeProps={{ "aria-current": "page" }}>
                {t("transparency.nav")}
              </Link>
            </li>
            {me?.abilities.readRequests ? (
              <li>
                <Link to="/anfragen" activeProps={{ "aria-current": "page" }} {...withOpen(t("requests.nav"), "/anfragen")} />
              </li>
            ) : null}
            {me?.abilities.readCrises ? (
              <li>
                <Link to="/krisen" activeProps={{ "aria-current": "page" }}>
                  {t("crises.nav")}
                </Link>
              </li>
            ) : null}
            {me?.abilities.readSecondments ? (
              <li>
                <Link to="/abordnungen" activeProps={{ "aria-current": "page" }} {...withOpen(t("secondments.nav"), "/abordnungen")} />
              </li>
            ) : null}
            {me?.abilities.manageFramework ? (
              <li>
                <Link to="/rahmenvereinbarung" activeProps={{ "aria-current": "page" }}>
                  {t("framework.nav")}
                </Link>
              </li>
            ) : null}
            {me?.abilities.readCostRates ? (
              <li>
                <Link to="/kostensaetze" activeProps={{ "aria-current": "page" }}>
                  {t("costRates.nav")}
                </Link>
              </li>
            ) : null}
            {me?.abilities.readStatements ? (
              <li>
                <Link to="/abrechnungen" activeProps={{ "aria-current": "page" }}>
                  {t("statements.nav")}
                </Link>
              </li>
            ) : null}
            {me?.abilities.reportValues ? (
              <li>
                <Link to="/meldungen" activeProps={{ "aria-current": "page" }} {...withOpen(t("reporting.nav"), "/meldungen")} />
              </li>
            ) : null}
            {me?.abilities.validateValues ? (
              <li>
                <Link to="/pruefung" activeProps={{ "aria-current": "page" }} {...withOpen(t("review.nav"), "/pruefung")} />
              </li>
            ) : null}
            {me?.abilities.readBalances || me?.abilities.readRegionBalances ? (
              <li>
                <Link to="/salden" activeProps={{ "aria-current": "page" }}>
                  {t("balances.nav")}
                </Link>
              </li>
            ) : null}
            {me ? (
              <li>
                <Link
                  to={me.abilities.managePool ? "/pool/mitglieder" : "/pool"}
                  activeProps={{ "aria-current": "page" }}
                  {...withOpen(t("pool.nav"), "/pool")}
                />
              </li>
            ) : null}
            {me?.abilities.declareCrisis ? (
              <li>
                <Link to="/qualifikationen" activeProps={{ "aria-current": "page" }}>
                  {t("catalogue.nav")}
                </Link>
              </li>
            ) : null}
            {me?.abilities.readOutbox ? (
              <li>
                <Link to="/postausgang" activeProps={{ "aria-current": "page" }}>
                  {t("outbox.nav")}
                </Link>
              </li>
            ) : null}
            {me?.abilities.decideProviderChanges ? (
              <li>
                <Link to="/anmeldedienste" activeProps={{ "aria-current": "page" }}>
                  {providerChanges.count ? t("providerChanges.navCount", { count: providerChanges.count }) : t("providerChanges.nav")}
                </Link>
              </li>
            ) : null}
            {me?.abilities.manageAccounts ? (
              <li>
                <Link to="/konten" activeProps={{ "aria-current": "page" }}>
                  {t("nav.accounts")}
                </Link>
              </li>
            ) : null}
            {me?.abilities.manageApiKeys ? (
              <li>
                <Link to="/api-schluessel" activeProps={{ "aria-current": "page" }}>
                  {t("apiKeys.nav")}
                </Link>
              </li>
            ) : null}
            {me?.abilities.readAuditLog ? (
              <li>
                <Link to="/protokoll" activeProps={{ "aria-current": "page" }}>
                  {t("nav.audit")}
                </Link>
              </li>
            ) : null}
            {me ? (
              <li>
                <Link to="/profil" activeProps={{ "aria-current": "page" }}>
                  {t("nav.profile")}
                </Link>
              </li>
            ) : null}
          </ul>
        </nav>
      </header>
      <main id="inhalt" className="kern-container site-main" tabIndex={-1}>
        {session.status === "loading" ? <p className="kern-body">{t("errors.loading")}</p> : <Outlet />}
      </main>
      <footer className="site-footer" aria-label={t("footer.label")}>
        <div className="kern-container">
          <ul className="site-footer__links">
            <li>
              <Link to="/impressum" className="kern-link">
                {t("footer.imprint")}
              </Link>
            </li>
            <li>
              <Link to="/datenschutz" className="kern-link">
                {t("footer.privacy")}
              </Link>
            </li>
            <li>
              <Link to="/barrierefreiheit" className="kern-link">
                {t("footer.accessibility")}
              </Link>
            </li>
            <li>
              <a href="/api/docs" className="kern-link">
                {t("footer.api")}
              </a>
            </li>
          </ul>
          <p className="kern-body kern-body--small site-footer__sources">
            {t("footer.sources")}:{" "}
            <a className="kern-link" href="https://www.bkg.bund.de">
              {t("footer.geo")}
            </a>
            {" · "}
            {t("footer.destatis")}
            {" · "}
            <a className="kern-link" href="https://www.govdata.de/dl-de/by-2-0">
              {t("footer.licence")}
            </a>
          </p>
        </div>
      </footer>
      {me ? <IdleDialog /> : null}
    </>
  );
}
