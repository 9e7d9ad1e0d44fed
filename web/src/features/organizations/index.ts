/** The administrations of the region: pages, loaded when first visited. */
export { OrganizationPage } from "./OrganizationPage";
export { OrganizationsPage } from "./OrganizationsPage";
