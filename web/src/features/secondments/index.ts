/** Secondments, their settings and the framework agreement: pages, loaded when first visited. */
export { FrameworkPage } from "./FrameworkPage";
export { SecondmentPage } from "./SecondmentPage";
export { SecondmentSettingsPage } from "./SecondmentSettingsPage";
export { SecondmentsPage } from "./SecondmentsPage";
