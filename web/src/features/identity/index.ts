/** Accounts, profile, single sign-on and API keys: pages loaded when first visited (the login page is in the main bundle). */
export { AccountEditPage } from "./AccountEditPage";
export { AccountsPage } from "./AccountsPage";
export { ApiKeysPage } from "./ApiKeysPage";
export { ProfilePage } from "./ProfilePage";
export { ProviderChangesPage } from "./ProviderChangesPage";
export { SsoSettingsPage } from "./SsoSettingsPage";
