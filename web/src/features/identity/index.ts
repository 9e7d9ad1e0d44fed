/** Accounts, profile and single sign-on: pages loaded when first visited (the login page is in the main bundle). */
export { AccountEditPage } from "./AccountEditPage";
export { AccountsPage } from "./AccountsPage";
export { ProfilePage } from "./ProfilePage";
export { ProviderChangesPage } from "./ProviderChangesPage";
export { SsoSettingsPage } from "./SsoSettingsPage";
