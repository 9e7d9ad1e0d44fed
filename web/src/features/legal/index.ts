/** Imprint, privacy notice and accessibility statement: pages, loaded when first visited. */
export { AccessibilityPage, ImprintPage, PrivacyPage } from "./LegalPages";
