/** The transparency portal's pages (public), loaded when first visited. */
export { TransparencyPage } from "./TransparencyPage";
export { TransparencyOrganizationPage } from "./TransparencyOrganizationPage";
